"""Background jobs of 便民服务."""

from __future__ import annotations

# --- 公共查询: the scheduled import from the file drop ------------------------
from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic


@task()
def query_drop_import() -> int:
    from govportal.convenience.actions import query_drop_import_all  # tasks load before models

    return len(query_drop_import_all())


@periodic("query_drop_import", every=timedelta(minutes=10))
def enqueue_query_drop_import():
    """Once per 10 minutes however many schedulers run (core.scheduler's claim); a file whose
    content was imported already is skipped, so an overlapping run imports nothing twice."""
    return query_drop_import.enqueue()


# --- end 公共查询 ------------------------------------------------------------------------------
