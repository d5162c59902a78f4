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

from ninja import Field, Router, Schema, Status

from govportal.core import citizen_input as ci
from govportal.core.antiabuse.guard import api_submit
from govportal.core.cases.api import QUERY_CODE_HELP, QueryCodeIn, query_code_of
from govportal.core.cases.lookup import case_for_api
from govportal.interaction import actions, selectors
from govportal.interaction.models import MailboxKind
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

    mailbox: Key = Field(description="信箱代码：取自 GET /api/v1/mailboxes 的 slug", examples=["sjxx"])
    category: Key = Field(description="来信类别代码：取自该信箱 categories 的 key", examples=["consult"])
    title: Title = Field(description="来信标题", examples=["咨询农村公路建设办理流程"])
    content: Content = Field(description="来信内容", examples=["请问村道硬化项目如何申报？"])
    name: Name = Field(description="来信人姓名（公开时隐去）", examples=["张三"])
    phone: Phone = Field(description="手机号码（收短信通知；公开时隐去）", examples=["13800138000"])
    email: Email = Field("", description="电子邮箱（可选）", examples=["zhangsan@example.com"])
    may_publish: bool = Field(False, description="是否同意公开来信及答复（个人信息隐去）", examples=[True])


class LetterCreated(Schema):
    tracking_number: str = Field(description="信件编号（查询办理进度用）", examples=["XJ20261204000045"])
    query_code: str = Field(description="查询码：只显示这一次，请妥善保存", examples=["7K3M9Q2X"])
    due_date: date | None = Field(description="答复期限；不计期限时为 null", examples=["2026-12-18"])
    due_explanation: str = Field(description="期限的计算说明", examples=["自受理之日起5个工作日内答复"])


class CategoryOut(Schema):
    key: str = Field(description="来信类别代码（写信时的 category）", examples=["consult"])
    label: str = Field(description="来信类别名称", examples=["咨询"])
    reply_days: int = Field(description="承诺答复时限（工作日）", examples=[5])


class MailboxOut(Schema):
    slug: str = Field(description="信箱代码（写信时的 mailbox）", examples=["sjxx"])
    name: str = Field(description="信箱名称", examples=["书记信箱"])
    kind: MailboxKind = Field(
        description="信箱类型：secretary 书记信箱、mayor 市长信箱、supervision 公众监督信箱、agency 部门/乡镇信箱、consultation 网上咨询、error_report 网站纠错",
        examples=["secretary"],
    )
    agency: str = Field(description="主办单位", examples=["示例市人民政府"])
    categories: list[CategoryOut] = Field(
        description="可选的来信类别", examples=[[{"key": "consult", "label": "咨询", "reply_days": 5}]]
    )


class EventOut(Schema):
    at: datetime = Field(description="时间（北京时间，ISO 8601）", examples=["2026-12-04T10:30:00+08:00"])
    label: str = Field(description="办理环节（公开的说明）", examples=["已受理"])


class LetterStatus(Schema):
    tracking_number: str = Field(description="信件编号", examples=["XJ20261204000045"])
    mailbox: str = Field(description="信箱名称", examples=["书记信箱"])
    title: str = Field(description="来信标题", examples=["咨询农村公路建设办理流程"])
    status: str = Field(description="当前状态", examples=["办理中"])
    is_open: bool = Field(description="是否仍在办理中", examples=[True])
    due_date: date | None = Field(description="答复期限；不计期限时为 null", examples=["2026-12-18"])
    due_explanation: str = Field(description="期限的计算说明", examples=["自受理之日起5个工作日内答复"])
    reply: str = Field(description="答复内容（答复后）", examples=[""])
    reply_agency: str = Field(description="答复单位（答复后）", examples=[""])
    replied_at: datetime | None = Field(description="答复时间；未答复时为 null", examples=[None])
    history: list[EventOut] = Field(
        description="办理过程（公开的环节）", examples=[[{"at": "2026-12-04T10:30:00+08:00", "label": "已受理"}]]
    )


class PublishedLetter(Schema):
    tracking_number: str = Field(description="信件编号", examples=["XJ20261120000031"])
    mailbox: str = Field(description="信箱名称", examples=["书记信箱"])
    category: str = Field(description="来信类别名称", examples=["咨询"])
    title: str = Field(description="来信标题", examples=["咨询农村公路建设办理流程"])
    content: str = Field(description="来信内容（个人信息已隐去）", examples=["请问村道硬化项目如何申报？"])
    received_at: datetime = Field(description="来信时间（北京时间，ISO 8601）", examples=["2026-11-20T09:12:00+08:00"])
    replied_at: datetime | None = Field(
        description="答复时间（北京时间，ISO 8601）", examples=["2026-11-24T15:40:00+08:00"]
    )
    reply_agency: str = Field(description="答复单位", examples=["示例市交通运输局"])
    reply: str = Field(description="答复内容", examples=["您好！村道硬化项目由村民委员会向乡镇人民政府申报……"])


class PublishedPage(Schema):
    count: int = Field(description="公开信件总数", examples=[25])
    page: int = Field(description="当前页码，从 1 开始", examples=[1])
    results: list[PublishedLetter] = Field(description="本页信件，按答复时间从新到旧", examples=[[]])


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
