"""Statistics of the hall per department and for the city, for one year: licensing items
and the share applicable online (against the 30 % / 50 % targets and each department's
rollout plan), applications received and completed, on-time rate, average working days and
satisfaction. Plain reads over the database; the same rows feed the page, the charts and
the .xlsx export."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone

from govportal.core.cases import stats as case_stats
from govportal.core.cases.models import Case, Rectification
from govportal.core.cases.ratings import RatingLevel
from govportal.core.cases.stats import Figures, RectificationFigures
from govportal.core.models import Agency
from govportal.core.xlsx import sheet_bytes
from govportal.servicehall import workflow
from govportal.servicehall.models import ItemType, Rating, RolloutPlan, ServiceItem


@dataclass
class Row:
    """A department's (or the city's) figures. Cases and ratings: the kernel's one
    definition (`govportal.core.cases.stats`) — on time counts open overdue applications as
    not on time, satisfaction counts 非常满意/满意/基本满意 of the one scale."""

    agency_id: int | None
    name: str
    items: int = 0
    licence_items: int = 0
    online_licence_items: int = 0
    planned: int | None = None
    figures: Figures = field(default_factory=Figures)
    rect: RectificationFigures = field(default_factory=RectificationFigures)

    @property
    def received(self) -> int:
        return self.figures.received

    @property
    def completed(self) -> int:
        return self.figures.answered

    @property
    def on_time(self) -> int:
        return self.figures.answered_on_time

    @property
    def late(self) -> int:
        return self.figures.answered_late

    @property
    def open_overdue(self) -> int:
        return self.figures.open_overdue

    @property
    def total_days(self) -> int:
        return self.figures.working_days

    @property
    def ratings(self) -> int:
        return self.figures.rated

    @property
    def good_ratings(self) -> int:
        return self.figures.satisfied

    @property
    def bad_ratings(self) -> int:
        return self.figures.bad

    @property
    def levels(self) -> dict[int, int]:
        return self.figures.levels

    @property
    def online_share(self) -> float | None:
        return round(100 * self.online_licence_items / self.licence_items, 1) if self.licence_items else None

    @property
    def on_time_rate(self) -> float | None:
        return self.figures.on_time_rate

    @property
    def average_days(self) -> float | None:
        return self.figures.average_working_days

    @property
    def satisfaction(self) -> float | None:
        return self.figures.satisfaction_rate

    @property
    def plan_progress(self) -> float | None:
        return round(100 * self.online_licence_items / self.planned, 1) if self.planned else None

    @property
    def meets_first_year(self) -> bool:
        return meets(self.online_licence_items, self.licence_items, settings.GOVPORTAL_SERVICEHALL_TARGET_FIRST_YEAR)

    @property
    def meets_end_of_plan(self) -> bool:
        return meets(self.online_licence_items, self.licence_items, settings.GOVPORTAL_SERVICEHALL_TARGET_END_OF_PLAN)


@dataclass
class Report:
    year: int
    rows: list[Row]
    city: Row
    target_first_year: int
    target_end_of_plan: int


@dataclass
class ItemCounts:
    items: int = 0
    licence_items: int = 0  # 行政许可
    online_licence_items: int = 0  # of which applicable online by the end of the year


def item_counts(year: int, *, agency_ids: list[int] | None = None) -> dict[int, ItemCounts]:
    """Published items per agency, its licensing items and those applicable online by the end
    of ``year`` — the one count behind the statistics page, the export and the 监管 dashboard
    (declared in `servicehall.publishing`). 可网上办理: the one definition
    (`ServiceItem.online_in`), the same as the badge's."""
    counts: dict[int, ItemCounts] = {}
    items = ServiceItem.objects.with_online().filter(is_published=True)
    if agency_ids is not None:
        items = items.filter(agency_id__in=agency_ids)
    for item in items.only("agency_id", "item_type", "online_since", "online_url"):
        c = counts.setdefault(item.agency_id, ItemCounts())
        c.items += 1
        if item.item_type == ItemType.LICENCE:
            c.licence_items += 1
            if item.online_in(year):
                c.online_licence_items += 1
    return counts


def meets(online: int, total: int, target_percent: int) -> bool:
    """A share reaches a target (in %) when it is at least the target, exactly: 3 of 10
    reaches 30 %, 299 of 1000 does not (no rounding first)."""
    return total > 0 and online * 100 >= target_percent * total


def report(year: int | None = None, *, agency_ids: list[int] | None = None) -> Report:
    year = year or timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows: dict[int, Row] = {}
    names = dict(Agency.objects.values_list("pk", "name"))

    def row(agency_id: int) -> Row:
        if agency_id not in rows:
            rows[agency_id] = Row(agency_id=agency_id, name=names.get(agency_id, ""))
        return rows[agency_id]

    for agency_id, c in item_counts(year, agency_ids=agency_ids).items():
        r = row(agency_id)
        r.items, r.licence_items, r.online_licence_items = c.items, c.licence_items, c.online_licence_items

    # Applications received in the year, completed in the year, open now; their ratings of
    # the year — through the kernel's one definition of each figure.
    cases = Case.objects.filter(case_type=workflow.APPLICATION.key)
    ratings = Rating.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    if agency_ids is not None:
        cases = cases.filter(application__item__agency_id__in=agency_ids)
        ratings = ratings.filter(agency_id__in=agency_ids)
    figures = case_stats.case_figures(cases, group="application__item__agency_id", start=start, end=end)
    # A rating excluded by an upheld appeal (申诉复核) is not counted.
    case_stats.add_ratings(figures, ratings, level="level", group="agency_id", case="application__case")
    for agency_id, f in figures.items():
        if agency_id is not None:
            row(agency_id).figures = f
    # 整改率 and 回访率 of the year's bad ratings of applications.
    rects = Rectification.objects.filter(
        rated_case__case_type=workflow.APPLICATION.key, opened_at__date__gte=start, opened_at__date__lte=end
    )
    if agency_ids is not None:
        rects = rects.filter(case__agency_id__in=agency_ids)
    for agency_id, rf in case_stats.rectification_figures(rects, group="case__agency_id").items():
        if agency_id is not None:
            row(agency_id).rect = rf

    plans = RolloutPlan.objects.filter(year=year)
    if agency_ids is not None:
        plans = plans.filter(agency_id__in=agency_ids)
    for plan in plans:
        row(plan.agency_id).planned = plan.planned_online_items

    ordered = sorted(rows.values(), key=lambda r: r.name)
    city = Row(agency_id=None, name="全市", figures=case_stats.total(r.figures for r in ordered))
    for r in ordered:
        city.rect += r.rect
        for attr in ("items", "licence_items", "online_licence_items"):
            setattr(city, attr, getattr(city, attr) + getattr(r, attr))
        if r.planned:
            city.planned = (city.planned or 0) + r.planned
    return Report(
        year=year,
        rows=ordered,
        city=city,
        target_first_year=settings.GOVPORTAL_SERVICEHALL_TARGET_FIRST_YEAR,
        target_end_of_plan=settings.GOVPORTAL_SERVICEHALL_TARGET_END_OF_PLAN,
    )


COLUMNS = [
    ("部门", lambda r: r.name),
    ("公开事项数", lambda r: r.items),
    ("行政许可事项数", lambda r: r.licence_items),
    ("网上可办许可事项数", lambda r: r.online_licence_items),
    ("网上可办比例（%）", lambda r: r.online_share),
    ("年度计划网上可办数", lambda r: r.planned),
    ("计划完成率（%）", lambda r: r.plan_progress),
    ("受理申请数", lambda r: r.received),
    ("办结数", lambda r: r.completed),
    ("超期办结数", lambda r: r.late),
    ("超期未办结数", lambda r: r.open_overdue),
    ("按时办结率（%）", lambda r: r.on_time_rate),
    ("平均办理工作日", lambda r: r.average_days),
    ("评价数", lambda r: r.ratings),
    ("满意率（%）", lambda r: r.satisfaction),
    ("差评数", lambda r: r.bad_ratings),
    ("申诉复核成立（不计入）", lambda r: r.rect.excluded),
    ("整改率（%）", lambda r: r.rect.rectification_rate),
    ("回访率（%）", lambda r: r.rect.return_visit_rate),
    ("实名差评数", lambda r: r.rect.real_name),
    ("实名差评整改率（%）", lambda r: r.rect.real_name_rectification_rate),
    ("实名差评回访率（%）", lambda r: r.rect.real_name_return_visit_rate),
] + [(str(lv.label), (lambda v: lambda r: r.levels[v])(lv.value)) for lv in RatingLevel]


def xlsx(rep: Report) -> bytes:
    return sheet_bytes(
        title=f"{rep.year}年网上办事统计",
        caption=f"{rep.year}年网上办事统计（目标：首年网上可办 {rep.target_first_year}%，规划期末 {rep.target_end_of_plan}%）",
        header=[label for label, _ in COLUMNS],
        rows=([get(r) for _, get in COLUMNS] for r in [*rep.rows, rep.city]),
        widths=[28],
    )
