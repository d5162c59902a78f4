"""The kernel's one citizen lookup (issue 17): /cases/ and /api/v1/cases/{n} answer for every
case type with the type's detail block; the areas' old lookup URLs lead there and their old
API lookups are deprecated aliases of the kernel's."""

from __future__ import annotations

from django.test import Client

import pytest

from govportal.disclosure import actions as disclosure_actions
from govportal.interaction import actions as interaction_actions
from govportal.interaction.models import Category, Mailbox, MailboxCategory, MailboxKind
from tests.disclosure.conftest import applicant, world  # noqa: F401 — a fixture: the agencies with their sites
from tests.servicehall.conftest import direct_submit, make_form, make_item

WRONG = "办件编号或查询码不正确"


@pytest.fixture
def cases(world):  # noqa: F811
    """One case of each type: a letter, an online application, a disclosure request."""
    edu = world["agencies"]["edu"]
    box = Mailbox.objects.create(kind=MailboxKind.AGENCY, name="教育局信箱", slug="jyj", agency=edu, triage_agency=edu)
    MailboxCategory.objects.create(mailbox=box, category=Category.CONSULT, reply_days=5)
    letter, letter_code = interaction_actions.letter_submit(
        mailbox=box,
        category=Category.CONSULT,
        title="孩子入学咨询",
        content="请问2027年秋季小学入学需要准备哪些材料？",
        name="张三",
        phone="13812345678",
        email="",
        may_publish=True,
    )
    item = make_item(edu, code="430100-SJ-0009", name="民办学校办学许可")
    make_form(item)
    app, app_code = direct_submit(item)
    req, req_code = disclosure_actions.disclosure_request_submit(agency=edu, data=applicant())
    return {
        "letter": (letter.case.tracking_number, letter_code, "教育局信箱"),
        "application": (app.case.tracking_number, app_code, "民办学校办学许可"),
        "disclosure_request": (req.case.tracking_number, req_code, "示例市教育局"),
    }


TYPES = ["letter", "application", "disclosure_request"]
BLOCK = {
    "letter": "case-detail-letter",
    "application": "case-detail-application",
    "disclosure_request": "case-detail-disclosure_request",
}


@pytest.mark.parametrize("kind", TYPES)
def test_the_kernel_page_shows_each_case_types_detail_block(client, cases, kind):
    number, code, marker = cases[kind]
    r = client.post("/cases/", {"tracking_number": number, "query_code": code})
    assert r.status_code == 302 and code not in r["Location"]
    page = client.get(r["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert BLOCK[kind] in html and marker in html and number in html and code not in html
    # Another browser without the proof sees the form only.
    assert marker not in Client().get(r["Location"]).content.decode()


@pytest.mark.parametrize(
    ("kind", "old"),
    [("letter", "/hudong/chaxun/"), ("application", "/banshi/jindu/"), ("disclosure_request", "/zwgk/query/")],
)
def test_old_lookup_urls_redirect_to_the_kernel_page_and_still_answer_their_forms(client, cases, kind, old):
    number, code, marker = cases[kind]
    assert client.get(old).status_code == 301 and client.get(old)["Location"] == "/cases/"
    bookmarked = client.get(old, {"tracking_number": number})
    assert bookmarked.status_code == 301 and bookmarked["Location"] == f"/cases/?tracking_number={number}"
    posted = client.post(old, {"tracking_number": number, "query_code": code})
    assert posted.status_code == 302 and posted["Location"] == f"/cases/?tracking_number={number}"
    assert marker in client.get(posted["Location"]).content.decode()


@pytest.mark.parametrize("kind", TYPES)
def test_the_kernel_api_returns_each_types_detail(client, cases, kind):
    number, code, marker = cases[kind]
    body = client.get(f"/api/v1/cases/{number}", HTTP_X_QUERY_CODE=code).json()
    assert body["tracking_number"] == number and body["case_type"] == kind
    assert marker in str(body["detail"].values())
    posted = client.post(f"/api/v1/cases/{number}", {"query_code": code}, content_type="application/json")
    assert posted.status_code == 200 and posted.json()["detail"] == body["detail"]


@pytest.mark.parametrize(
    ("kind", "alias"),
    [
        ("letter", "/api/v1/letters/"),
        ("application", "/api/v1/applications/"),
        ("disclosure_request", "/api/v1/disclosure/requests/"),
    ],
)
def test_area_api_lookups_are_deprecated_aliases_answered_by_the_kernel(client, cases, kind, alias):
    number, code, _ = cases[kind]
    kernel = client.get(f"/api/v1/cases/{number}", HTTP_X_QUERY_CODE=code).json()
    old = client.get(f"{alias}{number}", HTTP_X_QUERY_CODE=code)
    assert old.status_code == 200
    for key, value in kernel["detail"].items():
        assert old.json()[key] == value
    assert old.json()["status"] == kernel["status"]
    # Another type's number is not found through an alias, with the same message as a wrong code.
    other = next(cases[k] for k in TYPES if k != kind)
    wrong_type = client.get(f"{alias}{other[0]}", HTTP_X_QUERY_CODE=other[1])
    assert wrong_type.status_code == 404 and wrong_type.json()["detail"] == WRONG
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert paths[f"{alias}{{tracking_number}}"]["get"]["deprecated"] is True
    assert paths[f"{alias}{{tracking_number}}"]["post"]["deprecated"] is True
    assert not paths["/api/v1/cases/{tracking_number}"]["get"].get("deprecated")


@pytest.mark.parametrize("kind", TYPES)
def test_a_wrong_code_gives_the_same_chinese_404_for_every_type(client, cases, kind):
    number, _, marker = cases[kind]
    page = client.post("/cases/", {"tracking_number": number, "query_code": "WRONG234"})
    assert page.status_code == 404 and WRONG in page.content.decode() and marker not in page.content.decode()
    api = client.get(f"/api/v1/cases/{number}", HTTP_X_QUERY_CODE="WRONG234")
    assert api.status_code == 404 and api.json()["detail"] == WRONG


def test_area_actions_check_the_kernels_proof(client, cases):
    number, code, _ = cases["application"]
    assert client.post(f"/banshi/jindu/{number}/chehui/").status_code == 404
    client.post("/cases/", {"tracking_number": number, "query_code": code})
    assert client.post(f"/banshi/jindu/{number}/chehui/").status_code == 302
    # The proof of one case is no proof of another.
    letter_number, _, _ = cases["letter"]
    rating = {"tracking_number": letter_number, "rating": "5", "resolved": "1"}
    assert client.post("/hudong/chaxun/", rating).status_code == 404


def test_every_registered_case_type_has_a_detail_block():
    from govportal.core.cases import lookup, workflow

    assert set(TYPES) <= set(lookup.registered_types())
    assert set(lookup.registered_types()) <= {ct.key for ct in workflow.registered()}


# --- numbering: one function ---------------------------------------------------------------


def test_every_number_comes_from_the_one_numbering_function(world, monkeypatch, make_staff):  # noqa: F811
    """Tracking numbers of every case type, decision letter numbers and approval numbers all
    come from `core.numbering.number_next`, each from its declared series."""
    from govportal.core import numbering
    from govportal.disclosure.choices import Outcome
    from govportal.servicehall import actions as hall_actions

    made: list[tuple[str, str]] = []
    real = numbering.number_next

    def spy(series, **kwargs):
        seq, number = real(series, **kwargs)
        made.append((series if isinstance(series, str) else series.key, number))
        return seq, number

    monkeypatch.setattr(numbering, "number_next", spy)
    edu = world["agencies"]["edu"]
    box = Mailbox.objects.create(kind=MailboxKind.AGENCY, name="教育局信箱", slug="jyj", agency=edu, triage_agency=edu)
    MailboxCategory.objects.create(mailbox=box, category=Category.CONSULT, reply_days=5)
    letter, _ = interaction_actions.letter_submit(
        mailbox=box,
        category=Category.CONSULT,
        title="咨询",
        content="请问入学需要什么材料？",
        name="张三",
        phone="13812345678",
        email="",
        may_publish=True,
    )
    item = make_item(edu, code="430100-SJ-0009", name="民办学校办学许可")
    make_form(item)
    app, _ = direct_submit(item)
    req, _ = disclosure_actions.disclosure_request_submit(agency=edu, data=applicant())
    clerk = make_staff(edu)
    disclosure_actions.disclosure_request_confirm_receipt(req=req, actor=clerk)
    disclosure_actions.disclosure_request_reply(req=req, actor=clerk, outcome=Outcome.DISCLOSED, reply_text="见附件。")
    result = hall_actions._result_number(app)
    req.refresh_from_db()
    numbers = dict(made)
    for number in (
        letter.case.tracking_number,
        app.case.tracking_number,
        req.case.tracking_number,
        req.letter_number,
        result,
    ):
        assert number in numbers.values(), number
    assert {"disclosure.letter", "servicehall.result"} <= set(numbers)
    assert {"disclosure.index", "disclosure.letter", "servicehall.result"} <= {
        s.key for s in numbering.registered_series()
    }


def test_a_new_counter_starts_after_the_numbers_handed_out_before(db):
    """Numbers given before the kernel counted them are not given again (``floor``)."""
    from govportal.core import numbering

    series = numbering.register_series(numbering.Series(key="test.floor", format="测〔{year}〕{seq}号"))
    assert numbering.number_next(series, scope=1, floor=lambda: 7)[1].endswith("8号")
    assert numbering.number_next(series, scope=1, floor=lambda: 7)[1].endswith("9号")
    assert numbering.number_next(series, scope=2)[1].endswith("1号")


# --- citizen input: one module ------------------------------------------------------------

BAD_ID = "110105194912310021"  # the GB 11643 example with a wrong check digit


def test_every_area_refuses_a_bad_id_check_digit_through_the_one_module(client, world, monkeypatch):  # noqa: F811
    """The disclosure request (page and API) and a service-hall form's ID field refuse a wrong
    check digit with the one module's Chinese message; and it is that module deciding: with
    its check replaced, both areas follow it."""
    from govportal.core import citizen_input
    from tests.servicehall.conftest import submit as hall_submit
    from tests.submission import captcha_headers, guard_fields

    edu = world["agencies"]["edu"]
    item = make_item(edu, code="430100-SJ-0009", name="民办学校办学许可")
    make_form(item)
    page = client.post(
        "/zwgk/apply/",
        {**applicant(id_number=BAD_ID), "agency": edu.pk, **guard_fields(client.get("/zwgk/apply/").content.decode())},
    )
    assert page.status_code == 400 and "请核对18位身份证号（含校验位）" in page.content.decode()
    api = client.post(
        "/api/v1/disclosure/requests",
        {**applicant(id_number=BAD_ID), "agency_code": edu.code},
        content_type="application/json",
        **captcha_headers(client),
    )
    assert api.status_code in (400, 422) and "请核对18位身份证号（含校验位）" in api.json()["detail"]
    hall = hall_submit(client, item, id_number=BAD_ID)
    assert (
        hall.status_code == 400 and "法定代表人身份证号不正确，请核对18位身份证号（含校验位）" in hall.content.decode()
    )

    monkeypatch.setattr(citizen_input, "is_valid_id_number", lambda value: True)
    hall = hall_submit(client, item, id_number=BAD_ID)
    assert hall.status_code == 200, hall.content.decode()[:500]


def test_disclosure_postcode_and_other_document_numbers_go_through_the_one_module(client, world):  # noqa: F811
    from tests.submission import guard_fields

    edu = world["agencies"]["edu"]
    for field, value, message in (
        ("postcode", "12345", "邮政编码应为6位数字"),
        ("id_number", "护照#1", "证件号码不正确"),
    ):
        data = {**applicant(id_type="passport" if field == "id_number" else applicant()["id_type"]), field: value}
        guard = guard_fields(client.get("/zwgk/apply/").content.decode())
        r = client.post("/zwgk/apply/", {**data, "agency": edu.pk, **guard})
        assert r.status_code == 400 and message in r.content.decode(), field


# --- case files: one base, one upload path ------------------------------------------------------


def test_every_areas_case_files_share_the_one_base_and_upload_path(world, monkeypatch, make_staff):  # noqa: F811
    """Letter attachments, disclosure reply files and application materials are `CaseFile`
    rows made by `case_file_attach` (check by content and size, then store)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from govportal.core.files import actions as file_actions
    from govportal.core.files.models import CaseFile, StoredFile
    from govportal.disclosure.choices import Outcome
    from govportal.disclosure.models import ReplyAttachment
    from govportal.interaction.models import LetterAttachment
    from govportal.servicehall.models import ApplicationFile
    from tests.servicehall.conftest import png_bytes

    models = (LetterAttachment, ReplyAttachment, ApplicationFile)
    for model in models:
        assert issubclass(model, CaseFile)
        stored = model._meta.get_field("stored")
        assert stored.one_to_one and stored.related_model is StoredFile
    stored_by = []
    real = file_actions.stored_file_create
    monkeypatch.setattr(file_actions, "stored_file_create", lambda **kw: stored_by.append(kw["kind"]) or real(**kw))
    edu = world["agencies"]["edu"]
    box = Mailbox.objects.create(kind=MailboxKind.AGENCY, name="教育局信箱", slug="jyj", agency=edu, triage_agency=edu)
    MailboxCategory.objects.create(mailbox=box, category=Category.CONSULT, reply_days=5)
    interaction_actions.letter_submit(
        mailbox=box,
        category=Category.CONSULT,
        title="咨询",
        content="请问入学需要什么材料？",
        name="张三",
        phone="13812345678",
        email="",
        may_publish=True,
        attachments=[SimpleUploadedFile("照片.png", png_bytes(), content_type="image/png")],
    )
    item = make_item(edu, code="430100-SJ-0009", name="民办学校办学许可")
    make_form(item)
    direct_submit(item)
    req, _ = disclosure_actions.disclosure_request_submit(agency=edu, data=applicant())
    clerk = make_staff(edu)
    disclosure_actions.disclosure_request_confirm_receipt(req=req, actor=clerk)
    disclosure_actions.disclosure_request_reply(
        req=req,
        actor=clerk,
        outcome=Outcome.DISCLOSED,
        reply_text="见附件。",
        attachments=[
            SimpleUploadedFile("答复.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        ],
    )
    assert len(stored_by) == 3 and len(set(stored_by)) == 3  # one per area, each its own kind
    for model in models:
        row = model.objects.select_related("stored").get()
        for column, attr in model.copied.items():
            assert getattr(row, column) == getattr(row.stored, attr)
        assert row.url == row.stored.url and row.display_name == row.stored.name
