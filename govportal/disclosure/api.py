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

from ninja import Router, Schema, Status

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

    agency_code: ci.api_key(20)
    applicant_type: ApplicantType
    name: ci.api_name("姓名或名称", ci.ORG_NAME_MAX)
    contact_person: ci.api_name("联系人", required=False) = ""
    id_type: IdType
    id_number: ci.api_text("证件号码", ci.ID_NUMBER_MAX)
    phone: ci.api_phone()
    email: ci.api_email() = ""
    address: ci.api_text("通信地址", 200, required=False) = ""
    postcode: ci.api_key(6) = ""
    description: ci.api_text("所需政府信息的描述", 2000, multiline=True, min_length=5)
    purpose: ci.api_text("用途", 200, required=False) = ""
    delivery_form: DeliveryForm
    delivery_channel: DeliveryChannel


class RequestCreated(Schema):
    tracking_number: str
    query_code: str
    status: str
    status_url: str


class EventOut(Schema):
    at: datetime
    label: str


class NoticeOut(Schema):
    kind: str
    number: str
    issued_on: date
    url: str


class RequestOut(Schema):
    tracking_number: str
    agency: str
    title: str
    status: str
    is_open: bool
    received_on: date | None
    due_date: date | None
    due_explanation: str
    outcome: str
    sub_reason: str
    replied_on: date | None
    letter_url: str
    linked_letter: str
    notices: list[NoticeOut] = []
    history: list[EventOut]


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
