"""The application transition table, pair by pair: every (state, transition) is allowed
exactly when the table says so, and only for the actor kind it names."""

from __future__ import annotations

import pytest

from govportal.core.cases.actions import case_create, case_transition
from govportal.core.cases.models import ActorKind, Case
from govportal.core.errors import Conflict, NotAllowed
from govportal.servicehall.workflow import APPLICATION, TRANSITIONS, State

PAIRS = [(state, t) for state in State for t in TRANSITIONS]


@pytest.fixture
def case(db):
    case, _ = case_create(case_type="application", actor=None, title="测试", payload={"limit_days": 10})
    return case


@pytest.mark.parametrize(("state", "transition"), PAIRS, ids=[f"{s.value}-{t.name}" for s, t in PAIRS])
def test_transition_allowed_exactly_from_its_sources(case, state, transition):
    Case.objects.filter(pk=case.pk).update(state=state, is_open=state not in APPLICATION.closed_states)
    case.refresh_from_db()
    actor_kind = next(iter(transition.actors))
    if state in transition.sources:
        event = case_transition(case=case, name=transition.name, actor=None, actor_kind=actor_kind)
        case.refresh_from_db()
        assert case.state == transition.target
        assert event.from_state == state
        assert case.is_open == (transition.target not in APPLICATION.closed_states)
    else:
        with pytest.raises(Conflict):
            case_transition(case=case, name=transition.name, actor=None, actor_kind=actor_kind)


@pytest.mark.parametrize("transition", TRANSITIONS, ids=[t.name for t in TRANSITIONS])
def test_transition_refuses_other_actor_kinds(case, transition):
    source = sorted(transition.sources)[0]
    Case.objects.filter(pk=case.pk).update(state=source)
    case.refresh_from_db()
    for kind in set(ActorKind.values) - set(transition.actors):
        with pytest.raises(NotAllowed):
            case_transition(case=case, name=transition.name, actor=None, actor_kind=kind)


def test_closed_states_are_the_four_outcomes():
    assert APPLICATION.closed_states == {State.APPROVED, State.DENIED, State.REFUSED, State.WITHDRAWN}
