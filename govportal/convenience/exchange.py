"""The 便民服务目录's exchange format (xlsx or CSV): the columns, reading a file into rows
with every row's problems in Chinese, and writing an agency's entries. Pure: no writes
(`actions.directory_import` writes, in one transaction, only when no row has a problem)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from govportal.convenience.models import LATITUDE, LONGITUDE, DirectoryCategory
from govportal.core.citizen_input import strip_controls, to_half_width
from govportal.core.errors import InvalidInput
from govportal.core.xlsx import sheet_bytes

# (header, field, required, max length)
COLUMNS = (
    ("名称", "name", True, 100),
    ("类别", "category", True, 20),
    ("所在乡镇", "township", True, 100),
    ("地址", "address", True, 200),
    ("电话", "phone", False, 50),
    ("营业时间", "hours", False, 100),
    ("服务项目", "services", False, 1000),
    ("经度", "longitude", False, 20),
    ("纬度", "latitude", False, 20),
    ("是否公开", "is_published", False, 4),
)
HEADERS = [c[0] for c in COLUMNS]
MAX_ROWS = 5000
YES, NO = {"是", "公开", "1", "y", "yes", "true", ""}, {"否", "不公开", "0", "n", "no", "false"}


@dataclass
class Row:
    line: int  # the row's number in the file (the header is line 1)
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _cells_of_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InvalidInput("无法读取该 xlsx 文件，请确认文件未损坏", field="file") from exc
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    wb.close()
    return rows


def _cells_of_csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidInput("无法识别 CSV 文件的编码，请保存为 UTF-8 或 GBK 编码", field="file")
    if "\x00" in text:
        raise InvalidInput("CSV 文件中含有不允许的字符", field="file")
    return [list(r) for r in csv.reader(io.StringIO(text))][: MAX_ROWS + 2]


def read_table(data: bytes, name: str) -> list[list]:
    """The cells of the first sheet of an xlsx, or of a CSV — by content, not by name."""
    if data[:4] == b"PK\x03\x04":
        return _cells_of_xlsx(data)
    if name.lower().endswith((".xlsx", ".xls")):
        raise InvalidInput("文件内容不是 xlsx 格式，请另存为 xlsx 或 CSV 后再导入", field="file")
    return _cells_of_csv(data)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return strip_controls(str(value), multiline=True).strip()


def _coordinate(text: str, label: str, validators, row: Row) -> Decimal | None:
    if not text:
        return None
    text = to_half_width(text)
    try:
        value = Decimal(text).quantize(Decimal("0.000001"))
    except InvalidOperation:
        row.errors.append(f"{label}“{text[:20]}”不是数字")
        return None
    try:
        for v in validators:
            v(value)
    except ValidationError:
        row.errors.append(f"{label}“{text[:20]}”超出范围")
        return None
    return value


def parse_rows(cells: list[list], *, townships: dict[str, int]) -> list[Row]:
    """Rows with their values checked; ``townships`` maps a township's name and short name
    to its agency id. Every problem goes into the row's ``errors`` (Chinese)."""
    if not cells:
        raise InvalidInput("文件是空的", field="file")
    header = [_text(h) for h in cells[0]]
    missing = [h for h, _f, required, _m in COLUMNS if required and h not in header]
    if missing:
        raise InvalidInput(f"表头缺少列：{'、'.join(missing)}（第一行应为：{'、'.join(HEADERS)}）", field="file")
    if len(cells) - 1 > MAX_ROWS:
        raise InvalidInput(f"一次最多导入 {MAX_ROWS} 行", field="file")
    where = {h: header.index(h) for h in HEADERS if h in header}
    categories = {str(label): value for value, label in DirectoryCategory.choices} | {
        value: value for value in DirectoryCategory.values
    }
    rows = []
    for n, raw in enumerate(cells[1:], start=2):
        texts = {f: _text(raw[where[h]]) if h in where and where[h] < len(raw) else "" for h, f, _r, _m in COLUMNS}
        if not any(texts.values()):
            continue  # blank lines are no rows
        row = Row(line=n)
        for h, f, required, max_length in COLUMNS:
            if required and not texts[f]:
                row.errors.append(f"“{h}”不能为空")
            elif len(texts[f]) > max_length:
                row.errors.append(f"“{h}”超过 {max_length} 个字")
        v = row.values
        v["name"], v["address"] = texts["name"], texts["address"]
        v["phone"], v["hours"], v["services"] = texts["phone"], texts["hours"], texts["services"]
        if texts["category"]:
            v["category"] = categories.get(texts["category"])
            if v["category"] is None:
                row.errors.append(f"类别“{texts['category'][:20]}”不存在（可选：{'、'.join(categories_labels())}）")
        if texts["township"]:
            v["township_id"] = townships.get(texts["township"])
            if v["township_id"] is None:
                row.errors.append(f"乡镇“{texts['township'][:30]}”不存在")
        v["latitude"] = _coordinate(texts["latitude"], "纬度", LATITUDE, row)
        v["longitude"] = _coordinate(texts["longitude"], "经度", LONGITUDE, row)
        if (v["latitude"] is None) != (v["longitude"] is None) and not row.errors:
            row.errors.append("经度和纬度须同时填写")
        flag = to_half_width(texts["is_published"]).lower()
        if flag in YES:
            v["is_published"] = True
        elif flag in NO:
            v["is_published"] = False
        else:
            row.errors.append(f"“是否公开”应填“是”或“否”，而不是“{texts['is_published'][:10]}”")
        rows.append(row)
    if not rows:
        raise InvalidInput("文件中没有数据行", field="file")
    seen: dict[tuple, int] = {}
    for row in rows:
        key = (row.values.get("township_id"), row.values.get("name"))
        if key in seen and key[0] is not None:
            row.errors.append(f"与第 {seen[key]} 行重复（同一乡镇同名）")
        seen.setdefault(key, row.line)
    return rows


def categories_labels() -> list[str]:
    return [str(label) for label in DirectoryCategory.labels]


def entry_cells(e) -> list:
    return [
        e.name,
        str(e.get_category_display()),
        e.township.name,
        e.address,
        e.phone,
        e.hours,
        e.services,
        str(e.longitude) if e.longitude is not None else "",
        str(e.latitude) if e.latitude is not None else "",
        "是" if e.is_published else "否",
    ]


def export_xlsx(entries) -> bytes:
    return sheet_bytes(
        title="便民服务目录",
        header=HEADERS,
        rows=(entry_cells(e) for e in entries),
        widths=(24, 12, 20, 32, 16, 18, 32, 12, 12, 8),
    )


def export_csv(entries) -> bytes:
    from govportal.core.xlsx import as_text

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for e in entries:
        writer.writerow([as_text(c) for c in entry_cells(e)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: Excel then reads UTF-8
