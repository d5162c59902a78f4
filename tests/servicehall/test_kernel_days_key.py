"""Kernel addition used by the hall: `DeadlineRule.days_key` takes the limit from the start
event's payload; without the key (or without the field) the rule's own days apply."""

from __future__ import annotations

from datetime import date

import pytest

from govportal.core import calendar
from govportal.core.cases.deadlines import EventView, compute
from govportal.core.cases.workflow import DeadlineRule

pytestmark = pytest.mark.django_db

RULE = DeadlineRule(step="办结", states=frozenset({"open"}), days=20, start_event="create", days_key="limit_days")


def test_limit_comes_from_the_start_event_payload():
    result = compute(RULE, [EventView("create", date(2026, 12, 7), {"limit_days": 3})], calendar.current())
    assert result.due == date(2026, 12, 10)
    assert "3个工作日" in result.explanation


def test_without_the_key_the_rule_days_apply_as_before():
    cal = calendar.current()
    plain = DeadlineRule(step="办结", states=frozenset({"open"}), days=20, start_event="create")
    events = [EventView("create", date(2026, 12, 7), {"limit_days": 3})]
    assert compute(plain, events, cal).due == compute(RULE, [EventView("create", date(2026, 12, 7), {})], cal).due
    assert compute(plain, events, cal).due == date(2027, 1, 5)
