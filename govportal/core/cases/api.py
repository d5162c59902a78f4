"""`GET /api/v1/cases/{tracking_number}?query_code=` — a citizen's view of one case.

Same answer (404, same message) for a wrong code and an unknown number; 429 when rate-limited.
"""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema

from govportal.core.cases.selectors import case_for_citizen, citizen_view
from govportal.core.cases.views import client_key

router = Router(tags=["办件查询"])


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


@router.get("/cases/{tracking_number}", response=CaseOut, summary="按办件编号和查询码查询办件")
def get_case(request, tracking_number: str, query_code: str = ""):
    view = citizen_view(
        case_for_citizen(tracking_number=tracking_number, query_code=query_code, client=client_key(request))
    )
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
