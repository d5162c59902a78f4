"""Reads of the monitor: the facts of a site its indicators are computed from (its newest
item, its columns with their newest item), and the stored results, history and probes as the
screens show them — scoped through ``monitor/access.py``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, QuerySet
from django.utils.html import strip_tags

from wagtail.models import Page

from govportal.cluster import areas
from govportal.cluster.models import ArticlePage, ColumnLayout, ColumnPage, ColumnType, SiteHomePage, SyncStatus
from govportal.cluster.selectors import column_articles
from govportal.monitor import access
from govportal.monitor.models import IndicatorResult, ReachabilityProbe, StateChange

# Column types whose staleness the national rule names (动态要闻, 通知公告, 政策文件): at five
# of them stale the site is vetoed; every other column counts towards the ten of "columns
# that should be updated and are not".
KEY_COLUMN_TYPES = frozenset({ColumnType.NEWS, ColumnType.NOTICE, ColumnType.POLICY})


def live_sites() -> QuerySet[SiteHomePage]:
    """Every live site and sub-site (village pages included), in tree order."""
    return SiteHomePage.objects.live().select_related("agency").order_by("path")


def _sub_site_paths(home: SiteHomePage) -> list[str]:
    # Sub-sites (子站) are always direct children of a site home; their subtrees are theirs.
    return list(SiteHomePage.objects.child_of(home).values_list("path", flat=True))


def _own(queryset, home: SiteHomePage):
    for path in _sub_site_paths(home):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def _container_types() -> list[int]:
    """Pages that hold items rather than being one: homes, columns and the area index pages
    a site home may hold (its allowed sub-page types)."""
    models = {SiteHomePage, ColumnPage, *SiteHomePage.allowed_subpage_models()}
    return [ct.pk for ct in ContentType.objects.get_for_models(*models, for_concrete_models=False).values()]


def newest_item(home: SiteHomePage) -> Page | None:
    """The newest item published on the site: its own pages (articles, disclosure documents,
    topics … — not its columns and not its sub-sites') and what its columns list from other
    sites through synchronised publishing. By the publish time readers see (immutable)."""
    own = (
        _own(Page.objects.live().public().descendant_of(home), home)
        .exclude(content_type_id__in=_container_types())
        .exclude(first_published_at__isnull=True)
        .order_by("-first_published_at", "-pk")
        .first()
    )
    columns = _own(ColumnPage.objects.descendant_of(home), home)
    synced = (
        ArticlePage.objects.live()
        .public()
        .filter(sync_offers__column__in=columns, sync_offers__status=SyncStatus.ACCEPTED)
        .order_by("-first_published_at", "-pk")
        .first()
    )
    found = [p for p in (own, synced) if p is not None]
    return max(found, key=lambda p: p.first_published_at) if found else None


@dataclass
class ColumnFacts:
    column: ColumnPage
    items: int  # live items it lists (own + synchronised)
    newest: datetime | None
    expected_days: int | None
    empty: bool

    @property
    def key(self) -> bool:
        return self.column.column_type in KEY_COLUMN_TYPES

    @property
    def stale_at(self) -> datetime | None:
        """When the column turns stale if nothing new is published (None: never judged —
        an empty column is counted as empty, not as stale)."""
        if self.newest is None or not self.expected_days:
            return None
        return self.newest + timedelta(days=self.expected_days)


# Within one run of a site's checks (`one_run`), facts two indicators read are read once.
_RUN_MEMO: ContextVar[dict | None] = ContextVar("monitor_run_memo", default=None)


@contextmanager
def one_run() -> Iterator[None]:
    token = _RUN_MEMO.set({})
    try:
        yield
    finally:
        _RUN_MEMO.reset(token)


def site_column_facts(home: SiteHomePage) -> list[ColumnFacts]:
    """The site's own live columns that carry content, each with its newest item. Left out:
    external links, the top-level columns standing for an area (网上办事, 互动交流 — the area's
    pages are that content), and columns that only group sub-columns."""
    memo = _RUN_MEMO.get()
    if memo is None:
        return _site_column_facts(home)
    key = ("columns", home.pk)
    if key not in memo:
        memo[key] = _site_column_facts(home)
    return memo[key]


def _site_column_facts(home: SiteHomePage) -> list[ColumnFacts]:
    columns = list(_own(ColumnPage.objects.descendant_of(home).live().public(), home).order_by("path"))
    with_children = {c.path[: -ColumnPage.steplen] for c in columns}  # paths of columns' parents
    area_slugs = areas.area_column_slugs()
    facts = []
    for column in columns:
        if column.layout == ColumnLayout.LINK:
            continue
        if column.depth == home.depth + 1 and column.slug in area_slugs:
            continue
        if column.layout == ColumnLayout.SINGLE:
            facts.append(ColumnFacts(column, 0, None, None, not strip_tags(column.body or "").strip()))
            continue
        agg = column_articles(column).order_by().aggregate(n=Count("pk"), newest=Max("first_published_at"))
        if not agg["n"] and column.path in with_children:
            continue  # a grouping column: its sub-columns are judged
        facts.append(ColumnFacts(column, agg["n"], agg["newest"], column.expected_update_days, not agg["n"]))
    return facts


def probes_since(site: SiteHomePage, since: datetime, until: datetime) -> QuerySet[ReachabilityProbe]:
    return ReachabilityProbe.objects.filter(site=site, at__gt=since, at__lte=until)


# --- the screens ---------------------------------------------------------------------------


def sites_for(user, *, kind: str = "") -> QuerySet[SiteHomePage]:
    sites = access.sites_visible(user, live_sites())
    return sites.filter(kind=kind) if kind else sites


def results_by_site(sites) -> dict[int, dict[str, IndicatorResult]]:
    found: dict[int, dict[str, IndicatorResult]] = {}
    for result in IndicatorResult.objects.filter(site__in=[s.pk for s in sites]):
        found.setdefault(result.site_id, {})[result.indicator] = result
    return found


def site_for(user, pk: int) -> SiteHomePage:
    """One site the user may see (another agency's → NotFound, a 404)."""
    return access.site_for(user, live_sites(), pk)


def site_results(site: SiteHomePage) -> dict[str, IndicatorResult]:
    return {r.indicator: r for r in IndicatorResult.objects.filter(site=site)}


def site_history(site: SiteHomePage, limit: int = 200) -> QuerySet[StateChange]:
    return StateChange.objects.filter(site=site).order_by("-at", "-pk")[:limit]


def recent_probes(site: SiteHomePage, limit: int = 20) -> QuerySet[ReachabilityProbe]:
    return ReachabilityProbe.objects.filter(site=site).order_by("-at", "-pk")[:limit]
