"""Publishing events → index tasks, after the transaction commits.

Published, unpublished, moved (URL, site or column changed) and deleted pages are re-read by
`indexing.sync_pages`, which decides from the page's current state. A page and all its
descendants are re-synced when it moves or is unpublished, since their URLs and
visibility follow it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from govportal.search.tasks import sync_items, sync_pages

logger = logging.getLogger(__name__)

_bulk = threading.local()


@contextmanager
def bulk_load():
    """Within this block no index task is scheduled: the caller builds the index in bulk
    afterwards (`indexing.rebuild`) — the demo load, where one task per page would leave
    thousands of tasks queued behind the first page (issue 19)."""
    previous = getattr(_bulk, "active", False)
    _bulk.active = True
    try:
        yield
    finally:
        _bulk.active = previous


def in_bulk_load() -> bool:
    return getattr(_bulk, "active", False)


def after_commit(enqueue: Callable[[], object]) -> None:
    """Run ``enqueue`` (an index task's enqueue) once the transaction commits — unless a
    bulk load is under way (see `bulk_load`). Areas that enqueue their own index tasks use
    this rather than `transaction.on_commit`."""
    if not in_bulk_load():
        transaction.on_commit(enqueue)


def _enqueue(page_ids: list[int]) -> None:
    try:
        sync_pages.enqueue(sorted(set(page_ids)))
    except Exception:  # the index must never break publishing; a rebuild repairs it
        logger.exception("search: could not enqueue index sync for pages %s", page_ids[:10])


def schedule(page_ids: list[int]) -> None:
    if page_ids:
        after_commit(partial(_enqueue, list(page_ids)))


def _enqueue_items(source_key: str, object_ids: list[int]) -> None:
    try:
        sync_items.enqueue(source_key, sorted(set(object_ids)))
    except Exception:  # the index must never break saving; a rebuild repairs it
        logger.exception("search: could not enqueue index sync for %s %s", source_key, object_ids[:10])


def schedule_items(source_key: str, object_ids) -> None:
    """Re-index these items of a registered source once the current transaction commits."""
    object_ids = [int(i) for i in object_ids]
    if object_ids:
        after_commit(partial(_enqueue_items, source_key, object_ids))


def _model_handler(source_key: str):
    def handler(sender, instance, **kwargs):
        schedule_items(source_key, [instance.pk])

    return handler


_model_handlers: dict[str, object] = {}


def connect_model(source) -> None:
    handler = _model_handlers[source.key] = _model_handler(source.key)
    post_save.connect(handler, sender=source.model, weak=False, dispatch_uid=f"search_item_saved_{source.key}")
    post_delete.connect(handler, sender=source.model, weak=False, dispatch_uid=f"search_item_deleted_{source.key}")


def disconnect_model(source) -> None:
    post_save.disconnect(sender=source.model, dispatch_uid=f"search_item_saved_{source.key}")
    post_delete.disconnect(sender=source.model, dispatch_uid=f"search_item_deleted_{source.key}")
    _model_handlers.pop(source.key, None)


def _with_descendants(page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)[:5000])


def on_published(sender, instance, **kwargs):
    schedule([instance.pk])


def on_unpublished(sender, instance, **kwargs):
    schedule([instance.pk])


def on_moved(sender, instance, **kwargs):
    schedule(_with_descendants(instance))


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule([instance.pk])


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search_page_moved")
    page_slug_changed.connect(on_moved, dispatch_uid="search_page_slug_changed")
    post_delete.connect(on_deleted, dispatch_uid="search_page_deleted")
