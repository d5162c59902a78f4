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

Findings never carry personal data: a title a clerk of the agency may read, and a link
into the admin or the public page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


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
    targets: tuple[Decimal, ...] = ()  # e.g. (Decimal("0.30"), Decimal("0.50"))


_SITE_CHECKS: dict[str, SiteCheck] = {}
_YEARLY_FIGURES: dict[str, YearlyFigure] = {}
_AGENCY_RATES: dict[str, AgencyRate] = {}


def register_site_check(check: SiteCheck) -> None:
    _SITE_CHECKS[check.key] = check


def register_yearly_figure(figure: YearlyFigure) -> None:
    _YEARLY_FIGURES[figure.key] = figure


def register_agency_rate(rate: AgencyRate) -> None:
    _AGENCY_RATES[rate.key] = rate


def site_check(key: str) -> SiteCheck | None:
    return _SITE_CHECKS.get(key)


def site_checks() -> list[SiteCheck]:
    return list(_SITE_CHECKS.values())


def yearly_figures() -> list[YearlyFigure]:
    return list(_YEARLY_FIGURES.values())


def agency_rates() -> list[AgencyRate]:
    return list(_AGENCY_RATES.values())
