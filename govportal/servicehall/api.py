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

from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from govportal.core.antiabuse.guard import api_submit
from govportal.core.cases.api import QUERY_CODE_HELP, QueryCodeIn, query_code_of
from govportal.core.cases.lookup import case_for_api
from govportal.core.citizen_input import INT_MAX, parse_int
from govportal.core.errors import InvalidInput, NotFound
from govportal.servicehall import actions, selectors
from govportal.servicehall.forms import ApplicationForm
from govportal.servicehall.models import FieldKind, ServiceItem
from govportal.servicehall.workflow import APPLICATION

KEY = APPLICATION.key

router = Router(tags=["网上办事大厅"])


class ServiceSummary(Schema):
    id: int = Field(description="事项 ID（GET /api/v1/services/{item_id}；网上申请时的 item）", examples=[7])
    code: str = Field(description="事项编码", examples=["JYJ-XK-001"])
    name: str = Field(description="事项名称", examples=["教师资格认定"])
    agency: str = Field(description="实施单位", examples=["示例市教育局"])
    item_type: str = Field(description="事项类型（名称）", examples=["行政许可"])
    audience: str = Field(description="服务对象（名称）", examples=["个人"])
    online: bool = Field(description="是否可网上申请", examples=[True])
    promised_limit: int | None = Field(description="承诺办结时限（工作日）；无承诺时为 null", examples=[10])
    url: str = Field(description="办事指南网页地址", examples=["/banshi/shixiang/JYJ-XK-001/"])


class MaterialOut(Schema):
    name: str = Field(description="材料名称", examples=["居民身份证"])
    form: str = Field(description="材料形式", examples=["原件"])
    count: int = Field(description="份数", examples=[1])
    required: bool = Field(description="是否必须提交", examples=[True])


class FieldOut(Schema):
    key: str = Field(description="字段名：网上申请时表单字段的名称", examples=["school"])
    label: str = Field(description="字段标题", examples=["任教学校"])
    kind: FieldKind = Field(
        description="字段类型：text 文本、number 数字、date 日期、choice 单选、id_number 身份证号、phone 手机号码、address 地址、file 附件",
        examples=["text"],
    )
    required: bool = Field(description="是否必填", examples=[True])
    help_text: str = Field(description="填写说明", examples=["填写学校全称"])
    choices: list[str] = Field(description="单选字段的选项；其他类型为空", examples=[[]])
    file_types: list[str] = Field(description="附件字段允许的文件类型；其他类型为空", examples=[[]])
    max_size_mb: int = Field(description="附件字段的大小上限（MB）", examples=[10])


class FormOut(Schema):
    version: int = Field(description="申请表版本号（提交后记在办件上）", examples=[2])
    intro: str = Field(description="申请表说明", examples=["请如实填写，带 * 的为必填项。"])
    fields: list[FieldOut] = Field(
        description="申请表字段，按顺序",
        examples=[
            [
                {
                    "key": "school",
                    "label": "任教学校",
                    "kind": "text",
                    "required": True,
                    "help_text": "",
                    "choices": [],
                    "file_types": [],
                    "max_size_mb": 10,
                }
            ]
        ],
    )


class ServiceDetail(ServiceSummary):
    legal_basis: str = Field(description="设定依据", examples=["《中华人民共和国教师法》"])
    conditions: str = Field(description="受理条件", examples=["具有中华人民共和国国籍……"])
    materials: list[MaterialOut] = Field(
        description="申请材料", examples=[[{"name": "居民身份证", "form": "原件", "count": 1, "required": True}]]
    )
    steps: list[str] = Field(description="办理流程（环节名称，按顺序）", examples=[["受理", "审查", "决定", "送达"]])
    place: str = Field(description="办理地点", examples=["示例市政务服务中心二楼教育局窗口"])
    office: str = Field(description="办理机构", examples=["示例市教育局教师工作科"])
    fees: str = Field(description="收费标准", examples=["不收费"])
    fee_basis: str = Field(description="收费依据", examples=[""])
    office_hours: str = Field(description="办理时间", examples=["工作日 9:00-12:00，13:30-17:00"])
    phone: str = Field(description="咨询电话", examples=["0731-12345678"])
    statutory_limit: int | None = Field(description="法定办结时限（工作日）；无规定时为 null", examples=[20])
    visits: int | None = Field(description="到办事现场次数；无规定时为 null", examples=[0])
    faqs: list[dict] = Field(
        description="常见问题：question 问题，answer 解答",
        examples=[[{"question": "可以委托他人办理吗？", "answer": "可以，需提交委托书。"}]],
    )
    consultation: str = Field(description="咨询方式", examples=["电话咨询 0731-12345678"])
    complaint: str = Field(description="监督投诉方式", examples=["12345 政务服务便民热线"])
    downloads: list[dict] = Field(
        description="表格下载：title 名称，url 地址",
        examples=[[{"title": "申请表.docx", "url": "/documents/12/shenqingbiao.docx"}]],
    )
    online_since: date | None = Field(description="网上办理开通日期；未开通时为 null", examples=["2026-01-01"])
    online_url: str = Field(description="在其他系统办理时的地址；在本平台办理时为空", examples=[""])
    themes: list[str] = Field(description="所属主题和人生事件", examples=[["教育", "就业"]])
    form: FormOut | None = Field(description="当前的网上申请表；不能网上申请时为 null", examples=[None])


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
    tracking_number: str = Field(description="办件编号（查询办理进度用）", examples=["SQ20261204000067"])
    query_code: str = Field(description="查询码：只显示这一次，请妥善保存", examples=["7K3M9Q2X"])
    form_version: int = Field(description="所用申请表的版本号", examples=[2])
    due_date: date | None = Field(description="承诺办结日期；不计期限时为 null", examples=["2026-12-18"])
    due_explanation: str = Field(description="期限的计算说明", examples=["自受理之日起10个工作日内办结"])


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
    agency: str = Field(description="办理单位", examples=["示例市教育局"])
    role: str = Field(description="主办或协办", examples=["主办"])
    duty: str = Field(description="本环节职责", examples=["审查申请材料"])
    days: int = Field(description="本环节时限（工作日）", examples=[5])
    due_date: date | None = Field(description="本环节期限；不计期限时为 null", examples=["2026-12-18"])
    decision: str = Field(description="本环节意见（办理后）", examples=["同意"])
    opinion: str = Field(description="意见说明", examples=[""])
    decided_at: datetime | None = Field(description="办理时间；未办理时为 null", examples=[None])
    overdue_level: str = Field(description="超期提醒等级：空为未超期，yellow 黄牌，red 红牌", examples=[""])


class ApplicationOut(Schema):
    tracking_number: str = Field(description="办件编号", examples=["SQ20261204000067"])
    item: str = Field(description="事项名称", examples=["教师资格认定"])
    status: str = Field(description="当前状态", examples=["审查中"])
    form_version: int = Field(description="所用申请表的版本号", examples=[2])
    promised_due_date: date | None = Field(description="承诺办结日期；不计期限时为 null", examples=["2026-12-18"])
    promised_explanation: str = Field(description="承诺期限的计算说明", examples=["自受理之日起10个工作日内办结"])
    statutory_due_date: date | None = Field(description="法定办结日期；无规定时为 null", examples=["2027-01-04"])
    overdue_level: str = Field(description="超期提醒等级：空为未超期，yellow 黄牌，red 红牌", examples=[""])
    steps: list[StepOut] = Field(description="办理环节", examples=[[]])
    history: list[dict] = Field(
        description="办理过程：at 时间，label 环节", examples=[[{"at": "2026-12-04T10:30:00+08:00", "label": "已受理"}]]
    )
    result_number: str = Field(description="结果文书编号（办结后）", examples=[""])
    reason: str = Field(description="不予受理、不予许可或退回的理由", examples=[""])


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
