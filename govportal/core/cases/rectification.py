"""差评整改 — rectification after a bad rating, a case type of the kernel (``rectification``,
tracking numbers ``ZG…``) for every rated case type alike.

A bad rating (``ratings.BAD_LEVELS``: 不满意, 非常不满意) of a letter, an application or any
other case opens one rectification case (``rectification_open``, called by the area's
rating action; a retried or re-delivered rating opens no second one) for the agency that
handled the rated case. STANDARDS §3: 核实 → 整改 → 回访, return visit and rectification
within ``GOVPORTAL_RECTIFICATION_DAYS`` working days (15, a setting)::

    待核实 ─verify→ 整改中 ─rectify→ 已整改 ─return_visit→ 已回访 (closed)

The clock runs from the bad rating until the return visit; the kernel's sweep turns it
warning / yellow / red like any case. The rated case's log gets a ``rectification_opened``
event with the rectification's tracking number; ``Rectification.rated_case`` links back.

Who may see or act: ``core/cases/access.py`` (``rectification_access``): the information
office sees and acts on every rectification; an agency's staff on their agency's; holders
of a rated case type's ``supervisor_permission`` see (not act on) that type's. Anything
else is a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govportal.core import citizen_input
from govportal.core.cases import ratings, workflow
from govportal.core.cases.access import rectification_access
from govportal.core.cases.actions import case_add_event, case_create, case_transition
from govportal.core.cases.models import ActorKind, Case, CaseEvent, Rectification
from govportal.core.cases.workflow import CaseType, DeadlineRule, Notice, Transition
from govportal.core.errors import Conflict, NotFound

KEY = "rectification"
CLERK = frozenset({ActorKind.CLERK})


class RectificationState:
    VERIFYING = "verifying"
    RECTIFYING = "rectifying"
    RECTIFIED = "rectified"
    VISITED = "visited"


S = RectificationState
STATES = {
    S.VERIFYING: str(_("待核实")),
    S.RECTIFYING: str(_("整改中")),
    S.RECTIFIED: str(_("已整改，待回访")),
    S.VISITED: str(_("已回访")),
}
OPEN_STATES = frozenset({S.VERIFYING, S.RECTIFYING, S.RECTIFIED})

# The handling agency hears of a new rectification at once, and is reminded as its limit
# nears and passes; at red its leaders too.
SUBJECT = _("差评整改 {{ tracking_number }}")
NOTICES = (
    Notice("create", "core/notify/rectification_create.txt", ("agency_staff",), channels=("email",), subject=SUBJECT),
    Notice(
        "overdue:warning",
        "core/notify/rectification_overdue.txt",
        ("agency_staff",),
        channels=("email",),
        subject=SUBJECT,
    ),
    Notice(
        "overdue:yellow",
        "core/notify/rectification_overdue.txt",
        ("agency_staff",),
        channels=("email",),
        subject=SUBJECT,
    ),
    Notice("overdue:red", "core/notify/rectification_overdue.txt", ("agency_staff", "agency_leaders"), subject=SUBJECT),
)

RECTIFICATION = workflow.register(
    CaseType(
        key=KEY,
        prefix="ZG",
        name="差评整改",
        states=STATES,
        initial_state=S.VERIFYING,
        closed_states=frozenset({S.VISITED}),
        transitions=(
            Transition("verify", frozenset({S.VERIFYING}), S.RECTIFYING, "核实属实，开始整改", CLERK),
            Transition("rectify", frozenset({S.RECTIFYING}), S.RECTIFIED, "已整改", CLERK),
            Transition("return_visit", frozenset({S.RECTIFIED}), S.VISITED, "已回访", CLERK),
        ),
        deadlines=(
            DeadlineRule(
                step="整改和回访",
                states=OPEN_STATES,
                days=15,  # only if the opening event carries no limit_days (the setting)
                days_key="limit_days",
                start_event="create",
                start_label="差评日",
            ),
        ),
        warning_days=3,
        red_days=5,
        notices=NOTICES,
    )
)


# --- reads ----------------------------------------------------------------------------------
def rectifications_for(user, *, act: bool = False) -> QuerySet[Rectification]:
    scope = rectification_access(user, act=act)
    qs = Rectification.objects.select_related("case", "case__agency", "rated_case")
    return qs.none() if scope is None else qs.filter(scope)


def rectification_for(user, pk, *, act: bool = False) -> Rectification:
    try:
        return rectifications_for(user, act=act).get(pk=int(pk))
    except (Rectification.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound("整改任务不存在") from exc


def rectification_of(rated_case: Case) -> Rectification | None:
    """The latest rectification opened for a rated case, if any."""
    return Rectification.objects.filter(rated_case=rated_case).select_related("case").order_by("-pk").first()


def is_late(rect: Rectification, today=None) -> bool:
    """Rectified and visited after the limit, or still open past it."""
    if not rect.case.is_open:
        return rect.case.closed_on_time is False
    due = rect.case.due_date
    return due is not None and (today or timezone.localdate()) > due


# --- writes ---------------------------------------------------------------------------------
@transaction.atomic
def rectification_open(
    *, rated_case: Case, rating_event: CaseEvent, level: int, agency, comment: str = "", real_name: bool = True
) -> Rectification | None:
    """A rating of ``rated_case`` (logged as ``rating_event``): if it is a bad rating, the
    rectification case for ``agency`` (the agency that handled the rated case); the same one
    again for the same rating event. None for a good rating."""
    if not ratings.is_bad(level):
        return None
    existing = Rectification.objects.filter(rating_event=rating_event).first()
    if existing is not None:
        return existing
    days = settings.GOVPORTAL_RECTIFICATION_DAYS
    case, _code = case_create(
        case_type=KEY,
        actor=None,
        actor_kind=ActorKind.SYSTEM,
        agency=agency,
        title=f"{rated_case.tracking_number} {rated_case.title}"[:200],
        payload={"limit_days": days, "rated_case": rated_case.tracking_number, "level": level},
    )
    rect = Rectification.objects.create(
        case=case,
        rated_case=rated_case,
        rating_event=rating_event,
        level=level,
        comment=(comment or "")[:1000],
        real_name=real_name,
        opened_at=case.created_at,
    )
    case_add_event(
        case=rated_case,
        type="rectification_opened",
        label=f"差评转整改 {case.tracking_number}",
        actor=None,
        actor_kind=ActorKind.SYSTEM,
        payload={"tracking_number": case.tracking_number, "level": level},
    )
    return rect


def _text(value: str, *, field: str, label: str) -> str:
    return citizen_input.clean_text(value, field=field, label=label, max_length=2000, multiline=True)


def _locked(rect: Rectification, user) -> Rectification:
    """The row, locked, if ``user`` may act on it; else 404."""
    scope = rectification_access(user, act=True)
    row = None
    if scope is not None:
        row = Rectification.objects.select_for_update().filter(scope).filter(pk=rect.pk).first()
    if row is None:
        raise NotFound("整改任务不存在")
    return row


@transaction.atomic
def rectification_verify(*, rectification: Rectification, actor, note: str) -> Rectification:
    """核实: the rating is about a real failing; rectification begins."""
    rect = _locked(rectification, actor)
    rect.verification = _text(note, field="verification", label="核实情况")
    if rect.case.state != S.VERIFYING:
        raise Conflict("该整改已核实")
    case_transition(
        case=rect.case, name="verify", actor=actor, actor_kind=ActorKind.CLERK, payload={"note": rect.verification}
    )
    rect.save(update_fields=["verification"])
    return rect


@transaction.atomic
def rectification_record(
    *, rectification: Rectification, actor, measures: str, verification: str = ""
) -> Rectification:
    """整改: the measures taken. From 待核实 the verification is recorded first (with
    ``verification``, or "核实属实")."""
    rect = _locked(rectification, actor)
    measures = _text(measures, field="measures", label="整改措施")
    if rect.case.state == S.VERIFYING:
        rect = rectification_verify(rectification=rect, actor=actor, note=verification or "核实属实")
    elif rect.case.state != S.RECTIFYING:
        raise Conflict("该整改已记录")
    case_transition(case=rect.case, name="rectify", actor=actor, actor_kind=ActorKind.CLERK)
    rect.measures, rect.rectified_at = measures, timezone.now()
    rect.save(update_fields=["measures", "rectified_at"])
    return rect


@transaction.atomic
def rectification_return_visit(*, rectification: Rectification, actor, note: str, satisfied: bool) -> Rectification:
    """回访: the citizen asked whether the rectification satisfied them; closes the case."""
    rect = _locked(rectification, actor)
    note = _text(note, field="note", label="回访情况")
    if rect.case.state != S.RECTIFIED:
        raise Conflict("请先记录整改措施")
    case_transition(
        case=rect.case,
        name="return_visit",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"satisfied": bool(satisfied)},
    )
    rect.return_visit, rect.return_visit_satisfied, rect.closed_at = note, bool(satisfied), timezone.now()
    rect.save(update_fields=["return_visit", "return_visit_satisfied", "closed_at"])
    return rect
