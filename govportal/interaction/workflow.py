"""The `letter` case type: states, transitions and the reply clock of mailbox letters.

受理/不予受理/转信访 (triage agency) → 交办 (to a handling agency) → 办理: 退回分办 (wrongly
routed, with a reason), 延期 (approved by the triage agency), 会签 (other agencies) → 提交审核
→ 审核通过 (the reply is sent to the writer) / 退回修改. After the reply the writer rates it;
"unresolved" reopens the letter to the same agency and restarts the clock.

The clock runs from receipt (the creation) in working days; the limit is the mailbox's for
the letter's category, carried in the event payload under ``limit_days`` (kernel
`DeadlineRule.days_key`). Warning and red-card days are the mailbox's (`thresholds`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Transition, register
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
            ),
        ),
        warning_days=2,
        red_days=5,
        thresholds=_thresholds,
        citizen_phone_field="letter__phone",
    )
)
