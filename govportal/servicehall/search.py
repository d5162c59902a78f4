"""Service items as a search source (type “办事服务”). Items are not pages: `item_reindex`
is called on commit by the actions/admin hooks that publish, change or unpublish an item."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.search import indexing
from govportal.search.sources import Document, SearchSource, register

KEY = "service"


def _items():
    from govportal.servicehall.models import ServiceItem

    return ServiceItem.objects.filter(is_published=True).select_related("agency").order_by("pk")


def item_document(item) -> Document | None:
    if not item.is_published:
        return None
    body = " ".join(p for p in [item.summary, item.conditions, item.legal_basis, item.agency.name] if p)
    return Document(
        object_id=item.pk,
        title=item.name,
        body=body,
        url=reverse("servicehall:guide", args=[item.code]),
        published_at=item.created_at,
        agency_id=item.agency_id,
        site_name=item.agency.name,
        keywords=[item.code, item.get_item_type_display()],
    )


def register_source() -> None:
    register(SearchSource(key=KEY, label=_("办事服务"), order=30, items=_items, document=item_document))


def _sync(item_ids: list[int]) -> None:
    from govportal.servicehall.models import ServiceItem

    items = {i.pk: i for i in ServiceItem.objects.filter(pk__in=item_ids).select_related("agency")}
    gone = []
    entries = []
    for pk in item_ids:
        doc = item_document(items[pk]) if pk in items else None
        if doc is None:
            gone.append(pk)
        else:
            entries.append(indexing.entry_for(KEY, doc))
    indexing.delete(KEY, gone)
    indexing.upsert(entries)


def item_reindex(item_ids: list[int]) -> None:
    """Bring the index in line with these items once the transaction commits."""
    transaction.on_commit(partial(_sync, list(item_ids)))
