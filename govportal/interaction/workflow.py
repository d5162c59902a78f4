"""The `letter` case type: states, transitions and the reply clock of mailbox letters.

受理/不予受理/转信访 (triage agency) → 交办 (to a handling agency) → 办理: 退回分办 (wrongly
routed, with a reason), 延期 (approved by the triage agency), 会签 (other agencies) → 提交审核
→ 审核通过 (the reply is sent to the writer) / 退回修改. After the reply the writer rates it;
"unresolved" reopens the letter to the same agency and restarts the clock.

The clock runs from receipt (the creation) in working days; the limit is the mailbox's for
the letter's category, carried in the event payload under ``limit_days`` (kernel
`DeadlineRule.days_key`). Warning and red-card days are the mailbox's (`thresholds`).

Notifications (``NOTICES``, texts in ``interaction/notify/*.txt``): the writer by SMS (and
e-mail when given) at receipt, refusal, petition referral and reply; the handling agency
(its address and staff, by e-mail) when a letter is assigned or reopened; the triage
agency when an extension is asked; the countersigning agencies. Reminders when the kernel
raises a letter's overdue level: warning — the agency holding it; yellow card — also its
leaders (e-mail and SMS); red card — also the triage agency's leaders.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Notice, Transition, register
from govportal.interaction.models import Mailbox

KEY = "letter"
CLERK = frozenset({ActorKind.CLERK})
CITIZEN = frozenset({ActorKind.CITIZEN})
SYSTEM_OR_CLERK = frozenset({ActorKind.CLERK, ActorKind.SYSTEM})


class LetterState(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("待交办")
    ASSIGNED = "assigned", _("办理中")
    COUNTERSIGNING = "countersigning", _("会签中")
    REVIEWING = "reviewing", _("待审核")
    REPLIED = "replied", _("已答复")
    REFUSED = "refused", _("不予受理")
    PETITION = "petition", _("转信访渠道")


S = LetterState
OPEN_STATES = frozenset({S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.COUNTERSIGNING, S.REVIEWING})
# Where the triage agency acts, and where the handling agency acts.
TRIAGE_STATES = frozenset({S.SUBMITTED, S.ACCEPTED})
HANDLING_STATES = frozenset({S.ASSIGNED, S.COUNTERSIGNING, S.REVIEWING})


def _thresholds(case) -> tuple[int, int]:
    mailbox = Mailbox.objects.filter(letters__case=case).only("warning_days", "red_days").first()
    return (mailbox.warning_days, mailbox.red_days) if mailbox else (2, 5)


def _letter(case):
    from govportal.interaction.models import Letter

    return Letter.objects.select_related("mailbox__triage_agency", "handling_agency").filter(case=case).first()


def _triage_staff(case, payload: dict) -> list[tuple[str, str]]:
    from govportal.core.cases.notifications import staff_addresses

    letter = _letter(case)
    return staff_addresses(letter.mailbox.triage_agency, agency_address=True) if letter else []


def _triage_leaders(case, payload: dict) -> list[tuple[str, str]]:
    """At red card: the triage agency's leaders (when the triage agency holds the letter
    they are its leaders already: the kernel sends each address once per notice)."""
    from govportal.core.cases.notifications import staff_addresses
    from govportal.core.models import Role

    letter = _letter(case)
    return staff_addresses(letter.mailbox.triage_agency, roles=[Role.LEADER]) if letter else []


def _handling_staff(case, payload: dict) -> list[tuple[str, str]]:
    from govportal.core.cases.notifications import staff_addresses

    letter = _letter(case)
    return staff_addresses(letter.handling_agency, agency_address=True) if letter and letter.handling_agency else []


def _countersign_staff(case, payload: dict) -> list[tuple[str, str]]:
    from govportal.core.cases.notifications import staff_addresses
    from govportal.core.models import Agency

    out: list[tuple[str, str]] = []
    for agency in Agency.objects.filter(code__in=payload.get("agencies", [])).order_by("pk"):
        out += staff_addresses(agency, agency_address=True)
    return out


def _holder_staff(case, payload: dict) -> list[tuple[str, str]]:
    """The agency holding the letter (the case's agency: triage, then handling): its
    address and staff."""
    from govportal.core.cases.notifications import staff_addresses

    return staff_addresses(case.agency, agency_address=True)


RECIPIENTS = {
    "triage_staff": _triage_staff,
    "triage_leaders": _triage_leaders,
    "handling_staff": _handling_staff,
    "countersign_staff": _countersign_staff,
    "holder_staff": _holder_staff,
}
WRITER = ("citizen",)
WRITER_SUBJECT = _("来信办理情况 {{ tracking_number }}")
REMINDER_SUBJECT = _("信件{{ level_label }}提醒 {{ tracking_number }}")
REMINDER = "interaction/notify/overdue.txt"

NOTICES = (
    Notice("create", "interaction/notify/create.txt", WRITER, channels=("sms",), needs=("mailbox_name",)),
    Notice("refuse", "interaction/notify/refuse.txt", WRITER, subject=WRITER_SUBJECT, needs=("reason",)),
    Notice(
        "to_petition",
        "interaction/notify/to_petition.txt",
        WRITER,
        subject=WRITER_SUBJECT,
        needs=("reason", "petition_url"),
    ),
    Notice("approve_reply", "interaction/notify/approve_reply.txt", WRITER, subject=WRITER_SUBJECT),
    Notice(
        "assign",
        "interaction/notify/assign.txt",
        ("handling_staff",),
        channels=("email",),
        subject=_("新交办信件 {{ tracking_number }}"),
    ),
    Notice(
        "extension_requested",
        "interaction/notify/extension_requested.txt",
        ("triage_staff",),
        channels=("email",),
        subject=_("延期申请 {{ tracking_number }}"),
        needs=("days", "reason"),
    ),
    Notice(
        "countersign",
        "interaction/notify/countersign.txt",
        ("countersign_staff",),
        channels=("email",),
        subject=_("会签请求 {{ tracking_number }}"),
    ),
    Notice(
        "reopen",
        "interaction/notify/reopen.txt",
        ("handling_staff",),
        channels=("email",),
        subject=_("信件重新办理 {{ tracking_number }}"),
        needs=("rating_label",),
    ),
    # A letter handed over from a disclosure request: its writer never saw the form, so the
    # query code goes to them (sent by `letter_from_disclosure`; the code is never stored).
    Notice(
        "handoff_code",
        "interaction/notify/handoff_code.txt",
        WRITER,
        subject=_("您的来信编号和查询码"),
        needs=("source_tracking_number", "mailbox_name", "code"),
    ),
    Notice("overdue:warning", REMINDER, ("holder_staff",), channels=("email",), subject=REMINDER_SUBJECT),
    Notice("overdue:yellow", REMINDER, ("holder_staff", "agency_leaders"), subject=REMINDER_SUBJECT),
    Notice(
        "overdue:red",
        REMINDER,
        ("holder_staff", "agency_leaders", "triage_leaders"),
        subject=REMINDER_SUBJECT,
    ),
)

TRANSITIONS = (
    Transition("accept", frozenset({S.SUBMITTED}), S.ACCEPTED, "受理", CLERK),
    Transition("refuse", frozenset({S.SUBMITTED}), S.REFUSED, "不予受理", CLERK),
    Transition("to_petition", frozenset({S.SUBMITTED}), S.PETITION, "属信访事项，已告知信访渠道", CLERK),
    Transition("assign", frozenset({S.ACCEPTED}), S.ASSIGNED, "交办承办单位", CLERK),
    Transition("return", frozenset({S.ASSIGNED}), S.ACCEPTED, "承办单位退回分办", CLERK),
    Transition("extend", frozenset({S.ASSIGNED, S.COUNTERSIGNING}), S.ASSIGNED, "经批准延期", CLERK),
    Transition("countersign", frozenset({S.ASSIGNED}), S.COUNTERSIGNING, "征求会签单位意见", CLERK),
    Transition("countersigned", frozenset({S.COUNTERSIGNING}), S.ASSIGNED, "会签完成", SYSTEM_OR_CLERK),
    Transition("submit_reply", frozenset({S.ASSIGNED}), S.REVIEWING, "答复提交审核", CLERK, public=False),
    Transition("reject_reply", frozenset({S.REVIEWING}), S.ASSIGNED, "答复退回修改", CLERK, public=False),
    Transition("approve_reply", frozenset({S.REVIEWING}), S.REPLIED, "已答复", CLERK),
    Transition("reopen", frozenset({S.REPLIED}), S.ASSIGNED, "来信人评价未解决，重新办理", CITIZEN),
)

LETTER = register(
    CaseType(
        key=KEY,
        prefix="XJ",
        name="信件",
        states={s.value: str(s.label) for s in LetterState},
        initial_state=S.SUBMITTED,
        closed_states=frozenset({S.REPLIED, S.REFUSED, S.PETITION}),
        transitions=TRANSITIONS,
        deadlines=(
            DeadlineRule(
                step="答复",
                states=OPEN_STATES,
                days=10,
                days_key="limit_days",
                start_event="create",
                start_label="收信日",
                restart_events=frozenset({"reopen"}),
                restart_label="重新办理日",
                extension_event="extend",
                extension_ceiling=30,
                # Never beyond 3 calendar months of receipt (国办发〔2019〕51号; 60 WD can
                # exceed it across 春节), extensions included: the due date is the last
                # working day within them, and the explanation says so.
                cap_months=3,
                cap_label="收信之日",
            ),
        ),
        warning_days=2,
        red_days=5,
        thresholds=_thresholds,
        # 来信统计: a refused letter or one pointed to the petition channel is no valid letter.
        answered_states=frozenset({S.REPLIED}),
        uncounted_states=frozenset({S.REFUSED, S.PETITION}),
        staff_url=lambda case: reverse("interaction_admin:detail", args=[case.letter.pk]),
        citizen_phone_field="letter__phone",
        citizen_email_field="letter__email",
        notices=NOTICES,
        recipients=RECIPIENTS,
    )
)
