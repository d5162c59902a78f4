"""The single-veto indicators (单项否决) of the national check, registered in the indicator
registry (``indicators.register``) at import (``MonitorConfig.ready``).

Each ``measure(site, now)`` reads the site's facts and compares them with the national
threshold (veto) and the earlier alarm threshold (预警), both settings (``MONITOR_*``,
docs/settings.md), and says when the site turns to veto if nothing changes (``veto_at``,
the dashboard's countdown) where that can be known. Nothing here writes: the runner
(``checks.py``) stores what they return.

| key | national rule | applies to |
|---|---|---|
| reachability | ≥ 5 % of the probes of a week fail (15 s timeout, 5xx, no connection) | every kind but village pages |
| home_freshness | the home page shows nothing new for 2 weeks | every kind but village pages |
| stale_columns | ≥ 5 news/notice/policy columns stale, or ≥ 10 columns that should be updated | every kind |
| empty_columns | ≥ 5 empty columns | every kind |
| letters | a valid message unanswered for more than 3 months in the past year | every kind but village pages |
| guides | ≥ 5 service guides each missing ≥ 4 key elements | every kind but village pages |
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govportal.cluster import supervision
from govportal.cluster.models import ColumnLayout, SiteHomePage, SiteKind
from govportal.cluster.supervision import Finding
from govportal.monitor import selectors
from govportal.monitor.indicators import Indicator, Measurement, State, register

NOT_VILLAGE = frozenset(k for k in SiteKind.values if k != SiteKind.VILLAGE)
MAX_FINDINGS = 50


def _fmt(when: datetime | None) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M") if when else ""


def _days(delta: timedelta) -> int:
    return max(int(delta.total_seconds() // 86400), 0)


def add_months(when: datetime, months: int) -> datetime:
    """The same day and time ``months`` calendar months later (the month's last day when it
    is shorter), in local time: "three months" of the national rule."""
    local = timezone.localtime(when)
    month0 = local.month - 1 + months
    year, month = local.year + month0 // 12, month0 % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)


def _page_admin_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _column_admin_url(column_id: int) -> str:
    return reverse("wagtailadmin_explore", args=[column_id])


# --- 网站不能访问: reachability ------------------------------------------------------------


def measure_reachability(site: SiteHomePage, now: datetime) -> Measurement:
    window = settings.GOVPORTAL_MONITOR_REACH_WINDOW_DAYS
    probes = selectors.probes_since(site, now - timedelta(days=window), now)
    total = probes.count()
    failures = list(probes.filter(ok=False).order_by("-at")[:MAX_FINDINGS])
    failed = probes.filter(ok=False).count()
    minimum = settings.GOVPORTAL_MONITOR_REACH_MIN_PROBES
    findings = [
        Finding(agency_id=site.agency_id, title=p.url, url=p.url, since=p.at, detail=p.error or f"HTTP {p.status_code}")
        for p in failures
    ]
    if total < minimum:
        summary = _("近 %(w)s 天探测 %(n)s 次，不足 %(m)s 次，暂不判定") % {"w": window, "n": total, "m": minimum}
        return Measurement(State.UNKNOWN, Decimal(0), summary, findings)
    share = (Decimal(failed) / Decimal(total)).quantize(Decimal("0.0001"))
    veto, alarm = settings.GOVPORTAL_MONITOR_REACH_VETO_PERCENT, settings.GOVPORTAL_MONITOR_REACH_ALARM_PERCENT
    # Integer comparison: 5 failures of 100 probes is exactly the 5 % of the rule.
    if failed * 100 >= veto * total:
        state = State.VETO
    elif failed * 100 >= alarm * total:
        state = State.ALARM
    else:
        state = State.OK
    summary = _("近 %(w)s 天探测 %(n)s 次，失败 %(f)s 次（%(p)s%%；%(a)s%% 预警，%(v)s%% 否决）") % {
        "w": window,
        "n": total,
        "f": failed,
        "p": (share * 100).quantize(Decimal("0.1")),
        "a": alarm,
        "v": veto,
    }
    return Measurement(state, share, summary, findings)


# --- 首页不更新: home page freshness --------------------------------------------------------


def measure_home_freshness(site: SiteHomePage, now: datetime) -> Measurement:
    veto_days, alarm_days = settings.GOVPORTAL_MONITOR_HOME_VETO_DAYS, settings.GOVPORTAL_MONITOR_HOME_ALARM_DAYS
    item = selectors.newest_item(site)
    if item is None:
        return Measurement(State.VETO, Decimal(0), _("网站没有已发布的信息"))
    published = item.first_published_at
    age = _days(now - published)
    veto_at = published + timedelta(days=veto_days)
    if now >= veto_at:
        state = State.VETO
    elif now >= published + timedelta(days=alarm_days):
        state = State.ALARM
    else:
        state = State.OK
    summary = _("首页 %(d)s 天未更新（%(a)s 天预警，%(v)s 天否决）；最新信息发布于 %(t)s") % {
        "d": age,
        "a": alarm_days,
        "v": veto_days,
        "t": _fmt(published),
    }
    finding = Finding(agency_id=site.agency_id, title=item.title, url=_page_admin_url(item.pk), since=published)
    return Measurement(state, Decimal(age), summary, [finding], veto_at=veto_at)


# --- 栏目不更新: stale columns ------------------------------------------------------------


def _nth(dates: list[datetime], n: int) -> datetime | None:
    """The date the n-th of these turns (n ≥ 1), or None when there are fewer."""
    return sorted(dates)[n - 1] if 0 < n <= len(dates) else None


def measure_stale_columns(site: SiteHomePage, now: datetime) -> Measurement:
    veto_key = settings.GOVPORTAL_MONITOR_STALE_VETO_COLUMNS
    veto_all = settings.GOVPORTAL_MONITOR_STALE_VETO_ALL_COLUMNS
    lead = timedelta(days=settings.GOVPORTAL_MONITOR_STALE_ALARM_DAYS_BEFORE)
    judged = [f for f in selectors.site_column_facts(site) if f.stale_at is not None]
    stale = [f for f in judged if now >= f.stale_at]
    coming = [f for f in judged if now < f.stale_at]
    soon = [f for f in coming if f.stale_at - now <= lead]
    stale_key = [f for f in stale if f.key]
    if len(stale_key) >= veto_key or len(stale) >= veto_all:
        state, veto_at = State.VETO, None
    else:
        state = State.ALARM if stale or soon else State.OK
        dates = [
            _nth([f.stale_at for f in coming if f.key], veto_key - len(stale_key)),
            _nth([f.stale_at for f in coming], veto_all - len(stale)),
        ]
        veto_at = min((d for d in dates if d), default=None)
    findings = [
        Finding(
            agency_id=site.agency_id,
            title=f.column.title,
            url=_column_admin_url(f.column.pk),
            since=f.newest,
            until=f.stale_at,
            count=_days(now - f.newest),
            detail=_("已 %(d)s 天未更新（更新周期 %(p)s 天）") % {"d": _days(now - f.newest), "p": f.expected_days},
        )
        for f in sorted(stale, key=lambda f: f.stale_at)
    ] + [
        Finding(
            agency_id=site.agency_id,
            title=f.column.title,
            url=_column_admin_url(f.column.pk),
            since=f.newest,
            until=f.stale_at,
            count=_days(now - f.newest),
            detail=_("将于 %(t)s 超过更新周期（%(p)s 天）") % {"t": _fmt(f.stale_at), "p": f.expected_days},
        )
        for f in sorted(soon, key=lambda f: f.stale_at)
    ]
    summary = _(
        "不及时栏目 %(n)s 个，其中动态、通知公告、政策文件类 %(k)s 个（%(vk)s 个否决；全部栏目 %(va)s 个否决）；"
        "%(l)s 天内将不及时 %(s)s 个"
    ) % {"n": len(stale), "k": len(stale_key), "vk": veto_key, "va": veto_all, "l": lead.days, "s": len(soon)}
    return Measurement(state, Decimal(len(stale)), summary, findings[:MAX_FINDINGS], veto_at=veto_at)


# --- 空白栏目: empty columns --------------------------------------------------------------


def measure_empty_columns(site: SiteHomePage, now: datetime) -> Measurement:
    veto, alarm = settings.GOVPORTAL_MONITOR_EMPTY_VETO_COLUMNS, settings.GOVPORTAL_MONITOR_EMPTY_ALARM_COLUMNS
    empty = [f for f in selectors.site_column_facts(site) if f.empty]
    state = State.VETO if len(empty) >= veto else State.ALARM if len(empty) >= alarm else State.OK
    findings = [
        Finding(
            agency_id=site.agency_id,
            title=f.column.title,
            url=_column_admin_url(f.column.pk),
            detail=_("单页栏目没有正文") if f.column.layout == ColumnLayout.SINGLE else _("栏目没有任何信息"),
        )
        for f in empty
    ]
    summary = _("空白栏目 %(n)s 个（%(a)s 个预警，%(v)s 个否决）") % {"n": len(empty), "a": alarm, "v": veto}
    return Measurement(state, Decimal(len(empty)), summary, findings[:MAX_FINDINGS])


# --- 互动回应差: letters left unanswered -------------------------------------------------------


def measure_letters(site: SiteHomePage, now: datetime) -> Measurement:
    check = supervision.site_check("interaction.letters")
    if check is None:
        return Measurement(State.UNKNOWN, Decimal(0), _("互动交流未接入监测"))
    months = settings.GOVPORTAL_MONITOR_LETTER_VETO_MONTHS
    alarm_days = settings.GOVPORTAL_MONITOR_LETTER_ALARM_DAYS
    late, warned, pending_vetoes = [], [], []
    for f in check.measure([site.agency_id], now):
        if f.since is None:
            continue
        deadline = add_months(f.since, months)
        if (f.until or now) > deadline:
            late.append((f, deadline))
        elif f.until is None:
            pending_vetoes.append(deadline)
            if now - f.since >= timedelta(days=alarm_days):
                warned.append((f, deadline))
    state = State.VETO if late else State.ALARM if warned else State.OK
    veto_at = None if late else min(pending_vetoes, default=None)

    def row(f: Finding, deadline: datetime, what: str) -> Finding:
        end = f.until or now
        return Finding(
            agency_id=f.agency_id,
            title=f.title,
            url=f.url,
            since=f.since,
            until=f.until,
            count=_days(end - f.since),
            detail=what % {"d": _days(end - f.since), "t": _fmt(deadline)},
        )

    findings = [
        row(f, d, _("超过三个月后才答复（用时 %(d)s 天）") if f.until else _("已 %(d)s 天未答复，超过三个月"))
        for f, d in sorted(late, key=lambda x: x[0].since)
    ] + [row(f, d, _("已 %(d)s 天未答复，%(t)s 满三个月")) for f, d in sorted(warned, key=lambda x: x[0].since)]
    summary = _("近一年超过 %(m)s 个月未答复的留言 %(n)s 件；办理超过 %(a)s 天未答复 %(w)s 件") % {
        "m": months,
        "n": len(late),
        "a": alarm_days,
        "w": len(warned),
    }
    return Measurement(state, Decimal(len(late)), summary, findings[:MAX_FINDINGS], veto_at=veto_at)


# --- 服务不实用: service guides lacking key elements ---------------------------------------------


def measure_guides(site: SiteHomePage, now: datetime) -> Measurement:
    check = supervision.site_check("servicehall.guides")
    if check is None:
        return Measurement(State.UNKNOWN, Decimal(0), _("网上办事未接入监测"))
    veto_items = settings.GOVPORTAL_SERVICEHALL_VETO_ITEMS
    missing = settings.GOVPORTAL_SERVICEHALL_VETO_MISSING_ELEMENTS
    alarm_items = settings.GOVPORTAL_MONITOR_GUIDES_ALARM_ITEMS
    found = sorted(check.measure([site.agency_id], now), key=lambda f: (-f.count, f.title))
    flagged = [f for f in found if f.count >= missing]
    state = State.VETO if len(flagged) >= veto_items else State.ALARM if len(flagged) >= alarm_items else State.OK
    summary = _(
        "缺少 %(m)s 个及以上关键要素的办事指南 %(n)s 项（%(a)s 项预警，%(v)s 项否决）；要素不全的共 %(t)s 项"
    ) % {
        "m": missing,
        "n": len(flagged),
        "a": alarm_items,
        "v": veto_items,
        "t": len(found),
    }
    return Measurement(state, Decimal(len(flagged)), summary, found[:MAX_FINDINGS])


VETO_INDICATORS = [
    Indicator(
        key="reachability",
        label=gettext_lazy("网站可用性"),
        veto=True,
        order=10,
        measure=measure_reachability,
        rule=gettext_lazy(
            "一周内每天至少探测 20 次，首页和栏目页无法访问（15 秒超时、连接失败、5xx）的比例达 5% 即否决"
        ),
        kinds=NOT_VILLAGE,
    ),
    Indicator(
        key="home_freshness",
        label=gettext_lazy("首页更新"),
        veto=True,
        order=20,
        measure=measure_home_freshness,
        rule=gettext_lazy("首页信息超过 2 周未更新即否决"),
        kinds=NOT_VILLAGE,
    ),
    Indicator(
        key="stale_columns",
        label=gettext_lazy("栏目更新"),
        veto=True,
        order=30,
        measure=measure_stale_columns,
        rule=gettext_lazy(
            "动态要闻类 2 周、通知公告和政策文件类 6 个月未更新的栏目达 5 个，或应更新未更新的栏目达 10 个即否决"
        ),
    ),
    Indicator(
        key="empty_columns",
        label=gettext_lazy("空白栏目"),
        veto=True,
        order=40,
        measure=measure_empty_columns,
        rule=gettext_lazy("空白栏目达 5 个即否决"),
    ),
    Indicator(
        key="letters",
        label=gettext_lazy("互动回应"),
        veto=True,
        order=50,
        measure=measure_letters,
        rule=gettext_lazy("近一年有超过 3 个月未答复的有效留言（含逾期答复和仍未答复的）即否决"),
        kinds=NOT_VILLAGE,
    ),
    Indicator(
        key="guides",
        label=gettext_lazy("服务实用"),
        veto=True,
        order=60,
        measure=measure_guides,
        rule=gettext_lazy("办事指南缺少 4 个及以上关键要素的事项达 5 项即否决"),
        kinds=NOT_VILLAGE,
    ),
]

for _indicator in VETO_INDICATORS:
    register(_indicator)
