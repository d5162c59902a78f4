"""A citizen's view of one case:

- ``POST /api/v1/cases/{tracking_number}`` with ``{"query_code": "…"}`` in the body, or
- ``GET /api/v1/cases/{tracking_number}`` with the code in the ``X-Query-Code`` header.
  ``?query_code=`` still works but is discouraged: a code in a URL ends up in logs.

Same answer (404, same message) for a wrong code and an unknown number; 429 when rate-limited.
`query_code_of` is how every lookup endpoint of the API reads the code.
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema

from govportal.core.antiabuse.guard import client_key
from govportal.core.cases.selectors import case_for_citizen, citizen_view

router = Router(tags=["办件查询"])

QUERY_CODE_HELP = (
    "查询码请放在请求头 X-Query-Code 中（或用 POST 放在请求体中）；"
    "查询参数 query_code 仍可使用但不推荐：查询码会留在日志和浏览记录中。"
)


def query_code_of(request, param: str = "") -> str:
    """The query code from the ``X-Query-Code`` header, else the (discouraged) parameter."""
    return request.headers.get("X-Query-Code", "").strip() or (param or "").strip()


class QueryCodeIn(Schema):
    query_code: str


class EventOut(Schema):
    at: datetime
    label: str


class CaseOut(Schema):
    tracking_number: str
    type: str
    title: str
    status: str
    is_open: bool
    due_date: date | None
    due_explanation: str
    history: list[EventOut]


def _case(request, tracking_number: str, code: str) -> dict:
    view = citizen_view(case_for_citizen(tracking_number=tracking_number, query_code=code, client=client_key(request)))
    return {
        "tracking_number": view.tracking_number,
        "type": view.type_name,
        "title": view.title,
        "status": view.status,
        "is_open": view.is_open,
        "due_date": view.due_date,
        "due_explanation": view.due_explanation,
        "history": [{"at": e.at, "label": e.label} for e in view.history],
    }


@router.get(
    "/cases/{tracking_number}", response=CaseOut, summary="按办件编号和查询码查询办件", description=QUERY_CODE_HELP
)
def get_case(request, tracking_number: str, query_code: str = ""):
    return _case(request, tracking_number, query_code_of(request, query_code))


@router.post("/cases/{tracking_number}", response=CaseOut, summary="按办件编号和查询码查询办件（查询码在请求体中）")
def post_case(request, tracking_number: str, data: QueryCodeIn):
    return _case(request, tracking_number, data.query_code)
