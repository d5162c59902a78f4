"""A citizen's view of one case:

- ``POST /api/v1/cases/{tracking_number}`` with ``{"query_code": "…"}`` in the body, or
- ``GET /api/v1/cases/{tracking_number}`` with the code in the ``X-Query-Code`` header.
  ``?query_code=`` still works but is discouraged: a code in a URL ends up in logs.

Same answer (404, same message) for a wrong code and an unknown number; 429 when rate-limited.
`query_code_of` is how every lookup endpoint of the API reads the code.

This is the one lookup of every case type: the common fields, and in ``detail`` what the
case type declares (`core.cases.lookup.register_detail`, from ``<area>/cases.py``). The
areas' older lookups (``/letters/{n}``, ``/applications/{n}``, ``/disclosure/requests/{n}``)
are deprecated aliases answered by the same `lookup.case_for_api`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Router, Schema

from govportal.core.cases.lookup import case_for_api

router = Router(tags=["办件查询"])

QUERY_CODE_HELP = (
    "查询码请放在请求头 X-Query-Code 中（或用 POST 放在请求体中）；"
    "查询参数 query_code 仍可使用但不推荐：查询码会留在日志和浏览记录中。"
)


def query_code_of(request, param: str = "") -> str:
    """The query code from the ``X-Query-Code`` header, else the (discouraged) parameter."""
    return request.headers.get("X-Query-Code", "").strip() or (param or "").strip()


class QueryCodeIn(Schema):
    query_code: str = Field(description="查询码（提交时得到的 8 位字母数字）", examples=["7K3M9Q2X"])


class EventOut(Schema):
    at: datetime = Field(description="时间（北京时间，ISO 8601）", examples=["2026-12-04T10:30:00+08:00"])
    label: str = Field(description="办理环节（公开的说明）", examples=["已受理"])


DETAIL_HELP = (
    "办件类型自己的详情：政府信息公开申请（disclosure_request）为受理机关、办理结果、答复告知书链接等；"
    "网上办事申请（application）为事项、各部门办理情况、承诺时限等；来信（letter）为信箱、答复内容等。"
)


class CaseOut(Schema):
    tracking_number: str = Field(description="办件编号", examples=["XJ20261204000045"])
    case_type: str = Field(
        ..., description="办件类型代码：disclosure_request、application、letter 等", examples=["letter"]
    )
    type: str = Field(description="办件类型名称", examples=["来信"])
    title: str = Field(description="标题或事项名称", examples=["咨询农村公路建设办理流程"])
    status: str = Field(description="当前状态", examples=["办理中"])
    is_open: bool = Field(description="是否仍在办理中", examples=[True])
    due_date: date | None = Field(description="办理期限；不计期限时为 null", examples=["2026-12-18"])
    due_explanation: str = Field(description="期限的计算说明", examples=["自受理之日起5个工作日内答复"])
    history: list[EventOut] = Field(
        description="办理过程（公开的环节）", examples=[[{"at": "2026-12-04T10:30:00+08:00", "label": "已受理"}]]
    )
    detail: dict[str, Any] | None = Field(
        None, description=DETAIL_HELP, examples=[{"mailbox": "书记信箱", "reply": ""}]
    )


def _case(request, tracking_number: str, code: str) -> dict:
    return case_for_api(request, tracking_number, code)


@router.get(
    "/cases/{tracking_number}", response=CaseOut, summary="按办件编号和查询码查询办件", description=QUERY_CODE_HELP
)
def get_case(request, tracking_number: str, query_code: str = ""):
    return _case(request, tracking_number, query_code_of(request, query_code))


@router.post("/cases/{tracking_number}", response=CaseOut, summary="按办件编号和查询码查询办件（查询码在请求体中）")
def post_case(request, tracking_number: str, data: QueryCodeIn):
    return _case(request, tracking_number, data.query_code)
