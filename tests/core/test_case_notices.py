"""Every notification every case type declares renders: a table over (case type, notice),
each template rendered with only the kernel's context keys and the ones the notice
declares (`Notice.needs`) on a strict engine that marks a missing variable ``{{ name }}``.
The text must be non-empty Chinese with nothing left unrendered, the e-mail subject too."""

from __future__ import annotations

import re

import pytest

from govportal.core.cases import notifications, workflow
from govportal.disclosure import workflow as disclosure_workflow
from govportal.interaction import workflow as interaction_workflow  # noqa: F401 — registers "letter"
from govportal.servicehall import workflow as servicehall_workflow  # noqa: F401 — registers "application"

disclosure_workflow.ensure_registered()

AREA_TYPES = ("disclosure_request", "application", "letter")
CJK = re.compile(r"[\u4e00-\u9fff]")
BASE = {"tracking_number": "GK20261102-00001", "title": "示例标题", "due_date": "2026-11-30", "level_label": "黄牌"}
ROWS = [(key, notice) for key in AREA_TYPES for notice in workflow.get(key).notices]


def test_every_area_case_type_declares_notices_and_reminders_for_each_level():
    for key in AREA_TYPES:
        events = {n.event for n in workflow.get(key).notices}
        assert "create" in events
        assert {"overdue:warning", "overdue:yellow", "overdue:red"} <= events


@pytest.mark.parametrize(("key", "notice"), ROWS, ids=[f"{k}:{n.event}:{n.template}" for k, n in ROWS])
def test_every_declared_notice_renders_chinese_with_nothing_unrendered(key, notice):
    context = {**BASE, **{name: "示例值" for name in notice.needs}}
    text = notifications.render(notice.template, context, strict=True)
    assert text and CJK.search(text)
    assert "{{" not in text and "{%" not in text and "\n" not in text
    assert BASE["tracking_number"] in text  # every text names the case
    subject = notifications.render_string(str(notice.subject), context, strict=True)
    assert "{{" not in subject
    if notice.subject:
        assert CJK.search(subject)
    assert set(notice.channels) <= {"sms", "email"}
    assert notice.to


def test_strict_rendering_marks_a_variable_the_notice_did_not_declare():
    text = notifications.render("disclosure/notify/extend.txt", dict(BASE), strict=True)
    assert "{{ days }}" in text and "{{ reason }}" in text
