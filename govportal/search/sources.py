"""The registry of searchable sources: each area registers the item types it publishes.

A source knows how to list every public item (for a rebuild) and how to turn one item into
a `Document`, or None when the item must not be found (draft, unpublished, restricted).
Nothing is registered here: every area declares its own sources in ``<area>/publishing.py``
through `govportal.search.registry` (the cluster's articles and single-page columns in
``cluster/publishing.py``). This package imports no area.

Page-based sources share Wagtail's page id space, so the publishing signals can re-index a
page without knowing its type (see `govportal.search.signals`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape


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
    # What citizens call the item (常用名称/别名: 营业执照 → 企业设立登记): indexed with the
    # title, and a query that is exactly the title or one of these names gets the item as a
    # direct answer card (for sources registered with ``direct_answer=True``).
    aliases: list[str] = field(default_factory=list)
    # The card's entry button: where to act (apply online, write a letter) and its label.
    action_url: str = ""
    action_label: str = ""


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
    # A query naming one of its items (title or alias) shows that item as a direct answer
    # card, above the results, with its entry button (services, mailboxes).
    direct_answer: bool = False


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
        from govportal.search import signals  # cycle: signals → tasks → indexing → sources

        signals.connect_model(source)


def unregister(key: str) -> None:
    source = _SOURCES.pop(key, None)
    if source is not None and source.model is not None:
        from govportal.search import signals  # cycle: signals → tasks → indexing → sources

        signals.disconnect_model(source)


def all_sources() -> list[SearchSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.order)


def get(key: str) -> SearchSource | None:
    return _SOURCES.get(key)


def page_sources() -> list[SearchSource]:
    return [s for s in all_sources() if s.page_model is not None]


def source_for_page(page) -> SearchSource | None:
    return source_for_class(type(page))


def source_for_class(page_class) -> SearchSource | None:
    """The first page source (by order) whose page type this class is: a subclass with its
    own source (信息公开栏目 is a ColumnPage) is indexed under that one only."""
    for source in page_sources():
        if issubclass(page_class, source.page_model):
            return source
    return None


def claims(source: SearchSource, item) -> bool:
    """Whether this source indexes this item (not a page of a subclass with its own source)."""
    if source.page_model is None:
        return True
    specific_class = getattr(item, "specific_class", None) or type(item)
    return source_for_class(specific_class) is source


_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(html: str) -> str:
    text = _TAGS.sub(" ", re.sub(r"</(p|div|h\d|li|tr|br)>|<br\s*/?>", "\n", html or "", flags=re.I))
    return _SPACE.sub(" ", unescape(text)).strip()


def page_is_public(page) -> bool:
    """Live, not expired, no view restriction: a page anyone may read."""
    if not page.live or page.expired:
        return False
    return not page.get_view_restrictions().exists()


def published_at(page):
    """The date a page shows as published (its first publication, else its schedule)."""
    return page.first_published_at or page.go_live_at or page.last_published_at


# The sites a reader may narrow a search to (the public page's 网站 list): declared by the
# area that owns sites (the cluster) with `register_site_list`; objects with ``pk`` and
# ``title``.
_site_list: Callable[[], Iterable] | None = None


def register_site_list(fn: Callable[[], Iterable]) -> None:
    global _site_list
    _site_list = fn


def site_list() -> Iterable:
    return _site_list() if _site_list is not None else []
