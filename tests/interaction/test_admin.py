"""Staff screens in the Wagtail admin: the work queue, a letter's steps, export, and the
rule that an agency never sees another agency's letters (404)."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from govportal.interaction.models import FaqEntry
from tests.interaction.conftest import to_replied, write

pytestmark = pytest.mark.django_db


def test_clerk_answers_a_letter_through_the_admin_steps(world, client):
    letter, _ = write(world["mailboxes"]["mayor"])
    s, edu = world["staff"], world["agencies"]["edu"]
    client.force_login(s["city"])
    queue = client.get("/admin/letters/")
    assert queue.status_code == 200 and letter.case.tracking_number in queue.content.decode()
    r = client.post(f"/admin/letters/{letter.pk}/accept/", {"agency": edu.pk})
    assert r.status_code == 302
    client.force_login(s["edu"])
    page = client.get(f"/admin/letters/{letter.pk}/").content.decode()
    assert "提交审核" in page
    client.post(f"/admin/letters/{letter.pk}/submit_reply/", {"reply": "您好，入学材料见教育局网站。"})
    # The clerk who drafted it does not get the review buttons (the action would refuse them).
    assert "审核通过并答复来信人" not in client.get(f"/admin/letters/{letter.pk}/").content.decode()
    client.force_login(s["edu_reviewer"])
    assert "审核通过并答复来信人" in client.get(f"/admin/letters/{letter.pk}/").content.decode()
    r = client.post(f"/admin/letters/{letter.pk}/approve_reply/", {"publish": "1"})
    assert r.status_code == 302
    letter.refresh_from_db()
    assert letter.case.state == "replied" and letter.is_published and letter.reply_agency == edu


def test_clerk_of_other_agency_gets_404_for_letter(world, client):
    letter, _ = write(world["mailboxes"]["edu"])
    client.force_login(world["staff"]["traffic"])
    assert client.get(f"/admin/letters/{letter.pk}/").status_code == 404
    assert client.post(f"/admin/letters/{letter.pk}/accept/", {}).status_code == 404
    assert letter.case.tracking_number not in client.get("/admin/letters/").content.decode()


def test_a_step_not_allowed_for_the_user_is_refused_with_its_status(world, client):
    letter, _ = write(world["mailboxes"]["mayor"])
    client.force_login(world["staff"]["city"])
    client.post(f"/admin/letters/{letter.pk}/accept/", {"agency": world["agencies"]["edu"].pk})
    # The triage clerk may see the letter but may not answer it for the handling agency.
    r = client.post(f"/admin/letters/{letter.pk}/submit_reply/", {"reply": "越权答复"})
    assert r.status_code == 403
    assert "只有承办单位" in r.content.decode()


def test_export_gives_the_periods_letters_as_xlsx(world, client):
    letter, _ = write(world["mailboxes"]["mayor"])
    to_replied(letter, world)
    write(world["mailboxes"]["edu"], title="另一封")
    client.force_login(world["staff"]["city"])
    r = client.get("/admin/letters/export.xlsx")
    assert r.status_code == 200
    ws = load_workbook(BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "信件编号"
    numbers = [row[0] for row in rows[1:]]
    assert numbers == [letter.case.tracking_number]  # the edu mailbox's letter is not the city's


def test_export_keeps_a_title_that_looks_like_a_formula_as_text(world, client):
    write(world["mailboxes"]["mayor"], title='=HYPERLINK("http://evil.example","点我")')
    client.force_login(world["staff"]["city"])
    ws = load_workbook(BytesIO(client.get("/admin/letters/export.xlsx").content)).active
    cell = ws["D2"]
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://evil.example","点我")'


def test_promote_an_answered_letter_to_the_faq_masks_personal_data(world, client):
    letter, _ = write(world["mailboxes"]["mayor"])
    to_replied(letter, world)
    client.force_login(world["staff"]["edu"])
    r = client.post(f"/admin/letters/{letter.pk}/promote/", {"topic": "入学", "answer": ""})
    assert r.status_code == 302
    entry = FaqEntry.objects.get(source_letter=letter)
    assert entry.agency == world["agencies"]["edu"] and entry.topic == "入学"


def test_faq_admin_lists_only_own_agency_and_other_agency_row_is_404(world, client):
    own = FaqEntry.objects.create(agency=world["agencies"]["edu"], topic="入学", question="教育局问题", answer="答")
    other = FaqEntry.objects.create(
        agency=world["agencies"]["traffic"], topic="公交", question="交通局问题", answer="答"
    )
    client.force_login(world["staff"]["edu"])
    listing = client.get("/admin/faq/").content.decode()
    assert "教育局问题" in listing and "交通局问题" not in listing
    assert client.get(f"/admin/faq/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/faq/edit/{other.pk}/").status_code == 404


def test_mailbox_settings_are_for_the_information_office_only(world, client, django_user_model):
    client.force_login(world["staff"]["edu"])
    assert client.get("/admin/mailboxes/").status_code in (302, 403)
    admin = django_user_model.objects.create_superuser("office", password=None)
    client.force_login(admin)
    assert client.get("/admin/mailboxes/").status_code == 200
    assert client.get(f"/admin/mailboxes/edit/{world['mailboxes']['mayor'].pk}/").status_code == 200


def test_queue_warns_of_letters_open_beyond_three_months(world, client, time_machine):
    time_machine.move_to("2026-08-03 10:00 +0800", tick=False)
    write(world["mailboxes"]["mayor"], title="拖了很久的信")
    time_machine.move_to("2026-11-04 10:00 +0800", tick=False)
    client.force_login(world["staff"]["city"])
    page = client.get("/admin/letters/").content.decode()
    assert "仍未办结 1 封，超过3个月才答复 0 封" in page


def test_three_month_rule_counts_letters_answered_late_in_the_past_year(world, client, time_machine):
    from govportal.interaction import selectors

    time_machine.move_to("2026-01-05 10:00 +0800", tick=False)
    late, _ = write(world["mailboxes"]["mayor"], title="答复晚了的信")
    in_time, _ = write(world["mailboxes"]["mayor"], title="按时答复的信")
    time_machine.move_to("2026-02-02 10:00 +0800", tick=False)
    to_replied(in_time, world)
    time_machine.move_to("2026-04-07 10:00 +0800", tick=False)  # 3 months and 2 days after receipt
    to_replied(late, world)
    time_machine.move_to("2026-11-04 10:00 +0800", tick=False)
    client.force_login(world["staff"]["city"])
    rule = selectors.three_month_rule(world["staff"]["city"])
    assert (rule.open_late, rule.answered_late, rule.total) == (0, 1, 1)
    page = client.get("/admin/letters/").content.decode()
    assert "仍未办结 0 封，超过3个月才答复 1 封" in page
    # a year after the late answer it no longer counts
    time_machine.move_to("2027-04-08 10:00 +0800", tick=False)
    assert selectors.three_month_rule(world["staff"]["city"]).total == 0
    assert "超过3个月才答复" not in client.get("/admin/letters/").content.decode()


def test_mailbox_slug_may_not_take_a_reserved_path(world):
    from django.core.exceptions import ValidationError

    box = world["mailboxes"]["edu"]
    box.slug = "chaxun"
    with pytest.raises(ValidationError):
        box.full_clean()
