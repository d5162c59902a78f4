"""The mechanics of 公共查询 with no database writes: reading an xlsx/CSV table into rows with
row-level Chinese errors, normalising a citizen's values for an exact match, the keyed
hashes, masking a row for display, and the connector's HTTP call (with its timeout).

The writes (imports, the query audit) are in `actions`; the reads in `selectors`.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings

from govportal.core.citizen_input import strip_controls, to_half_width
from govportal.core.errors import GovPortalError, InvalidInput
from govportal.core.masking import mask_name, mask_phone, mask_text
from govportal.core.uploads import check_upload

MAX_VALUE = 200  # characters in one cell or one value a citizen gives
MAX_ERRORS_SHOWN = 20
# Characters that would mean "any" in some query language: exact match only, so refused.
WILDCARDS = re.compile(r"[*%?？＊＿_]")


class ServiceUnavailable(GovPortalError):
    status_code = 503


# --- values --------------------------------------------------------------------------------


def normalize(value) -> str:
    """The form of a value that is compared: half-width, no control characters, no spaces or
    middle dots, letters upper-case (户号 ``ab 12`` = ``AB12``; 车牌 ``湘a·12345`` = ``湘A12345``).
    Numbers read from a spreadsheet lose a trailing ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = to_half_width(strip_controls(str(value)))
    return re.sub(r"[\s·\u00b7]+", "", text).upper()


def clean_asked(label: str, value: str | None) -> str:
    """A citizen's value for one asked field, or InvalidInput with a Chinese message."""
    text = normalize(value or "")
    if not text:
        raise InvalidInput(f"请填写{label}", field=label)
    if len(text) > MAX_VALUE:
        raise InvalidInput(f"{label}不能超过 {MAX_VALUE} 个字", field=label)
    if WILDCARDS.search(text):
        raise InvalidInput(f"{label}请填写完整准确的内容，不支持模糊查询（不能含 * % ? _ 等符号）", field=label)
    return text


def record_key(system_id: int, values: list[str]) -> str:
    """The index of a row: a keyed hash of its asked values, in the fields' order."""
    joined = "\x1f".join(values)
    return hmac.new(f"query-record:{system_id}".encode(), joined.encode(), hashlib.sha256).hexdigest()


def audit_hash(purpose: str, text: str) -> str:
    """A keyed hash (the project's secret key) for the audit: the same values give the same
    hash, so repeated probing shows, but the values cannot be guessed back from it."""
    return hmac.new(f"{settings.SECRET_KEY}:{purpose}".encode(), text.encode(), hashlib.sha256).hexdigest()[:32]


def mask_value(value, mask: str) -> str:
    text = "" if value is None else str(normalize(value) if mask == "tail4" else value).strip()
    if not text:
        return ""
    if mask == "name":
        return mask_name(text)
    if mask == "phone":
        return mask_phone(text)
    if mask == "tail4":
        return "****" + text[-4:] if len(text) > 4 else "****"
    if mask == "text":
        return mask_text(text)
    return text


# --- tables --------------------------------------------------------------------------------


@dataclass
class Table:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_table(data: bytes, *, name: str) -> tuple[list[str], list[list]]:
    """(header, rows) of an xlsx or CSV file, by its content (never its name): a zip container
    must be an xlsx workbook (checked by `core.uploads`), anything else must be UTF-8 or
    GB18030 text without NUL."""
    if data[:4] == b"PK\x03\x04":
        upload = io.BytesIO(data)
        upload.size = len(data)
        check_upload(upload, allowed=["xlsx"], max_bytes=max_bytes(), label=f"文件“{name}”")
        try:
            from openpyxl import load_workbook

            sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
            lines = [list(r) for r in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # openpyxl raises many kinds for a broken workbook
            raise InvalidInput(f"文件“{name}”无法作为 Excel 表格读取，请另存为 xlsx 后重试") from exc
    else:
        if b"\x00" in data:
            raise InvalidInput(f"文件“{name}”的内容不是允许的类型（XLSX、CSV）")
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InvalidInput(f"文件“{name}”的文字编码无法识别，请保存为 UTF-8 或 GBK 编码的 CSV")
        try:
            lines = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise InvalidInput(f"文件“{name}”不是有效的 CSV 表格：{exc}") from exc
    lines = [line for line in lines if any(normalize(c) for c in line)]
    if not lines:
        raise InvalidInput(f"文件“{name}”是空的")
    header = [normalize(c) for c in lines[0]]
    return header, lines[1:]


def max_bytes() -> int:
    return settings.GOVPORTAL_QUERY_IMPORT_MAX_MB * 1024 * 1024


def table_rows(system, data: bytes, *, name: str) -> Table:
    """The rows of a file for this system (only its configured columns), or every row-level
    error in Chinese. A missing column, an empty or over-long asked value, too many rows:
    all reported, with the row number as the clerk sees it in the spreadsheet."""
    if len(data) > max_bytes():
        raise InvalidInput(f"文件“{name}”超过大小上限 {settings.GOVPORTAL_QUERY_IMPORT_MAX_MB} MB")
    header, lines = read_table(data, name=name)
    fields = list(system.fields.all())
    columns = {}
    missing = []
    for f in fields:
        wanted = normalize(f.column)
        if wanted in header:
            columns[f.column] = header.index(wanted)
        else:
            missing.append(f.column)
    out = Table()
    if missing:
        out.errors.append("表头缺少列：" + "、".join(missing) + "（表头须与查询字段的“数据列名”一致）")
        return out
    limit = settings.GOVPORTAL_QUERY_IMPORT_MAX_ROWS
    if len(lines) > limit:
        out.errors.append(f"数据超过 {limit} 行（现有 {len(lines)} 行），请分系统导入或联系市信息办")
        return out
    for number, line in enumerate(lines, start=2):
        row: dict[str, str] = {}
        problems = []
        for f in fields:
            i = columns[f.column]
            raw = line[i] if i < len(line) else None
            value = normalize(raw) if f.asked else strip_controls("" if raw is None else _cell(raw)).strip()
            if len(value) > MAX_VALUE:
                problems.append(f"“{f.column}”超过 {MAX_VALUE} 个字")
            elif f.asked and not value:
                problems.append(f"“{f.column}”为空（查询条件不能为空）")
            row[f.column] = value
        if problems:
            out.errors.append(f"第 {number} 行：" + "；".join(problems))
        else:
            out.rows.append(row)
    return out


def _cell(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return (
            value.strftime("%Y-%m-%d %H:%M")
            if getattr(value, "hour", 0) or getattr(value, "minute", 0)
            else (value.strftime("%Y-%m-%d"))
        )
    return str(value)


def errors_text(errors: list[str]) -> str:
    shown = errors[:MAX_ERRORS_SHOWN]
    more = len(errors) - len(shown)
    return "\n".join(shown + ([f"……另有 {more} 处错误"] if more > 0 else []))


# --- the connector -------------------------------------------------------------------------


def connector_host_allowed(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return bool(host) and host in {h.lower() for h in settings.GOVPORTAL_QUERY_CONNECTOR_HOSTS}


def connector_rows(system, values: dict[str, str]) -> list[dict]:
    """Ask the utility's own API: GET ``connector_url`` with the asked columns as parameters;
    it answers JSON ``{"rows": [{column: value, …}, …]}`` (or the list itself). A host not
    allowed, a timeout, an error or an answer of another shape: 503 with a Chinese message,
    never a 500."""
    if not connector_host_allowed(system.connector_url):
        raise ServiceUnavailable("该查询的接口未获准使用，请联系主管单位")
    url = system.connector_url + ("&" if "?" in system.connector_url else "?") + urllib.parse.urlencode(values)
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "GovPortal-query/1"})
    timeout = max(1, min(int(system.connector_timeout or 5), 30))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — host allow-listed above
            body = response.read(2 * 1024 * 1024 + 1)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return []
        raise ServiceUnavailable("查询服务暂时无法使用，请稍后再试") from exc
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise ServiceUnavailable("查询服务暂时无法使用，请稍后再试") from exc
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ServiceUnavailable("查询服务返回的数据无法识别，请稍后再试") from exc
    rows = answer.get("rows") if isinstance(answer, dict) else answer
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ServiceUnavailable("查询服务返回的数据无法识别，请稍后再试")
    return rows[:50]
