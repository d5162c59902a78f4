"""Background jobs that keep the index in step with publishing (ADR 0002: django-tasks)."""

from __future__ import annotations

from django_tasks import task

from govportal.search import indexing


@task()
def sync_pages(page_ids: list[int]) -> None:
    indexing.sync_pages(page_ids)


@task()
def sync_items(source_key: str, object_ids: list[int]) -> None:
    indexing.sync_items(source_key, object_ids)
