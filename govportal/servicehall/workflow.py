"""The ``application`` case type (网上申请, prefix ``BS``) and its transition table.

submitted ─accept→ processing (parallel department tasks) ─approve/deny (system, when all
departments have decided)→ approved / denied. The window can also ask for a supplement
(补正: the clock pauses until the citizen supplements) or refuse with a reason; a special
procedure (expert review, public notice) pauses the clock too. The whole-case clock counts
the item's promised limit (the ``limit_days`` of the submission event) from submission.

Both pauses are also kernel timers (``supplement``, ``special_procedure``: no due date,
they record when the pause began and ended). The SMS to the applicant and the overdue
reminders are declared in ``NOTICES`` (texts: ``servicehall/notify/*.txt``).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Notice, Pause, TimerRule, Transition, register

CLERK = frozenset({ActorKind.CLERK})
CITIZEN = frozenset({ActorKind.CITIZEN})
SYSTEM = frozenset({ActorKind.SYSTEM})


class State(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("待补正")
    PROCESSING = "processing", _("办理中")
    SUSPENDED = "suspended", _("特别程序（暂停计时）")
    APPROVED = "approved", _("已办结（准予）")
    DENIED = "denied", _("已办结（不予批准）")
    REFUSED = "refused", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATES = frozenset({State.SUBMITTED, State.AWAITING_SUPPLEMENT, State.PROCESSING, State.SUSPENDED})
COMPLETED_STATES = frozenset({State.APPROVED, State.DENIED})
CLOSED_STATES = frozenset({State.APPROVED, State.DENIED, State.REFUSED, State.WITHDRAWN})

SUPPLEMENT_PAUSE = Pause("request_supplement", "supplement", "补正")
SPECIAL_PAUSE = Pause("suspend", "resume", "特别程序")

TRANSITIONS = (
    Transition("accept", frozenset({State.SUBMITTED}), State.PROCESSING, "受理（一口受理）", CLERK),
    Transition("request_supplement", frozenset({State.SUBMITTED}), State.AWAITING_SUPPLEMENT, "通知补正", CLERK),
    Transition("supplement", frozenset({State.AWAITING_SUPPLEMENT}), State.SUBMITTED, "已补正", CITIZEN),
    Transition("refuse", frozenset({State.SUBMITTED}), State.REFUSED, "不予受理", CLERK),
    Transition("suspend", frozenset({State.PROCESSING}), State.SUSPENDED, "进入特别程序", CLERK),
    Transition("resume", frozenset({State.SUSPENDED}), State.PROCESSING, "特别程序结束", CLERK),
    Transition("approve", frozenset({State.PROCESSING}), State.APPROVED, "办结：准予许可", SYSTEM),
    Transition("deny", frozenset({State.PROCESSING}), State.DENIED, "办结：不予许可", SYSTEM),
    Transition(
        "withdraw", frozenset({State.SUBMITTED, State.AWAITING_SUPPLEMENT}), State.WITHDRAWN, "申请人撤回", CITIZEN
    ),
)


class Timer(models.TextChoices):
    SUPPLEMENT = "supplement", _("补正")
    SPECIAL_PROCEDURE = "special_procedure", _("特别程序")


TIMERS = (
    TimerRule(
        Timer.SUPPLEMENT,
        "补正",
        start_events=frozenset({"request_supplement"}),
        stop_events=frozenset({"supplement"}),
    ),
    TimerRule(
        Timer.SPECIAL_PROCEDURE,
        "特别程序",
        start_events=frozenset({"suspend"}),
        stop_events=frozenset({"resume"}),
    ),
)

SUPERVISORS = "perm:servicehall.supervise_servicehall"
REMINDER_SUBJECT = _("网上办事{{ level_label }}提醒 {{ tracking_number }}")
NOTICES = (
    Notice("create", "servicehall/notify/create.txt", ("citizen",), channels=("sms",)),
    Notice("request_supplement", "servicehall/notify/request_supplement.txt", ("citizen",), channels=("sms",)),
    Notice("approve", "servicehall/notify/completed.txt", ("citizen",), channels=("sms",)),
    Notice("deny", "servicehall/notify/completed.txt", ("citizen",), channels=("sms",)),
    Notice(
        "overdue:warning",
        "servicehall/notify/overdue.txt",
        ("agency_staff",),
        channels=("email",),
        subject=REMINDER_SUBJECT,
    ),
    Notice(
        "overdue:yellow", "servicehall/notify/overdue.txt", ("agency_staff", "agency_leaders"), subject=REMINDER_SUBJECT
    ),
    Notice(
        "overdue:red",
        "servicehall/notify/overdue.txt",
        ("agency_staff", "agency_leaders", SUPERVISORS),
        subject=REMINDER_SUBJECT,
    ),
)

CASE_RULE = DeadlineRule(
    step="办结",
    states=OPEN_STATES,
    days=20,  # only if a submission carries no limit_days
    start_event="create",
    start_label="提交日",
    pauses=(SUPPLEMENT_PAUSE, SPECIAL_PAUSE),
    days_key="limit_days",
)

APPLICATION = register(
    CaseType(
        key="application",
        prefix="BS",
        name="网上办事",
        states={s.value: str(s.label) for s in State},
        initial_state=State.SUBMITTED,
        closed_states=CLOSED_STATES,
        transitions=TRANSITIONS,
        deadlines=(CASE_RULE,),
        warning_days=2,
        red_days=5,
        citizen_phone_field="application__applicant_phone",
        notices=NOTICES,
        timers=TIMERS,
        # Statistics: completed (准予/不予批准) counts as answered; refused and withdrawn
        # applications count as received only.
        answered_states=COMPLETED_STATES,
        # 网上办事督查 see every department's rectifications after bad ratings.
        supervisor_permission="servicehall.supervise_servicehall",
        staff_url=lambda case: reverse("servicehall_admin:detail", args=[case.application.pk]),
    )
)


def task_rule(days: int, step: str) -> DeadlineRule:
    """The clock of one department's task: from acceptance, paused by a special procedure."""
    return DeadlineRule(
        step=step,
        states=OPEN_STATES,
        days=days,
        start_event="accept",
        start_label="受理日",
        pauses=(SPECIAL_PAUSE,),
    )


def statutory_rule(days: int) -> DeadlineRule:
    """The statutory limit of the whole case, counted like the promised one."""
    return DeadlineRule(
        step="法定时限",
        states=OPEN_STATES,
        days=days,
        start_event="create",
        start_label="提交日",
        pauses=(SUPPLEMENT_PAUSE, SPECIAL_PAUSE),
    )
