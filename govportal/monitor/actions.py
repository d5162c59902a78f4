"""Every write of the monitor's self-check: a measurement stored as the site's current result,
a change of state recorded in the history with one alarm through the outbox, reachability
probes stored and pruned.

Alarms: when an indicator's state changes to 预警, 单项否决 or 扣分, or back from one of them to
正常, the agency responsible for the site (its e-mail and its staff's) and the information
office (``access.office_alarm_addresses``) get one message each, put in the outbox in the
transaction that records the change. The outbox key names the change row, so a retried job
sends nothing twice, and nothing is sent while the state holds (no new row)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govportal.cluster.models import SiteHomePage
from govportal.core.outbox.actions import outbox_put
from govportal.monitor import access
from govportal.monitor.indicators import Indicator, Measurement, State
from govportal.monitor.models import IndicatorResult, ReachabilityProbe, StateChange
from govportal.monitor.probes import ProbeResult

ALARM_STATES = frozenset({State.ALARM, State.VETO, State.DEDUCT})


def _finding_json(finding) -> dict:
    def when(value):
        return value.isoformat() if value else None

    return {
        "title": finding.title[:200],
        "url": finding.url[:500],
        "since": when(finding.since),
        "until": when(finding.until),
        "count": finding.count,
        "detail": finding.detail[:300],
    }


def should_alarm(old: str, new: str) -> bool:
    """Into an alarm, veto or deduction; or back to normal from one of them."""
    return new in ALARM_STATES or (new == State.OK and old in ALARM_STATES)


@transaction.atomic
def result_record(
    *, site: SiteHomePage, indicator: Indicator, measurement: Measurement, now: datetime, actor=None
) -> tuple[IndicatorResult, StateChange | None]:
    """Store one measurement as the site's current result for the indicator; on a change of
    state, the history row and its alarm. ``actor``: None for the scheduler's runs."""
    result = IndicatorResult.objects.select_for_update().filter(site=site, indicator=indicator.key).first()
    old = result.state if result is not None else State.UNKNOWN
    new = measurement.state
    fields = {
        "state": new,
        "value": measurement.value,
        "summary": measurement.summary[:300],
        "findings": [_finding_json(f) for f in measurement.findings],
        "veto_at": measurement.veto_at,
        "measured_at": now,
    }
    if result is None:
        result = IndicatorResult.objects.create(site=site, indicator=indicator.key, state_since=now, **fields)
    else:
        for name, value in fields.items():
            setattr(result, name, value)
        if old != new:
            result.state_since = now
        result.save()
    if old == new:
        return result, None
    change = StateChange.objects.create(
        site=site,
        indicator=indicator.key,
        old_state=old,
        new_state=new,
        value=measurement.value,
        summary=measurement.summary[:300],
        at=now,
    )
    if should_alarm(old, new):
        change.alarmed = _alarm(site=site, indicator=indicator, change=change, measurement=measurement, now=now)
        change.save(update_fields=["alarmed"])
    return result, change


def alarm_addresses(site: SiteHomePage) -> list[str]:
    """The agency responsible for the site (its own address and its active staff's) and the
    information office — each address once."""
    from govportal.core.cases.notifications import staff_addresses

    addresses = [a for channel, a in staff_addresses(site.agency, agency_address=True) if channel == "email"]
    addresses += access.office_alarm_addresses()
    return list(dict.fromkeys(a for a in addresses if a))


def alarm_text(
    *, site: SiteHomePage, indicator: Indicator, change: StateChange, measurement: Measurement, now
) -> tuple[str, str]:
    old, new = State(change.old_state).label, State(change.new_state).label
    subject = _("【网站监管】%(site)s：%(label)s%(new)s") % {"site": site.title, "label": indicator.label, "new": new}
    lines = [
        _("网站：%(site)s（%(agency)s）") % {"site": site.title, "agency": site.agency.name},
        _("指标：%(label)s，由“%(old)s”变为“%(new)s”。") % {"label": indicator.label, "old": old, "new": new},
        measurement.summary,
    ]
    if change.new_state != State.VETO and measurement.veto_at and measurement.veto_at > now:
        days = max((measurement.veto_at - now).days, 0)
        lines.append(
            _("如不处理，将于 %(when)s 触发单项否决（距否决还有 %(days)s 天）。")
            % {"when": timezone.localtime(measurement.veto_at).strftime("%Y-%m-%d %H:%M"), "days": days}
        )
    if indicator.rule:
        lines.append(_("检查规则：%(rule)s") % {"rule": indicator.rule})
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines.append(_("详情：%(url)s") % {"url": base + reverse("monitor_state:site", args=[site.pk])})
    return subject, "\n".join(lines)


def _alarm(*, site, indicator, change, measurement, now) -> int:
    subject, body = alarm_text(site=site, indicator=indicator, change=change, measurement=measurement, now=now)
    put = 0
    for address in alarm_addresses(site):
        digest = hashlib.sha256(address.encode()).hexdigest()[:16]
        outbox_put(
            key=f"monitor:change:{change.pk}:email:{digest}",
            channel="email",
            recipient=address,
            subject=subject[:200],
            body=body,
        )
        put += 1
    return put


# --- reachability probes ------------------------------------------------------------------


@transaction.atomic
def probes_record(*, site: SiteHomePage, results: list[ProbeResult]) -> int:
    ReachabilityProbe.objects.bulk_create(
        ReachabilityProbe(
            site=site,
            url=r.url[:500],
            ok=r.ok,
            status_code=r.status_code,
            elapsed_ms=r.elapsed_ms,
            error=r.error[:300],
            at=r.at,
        )
        for r in results
    )
    return len(results)


@transaction.atomic
def probes_prune(*, now: datetime | None = None) -> int:
    """Drop probes older than ``MONITOR_PROBE_RETENTION_DAYS`` (never fewer days than the
    indicator's window looks back)."""
    now = now or timezone.now()
    keep = max(settings.GOVPORTAL_MONITOR_PROBE_RETENTION_DAYS, settings.GOVPORTAL_MONITOR_REACH_WINDOW_DAYS)
    deleted, _rows = ReachabilityProbe.objects.filter(at__lt=now - timedelta(days=keep)).delete()
    return deleted
