"""Who may see or do what in 网上办事大厅 — the only place these rules are written.

| who | items, forms, rollout plans | applications | department tasks | rectifications |
|---|---|---|---|---|
| information office | all, edit | all, act | all, decide | all, act |
| 监察 supervisor (``servicehall.supervise_servicehall``) | all, edit (writes the supervisor's note) | **all, read-only** | — | all, read-only |
| window clerk of agency A (A's staff) | A's, edit | A's items' and those where A has a task; acts on A's items' | A's, decide | A's, act |
| anyone else | 404 | 404 | 404 | 404 |

Rectifications after bad ratings are the kernel's case type now: their rule is in
``core/cases/access.py`` (supervisors: ``APPLICATION.supervisor_permission``). A published
form version is read-only to everyone. Before issue 17 supervisors saw every
item and rectification but only their own agency's applications; a supervisor sees
everything read-only now.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from govportal.core import access as core
from govportal.core.access import ScopedPolicy
from govportal.core.cases import workflow as kernel
from govportal.core.errors import NotFound
from govportal.core.models import Agency
from govportal.servicehall.models import Application, Decision, FormStatus, RolloutPlan, ServiceForm, ServiceItem
from govportal.servicehall.workflow import APPLICATION

SUPERVISE = "servicehall.supervise_servicehall"


# --- who -------------------------------------------------------------------------------------
def is_supervisor(user) -> bool:
    """监察/督查 — sees every agency's hall; the information office is one too."""
    return core.is_information_office(user) or core.holds(user, SUPERVISE)


def is_clerk_of(user, agency_id: int | None) -> bool:
    """A member of staff of this agency — or the information office. Acts on its cases."""
    return user is not None and core.office_or_member(user, agency_id)


def may_use_hall_admin(user) -> bool:
    """The menus 办件受理, 差评整改, 办事指南检查."""
    return is_supervisor(user) or core.has_agency(user)


# --- rows ------------------------------------------------------------------------------------
def items_visible(user, qs: QuerySet) -> QuerySet:
    return core.scope_to_agency(user, qs, "agency_id", sees_all=is_supervisor)


def applications_visible(user, qs: QuerySet) -> QuerySet:
    """The applications of the agency's items and those in which it has a task; supervisors
    (read-only) and the information office all."""
    if is_supervisor(user):
        return qs
    agency_id = core.agency_id_of(user)
    if agency_id is None:
        return qs.none()
    return qs.filter(Q(item__agency_id=agency_id) | Q(tasks__agency_id=agency_id)).distinct()


def tasks_visible(user, qs: QuerySet) -> QuerySet:
    """Department tasks a user sees and decides: their agency's; the information office all."""
    return core.scope_to_agency(user, qs, "agency_id")


def my_pending_task(user, application):
    """The user's agency's undecided task on this application, if any."""
    agency_id = core.agency_id_of(user)
    if agency_id is None:
        return None
    return application.tasks.filter(agency_id=agency_id, decision=Decision.PENDING).first()


def is_lead(user, application) -> bool:
    """The window of the item's agency (一口受理), who takes the application's steps."""
    return is_clerk_of(user, application.item.agency_id)


# --- guards of the actions (a wrong guess is a 404) -------------------------------------------
def require_clerk_of(user, agency_id: int | None) -> None:
    if not is_clerk_of(user, agency_id):
        raise NotFound("办件不存在")


def require_step(user, application, name: str) -> None:
    kernel.require_step(user, application.case, name, NotFound("办件不存在"))


def _step_rule(user, case, transition) -> bool:
    application = case.application
    return is_lead(user, application)


kernel.register_step_rule(APPLICATION.key, _step_rule)


# --- the Wagtail admin's snippets -----------------------------------------------------------
def _published_form_read_only(user, action, instance) -> bool:
    return not (
        isinstance(instance, ServiceForm) and action in ("change", "delete") and instance.status != FormStatus.DRAFT
    )


def _policy(model, agency_path: str) -> ScopedPolicy:
    return ScopedPolicy(model, agency_path=agency_path, sees_all=is_supervisor, instance_rule=_published_form_read_only)


ITEM_POLICY = _policy(ServiceItem, "agency_id")
FORM_POLICY = _policy(ServiceForm, "item__agency_id")
PLAN_POLICY = _policy(RolloutPlan, "agency_id")


def forms_for_staff(user) -> QuerySet[ServiceForm]:
    return FORM_POLICY.instances_user_has_permission_for(user, "change")


def limit_form_fields(form, user) -> None:
    """An agency's staff choose only their own agency and items; the supervisor's note is the
    supervisor's to write."""
    if user is None or is_supervisor(user):
        return
    agency_id = core.agency_id_of(user)
    if "agency" in form.fields:
        form.fields["agency"].queryset = Agency.objects.filter(pk=agency_id)
        form.fields["agency"].initial = agency_id
    if "item" in form.fields:
        form.fields["item"].queryset = ServiceItem.objects.filter(agency_id=agency_id)
    if "supervisor_note" in form.fields:
        form.fields["supervisor_note"].disabled = True


def is_applicant(user, case) -> bool:
    """The signed-in applicant follows their own application from 我的办件 without the query
    code (the kernel's lookup asks this through `servicehall.cases`)."""
    return bool(user and user.is_authenticated and Application.objects.filter(case=case, applicant=user).exists())
