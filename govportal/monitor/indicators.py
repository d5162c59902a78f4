"""The indicators the monitor measures, one registry for veto and scored ones alike.

An indicator is a function of one site and the time: ``measure(site, now)`` returns a
``Measurement`` — the value, the state it puts the site in, the findings behind it, and
(for a veto indicator) when the site will be vetoed if nothing changes, which the dashboard
shows as a countdown. The runner (``checks.py``) measures every registered indicator for
every live site on the scheduler, stores the result and its history, and sends an alarm
through the outbox once per change of state.

States, in order of gravity: ``ok`` → ``alarm`` (the earlier threshold the information
office set: act now) → ``veto`` (the national threshold: the site fails the check). A scored
indicator is ``ok`` or ``deduct`` (points are taken off) and never vetoes.

Indicators register at import of their module (``monitor/apps.py`` imports them); thresholds
are settings (``MONITOR_*``, docs/settings.md), never literals in the measure function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.cluster.supervision import Finding

if TYPE_CHECKING:
    from govportal.cluster.models import SiteHomePage


class State(models.TextChoices):
    OK = "ok", _("正常")
    ALARM = "alarm", _("预警")
    VETO = "veto", _("单项否决")
    DEDUCT = "deduct", _("扣分")
    UNKNOWN = "unknown", _("未检测")


GRAVITY = {State.UNKNOWN: 0, State.OK: 1, State.DEDUCT: 2, State.ALARM: 2, State.VETO: 3}


@dataclass(frozen=True)
class Measurement:
    state: State
    value: int | Decimal  # days, a count, or a share (Decimal("0.04"))
    summary: str  # one line in Chinese: "首页 12 天未更新（10 天预警，14 天否决）"
    findings: list[Finding] = field(default_factory=list)
    veto_at: datetime | None = None  # when the state turns to veto if nothing changes


@dataclass(frozen=True)
class Indicator:
    key: str  # "home_freshness", "stale_columns", "letters", "links" …
    label: str  # the national indicator's name: "首页栏目更新", "互动回应"
    veto: bool  # a single-veto indicator (单项否决) or a scored one
    order: int
    measure: Callable[[SiteHomePage, datetime], Measurement]
    rule: str = ""  # the national rule in one sentence, shown on the dashboard
    # The site kinds (cluster.SiteKind values) it applies to; empty: every kind. A village page
    # has no mailbox and no service hall of its own, so the letters and guides skip it.
    kinds: frozenset[str] = frozenset()

    def applies_to(self, site: SiteHomePage) -> bool:
        return not self.kinds or site.kind in self.kinds


_INDICATORS: dict[str, Indicator] = {}


def register(indicator: Indicator) -> None:
    _INDICATORS[indicator.key] = indicator


def indicators() -> list[Indicator]:
    return sorted(_INDICATORS.values(), key=lambda i: i.order)


def indicator(key: str) -> Indicator | None:
    return _INDICATORS.get(key)
