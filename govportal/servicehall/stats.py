"""Statistics of the hall per department and for the city, for one year: licensing items
and the share applicable online (against the 30 % / 50 % targets and each department's
rollout plan), applications received and completed, on-time rate, average working days and
satisfaction. Plain reads over the database; the same rows feed the page, the charts and
the .xlsx export."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone

from govportal.core import calendar
from govportal.core.cases import deadlines
from govportal.core.models import Agency
from govportal.core.xlsx import sheet_bytes
from govportal.servicehall import workflow
from govportal.servicehall.models import Application, ItemType, Rating, RatingLevel, RolloutPlan, ServiceItem

GOOD_LEVELS = {RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.BASIC}


@dataclass
class Row:
    agency_id: int | None
    name: str
    items: int = 0
    licence_items: int = 0
    online_licence_items: int = 0
    received: int = 0
    completed: int = 0
    on_time: int = 0
    total_days: int = 0
    ratings: int = 0
    good_ratings: int = 0
    levels: dict[int, int] = field(default_factory=lambda: {lv.value: 0 for lv in RatingLevel})
    planned: int | None = None

    @property
    def online_share(self) -> float | None:
        return round(100 * self.online_licence_items / self.licence_items, 1) if self.licence_items else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.completed, 1) if self.completed else None

    @property
    def average_days(self) -> float | None:
        return round(self.total_days / self.completed, 1) if self.completed else None

    @property
    def satisfaction(self) -> float | None:
        return round(100 * self.good_ratings / self.ratings, 1) if self.ratings else None

    @property
    def plan_progress(self) -> float | None:
        return round(100 * self.online_licence_items / self.planned, 1) if self.planned else None

    @property
    def meets_first_year(self) -> bool:
        return (self.online_share or 0) >= settings.GOVPORTAL_SERVICEHALL_TARGET_FIRST_YEAR

    @property
    def meets_end_of_plan(self) -> bool:
        return (self.online_share or 0) >= settings.GOVPORTAL_SERVICEHALL_TARGET_END_OF_PLAN


@dataclass
class Report:
    year: int
    rows: list[Row]
    city: Row
    target_first_year: int
    target_end_of_plan: int


def _local(dt) -> date:
    return timezone.localtime(dt).date()


def report(year: int | None = None, *, agency_ids: list[int] | None = None) -> Report:
    year = year or timezone.localdate().year
    start, end = date(year, 1, 1), date(year, 12, 31)
    cal = calendar.current()
    rows: dict[int, Row] = {}

    def row(agency: Agency) -> Row:
        if agency.pk not in rows:
            rows[agency.pk] = Row(agency_id=agency.pk, name=agency.name)
        return rows[agency.pk]

    items = ServiceItem.objects.filter(is_published=True).select_related("agency")
    if agency_ids is not None:
        items = items.filter(agency_id__in=agency_ids)
    for item in items:
        r = row(item.agency)
        r.items += 1
        if item.item_type == ItemType.LICENCE:
            r.licence_items += 1
            if item.online and (item.online_since is None or item.online_since <= end):
                r.online_licence_items += 1

    apps = (
        Application.objects.filter(case__isnull=False, submitted_at__date__lte=end)
        .select_related("item__agency", "case")
        .prefetch_related("case__events")
    )
    if agency_ids is not None:
        apps = apps.filter(item__agency_id__in=agency_ids)
    for app in apps:
        r = row(app.item.agency)
        submitted = _local(app.submitted_at)
        if start <= submitted <= end:
            r.received += 1
        if (
            app.case.state in workflow.COMPLETED_STATES
            and app.completed_at
            and start <= _local(app.completed_at) <= end
        ):
            done = _local(app.completed_at)
            r.completed += 1
            r.total_days += cal.working_days_between(submitted, done)
            views = [deadlines.EventView(e.type, _local(e.created_at), e.payload) for e in app.case.events.all()]
            due = deadlines.compute(workflow.CASE_RULE, views, cal).due
            if due is None or done <= due:
                r.on_time += 1

    ratings = Rating.objects.filter(created_at__date__gte=start, created_at__date__lte=end).select_related("agency")
    if agency_ids is not None:
        ratings = ratings.filter(agency_id__in=agency_ids)
    for rating in ratings:
        r = row(rating.agency)
        r.ratings += 1
        r.levels[rating.level] += 1
        if rating.level in GOOD_LEVELS:
            r.good_ratings += 1

    plans = RolloutPlan.objects.filter(year=year).select_related("agency")
    if agency_ids is not None:
        plans = plans.filter(agency_id__in=agency_ids)
    for plan in plans:
        row(plan.agency).planned = plan.planned_online_items

    ordered = sorted(rows.values(), key=lambda r: r.name)
    city = Row(agency_id=None, name="全市")
    totals: dict[int, int] = defaultdict(int)
    for r in ordered:
        for attr in (
            "items",
            "licence_items",
            "online_licence_items",
            "received",
            "completed",
            "on_time",
            "total_days",
            "ratings",
            "good_ratings",
        ):
            setattr(city, attr, getattr(city, attr) + getattr(r, attr))
        for lv, n in r.levels.items():
            totals[lv] += n
        if r.planned:
            city.planned = (city.planned or 0) + r.planned
    city.levels = {lv.value: totals[lv.value] for lv in RatingLevel}
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
    ("按时办结率（%）", lambda r: r.on_time_rate),
    ("平均办理工作日", lambda r: r.average_days),
    ("评价数", lambda r: r.ratings),
    ("满意率（%）", lambda r: r.satisfaction),
] + [(str(lv.label), (lambda v: lambda r: r.levels[v])(lv.value)) for lv in RatingLevel]


def xlsx(rep: Report) -> bytes:
    return sheet_bytes(
        title=f"{rep.year}年网上办事统计",
        caption=f"{rep.year}年网上办事统计（目标：首年网上可办 {rep.target_first_year}%，规划期末 {rep.target_end_of_plan}%）",
        header=[label for label, _ in COLUMNS],
        rows=([get(r) for _, get in COLUMNS] for r in [*rep.rows, rep.city]),
        widths=[28],
    )
