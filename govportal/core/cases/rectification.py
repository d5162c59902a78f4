"""差评整改 — rectification after a bad rating, a case type of the kernel (``rectification``,
tracking numbers ``ZG…``) for every rated case type alike.

A bad rating (``ratings.BAD_LEVELS``: 不满意, 非常不满意) of a letter, an application or any
other case opens one rectification case (``rectification_open``, called by the area's
rating action; a retried or re-delivered rating opens no second one) for the agency that
handled the rated case. STANDARDS §3: 核实 → 整改 → 回访, return visit and rectification
within ``GOVPORTAL_RECTIFICATION_DAYS`` working days (15, a setting)::

    待核实 ─verify→ 整改中 ─rectify→ 已整改 ─return_visit→ 已回访 (closed)
      │ appeal (the agency: a false or malicious rating)
      ▼
    申诉复核中 ─appeal_uphold (the office)→ 申诉成立 (closed; the rating leaves the statistics)
               ─appeal_reject (the office)→ 待核实

核实 comes first: measures cannot be recorded before the verification. The return visit
has its own deadline, a kernel timer (``return_visit``) started by ``rectify`` and running
``GOVPORTAL_RECTIFICATION_RETURN_VISIT_DAYS`` working days (5, a setting). An appeal is
decided by the information office only (``access.may_decide_appeal``); an upheld appeal
sets ``Rectification.excluded``, writes a ``rating_excluded`` event on the rated case, and
the rating is then left out of every published rating figure (``stats.add_ratings``) and
the rectification out of 整改率/回访率 (``stats.rectification_figures``).

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
from govportal.core.cases.access import may_decide_appeal, rectification_access
from govportal.core.cases.actions import case_add_event, case_create, case_transition
from govportal.core.cases.models import ActorKind, Case, CaseEvent, CaseTimer, Rectification
from govportal.core.cases.workflow import CaseType, DeadlineRule, Notice, TimerRule, Transition
from govportal.core.errors import Conflict, NotAllowed, NotFound

KEY = "rectification"
CLERK = frozenset({ActorKind.CLERK})


class RectificationState:
    VERIFYING = "verifying"
    RECTIFYING = "rectifying"
    RECTIFIED = "rectified"
    VISITED = "visited"
    APPEALING = "appealing"
    EXCLUDED = "excluded"


S = RectificationState
STATES = {
    S.VERIFYING: str(_("待核实")),
    S.RECTIFYING: str(_("整改中")),
    S.RECTIFIED: str(_("已整改，待回访")),
    S.VISITED: str(_("已回访")),
    S.APPEALING: str(_("申诉复核中")),
    S.EXCLUDED: str(_("申诉成立，不计入统计")),
}
OPEN_STATES = frozenset({S.VERIFYING, S.RECTIFYING, S.RECTIFIED, S.APPEALING})
RECTIFIED_STATES = frozenset({S.RECTIFIED, S.VISITED})

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
        closed_states=frozenset({S.VISITED, S.EXCLUDED}),
        transitions=(
            Transition("verify", frozenset({S.VERIFYING}), S.RECTIFYING, "核实属实，开始整改", CLERK),
            Transition("rectify", frozenset({S.RECTIFYING}), S.RECTIFIED, "已整改", CLERK),
            Transition("return_visit", frozenset({S.RECTIFIED}), S.VISITED, "已回访", CLERK),
            Transition("appeal", frozenset({S.VERIFYING}), S.APPEALING, "申请申诉复核", CLERK),
            Transition("appeal_uphold", frozenset({S.APPEALING}), S.EXCLUDED, "申诉复核成立，该评价不计入统计", CLERK),
            Transition("appeal_reject", frozenset({S.APPEALING}), S.VERIFYING, "申诉复核不成立，继续核实整改", CLERK),
        ),
        timers=(
            TimerRule(
                kind="return_visit",
                label="回访期限",
                days=5,  # only if the rectify event carries no visit_days (the setting)
                start_events=frozenset({"rectify"}),
                stop_events=frozenset({"return_visit"}),
                days_key="visit_days",
            ),
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
    """整改: the measures taken — only after the verification (核实) is recorded; from 待核实
    a ``verification`` note given here is recorded first as that step. Starts the return
    visit's own deadline (``GOVPORTAL_RECTIFICATION_RETURN_VISIT_DAYS``)."""
    rect = _locked(rectification, actor)
    measures = _text(measures, field="measures", label="整改措施")
    if rect.case.state == S.VERIFYING:
        if not (verification or "").strip():
            raise Conflict("请先核实差评反映的情况，再记录整改措施")
        rect = rectification_verify(rectification=rect, actor=actor, note=verification)
    elif rect.case.state != S.RECTIFYING:
        raise Conflict("该整改已记录")
    case_transition(
        case=rect.case,
        name="rectify",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"visit_days": settings.GOVPORTAL_RECTIFICATION_RETURN_VISIT_DAYS},
    )
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


def return_visit_due(rect: Rectification):
    """The return visit's deadline (its kernel timer), or None before the rectification."""
    timer = CaseTimer.objects.filter(case_id=rect.case_id, kind="return_visit").order_by("-id").first()
    return timer.due_on if timer is not None else None


# --- 申诉复核: an appeal against a false or malicious rating ------------------------------
@transaction.atomic
def rectification_appeal(*, rectification: Rectification, actor, reason: str) -> Rectification:
    """The handling agency applies for 申诉复核 (before verifying): the rating is false or
    malicious. The information office decides."""
    rect = _locked(rectification, actor)
    reason = _text(reason, field="reason", label="申诉理由")
    if rect.case.state != S.VERIFYING:
        raise Conflict("只有待核实的差评可以申请申诉复核")
    case_transition(case=rect.case, name="appeal", actor=actor, actor_kind=ActorKind.CLERK, payload={"reason": reason})
    rect.appeal_reason = reason
    rect.save(update_fields=["appeal_reason"])
    return rect


@transaction.atomic
def rectification_appeal_decide(*, rectification: Rectification, actor, upheld: bool, note: str) -> Rectification:
    """The information office decides an appeal. Upheld: the rectification closes as
    申诉成立, the rating is excluded from the statistics, and the rated case's log records
    it (``rating_excluded``). Rejected: back to 待核实."""
    if not may_decide_appeal(actor):
        raise NotAllowed("申诉复核由信息公开主管部门（市信息办）决定")
    rect = _locked(rectification, actor)
    note = _text(note, field="note", label="复核意见")
    if rect.case.state != S.APPEALING:
        raise Conflict("该整改没有待复核的申诉")
    name = "appeal_uphold" if upheld else "appeal_reject"
    case_transition(case=rect.case, name=name, actor=actor, actor_kind=ActorKind.CLERK, payload={"note": note})
    rect.appeal_decision, rect.excluded = note, bool(upheld)
    rect.save(update_fields=["appeal_decision", "excluded"])
    if upheld:
        case_add_event(
            case=rect.rated_case,
            type="rating_excluded",
            label=f"差评经申诉复核认定为虚假或恶意评价，不计入统计（{rect.case.tracking_number}）",
            actor=actor,
            actor_kind=ActorKind.CLERK,
            payload={"tracking_number": rect.case.tracking_number, "level": rect.level, "note": note},
        )
    return rect


# --- published: the state of every rectification, masked -----------------------------------
def public_rectifications() -> QuerySet[Rectification]:
    """Every rectification, for the public list (its page masks what a citizen wrote)."""
    return Rectification.objects.select_related("case", "case__agency", "rated_case").order_by("-opened_at", "-pk")
