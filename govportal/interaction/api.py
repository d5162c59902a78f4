"""API of 互动交流 under /api/v1/ (added to the NinjaAPI in govportal/api/urls.py).

- ``POST /letters`` (JSON): write a letter, under the one submission policy
  (`core.antiabuse`): a trusted client (12345 hotline, apps) sends
  ``Authorization: Bearer <token>`` from ``SUBMISSION_API_TOKENS`` and needs no CAPTCHA
  and no limit; any other caller sends ``X-Captcha-Key``/``X-Captcha-Answer`` and gets the
  per-client and per-phone limits (429 beyond them). ``Idempotency-Key`` makes a retry
  return the first answer. The request does only the inserts (case, event, letter, one
  outbox SMS, the idempotency record) in one transaction; the SMS is sent after commit.
- ``GET /letters/{tracking_number}`` with ``X-Query-Code`` (or ``POST`` with the code in
  the body; ``?query_code=`` is discouraged): the writer's view (rate-limited lookups).
  Deprecated: an alias of the kernel's one lookup ``/cases/{tracking_number}``.
- ``GET /mailboxes``; ``GET /letters/published?mailbox=``: public, masked.
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema, Status

from govportal.core import citizen_input as ci
from govportal.core.antiabuse.guard import api_submit
from govportal.core.cases.api import QUERY_CODE_HELP, QueryCodeIn, query_code_of
from govportal.core.cases.lookup import case_for_api
from govportal.interaction import actions, selectors
from govportal.interaction.workflow import KEY

router = Router(tags=["互动交流"])


Key = ci.api_key(64)
Title = ci.api_text("标题", 100)
Content = ci.api_text("内容", 5000, multiline=True)
Name = ci.api_name()
Phone = ci.api_phone()
Email = ci.api_email()


class LetterIn(Schema):
    """Checked with the shared citizen-input rules (`govportal.core.citizen_input`)."""

    mailbox: Key
    category: Key
    title: Title
    content: Content
    name: Name
    phone: Phone
    email: Email = ""
    may_publish: bool = False


class LetterCreated(Schema):
    tracking_number: str
    query_code: str
    due_date: date | None
    due_explanation: str


class CategoryOut(Schema):
    key: str
    label: str
    reply_days: int


class MailboxOut(Schema):
    slug: str
    name: str
    kind: str
    agency: str
    categories: list[CategoryOut]


class EventOut(Schema):
    at: datetime
    label: str


class LetterStatus(Schema):
    tracking_number: str
    mailbox: str
    title: str
    status: str
    is_open: bool
    due_date: date | None
    due_explanation: str
    reply: str
    reply_agency: str
    replied_at: datetime | None
    history: list[EventOut]


class PublishedLetter(Schema):
    tracking_number: str
    mailbox: str
    category: str
    title: str
    content: str
    received_at: datetime
    replied_at: datetime | None
    reply_agency: str
    reply: str


class PublishedPage(Schema):
    count: int
    page: int
    results: list[PublishedLetter]


@router.post("/letters", response={200: LetterCreated, 201: LetterCreated}, summary="写信（JSON）")
def create_letter(request, data: LetterIn):
    box = selectors.public_mailbox(data.mailbox)

    def run() -> tuple[int, dict]:
        letter, code = actions.letter_submit(
            mailbox=box,
            category=data.category,
            title=data.title,
            content=data.content,
            name=data.name,
            phone=data.phone,
            email=data.email,
            may_publish=data.may_publish,
            source="api",
        )
        return 201, {
            "tracking_number": letter.case.tracking_number,
            "query_code": code,
            "due_date": letter.case.due_date,
            "due_explanation": letter.case.due_explanation,
        }

    outcome = api_submit(request, run=run, phone=data.phone)
    return Status(outcome.status_code, outcome.body)


@router.get("/mailboxes", response=list[MailboxOut], summary="信箱列表")
def list_mailboxes(request):
    return [
        {
            "slug": b.slug,
            "name": b.name,
            "kind": b.kind,
            "agency": b.agency.name,
            "categories": [
                {"key": key, "label": str(label), "reply_days": b.reply_days(key)}
                for key, label in b.category_choices()
            ],
        }
        for b in selectors.public_mailboxes()
    ]


@router.get("/letters/published", response=PublishedPage, summary="公开的来信及答复（个人信息已隐去）")
def published(request, mailbox: str = "", q: str = "", page: int = 1):
    box = selectors.public_mailbox(mailbox) if mailbox else None
    qs = selectors.published_letters(mailbox=box, q=q[:50])
    page = max(1, min(page, 1000))
    rows = qs[(page - 1) * 20 : page * 20]
    return {"count": qs.count(), "page": page, "results": [selectors.public_letter(x).__dict__ for x in rows]}


def _writer(request, tracking_number: str, query_code: str) -> dict:
    """The deprecated alias of the kernel's ``/cases/{tracking_number}``: its answer, with the
    letter's detail spread over it (the shape mobile clients know)."""
    out = case_for_api(request, tracking_number, query_code, case_type=KEY)
    return {**out, **out.pop("detail")}


@router.get(
    "/letters/{tracking_number}",
    response=LetterStatus,
    summary="按信件编号和查询码查询信件（已弃用，请用 /cases/{tracking_number}）",
    description=QUERY_CODE_HELP,
    deprecated=True,
)
def letter_status(request, tracking_number: str, query_code: str = ""):
    return _writer(request, tracking_number, query_code_of(request, query_code))


@router.post(
    "/letters/{tracking_number}",
    response=LetterStatus,
    summary="按信件编号和查询码查询信件（查询码在请求体中；已弃用，请用 /cases/{tracking_number}）",
    deprecated=True,
)
def letter_status_post(request, tracking_number: str, data: QueryCodeIn):
    return _writer(request, tracking_number, data.query_code)
