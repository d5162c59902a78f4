"""The demo's indexes, built in bulk inside the demo load (issue 19, point 8).

Publishing ~1,000 pages and saving their rows one by one would otherwise queue one task per
page and per object — site search (`search.tasks.sync_pages`, 互动交流's `sync_letter` /
`sync_faq`), Wagtail's reference index (“使用情况”) and Wagtail's admin search — about 4,300
tasks that the worker clears only minutes after `make run` first answers, while the site
search finds nothing. Instead, for the length of the load:

- the site search schedules no task at all (`search.signals.bulk_load`);
- every task enqueued on the default backend is held back (a dummy backend stands in).

Then, still inside the load's transaction and before it commits: the site search index is
built from scratch in batches (`search.indexing.rebuild`, as `manage.py
rebuild_search_index`), the objects the held Wagtail index tasks name are indexed in one
go, and any other held task is enqueued on the real backend. The transaction is the outer
block, so a task enqueued on commit (the outbox's delivery run) reaches the real backend.
When the load commits, search is complete and the queue holds no index task.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.dummy import DummyBackend

from govportal.search import indexing
from govportal.search import signals as search_signals

# Site search tasks (normally not even scheduled during the load: `search.signals.bulk_load`),
# dropped: `indexing.rebuild` indexes every registered source.
SITE_SEARCH_TASKS = {
    "govportal.search.tasks.sync_pages",
    "govportal.search.tasks.sync_items",
    "govportal.interaction.tasks.sync_letter",
    "govportal.interaction.tasks.sync_faq",
}
# Tasks of Wagtail's own indexes, replaced by the bulk build below (module paths).
REFERENCE_INDEX_TASK = "wagtail.tasks.update_reference_index_task"
ADMIN_SEARCH_TASK = "modelsearch.tasks.insert_or_update_object_task"


@contextmanager
def tasks_held_back() -> Iterator[DummyBackend]:
    """Within: tasks enqueued on the default backend are kept in the yielded backend's
    ``results`` instead of being queued; the site search schedules none."""
    held = DummyBackend(alias=DEFAULT_TASK_BACKEND_ALIAS, params={})
    real = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    held.real = real  # where `build` sends the held tasks that are not index tasks
    task_backends[DEFAULT_TASK_BACKEND_ALIAS] = held
    try:
        with search_signals.bulk_load():
            yield held
    finally:
        task_backends[DEFAULT_TASK_BACKEND_ALIAS] = real


@transaction.atomic
def build(held: DummyBackend, step=lambda what: None) -> dict[str, int]:
    """Build every index the held tasks stood for; enqueue the other held tasks for real.
    Returns how many items each index received. ``step(label)`` is told each stage."""
    references: dict[tuple, None] = {}
    admin_search: dict[tuple[str, str], set] = defaultdict(set)
    others = []
    for result in held.results:
        path = result.task.module_path
        if path in SITE_SEARCH_TASKS:
            continue
        if path == REFERENCE_INDEX_TASK:
            references[tuple(result.args)] = None
        elif path == ADMIN_SEARCH_TASK:
            app_label, model_name, pk = result.args
            admin_search[(app_label, model_name)].add(pk)
        else:
            others.append(result)
    held.results = []
    step("站内搜索索引")
    counts = {"site_search": sum(kept for _src, kept, _stale in indexing.rebuild())}
    step("引用索引")
    counts["references"] = _references(references)
    step("后台搜索索引")
    counts["admin_search"] = _admin_search(admin_search)
    for result in others:
        held.real.enqueue(result.task, result.args, result.kwargs)
    return counts


def _references(keys: dict[tuple, None]) -> int:
    from wagtail.tasks import update_reference_index_task

    done = 0
    for app_label, model_name, pk in keys:
        # The task's own body, run here: it finds the parent of a child row and indexes that.
        try:
            update_reference_index_task.call(app_label, model_name, pk)
        except ObjectDoesNotExist:  # saved, then deleted later in the load: nothing to index
            continue
        done += 1
    return done


def _admin_search(wanted: dict[tuple[str, str], set]) -> int:
    from modelsearch.backends import get_search_backends
    from modelsearch.index import get_indexed_instance

    # One object per class and key: a page is saved both as a Page and as its specific type,
    # and PostgreSQL's upsert refuses the same row twice in one statement.
    by_class: dict[type, dict] = defaultdict(dict)
    for (app_label, model_name), pks in wanted.items():
        for obj in apps.get_model(app_label, model_name).objects.filter(pk__in=pks):
            indexed = get_indexed_instance(obj)
            if indexed is not None:
                by_class[type(indexed)][indexed.pk] = indexed
    for backend in get_search_backends(with_auto_update=True):
        for model, objects in by_class.items():
            backend.add_bulk(model, list(objects.values()))
    return sum(len(objects) for objects in by_class.values())
