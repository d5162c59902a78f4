"""API of 政府信息公开 under /api/v1/ (added to the NinjaAPI in govportal/api/urls.py).

- ``POST /disclosure/requests`` — submit a request online; 201 with the tracking number and
  the query code (shown once). Under the one submission policy (`core.antiabuse`): CAPTCHA
  headers or a trusted token, limits, ``Idempotency-Key``.
- ``GET /disclosure/requests/{tracking_number}`` with ``X-Query-Code`` (or ``POST`` with the
  code in the body; ``?query_code=`` is discouraged) — status, public history, due date
  with its explanation, outcome and the decision letter's address once replied (fetch it
  with the same ``X-Query-Code`` header). Deprecated: an alias of the kernel's one lookup
  ``/cases/{tracking_number}`` (whose ``detail`` holds the request's own fields).
"""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse

from ninja import Field, Router, Schema, Status

from govportal.core import citizen_input as ci
from govportal.core.antiabuse.guard import api_submit
from govportal.core.cases.api import QUERY_CODE_HELP, QueryCodeIn, query_code_of
from govportal.core.cases.lookup import case_for_api
from govportal.core.errors import InvalidInput
from govportal.disclosure import actions, selectors, workflow
from govportal.disclosure.choices import (
    ApplicantType,
    DeliveryChannel,
    DeliveryForm,
    IdType,
)

router = Router(tags=["政府信息公开"])


class RequestIn(Schema):
    """Checked with the shared citizen-input rules (`govportal.core.citizen_input`); the ID
    number's check digit when ``id_type`` is the resident ID card (in the action)."""

    agency_code: ci.api_key(20) = Field(
        description="受理机关的机构代码：取自 GET /api/v1/disclosure/agencies 的 code", examples=["SLS-JYJ"]
    )
    applicant_type: ApplicantType = Field(description="申请人类型", examples=["person"])
    name: ci.api_name("姓名或名称", ci.ORG_NAME_MAX) = Field(
        description="申请人姓名（自然人）或名称（法人或其他组织）", examples=["张三"]
    )
    contact_person: ci.api_name("联系人", required=False) = Field(
        "", description="联系人（法人或其他组织申请时填写）", examples=[""]
    )
    id_type: IdType = Field(description="证件类型", examples=["id_card"])
    id_number: ci.api_text("证件号码", ci.ID_NUMBER_MAX) = Field(
        description="证件号码（公开时隐去）", examples=["430102199001011234"]
    )
    phone: ci.api_phone() = Field(description="联系电话（手机号码可收短信通知）", examples=["13800138000"])
    email: ci.api_email() = Field("", description="电子邮箱（可选）", examples=["zhangsan@example.com"])
    address: ci.api_text("通信地址", 200, required=False) = Field(
        "", description="通信地址（邮寄答复时必填）", examples=["示例市人民路1号"]
    )
    postcode: ci.api_key(6) = Field("", description="邮政编码（6 位数字）", examples=["410000"])
    description: ci.api_text("所需政府信息的描述", 2000, multiline=True, min_length=5) = Field(
        description="所需政府信息的名称、文号或便于查询的其他特征性描述", examples=["2025年示例市老旧小区改造项目清单"]
    )
    purpose: ci.api_text("用途", 200, required=False) = Field(
        "", description="用途（可选）", examples=["了解本小区改造安排"]
    )
    delivery_form: DeliveryForm = Field(description="获取信息的载体形式", examples=["electronic"])
    delivery_channel: DeliveryChannel = Field(description="获取信息的方式", examples=["online"])


class RequestCreated(Schema):
    tracking_number: str = Field(description="办件编号（查询办理进度用）", examples=["YSQ20261204000123"])
    query_code: str = Field(
        description="查询码：只显示这一次，请妥善保存；与办件编号一起查询进度", examples=["7K3M9Q2X"]
    )
    status: str = Field(description="当前状态", examples=["待确认收到"])
    status_url: str = Field(description="网页查询地址", examples=["/cases/"])


class EventOut(Schema):
    at: datetime = Field(description="时间（北京时间，ISO 8601）", examples=["2026-12-04T10:30:00+08:00"])
    label: str = Field(description="办理环节（公开的说明）", examples=["已受理"])


class NoticeOut(Schema):
    kind: str = Field(description="告知书类型", examples=["补正告知书"])
    number: str = Field(description="告知书文号", examples=["示教依申请〔2026〕补正3号"])
    issued_on: date = Field(description="出具日期", examples=["2026-12-08"])
    url: str = Field(description="告知书 PDF 地址（以同一查询码请求头获取）", examples=["/zwgk/query/notice/3.pdf"])


class RequestOut(Schema):
    tracking_number: str = Field(description="办件编号", examples=["YSQ20261204000123"])
    agency: str = Field(description="受理机关", examples=["示例市教育局"])
    title: str = Field(description="申请内容摘要", examples=["2025年示例市老旧小区改造项目清单"])
    status: str = Field(description="当前状态", examples=["办理中"])
    is_open: bool = Field(description="是否仍在办理中", examples=[True])
    received_on: date | None = Field(description="收到申请日期", examples=["2026-12-18"])
    due_date: date | None = Field(description="答复期限（法定期限，含延期）", examples=["2026-12-18"])
    due_explanation: str = Field(description="期限的计算说明", examples=["自收到申请之日起20个工作日内答复"])
    outcome: str = Field(description="答复结果（办结后）", examples=[""])
    sub_reason: str = Field(description="答复结果的具体理由（办结后）", examples=[""])
    replied_on: date | None = Field(description="答复日期；未答复时为 null", examples=[None])
    letter_url: str = Field(description="答复书 PDF 地址（答复后；以同一查询码请求头获取）", examples=[""])
    linked_letter: str = Field(description="关联的来信编号（由信箱转来时）", examples=[""])
    notices: list[NoticeOut] = Field([], description="发给申请人的告知书（补正、延期、收费等）")
    history: list[EventOut] = Field(
        description="办理过程（公开的环节）", examples=[[{"at": "2026-12-04T10:30:00+08:00", "label": "已受理"}]]
    )


class RequestAgencyOut(Schema):
    code: str = Field(description="机构代码：提交申请时的 agency_code", examples=["SLS-JYJ"])
    name: str = Field(description="受理机关全称", examples=["示例市教育局"])
    address: str = Field(description="受理地址（当面或邮寄提交申请）", examples=["示例市人民路1号"])
    postcode: str = Field(description="邮政编码", examples=["410000"])
    phone: str = Field(description="咨询电话", examples=["0731-12345678"])
    office_hours: str = Field(description="受理时间", examples=["工作日 9:00-12:00，13:30-17:00"])


@router.get(
    "/disclosure/agencies",
    response=list[RequestAgencyOut],
    summary="受理政府信息公开申请的单位（申请时的 agency_code）",
)
def list_request_agencies(request):
    agencies = selectors.request_agencies().order_by("sort_order", "pk")
    return [
        {
            "code": a.code,
            "name": a.name,
            "address": a.address,
            "postcode": a.postcode,
            "phone": a.phone,
            "office_hours": a.office_hours,
        }
        for a in agencies
    ]


@router.post("/disclosure/requests", response={201: RequestCreated}, summary="提交政府信息公开申请")
def create_request(request, data: RequestIn):
    agency = selectors.request_agencies().filter(code=data.agency_code).first()
    if agency is None:
        raise InvalidInput("受理机关不存在", field="agency_code")
    payload = data.dict()
    payload.pop("agency_code")
    payload = {k: (v.value if hasattr(v, "value") else v) for k, v in payload.items()}

    def run() -> tuple[int, dict]:
        req, code = actions.disclosure_request_submit(agency=agency, data=payload)
        return 201, {
            "tracking_number": req.case.tracking_number,
            "query_code": code,
            "status": "待确认收到",
            "status_url": reverse("cases:lookup"),
        }

    outcome = api_submit(request, run=run, phone=data.phone)
    return Status(outcome.status_code, outcome.body)


def _request_out(request, tracking_number: str, query_code: str) -> dict:
    """The deprecated alias of the kernel's ``/cases/{tracking_number}``: its answer, with the
    request's detail spread over it (the shape mobile clients know)."""
    out = case_for_api(request, tracking_number, query_code, case_type=workflow.KEY)
    return {**out, **out.pop("detail")}


@router.get(
    "/disclosure/requests/{tracking_number}",
    response=RequestOut,
    summary="查询政府信息公开申请（已弃用，请用 /cases/{tracking_number}）",
    description=QUERY_CODE_HELP,
    deprecated=True,
)
def get_request(request, tracking_number: str, query_code: str = ""):
    return _request_out(request, tracking_number, query_code_of(request, query_code))


@router.post(
    "/disclosure/requests/{tracking_number}",
    response=RequestOut,
    summary="查询政府信息公开申请（查询码在请求体中；已弃用，请用 /cases/{tracking_number}）",
    deprecated=True,
)
def post_request(request, tracking_number: str, data: QueryCodeIn):
    return _request_out(request, tracking_number, data.query_code)
