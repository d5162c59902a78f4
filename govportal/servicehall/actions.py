"""Every write of the service hall. Keyword-only, with an explicit actor; state changes of an
application go through the kernel (`case_transition`, `case_add_event`), notifications
through the outbox in the same transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from govportal.core import calendar, citizen_input, numbering
from govportal.core.cases import deadlines, ratings, rectification
from govportal.core.cases.actions import case_add_event, case_create, case_transition
from govportal.core.cases.models import ActorKind, Case
from govportal.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from govportal.core.files.actions import case_file_attach, stored_file_delete
from govportal.core.files.models import StoredFile
from govportal.servicehall import access, workflow
from govportal.servicehall.files import FILE_KIND
from govportal.servicehall.models import (
    Application,
    ApplicationFile,
    Decision,
    DepartmentTask,
    FieldKind,
    FormField,
    FormStatus,
    MaterialForm,
    Rating,
    ServiceForm,
    ServiceItem,
    TaskRole,
)
from govportal.servicehall.workflow import State

# --- Forms -----------------------------------------------------------------------------------


@transaction.atomic
def citizen_sign_up(*, phone: str, name: str, password: str):
    """公众注册 — a citizen account whose login name is the mobile number. The form checks
    the number is free; the unique username settles two sign-ups racing for it (409)."""
    from django.contrib.auth import get_user_model, password_validation
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError

    phone = citizen_input.clean_phone(phone, label="手机号码", mobile_only=True)
    User = get_user_model()
    try:
        password_validation.validate_password(password, User(username=phone, last_name=name))
    except ValidationError as exc:
        raise InvalidInput("；".join(exc.messages), field="password") from exc
    try:
        with transaction.atomic():
            return User.objects.create_user(username=phone, password=password, last_name=name, phone=phone)
    except IntegrityError as exc:
        raise Conflict("该手机号码已注册，请直接登录", field="phone") from exc


# The applicant's identity (name, ID number, phone) is asked once, by the apply page itself
# (`Application.applicant_*`); a form version asks only what its item needs.
IDENTITY_LABELS = {"申请人姓名", "姓名", "身份证号", "身份证号码", "联系电话", "手机号码", "联系人手机"}


def material_upload_fields(item: ServiceItem, *, start: int = 0) -> list[FormField]:
    """The item's materials list drives the uploads: one upload per electronic material
    (电子件), labelled with the material's name, required when the material is."""
    out = []
    for n, material in enumerate(item.materials.all(), 1):
        if material.form != MaterialForm.ELECTRONIC:
            continue
        out.append(
            FormField(
                key=f"material_{n}",
                label=material.name,
                kind=FieldKind.FILE,
                required=material.required,
                file_types="pdf,jpg,png",
                max_size_mb=5,
                help_text=material.note or "PDF、JPG 或 PNG，不超过 5 MB",
                sort_order=start + n,
            )
        )
    return out


def _check_form_matches_item(form: ServiceForm) -> None:
    fields = list(form.fields.all())
    uploads = {f.label for f in fields if f.kind == FieldKind.FILE}
    for material in form.item.materials.all():
        if material.form == MaterialForm.ELECTRONIC and material.required and material.name not in uploads:
            raise InvalidInput(f"申请表缺少必需电子材料“{material.name}”的上传项（附件类型，名称与材料名称一致）")
    for f in fields:
        if f.label in IDENTITY_LABELS:
            raise InvalidInput(f"“{f.label}”是申请人身份信息，申请页面统一填写一次，请从申请表中删除该项")


@transaction.atomic
def form_publish(*, form: ServiceForm, actor) -> ServiceForm:
    """Publish a draft version; the item's previously published version is retired. From now
    on the version is immutable (applications point at it). The version must ask for every
    required electronic material of the item and must not ask the applicant's identity
    again. The item's 网上办理开通日期 is set by its first published form."""
    form = ServiceForm.objects.select_for_update().get(pk=form.pk)
    if form.status != FormStatus.DRAFT:
        raise Conflict("只有草稿版本可以发布")
    if not form.fields.exists():
        raise InvalidInput("申请表至少需要一个表单项")
    _check_form_matches_item(form)
    ServiceForm.objects.filter(item=form.item, status=FormStatus.PUBLISHED).update(status=FormStatus.RETIRED)
    form.status = FormStatus.PUBLISHED
    form.published_at = timezone.now()
    form.save(update_fields=["status", "published_at"])
    if form.item.online_since is None:
        ServiceItem.objects.filter(pk=form.item_id).update(online_since=timezone.localdate())
    return form


@transaction.atomic
def form_new_version(*, item: ServiceItem, actor) -> ServiceForm:
    """A new draft version, copied from the latest one; the first starts with one upload per
    electronic material of the item (`material_upload_fields`)."""
    if ServiceForm.objects.filter(item=item, status=FormStatus.DRAFT).exists():
        raise Conflict("该事项已有未发布的草稿版本")
    latest = ServiceForm.objects.filter(item=item).order_by("-version").first()
    form = ServiceForm(item=item, version=(latest.version + 1) if latest else 1, intro=latest.intro if latest else "")
    if latest is None:
        form.fields = material_upload_fields(item)
    else:
        form.fields = [
            FormField(
                **{
                    f.name: getattr(latest_field, f.name)
                    for f in FormField._meta.fields
                    if f.name not in ("id", "form")
                }
            )
            for latest_field in latest.fields.all()
        ]
    form.save()
    return form


# --- Applications: citizen side -------------------------------------------------------------


def _max_bytes(spec) -> int:
    return min(spec.max_size_mb, settings.GOVPORTAL_SERVICEHALL_MAX_UPLOAD_MB) * 1024 * 1024


def _store_uploads(application: Application, uploads: dict) -> None:
    specs = {s.key: s for s in application.form.fields.all() if s.kind == FieldKind.FILE}
    for key, upload in uploads.items():
        spec = specs.get(key)
        if spec is None:
            continue
        allowed = [t.strip().lower() for t in spec.file_types.split(",") if t.strip()] or ["pdf"]
        previous = list(application.files.filter(field_key=key).select_related("stored"))
        case_file_attach(
            ApplicationFile,
            upload=upload,
            kind=FILE_KIND,
            case=application.case,
            allowed=allowed,
            max_bytes=_max_bytes(spec),
            label=spec.label,
            field=key,
            application=application,
            field_key=key,
        )
        for old in previous:  # replaced by the new upload (kept until it is stored)
            old.delete()
            stored_file_delete(old.stored)


def _check_complete(application: Application) -> None:
    have_files = set(application.files.values_list("field_key", flat=True))
    for spec in application.form.fields.all():
        if not spec.required:
            continue
        present = spec.key in have_files if spec.kind == FieldKind.FILE else bool(application.data.get(spec.key))
        if not present:
            raise InvalidInput(f"请填写“{spec.label}”", field=spec.key)


def _current_form(item: ServiceItem) -> ServiceForm:
    form = ServiceForm.objects.filter(item=item, status=FormStatus.PUBLISHED).first()
    if form is None or not item.is_published:
        raise NotFound("该事项暂不支持网上申请")
    return form


@transaction.atomic
def application_save_draft(
    *,
    item: ServiceItem,
    actor,
    data: dict,
    uploads: dict | None = None,
    applicant_name: str = "",
    applicant_phone: str = "",
    applicant_id_number: str = "",
    application: Application | None = None,
) -> Application:
    """Create or update a draft. A draft keeps the form version it was started on."""
    if application is None:
        application = Application(item=item, form=_current_form(item))
        if actor is not None and actor.is_authenticated:
            application.applicant = actor
    elif not application.is_draft:
        raise Conflict("该申请已提交，不能再修改")
    application.data = data
    application.applicant_name = applicant_name[:100]
    application.applicant_phone = applicant_phone[:20]
    application.applicant_id_number = applicant_id_number[:18]
    application.save()
    _store_uploads(application, uploads or {})
    return application


# No savepoint inside the submission policy's transaction (core.antiabuse): a failure
# fails the whole submission, and a savepoint is two more round trips.
@transaction.atomic(savepoint=False)
def application_submit(
    *,
    item: ServiceItem,
    actor,
    data: dict,
    uploads: dict | None = None,
    applicant_name: str,
    applicant_phone: str,
    applicant_id_number: str,
    application: Application | None = None,
) -> tuple[Application, str]:
    """Submit (from a draft or directly): the kernel case is created with the item's promised
    limit; the citizen gets the tracking number and the query code (shown once)."""
    applicant_name = citizen_input.clean_name(
        applicant_name, label="申请人姓名或单位名称", max_length=citizen_input.ORG_NAME_MAX, field="applicant_name"
    )
    id_number = citizen_input.clean_id_number(
        applicant_id_number, label="身份证号码", required=True, field="applicant_id_number"
    )
    phone = citizen_input.clean_phone(applicant_phone, label="联系电话", mobile_only=True, field="applicant_phone")
    application = application_save_draft(
        item=item,
        actor=actor,
        data=data,
        uploads=uploads,
        applicant_name=applicant_name.strip(),
        applicant_phone=phone,
        applicant_id_number=id_number,
        application=application,
    )
    if application.form.status == FormStatus.RETIRED:
        # The draft answered an older version; it still records that version.
        pass
    _check_complete(application)
    case, code = case_create(
        case_type=workflow.APPLICATION.key,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_kind=ActorKind.CITIZEN,
        agency=item.agency,
        title=item.name,
        payload={
            "limit_days": item.promised_limit or item.statutory_limit or 20,
            "form_version": application.form.version,
        },
        context={"citizen_phone": phone},
    )
    application.case = case
    application.submitted_at = timezone.now()
    application.save(update_fields=["case", "submitted_at", "updated_at"])
    # Files saved with the draft belong to the case from now on (the citizen's proof of it).
    StoredFile.objects.filter(application_file__application=application).update(case=case)
    return application, code


def _locked(application: Application) -> Application:
    # No select_related: PostgreSQL cannot lock the nullable side of an outer join (case).
    return Application.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def application_supplement(*, application: Application, actor, data: dict, uploads: dict | None = None) -> Application:
    """The citizen answers a supplement request (补正); the clock runs again."""
    application = _locked(application)
    if application.case.state != State.AWAITING_SUPPLEMENT:
        raise Conflict("该申请当前不需要补正")
    merged = {**application.data, **data}
    application.data = merged
    application.save(update_fields=["data", "updated_at"])
    _store_uploads(application, uploads or {})
    _check_complete(application)
    case_transition(case=application.case, name="supplement", actor=None, actor_kind=ActorKind.CITIZEN)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor) -> Application:
    application = _locked(application)
    case_transition(case=application.case, name="withdraw", actor=None, actor_kind=ActorKind.CITIZEN)
    return application


# --- Applications: the window and the departments ------------------------------------------


def _clerk_of(actor, agency_id: int) -> None:
    access.require_clerk_of(actor, agency_id)


def _events(case: Case) -> list[deadlines.EventView]:
    return [
        deadlines.EventView(type=e.type, on=deadlines.local_date(e.created_at), payload=e.payload)
        for e in case.events.order_by("created_at", "id")
    ]


def refresh_task_deadlines(application: Application) -> None:
    cal = calendar.current()
    events = _events(application.case)
    for task in application.tasks.filter(decision=Decision.PENDING):
        result = deadlines.compute(workflow.task_rule(task.days, task.agency.short_name), events, cal)
        if (task.due_date, task.due_explanation) != (result.due, result.explanation):
            task.due_date, task.due_explanation = result.due, result.explanation
            task.save(update_fields=["due_date", "due_explanation"])


@transaction.atomic
def application_accept(*, application: Application, actor) -> Application:
    """一口受理: the lead department's window accepts; every department gets its task."""
    application = _locked(application)
    access.require_step(actor, application, "accept")
    case_transition(case=application.case, name="accept", actor=actor, actor_kind=ActorKind.CLERK)
    item = application.item
    DepartmentTask.objects.create(
        application=application,
        agency=item.agency,
        role=TaskRole.LEAD,
        duty="审查决定",
        days=item.promised_limit or item.statutory_limit or 20,
    )
    for co in item.co_departments.select_related("agency"):
        if co.agency_id != item.agency_id:
            DepartmentTask.objects.create(
                application=application, agency=co.agency, role=TaskRole.CO, duty=co.duty, days=co.days
            )
    refresh_task_deadlines(application)
    return application


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请填写理由", field="reason")
    return reason[:1000]


@transaction.atomic
def application_request_supplement(*, application: Application, actor, reason: str) -> Application:
    application = _locked(application)
    access.require_step(actor, application, "request_supplement")
    note = _reason(reason)
    case_transition(
        case=application.case,
        name="request_supplement",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"reason": note},
    )
    application.supplement_note = note
    application.save(update_fields=["supplement_note", "updated_at"])
    return application


@transaction.atomic
def application_refuse(*, application: Application, actor, reason: str) -> Application:
    application = _locked(application)
    access.require_step(actor, application, "refuse")
    note = _reason(reason)
    case_transition(
        case=application.case, name="refuse", actor=actor, actor_kind=ActorKind.CLERK, payload={"reason": note}
    )
    application.decision_reason = note
    application.completed_at = timezone.now()
    application.save(update_fields=["decision_reason", "completed_at", "updated_at"])
    return application


@transaction.atomic
def application_suspend(*, application: Application, actor, reason: str) -> Application:
    """Expert review, public notice or the like: the clock (and every task's) pauses."""
    application = _locked(application)
    access.require_step(actor, application, "suspend")
    case_transition(
        case=application.case,
        name="suspend",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"reason": _reason(reason)},
    )
    refresh_task_deadlines(application)
    return application


@transaction.atomic
def application_resume(*, application: Application, actor) -> Application:
    application = _locked(application)
    access.require_step(actor, application, "resume")
    case_transition(case=application.case, name="resume", actor=actor, actor_kind=ActorKind.CLERK)
    refresh_task_deadlines(application)
    return application


# 批准文号: the agency's serial of the year, from the kernel's one numbering function.
RESULT_NUMBERS = numbering.register_series(
    numbering.Series(key="servicehall.result", format="{agency}许〔{year}〕{seq}号")
)


def _result_number(application: Application) -> str:
    agency = application.item.agency
    today = timezone.localdate()
    prefix = f"{agency.short_name}许〔{today.year}〕"
    _, number = numbering.number_next(
        RESULT_NUMBERS,
        scope=agency.pk,
        on=today,
        agency=agency.short_name,
        # The numbers handed out before the kernel counted them (a count, as then).
        floor=lambda: Application.objects.filter(item__agency=agency, result_number__startswith=prefix).count(),
    )
    return number


@transaction.atomic
def task_decide(*, task: DepartmentTask, actor, decision: str, opinion: str = "") -> DepartmentTask:
    """One department's decision. When the last one has decided the case completes: approved
    when every department agreed, denied otherwise."""
    task = DepartmentTask.objects.select_for_update().get(pk=task.pk)
    _clerk_of(actor, task.agency_id)
    if decision not in (Decision.APPROVED, Decision.DENIED):
        raise InvalidInput("请选择办理意见", field="decision")
    if task.decision != Decision.PENDING:
        raise Conflict("该部门已提出意见")
    application = _locked(task.application)
    if application.case.state != State.PROCESSING:
        raise Conflict("该办件当前不在办理中")
    opinion = (opinion or "").strip()
    if decision == Decision.DENIED and not opinion:
        raise InvalidInput("不同意时请填写理由", field="opinion")
    task.decision, task.opinion = decision, opinion[:1000]
    task.decided_at, task.decided_by = timezone.now(), actor
    task.save(update_fields=["decision", "opinion", "decided_at", "decided_by"])
    case_add_event(
        case=application.case,
        type="department_decision",
        label=f"{task.agency.short_name}{task.get_role_display()}意见：{task.get_decision_display()}",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"agency": task.agency_id, "decision": decision, "opinion": task.opinion},
        public=True,
    )
    pending = application.tasks.filter(decision=Decision.PENDING).exists()
    if not pending:
        approved = not application.tasks.filter(decision=Decision.DENIED).exists()
        if approved:
            application.result_number = _result_number(application)
        else:
            application.decision_reason = "；".join(
                f"{t.agency.short_name}：{t.opinion}" for t in application.tasks.filter(decision=Decision.DENIED)
            )
        application.completed_at = timezone.now()
        application.save(update_fields=["result_number", "decision_reason", "completed_at", "updated_at"])
        case_transition(
            case=application.case,
            name="approve" if approved else "deny",
            actor=None,
            actor_kind=ActorKind.SYSTEM,
            payload={"result_number": application.result_number},
        )
    return task


# --- 好差评 -------------------------------------------------------------------------------


@transaction.atomic
def rating_submit(
    *, application: Application, actor, level: int, answers: dict, comment: str = "", real_name: bool = True
) -> Rating:
    """Rate a completed application once, on the kernel's scale. A bad rating (不满意,
    非常不满意) opens a rectification case (整改) for the handling department."""
    application = _locked(application)
    if application.case is None or application.case.state not in workflow.COMPLETED_STATES | {State.REFUSED}:
        raise Conflict("办结后才能评价")
    if Rating.objects.filter(application=application).exists():
        raise Conflict("该办件已评价")
    level = ratings.clean_rating(level, field="level")
    now = timezone.now()
    rating = Rating.objects.create(
        application=application,
        agency=application.item.agency,
        level=level,
        answers=answers,
        comment=(comment or "")[:500],
        real_name=real_name,
        created_at=now,
    )
    event = case_add_event(
        case=application.case,
        type="rated",
        label=f"申请人评价：{rating.get_level_display()}",
        actor=None,
        actor_kind=ActorKind.CITIZEN,
        payload={"level": level},
        public=True,
    )
    rectification.rectification_open(
        rated_case=application.case,
        rating_event=event,
        level=level,
        agency=rating.agency,
        comment=rating.comment,
        real_name=real_name,
    )
    return rating


# 差评整改 is the kernel's case type now (core/cases/rectification.py); these names stay for
# the callers that knew them here (the demo).
rectification_record = rectification.rectification_record
rectification_return_visit = rectification.rectification_return_visit
rectification_appeal = rectification.rectification_appeal
rectification_appeal_decide = rectification.rectification_appeal_decide
rectification_is_late = rectification.is_late


def ensure_actor_may_act(actor) -> None:
    if actor is None or not actor.is_authenticated:
        raise NotAllowed("请先登录")
