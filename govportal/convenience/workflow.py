"""The `directory_correction` case type: a citizen's 纠错 of a 便民服务目录 entry.

提交 → 已处理 (the maintaining agency's reply, saying whether the entry was corrected). The
clock: 5 working days from receipt (a directory entry is a fact the agency keeps; the city's
rule for simple requests — GOVPORTAL_DIRECTORY_CORRECTION_DAYS overrides it per case, carried
in the event payload under ``limit_days``). The citizen is told by SMS at receipt and reply;
the agency by e-mail at receipt, and its leaders when the case turns yellow or red.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Notice, Transition, register

KEY = "directory_correction"
CLERK = frozenset({ActorKind.CLERK})


class CorrectionState(models.TextChoices):
    SUBMITTED = "submitted", _("待处理")
    REPLIED = "replied", _("已处理")


S = CorrectionState


CITIZEN_SUBJECT = _("目录纠错办理情况 {{ tracking_number }}")
REMINDER = "convenience/notify/overdue.txt"
REMINDER_SUBJECT = _("目录纠错{{ level_label }}提醒 {{ tracking_number }}")

NOTICES = (
    Notice("create", "convenience/notify/create.txt", ("citizen",), channels=("sms",), needs=("entry_name",)),
    Notice(
        "create",
        "convenience/notify/new_correction.txt",
        ("agency", "agency_staff"),
        channels=("email",),
        subject=_("新的目录纠错 {{ tracking_number }}"),
        needs=("entry_name",),
    ),
    Notice("reply", "convenience/notify/reply.txt", ("citizen",), channels=("sms",), subject=CITIZEN_SUBJECT),
    Notice("overdue:warning", REMINDER, ("agency_staff",), channels=("email",), subject=REMINDER_SUBJECT),
    Notice("overdue:yellow", REMINDER, ("agency_staff", "agency_leaders"), subject=REMINDER_SUBJECT),
    Notice("overdue:red", REMINDER, ("agency_staff", "agency_leaders"), subject=REMINDER_SUBJECT),
)

TRANSITIONS = (Transition("reply", frozenset({S.SUBMITTED}), S.REPLIED, "已处理", CLERK),)

CORRECTION = register(
    CaseType(
        key=KEY,
        prefix="JC",
        name="目录纠错",
        states={s.value: str(s.label) for s in CorrectionState},
        initial_state=S.SUBMITTED,
        closed_states=frozenset({S.REPLIED}),
        transitions=TRANSITIONS,
        deadlines=(
            DeadlineRule(
                step="处理",
                states=frozenset({S.SUBMITTED}),
                days=5,
                days_key="limit_days",
                start_event="create",
                start_label="收到日",
            ),
        ),
        warning_days=1,
        red_days=3,
        staff_url=lambda case: reverse("convenience_admin:correction", args=[case.directory_correction.pk]),
        citizen_phone_field="directory_correction__phone",
        notices=NOTICES,
    )
)
