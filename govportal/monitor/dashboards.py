"""Reads behind the 监管 dashboards (监管总览): construction goals, the online-licensing rate
per department with its rollout plan, and letters' reply times. The same rows feed the
screen and the .xlsx export.

Where each number comes from:

- 建设目标: the agency registry (active agencies of the goal's kind) and the cluster's live
  site home pages (``cluster.SiteHomePage``, live, of that agency; a village counts with a
  live page of kind 村/社区页面) against the goals the information office keeps
  (``monitor.ConstructionGoal``).
- 网上可办率: what the service hall declares (``servicehall.online_licensing`` and
  ``servicehall.rollout_plan`` in ``cluster.supervision``) — its own count, the same as its
  published 网上办事统计; the targets are the hall's settings.
- 回复时间: what 互动交流 declares (``interaction.letters``) — its 来信统计 rows, whose
  figures are the kernel's one definition (``core.cases.stats.Figures``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from govportal.cluster import supervision
from govportal.cluster.models import SiteHomePage, SiteKind
from govportal.core.cases.stats import Figures
from govportal.core.errors import InvalidInput
from govportal.core.models import Agency, AgencyKind
from govportal.monitor.models import ConstructionGoal, GoalRequirement


def percent(share: Decimal | None) -> Decimal | None:
    """A share (0.3) as a percentage with one decimal (30.0), for display and export."""
    if share is None:
        return None
    return (share * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- 建设目标 ----------------------------------------------------------------------------


@dataclass
class GoalProgress:
    goal: ConstructionGoal
    total: int
    done: int
    missing: list[Agency]
    today: date

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.done) / Decimal(self.total) if self.total else None

    @property
    def share_percent(self) -> Decimal | None:
        return percent(self.share)

    @property
    def reached(self) -> bool:
        """At least the target share, exactly (no rounding): 9 of 10 reaches 90 %."""
        return self.done * 100 >= self.goal.target_percent * self.total

    @property
    def days_left(self) -> int:
        """Days until the deadline (0 on the day itself, negative once past it)."""
        return (self.goal.deadline - self.today).days

    @property
    def overdue(self) -> bool:
        return not self.reached and self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return not self.reached and 0 <= self.days_left <= settings.GOVPORTAL_MONITOR_GOAL_WARN_DAYS

    @property
    def status(self) -> str:
        if self.reached:
            return _("已达标")
        if self.overdue:
            return _("逾期 %(n)d 天") % {"n": -self.days_left}
        return _("剩余 %(n)d 天") % {"n": self.days_left}


def _live_site_agencies(requirement: str) -> set[int]:
    homes = SiteHomePage.objects.live()
    if requirement == GoalRequirement.VILLAGE_PAGE:
        homes = homes.filter(kind=SiteKind.VILLAGE)
    else:
        homes = homes.exclude(kind=SiteKind.VILLAGE)
    return set(homes.values_list("agency_id", flat=True))


def goal_progress(*, today: date | None = None) -> list[GoalProgress]:
    """Each active goal: the active agencies of its kind, those done, those still missing."""
    today = today or timezone.localdate()
    goals = list(ConstructionGoal.objects.filter(is_active=True))
    agencies = Agency.objects.filter(is_active=True, kind__in={g.agency_kind for g in goals}).select_related("parent")
    by_kind: dict[str, list[Agency]] = {}
    for agency in agencies.order_by("sort_order", "code"):
        by_kind.setdefault(agency.kind, []).append(agency)
    live = {r: _live_site_agencies(r) for r in {g.requirement for g in goals}}
    out = []
    for goal in goals:
        members = by_kind.get(goal.agency_kind, [])
        missing = [a for a in members if a.pk not in live[goal.requirement]]
        out.append(GoalProgress(goal, len(members), len(members) - len(missing), missing, today))
    return out


# --- 网上可办率 ----------------------------------------------------------------------------

RATE_KEY = "servicehall.online_licensing"


@dataclass
class RateRow:
    agency_id: int
    name: str
    numerator: Decimal | int
    denominator: Decimal | int
    targets: tuple[Decimal, ...]
    year: int
    plans: dict[int, supervision.PlanEntry] = field(default_factory=dict)

    @property
    def rate(self) -> Decimal | None:
        return Decimal(self.numerator) / Decimal(self.denominator) if self.denominator else None

    @property
    def rate_percent(self) -> Decimal | None:
        return percent(self.rate)

    def reaches(self, target: Decimal) -> bool:
        """At least the target, exactly (3 of 10 reaches 30 %; 299 of 1000 does not)."""
        return bool(self.denominator) and Decimal(self.numerator) >= target * Decimal(self.denominator)

    @property
    def reached(self) -> list[bool]:
        return [self.reaches(t) for t in self.targets]

    @property
    def level(self) -> int:
        """How many targets are reached (0: below the first, 2: the end-of-plan one too)."""
        return sum(self.reached)

    def plan(self, year: int) -> supervision.PlanEntry | None:
        return self.plans.get(year)

    @property
    def plan_this_year(self) -> supervision.PlanEntry | None:
        return self.plans.get(self.year)

    @property
    def plan_next_year(self) -> supervision.PlanEntry | None:
        return self.plans.get(self.year + 1)

    @property
    def planned_this_year(self) -> int | None:
        return self.plan_this_year.planned if self.plan_this_year else None

    @property
    def planned_next_year(self) -> int | None:
        return self.plan_next_year.planned if self.plan_next_year else None


@dataclass
class RateReport:
    rate: supervision.AgencyRate | None
    plan: supervision.AgencyPlan | None
    rows: list[RateRow]
    year: int
    targets: tuple[Decimal, ...]

    @property
    def years(self) -> tuple[int, int]:
        return (self.year, self.year + 1)

    @property
    def target_items(self) -> list[tuple[str, Decimal | None]]:
        """(label, percentage) of each target: ("首年目标", 30.0), ("规划期末目标", 50.0)."""
        labels = [str(label) for label in (self.rate.target_labels if self.rate else ())]
        return [(labels[i] if i < len(labels) else _("目标"), percent(t)) for i, t in enumerate(self.targets)]


SORTS = {
    "name": lambda r: (r.name,),
    "rate": lambda r: (r.rate is None, r.rate or 0, r.name),
    "-rate": lambda r: (r.rate is None, -(r.rate or 0), r.name),
    "plan": lambda r: (r.planned_this_year is None, -(r.planned_this_year or 0), r.name),
}
SORT_LABELS = {"name": "部门名称", "rate": "网上可办率（低→高）", "-rate": "网上可办率（高→低）", "plan": "本年计划数"}


def parse_sort(value: str) -> str:
    value = value or "rate"
    if value not in SORTS:
        raise InvalidInput(_("排序方式不正确，可选：%(choices)s。") % {"choices": "、".join(SORT_LABELS.values())})
    return value


def online_licensing(*, now: datetime | None = None, sort: str = "rate") -> RateReport:
    """Each department with licensing items (or a rollout plan): its rate against the
    targets, its plan for this year and next. Sorted by ``sort`` (``SORTS``)."""
    now = now or timezone.now()
    year = timezone.localtime(now).year
    rate = supervision.agency_rate(RATE_KEY)
    plan = next((p for p in supervision.agency_plans() if p.rate == RATE_KEY), None)
    ids = list(Agency.objects.filter(is_active=True).values_list("pk", flat=True))
    counts = rate.compute(ids, now) if rate else {}
    targets = rate.target_values() if rate else ()
    plans = plan.entries(ids, [year, year + 1]) if plan else {}
    names = dict(Agency.objects.filter(pk__in=set(counts) | set(plans)).values_list("pk", "name"))
    rows = []
    for agency_id in set(counts) | set(plans):
        num, den = counts.get(agency_id, (0, 0))
        rows.append(RateRow(agency_id, names.get(agency_id, ""), num, den, targets, year, plans.get(agency_id, {})))
    rows.sort(key=SORTS[sort])
    return RateReport(rate=rate, plan=plan, rows=rows, year=year, targets=targets)


# --- 回复时间 ----------------------------------------------------------------------------

REPLY_KEY = "interaction.letters"


@dataclass
class ReplyPeriod:
    kind: str  # "year" or "12m"
    start: date
    end: date
    year: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "year":
            return _("%(year)d 年") % {"year": self.year}
        return _("近 12 个月（%(start)s 至 %(end)s）") % {"start": self.start.isoformat(), "end": self.end.isoformat()}


def parse_period(period: str, year: str, *, today: date | None = None) -> ReplyPeriod:
    """``period`` = "year" (with ``year``, default this year) or "12m" (the last 12 months up
    to today). Anything else is refused with a message in Chinese."""
    today = today or timezone.localdate()
    period = period or "year"
    if period == "12m":
        # The day after the same day a year ago (29 February: after 28 February).
        a_year_ago = date(today.year - 1, today.month, 28 if (today.month, today.day) == (2, 29) else today.day)
        return ReplyPeriod("12m", a_year_ago + timedelta(days=1), today)
    if period != "year":
        raise InvalidInput(_("统计期间不正确：只能按年度或近 12 个月统计。"), field="period")
    if not year:
        y = today.year
    else:
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise InvalidInput(_("年度应为四位数字，例如 %(year)d。") % {"year": today.year}, field="year")
        y = int(year)
        if y < settings.GOVPORTAL_MONITOR_FIRST_YEAR or y > today.year:
            raise InvalidInput(
                _("年度应在 %(first)d 年至 %(last)d 年之间。")
                % {"first": settings.GOVPORTAL_MONITOR_FIRST_YEAR, "last": today.year},
                field="year",
            )
    end = min(date(y, 12, 31), today)
    return ReplyPeriod("year", date(y, 1, 1), end, y)


@dataclass
class ReplyReport:
    source: supervision.ReplyTimes | None
    by: str
    period: ReplyPeriod
    rows: list[supervision.ReplyRow]
    total: Figures


def reply_times(*, by: str, period: ReplyPeriod) -> ReplyReport:
    """Per mailbox (``by="mailbox"``) or per handling agency (``"agency"``): as 互动交流
    publishes it, for the period. Most letters first."""
    if by not in ("mailbox", "agency"):
        raise InvalidInput(_("统计口径不正确：只能按信箱或按承办单位统计。"), field="by")
    source = next((r for r in supervision.reply_times() if r.key == REPLY_KEY), None)
    rows = source.rows(by, period.start, period.end) if source else []
    rows = sorted(rows, key=lambda r: (-r.figures.received, r.name))
    total = Figures()
    for r in rows:
        total += r.figures
    return ReplyReport(source=source, by=by, period=period, rows=rows, total=total)


# The kinds of agency the goals can be about (the portal's city government is not one).
GOAL_KINDS = [k for k in AgencyKind if k != AgencyKind.CITY_GOVERNMENT]
