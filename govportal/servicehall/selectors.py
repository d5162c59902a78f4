"""Reads whose answer depends on who asks, and the read models of the hall (guide
completeness, task clocks, statistics).

Public readers see published items only. Who sees which application, task or item is
decided in `access` (a clerk: their agency's; a supervisor: all, read-only); anything else
is a 404 (never 403).
A citizen sees an application by tracking number + query code (the kernel's rate-limited
check), or as its signed-in owner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from govportal.core import calendar
from govportal.core.cases import deadlines
from govportal.core.cases.models import OverdueLevel
from govportal.core.cases.selectors import case_for_citizen
from govportal.core.errors import NotFound
from govportal.servicehall import access, workflow
from govportal.servicehall.models import (
    Application,
    Decision,
    DepartmentTask,
    FormStatus,
    ServiceForm,
    ServiceItem,
)

# --- Items --------------------------------------------------------------------------------


def public_items() -> QuerySet[ServiceItem]:
    """Published items, each with ``online_now`` (the one definition: ``models.online_q``)."""
    return ServiceItem.objects.with_online().filter(is_published=True).select_related("agency")


def public_item(code: str) -> ServiceItem:
    item = (
        public_items()
        .prefetch_related("materials", "steps", "faqs", "downloads__document", "themes", "co_departments__agency")
        .filter(code=code)
        .first()
    )
    if item is None:
        raise NotFound("办事事项不存在或未公开")
    return item


def current_form(item: ServiceItem) -> ServiceForm | None:
    return ServiceForm.objects.filter(item=item, status=FormStatus.PUBLISHED).prefetch_related("fields").first()


@dataclass
class Identity:
    """The applicant's identity as the apply page asks it, once: name, ID number, phone."""

    name: str = ""
    id_number: str = ""
    phone: str = ""


def identity_of(user) -> Identity:
    """Prefill for a signed-in citizen: the account's name and mobile number, and the ID
    number of their latest application that has one. Nothing for anyone else."""
    if user is None or not user.is_authenticated:
        return Identity()
    last = (
        Application.objects.filter(applicant=user)
        .exclude(applicant_id_number="")
        .order_by("-updated_at")
        .values_list("applicant_id_number", flat=True)
        .first()
    )
    return Identity(name=user.get_full_name(), id_number=last or "", phone=user.phone or "")


def items_for_clerk(user) -> QuerySet[ServiceItem]:
    return access.items_visible(user, ServiceItem.objects.select_related("agency"))


# The guide's elements (STANDARDS §3), each with a test on the item. The national check's
# veto counts only the indicator's KEY elements (about ten: a guide "lacking key elements"),
# defined once here; the others are recommended and listed, but never counted.
def _has(attr):
    return lambda item: bool(getattr(item, attr))


KEY_ELEMENTS: list[tuple[str, object]] = [
    ("事项名称", _has("name")),
    ("设定依据", _has("legal_basis")),
    ("申请条件", _has("conditions")),
    ("申请材料", lambda i: bool(i.materials.all())),
    ("办理地点", _has("place")),
    ("办理时间", _has("office_hours")),
    ("咨询电话", _has("phone")),
    ("办理流程", lambda i: bool(i.steps.all())),
    ("法定/承诺时限", lambda i: i.statutory_limit is not None or i.promised_limit is not None),
    ("收费标准", _has("fees")),
]

RECOMMENDED_ELEMENTS: list[tuple[str, object]] = [
    ("办理机构", _has("office")),
    # 到现场 0 次 is only true of an item that can be handled online.
    ("到办事现场次数", lambda i: i.visits is not None and i.visits_consistent),
    ("常见问题", lambda i: bool(i.faqs.all())),
    ("咨询方式", _has("consultation")),
    ("监督投诉渠道", _has("complaint")),
    ("表格下载", lambda i: bool(i.downloads.all())),
]

GUIDE_ELEMENTS = KEY_ELEMENTS + RECOMMENDED_ELEMENTS


def missing_elements(item: ServiceItem) -> list[str]:
    """Every element the guide lacks, key and recommended."""
    return [label for label, test in GUIDE_ELEMENTS if not test(item)]


def missing_key_elements(item: ServiceItem) -> list[str]:
    """The key elements the guide lacks: what the national check counts."""
    return [label for label, test in KEY_ELEMENTS if not test(item)]


@dataclass
class Completeness:
    # items missing at least one element: (item, missing key elements, missing recommended ones)
    rows: list[tuple[ServiceItem, list[str], list[str]]]
    flagged: int  # items missing >= the veto threshold of KEY elements
    veto: bool
    veto_items: int
    veto_missing: int


def completeness(items: QuerySet[ServiceItem]) -> Completeness:
    veto_items = settings.GOVPORTAL_SERVICEHALL_VETO_ITEMS
    veto_missing = settings.GOVPORTAL_SERVICEHALL_VETO_MISSING_ELEMENTS
    rows = []
    for item in (
        items.with_online()
        .filter(is_published=True)
        .prefetch_related("materials", "steps", "faqs", "downloads", "forms")
    ):
        key = missing_key_elements(item)
        recommended = [label for label, test in RECOMMENDED_ELEMENTS if not test(item)]
        if key or recommended:
            rows.append((item, key, recommended))
    rows.sort(key=lambda r: (-len(r[1]), -len(r[2])))
    flagged = sum(1 for _, key, _rec in rows if len(key) >= veto_missing)
    return Completeness(rows, flagged, flagged >= veto_items, veto_items, veto_missing)


# --- Applications ------------------------------------------------------------------------------


def _applications() -> QuerySet[Application]:
    return Application.objects.select_related("case", "item__agency", "form", "applicant")


def applications_for_clerk(user) -> QuerySet[Application]:
    return access.applications_visible(user, _applications().filter(case__isnull=False))


def application_for_clerk(user, pk: int) -> Application:
    app = applications_for_clerk(user).filter(pk=pk).first()
    if app is None:
        raise NotFound("办件不存在")
    return app


def task_for_clerk(user, pk: int) -> DepartmentTask:
    qs = access.tasks_visible(user, DepartmentTask.objects.select_related("application__case", "agency"))
    task = qs.filter(pk=pk).first()
    if task is None:
        raise NotFound("办理环节不存在")
    return task


def pending_tasks_for_clerk(user) -> QuerySet[DepartmentTask]:
    """Undecided department tasks of the user's agency (the information office: all)."""
    qs = DepartmentTask.objects.filter(decision=Decision.PENDING).select_related(
        "application__case", "application__item"
    )
    return access.tasks_visible(user, qs)


def submitted_application(tracking_number: str) -> Application:
    """The application a submission just answered with (or a replay of it answers with)."""
    return _applications().get(case__tracking_number=tracking_number)


def application_for_citizen(*, tracking_number: str, query_code: str, client: str) -> Application:
    case = case_for_citizen(tracking_number=tracking_number, query_code=query_code, client=client)
    app = _applications().filter(case=case).first()
    if app is None:
        raise NotFound("办件编号或查询码不正确")
    return app


def application_for_owner(user, tracking_number: str) -> Application:
    app = None
    if user.is_authenticated:
        app = _applications().filter(applicant=user, case__tracking_number=tracking_number.strip().upper()).first()
    if app is None:
        raise NotFound("办件不存在")
    return app


def draft_by_key(key) -> Application:
    app = _applications().filter(draft_key=key, case__isnull=True).first()
    if app is None:
        raise NotFound("草稿不存在或已提交")
    return app


def applications_of(user) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    return _applications().filter(applicant=user).order_by("-created_at")


# --- Clocks -----------------------------------------------------------------------------------


@dataclass
class Step:
    agency: str
    role: str
    duty: str
    days: int
    due_date: date | None
    due_explanation: str
    decision: str
    decision_label: str
    opinion: str
    decided_at: object
    level: str  # overdue level value
    level_label: str


@dataclass
class Progress:
    application: Application
    status: str
    steps: list[Step] = field(default_factory=list)
    promised_due: date | None = None
    promised_explanation: str = ""
    statutory_due: date | None = None
    statutory_explanation: str = ""
    level: str = OverdueLevel.ON_TIME
    level_label: str = ""
    history: list = field(default_factory=list)


def _level(due: date | None, done: date | None, cal, today: date) -> OverdueLevel:
    ct = workflow.APPLICATION
    if due is None:
        return OverdueLevel.ON_TIME
    if done is not None:
        return OverdueLevel.ON_TIME if done <= due else OverdueLevel.YELLOW
    return deadlines.overdue_level(due, today, cal, warning_days=ct.warning_days, red_days=ct.red_days)


def progress(app: Application, *, public_only: bool = True) -> Progress:
    """Each department's step with its clock, and the whole case's promised and statutory
    limits with overdue levels."""
    case = app.case
    cal = calendar.current()
    today = timezone.localdate()
    events = list(case.events.order_by("created_at", "id"))
    views = [deadlines.EventView(e.type, deadlines.local_date(e.created_at), e.payload) for e in events]
    done = timezone.localtime(app.completed_at).date() if app.completed_at else None
    out = Progress(application=app, status=workflow.APPLICATION.states.get(case.state, case.state))
    promised = deadlines.compute(workflow.CASE_RULE, views, cal)
    out.promised_due, out.promised_explanation = promised.due, promised.explanation
    if app.item.statutory_limit:
        statutory = deadlines.compute(workflow.statutory_rule(app.item.statutory_limit), views, cal)
        out.statutory_due, out.statutory_explanation = statutory.due, statutory.explanation
    if case.state in (workflow.State.REFUSED, workflow.State.WITHDRAWN):
        level = OverdueLevel.ON_TIME
    else:
        level = _level(out.promised_due, done, cal, today)
    out.level, out.level_label = level.value, str(level.label)
    for task in app.tasks.select_related("agency").order_by("role", "pk"):
        task_done = timezone.localtime(task.decided_at).date() if task.decided_at else None
        lvl = _level(task.due_date, task_done, cal, today)
        out.steps.append(
            Step(
                agency=task.agency.name,
                role=task.get_role_display(),
                duty=task.duty,
                days=task.days,
                due_date=task.due_date,
                due_explanation=task.due_explanation,
                decision=task.decision,
                decision_label=task.get_decision_display(),
                opinion=task.opinion,
                decided_at=task.decided_at,
                level=lvl.value,
                level_label=str(lvl.label),
            )
        )
    out.history = [e for e in events if e.is_public or not public_only]
    return out
