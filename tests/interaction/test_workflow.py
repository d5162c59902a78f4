"""The letter case type: every (state, transition) pair of the table, each handling step
through the actions, and who may take it."""

from __future__ import annotations

from django.db import transaction

import pytest

from govportal.core.cases.actions import case_transition
from govportal.core.cases.models import ActorKind, CaseEvent
from govportal.core.errors import Conflict, InvalidInput, NotAllowed
from govportal.core.outbox.models import OutboxMessage
from govportal.interaction import actions
from govportal.interaction.models import Countersign
from govportal.interaction.workflow import LETTER, TRANSITIONS, LetterState
from tests.interaction.conftest import to_replied, to_reviewing, write

pytestmark = pytest.mark.django_db
S = LetterState


def drive(world, state):
    """A letter to the mayor brought to ``state`` through the real actions."""
    s, edu, traffic = world["staff"], world["agencies"]["edu"], world["agencies"]["traffic"]
    letter, _ = write(world["mailboxes"]["mayor"])
    if state == S.SUBMITTED:
        return letter
    if state == S.REFUSED:
        return actions.letter_refuse(letter=letter, actor=s["city"], reason="内容与政府职能无关")
    if state == S.PETITION:
        return actions.letter_to_petition(letter=letter, actor=s["city"])
    actions.letter_accept(letter=letter, actor=s["city"])
    if state == S.ACCEPTED:
        return letter
    actions.letter_assign(letter=letter, actor=s["city"], agency=edu)
    if state == S.ASSIGNED:
        return letter
    if state == S.COUNTERSIGNING:
        actions.letter_countersign(letter=letter, actor=s["edu"], agencies=[traffic])
        return letter
    actions.letter_submit_reply(letter=letter, actor=s["edu"], text="答复内容")
    if state == S.REVIEWING:
        return letter
    actions.letter_approve_reply(letter=letter, actor=s["edu_reviewer"])
    assert state == S.REPLIED
    return letter


class _Rollback(Exception):
    pass


PAYLOADS = {"extend": {"days": 3}, "reopen": {"limit_days": 5}}


def test_every_state_and_transition_pair_follows_the_table(world):
    for state in LetterState:
        letter = drive(world, state)
        assert letter.case.state == state
        for t in TRANSITIONS:
            kind = next(iter(t.actors))
            try:
                with transaction.atomic():
                    if state in t.sources:
                        event = case_transition(
                            case=letter.case, name=t.name, actor=None, actor_kind=kind, payload=PAYLOADS.get(t.name)
                        )
                        assert event.to_state == t.target, (state, t.name)
                    else:
                        with pytest.raises(Conflict):
                            case_transition(
                                case=letter.case, name=t.name, actor=None, actor_kind=kind, payload=PAYLOADS.get(t.name)
                            )
                    raise _Rollback
            except _Rollback:
                pass
            letter.case.refresh_from_db()
            assert letter.case.state == state


def test_citizen_only_transition_refuses_a_clerk_and_the_reverse():
    assert LETTER.transition("reopen").actors == frozenset({ActorKind.CITIZEN})
    clerk_only = [t.name for t in TRANSITIONS if t.actors == frozenset({ActorKind.CLERK})]
    assert "approve_reply" in clerk_only and "reopen" not in clerk_only


def test_refused_letter_is_closed_with_the_reason_told_to_the_writer(world):
    letter = drive(world, S.REFUSED)
    assert not letter.case.is_open and letter.case.due_date is None
    sms = OutboxMessage.objects.filter(case=letter.case, channel="sms").order_by("pk").last()
    assert "内容与政府职能无关" in sms.body


def test_petition_is_pointed_to_its_own_channel(world, settings):
    settings.GOVPORTAL_PETITION_URL = "https://xf.example.gov.cn/"
    letter = drive(world, S.PETITION)
    assert letter.case.state == S.PETITION and not letter.case.is_open
    assert OutboxMessage.objects.filter(case=letter.case, body__contains="https://xf.example.gov.cn/").exists()


def test_wrongly_routed_letter_goes_back_to_triage_with_a_reason(world):
    letter = drive(world, S.ASSIGNED)
    with pytest.raises(InvalidInput):
        actions.letter_return(letter=letter, actor=world["staff"]["edu"], reason=" ")
    actions.letter_return(letter=letter, actor=world["staff"]["edu"], reason="属交通局职责")
    letter.refresh_from_db()
    assert letter.case.state == S.ACCEPTED and letter.handling_agency is None
    event = CaseEvent.objects.filter(case=letter.case, type="return").get()
    assert event.payload["reason"] == "属交通局职责" and event.payload["agency"] == "D0001"
    actions.letter_assign(letter=letter, actor=world["staff"]["city"], agency=world["agencies"]["traffic"])
    letter.refresh_from_db()
    assert letter.handling_agency == world["agencies"]["traffic"] and letter.case.agency == letter.handling_agency


def test_only_the_triage_agency_accepts_and_only_the_handler_replies(world):
    letter, _ = write(world["mailboxes"]["mayor"])
    with pytest.raises(NotAllowed):
        actions.letter_accept(letter=letter, actor=world["staff"]["edu"])
    actions.letter_accept(letter=letter, actor=world["staff"]["city"], assign_to=world["agencies"]["edu"])
    with pytest.raises(NotAllowed):
        actions.letter_submit_reply(letter=letter, actor=world["staff"]["traffic"], text="不是我的")


def test_reply_review_needs_a_reviewer_and_can_send_it_back(world):
    letter = to_reviewing(write(world["mailboxes"]["mayor"])[0], world)
    with pytest.raises(NotAllowed):
        actions.letter_approve_reply(letter=letter, actor=world["staff"]["edu"])
    actions.letter_reject_reply(letter=letter, actor=world["staff"]["edu_leader"], reason="请补充政策依据")
    assert letter.case.state == S.ASSIGNED
    actions.letter_submit_reply(letter=letter, actor=world["staff"]["edu"], text="补充后的答复")
    actions.letter_approve_reply(letter=letter, actor=world["staff"]["edu_reviewer"], publish=True)
    letter.refresh_from_db()
    assert letter.reply == "补充后的答复" and letter.is_published
    notices = OutboxMessage.objects.filter(case=letter.case, body__contains="已答复")
    assert {m.channel for m in notices} == {"sms", "email"}


def test_letter_is_published_only_if_the_writer_allowed_it(world):
    letter = to_reviewing(write(world["mailboxes"]["mayor"], may_publish=False)[0], world)
    with pytest.raises(InvalidInput):
        actions.letter_approve_reply(letter=letter, actor=world["staff"]["edu_reviewer"], publish=True)
    actions.letter_approve_reply(letter=letter, actor=world["staff"]["edu_reviewer"], publish=False)
    letter.refresh_from_db()
    assert not letter.is_published
    with pytest.raises(InvalidInput):
        actions.letter_set_published(letter=letter, actor=world["staff"]["city"], published=True)


def test_countersign_returns_to_handling_when_every_agency_answered(world, make_agency):
    letter = drive(world, S.ASSIGNED)
    third = make_agency(name="示例市财政局", short_name="财政局", code="D0003")
    actions.letter_countersign(
        letter=letter, actor=world["staff"]["edu"], agencies=[world["agencies"]["traffic"], third]
    )
    assert letter.case.state == S.COUNTERSIGNING
    first = Countersign.objects.get(letter=letter, agency=world["agencies"]["traffic"])
    with pytest.raises(NotAllowed):
        actions.countersign_answer(countersign=first, actor=world["staff"]["edu"], opinion="代填")
    actions.countersign_answer(countersign=first, actor=world["staff"]["traffic"], opinion="同意答复口径")
    letter.case.refresh_from_db()
    assert letter.case.state == S.COUNTERSIGNING
    from govportal.core.models import Role
    from tests.interaction.conftest import _staff

    actions.countersign_answer(
        countersign=Countersign.objects.get(letter=letter, agency=third),
        actor=_staff(third, Role.EDITOR, "finance_clerk"),
        opinion="无意见",
    )
    letter.case.refresh_from_db()
    assert letter.case.state == S.ASSIGNED
    assert CaseEvent.objects.filter(case=letter.case, type="countersigned", actor_kind=ActorKind.SYSTEM).exists()


def test_unresolved_rating_reopens_the_letter_to_the_same_agency_with_the_rating(world):
    letter = to_replied(write(world["mailboxes"]["mayor"])[0], world)
    actions.letter_rate(letter=letter, rating=2, resolved=False, comment="没有说清楚需要哪些材料")
    letter.refresh_from_db()
    assert letter.case.state == S.ASSIGNED and letter.handling_agency == world["agencies"]["edu"]
    assert letter.reopen_count == 1 and not letter.is_published
    event = CaseEvent.objects.get(case=letter.case, type="reopen")
    assert event.payload["rating"] == 2 and event.payload["comment"] == "没有说清楚需要哪些材料"
    assert event.actor_kind == ActorKind.CITIZEN


def test_a_reply_is_rated_once_and_resolved_keeps_it_closed(world):
    letter = to_replied(write(world["mailboxes"]["mayor"])[0], world)
    actions.letter_rate(letter=letter, rating=5, resolved=True)
    letter.refresh_from_db()
    assert letter.case.state == S.REPLIED and letter.rating == 5
    with pytest.raises(Conflict):
        actions.letter_rate(letter=letter, rating=1, resolved=False)
    with pytest.raises(InvalidInput):
        actions.letter_rate(letter=letter, rating=9, resolved=True)
