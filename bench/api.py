"""`POST /bench-api/cases` — a create endpoint that exists only under `bench.settings`.

There is no generic case-creation API (each area brings its own form); this thin view calls
the real action, `case_create`, with what a citizen's submission would carry: a title, a
payload and one SMS notification through the outbox.
"""

from __future__ import annotations

from datetime import date

from ninja import NinjaAPI, Schema

from govportal.core.cases.actions import case_create
from govportal.core.cases.models import ActorKind

api = NinjaAPI(title="GovPortal bench", version="bench", urls_namespace="bench-api", docs_url=None)


class CaseIn(Schema):
    title: str
    phone: str
    body: str = ""


class CaseCreated(Schema):
    tracking_number: str
    query_code: str
    due_date: date | None


@api.post("/cases", response={201: CaseCreated})
def create_case(request, data: CaseIn):
    case, code = case_create(
        case_type="bench_request",
        actor=None,
        actor_kind=ActorKind.CITIZEN,
        title=data.title,
        payload={"body": data.body, "phone": data.phone},
        notify=[{"channel": "sms", "recipient": data.phone, "body": "您的申请已提交，办件编号 {tracking_number}"}],
    )
    return 201, {"tracking_number": case.tracking_number, "query_code": code, "due_date": case.due_date}
