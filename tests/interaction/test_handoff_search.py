"""The hand-off from disclosure (a request that is really a complaint becomes a letter)
and the search sources: published letters (masked) and FAQ entries."""

from __future__ import annotations

import pytest

from govportal.core.cases.actions import case_create
from govportal.core.cases.models import CaseEvent
from govportal.core.outbox.actions import outbox_deliver, outbox_put
from govportal.interaction import actions
from govportal.interaction.models import FaqEntry, Letter
from govportal.search.models import SearchEntry
from tests.core.casetypes import TEST_TYPE  # noqa: F401 — registers the test case type
from tests.interaction.conftest import to_replied, write

pytestmark = pytest.mark.django_db


def handoff(source, agency_code, key="disclosure:1:handoff"):
    message = outbox_put(
        key=key,
        channel="handoff",
        recipient="interaction.letter_from_disclosure",
        payload={
            "source_tracking_number": source.tracking_number,
            "agency_code": agency_code,
            "title": "反映学校乱收费",
            "content": "某小学以资料费名义收取每生200元，请查处。",
            "name": "王五",
            "phone": "13700001111",
            "email": "",
        },
        case=source,
    )
    return message


def test_handoff_creates_one_letter_in_the_agencys_mailbox_and_links_the_source(world):
    source, _ = case_create(case_type="test_request", actor=None, title="依申请公开")
    message = handoff(source, "D0001")
    assert outbox_deliver(message.pk)
    message.status = "pending"
    message.save(update_fields=["status"])
    outbox_deliver(message.pk)  # delivered again: still one letter
    letter = Letter.objects.get()
    assert letter.mailbox == world["mailboxes"]["edu"] and letter.source_tracking_number == source.tracking_number
    assert letter.case.state == "submitted" and letter.source == "disclosure"
    event = CaseEvent.objects.get(case=source, type="linked_letter")
    assert event.label == "已转为信件" and event.is_public
    assert event.payload == {"tracking_number": letter.case.tracking_number}


def test_handed_off_writer_gets_the_letters_number_and_query_code_and_can_look_it_up(world, client):
    from govportal.core.cases.selectors import case_for_citizen
    from govportal.core.outbox.models import OutboxMessage

    source, _ = case_create(case_type="test_request", actor=None, title="依申请公开")
    payload = {**handoff(source, "D0001", key="k-code").payload, "email": "wangwu@example.com"}
    actions.letter_from_disclosure(key="k-code", payload=payload)
    letter = Letter.objects.get(handoff_key="k-code")
    # The kernel's notice keys (case, occasion, template, channel, recipient): found by content.
    sent = OutboxMessage.objects.filter(case=letter.case, body__contains=source.tracking_number)
    sms, email = sent.get(channel="sms"), sent.get(channel="email")
    assert sms.recipient == "13700001111" and email.recipient == "wangwu@example.com"
    assert letter.case.tracking_number in sms.body and source.tracking_number in sms.body
    code = sms.body.split("查询码 ")[1].split("，")[0]
    assert email.body == sms.body
    assert case_for_citizen(tracking_number=letter.case.tracking_number, query_code=code, client="t").tracking_number
    assert code not in str(letter.case.query_code_hash)


def test_handoff_for_an_agency_without_mailbox_goes_to_public_supervision(world):
    source, _ = case_create(case_type="test_request", actor=None, title="依申请公开")
    actions.letter_from_disclosure(key="k-traffic", payload=handoff(source, "D0002", key="x").payload)
    assert Letter.objects.get(handoff_key="k-traffic").mailbox == world["mailboxes"]["supervision"]


def test_published_letter_is_found_masked_and_unpublished_one_is_not(world, django_capture_on_commit_callbacks):
    from govportal.search.backends import Filters
    from govportal.search.selectors import search

    with django_capture_on_commit_callbacks(execute=True):
        shown, _ = write(
            world["mailboxes"]["mayor"], title="校车接送时间调整", content="校车时间怎么调整？电话13812345678"
        )
        to_replied(shown, world)
        private, _ = write(world["mailboxes"]["mayor"], title="校车收费问题", may_publish=False)
        to_replied(private, world, publish=False)
        open_one, _ = write(world["mailboxes"]["mayor"], title="校车线路问题")
    hits = search("校车", filters=Filters(source="letter")).hits
    assert [h.entry.object_id for h in hits] == [shown.pk]
    assert hits[0].type_label == "互动回复"
    entry = SearchEntry.objects.get(source="letter", object_id=shown.pk)
    assert "13812345678" not in entry.body and "138****5678" in entry.body
    with django_capture_on_commit_callbacks(execute=True):
        actions.letter_rate(letter=shown, rating=1, resolved=False)  # reopened: no longer public
    assert not SearchEntry.objects.filter(source="letter", object_id=shown.pk).exists()


def test_faq_entries_are_indexed_on_save_and_removed_when_unpublished(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = FaqEntry.objects.create(
            agency=world["agencies"]["edu"], topic="学籍", question="学籍如何转出", answer="到学校办理。"
        )
        FaqEntry.objects.create(
            agency=world["agencies"]["edu"], topic="学籍", question="学籍草稿", answer="草稿", is_published=False
        )
    assert list(SearchEntry.objects.filter(source="faq").values_list("title", flat=True)) == ["学籍如何转出"]
    with django_capture_on_commit_callbacks(execute=True):
        entry.is_published = False
        entry.save()
    assert not SearchEntry.objects.filter(source="faq").exists()


def test_rebuild_lists_only_public_items(world):
    from govportal.search import sources

    letter, _ = write(world["mailboxes"]["mayor"])
    to_replied(letter, world)
    write(world["mailboxes"]["mayor"], title="未答复")
    source = sources.get("letter")
    docs = [source.document(x) for x in source.items()]
    assert [d.object_id for d in docs if d] == [letter.pk]
