"""公共查询 data: an import replaces a dataset whole or not at all, with row-level Chinese
errors; the scheduled import from the file drop runs once per changed file however often the
job fires; the connector calls the utility's own API (a local test server here) with a
timeout and keeps exact matching."""

from __future__ import annotations

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from govportal.convenience import actions, selectors
from govportal.convenience.models import QueryImport, QueryRecord, QuerySource
from govportal.convenience.querying import ServiceUnavailable
from govportal.core.models import AgencyKind
from tests.convenience.query_helpers import WATER_HEADER, WATER_ROWS, load, table, water_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def water(make_agency):
    return water_system(make_agency(AgencyKind.DEPARTMENT, name="示例市住房和城乡建设局", short_name="住建局"))


def answer(system, *values):
    return selectors.answer_rows(system, list(values))


def test_an_import_replaces_the_whole_dataset(water):
    load(water, WATER_HEADER, WATER_ROWS)
    assert len(answer(water, "SL20260001", "王")) == 2
    load(water, WATER_HEADER, [["SL20269999", "周", "周长青", "", "2026-12", "9.45"]])
    assert answer(water, "SL20260001", "王") == []
    assert [c for c in answer(water, "SL20269999", "周")[0].cells if c[0] == "应缴金额（元）"] == [
        ("应缴金额（元）", "9.45")
    ]
    water.refresh_from_db()
    assert water.row_count == 1 and water.data_as_of is not None


def test_a_file_with_bad_rows_is_refused_whole_with_each_row_named_in_chinese(water):
    load(water, WATER_HEADER, WATER_ROWS)
    rows = [
        ["SL20260003", "张", "张三", "", "2026-11", "1.00"],
        ["", "李", "李四", "", "2026-11", "2.00"],
        ["SL20260005", "", "王五", "", "2026-11", "3.00"],
        ["SL20260006", "赵" * 300, "赵六", "", "2026-11", "4.00"],
    ]
    result = actions.query_data_import(
        system=water, data=table(WATER_HEADER, rows), file_name="bad.csv", source="upload"
    )
    assert not result.ok
    assert "第 3 行：“户号”为空" in result.message
    assert "第 4 行：“户主姓氏”为空" in result.message
    assert "第 5 行：“户主姓氏”超过 200 个字" in result.message
    assert QueryRecord.objects.filter(system=water).count() == 3  # the old rows, untouched
    assert answer(water, "SL20260003", "张") == []


def test_missing_columns_empty_files_and_foreign_content_are_refused_in_chinese(water):
    def refused(data, name="x.csv"):
        result = actions.query_data_import(system=water, data=data, file_name=name, source="upload")
        assert not result.ok
        return result.message

    assert "表头缺少列：户主姓氏" in refused(table(["户号", "户主", "联系电话", "账期", "应缴金额（元）"], []))
    assert "是空的" in refused(b"")
    assert "不是允许的类型" in refused(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "不是允许的类型" in refused(b"PK\x03\x04" + b"\x00" * 200, name="fake.xlsx")  # a zip, not a workbook
    assert "编码无法识别" in refused(b"\xff\xff\xff")
    assert QueryImport.objects.filter(system=water, ok=False).count() == 5


def test_an_xlsx_workbook_imports_with_numbers_read_as_the_clerk_typed_them(water):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(WATER_HEADER)
    wb.active.append([20260007, "刘", "刘长青", 13812345678, "2026-11", 12.5])
    out = io.BytesIO()
    wb.save(out)
    result = actions.query_data_import(system=water, data=out.getvalue(), file_name="bills.xlsx", source="upload")
    assert result.ok, result.message
    cells = dict(answer(water, "20260007", "刘")[0].cells)
    assert cells["户号"] == "****0007" and cells["联系电话"] == "138****5678" and cells["户主"] == "刘**"


def test_the_scheduled_import_runs_once_per_changed_file_however_often_the_job_fires(settings, tmp_path, make_agency):
    from datetime import UTC, datetime

    from govportal.core import scheduler
    from govportal.core.models import PeriodicRun

    settings.GOVPORTAL_QUERY_DROP_DIR = tmp_path
    water = water_system(make_agency(), slug="shuifei-drop", source=QuerySource.DROP)
    (tmp_path / "shuifei-drop.csv").write_bytes(table(WATER_HEADER, WATER_ROWS))
    job = next(j for j in scheduler.registered_jobs() if j.name == "query_drop_import")
    noon = datetime(2026, 12, 5, 4, 0, tzinfo=UTC)
    assert scheduler.claim(job, noon) and not scheduler.claim(job, noon)  # two schedulers, one run
    assert PeriodicRun.objects.filter(name="query_drop_import").count() == 1
    job.enqueue()  # the task runs at once under the test settings
    job.enqueue()  # a second run of the same file: nothing to do
    imports = QueryImport.objects.filter(system=water)
    assert imports.count() == 1 and imports.get().ok and imports.get().source == QuerySource.DROP
    assert len(answer(water, "SL20260002", "李")) == 1
    (tmp_path / "shuifei-drop.csv").write_bytes(table(WATER_HEADER, WATER_ROWS[:1]))
    assert len(actions.query_drop_import_all()) == 1
    assert answer(water, "SL20260002", "李") == []


class _Utility(BaseHTTPRequestHandler):
    """The utility's own query API: answers loosely (every bill of the account, whatever the
    surname) and sleeps for the account SLOW."""

    def do_GET(self):  # noqa: N802 — http.server's name
        params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        if params.get("户号") == "SLOW":
            time.sleep(1.3)
        if params.get("户号") == "BROKEN":
            body = b"<html>"
        else:
            rows = [dict(zip(WATER_HEADER, r, strict=True)) for r in WATER_ROWS if r[0] == params.get("户号")]
            body = json.dumps({"rows": rows}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def utility(settings):
    server = HTTPServer(("127.0.0.1", 0), _Utility)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.GOVPORTAL_QUERY_CONNECTOR_HOSTS = ["127.0.0.1"]
    yield f"http://127.0.0.1:{server.server_port}/bills"
    server.shutdown()
    server.server_close()


def test_a_connector_asks_the_utilitys_api_and_keeps_the_match_exact(water, utility):
    water.source, water.connector_url, water.connector_timeout = QuerySource.CONNECTOR, utility, 1
    water.save()
    rows = answer(water, "SL20260001", "王")
    assert len(rows) == 2 and dict(rows[0].cells)["户主"] == "王**"
    assert answer(water, "SL20260001", "李") == []  # the API answered; the surname did not match
    assert not QueryRecord.objects.exists()  # nothing of it kept
    with pytest.raises(ServiceUnavailable, match="暂时无法使用"):
        answer(water, "SLOW", "王")  # the 1 s timeout
    with pytest.raises(ServiceUnavailable, match="无法识别"):
        answer(water, "BROKEN", "王")


def test_a_connector_to_a_host_not_allowed_is_never_called(water, utility, settings):
    settings.GOVPORTAL_QUERY_CONNECTOR_HOSTS = ["api.water.example.cn"]
    water.source, water.connector_url = QuerySource.CONNECTOR, utility
    water.save()
    with pytest.raises(ServiceUnavailable, match="未获准"):
        answer(water, "SL20260001", "王")


def test_a_connector_system_takes_no_import(water):
    water.source, water.connector_url = QuerySource.CONNECTOR, "http://127.0.0.1:9/x"
    water.save()
    result = actions.query_data_import(
        system=water, data=table(WATER_HEADER, WATER_ROWS), file_name="a.csv", source="upload"
    )
    assert not result.ok and "不导入数据" in result.message
