"""What the areas tell the 监管 area (``govportal.monitor``) about themselves.

The monitor imports the cluster and core, never another area. An area that holds data a
national indicator or the yearly website report needs declares it here, from its
``publishing.py`` (the same way it declares its navigation entry in ``cluster.areas``):

- ``register_site_check(SiteCheck(...))``: a measurement over agencies — the letters left
  unanswered (互动), the service guides missing key elements (办事), the 规范性文件 without an
  interpretation (信息公开). ``measure(agency_ids, now)`` answers for many agencies at once
  with the raw facts (``Finding`` rows with their dates); the monitor applies the national
  thresholds and its alarm thresholds, which are settings of the monitor, not of the area.
- ``register_yearly_figure(YearlyFigure(...))``: a number of the 政府网站工作年度报表 the area
  can count for a year (letters received, interviews held, service items …), with the
  listing it can be checked against.
- ``register_agency_rate(AgencyRate(...))``: a per-agency ratio a dashboard shows against a
  target (the share of licensing items online against 30 %/50 %, the letters answered in time).
- ``register_agency_plan(AgencyPlan(...))``: what each agency planned per year towards a rate
  (the 网上办事 rollout plan: licensing items to be online by the end of each year).
- ``register_reply_times(ReplyTimes(...))``: per mailbox or per handling agency, the letters
  received and answered in a period, the working days taken and how many were on time — the
  area's own published statistics, so the dashboard never counts differently.

Findings never carry personal data: a title a clerk of the agency may read, and a link
into the admin or the public page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from govportal.core.cases.stats import Figures


@dataclass(frozen=True)
class Finding:
    """One thing an indicator counts: a letter, a service guide, a document."""

    agency_id: int
    title: str
    url: str = ""  # where the agency fixes it (admin) or sees it (public page)
    since: datetime | None = None  # received / published / due — when the clock started
    until: datetime | None = None  # answered / fixed; None while it is still open
    count: int = 0  # e.g. how many key elements a guide lacks
    detail: str = ""


@dataclass(frozen=True)
class SiteCheck:
    key: str  # "interaction.letters", "servicehall.guides", "disclosure.interpretations"
    label: str
    # (agency_ids, now) -> findings of those agencies, in no particular order
    measure: Callable[[list[int], datetime], list[Finding]]


@dataclass(frozen=True)
class YearlyFigure:
    key: str  # the report row it fills, e.g. "interaction.letters_received"
    label: str
    # (agency_ids, year) -> {agency_id: value}; agencies with nothing may be left out
    count: Callable[[list[int], int], dict[int, int | Decimal]]
    source: str = ""  # a human description of the listing it is checked against


@dataclass(frozen=True)
class AgencyRate:
    key: str  # "servicehall.online_licensing", "interaction.reply_days"
    label: str
    # (agency_ids, now) -> {agency_id: (numerator, denominator)}
    compute: Callable[[list[int], datetime], dict[int, tuple[Decimal | int, Decimal | int]]]
    # e.g. (Decimal("0.30"), Decimal("0.50")), or a function returning them (read from the
    # area's settings when the dashboard asks)
    targets: tuple[Decimal, ...] | Callable[[], tuple[Decimal, ...]] = ()
    target_labels: tuple[str, ...] = ()  # one per target: "首年目标", "规划期末目标"
    source: str = ""  # where the same figures are published

    def target_values(self) -> tuple[Decimal, ...]:
        return tuple(self.targets()) if callable(self.targets) else tuple(self.targets)


@dataclass(frozen=True)
class PlanEntry:
    """One agency's plan for one year: how many items it means to have done (e.g. licensing
    items online by the year's end), its measures, and the supervisor's note."""

    planned: int
    measures: str = ""
    note: str = ""


@dataclass(frozen=True)
class AgencyPlan:
    key: str  # "servicehall.rollout_plan"
    label: str
    # (agency_ids, years) -> {agency_id: {year: PlanEntry}}; agencies without a plan left out
    entries: Callable[[list[int], list[int]], dict[int, dict[int, PlanEntry]]]
    rate: str = ""  # the AgencyRate the plan works towards, e.g. "servicehall.online_licensing"
    url: str = ""  # where the plans are edited (admin)


@dataclass(frozen=True)
class ReplyRow:
    """One mailbox's or one handling agency's letters in a period, as the area publishes
    them: the kernel's ``Figures`` (received in the period, answered in it and on time, the
    working days the answered ones took, open now and open past the due date — see
    ``govportal.core.cases.stats`` for each definition, the averages and rates included)."""

    key: int  # the mailbox's or the agency's id
    name: str
    agency_id: int | None  # the agency the row belongs to (a mailbox's owner)
    figures: Figures


@dataclass(frozen=True)
class ReplyTimes:
    key: str  # "interaction.letters"
    label: str
    # (by, date_from, date_to) -> rows; ``by`` is "mailbox" or "agency"
    rows: Callable[[str, date, date], list[ReplyRow]]
    source: str = ""  # where the same figures are published (e.g. the 来信统计 page)


_SITE_CHECKS: dict[str, SiteCheck] = {}
_YEARLY_FIGURES: dict[str, YearlyFigure] = {}
_AGENCY_RATES: dict[str, AgencyRate] = {}
_AGENCY_PLANS: dict[str, AgencyPlan] = {}
_REPLY_TIMES: dict[str, ReplyTimes] = {}


def register_site_check(check: SiteCheck) -> None:
    _SITE_CHECKS[check.key] = check


def register_yearly_figure(figure: YearlyFigure) -> None:
    _YEARLY_FIGURES[figure.key] = figure


def register_agency_rate(rate: AgencyRate) -> None:
    _AGENCY_RATES[rate.key] = rate


def register_agency_plan(plan: AgencyPlan) -> None:
    _AGENCY_PLANS[plan.key] = plan


def register_reply_times(replies: ReplyTimes) -> None:
    _REPLY_TIMES[replies.key] = replies


def site_check(key: str) -> SiteCheck | None:
    return _SITE_CHECKS.get(key)


def site_checks() -> list[SiteCheck]:
    return list(_SITE_CHECKS.values())


def yearly_figures() -> list[YearlyFigure]:
    return list(_YEARLY_FIGURES.values())


def agency_rates() -> list[AgencyRate]:
    return list(_AGENCY_RATES.values())


def agency_rate(key: str) -> AgencyRate | None:
    return _AGENCY_RATES.get(key)


def agency_plans() -> list[AgencyPlan]:
    return list(_AGENCY_PLANS.values())


def reply_times() -> list[ReplyTimes]:
    return list(_REPLY_TIMES.values())
