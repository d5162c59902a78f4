"""The bench's own case type: real case types arrive with the disclosure, mailbox and
service areas. Shaped like them: a working-day clock from submission, so creating a case
computes a due date from the calendar."""

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, DeadlineRule, Transition, register

BENCH_TYPE = register(
    CaseType(
        key="bench_request",
        prefix="BN",
        name="压测申请",
        states={"submitted": "已提交", "accepted": "办理中", "replied": "已答复"},
        initial_state="submitted",
        closed_states=frozenset({"replied"}),
        transitions=(
            Transition("accept", frozenset({"submitted"}), "accepted", "受理", frozenset({ActorKind.CLERK})),
            Transition("reply", frozenset({"accepted"}), "replied", "答复", frozenset({ActorKind.CLERK})),
        ),
        deadlines=(
            DeadlineRule(
                step="答复",
                states=frozenset({"submitted", "accepted"}),
                days=20,
                start_event="create",
                start_label="提交日",
            ),
        ),
    )
)
