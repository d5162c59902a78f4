"""Reads of the cluster whose result depends on who asks or what is public.

Public readers see live pages only. Staff visibility of drafts is decided by Wagtail's
page permissions on each agency's subtree (see `permissions.py`); listings we add
ourselves are scoped here.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from govportal.cluster import access

# The rules of who sees what are in `access`; these names stay importable from here.
from govportal.cluster.access import (  # noqa: E402, F401
    can_decide_offer,
    can_edit_page,
    portal_reviewable_columns,
    staff_edit_root_paths,
    staff_visible_pages,
)
from govportal.cluster.models import (
    ArticlePage,
    ClusterNavPage,
    ColumnLayout,
    ColumnPage,
    SiteHomePage,
    SiteKind,
    SyncOffer,
    SyncStatus,
)
from govportal.core.errors import NotFound
from govportal.core.memo import request_memo

HOME_ARTICLES_PER_COLUMN = 8


def column_articles(column: ColumnPage) -> QuerySet[ArticlePage]:
    """Live articles a column lists: its own, plus originals accepted by synchronised
    publishing (a reference, so the original's edits and unpublishing show at once).
    Pinned first, then newest first."""
    # A UNION of the two sets, not an OR in one WHERE: with an OR PostgreSQL scans every live
    # page of the cluster (≈1 s at 200k articles, bench/serve.py); each half uses an index.
    live = ArticlePage.objects.live().public()
    own = live.filter(path__startswith=column.path, depth=column.depth + 1).order_by().values("pk")
    synced = live.filter(sync_offers__column=column, sync_offers__status=SyncStatus.ACCEPTED).order_by().values("pk")
    return (
        ArticlePage.objects.filter(pk__in=own.union(synced))
        .order_by("-is_pinned", "-first_published_at", "-pk")
        .defer_streamfields()
        .defer("body")
    )


def with_site_homes(articles, column: ColumnPage | None = None) -> list[ArticlePage]:
    """The articles, each with its `site_home` (and that site's agency) resolved — in one
    query for the whole list instead of two per article (`display_source` of synced items).
    With a column, only the articles synchronised into it (the ones listed with a source)."""
    articles = list(articles)
    step = ArticlePage.steplen
    wanted = [a for a in articles if column is None or not a.path.startswith(column.path)]
    prefixes = {a.path[:end] for a in wanted for end in range(step, len(a.path), step)}
    if not prefixes:
        return articles
    homes = {h.path: h for h in SiteHomePage.objects.filter(path__in=prefixes).select_related("agency")}
    for article in wanted:
        ends = range(len(article.path) - step, 0, -step)
        article.__dict__["site_home"] = next((homes[article.path[:e]] for e in ends if article.path[:e] in homes), None)
    return articles


def child_columns(page) -> QuerySet[ColumnPage]:
    return ColumnPage.objects.child_of(page).live().public()


def top_columns(home: SiteHomePage) -> list[ColumnPage]:
    """A site's live top-level columns in tree order — asked for by the navigation, the home
    blocks and the portal entries of one page, so read once per GET request."""
    return request_memo(f"cluster.top_columns:{home.pk}", lambda: list(child_columns(home)))


def home_columns(home: SiteHomePage) -> list[dict]:
    """The columns a site home shows, each with its latest articles — as `column_articles`
    lists them, for all the columns in two ranked queries instead of one per column."""
    from govportal.cluster import areas

    # A column standing for an area (the portal's 网上办事, 互动交流) is the area's tile instead,
    # unless the area shows it its own way (the 政府信息公开 box with the site's own entries).
    columns = [c for c in top_columns(home) if c.show_on_home]
    own_blocks = areas.column_block_templates(columns)
    standing = areas.area_column_slugs()
    columns = [c for c in columns if c.slug not in standing or (c.pk in own_blocks and home.kind != SiteKind.PORTAL)]
    latest = latest_per_column([c for c in columns if c.layout == ColumnLayout.LIST], HOME_ARTICLES_PER_COLUMN)
    synced = [a for c in columns for a in latest.get(c.pk, []) if not a.path.startswith(c.path)]
    with_site_homes(synced)
    return [{"column": c, "articles": latest.get(c.pk, []), "area_block": own_blocks.get(c.pk)} for c in columns]


def latest_per_column(columns: list[ColumnPage], limit: int) -> dict[int, list[ArticlePage]]:
    """{column pk: its first `limit` articles in `column_articles` order} for sibling columns:
    the own articles ranked per parent in one query, the accepted offers ranked per column in
    another, merged here."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber, Substr

    if not columns:
        return {}
    by_path = {c.path: c for c in columns}
    parent_length = len(columns[0].path)
    if any(len(c.path) != parent_length for c in columns):
        return {c.pk: list(column_articles(c)[:limit]) for c in columns}
    order = [F("is_pinned").desc(), F("first_published_at").desc(), F("pk").desc()]
    live = ArticlePage.objects.live().public().defer_streamfields().defer("body")
    parent = Substr("path", 1, parent_length)
    own = (
        live.filter(depth=columns[0].depth + 1, path__startswith=columns[0].path[: -ArticlePage.steplen])
        .annotate(parent_path=parent)
        .filter(parent_path__in=list(by_path))
        .annotate(rank=Window(RowNumber(), partition_by=[parent], order_by=order))
        .filter(rank__lte=limit)
    )
    synced = (
        live.filter(sync_offers__column__in=[c.pk for c in columns], sync_offers__status=SyncStatus.ACCEPTED)
        .annotate(listed_in=F("sync_offers__column"))
        .annotate(rank=Window(RowNumber(), partition_by=[F("sync_offers__column")], order_by=order))
        .filter(rank__lte=limit)
    )
    found: dict[int, dict[int, ArticlePage]] = {c.pk: {} for c in columns}
    for article in own:
        found[by_path[article.parent_path].pk].setdefault(article.pk, article)
    for article in synced:
        found[article.listed_in].setdefault(article.pk, article)

    def newest_first(article):
        return (article.is_pinned, article.first_published_at, article.pk)

    return {pk: sorted(items.values(), key=newest_first, reverse=True)[:limit] for pk, items in found.items()}


def headline_articles(home: SiteHomePage, limit: int = 5) -> QuerySet[ArticlePage]:
    """Headline articles with a picture in this site's subtree (or synced into it)."""
    columns = ColumnPage.objects.descendant_of(home)
    headlines = ArticlePage.objects.live().public().filter(is_headline=True, cover_image__isnull=False)
    # UNION rather than OR, as in `column_articles`: an OR scans the whole page table.
    own = headlines.filter(path__startswith=home.path).order_by().values("pk")
    synced = (
        headlines.filter(sync_offers__column__in=columns, sync_offers__status=SyncStatus.ACCEPTED)
        .order_by()
        .values("pk")
    )
    return (
        ArticlePage.objects.filter(pk__in=own.union(synced))
        .select_related("cover_image")
        .order_by("-first_published_at")[:limit]
    )


def sub_sites(home: SiteHomePage) -> QuerySet[SiteHomePage]:
    return SiteHomePage.objects.child_of(home).live().public().select_related("agency")


def home_page_context(home: SiteHomePage) -> dict:
    context = {
        # Site homes show 紧急信息 without JavaScript too (re-rendered when a notice changes).
        "urgent_notices": active_urgent_notices(),
        "column_blocks": home_columns(home),
        "headlines": headline_articles(home),
        "sub_sites": sub_sites(home),
    }
    # 村村有网页 (issue 23 point 4): a village's products; a township's villages' products and items.
    if home.kind == SiteKind.VILLAGE:
        context["products"] = village_products(home)
    elif home.kind == SiteKind.TOWNSHIP:
        context["village_products"] = township_village_products(home)
        context["village_items"] = township_village_items(home)
    return context


# --- 村村有网页: village products and the township's view of its villages ---
# The columns every village page has beside its products (`column_sets`), in the order the
# township home shows their latest items.
VILLAGE_ITEM_COLUMNS = ("cwgk", "njzs", "zfxx", "shcs")
TOWNSHIP_PRODUCTS = 12
TOWNSHIP_ITEMS_PER_COLUMN = 5


def village_products(home: SiteHomePage) -> list:
    """一村一品 first, then the other 农特产品, in the editors' order."""
    from govportal.cluster.models import VillageProduct

    products = VillageProduct.objects.filter(home=home).select_related("image").order_by("-is_signature", "sort_order")
    return list(products)


def township_village_products(home: SiteHomePage, limit: int = TOWNSHIP_PRODUCTS) -> list:
    """The products of a township's live, public villages — each village's 一村一品 first —
    with ``village`` (its home) set on each, in one query for the products."""
    from govportal.cluster.models import VillageProduct

    villages = {v.pk: v for v in sub_sites(home).filter(kind=SiteKind.VILLAGE)}
    if not villages:
        return []
    products = list(
        VillageProduct.objects.filter(home_id__in=list(villages))
        .select_related("image")
        .order_by("-is_signature", "home__path", "sort_order")[:limit]
    )
    for p in products:
        p.village = villages[p.home_id]
    return products


def township_village_items(home: SiteHomePage) -> list[dict]:
    """For 村务公开, 农技知识, 致富信息 and 生活常识: the latest articles of all the township's
    live villages together, each with its village — [{"slug", "title", "articles"}]."""
    from django.db.models.functions import Substr

    villages = {v.path: v for v in sub_sites(home).filter(kind=SiteKind.VILLAGE)}
    if not villages:
        return []
    columns = list(
        ColumnPage.objects.live()
        .public()
        .filter(depth=home.depth + 2, path__startswith=home.path, slug__in=VILLAGE_ITEM_COLUMNS)
        .only("pk", "path", "slug", "title")
    )
    columns = [c for c in columns if c.path[: -ColumnPage.steplen] in villages]
    out = []
    for slug in VILLAGE_ITEM_COLUMNS:
        of_slug = {c.path: c for c in columns if c.slug == slug}
        if not of_slug:
            continue
        articles = list(
            ArticlePage.objects.live()
            .public()
            .defer_streamfields()
            .defer("body")
            .filter(depth=home.depth + 3, path__startswith=home.path)
            .annotate(column_path=Substr("path", 1, len(home.path) + 2 * ArticlePage.steplen))
            .filter(column_path__in=list(of_slug))
            .order_by("-first_published_at", "-pk")[:TOWNSHIP_ITEMS_PER_COLUMN]
        )
        for a in articles:
            a.village = villages[a.column_path[: -ColumnPage.steplen]]
        title = next(iter(of_slug.values())).title
        out.append({"slug": slug, "title": title, "articles": articles})
    return out


SITES_VERSION_KEY = "govportal:cluster:sites-version"
DIRECTORY_CACHE_SECONDS = 300  # a safety net: every change of a site bumps the version at once


def sites_changed(**kwargs) -> None:
    """Signal receiver: a site home, a Wagtail Site, an agency, a move or a view restriction
    changed — cached site directories are out of date. The version moves at once (so the
    re-rendering of pre-rendered pages on commit builds a fresh directory) and again after
    the commit (a reader who built one from the old rows in between cached it under the
    version that is then left behind)."""
    from uuid import uuid4

    from django.core.cache import cache
    from django.db import transaction

    def bump():
        cache.set(SITES_VERSION_KEY, uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def cluster_directory_html(request) -> str:
    """The portal home's 网站群导航 block (every site of the cluster by kind), rendered once
    per version of the site list, site asked for and language, then taken from the cache
    (Redis in production): with 500 sites it is most of a cache-miss render of the home."""
    from django.core.cache import cache
    from django.template.loader import render_to_string
    from django.utils.translation import get_language

    from wagtail.models import Site

    version = cache.get(SITES_VERSION_KEY)
    if version is None:
        version = "0"
        cache.add(SITES_VERSION_KEY, version, None)
    site = Site.find_for_request(request) if request is not None else None
    key = f"govportal:cluster:directory:{version}:{site.pk if site else 0}:{get_language()}"
    html = cache.get(key)
    if html is None:
        groups = cluster_directory(request)
        html = (
            render_to_string("cluster/includes/site_groups.html", {"groups": groups}, request=request) if groups else ""
        )
        cache.set(key, html.strip(), DIRECTORY_CACHE_SECONDS)
    return html


def cluster_directory(request=None) -> OrderedDict:
    """Every live site of the cluster grouped by kind, in the order of `SiteKind`: for each
    a `SiteLink` (title, url) — the portal home lists them all, so no page objects are
    built (500 sites' rows, agencies and per-link URL lookups cost more than the rest of
    the page)."""
    groups: OrderedDict = OrderedDict((kind, {"label": label, "sites": []}) for kind, label in SiteKind.choices)
    rows = (
        SiteHomePage.objects.live()
        .public()
        .order_by("agency__sort_order", "path")
        .values_list("pk", "title", "url_path", "kind")
    )
    url_of = page_url_function(request)
    for pk, title, url_path, kind in rows:
        url = url_of(url_path)
        if url is not None:  # a site home no Wagtail Site serves has no address to link to
            groups[kind]["sites"].append(SiteLink(pk=pk, title=title, url=url))
    return OrderedDict((k, v) for k, v in groups.items() if v["sites"])


@dataclass(frozen=True)
class SiteLink:
    pk: int
    title: str
    url: str | None


def page_url_function(request=None):
    """url_of(url_path) -> the page's URL as `{% pageurl %}` gives it for this request
    (relative on the request's own site or when there is one site, absolute otherwise,
    None when no site serves it), for many pages known only by their url_path."""
    from django.urls import reverse

    from wagtail.models import Site

    holder = request if request is not None else SiteHomePage()
    paths = holder._wagtail_cached_site_root_paths if hasattr(holder, "_wagtail_cached_site_root_paths") else None
    if paths is None:
        paths = Site.get_site_root_paths()
        holder._wagtail_cached_site_root_paths = paths
    _paths, lookup, num_sites = SiteHomePage._site_root_index(paths, holder)
    current = Site.find_for_request(request) if request is not None else None
    prefix = reverse("wagtail_serve", args=("",))

    def url_of(url_path: str) -> str | None:
        matches = lookup(url_path)
        if not matches:
            return None
        site_id, root_path, root_url, _language = matches[0]
        if len({m.site_id for m in matches}) > 1 and current is not None:
            site_id, root_path, root_url, _language = next((m for m in matches if m.site_id == current.pk), matches[0])
        page_path = prefix + url_path[len(root_path) :]
        if (current is not None and site_id == current.pk) or num_sites == 1:
            return page_path
        return root_url + page_path

    return url_of


def portal_offer_columns() -> QuerySet[ColumnPage]:
    """Every column an article may be offered to: the portal's top-level list columns."""
    in_portal = Q(pk__in=[])
    for home in SiteHomePage.objects.filter(kind=SiteKind.PORTAL):
        in_portal |= Q(path__startswith=home.path, depth=home.depth + 1)
    return ColumnPage.objects.filter(in_portal, layout=ColumnLayout.LIST).order_by("path")


def offers_for_reviewer(user) -> QuerySet:
    """The offers a portal reviewer decides: pending first, then the newest."""
    return (
        SyncOffer.objects.filter(column__in=portal_reviewable_columns(user))
        .select_related("article", "column", "offered_by", "decided_by")
        .order_by("status", "-offered_at")
    )


def offers_by_user_agency(user) -> QuerySet:
    """Offers of articles in subtrees the user may edit (their own agency's offers)."""
    offers = SyncOffer.objects.select_related("article", "column", "offered_by", "decided_by").order_by("-offered_at")
    return access.own_offers(user, offers)


def offer_for_user(user, offer_id: int):
    """One offer the user may see (as its portal reviewer or its offering agency), else NotFound."""
    offer = (offers_for_reviewer(user) | offers_by_user_agency(user)).filter(pk=offer_id).first()
    if offer is None:
        raise NotFound(gettext("找不到该推送记录。"))
    return offer


# --- Public page chrome (H1) -------------------------------------------------------------


def page_chrome(page, request) -> dict:
    """What the public chrome (header, navigation, meta tags, footer) of a page needs: the
    site home it belongs to, whose registry data it shows, the site's top-level columns,
    the column the page sits in. For error pages (no page) the request's site is used.
    Computed once per request and page (several templates/blocks may ask)."""
    cache = getattr(request, "_govportal_chrome", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._govportal_chrome = cache
    key = page.pk if page is not None else None
    if key not in cache:
        cache[key] = _build_page_chrome(page, request)
    return cache[key]


def _build_page_chrome(page, request) -> dict:
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    home = None
    column = None
    if page is not None:
        specific = page.specific
        if isinstance(specific, SiteHomePage):
            home = specific
        else:
            # An article has already resolved them for its own context (`ArticlePage.site_home`).
            if "site_home" in specific.__dict__:
                home = specific.site_home
            else:
                home = SiteHomePage.objects.ancestor_of(specific).select_related("agency").order_by("-depth").first()
            if isinstance(specific, ColumnPage):
                column = specific
            elif "column" in specific.__dict__:
                column = specific.column
            else:
                column = ColumnPage.objects.ancestor_of(specific).order_by("-depth").first()
    elif site is not None:
        root = site.root_page.specific
        home = root if isinstance(root, SiteHomePage) else None
    from govportal.cluster import areas

    registry = home.registry if home is not None else None
    nav_columns = top_columns(home) if home is not None else []
    area_links = areas.site_links(home, request) if home is not None else []
    top_column = None
    if column is not None and home is not None:
        top_column = next((c for c in nav_columns if column.path.startswith(c.path)), None)
    portal = None
    if home is not None and home.kind != SiteKind.PORTAL:
        # Every site of the cluster links back to the city portal, registered sites too.
        portal = SiteHomePage.objects.live().filter(kind=SiteKind.PORTAL).order_by("path").first()
    return {
        "home": home,
        "registry": registry,
        "portal": portal,
        "nav_columns": nav_columns,
        # The areas' entries (信息公开, 办事, 互动, 专题 …) replace the columns standing for them.
        "nav_own_columns": [c for c in nav_columns if c.slug not in areas.area_column_slugs()],
        "area_links": area_links,
        "footer_links": areas.footer_links(home) if home is not None else [],
        "column": column,
        "top_column": top_column,
        "domain": site.hostname if site is not None else "",
        "cluster_nav": ClusterNavPage.objects.live().public().first(),
    }


def portal_entries(home: SiteHomePage, request=None) -> list:
    """The home tiles: every area's entry for this site (`areas.site_links`)."""
    from govportal.cluster import areas

    return areas.site_links(home, request)


def breadcrumb_pages(page, request) -> list:
    """The page's ancestors from the root of the site serving the request down to the page
    itself (site › sub-site › column › article)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    min_depth = site.root_page.depth if site is not None else 2
    trail = getattr(page, "_route_trail", None)  # the pages routing passed on its way here
    if trail is not None and trail and trail[0].depth == min_depth:
        return [*trail, page]
    # Titles and URLs only: plain `Page` rows, no per-type query for the specific pages.
    ancestors = list(page.get_ancestors().filter(depth__gte=min_depth))
    return ancestors + [page]


# --- Public reads for the API, feeds and sitemaps (H4) ---------------------------------
# Anonymous readers: live, public pages only. Listings resolve their sites and columns in
# bulk so that a page of results costs a fixed number of queries.


def public_sites(kind: str | None = None) -> QuerySet[SiteHomePage]:
    """Every live, public site and sub-site, in tree order."""
    homes = SiteHomePage.objects.live().public().select_related("agency").order_by("path")
    if kind:
        homes = homes.filter(kind=kind)
    return homes


def public_site(site_id: int) -> SiteHomePage:
    from django.utils.translation import gettext as _

    home = public_sites().filter(pk=site_id).first()
    if home is None:
        raise NotFound(_("网站不存在或未公开。"))
    return home


def site_tree_facts(homes) -> dict[int, dict]:
    """For each site: the 网站标识码 it shows (its own, else the nearest ancestor's — the bulk
    form of `SiteHomePage.registry`) and the id of its parent site if that site is live."""
    rows = list(SiteHomePage.objects.values_list("pk", "path", "site_code", "live"))
    by_path = {path: (pk, code, live) for pk, path, code, live in rows}
    steplen = SiteHomePage.steplen
    facts = {}
    for home in homes:
        prefixes = [home.path[:n] for n in range(len(home.path), 0, -steplen)]
        code = next((by_path[p][1] for p in prefixes if p in by_path and by_path[p][1]), "")
        parent = by_path.get(home.path[:-steplen])
        facts[home.pk] = {"site_code": code, "parent_id": parent[0] if parent and parent[2] else None}
    return facts


def _exclude_sub_sites(queryset, home: SiteHomePage):
    # Sub-sites (子站) are always direct children of a site home; their subtrees are theirs.
    for path in SiteHomePage.objects.child_of(home).values_list("path", flat=True):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def site_columns(home: SiteHomePage) -> QuerySet[ColumnPage]:
    """Live, public columns (and sub-columns) of one site, not of its sub-sites, in tree order."""
    columns = ColumnPage.objects.descendant_of(home).live().public().defer("body").order_by("path")
    return _exclude_sub_sites(columns, home)


def public_column(column_id: int) -> ColumnPage:
    from django.utils.translation import gettext as _

    column = ColumnPage.objects.live().public().filter(pk=column_id).first()
    if column is None:
        raise NotFound(_("栏目不存在或未公开。"))
    return column


def site_own_articles(home: SiteHomePage) -> QuerySet[ArticlePage]:
    """Live, public articles in the site's own columns (not its sub-sites', not synced in)."""
    articles = ArticlePage.objects.live().public().descendant_of(home).defer_streamfields().defer("body")
    return _exclude_sub_sites(articles, home)


def public_articles(*, home: SiteHomePage | None = None, column: ColumnPage | None = None) -> QuerySet[ArticlePage]:
    """Live, public articles, newest first: a column's list (own + accepted synchronised,
    exactly as `column_articles`), a site's own, both (intersection), or all."""
    if column is not None:
        articles = column_articles(column).public()
        if home is not None:
            articles = articles.filter(pk__in=site_own_articles(home).values("pk"))
    elif home is not None:
        articles = site_own_articles(home)
    else:
        articles = ArticlePage.objects.live().public().defer_streamfields().defer("body")
    return articles.order_by("-first_published_at", "-pk")


def public_article(article_id: int) -> ArticlePage:
    from django.utils.translation import gettext as _

    article = (
        ArticlePage.objects.live().public().filter(pk=article_id).prefetch_related("attachments__document").first()
    )
    if article is None:
        raise NotFound(_("文章不存在或未发布。"))
    with_article_context([article])
    return article


def with_article_context(articles) -> list[ArticlePage]:
    """Fill each article's `column` and `site_home` (with its agency, for `display_source`)
    in two queries for the whole batch instead of two per article."""
    articles = list(articles)
    steplen = ArticlePage.steplen
    parent_paths = {a.path[:-steplen] for a in articles}
    ancestor_paths = {a.path[:n] for a in articles for n in range(steplen, len(a.path), steplen)}
    columns = {c.path: c for c in ColumnPage.objects.filter(path__in=parent_paths).defer("body")}
    homes = {h.path: h for h in SiteHomePage.objects.filter(path__in=ancestor_paths).select_related("agency")}
    for article in articles:
        prefixes = range(len(article.path) - steplen, 0, -steplen)
        # cached_property stores in __dict__: pre-filling it answers later reads.
        article.__dict__["column"] = columns.get(article.path[:-steplen])
        article.__dict__["site_home"] = next(
            (homes[article.path[:n]] for n in prefixes if article.path[:n] in homes), None
        )
    return articles


# --- urgent information (紧急信息) ---------------------------------------------------------

URGENT_CACHE_KEY = "govportal:cluster:urgent"
# Every page asks (`/jinji.json`); a change deletes the key on commit, and the short life
# bounds how long another process's local cache may lag (the 2 s of issue 19).
URGENT_CACHE_SECONDS = 1


def active_urgent_notices() -> list[dict]:
    """The active 紧急信息, newest first, as the banner and `/jinji.json` show them."""
    from django.core.cache import cache

    from govportal.cluster.models import UrgentNotice

    found = cache.get(URGENT_CACHE_KEY)
    if found is None:
        found = [
            {
                "id": n.pk,
                "title": n.title,
                "body": n.body,
                "link": n.link,
                "published_at": timezone.localtime(n.published_at).strftime("%Y-%m-%d %H:%M"),
            }
            for n in UrgentNotice.objects.filter(withdrawn_at__isnull=True).order_by("-published_at", "-pk")[:3]
        ]
        cache.set(URGENT_CACHE_KEY, found, URGENT_CACHE_SECONDS)
    return found


def urgent_notices_for_admin():
    from govportal.cluster.models import UrgentNotice

    return UrgentNotice.objects.select_related("published_by", "withdrawn_by").order_by("-published_at", "-pk")[:50]
