"""The annual report (政府信息公开工作年度报告) in the 2021 format (国办公开办函〔2021〕30号).

Sections 一 overview, 二 proactive disclosure (table), 三 requests (table), 四 reconsideration
and litigation (table), 五 problems and improvements, 六 other. Tables 二 and 三 are computed
from the catalogue and the requests; 四, the decision counts of 二 and the texts are the
manual parts (`AnnualReport`). Table 三's check: new + carried over = handled + carried on,
per applicant column.

A request belongs to the year it was received (``received_on``, Art. 31: online — the date
both sides confirm); it is handled in the year of its outcome (``replied_on``). A request
still unconfirmed is not yet received: it is counted in no year until its receipt is
confirmed, and then once, in the year of its receipt date — so one submitted on 30 December
and confirmed on 4 January is new in the new year, not new in both. (One closed without
ever being confirmed — withdrawn — counts by its submission date.)

上年结转 is checked against the 结转下年度 of the agency's published report of the year before
(`carry_over_differences`); a report whose figures differ can be published only with an
explanation (``carry_over_note``), shown under Table 三. A report is published only after its
year has ended. Each agency's report has a status against its deadline (Art. 49: departments
31 January, governments 31 March — `report_deadline`, `statuses`).

The layout is the 2021 one to the cell (国办公开办函〔2021〕30号): Table 二 in its four parts
(第二十条第（一）（五）（六）（八）项) each with its own header; Table 三 with 申请人情况 over 自然人,
the five kinds of 法人或其他组织 and 总计 (no 小计 column); Table 四 as one row of fifteen cells
under 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db.models import Q
from django.utils import timezone

from govportal.cluster.models import SiteHomePage
from govportal.core.errors import InvalidInput
from govportal.disclosure import selectors
from govportal.disclosure.choices import SUB_REASONS, ApplicantType, Category, DocKind, Outcome, Validity, report_rows
from govportal.disclosure.models import AnnualReport, DisclosureDocumentPage, DisclosureRequest

COLUMNS = [c.value for c in ApplicantType]
LITIGATION_ROWS = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼·未经复议直接起诉"),
    ("litigation_after", "行政诉讼·复议后起诉"),
]
LITIGATION_COLUMNS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结")]


@dataclass
class Built:
    year: int
    agency_name: str
    proactive: dict  # {"rule": {"issued", "repealed", "in_force"}, "normative": {...}, ...}
    requests: dict  # {row_key: {column: n}}, rows: "new", "carried", outcome keys, "total", "carried_on"
    litigation: dict
    overview: str = ""
    problems: str = ""
    other_matters: str = ""
    carry_over_note: str = ""
    agencies: list[str] = field(default_factory=list)
    # 信息处理费 collected this year (条例 Art. 42, 国办函〔2020〕109号), reported in section 六
    fees_collected: dict = field(default_factory=lambda: {"count": 0, "amount": Decimal("0")})


def _col(n: dict) -> dict:
    return {
        **{c: n.get(c, 0) for c in COLUMNS},
        "org_total": sum(n.get(c, 0) for c in COLUMNS[1:]),
        "total": sum(n.get(c, 0) for c in COLUMNS),
    }


def row_key(outcome: str, sub: str) -> str:
    return f"{outcome}:{sub}" if sub else outcome


def _requests(qs, year: int) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    counts: dict[str, dict[str, int]] = {}

    def add(key: str, column: str) -> None:
        counts.setdefault(key, {}).setdefault(column, 0)
        counts[key][column] += 1

    for req in qs.select_related("case").only(
        "applicant_type", "received_on", "replied_on", "outcome", "sub_reason", "case__created_at"
    ):
        if req.received_on is None and not req.outcome:
            continue  # not received yet: counted once, in the year its receipt is confirmed
        received = req.received_on or timezone.localtime(req.case.created_at).date()
        if received > end:
            continue
        if req.replied_on is not None and req.replied_on < start:
            continue  # handled in an earlier year
        column = req.applicant_type
        add("new" if received >= start else "carried", column)
        if req.outcome and req.replied_on is not None and req.replied_on <= end:
            add(req.outcome, column)
            if req.sub_reason:
                add(row_key(req.outcome, req.sub_reason), column)
            add("total", column)
        else:
            add("carried_on", column)
    keys = ["new", "carried", *[row_key(o, s) for o, s, _ in report_rows()], "total", "carried_on"]
    return {k: _col(counts.get(k, {})) for k in keys}


def _proactive(docs, year: int, report: AnnualReport | None, reports: list[AnnualReport]) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    out = {}
    gone = [Validity.REPEALED, Validity.EXPIRED]
    for kind in (DocKind.RULE, DocKind.NORMATIVE):
        base = docs.filter(doc_kind=kind)
        out[kind] = {
            "issued": base.filter(date_made__range=(start, end)).count(),
            "repealed": base.filter(validity__in=gone, validity_date__range=(start, end)).count(),
            "in_force": base.filter(date_made__lte=end)
            .exclude(Q(validity__in=gone) & Q(validity_date__lte=end))
            .count(),
        }

    def manual(name: str):
        values = [getattr(r, name) for r in reports if getattr(r, name) is not None]
        return sum(values, Decimal(0) if name == "fees_amount" else 0) if values else None

    catalogue_licences = docs.filter(category=Category.LICENSING, date_made__range=(start, end)).count()
    out["licensing"] = manual("licensing_decisions")
    out["penalty"] = manual("penalty_decisions")
    out["compulsory"] = manual("compulsory_decisions")
    out["fees"] = manual("fees_amount")
    out["catalogue_licences"] = catalogue_licences
    return out


def _litigation(reports: list[AnnualReport]) -> dict:
    out = {}
    for key, _label in LITIGATION_ROWS:
        row = {
            col: sum(int((r.litigation or {}).get(key, {}).get(col, 0)) for r in reports)
            for col, _ in LITIGATION_COLUMNS
        }
        row["total"] = sum(row.values())
        out[key] = row
    return out


def build(*, agency=None, year: int, report: AnnualReport | None = None) -> Built:
    """One agency's report (``agency``), or the city's aggregate of every agency (None)."""
    docs = DisclosureDocumentPage.objects.live()
    requests = DisclosureRequest.objects.all()
    if agency is not None:
        homes = list(SiteHomePage.objects.filter(agency=agency))
        cond = Q(pk__in=[])
        for home in homes:
            cond |= Q(path__startswith=home.path)
        docs = docs.filter(cond)
        # a township's catalogue lies above its villages' pages: keep the agency's own
        for home in homes:
            for foreign in SiteHomePage.objects.descendant_of(home).exclude(agency=agency):
                docs = docs.exclude(path__startswith=foreign.path)
        requests = requests.filter(agency=agency)
        if report is None:
            report = AnnualReport.objects.filter(agency=agency, year=year).first()
        reports = [report] if report is not None else []
    else:
        reports = list(AnnualReport.objects.filter(year=year, is_published=True))
    built = Built(
        year=year,
        agency_name=agency.name if agency is not None else "全市",
        proactive=_proactive(docs, year, report, reports),
        requests=_requests(requests, year),
        litigation=_litigation(reports),
        fees_collected=selectors.fees_collected(agency=agency, year=year),
    )
    if report is not None:
        built.overview, built.problems, built.other_matters = report.overview, report.problems, report.other_matters
        built.carry_over_note = report.carry_over_note
    if agency is None:
        built.agencies = [r.agency.name for r in reports]
    return built


def fees_sentence(built: Built) -> str:
    """Section 六's line on the 信息处理费 (条例 Art. 42; 国办函〔2020〕109号)."""
    fees = built.fees_collected
    return f"本年度收取信息处理费 {fees['count']} 件，共计 {fees['amount']:.2f} 元。"


def arithmetic_errors(built: Built) -> list[str]:
    r = built.requests
    errors = []
    for column in [*COLUMNS, "total"]:
        left = r["new"][column] + r["carried"][column]
        right = r["total"][column] + r["carried_on"][column]
        if left != right:
            errors.append(f"{column}: {left} ≠ {right}")
        subtotal = sum(r[o.value][column] for o in Outcome)
        if subtotal != r["total"][column]:
            errors.append(f"{column}: 办理结果合计 {subtotal} ≠ 总计 {r['total'][column]}")
        for outcome, subs in SUB_REASONS.items():
            if subs and sum(r[row_key(outcome, s.value)][column] for s in subs) != r[outcome][column]:
                errors.append(f"{column}: {Outcome(outcome).label}的具体情形之和与该项不符")
    return errors


def check_arithmetic(built: Built) -> None:
    errors = arithmetic_errors(built)
    if errors:
        raise InvalidInput(
            "年度报告数据不平衡（本年新收 + 上年结转 应等于 办理结果总计 + 结转下年度继续办理）：" + "；".join(errors)
        )


def to_json(built: Built) -> dict:
    def conv(v):
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, dict):
            return {str(k): conv(x) for k, x in v.items()}
        return v

    return {
        "year": built.year,
        "agency_name": built.agency_name,
        "proactive": conv(built.proactive),
        "requests": conv(built.requests),
        "litigation": conv(built.litigation),
        "overview": built.overview,
        "problems": built.problems,
        "other_matters": built.other_matters,
        "carry_over_note": built.carry_over_note,
        "fees_collected": conv(built.fees_collected),
    }


def from_json(data: dict) -> Built:
    proactive = dict(data["proactive"])
    if proactive.get("fees") is not None:
        proactive["fees"] = Decimal(proactive["fees"])
    return Built(
        year=data["year"],
        agency_name=data["agency_name"],
        proactive=proactive,
        requests=data["requests"],
        litigation=data["litigation"],
        overview=data.get("overview", ""),
        problems=data.get("problems", ""),
        other_matters=data.get("other_matters", ""),
        carry_over_note=data.get("carry_over_note", ""),
        fees_collected={
            "count": (data.get("fees_collected") or {}).get("count", 0),
            "amount": Decimal((data.get("fees_collected") or {}).get("amount", "0")),
        },
    )


def for_report(report: AnnualReport) -> Built:
    """A published report's frozen figures, or the live ones of a draft."""
    if report.is_published and report.figures:
        return from_json(report.figures)
    return build(agency=report.agency, year=report.year, report=report)


def city(year: int) -> Built:
    """The city view: the sum of every agency's published report of ``year``."""
    reports = list(AnnualReport.objects.filter(year=year, is_published=True).select_related("agency"))
    built = build(agency=None, year=year)
    if not reports:
        return built
    parts = [for_report(r) for r in reports]
    built.requests = {
        key: {col: sum(p.requests[key][col] for p in parts) for col in parts[0].requests[key]}
        for key in parts[0].requests
    }
    pro: dict = {}
    for kind in (DocKind.RULE, DocKind.NORMATIVE):
        pro[kind] = {k: sum(p.proactive[kind][k] for p in parts) for k in ("issued", "repealed", "in_force")}
    for k in ("licensing", "penalty", "compulsory", "fees", "catalogue_licences"):
        vals = [p.proactive.get(k) for p in parts if p.proactive.get(k) is not None]
        pro[k] = sum(vals, Decimal(0) if k == "fees" else 0) if vals else None
    built.proactive = pro
    built.litigation = {
        key: {col: sum(p.litigation[key][col] for p in parts) for col in parts[0].litigation[key]}
        for key in parts[0].litigation
    }
    built.agencies = [r.agency.name for r in reports]
    return built


def table3_rows(built: Built) -> list[tuple[str, dict]]:
    r = built.requests
    rows = [("一、本年新收政府信息公开申请数量", r["new"]), ("二、上年结转政府信息公开申请数量", r["carried"])]
    for outcome, sub, label in report_rows():
        rows.append(
            (("三、本年度办理结果 " if outcome == "disclosed" and not sub else "") + label, r[row_key(outcome, sub)])
        )
    rows += [("（七）总计", r["total"]), ("四、结转下年度继续办理", r["carried_on"])]
    return rows


def table2_rows(built: Built) -> list[tuple[str, list]]:
    p = built.proactive

    def v(x):
        return "—" if x is None else x

    return [
        ("规章", [p[DocKind.RULE]["issued"], p[DocKind.RULE]["repealed"], p[DocKind.RULE]["in_force"]]),
        (
            "行政规范性文件",
            [p[DocKind.NORMATIVE]["issued"], p[DocKind.NORMATIVE]["repealed"], p[DocKind.NORMATIVE]["in_force"]],
        ),
        ("行政许可（本年处理决定数量）", [v(p["licensing"])]),
        ("行政处罚（本年处理决定数量）", [v(p["penalty"])]),
        ("行政强制（本年处理决定数量）", [v(p["compulsory"])]),
        ("行政事业性收费（本年收费金额，万元）", [v(p["fees"])]),
    ]


# --- 上年结转 against last year's 结转下年度 -----------------------------------------------------
COLUMN_LABELS = {**{c.value: str(c.label) for c in ApplicantType}, "total": "总计"}


def previous_carried_on(agency, year: int) -> dict | None:
    """结转下年度 of the agency's published report of ``year - 1`` (None: there is none)."""
    prev = AnnualReport.objects.filter(agency=agency, year=year - 1, is_published=True).first()
    if prev is None or not prev.figures:
        return None
    return prev.figures.get("requests", {}).get("carried_on")


def carry_over_differences(built: Built, agency) -> list[str]:
    """Where this report's 上年结转 differs from last year's published 结转下年度, per column."""
    prev = previous_carried_on(agency, built.year)
    if prev is None:
        return []
    out = []
    for column in [*COLUMNS, "total"]:
        before, now = int(prev.get(column, 0)), built.requests["carried"][column]
        if before != now:
            out.append(f"{COLUMN_LABELS[column]}：{built.year - 1}年报告结转下年度 {before}，本年上年结转 {now}")
    return out


# --- deadlines and status per agency (Art. 49) -------------------------------------------------
GOVERNMENT_KINDS = frozenset({"city"})  # 本级政府的年度报告: by 31 March; everything else 31 January


def report_deadline(agency, year: int) -> date:
    """The last day to publish the report of ``year``: 31 March for a government's, 31 January
    for a department's (and every other agency's) — Art. 49."""
    return date(year + 1, 3, 31) if agency.kind in GOVERNMENT_KINDS else date(year + 1, 1, 31)


@dataclass
class Status:
    agency: object
    year: int
    deadline: date
    report: AnnualReport | None
    state: str  # "published" | "published_late" | "draft" | "missing"
    overdue: bool  # not published and the deadline has passed
    days_left: int

    @property
    def label(self) -> str:
        return {
            "published": "已按期发布",
            "published_late": "已发布（逾期）",
            "draft": "草稿未发布",
            "missing": "尚未编写",
        }[self.state]


def statuses(agencies, year: int, *, today: date | None = None) -> list[Status]:
    """Each agency's report of ``year`` against its deadline."""
    today = today or timezone.localdate()
    reports = {r.agency_id: r for r in AnnualReport.objects.filter(year=year, agency__in=agencies)}
    out = []
    for agency in agencies:
        deadline = report_deadline(agency, year)
        rep = reports.get(agency.pk)
        if rep is not None and rep.is_published:
            published_on = timezone.localtime(rep.published_at).date() if rep.published_at else deadline
            state = "published" if published_on <= deadline else "published_late"
        else:
            state = "draft" if rep is not None else "missing"
        overdue = state in ("draft", "missing") and today > deadline
        out.append(Status(agency, year, deadline, rep, state, overdue, (deadline - today).days))
    return out


# --- the 2021 layout ---------------------------------------------------------------------------
TABLE3_ORG_COLUMNS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
TABLE3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def table2_sections(built: Built) -> list[tuple[str, list[str], list[tuple[str, list]]]]:
    """Table 二 in its four parts: (heading, column headers, rows)."""
    p = built.proactive

    def v(x):
        return "—" if x is None else x

    def kind(k):
        return [p[k]["issued"], p[k]["repealed"], p[k]["in_force"]]

    decisions = ["信息内容", "本年处理决定数量"]
    return [
        (
            "第二十条第（一）项",
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            [("规章", kind(DocKind.RULE)), ("行政规范性文件", kind(DocKind.NORMATIVE))],
        ),
        ("第二十条第（五）项", decisions, [("行政许可", [v(p["licensing"])])]),
        ("第二十条第（六）项", decisions, [("行政处罚", [v(p["penalty"])]), ("行政强制", [v(p["compulsory"])])]),
        ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", [v(p["fees"])])]),
    ]


def table3_cells(row: dict) -> list:
    """One row of Table 三's figures: 自然人, the five kinds of organisation, 总计 (7 cells)."""
    return [row[c] for c in COLUMNS] + [row["total"]]


def table4_cells(built: Built) -> list:
    """Table 四's one row of fifteen cells: 行政复议, 未经复议直接起诉, 复议后起诉 — each 结果维持,
    结果纠正, 其他结果, 尚未审结, 总计."""
    cells = []
    for key, _label in LITIGATION_ROWS:
        row = built.litigation[key]
        cells += [row[c] for c, _ in LITIGATION_COLUMNS] + [row["total"]]
    return cells


def xlsx(built: Built) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "年度报告"
    bold = Font(bold=True)
    ws.append([f"{built.agency_name}{built.year}年政府信息公开工作年度报告"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append(["一、总体情况"])
    ws.append([built.overview])
    ws.append([])
    ws.append(["二、主动公开政府信息情况"])
    for heading, columns, rows in table2_sections(built):
        ws.append([heading])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
        ws.append(columns)
        if len(columns) == 2:  # 本年处理决定数量 / 本年收费金额 spans the three number columns
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=4)
        for label, values in rows:
            ws.append([label, *values])
            if len(values) == 1:
                ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=4)
    ws.append([])
    ws.append(["三、收到和处理政府信息公开申请情况"])
    top = ws.max_row + 1
    ws.append([TABLE3_CORNER, "申请人情况"])
    ws.append(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    ws.append(["", "", *TABLE3_ORG_COLUMNS, ""])
    ws.merge_cells(start_row=top, start_column=1, end_row=top + 2, end_column=1)
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=8)
    ws.merge_cells(start_row=top + 1, start_column=2, end_row=top + 2, end_column=2)
    ws.merge_cells(start_row=top + 1, start_column=3, end_row=top + 1, end_column=7)
    ws.merge_cells(start_row=top + 1, start_column=8, end_row=top + 2, end_column=8)
    for label, row in table3_rows(built):
        ws.append([label, *table3_cells(row)])
    if built.carry_over_note:
        ws.append([f"说明：{built.carry_over_note}"])
    ws.append([])
    ws.append(["四、政府信息公开行政复议、行政诉讼情况"])
    top = ws.max_row + 1
    outcome_labels = [label for _, label in LITIGATION_COLUMNS] + ["总计"]
    ws.append(["行政复议", "", "", "", "", "行政诉讼"])
    ws.append([*outcome_labels, "未经复议直接起诉", "", "", "", "", "复议后起诉"])
    ws.append(["", "", "", "", "", *outcome_labels, *outcome_labels])
    ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=5)
    ws.merge_cells(start_row=top, start_column=6, end_row=top, end_column=15)
    for col in range(1, 6):
        ws.merge_cells(start_row=top + 1, start_column=col, end_row=top + 2, end_column=col)
    ws.merge_cells(start_row=top + 1, start_column=6, end_row=top + 1, end_column=10)
    ws.merge_cells(start_row=top + 1, start_column=11, end_row=top + 1, end_column=15)
    ws.append(table4_cells(built))
    ws.append([])
    ws.append(["五、存在的主要问题及改进情况"])
    ws.append([built.problems])
    ws.append(["六、其他需要报告的事项"])
    ws.append([fees_sentence(built)])
    ws.append([built.other_matters])
    for row in ws.iter_rows():
        cell = row[0]
        if isinstance(cell.value, str) and cell.value[:2] in {"一、", "二、", "三、", "四、", "五、", "六、"}:
            cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 48
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
