"""The kernel addition this area needs: `DeadlineRule.date_key` — a start or restart event
may carry the date the clock counts from (a registered letter's signing date, logged days
later); without the key the event's own day counts, as before."""

from __future__ import annotations

from datetime import date

import pytest

from govportal.core import calendar
from govportal.core.cases.deadlines import EventView, compute
from govportal.core.cases.workflow import DeadlineRule

pytestmark = pytest.mark.django_db

RULE = DeadlineRule(
    step="答复",
    states=frozenset({"open"}),
    days=20,
    start_event="receive",
    date_key="received_on",
    restart_events=frozenset({"correct"}),
    restart_label="收到补正日",
)


def test_start_and_restart_count_from_the_recorded_date():
    cal = calendar.current()
    logged_later = [EventView("receive", date(2026, 11, 6), {"received_on": "2026-11-02"})]
    assert compute(RULE, logged_later, cal).due == date(2026, 11, 30)
    restarted = logged_later + [EventView("correct", date(2026, 11, 20), {"received_on": "2026-11-16"})]
    assert compute(RULE, restarted, cal).explanation.startswith("收到补正日 2026-11-16")


def test_without_the_key_or_a_bad_date_the_event_day_counts():
    cal = calendar.current()
    plain = DeadlineRule(step="答复", states=frozenset({"open"}), days=20, start_event="receive")
    event = [EventView("receive", date(2026, 11, 2), {"received_on": "2026-10-01"})]
    assert compute(plain, event, cal).due == date(2026, 11, 30)
    assert compute(RULE, [EventView("receive", date(2026, 11, 2), {"received_on": "bad"})], cal).due == date(
        2026, 11, 30
    )
