"""What the cluster publishes into search and pre-rendering, and what its changes refresh.

Read by `ClusterConfig.ready`. Every area has a module like this one (``<area>/publishing.py``);
`govportal.search` and `govportal.prerender` import no area, they hold what is declared here:

- search: articles (type 文章), 专题 pages (专题) and single-page columns (栏目页面), and the sites a reader may
  narrow a search to; `page_context` places any page in its site and column (the areas'
  page sources use it too);
- pre-rendering: the nearest site home of a page; precise rules for articles (their page,
  the list pages of every column listing them — their own and the portal columns that
  accepted them —, feeds, home blocks and headline slots), columns (their lists, their
  site's navigation bar) and site homes (footer registry data, the portal's name on every
  site); a `SyncOffer` is part of its article's public state;
- caches: the cached site directory (`selectors.cluster_directory_html`).
- the cluster's navigation (`areas`): the 专题 entry (the portal's 专题专栏) on every site,
  the portal home's 专题 block, and the articles a 专题's keyword finds (by their tags). An
  article's 专题 pages are refreshed with it.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_unpublished, post_page_move

from govportal.cluster import areas, selectors
from govportal.cluster.models import (
    ArticlePage,
    ClusterNavPage,
    ColumnLayout,
    ColumnPage,
    SiteHomePage,
    SiteKind,
    SyncOffer,
    SyncStatus,
    TopicIndexPage,
    TopicPage,
)
from govportal.core.models import Agency
from govportal.prerender import registry as prerender
from govportal.prerender.registry import Entry, Listing, Sites, Snapshot, entries_of, nearest_home, page_value
from govportal.search import registry as search
from govportal.search.registry import Document, html_to_text, page_is_public, published_at

# --- search ------------------------------------------------------------------------------


def page_context(page) -> dict:
    """The site and column a page is found under (`Document` fields)."""
    home = SiteHomePage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    column = ColumnPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    return {
        "site_id": home.pk if home else None,
        "site_name": home.title if home else "",
        "agency_id": home.agency_id if home else None,
        "column_id": column.pk if column else None,
    }


def article_document(page) -> Document | None:
    if not page_is_public(page):
        return None
    body = " ".join(p for p in [page.subtitle, page.summary, html_to_text(page.body)] if p)
    return Document(
        object_id=page.pk,
        title=page.title,
        body=body,
        url=page.get_url() or page.url_path,
        published_at=published_at(page),
        keywords=[t.name for t in page.tags.all()],
        **page_context(page),
    )


def single_page_document(page) -> Document | None:
    if page.layout != ColumnLayout.SINGLE or not page_is_public(page):
        return None
    return Document(
        object_id=page.pk,
        title=page.title,
        body=" ".join(p for p in [page.intro, html_to_text(page.body)] if p),
        url=page.get_url() or page.url_path,
        published_at=published_at(page),
        **page_context(page),
    )


def topic_document(page) -> Document | None:
    """A 专题 is a result of its own: its theme word counts as a keyword of its title."""
    if not page_is_public(page):
        return None
    return Document(
        object_id=page.pk,
        title=page.title,
        body=html_to_text(page.intro),
        url=page.get_url() or page.url_path,
        published_at=published_at(page),
        keywords=[page.keyword] if page.keyword else [],
        **page_context(page),
    )


search.register(
    search.SearchSource(
        key="article",
        label=_("文章"),
        order=10,
        items=lambda: ArticlePage.objects.live().public().order_by("pk"),
        document=article_document,
        page_model=ArticlePage,
    )
)
search.register(
    search.SearchSource(
        key="page",
        label=_("栏目页面"),
        order=90,
        items=lambda: ColumnPage.objects.live().public().filter(layout=ColumnLayout.SINGLE).order_by("pk"),
        document=single_page_document,
        page_model=ColumnPage,
    )
)
search.register(
    search.SearchSource(
        key="topic",
        label=_("专题"),
        order=15,
        items=lambda: TopicPage.objects.live().public().order_by("pk"),
        document=topic_document,
        page_model=TopicPage,
    )
)
search.register_site_list(selectors.public_sites)


# --- pre-rendering -----------------------------------------------------------------------


def site_home_of(page):
    return SiteHomePage.objects.ancestor_of(page, inclusive=False).order_by("-depth").first()


def _site_exclusions(home) -> tuple[str, ...]:

    base = home.url_path
    return tuple(
        "/" + child.url_path[len(base) :].strip("/") + "/"
        for child in SiteHomePage.objects.child_of(home).only("url_path")
    )


def _column_listing(column, article, sites: Sites) -> Listing | None:

    if column.layout != ColumnLayout.LIST or not column.live:
        return None
    base = sites.entry(column)
    if base is None:
        return None
    articles = selectors.column_articles(column)
    count = articles.count()
    position = feed_position = None
    if article.live and articles.filter(pk=article.pk).exists():
        fpa = article.first_published_at
        if fpa is None:
            position = feed_position = 0
        else:
            pinned = article.is_pinned
            ahead = (
                Q(is_pinned__gt=pinned)
                | Q(is_pinned=pinned, first_published_at__gt=fpa)
                | Q(is_pinned=pinned, first_published_at=fpa, pk__gt=article.pk)
            )
            position = articles.filter(ahead).count()
            feed_position = articles.filter(
                Q(first_published_at__gt=fpa) | Q(first_published_at=fpa, pk__gt=article.pk)
            ).count()
    parent = column.get_parent().specific
    home = None
    if isinstance(parent, SiteHomePage) and column.show_on_home:
        home = sites.entry(parent)
    return Listing(
        position=position,
        count=count,
        feed_position=feed_position,
        pages=(base,),
        feed=Entry(base.host, base.path + "rss/", "index.xml"),
        home=home,
    )


def article_rule(article, sites: Sites) -> Snapshot:

    home = nearest_home(article)
    snap = Snapshot()
    snap.groups["page"] = (page_value(article), entries_of(sites.entry(article), sites.entry(home) if home else None))
    headline = article.live and article.is_headline and article.cover_image_id is not None
    headline_homes = []
    columns = []
    parent = article.get_parent().specific
    if isinstance(parent, ColumnPage):
        columns.append(parent)
    synced = ColumnPage.objects.filter(sync_offers__article=article, sync_offers__status=SyncStatus.ACCEPTED).distinct()
    columns += list(synced)
    if headline:
        headline_homes = list(SiteHomePage.objects.ancestor_of(article))
        for column in synced:
            headline_homes += list(SiteHomePage.objects.ancestor_of(column))
    snap.groups["headline"] = (
        (article.last_published_at, article.cover_image_id) if headline else None,
        entries_of(*(sites.entry(h) for h in headline_homes)),
    )
    # The 专题 whose keyword is one of the article's tags list it.
    tags = [t.name for t in article.tags.all()]
    topics = list(TopicPage.objects.live().filter(keyword__in=tags)) if tags else []
    snap.groups["topics"] = (
        (article.live, article.title) if topics else None,
        entries_of(*(sites.entry(t) for t in topics)),
    )
    # 村村有网页: a township home lists the latest items of its villages' 村务公开, 农技知识,
    # 致富信息 and 生活常识 (`selectors.township_village_items`).
    township = None
    if isinstance(parent, ColumnPage) and parent.slug in selectors.VILLAGE_ITEM_COLUMNS and home is not None:
        if home.kind == SiteKind.VILLAGE:
            township = nearest_home(home)
    snap.groups["township"] = (
        (article.live, article.title, article.first_published_at) if township is not None else None,
        entries_of(sites.entry(township) if township is not None else None),
    )
    for column in columns:
        listing = _column_listing(column, article, sites)
        if listing is not None:
            snap.listings[(listing.pages[0].host, listing.pages[0].path)] = listing
    return snap


def column_rule(column, sites: Sites) -> Snapshot:

    parent = column.get_parent().specific
    home = parent if isinstance(parent, SiteHomePage) else nearest_home(column)
    snap = Snapshot()
    snap.groups["page"] = (
        page_value(column),
        entries_of(
            sites.entry(column, "*"),
            sites.entry(parent, "index*"),
            sites.entry(home) if home is not None else None,
        ),
    )
    if isinstance(parent, SiteHomePage):
        # A top-level column is in the navigation bar of every page of its site.
        snap.groups["nav"] = (
            (column.url_path, column.title, column.show_on_home) if column.live else None,
            entries_of(sites.entry(parent, "*", _site_exclusions(parent))),
        )
    return snap


def site_home_rule(home, sites: Sites) -> Snapshot:

    parent_home = nearest_home(home)
    nav = ClusterNavPage.objects.live().first()
    snap = Snapshot()
    # Registry data (footer) and the site's name are on every page of it and its sub-sites.
    snap.groups["page"] = (
        page_value(home),
        entries_of(
            sites.entry(home, "*"),
            sites.entry(parent_home) if parent_home is not None else None,
            sites.entry(nav) if nav is not None else None,
        ),
    )
    if home.kind == SiteKind.PORTAL:
        # Every page of every site links back to the portal by its name.
        snap.groups["portal"] = (
            (home.url_path, home.title) if home.live else None,
            frozenset(Entry(host, "/", "*") for host in sites.hosts()),
        )
    return snap


prerender.register_home(site_home_of)
prerender.register_rule(ArticlePage, article_rule)
prerender.register_rule(ColumnPage, column_rule)
prerender.register_rule(SiteHomePage, site_home_rule)
# Offering an article to a portal column (and accepting or declining it) changes that list.
prerender.follow(SyncOffer, page_id=lambda offer: offer.article_id, name="offer")


# --- navigation, 专题 (cluster.areas) -----------------------------------------------------


def _topic_index_link():
    row = TopicIndexPage.objects.live().public().values_list("url_path", flat=True).first()
    return areas.Link(row, page=True) if row else None


def _portal_topics(request) -> dict | None:
    topics = list(
        TopicPage.objects.live().public().select_related("cover_image").order_by("-first_published_at", "-pk")[:4]
    )
    return {"topics": topics, "index": TopicIndexPage.objects.live().public().first()} if topics else None


def _tagged_articles(keyword: str, limit: int) -> list:
    articles = (
        ArticlePage.objects.live()
        .public()
        .filter(tags__name=keyword)
        .order_by("-first_published_at", "-pk")
        .only("title", "url_path", "first_published_at")[:limit]
    )
    return [
        areas.TopicHit(a.title, areas.Link(a.url_path, page=True), date=a.first_published_at, page_id=a.pk)
        for a in articles
    ]


areas.register_area(
    areas.Area(
        key="zhuanti",
        label=_("专题"),
        intro=_("围绕重点工作的文章、政策、解读和服务"),
        order=40,
        city_link=_topic_index_link,
        watch=(TopicIndexPage,),
    )
)
areas.register_portal_block(
    areas.PortalBlock(key="topics", order=40, template="cluster/includes/topics_block.html", context=_portal_topics)
)
areas.register_topic_source(areas.TopicSource(key="articles", label=_("相关文章"), order=10, find=_tagged_articles))


# --- urgent information (紧急信息) ---------------------------------------------------------


def urgent_notices_changed() -> None:
    """A notice was published or withdrawn (called by the actions). Every page shows it by
    fetching `/jinji.json` (never stored: it is no Wagtail page); the site homes, which also
    show it without JavaScript, are rendered again — the portal's first."""
    from django.core.cache import cache
    from django.db import transaction

    transaction.on_commit(lambda: cache.delete(selectors.URGENT_CACHE_KEY))
    homes = list(SiteHomePage.objects.live().order_by("path"))
    homes.sort(key=lambda h: h.kind != SiteKind.PORTAL)
    prerender.pages_changed(pages=homes)


# --- caches ------------------------------------------------------------------------------

# What the cached site directory (`selectors.cluster_directory_html`) shows.
for _model in (SiteHomePage, Site, Agency, PageViewRestriction):
    post_save.connect(selectors.sites_changed, sender=_model, dispatch_uid=f"sites_changed_save_{_model.__name__}")
    post_delete.connect(selectors.sites_changed, sender=_model, dispatch_uid=f"sites_changed_delete_{_model.__name__}")
post_page_move.connect(selectors.sites_changed, dispatch_uid="sites_changed_move")
page_unpublished.connect(selectors.sites_changed, sender=SiteHomePage, dispatch_uid="sites_changed_unpublish")
