"""Background jobs of 企业风采 and 招商引资 (core/scheduler):

- ``image_windows_refresh`` every minute: a 形象窗口 that started or ended refreshes the
  pre-rendered home of its site (`actions.image_windows_refresh`).
- ``enterprise_link_check`` daily: every published enterprise's website link
  (`linkcheck.check_links`).
"""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from govportal.core.scheduler import periodic
from govportal.enterprise import actions, linkcheck


@task()
def refresh_image_windows() -> int:
    return actions.image_windows_refresh()


@periodic("image_windows_refresh", every=timedelta(minutes=1))
def _enqueue_windows() -> object:
    return refresh_image_windows.enqueue()


@task()
def check_enterprise_links() -> int:
    return linkcheck.check_links()


@periodic("enterprise_link_check", every=timedelta(days=1))
def _enqueue_link_check() -> object:
    return check_enterprise_links.enqueue()
