"""The ``disclosure_request`` case type: the legal clock of 依申请公开 (Arts. 30–34).

register → confirm receipt → (one correction notice within 7 WD · consultation · one
extension ≤ 20 WD) → reply within 20 WD (decision letter) → archive (Art. 45).

- The reply clock (20 WD) starts on the receipt date the clerk records (Art. 31: in person —
  that day; registered post — the signing date; ordinary post — the date the office
  confirms; online or fax — the date both sides confirm), carried in the event payload as
  ``received_on``; it starts again from the receipt of the correction.
- A consultation (third party or co-authoring agency, 15 WD from the day the letter is
  served, ending on the 15th WD) pauses it. A consultation or an extension can only be
  started within the reply period (Arts. 32, 33): once the due date has passed the kernel
  refuses them, so a late request stays late.
- While a correction is awaited, the clock is the correction period the notice gives
  (``GOVPORTAL_DISCLOSURE_CORRECTION_DAYS``); when it lapses, the periodic sweep closes the
  request as withdrawn (视为放弃申请).
- The extra clocks are kernel timers (`CaseTimer`): ``consultation`` (15 WD from the
  consultation; the sweep ends it when it lapses) and ``correction`` (the correction
  period; the sweep closes the request when it lapses).
- Notifications to the applicant (SMS, and e-mail when given) and the overdue reminders
  to the agency are declared in ``NOTICES``; their texts are ``disclosure/notify/*.txt``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Notice, Pause, TimerRule, Transition, register

KEY = "disclosure_request"
CLERK = frozenset({ActorKind.CLERK})
CITIZEN_OR_CLERK = frozenset({ActorKind.CITIZEN, ActorKind.CLERK})
CLERK_OR_SYSTEM = frozenset({ActorKind.CLERK, ActorKind.SYSTEM})

REPLY_DAYS = 20  # Art. 33
EXTENSION_CEILING = 20  # Art. 33
CORRECTION_NOTICE_DAYS = 7  # Art. 30
CONSULTATION_DAYS = 15  # Arts. 32, 34
FEE_DAYS = 20  # 国办函〔2020〕109号: the fee is paid within 20 WD of the notice, or the request lapses

OPEN_WORKING = frozenset({"processing", "consulting", "awaiting_fee"})


class State:
    SUBMITTED = "submitted"
    PROCESSING = "processing"
    CORRECTING = "correcting"
    CONSULTING = "consulting"
    AWAITING_FEE = "awaiting_fee"
    REPLIED = "replied"
    WITHDRAWN = "withdrawn"
    ARCHIVED = "archived"


STATES = {
    State.SUBMITTED: "待确认收到",
    State.PROCESSING: "办理中",
    State.CORRECTING: "待补正",
    State.CONSULTING: "征求意见中",
    State.AWAITING_FEE: "待缴信息处理费",
    State.REPLIED: "已答复",
    State.WITHDRAWN: "已终止",
    State.ARCHIVED: "已归档",
}


def correction_days() -> int:
    return settings.GOVPORTAL_DISCLOSURE_CORRECTION_DAYS


class Timer(models.TextChoices):
    CONSULTATION = "consultation", _("征求意见")
    CORRECTION = "correction", _("补正期限")
    FEE = "fee", _("缴费期限")


SUBJECT = _("政府信息公开申请办理通知")
APPLICANT = ("citizen",)
# Supervisors: the city's disclosure authority (查看全市政府信息公开申请).
SUPERVISORS = "perm:disclosure.view_all_requests"


def _confirmed_online(case, payload: dict, context: dict) -> bool:
    """Receipt is notified when the office confirms an online request (a request registered
    by a clerk was handed in: the applicant knows)."""
    return payload.get("channel") == "online"


NOTICES = (
    Notice("create", "disclosure/notify/create.txt", APPLICANT, channels=("sms",)),
    Notice(
        "receive",
        "disclosure/notify/receive.txt",
        APPLICANT,
        subject=SUBJECT,
        when=_confirmed_online,
        needs=("received_on",),
    ),
    Notice(
        "request_correction",
        "disclosure/notify/request_correction.txt",
        APPLICANT,
        subject=SUBJECT,
        needs=("due", "items"),
    ),
    Notice("extend", "disclosure/notify/extend.txt", APPLICANT, subject=SUBJECT, needs=("days", "reason")),
    Notice("require_reasons", "disclosure/notify/require_reasons.txt", APPLICANT, subject=SUBJECT, needs=("due",)),
    Notice("delay", "disclosure/notify/delay.txt", APPLICANT, subject=SUBJECT, needs=("days", "new_due")),
    Notice("fee_notice", "disclosure/notify/fee_notice.txt", APPLICANT, subject=SUBJECT, needs=("amount", "due")),
    # The applicant is told when the request lapses (视为放弃申请).
    Notice("correction_lapsed", "disclosure/notify/lapsed.txt", APPLICANT, subject=SUBJECT, needs=("reason",)),
    Notice("fee_lapsed", "disclosure/notify/lapsed.txt", APPLICANT, subject=SUBJECT, needs=("reason",)),
    Notice("reply", "disclosure/notify/reply.txt", APPLICANT, subject=SUBJECT, needs=("outcome_label",)),
    # An online request not confirmed within GOVPORTAL_DISCLOSURE_CONFIRM_DAYS: the sweep's
    # one alarm to the agency (Art. 31 — its receipt date is the date both sides confirm).
    Notice(
        "confirm_overdue",
        "disclosure/notify/confirm_overdue.txt",
        ("agency_staff", "agency_leaders"),
        channels=("email",),
        subject=_("政府信息公开网上申请超过确认时限 {{ tracking_number }}"),
        needs=("limit",),
    ),
    # Reminders to the agency when the reply clock runs late; at red, its leaders and the
    # city's disclosure authority too.
    Notice(
        "overdue:warning",
        "disclosure/notify/overdue.txt",
        ("agency_staff",),
        channels=("email",),
        subject=_("政府信息公开申请{{ level_label }}提醒 {{ tracking_number }}"),
    ),
    Notice(
        "overdue:yellow",
        "disclosure/notify/overdue.txt",
        ("agency_staff", "agency_leaders"),
        subject=_("政府信息公开申请{{ level_label }}提醒 {{ tracking_number }}"),
    ),
    Notice(
        "overdue:red",
        "disclosure/notify/overdue.txt",
        ("agency_staff", "agency_leaders", SUPERVISORS),
        subject=_("政府信息公开申请{{ level_label }}提醒 {{ tracking_number }}"),
    ),
)


def build() -> CaseType:
    return CaseType(
        key=KEY,
        prefix="GK",
        name="政府信息公开申请",
        states=STATES,
        initial_state=State.SUBMITTED,
        closed_states=frozenset({State.REPLIED, State.WITHDRAWN, State.ARCHIVED}),
        transitions=(
            Transition("receive", frozenset({State.SUBMITTED}), State.PROCESSING, "确认收到申请", CLERK),
            Transition("request_correction", frozenset({State.PROCESSING}), State.CORRECTING, "发出补正告知", CLERK),
            Transition("correct", frozenset({State.CORRECTING}), State.PROCESSING, "收到补正材料", CITIZEN_OR_CLERK),
            Transition(
                "correction_lapsed",
                frozenset({State.CORRECTING}),
                State.WITHDRAWN,
                "逾期未补正，视为放弃申请",
                frozenset({ActorKind.SYSTEM}),
            ),
            Transition("consult", frozenset({State.PROCESSING}), State.CONSULTING, "征求意见", CLERK),
            Transition("consulted", frozenset({State.CONSULTING}), State.PROCESSING, "征求意见结束", CLERK_OR_SYSTEM),
            Transition("extend", frozenset({State.PROCESSING}), State.PROCESSING, "经批准延长答复期限", CLERK),
            Transition(
                "delay", frozenset({State.PROCESSING}), State.PROCESSING, "确定延迟答复的合理期限（第三十五条）", CLERK
            ),
            Transition(
                "fee_notice", frozenset({State.PROCESSING}), State.AWAITING_FEE, "发出信息处理费收费通知", CLERK
            ),
            Transition("fee_paid", frozenset({State.AWAITING_FEE}), State.PROCESSING, "申请人已缴纳信息处理费", CLERK),
            Transition(
                "fee_lapsed",
                frozenset({State.AWAITING_FEE}),
                State.WITHDRAWN,
                "逾期未缴纳信息处理费，视为放弃申请",
                frozenset({ActorKind.SYSTEM}),
            ),
            Transition("reply", frozenset({State.PROCESSING}), State.REPLIED, "作出答复", CLERK),
            Transition(
                "withdraw",
                frozenset({State.SUBMITTED, State.PROCESSING, State.CORRECTING, State.CONSULTING, State.AWAITING_FEE}),
                State.WITHDRAWN,
                "申请人撤回申请",
                CITIZEN_OR_CLERK,
            ),
            Transition(
                "archive", frozenset({State.REPLIED, State.WITHDRAWN}), State.ARCHIVED, "归档", CLERK, public=False
            ),
        ),
        deadlines=(
            DeadlineRule(
                step="答复",
                states=OPEN_WORKING,
                days=REPLY_DAYS,
                start_event="receive",
                start_label="收到申请日",
                date_key="received_on",
                # The consultation pause ends on the last day of the 15 WD at the latest (Art. 32:
                # the third party's period ends on its 15th WD), even when the sweep ends it later.
                pauses=(
                    Pause("consult", "consulted", "征求意见", end_date_key="ended_on"),
                    Pause("fee_notice", "fee_paid", "待缴信息处理费"),
                ),
                restart_events=frozenset({"correct"}),
                restart_label="收到补正日",
                extension_event="extend",
                extension_ceiling=EXTENSION_CEILING,
                delay_event="delay",
                # Art. 32, 33: a consultation or an extension only within the 20 WD.
                refuse_moves_after_due=True,
            ),
            DeadlineRule(
                step="补正",
                states=frozenset({State.CORRECTING}),
                days=correction_days(),
                start_event="request_correction",
                start_label="补正告知日",
            ),
        ),
        warning_days=3,
        red_days=5,
        citizen_phone_field="disclosure_request__phone",
        citizen_email_field="disclosure_request__email",
        notices=NOTICES,
        timers=(
            TimerRule(
                Timer.CONSULTATION,
                str(Timer.CONSULTATION.label),
                days=CONSULTATION_DAYS,
                start_events=frozenset({"consult"}),
                stop_events=frozenset({"consulted"}),
                # The third party's 15 WD run from the day the letter was served on it.
                date_key="served_on",
            ),
            TimerRule(
                Timer.CORRECTION,
                str(Timer.CORRECTION.label),
                days=correction_days(),
                start_events=frozenset({"request_correction"}),
                stop_events=frozenset({"correct", "correction_lapsed"}),
            ),
            TimerRule(
                Timer.FEE,
                str(Timer.FEE.label),
                days=FEE_DAYS,
                start_events=frozenset({"fee_notice"}),
                stop_events=frozenset({"fee_paid", "fee_lapsed"}),
            ),
        ),
    )


CASE_TYPE: CaseType | None = None


def ensure_registered() -> CaseType:
    global CASE_TYPE
    if CASE_TYPE is None:
        CASE_TYPE = register(build())
    return CASE_TYPE
