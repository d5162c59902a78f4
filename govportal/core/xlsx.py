"""One-sheet .xlsx exports (letters, online-service statistics): a caption line, a bold
header, the rows — with text that a spreadsheet would take for a formula kept as text,
since much of it is what citizens typed (a letter titled "=HYPERLINK(…)" must not run in a
clerk's Excel), and with characters XML cannot hold removed (a control character in one
stored letter title made the whole export fail — openpyxl refuses it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from io import BytesIO

from govportal.core.citizen_input import strip_controls

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """A cell value that cannot be read as a formula and that XML can hold (strings only;
    numbers stay numbers). Line breaks and tabs stay; other control characters go."""
    if isinstance(value, str):
        value = strip_controls(value, multiline=True)
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def sheet_bytes(
    *,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    caption: str = "",
    widths: Sequence[int] = (),
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = strip_controls(title)[:31] or "Sheet"  # Excel's limit for a sheet name
    if caption:
        ws.append([as_text(caption)])
    ws.append([as_text(h) for h in header])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([as_text(value) for value in row])
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
