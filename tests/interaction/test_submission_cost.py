"""What one letter costs the database (issue 9's submission load): the mailbox comes from
the cache, and the write is the number, the case, its event, the SMS and the letter."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from govportal.core.cases.models import OverdueLevel
from govportal.core.errors import NotFound
from govportal.interaction import selectors
from govportal.interaction.models import Category, MailboxCategory
from tests.interaction.conftest import API_LETTER as LETTER
from tests.interaction.conftest import write

pytestmark = pytest.mark.django_db


def _statements(captured) -> list[str]:
    skip = ("SAVEPOINT", "RELEASE SAVEPOINT", "BEGIN", "COMMIT")
    return [q["sql"] for q in captured if not q["sql"].startswith(skip)]


def test_a_letter_is_five_statements_and_no_reads_once_the_mailbox_is_cached(world, client, settings):
    settings.GOVPORTAL_SUBMISSION_API_TOKENS = ["t"]
    headers = {"HTTP_AUTHORIZATION": "Bearer t"}
    assert client.post("/api/v1/letters", LETTER, content_type="application/json", **headers).status_code == 201
    with CaptureQueriesContext(connection) as q:
        r = client.post("/api/v1/letters", LETTER, content_type="application/json", **headers)
    assert r.status_code == 201
    sql = _statements(q.captured_queries)
    assert not [s for s in sql if s.lstrip().upper().startswith("SELECT")], sql
    names = ("trackingsequence", 'core_case"', "caseevent", "outboxmessage", 'interaction_letter"')
    tables = [next(t for t in names if t in s) for s in sql]
    assert tables == ["trackingsequence", 'core_case"', "caseevent", "outboxmessage", 'interaction_letter"']


def test_an_idempotency_key_adds_one_read_by_key_and_one_insert(world, client, settings):
    """What the retry safety costs (docs/performance.md): the first answer looked up by its
    unique key, and the record inserted in the letter's own transaction. The policy's
    transaction is the outermost one in production; here the test's own transaction makes
    it one savepoint — and the actions inside add none."""
    settings.GOVPORTAL_SUBMISSION_API_TOKENS = ["t"]
    headers = {"HTTP_AUTHORIZATION": "Bearer t"}
    assert client.post("/api/v1/letters", LETTER, content_type="application/json", **headers).status_code == 201
    with CaptureQueriesContext(connection) as q:
        r = client.post(
            "/api/v1/letters", LETTER, content_type="application/json", HTTP_IDEMPOTENCY_KEY="cost-key-0001", **headers
        )
    assert r.status_code == 201
    assert len([x for x in q.captured_queries if x["sql"].startswith("SAVEPOINT")]) == 1
    names = ("idempotencyrecord", "trackingsequence", 'core_case"', "caseevent", "outboxmessage", 'interaction_letter"')
    tables = [next(t for t in names if t in s) for s in _statements(q.captured_queries)]
    assert tables == [
        "idempotencyrecord",
        "trackingsequence",
        'core_case"',
        "caseevent",
        "outboxmessage",
        'interaction_letter"',
        "idempotencyrecord",
    ]


# Every index on these tables is written by every letter. An index a read does not need is
# a cost on each submission: adding one here is a decision, not a side effect.
WRITTEN_INDEXES = {
    "core_case": {
        "core_case_pkey",
        "core_case_tracking_number_key",
        "core_case_tracking_number_92aec559_like",
        "core_case_case_ty_4d7228_idx",
        "core_case_is_open_47e99b_idx",
        "core_case_agency_id_f75822fe",
    },
    "core_caseevent": {"core_caseevent_pkey", "core_caseevent_case_time", "core_caseevent_actor_id_1d096dea"},
    "core_outboxmessage": {
        "core_outboxmessage_pkey",
        "core_outboxmessage_key_key",
        "core_outboxmessage_key_4285511e_like",
        "core_outbox_status_88bc63_idx",
        "core_outboxmessage_case_id_7023828a",
    },
    # Only with an Idempotency-Key (every HTML form has its token).
    "core_idempotencyrecord": {"core_idempotencyrecord_pkey", "idempotency_key_once"},
    "interaction_letter": {
        "interaction_letter_pkey",
        "interaction_letter_case_id_key",
        "interaction_mailbox_52606e_idx",
        "interaction_handlin_fdda5a_idx",
        "letter_handoff_once",
        "interaction_letter_received_at_2d95dbd7",
        "interaction_letter_reply_agency_id_404207f7",
    },
}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index names as PostgreSQL keeps them")
def test_a_letter_writes_only_the_indexes_reads_use():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexname FROM pg_indexes WHERE tablename = ANY(%s)", [list(WRITTEN_INDEXES)])
        found: dict[str, set[str]] = {}
        for table, index in cursor.fetchall():
            found.setdefault(table, set()).add(index)
    assert found == WRITTEN_INDEXES


def test_the_cached_mailbox_follows_every_change(world, django_assert_num_queries):
    mayor = world["mailboxes"]["mayor"]
    assert selectors.public_mailbox("szxx").reply_days(Category.CONSULT) == 5
    with django_assert_num_queries(0):
        box = selectors.public_mailbox("szxx")
    assert box.triage_agency.name == "示例市人民政府" and box.agency.name == "示例市人民政府"
    row = MailboxCategory.objects.get(mailbox=mayor, category=Category.CONSULT)
    row.reply_days = 7
    row.save()
    assert selectors.public_mailbox("szxx").reply_days(Category.CONSULT) == 7
    city = world["agencies"]["city"]
    city.name = "示例市人民政府办公室"
    city.save()
    assert selectors.public_mailbox("szxx").triage_agency.name == "示例市人民政府办公室"
    mayor.is_active = False
    mayor.save()
    with pytest.raises(NotFound):
        selectors.public_mailbox("szxx")


def test_an_unknown_or_odd_mailbox_name_is_not_found(world):
    for slug in ("nope", "", "a b", "x" * 101, "szxx\n"):
        with pytest.raises(NotFound):
            selectors.public_mailbox(slug)


def test_a_new_letter_takes_its_mailbox_warning_days_at_once(world, time_machine):
    """The case exists before the letter, so the per-mailbox lookup cannot find it yet: the
    mailbox's thresholds are passed in (the kernel's defaults were used before)."""
    time_machine.move_to("2026-11-02 10:00 +0800", tick=False)  # a Monday
    mayor = world["mailboxes"]["mayor"]
    mayor.warning_days = 5  # consult letters are due in 5 working days: a warning from the start
    mayor.save()
    letter, _ = write(selectors.public_mailbox("szxx"), category=Category.CONSULT)
    assert letter.case.overdue_level == OverdueLevel.WARNING
    letter.case.refresh_from_db()
    assert letter.case.overdue_level == OverdueLevel.WARNING


def test_a_change_made_by_another_process_shows_within_a_second(world, monkeypatch):
    from django.core.cache import cache

    clock = {"now": 1000.0}
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock["now"])
    assert selectors.public_mailbox("szxx").reply_days(Category.CONSULT) == 5
    # Another app server changes the row and moves the shared version (no signal here).
    MailboxCategory.objects.filter(mailbox__slug="szxx", category=Category.CONSULT).update(reply_days=9)
    cache.set(selectors.MAILBOXES_VERSION_KEY, "changed-elsewhere", None)
    clock["now"] += 0.5
    assert selectors.public_mailbox("szxx").reply_days(Category.CONSULT) == 5  # this process's copy
    clock["now"] += 0.5
    assert selectors.public_mailbox("szxx").reply_days(Category.CONSULT) == 9
