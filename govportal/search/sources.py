"""The registry of searchable sources: each area registers the item types it publishes.

A source knows how to list every public item (for a rebuild) and how to turn one item into
a `Document`, or None when the item must not be found (draft, unpublished, restricted).
Articles and single-page columns are registered here; the disclosure catalogue, service
items, FAQ and answered letters register their own when they land, e.g. in their app's
`ready()`::

    from govportal.search.sources import SearchSource, register
    register(SearchSource(key="disclosure", label=_("信息公开"), order=20, ...))

Page-based sources share Wagtail's page id space, so the publishing signals can re-index a
page without knowing its type (see `govportal.search.signals`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape

from django.utils.translation import gettext_lazy as _


@dataclass
class Document:
    object_id: int
    title: str
    body: str
    url: str
    published_at: datetime | None
    site_id: int | None = None
    site_name: str = ""
    agency_id: int | None = None
    column_id: int | None = None
    is_repealed: bool = False
    keywords: list[str] = field(default_factory=list)  # indexed with the title


@dataclass
class SearchSource:
    key: str
    label: str
    order: int
    items: Callable[[], Iterable]  # every item that may be public (rebuild)
    document: Callable[[object], Document | None]
    page_model: type | None = None  # Wagtail page type, when the items are pages
    # A plain Django model: saving or deleting one re-indexes it after commit (through the
    # background task `search.tasks.sync_items`) with nothing else to wire up. `items()`
    # must then be a queryset of that model; `document` decides what is public.
    model: type | None = None


_SOURCES: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    """Make a type searchable: indexed, faceted, filterable (`type=key`) and rebuilt.

    Page types follow Wagtail's publishing signals; a `model` source follows its own
    saves and deletes. Anything else that changes what is public (a bulk `update()`, a
    parent becoming private) calls `govportal.search.signals.schedule_items(key, ids)`.
    """
    if source.key in _SOURCES:
        unregister(source.key)
    _SOURCES[source.key] = source
    if source.model is not None:
        from govportal.search import signals

        signals.connect_model(source)


def unregister(key: str) -> None:
    source = _SOURCES.pop(key, None)
    if source is not None and source.model is not None:
        from govportal.search import signals

        signals.disconnect_model(source)


def all_sources() -> list[SearchSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.order)


def get(key: str) -> SearchSource | None:
    return _SOURCES.get(key)


def page_sources() -> list[SearchSource]:
    return [s for s in all_sources() if s.page_model is not None]


def source_for_page(page) -> SearchSource | None:
    for source in page_sources():
        if isinstance(page, source.page_model):
            return source
    return None


_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(html: str) -> str:
    text = _TAGS.sub(" ", re.sub(r"</(p|div|h\d|li|tr|br)>|<br\s*/?>", "\n", html or "", flags=re.I))
    return _SPACE.sub(" ", unescape(text)).strip()


def _page_is_public(page) -> bool:
    if not page.live or page.expired:
        return False
    return not page.get_view_restrictions().exists()


def _page_context(page) -> dict:
    from govportal.cluster.models import ColumnPage, SiteHomePage

    home = SiteHomePage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    column = ColumnPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    return {
        "site_id": home.pk if home else None,
        "site_name": home.title if home else "",
        "agency_id": home.agency_id if home else None,
        "column_id": column.pk if column else None,
    }


def _published(page):
    return page.first_published_at or page.go_live_at or page.last_published_at


def article_document(page) -> Document | None:
    if not _page_is_public(page):
        return None
    body = " ".join(p for p in [page.subtitle, page.summary, html_to_text(page.body)] if p)
    return Document(
        object_id=page.pk,
        title=page.title,
        body=body,
        url=page.get_url() or page.url_path,
        published_at=_published(page),
        keywords=[t.name for t in page.tags.all()],
        **_page_context(page),
    )


def single_page_document(page) -> Document | None:
    from govportal.cluster.models import ColumnLayout

    if page.layout != ColumnLayout.SINGLE or not _page_is_public(page):
        return None
    return Document(
        object_id=page.pk,
        title=page.title,
        body=" ".join(p for p in [page.intro, html_to_text(page.body)] if p),
        url=page.get_url() or page.url_path,
        published_at=_published(page),
        **_page_context(page),
    )


def register_builtin_sources() -> None:
    from govportal.cluster.models import ArticlePage, ColumnLayout, ColumnPage

    register(
        SearchSource(
            key="article",
            label=_("文章"),
            order=10,
            items=lambda: ArticlePage.objects.live().public().order_by("pk"),
            document=article_document,
            page_model=ArticlePage,
        )
    )
    register(
        SearchSource(
            key="page",
            label=_("栏目页面"),
            order=90,
            items=lambda: ColumnPage.objects.live().public().filter(layout=ColumnLayout.SINGLE).order_by("pk"),
            document=single_page_document,
            page_model=ColumnPage,
        )
    )
