"""Case types and their transition tables.

An area declares a ``CaseType`` once (states, transitions, deadline rules, overdue days,
the notifications it sends and its extra clocks) and calls ``register``; the kernel does
the rest. ``case_transition`` in ``actions`` is the one
place a case's state changes: it locks the row, looks the transition up here, and logs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from govportal.core.cases.models import ActorKind


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    label: str  # Chinese, shown in the history
    actors: frozenset[str] = frozenset({ActorKind.CLERK})
    public: bool = True


@dataclass(frozen=True)
class Pause:
    """A stretch not counted in the clock (e.g. third-party consultation)."""

    start: str  # transition name that stops the clock
    end: str  # transition name that resumes it
    label: str  # e.g. "第三方征求意见"
    # Payload key of the end event holding the ISO date the pause ended (e.g. the last day
    # of a consultation period, when the sweep closes it a day later); None = the event's
    # day. Kept between the pause's start and the event's own day.
    end_date_key: str | None = None


@dataclass(frozen=True)
class DeadlineRule:
    """The clock of one step of a case type."""

    step: str  # e.g. "答复"
    states: frozenset[str]  # the rule applies while the case is in one of these states
    days: int
    working_days: bool = True
    start_event: str = "create"  # "create" = the case's creation
    start_label: str = "受理日"
    pauses: tuple[Pause, ...] = ()
    restart_events: frozenset[str] = frozenset()  # the clock starts again from this event
    restart_label: str = "重新起算日"
    extension_event: str | None = None  # an approved extension; payload {"days": n}
    extension_ceiling: int = 0
    # A longer reply period the law lets the office set outside the extension's ceiling
    # (Art. 35 of the disclosure regulations: 延迟答复的合理期限); payload {"days": n}.
    delay_event: str | None = None
    # Payload key of start/restart events holding the ISO date the clock counts from (e.g. a
    # registered letter's signing date); None = the day the event was logged.
    date_key: str | None = None
    # Per-case limit: when set and the event that starts (or restarts) the clock carries a
    # positive int under this payload key, that number replaces ``days`` (a mailbox's limit
    # for the letter's category; a service item's promised limit). A restart without it
    # keeps the limit in force.
    days_key: str | None = None
    # Once the due date has passed, an extension or a pause can no longer move it (条例
    # Art. 32, 33: both must be started within the reply period): ``case_transition``
    # refuses them. A late case stays late.
    refuse_moves_after_due: bool = False
    # A ceiling in calendar months from the start (or restart) of the clock (e.g. a mailbox letter:
    # never beyond 3 months of receipt, 国办发〔2019〕51号 — 60 WD can exceed it across 春节):
    # the due date is the last working day on or before it. None = no ceiling.
    cap_months: int | None = None
    cap_label: str = "收信之日"


@dataclass(frozen=True)
class Notice:
    """One notification of a case type: when ``event`` is logged on a case (a transition
    name, an event type of `case_add_event`, ``"create"``, an explicit `case_notify` name,
    or ``"overdue:<level>"`` for the kernel's reminder when a case reaches that overdue
    level), the kernel renders ``template`` (a Django template, e.g.
    ``"disclosure/notify/reply.txt"``) and puts one outbox message per recipient address
    and channel. ``to`` names recipients: ``"citizen"`` (the case type's citizen phone
    and e-mail fields), ``"agency"`` (the handling agency's own e-mail), ``"agency_staff"``
    (its active staff), ``"agency_leaders"`` (its 签发领导), ``"perm:<app.codename>"`` (the
    users holding that permission: supervisors, the office), or a name the case type maps
    in ``recipients``. ``subject`` is the e-mail subject (a template string, same context)."""

    event: str
    template: str
    to: tuple[str, ...] = ("citizen",)
    channels: tuple[str, ...] = ("sms", "email")
    subject: str = ""
    # Sent only when this returns true for (case, payload of the event, context).
    when: Callable[[object, dict, dict], bool] | None = None
    # Context keys the template uses beyond the kernel's own (tracking_number, title,
    # due_date, level_label): the event payload's or the action's ``context``. Checked
    # when sending; the table test renders every notice with exactly these.
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimerRule:
    """An extra clock of a case type (征求意见, 补正期限, …): a `CaseTimer` row started by one
    of ``start_events`` and stopped by one of ``stop_events`` (or when the case closes).
    ``days`` (working days unless ``working_days`` is false; None = no due date, the timer
    only records how long it ran) counts from the start event's day; a positive int in
    the start event's payload under ``days_key`` replaces it. The main reply clock is not
    this: a timer that must stop the main clock is also a `Pause` of its `DeadlineRule`."""

    kind: str
    label: str
    days: int | None = None
    working_days: bool = True
    start_events: frozenset[str] = frozenset()
    stop_events: frozenset[str] = frozenset()
    days_key: str | None = None
    # Payload key of the start event holding the ISO date the timer counts from (e.g. the
    # day a consultation letter was served on the third party); None = the event's day.
    date_key: str | None = None


@dataclass(frozen=True)
class CaseType:
    key: str
    prefix: str  # 2–4 capital letters for the tracking number
    name: str
    states: dict[str, str]  # value -> Chinese label
    initial_state: str
    closed_states: frozenset[str]
    transitions: tuple[Transition, ...]
    deadlines: tuple[DeadlineRule, ...] = ()
    warning_days: int = 3  # working days left at which a case turns "warning"
    red_days: int = 5  # working days overdue at which a yellow card turns red
    # Per-case thresholds: a function of the case returning (warning_days, red_days), for
    # areas whose thresholds depend on the case (e.g. per mailbox). None = the two above.
    thresholds: Callable[[object], tuple[int, int]] | None = None
    # Where the phone the citizen gave is, as an ORM path from Case to the area's field
    # (e.g. "letter__phone"), for the kernel's own messages to them: 找回查询码 sends a new
    # query code there, or lists a phone's tracking numbers. "": not recoverable.
    citizen_phone_field: str = ""
    # The same for the citizen's e-mail (e.g. "letter__email"); "" = none.
    citizen_email_field: str = ""
    notices: tuple[Notice, ...] = ()
    # Area recipients for `Notice.to`: name -> function of (case, payload of the event)
    # returning (channel, address) pairs.
    recipients: dict[str, Callable[[object, dict], list[tuple[str, str]]]] = field(default_factory=dict, compare=False)
    # Extra values for every notice's template: a function of (case, payload).
    notice_context: Callable[[object, dict], dict] | None = field(default=None, compare=False)
    timers: tuple[TimerRule, ...] = ()
    # The published statistics (``stats.py``): the closed states that count as answered
    # (None = every closed state), and the states of cases the statistics leave out
    # altogether (e.g. a letter refused as no valid letter). Closed cases in neither set
    # count as received only (an application withdrawn).
    answered_states: frozenset[str] | None = None
    uncounted_states: frozenset[str] = frozenset()
    # A permission whose holders (supervisors) see every case of this type's rectifications
    # (``rectification.py``) besides the handling agency, e.g. "servicehall.supervise_servicehall".
    supervisor_permission: str = ""
    # The staff screen of a case of this type (a function of the Case returning the admin
    # URL), for links from kernel screens such as a rectification to the rated case.
    staff_url: Callable[[object], str] | None = None
    _by_name: dict[str, Transition] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for t in self.transitions:
            unknown = (t.sources | {t.target}) - set(self.states)
            if unknown:
                raise ValueError(f"{self.key}.{t.name}: unknown states {sorted(unknown)}")
            self._by_name[t.name] = t
        if self.initial_state not in self.states:
            raise ValueError(f"{self.key}: unknown initial state")

    def counts_as_answered(self, state: str) -> bool:
        if state not in self.closed_states:
            return False
        return self.answered_states is None or state in self.answered_states

    def transition(self, name: str) -> Transition | None:
        return self._by_name.get(name)

    def overdue_days(self, case) -> tuple[int, int]:
        if self.thresholds is None:
            return self.warning_days, self.red_days
        return self.thresholds(case)

    def rule_for(self, state: str) -> DeadlineRule | None:
        return next((r for r in self.deadlines if state in r.states), None)

    def notices_for(self, event: str) -> list[Notice]:
        return [n for n in self.notices if n.event == event]

    def timer(self, kind: str) -> TimerRule | None:
        return next((t for t in self.timers if t.kind == kind), None)

    def allowed(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]


_REGISTRY: dict[str, CaseType] = {}


def register(case_type: CaseType) -> CaseType:
    existing = _REGISTRY.get(case_type.key)
    if existing is not None and existing != case_type:
        raise ValueError(f"case type {case_type.key} registered twice")
    _REGISTRY[case_type.key] = case_type
    return case_type


def get(key: str) -> CaseType:
    return _REGISTRY[key]


def registered() -> list[CaseType]:
    return list(_REGISTRY.values())


# --- Who may take which step ----------------------------------------------------------------
# The transition table says which steps a case's state allows; the area's access rules
# (``<area>/access.py``, registered with `register_step_rule`) say which of them a user may
# take. Together they give `available_steps`, which the admin's buttons show and the
# actions' guards (`require_step`) enforce — one answer for both.

StepRule = Callable[[object, object, Transition], bool]  # (user, case, transition) -> may take it
_STEP_RULES: dict[str, StepRule] = {}


def register_step_rule(case_type_key: str, rule: StepRule) -> StepRule:
    """The area's rule of who may take a clerk's step of its case type (its access module)."""
    _STEP_RULES[case_type_key] = rule
    return rule


def may_take(user, case, name: str) -> bool:
    """Whether the area's access rules let this user take the clerk's step ``name`` on this
    case, whatever its state (the state is the transition table's part)."""
    transition = get(case.case_type).transition(name)
    if transition is None or ActorKind.CLERK not in transition.actors:
        return False
    rule = _STEP_RULES.get(case.case_type)
    return bool(rule is not None and rule(user, case, transition))


def available_steps(user, case) -> list[Transition]:
    """The steps this user may take on this case now: the transitions its state allows
    that a clerk takes and the area's access rules give this user."""
    return [t for t in get(case.case_type).allowed(case.state) if may_take(user, case, t.name)]


def require_step(user, case, name: str, error: Exception) -> None:
    """An action's guard: raise the area's `error` (NotAllowed, or NotFound where the area
    answers 404) when the access rules do not give this user the step. A step the state does
    not allow is refused by `actions.case_transition` (Conflict), as before."""
    if not may_take(user, case, name):
        raise error
