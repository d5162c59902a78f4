"""A test case type shaped like a disclosure request (受理 → 补正/征求意见/延期 → 答复)."""

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Pause, Transition, register

CLERK = frozenset({ActorKind.CLERK})
CITIZEN = frozenset({ActorKind.CITIZEN})

TEST_TYPE = register(
    CaseType(
        key="test_request",
        prefix="YS",
        name="测试申请",
        states={
            "submitted": "已提交",
            "accepted": "办理中",
            "awaiting_supplement": "待补正",
            "consulting": "征求第三方意见",
            "replied": "已答复",
            "withdrawn": "已撤回",
        },
        initial_state="submitted",
        closed_states=frozenset({"replied", "withdrawn"}),
        transitions=(
            Transition("accept", frozenset({"submitted"}), "accepted", "受理", CLERK),
            Transition("request_supplement", frozenset({"accepted"}), "awaiting_supplement", "通知补正", CLERK),
            Transition("supplement", frozenset({"awaiting_supplement"}), "accepted", "已补正", CITIZEN),
            Transition("consult", frozenset({"accepted"}), "consulting", "征求第三方意见", CLERK),
            Transition("consulted", frozenset({"consulting"}), "accepted", "第三方意见已返回", CLERK),
            Transition("extend", frozenset({"accepted"}), "accepted", "经批准延期", CLERK),
            Transition("internal_note", frozenset({"accepted"}), "accepted", "内部备注", CLERK, public=False),
            Transition("reply", frozenset({"accepted"}), "replied", "答复", CLERK),
            Transition(
                "withdraw", frozenset({"submitted", "accepted", "awaiting_supplement"}), "withdrawn", "撤回", CITIZEN
            ),
        ),
        deadlines=(
            DeadlineRule(
                step="答复",
                states=frozenset({"accepted", "awaiting_supplement", "consulting"}),
                days=20,
                start_event="accept",
                start_label="受理日",
                pauses=(Pause("consult", "consulted", "第三方征求意见"),),
                restart_events=frozenset({"supplement"}),
                restart_label="收到补正日",
                extension_event="extend",
                extension_ceiling=20,
            ),
        ),
        warning_days=3,
        red_days=5,
    )
)
