"""Scheduled publishing actually fires: a page approved through the review with a go-live
time in the future stays unpublished until the scheduler's tick after that time enqueues
Wagtail's publish_scheduled through the task API (ImmediateBackend in tests), once per
minute however often the schedulers tick."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import time_machine

import govportal.core.tasks  # noqa: F401  (registers the periodic jobs)
from govportal.cluster.models import ArticlePage
from govportal.core import scheduler
from govportal.core.models import PeriodicRun, Role
from tests.cluster.admin_helpers import article_form_data, edit_url, workflow_action_url
from tests.conftest import column, draft_article

START = timezone.make_aware(timezone.datetime(2026, 12, 1, 9, 0, 10))
GO_LIVE = timezone.make_aware(timezone.datetime(2026, 12, 1, 10, 0))


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def approve_with_go_live(cluster, make_staff) -> ArticlePage:
    edu = cluster["agencies"]["edu"]
    editor, reviewer, leader = (make_staff(edu, role) for role in Role)
    page = draft_article(column(cluster["homes"]["edu"], "tzgg"), "关于2027年元旦放假的通知", owner=editor)
    data = article_form_data(page, go_live_at=timezone.localtime(GO_LIVE).strftime("%Y-%m-%d %H:%M"))
    data["action-submit"] = "1"
    assert login(editor).post(edit_url(page), data).status_code == 302
    login(reviewer).post(workflow_action_url(page, "approve"), {"confidentiality_checked": "on"})
    login(leader).post(workflow_action_url(page, "approve"), {"comment": "同意，定时发布"})
    page.refresh_from_db()
    return page


def test_approved_page_with_future_go_live_waits_then_the_tick_publishes_it(cluster, make_staff, client):
    with time_machine.travel(START, tick=False):
        page = approve_with_go_live(cluster, make_staff)
        assert not page.live
        assert page.current_workflow_state is None  # review finished: approved, scheduled
        assert page.scheduled_revision is not None
        assert client.get(page.url, HTTP_HOST="jyj.localhost").status_code == 404

        scheduler.tick()  # before the go-live time: the job runs, nothing to publish yet
        page.refresh_from_db()
        assert not page.live

    with time_machine.travel(GO_LIVE + timedelta(seconds=5), tick=False):
        page.refresh_from_db()
        assert not page.live  # time alone publishes nothing: the scheduler must fire
        fired = scheduler.tick()
        assert "publish_scheduled" in fired
        page.refresh_from_db()
        assert page.live
        assert timezone.localtime(page.first_published_at).strftime("%Y-%m-%d %H:%M") == "2026-12-01 10:00"
        assert client.get(page.url, HTTP_HOST="jyj.localhost").status_code == 200


def test_a_second_tick_in_the_same_minute_does_not_fire_again(db):
    with time_machine.travel(GO_LIVE + timedelta(seconds=5), tick=False):
        assert "publish_scheduled" in scheduler.tick()
    with time_machine.travel(GO_LIVE + timedelta(seconds=50), tick=False):
        assert "publish_scheduled" not in scheduler.tick()
    assert PeriodicRun.objects.filter(name="publish_scheduled").count() == 1
    with time_machine.travel(GO_LIVE + timedelta(minutes=1, seconds=1), tick=False):
        assert "publish_scheduled" in scheduler.tick()
    assert PeriodicRun.objects.filter(name="publish_scheduled").count() == 2
