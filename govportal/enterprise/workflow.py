"""The `investment_enquiry` case type (投资咨询): an investor's enquiry, routed to the
investment bureau, answered within `settings.GOVPORTAL_ENQUIRY_REPLY_DAYS` working days.

待答复 → 已答复 (the bureau's reply, sent to the enquirer). The clock runs from receipt; the
limit at receipt is carried in the event payload under ``limit_days``. Notices: the enquirer
at receipt (SMS) and at the reply (SMS and e-mail); the bureau's staff when a new enquiry
arrives and when the kernel raises its overdue level.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Notice, Transition, register

KEY = "investment_enquiry"
CLERK = frozenset({ActorKind.CLERK})


class EnquiryState(models.TextChoices):
    SUBMITTED = "submitted", _("待答复")
    REPLIED = "replied", _("已答复")


S = EnquiryState
REMINDER_SUBJECT = _("投资咨询{{ level_label }}提醒 {{ tracking_number }}")
REMINDER = "enterprise/notify/overdue.txt"

NOTICES = (
    Notice("create", "enterprise/notify/create.txt", ("citizen",), channels=("sms",)),
    Notice(
        "create",
        "enterprise/notify/new_enquiry.txt",
        ("agency",),
        channels=("email",),
        subject=_("新的投资咨询 {{ tracking_number }}"),
    ),
    Notice("reply", "enterprise/notify/reply.txt", ("citizen",), subject=_("投资咨询答复 {{ tracking_number }}")),
    Notice("overdue:warning", REMINDER, ("agency_staff",), channels=("email",), subject=REMINDER_SUBJECT),
    Notice("overdue:yellow", REMINDER, ("agency_staff", "agency_leaders"), subject=REMINDER_SUBJECT),
    Notice("overdue:red", REMINDER, ("agency_staff", "agency_leaders"), subject=REMINDER_SUBJECT),
)

TRANSITIONS = (Transition("reply", frozenset({S.SUBMITTED}), S.REPLIED, "已答复", CLERK),)

ENQUIRY = register(
    CaseType(
        key=KEY,
        prefix="ZS",
        name="投资咨询",
        states={s.value: str(s.label) for s in EnquiryState},
        initial_state=S.SUBMITTED,
        closed_states=frozenset({S.REPLIED}),
        transitions=TRANSITIONS,
        deadlines=(
            DeadlineRule(
                step="答复",
                states=frozenset({S.SUBMITTED}),
                days=5,
                days_key="limit_days",
                start_event="create",
                start_label="收到咨询日",
            ),
        ),
        warning_days=1,
        red_days=3,
        answered_states=frozenset({S.REPLIED}),
        staff_url=lambda case: reverse("enterprise_admin:enquiry", args=[case.enquiry.pk]),
        citizen_phone_field="enquiry__phone",
        citizen_email_field="enquiry__email",
        notices=NOTICES,
    )
)
