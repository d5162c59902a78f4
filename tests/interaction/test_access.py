"""Who sees and does what with a letter (`interaction/access.py`), table-driven: role ×
own/other agency × step → allowed (the step is taken), refused (403 with the reason) or
404, through the admin's HTTP screens; and the steps `available_steps` gives each role in
each state — the same answer the admin's buttons and the actions' guards give."""

from __future__ import annotations

import pytest

from govportal.core.cases.workflow import available_steps
from govportal.core.errors import NotAllowed
from govportal.core.models import User
from govportal.interaction import access, actions, selectors
from govportal.interaction.models import FaqEntry
from govportal.interaction.workflow import LetterState
from tests.interaction.conftest import write

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    office = User.objects.create(username="xxb", is_superuser=True, is_staff=True)
    return {"office": office, **world["staff"]}


def _letter_in(world, state):
    """A letter to the mayor's mailbox (triaged by the city) in the given state, handled by
    the education bureau once assigned."""
    letter, _ = write(world["mailboxes"]["mayor"])
    s = world["staff"]
    if state in (LetterState.ACCEPTED, LetterState.ASSIGNED, LetterState.REVIEWING):
        actions.letter_accept(letter=letter, actor=s["city"])
    if state in (LetterState.ASSIGNED, LetterState.REVIEWING):
        actions.letter_assign(letter=letter, actor=s["city"], agency=world["agencies"]["edu"])
    if state == LetterState.REVIEWING:
        actions.letter_submit_reply(letter=letter, actor=s["edu"], text="您好，入学材料见教育局网站。")
    letter.case.refresh_from_db()
    assert letter.case.state == state
    return letter


# (state, role) → the steps available. city = triage agency, edu = handling agency, traffic = neither.
STEPS = {
    (LetterState.SUBMITTED, "office"): {"accept", "refuse", "to_petition"},
    (LetterState.SUBMITTED, "city"): {"accept", "refuse", "to_petition"},
    (LetterState.SUBMITTED, "edu"): set(),
    (LetterState.SUBMITTED, "traffic"): set(),
    (LetterState.ACCEPTED, "city"): {"assign"},
    (LetterState.ACCEPTED, "edu"): set(),
    (LetterState.ASSIGNED, "office"): {"return", "extend", "countersign", "submit_reply"},
    (LetterState.ASSIGNED, "city"): {"extend"},  # the triage agency approves an extension
    (LetterState.ASSIGNED, "edu"): {"return", "countersign", "submit_reply"},
    (LetterState.ASSIGNED, "edu_reviewer"): {"return", "countersign", "submit_reply"},
    (LetterState.ASSIGNED, "traffic"): set(),
    (LetterState.REVIEWING, "edu"): set(),  # an editor drafts; reviewers and leaders approve
    (LetterState.REVIEWING, "edu_reviewer"): {"reject_reply", "approve_reply"},
    (LetterState.REVIEWING, "edu_leader"): {"reject_reply", "approve_reply"},
    (LetterState.REVIEWING, "city"): set(),
    (LetterState.REVIEWING, "office"): {"reject_reply", "approve_reply"},
}


@pytest.mark.parametrize(("state", "role"), list(STEPS))
def test_available_steps_of_a_letter(world, people, state, role):
    letter = _letter_in(world, state)
    assert {t.name for t in available_steps(people[role], letter.case)} == STEPS[(state, role)]


# (role, step in its state) → HTTP status of the admin's step: 302 taken, 403 refused, 404 not visible.
ACT = [
    ("city", LetterState.SUBMITTED, "accept", 302),
    ("edu", LetterState.SUBMITTED, "accept", 404),  # not yet the education bureau's letter
    ("traffic", LetterState.SUBMITTED, "accept", 404),
    ("edu", LetterState.ASSIGNED, "assign", 403),  # sees the letter, is not the triage agency
    ("city", LetterState.ASSIGNED, "submit_reply", 403),  # sees the letter, is not the handler
    ("edu", LetterState.ASSIGNED, "submit_reply", 302),
    ("traffic", LetterState.ASSIGNED, "submit_reply", 404),
    ("edu", LetterState.REVIEWING, "approve_reply", 403),  # an editor does not approve
    ("edu_reviewer", LetterState.REVIEWING, "approve_reply", 302),
    ("city_leader", LetterState.REVIEWING, "approve_reply", 403),  # a leader of another agency
    ("office", LetterState.REVIEWING, "approve_reply", 302),
]


@pytest.mark.parametrize(("role", "state", "step", "status"), ACT)
def test_a_step_through_the_admin(client, world, people, role, state, step, status):
    letter = _letter_in(world, state)
    client.force_login(people[role])
    data = {"reply": "您好，入学材料见教育局网站。", "agency": world["agencies"]["edu"].pk, "reason": "理由"}
    response = client.post(f"/admin/letters/{letter.pk}/{step}/", data)
    assert response.status_code == status
    letter.case.refresh_from_db()
    assert (letter.case.state != state) is (status == 302)


def test_buttons_follow_the_available_steps(client, world, people):
    letter = _letter_in(world, LetterState.REVIEWING)
    client.force_login(people["edu"])
    assert "/approve_reply/" not in client.get(f"/admin/letters/{letter.pk}/").content.decode()
    client.force_login(people["edu_reviewer"])
    assert "/approve_reply/" in client.get(f"/admin/letters/{letter.pk}/").content.decode()


def test_the_action_guard_gives_the_reason_for_a_step_not_available(world, people):
    letter = _letter_in(world, LetterState.REVIEWING)
    with pytest.raises(NotAllowed, match="审核人或签发领导"):
        actions.letter_approve_reply(letter=letter, actor=people["edu"])
    with pytest.raises(NotAllowed, match="只有承办单位"):
        actions.letter_reject_reply(letter=letter, actor=people["city"], reason="不行")


def test_a_countersigning_agency_sees_the_letter_and_answers_only_its_own_request(world, people):
    letter = _letter_in(world, LetterState.ASSIGNED)
    (row,) = actions.letter_countersign(letter=letter, actor=people["edu"], agencies=[world["agencies"]["traffic"]])
    assert selectors.letter_for_staff(people["traffic"], letter.pk) == letter
    with pytest.raises(NotAllowed):
        actions.countersign_answer(countersign=row, actor=people["city"], opinion="同意该答复意见")
    actions.countersign_answer(countersign=row, actor=people["traffic"], opinion="同意该答复意见")


def test_the_faq_admin_lists_what_faq_for_staff_gives(client, world, people):
    edu = FaqEntry.objects.create(agency=world["agencies"]["edu"], topic="入学", question="教育局问题", answer="答")
    FaqEntry.objects.create(agency=world["agencies"]["traffic"], topic="公交", question="交通局问题", answer="答")
    for role, expected in (("edu", ["教育局问题"]), ("office", ["交通局问题", "教育局问题"])):
        assert sorted(e.question for e in access.faq_for_staff(people[role])) == expected
        client.force_login(people[role])
        listing = client.get("/admin/faq/").content.decode()
        assert all(q in listing for q in expected)
        assert ("交通局问题" in listing) is (role == "office")
    assert selectors.faq_for_staff is access.faq_for_staff
    assert edu in access.faq_for_staff(people["edu"])
