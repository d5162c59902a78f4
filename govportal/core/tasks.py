"""Core background tasks and their periodic schedule."""

from __future__ import annotations

from datetime import timedelta

from django.core.management import call_command

from django_tasks import task

from govportal.core.models import PeriodicRun
from govportal.core.scheduler import periodic


@task()
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (Wagtail)."""
    call_command("publish_scheduled", verbosity=0)


@periodic("publish_scheduled", every=timedelta(minutes=1))
def _enqueue_publish_scheduled() -> object:
    return publish_scheduled_pages.enqueue()


@task()
def prune_periodic_runs() -> None:
    from django.utils import timezone

    PeriodicRun.objects.filter(period_start__lt=timezone.now() - timedelta(days=30)).delete()


@periodic("prune_periodic_runs", every=timedelta(days=1))
def _enqueue_prune() -> object:
    return prune_periodic_runs.enqueue()
