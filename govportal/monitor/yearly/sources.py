"""Counting a report's computed rows from the system's own records.

Whose records a site's report counts (ADR 0025):

- the site's own pages: its articles, single pages and 专题 — the pages under its home,
  less those of sub-sites and village pages under it (they have reports of their own);
- the areas' figures (letters, catalogue entries, interviews, service items …) of the
  site's agency; for the city portal, of every city-level agency (every agency but
  townships and villages): the portal hosts the city's one 信息公开 platform, 网上办事大厅,
  mailboxes, interviews and surveys, where every city department publishes. A department's
  figures so appear in its own site's report and in the portal's, as they appear on both.

Every value is text as the form shows it ("12", "3.5", "是"); ``compute`` answers
{row key: Computed(value, source)} for every computed row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail.models import PageLogEntry

from govportal.cluster import supervision
from govportal.cluster.models import (
    ArticlePage,
    ColumnLayout,
    ColumnPage,
    ColumnType,
    SiteHomePage,
    SiteKind,
    TopicPage,
)
from govportal.core.models import Agency, AgencyKind
from govportal.monitor.yearly.form import ROWS

YES, NO = "是", "否"
NEWS_TYPES = (ColumnType.NEWS, ColumnType.NOTICE)  # 政务动态: 动态要闻 and 通知公告 columns
OVERVIEW_TYPES = (ColumnType.OTHER,)  # 概况类: the 其他 columns (概况, 机构职能, 领导信息 …)


@dataclass(frozen=True)
class Computed:
    value: str
    source: str


def agency_ids_for(site: SiteHomePage) -> list[int]:
    if site.kind == SiteKind.PORTAL:
        return list(
            Agency.objects.exclude(kind__in=[AgencyKind.TOWNSHIP, AgencyKind.VILLAGE]).values_list("pk", flat=True)
        )
    return [site.agency_id]


def _own_tree(site: SiteHomePage) -> Q:
    """Pages under the site's home, less the trees of the sites nested in it."""
    q = Q(path__startswith=site.path, depth__gt=site.depth)
    for path in SiteHomePage.objects.filter(path__startswith=site.path, depth__gt=site.depth).values_list(
        "path", flat=True
    ):
        q &= ~Q(path__startswith=path)
    return q


def _column_types(site: SiteHomePage) -> dict[str, str]:
    return dict(ColumnPage.objects.filter(_own_tree(site)).values_list("path", "column_type"))


def cluster_counts(site: SiteHomePage, year: int) -> dict[str, int]:
    tree = _own_tree(site)
    columns = _column_types(site)
    steplen = ArticlePage.steplen
    news = overview = articles = 0
    for path in ArticlePage.objects.live().filter(tree, first_published_at__year=year).values_list("path", flat=True):
        articles += 1
        kind = columns.get(path[:-steplen])
        if kind in NEWS_TYPES:
            news += 1
        elif kind in OVERVIEW_TYPES:
            overview += 1
    singles = ColumnPage.objects.live().filter(tree, layout=ColumnLayout.SINGLE).values_list("pk", flat=True)
    single_updates = PageLogEntry.objects.filter(
        page_id__in=list(singles), action="wagtail.publish", timestamp__year=year
    ).count()
    topics = TopicPage.objects.live().filter(tree)
    end = date(year, 12, 31)
    return {
        "articles": articles,
        "info_news": news,
        "info_overview": overview + single_updates,
        "single_updates": single_updates,
        "topics_maintained": topics.filter(first_published_at__date__lte=end).count(),
        "topics_new": topics.filter(first_published_at__year=year).count(),
    }


def figure_totals(site: SiteHomePage, year: int) -> dict[str, tuple[int | Decimal, str]]:
    """Every registered figure, summed over the agencies the site counts."""
    ids = agency_ids_for(site)
    out: dict[str, tuple[int | Decimal, str]] = {}
    for figure in supervision.yearly_figures():
        values = figure.count(ids, year)
        out[figure.key] = (sum(values.get(i, 0) for i in ids), str(figure.source))
    return out


def _site_type(site: SiteHomePage) -> str:
    return _("政府门户网站") if site.kind == SiteKind.PORTAL else _("部门网站")


def compute(site: SiteHomePage, year: int) -> dict[str, Computed]:
    registry = site.registry
    counts = cluster_counts(site, year)
    figures = figure_totals(site, year)
    registry_source = _("网站备案信息（%(site)s）") % {"site": registry.title}
    site_values = {
        "title": (site.title, _("网站名称（网站首页标题）")),
        "url": (site.full_url or "", _("网站首页地址")),
        "host_unit": (registry.host_unit or registry.agency.name, registry_source),
        "type": (_site_type(site), _("网站类型：门户网站为政府门户网站，其余为部门网站")),
        "site_code": (registry.site_code, registry_source),
        "icp_record": (registry.icp_record, registry_source),
        "psb_record": (registry.psb_record, registry_source),
        "unified_platform": (YES, _("互动交流使用全市统一的网站群互动平台")),
        "agency_name": (site.agency.name, _("网站所属单位")),
    }
    cluster_sources = {
        "info_overview": _("本网站“其他”类栏目当年发布的文章，及单页栏目（概况、机构职能等）当年的发布次数"),
        "info_news": _("本网站动态要闻类、通知公告类栏目当年发布的文章"),
        "topics_maintained": _("本网站截至年底已发布的专题"),
        "topics_new": _("本网站当年新发布的专题"),
    }
    out: dict[str, Computed] = {}
    for row in ROWS:
        if not row.computed:
            continue
        kind, _sep, what = row.source.partition(":")
        if kind == "site":
            value, source = site_values[what]
            out[row.key] = Computed(str(value or ""), str(source))
        elif kind == "cluster" and what == "info_total":
            catalogue = figures.get("disclosure.catalogue_entries", (0, ""))[0]
            total = counts["articles"] + counts["single_updates"] + int(catalogue)
            out[row.key] = Computed(str(total), _("本网站当年发布的全部文章、单页栏目的发布次数和信息公开目录条目之和"))
        elif kind == "cluster":
            out[row.key] = Computed(str(counts[what]), str(cluster_sources[what]))
        elif kind == "figure":
            value, source = figures.get(what, (0, _("（未登记该数据的来源）")))
            out[row.key] = Computed(str(value), source)
        elif kind == "any":
            value, source = figures.get(what, (0, ""))
            out[row.key] = Computed(YES if value else NO, _("有已公开的事项即为“是”：") + source)
        elif kind == "ratio":
            a, b = what.split("/")
            num, num_source = figures.get(a, (0, ""))
            den, _den_source = figures.get(b, (0, ""))
            avg = (Decimal(num) / Decimal(den)).quantize(Decimal("0.1"), ROUND_HALF_UP) if den else Decimal("0.0")
            out[row.key] = Computed(str(avg), _("办结留言用时（工作日）合计 ÷ 办结留言数量：") + num_source)
    return out
