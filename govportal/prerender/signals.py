"""Follow every change of public pages within a transaction, and refresh on commit.

Before the first write to a page in a transaction (``pre_save``, ``pre_page_move``,
``pre_delete`` of the page, or of a row an area declared with `follow`, such as the
cluster's `SyncOffer` for its article), the page's
public state is recorded (`rules.snapshot`). On commit the state is taken again; the
difference (`rules.changes`) is purged at once (file deletes, in the committing process,
so nothing stale is ever served), and the pages that matter most are rendered again by the
`rerender` background job. Rolled-back transactions leave nothing behind.
"""

from __future__ import annotations

import logging
from functools import partial

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.models import Page
from wagtail.signals import post_page_move, pre_page_move

from govportal.prerender import rules, store

logger = logging.getLogger(__name__)
MAX_PENDING = 500  # pages followed one by one in one transaction; beyond, the sites are purged


def on_commit_registered(callback) -> bool:
    """Whether ``callback`` is still to run at this transaction's commit: a rolled-back
    transaction or savepoint drops the callbacks registered in it."""
    return any(fn is callback for _sids, fn, _robust in connection.run_on_commit)


def _pending() -> dict:
    """Snapshots of this transaction: {page pk: Snapshot}, reset when a new one starts.

    The outermost atomic block marks the transaction — the object, not its id(): a function
    decorated with ``transaction.atomic`` enters the same object in every call, so after a
    rollback (which drops the scheduled flush) the next transaction must not find the old
    state "scheduled" and so never refresh."""
    marker = connection.atomic_blocks[0] if connection.in_atomic_block else None
    state = getattr(connection, "_prerender_pending", None)
    if (
        state is None
        or state["marker"] is not marker
        or (state["scheduled"] and not on_commit_registered(state["flush"]))
    ):
        state = {"marker": marker, "before": {}, "overflow": False, "scheduled": False, "flush": None}
        connection._prerender_pending = state
    return state


def _stored_page(pk):
    page = Page.objects.filter(pk=pk).first()
    return page.specific if page is not None else None


def remember(pk) -> None:
    """Record the page's public state before this transaction changes it."""
    if not store.enabled() or pk is None:
        return
    state = _pending()
    if pk in state["before"] or state["overflow"]:
        return
    if len(state["before"]) >= MAX_PENDING:
        state["overflow"] = True
        return
    page = _stored_page(pk)
    try:
        state["before"][pk] = rules.snapshot(page) if page is not None else rules.EMPTY
    except Exception:  # noqa: BLE001 — refreshing must never break publishing
        logger.exception("prerender: snapshot of page %s failed", pk)
        state["overflow"] = True


def schedule() -> None:
    if not store.enabled():
        return
    state = _pending()
    if not state["scheduled"]:
        state["scheduled"] = True
        state["flush"] = callback = partial(flush, state)
        transaction.on_commit(callback)


def flush(state: dict) -> set:
    """Purge what changed, enqueue the re-rendering. Returns the purged entries."""
    if getattr(connection, "_prerender_pending", None) is state:
        connection._prerender_pending = None
    sites = None
    entries: set = set()
    try:
        if state["overflow"]:
            sites = rules.Sites()
            entries = {store.Entry(host, "/", "*") for host in sites.hosts()}
        else:
            sites = rules.Sites()
            for pk, before in state["before"].items():
                page = _stored_page(pk)
                after = rules.snapshot(page, sites) if page is not None else rules.EMPTY
                entries |= rules.changes(before, after)
    except Exception:  # noqa: BLE001
        logger.exception("prerender: computing the refresh failed; purging everything")
        store.purge_all()
        return set()
    refresh(entries)
    return entries


def refresh(entries) -> None:
    entries = set(entries)
    if not entries:
        return
    store.purge(entries)
    # Not at the top: tasks loads django.test (its Client renders the pages), wanted only in a
    # process that refreshes something, not in every start or migration.
    from govportal.prerender.tasks import rerender, rerender_targets

    targets = rerender_targets(entries)
    if targets:
        try:
            rerender.enqueue(targets)
        except Exception:  # noqa: BLE001 — files are purged; readers get live pages meanwhile
            logger.exception("prerender: could not enqueue re-rendering")


def on_page_pre_save(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.pk is not None:
        remember(instance.pk)


def on_page_post_save(sender, instance, created, **kwargs):
    if not isinstance(instance, Page) or not store.enabled():
        return
    if created:
        state = _pending()
        state["before"].setdefault(instance.pk, rules.EMPTY)
    schedule()


def on_page_pre_move(sender, instance, **kwargs):
    remember(instance.pk)


def on_page_post_move(sender, instance, **kwargs):
    schedule()


def on_page_pre_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        remember(instance.pk)


def on_page_post_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule()


def follow(model, page_id, name: str | None = None) -> None:
    """Rows of ``model`` are part of a page's public state (a `SyncOffer` puts its article
    in another column's list): before one is saved or deleted, the page ``page_id(row)``
    is remembered, and after, its refresh is scheduled like the page's own changes."""
    name = name or model._meta.label_lower.replace(".", "_")

    def before(sender, instance, **kwargs):
        remember(page_id(instance))

    def after(sender, instance, **kwargs):
        schedule()

    pre_save.connect(before, sender=model, weak=False, dispatch_uid=f"prerender_{name}_pre_save")
    post_save.connect(after, sender=model, weak=False, dispatch_uid=f"prerender_{name}_post_save")
    pre_delete.connect(before, sender=model, weak=False, dispatch_uid=f"prerender_{name}_pre_delete")
    post_delete.connect(after, sender=model, weak=False, dispatch_uid=f"prerender_{name}_post_delete")


def on_view_restriction_changed(sender, instance, **kwargs):
    """A view restriction changes who may read a whole subtree — and every list, feed and home
    that shows its titles. Rare, so every stored file goes (on commit); readers get live
    pages, stored again as they come. Nothing private is left in a file."""
    if store.enabled():
        transaction.on_commit(store.purge_all)


def connect() -> None:
    from wagtail.models import PageViewRestriction

    pre_save.connect(on_page_pre_save, dispatch_uid="prerender_pre_save")
    post_save.connect(on_page_post_save, dispatch_uid="prerender_post_save")
    pre_page_move.connect(on_page_pre_move, dispatch_uid="prerender_pre_move")
    post_page_move.connect(on_page_post_move, dispatch_uid="prerender_post_move")
    pre_delete.connect(on_page_pre_delete, dispatch_uid="prerender_pre_delete")
    post_delete.connect(on_page_post_delete, dispatch_uid="prerender_post_delete")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"prerender_restriction_{signal}"
        )
