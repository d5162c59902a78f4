"""The areas of the cluster (信息公开, 办事, 互动, 专题 …) as every site's navigation shows them.

An area declares itself here from its ``<area>/publishing.py`` (the cluster imports no
area; the areas import the cluster):

- ``register_area(Area(...))``: its entry in the navigation bar and the home tiles of every
  site — the site's own part where it has one (its mailbox, its 信息公开 column, its
  services), else the city's. ``own_links(homes)`` answers for all sites at once (one or
  two queries), and the result is cached until a site or a model in ``watch`` changes.
- ``register_portal_block(PortalBlock(...))``: a block of the portal's home (书记信箱/市长
  信箱, latest replies, hot services, 政策解读 …), rendered from the area's own template.
- ``register_topic_source(TopicSource(...))``: what a 专题's keyword finds in the area
  (tagged articles, documents, service items), listed on the 专题 page by area.
- ``register_column_block(Model, ColumnBlock(...))``: how a site home shows a top-level
  column of the area's own page type (the 政府信息公开 box shows the site's own entries and
  its latest items instead of the column's text).
- ``register_page_backlinks(PageBacklinks(...))``: what of the area points at a page of
  another area (an interview's related policy documents, a draft's final document), shown
  on that page as "相关互动" (`page_backlinks`, the ``page_backlinks`` template tag).
  ``find(page_ids)`` answers for many pages at once, in one query.
- ``register_footer_link(FooterLink(...))``: a link in every site's footer to the area's page
  for that site (the 监管 area's 网站年度报表: the national rule has each site publish its
  yearly report where a reader finds it from the home page). ``url(home)`` must not query.

A site column whose slug is an area's ``column_slug`` (the portal's ``wsbs``, ``hdjl``)
stands for the area: it leaves the column list of the nav and the home blocks (the area's
entry replaces it) and its address redirects to the area's page for that site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models.signals import post_delete, post_save

_AREAS: dict[str, Area] = {}
_PORTAL_BLOCKS: dict[str, PortalBlock] = {}
_COLUMN_BLOCKS: dict[type, ColumnBlock] = {}
_TOPIC_SOURCES: dict[str, TopicSource] = {}
_PAGE_BACKLINKS: dict[str, PageBacklinks] = {}
_FOOTER_LINKS: dict[str, FooterLink] = {}

_CITY = "__city__"  # the city-wide links, in the same cached map
AREAS_VERSION_KEY = "govportal:cluster:areas-version"
AREAS_CACHE_SECONDS = 300  # a safety net: every watched change bumps the version at once


@dataclass(frozen=True)
class SiteRow:
    """What an area's ``own_links`` gets for each live site: enough to find its own part."""

    pk: int
    agency_id: int
    kind: str
    path: str
    url_path: str


@dataclass(frozen=True)
class Link:
    """An address: a Wagtail page by its ``url_path`` (made relative or absolute for the
    request like ``{% pageurl %}``) or a plain URL of a Django view (``/hudong/szxx/``)."""

    url: str
    page: bool = False


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    order: int
    city_link: Callable[[], Link | None]
    own_links: Callable[[list[SiteRow]], dict[int, Link]] = lambda homes: {}
    intro: str = ""
    column_slug: str = ""
    watch: tuple[type, ...] = ()


@dataclass(frozen=True)
class PortalBlock:
    key: str
    order: int
    template: str
    context: Callable[[Any], dict | None]  # (request) -> the template's context, None to hide


@dataclass(frozen=True)
class ColumnBlock:
    template: str
    context: Callable[[list], dict[int, dict]]  # (columns) -> {column pk: context}


@dataclass(frozen=True)
class TopicHit:
    title: str
    link: Link
    date: Any = None
    note: str = ""
    page_id: int | None = None


@dataclass(frozen=True)
class TopicSource:
    """What a 专题's keyword finds in one area: ``find(keyword, limit) -> [TopicHit]``."""

    key: str
    label: str
    order: int
    find: Callable[[str, int], list[TopicHit]]


@dataclass(frozen=True)
class Backlink:
    """An item of an area that points at a page: "<label>：<title>" linking to ``link``."""

    label: str
    title: str
    link: Link
    date: Any = None


@dataclass(frozen=True)
class PageBacklinks:
    """What of one area points at pages: ``find(page_ids) -> {page id: [Backlink]}``, for
    all the pages at once and in one query (it runs on every render of the pages that show
    them, so it adds a fixed cost per registered source)."""

    key: str
    order: int
    find: Callable[[list[int]], dict[int, list[Backlink]]]


@dataclass
class AreaLink:
    key: str
    label: str
    intro: str
    url: str
    own: bool = False
    current: bool = False
    extra: dict = field(default_factory=dict)


def register_area(area: Area) -> None:
    _AREAS[area.key] = area
    for model in area.watch:
        post_save.connect(areas_changed, sender=model, dispatch_uid=f"areas_changed_save_{model.__name__}")
        post_delete.connect(areas_changed, sender=model, dispatch_uid=f"areas_changed_delete_{model.__name__}")


@dataclass(frozen=True)
class FooterLink:
    key: str
    label: Any  # a lazy translation
    url: Callable[[Any], str | None]  # (site home) -> its address, None = no link on that site
    order: int = 100


def register_footer_link(link: FooterLink) -> None:
    _FOOTER_LINKS[link.key] = link


def footer_links(home) -> list[dict]:
    """The footer's area links of one site: [{"label", "url"}], in order."""
    out = []
    for link in sorted(_FOOTER_LINKS.values(), key=lambda f: f.order):
        url = link.url(home)
        if url:
            out.append({"label": link.label, "url": url})
    return out


def register_portal_block(block: PortalBlock) -> None:
    _PORTAL_BLOCKS[block.key] = block


def register_column_block(model: type, block: ColumnBlock) -> None:
    _COLUMN_BLOCKS[model] = block


def register_topic_source(source: TopicSource) -> None:
    _TOPIC_SOURCES[source.key] = source


def register_page_backlinks(source: PageBacklinks) -> None:
    _PAGE_BACKLINKS[source.key] = source


def page_backlinks(page_ids: Iterable[int], *, request=None) -> dict[int, list[dict]]:
    """{page id: [{"label", "title", "url", "date"}]}: the items of every area pointing at
    these pages, sources in order (one query per registered source, none without pages)."""
    from govportal.cluster.selectors import page_url_function

    page_ids = [pk for pk in page_ids if pk is not None]
    found: dict[int, list[dict]] = {}
    if not page_ids:
        return found
    url_of = None
    for source in sorted(_PAGE_BACKLINKS.values(), key=lambda s: s.order):
        for page_id, links in source.find(page_ids).items():
            for link in links:
                if link.link.page:
                    url_of = url_of or page_url_function(request)
                    url = url_of(link.link.url)
                else:
                    url = link.link.url
                if url is not None:
                    found.setdefault(page_id, []).append(
                        {"label": str(link.label), "title": link.title, "url": url, "date": link.date}
                    )
    return found


def topic_sections(keyword: str, *, request=None, exclude_pages=(), limit: int = 10) -> list[dict]:
    """A 专题's sections: for each topic source in order, what its keyword finds there."""
    from govportal.cluster.selectors import page_url_function

    url_of = page_url_function(request)
    sections = []
    for source in sorted(_TOPIC_SOURCES.values(), key=lambda s: s.order):
        hits = []
        for hit in source.find(keyword, limit):
            if hit.page_id is not None and hit.page_id in exclude_pages:
                continue
            url = url_of(hit.link.url) if hit.link.page else hit.link.url
            if url is not None:
                hits.append({"title": hit.title, "url": url, "date": hit.date, "note": hit.note})
        if hits:
            sections.append({"key": source.key, "label": str(source.label), "hits": hits})
    return sections


def areas() -> list[Area]:
    return sorted(_AREAS.values(), key=lambda a: a.order)


def area_column_slugs() -> frozenset[str]:
    return frozenset(a.column_slug for a in _AREAS.values() if a.column_slug)


def areas_changed(**kwargs) -> None:
    """Signal receiver: a watched row (a mailbox, a service item, a site) changed."""
    from uuid import uuid4

    from django.core.cache import cache
    from django.db import transaction

    def bump():
        cache.set(AREAS_VERSION_KEY, uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def _own_link_map() -> dict[str, dict[int, Link]]:
    """{area key: {site home pk: its own link}} for every live site, and the city-wide link of
    every area under `_CITY` — cached per version of the site list and of the watched rows."""
    from django.core.cache import cache

    from govportal.cluster.models import SiteHomePage
    from govportal.cluster.selectors import SITES_VERSION_KEY

    versions = cache.get_many([AREAS_VERSION_KEY, SITES_VERSION_KEY])
    key = f"govportal:cluster:area-links:{versions.get(AREAS_VERSION_KEY, '0')}:{versions.get(SITES_VERSION_KEY, '0')}"
    found = cache.get(key)
    if found is None:
        rows = [
            SiteRow(*row)
            for row in SiteHomePage.objects.live().values_list("pk", "agency_id", "kind", "path", "url_path")
        ]
        found = {area.key: area.own_links(rows) for area in areas()}
        found[_CITY] = {area.key: area.city_link() for area in areas()}
        cache.set(key, found, AREAS_CACHE_SECONDS)
    return found


def site_links(home, request) -> list[AreaLink]:
    """The entries of every area for one site's navigation and home tiles, in order."""
    from govportal.cluster.selectors import page_url_function
    from govportal.core.memo import request_memo

    def build():
        own = _own_link_map()
        url_of = page_url_function(request)
        current_path = request.path if request is not None else ""
        links = []
        for area in areas():
            link = own.get(area.key, {}).get(home.pk) if home is not None else None
            is_own = link is not None
            if link is None:
                link = own.get(_CITY, {}).get(area.key)
            if link is None:
                continue
            url = url_of(link.url) if link.page else link.url
            if url is None:
                continue
            path = url.split("://", 1)[-1]
            path = "/" + path.split("/", 1)[1] if "://" in url else path
            path = path.split("?", 1)[0]
            current = bool(current_path) and path != "/" and current_path.startswith(path)
            links.append(AreaLink(area.key, str(area.label), str(area.intro), url, own=is_own, current=current))
        return links

    return request_memo(f"cluster.area_links:{home.pk if home is not None else 0}", build)


def link_for(home, key: str, request=None) -> str | None:
    return next((link.url for link in site_links(home, request) if link.key == key), None)


def column_area(column) -> Area | None:
    """The area a top-level column stands for (its slug is the area's ``column_slug``)."""
    return next((a for a in _AREAS.values() if a.column_slug and a.column_slug == column.slug), None)


def portal_blocks(request) -> list[dict]:
    """The portal home's blocks declared by the areas: [{"template", "context"}] in order."""
    blocks = []
    for block in sorted(_PORTAL_BLOCKS.values(), key=lambda b: b.order):
        context = block.context(request)
        if context:
            blocks.append({"key": block.key, "template": block.template, "context": context})
    return blocks


def column_block_templates(columns: Iterable) -> dict[int, dict]:
    """{column pk: {"template", "context"}} for the columns an area shows its own way."""
    columns = list(columns)
    result: dict[int, dict] = {}
    for model, block in _COLUMN_BLOCKS.items():
        # The page type is known from the column's content type (no query).
        wanted = [c for c in columns if c.specific_class is not None and issubclass(c.specific_class, model)]
        if not wanted:
            continue
        contexts = block.context(wanted)
        for column in wanted:
            result[column.pk] = {"template": block.template, "context": contexts.get(column.pk, {})}
    return result
