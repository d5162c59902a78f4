"""Import and export of 便民服务目录 (xlsx/CSV) through the admin: row-level errors in
Chinese and nothing half-imported; export of the agency's own entries only."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from openpyxl import Workbook, load_workbook

from govportal.convenience.models import DirectoryEntry
from govportal.core.models import Role
from tests.convenience.world import staff

pytestmark = pytest.mark.django_db
HEADER = ["名称", "类别", "所在乡镇", "地址", "电话", "营业时间", "服务项目", "经度", "纬度", "是否公开"]


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _post(client, data: bytes, name="daoru.xlsx"):
    return client.post("/admin/bianmin/daoru/", {"file": SimpleUploadedFile(name, data)})


GOOD = [
    "新开宾馆",
    "酒店宾馆",
    "青山镇",
    "示例市青山镇新街1号",
    "0731-8000001",
    "24小时",
    "客房",
    "112.86",
    "28.30",
    "是",
]


def test_import_creates_and_updates_the_agencys_entries(directory, client):
    client.force_login(staff(directory["bureau"], Role.EDITOR, "bureau_editor"))
    changed = ["青山宾馆", "酒店宾馆", "青山镇", "示例市青山镇新址8号", "0731-82262999", "", "", "", "", "是"]
    r = _post(client, _xlsx([GOOD, changed]))
    assert r.status_code == 302
    assert DirectoryEntry.objects.get(name="新开宾馆").agency == directory["bureau"]
    assert DirectoryEntry.objects.get(name="青山宾馆").phone == "0731-82262999"
    assert "新增 1 条，更新 1 条" in client.get("/admin/bianmin/daoru/").content.decode()


def test_a_bad_row_imports_nothing_and_is_reported_by_row_in_chinese(directory, client):
    client.force_login(staff(directory["bureau"], Role.EDITOR, "bureau_editor"))
    before = DirectoryEntry.objects.count()
    bad = ["坏数据宾馆", "火星餐厅", "不存在镇", "", "", "", "", "200", "28.3", "也许"]
    csv = ("\ufeff" + ",".join(HEADER) + "\n" + ",".join(GOOD) + "\n" + ",".join(bad) + "\n").encode()
    r = _post(client, csv, name="daoru.csv")
    page = r.content.decode()
    assert r.status_code == 400
    assert "未导入任何数据" in page and "第 3 行" in page
    for message in (
        "类别“火星餐厅”不存在",
        "乡镇“不存在镇”不存在",
        "“地址”不能为空",
        "经度“200”超出范围",
        "“是否公开”应填",
    ):
        assert message in page, message
    assert DirectoryEntry.objects.count() == before  # not even the good row


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "a.csv", "必填"),  # an empty upload is no file
        (b"\xff\xfe\x00\x00garbage", "a.csv", "编码"),
        (b"not a zip", "a.xlsx", "不是 xlsx"),
        ("名称,地址\n甲,乙\n".encode(), "a.csv", "表头缺少列"),
        (b"PK\x03\x04broken", "a.xlsx", "无法读取"),
    ],
)
def test_bad_files_get_400_in_chinese(directory, client, data, name, message):
    client.force_login(staff(directory["bureau"], Role.EDITOR, "bureau_editor"))
    r = _post(client, data, name=name)
    assert r.status_code == 400 and message in r.content.decode()


def test_export_has_only_the_agencys_entries_and_reimports_unchanged(directory, client):
    client.force_login(staff(directory["health"], Role.EDITOR, "health_editor"))
    r = client.get("/admin/bianmin/daochu/?format=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    names = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["白沙镇卫生院"]
    csv = client.get("/admin/bianmin/daochu/?format=csv").content.decode("utf-8-sig")
    assert "白沙镇卫生院" in csv and "青山宾馆" not in csv
    again = _post(client, r.content)
    assert again.status_code == 302 and DirectoryEntry.objects.filter(name="白沙镇卫生院").count() == 1


def test_citizens_and_strangers_cannot_import(directory, client):
    assert client.get("/admin/bianmin/daoru/").status_code in (302, 404)
