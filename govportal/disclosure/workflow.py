"""The ``disclosure_request`` case type: the legal clock of 依申请公开 (Arts. 30–34).

register → confirm receipt → (one correction notice within 7 WD · consultation · one
extension ≤ 20 WD) → reply within 20 WD (decision letter) → archive (Art. 45).

- The reply clock (20 WD) starts on the receipt date the clerk records (Art. 31: in person —
  that day; registered post — the signing date; ordinary post — the date the office
  confirms; online or fax — the date both sides confirm), carried in the event payload as
  ``received_on``; it starts again from the receipt of the correction.
- A consultation (third party or co-authoring agency, 15 WD) pauses it.
- While a correction is awaited, the clock is the correction period the notice gives
  (``GOVPORTAL_DISCLOSURE_CORRECTION_DAYS``); when it lapses, the periodic sweep closes the
  request as withdrawn (视为放弃申请).
"""

from __future__ import annotations

from django.conf import settings

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Pause, Transition, register

KEY = "disclosure_request"
CLERK = frozenset({ActorKind.CLERK})
CITIZEN_OR_CLERK = frozenset({ActorKind.CITIZEN, ActorKind.CLERK})
CLERK_OR_SYSTEM = frozenset({ActorKind.CLERK, ActorKind.SYSTEM})

REPLY_DAYS = 20  # Art. 33
EXTENSION_CEILING = 20  # Art. 33
CORRECTION_NOTICE_DAYS = 7  # Art. 30
CONSULTATION_DAYS = 15  # Arts. 32, 34

OPEN_WORKING = frozenset({"processing", "consulting"})


class State:
    SUBMITTED = "submitted"
    PROCESSING = "processing"
    CORRECTING = "correcting"
    CONSULTING = "consulting"
    REPLIED = "replied"
    WITHDRAWN = "withdrawn"
    ARCHIVED = "archived"


STATES = {
    State.SUBMITTED: "待确认收到",
    State.PROCESSING: "办理中",
    State.CORRECTING: "待补正",
    State.CONSULTING: "征求意见中",
    State.REPLIED: "已答复",
    State.WITHDRAWN: "已终止",
    State.ARCHIVED: "已归档",
}


def correction_days() -> int:
    return settings.GOVPORTAL_DISCLOSURE_CORRECTION_DAYS


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
            Transition("reply", frozenset({State.PROCESSING}), State.REPLIED, "作出答复", CLERK),
            Transition(
                "withdraw",
                frozenset({State.SUBMITTED, State.PROCESSING, State.CORRECTING, State.CONSULTING}),
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
                pauses=(Pause("consult", "consulted", "征求意见"),),
                restart_events=frozenset({"correct"}),
                restart_label="收到补正日",
                extension_event="extend",
                extension_ceiling=EXTENSION_CEILING,
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
    )


CASE_TYPE: CaseType | None = None


def ensure_registered() -> CaseType:
    global CASE_TYPE
    if CASE_TYPE is None:
        CASE_TYPE = register(build())
    return CASE_TYPE
