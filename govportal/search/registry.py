"""What an area calls, from its ``<area>/publishing.py``, to be found by 站内搜索.

`govportal.search` imports no area: each area declares here what it publishes, and its
AppConfig.ready imports its ``publishing`` module. A source is an item type with a key,
a facet label, an order, ``items()`` (every item that may be public, for a rebuild) and
``document(item)`` (a `Document`, or None when the item must not be found)::

    from govportal.search import registry as search

    search.register(search.SearchSource(
        key="faq", label=_("热点解答"), order=35, items=_faqs, document=faq_document,
        model=FaqEntry,          # saves and deletes re-index the item after commit
    ))
    # page types: page_model=MyPage — Wagtail's publishing signals re-index them
    # anything else that changes what is public: search.reindex("faq", [pk, …])

The area owning sites (the cluster) also declares the sites a reader may narrow a search to
(`register_site_list`).
"""

from __future__ import annotations

from govportal.search.signals import schedule as reindex_pages
from govportal.search.signals import schedule_items as reindex
from govportal.search.sources import (
    Document,
    SearchSource,
    html_to_text,
    page_is_public,
    published_at,
    register,
    register_site_list,
    unregister,
)

__all__ = [
    "Document",
    "SearchSource",
    "html_to_text",
    "page_is_public",
    "published_at",
    "register",
    "register_site_list",
    "reindex",
    "reindex_pages",
    "unregister",
]
