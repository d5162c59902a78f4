"""API of 网上办事大厅 under /api/v1/ (added to the NinjaAPI in govportal/api/urls.py).

`GET /services`, `GET /services/{id}` (the whole guide and the current form),
`POST /applications` (multipart: the form's fields by key, files by key, plus
``item``, ``applicant_name``, ``applicant_id_number``, ``applicant_phone``; under the one submission policy of
`core.antiabuse`: CAPTCHA headers or a trusted token, limits, ``Idempotency-Key``),
`GET /applications/{tracking_number}` with ``X-Query-Code`` (or ``POST`` with the code in
the body; ``?query_code=`` is discouraged) — deprecated: an alias of the kernel's one lookup
``/cases/{tracking_number}``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.urls import reverse

from ninja import Path, Query, Router, Schema
from ninja.responses import Status

from govportal.core.antiabuse.guard import api_submit
from govportal.core.cases.api import QUERY_CODE_HELP, QueryCodeIn, query_code_of
from govportal.core.cases.lookup import case_for_api
from govportal.core.citizen_input import INT_MAX, parse_int
from govportal.core.errors import InvalidInput, NotFound
from govportal.servicehall import actions, selectors
from govportal.servicehall.forms import ApplicationForm
from govportal.servicehall.models import ServiceItem
from govportal.servicehall.workflow import APPLICATION

KEY = APPLICATION.key

router = Router(tags=["网上办事大厅"])


class ServiceSummary(Schema):
    id: int
    code: str
    name: str
    agency: str
    item_type: str
    audience: str
    online: bool
    promised_limit: int | None
    url: str


class MaterialOut(Schema):
    name: str
    form: str
    count: int
    required: bool


class FieldOut(Schema):
    key: str
    label: str
    kind: str
    required: bool
    help_text: str
    choices: list[str]
    file_types: list[str]
    max_size_mb: int


class FormOut(Schema):
    version: int
    intro: str
    fields: list[FieldOut]


class ServiceDetail(ServiceSummary):
    legal_basis: str
    conditions: str
    materials: list[MaterialOut]
    steps: list[str]
    place: str
    office: str
    fees: str
    fee_basis: str
    office_hours: str
    phone: str
    statutory_limit: int | None
    visits: int | None
    faqs: list[dict]
    consultation: str
    complaint: str
    downloads: list[dict]
    online_since: date | None
    online_url: str
    themes: list[str]
    form: FormOut | None


def _summary(item: ServiceItem) -> dict:
    return {
        "id": item.pk,
        "code": item.code,
        "name": item.name,
        "agency": item.agency.name,
        "item_type": item.get_item_type_display(),
        "audience": item.get_audience_display(),
        "online": item.is_online,
        "promised_limit": item.promised_limit,
        "url": reverse("servicehall:guide", args=[item.code]),
    }


@router.get("/services", response=list[ServiceSummary], summary="办事事项列表")
def list_services(
    request,
    agency: Annotated[int | None, Query(ge=1, le=INT_MAX, description="单位 ID")] = None,
    theme: Annotated[str, Query(max_length=64)] = "",
    audience: Annotated[str, Query(max_length=20)] = "",
):
    items = selectors.public_items()
    if agency:
        items = items.filter(agency_id=agency)
    if theme:
        items = items.filter(themes__slug=theme)
    if audience:
        items = items.filter(audience=audience)
    return [_summary(i) for i in items.distinct()[:500]]


@router.get("/services/{item_id}", response=ServiceDetail, summary="办事指南和当前申请表")
def get_service(request, item_id: Annotated[int, Path(ge=1, le=INT_MAX, description="事项 ID")]):
    item = selectors.public_items().filter(pk=item_id).first()
    if item is None:
        raise NotFound("办事事项不存在或未公开")
    item = selectors.public_item(item.code)
    form = selectors.current_form(item)
    return {
        **_summary(item),
        "legal_basis": item.legal_basis,
        "conditions": item.conditions,
        "materials": [
            {"name": m.name, "form": m.get_form_display(), "count": m.count, "required": m.required}
            for m in item.materials.all()
        ],
        "steps": [s.name for s in item.steps.all()],
        "place": item.place,
        "office": item.office,
        "fees": item.fees,
        "fee_basis": item.fee_basis,
        "office_hours": item.office_hours,
        "phone": item.phone,
        "statutory_limit": item.statutory_limit,
        "visits": item.visits,
        "faqs": [{"question": f.question, "answer": f.answer} for f in item.faqs.all()],
        "consultation": item.consultation,
        "complaint": item.complaint,
        "downloads": [{"title": d.title, "url": d.document.url} for d in item.downloads.all()],
        "online_since": item.online_since,
        "online_url": item.online_url,
        "themes": [t.name for t in item.themes.all()],
        "form": None
        if form is None
        else {
            "version": form.version,
            "intro": form.intro,
            "fields": [
                {
                    "key": f.key,
                    "label": f.label,
                    "kind": f.kind,
                    "required": f.required,
                    "help_text": f.help_text,
                    "choices": f.choice_list,
                    "file_types": [t.strip() for t in f.file_types.split(",") if t.strip()] if f.kind == "file" else [],
                    "max_size_mb": f.max_size_mb,
                }
                for f in form.fields.all()
            ],
        },
    }


class SubmittedOut(Schema):
    tracking_number: str
    query_code: str
    form_version: int
    due_date: date | None
    due_explanation: str


@router.post("/applications", response={201: SubmittedOut}, summary="提交网上申请（multipart/form-data）")
def submit_application(request):
    item_id = parse_int(request.POST.get("item", ""), minimum=1)
    item = selectors.public_items().filter(pk=item_id).first() if item_id else None
    if item is None:
        raise NotFound("办事事项不存在或未公开")
    service_form = selectors.current_form(item)
    if service_form is None:
        raise NotFound("该事项暂不支持网上申请")
    form = ApplicationForm(request.POST, request.FILES, service_form=service_form)
    if not form.is_valid():
        key, errors = next(iter(form.errors.items()))
        label = form.fields[key].label if key in form.fields else key
        raise InvalidInput(f"{label}：{errors[0]}", field=key)

    def run() -> tuple[int, dict]:
        app, code = actions.application_submit(
            item=item,
            actor=request.user,
            data=form.values(),
            uploads=form.uploads(),
            applicant_name=request.POST.get("applicant_name", ""),
            applicant_phone=request.POST.get("applicant_phone", ""),
            applicant_id_number=request.POST.get("applicant_id_number", ""),
        )
        return 201, {
            "tracking_number": app.case.tracking_number,
            "query_code": code,
            "form_version": app.form.version,
            "due_date": app.case.due_date,
            "due_explanation": app.case.due_explanation,
        }

    outcome = api_submit(request, run=run, phone=request.POST.get("applicant_phone", ""))
    return Status(outcome.status_code, outcome.body)


class StepOut(Schema):
    agency: str
    role: str
    duty: str
    days: int
    due_date: date | None
    decision: str
    opinion: str
    decided_at: datetime | None
    overdue_level: str


class ApplicationOut(Schema):
    tracking_number: str
    item: str
    status: str
    form_version: int
    promised_due_date: date | None
    promised_explanation: str
    statutory_due_date: date | None
    overdue_level: str
    steps: list[StepOut]
    history: list[dict]
    result_number: str
    reason: str


def _application_out(request, tracking_number: str, query_code: str) -> dict:
    """The deprecated alias of the kernel's ``/cases/{tracking_number}``: its answer, with the
    application's detail spread over it (the shape mobile clients know)."""
    out = case_for_api(request, tracking_number, query_code, case_type=KEY)
    out["history"] = [{"at": e["at"].isoformat(), "label": e["label"]} for e in out["history"]]
    return {**out, **out.pop("detail")}


@router.get(
    "/applications/{tracking_number}",
    response=ApplicationOut,
    summary="按办件编号和查询码查询申请（已弃用，请用 /cases/{tracking_number}）",
    description=QUERY_CODE_HELP,
    deprecated=True,
)
def get_application(request, tracking_number: str, query_code: str = ""):
    return _application_out(request, tracking_number, query_code_of(request, query_code))


@router.post(
    "/applications/{tracking_number}",
    response=ApplicationOut,
    summary="按办件编号和查询码查询申请（查询码在请求体中；已弃用，请用 /cases/{tracking_number}）",
    deprecated=True,
)
def post_application(request, tracking_number: str, data: QueryCodeIn):
    return _application_out(request, tracking_number, data.query_code)
