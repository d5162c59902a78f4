"""The xlsx of one report in the national layout: a title line, then one line per row of the
form — the group heading merged down over its rows in the first column, the item (with its
unit) in the second, the value in the third; a row without a heading spans the first two
columns. Cell text goes through `core.xlsx.as_text` (no formula, no control character)."""

from __future__ import annotations

from io import BytesIO

from govportal.core.xlsx import XLSX_CONTENT_TYPE, as_text  # noqa: F401 (re-exported for the views)
from govportal.monitor.yearly.selectors import grouped


def title_of(report) -> str:
    return f"政府网站工作年度报表（{report.year}年度）"


def label_of(row) -> str:
    return f"{row.label}（{row.unit}）" if row.unit else row.label


def report_xlsx(report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = f"{report.year}年度报表"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    middle = Alignment(vertical="center", wrap_text=True)
    ws.append([as_text(title_of(report)), None, None])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.append(["项目", None, "内容"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=2)
    for col in (1, 3):
        ws.cell(2, col).font = Font(bold=True)
    for group, lines in grouped(report):
        first = ws.max_row + 1
        for line in lines:
            ws.append(
                [
                    as_text(group or label_of(line.row)),
                    as_text(label_of(line.row)) if group else None,
                    as_text(line.value),
                ]
            )
            r = ws.max_row
            if not group:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        if group and len(lines) > 1:
            ws.merge_cells(start_row=first, start_column=1, end_row=ws.max_row, end_column=1)
    for row in ws.iter_rows(min_row=2, max_row=ws.max_row, max_col=3):
        for cell in row:
            cell.border = border
            cell.alignment = middle
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 40
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
