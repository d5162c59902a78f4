"""The one definition of every published figure about cases (办件统计), for cases of any type.

Each area's statistics and reports (互动交流's public 来信统计 and its staff export, the
service hall's online-service statistics and 好差评 figures, …) compute their figures here;
an area only chooses which cases (a queryset of ``Case``), how to group them, and which
ratings belong to them.

Definitions, for a period [start, end] (both optional, local dates):

- **received** (受理/收信): cases created in the period, except those in a state the case
  type leaves out of statistics (``CaseType.uncounted_states``, e.g. a letter refused as
  no valid letter).
- **answered** (已答复/办结): cases closed in the period in a state that counts as an answer
  (``CaseType.answered_states``); reopened cases are open again and count as open.
- **answered on time** / **answered late** (按期答复 / 超期答复): answered cases whose
  ``Case.closed_on_time`` is true / false. That flag is stored when the case closes
  (``actions.case_transition``) from the kernel's own clock: the due date in force at that
  moment, for every case type alike — no area recomputes it.
- **open** (办理中): cases open now, created by the end of the period.
- **open overdue** (超期未办结): open cases whose due date has passed (``due_date <
  today``; a paused clock has no due date and is not overdue).
- **on-time rate** (按期率)::

      on_time_rate = answered_on_time / (answered + open_overdue)

  An open case past its due date is already not on time, so it counts against the rate; an
  open case still within its limit is not counted yet (it may still be answered on time).
  None when the denominator is 0.
- **average working days** (平均办理用时): the mean of ``Case.closed_working_days`` (working
  days from creation to closing, stored at close) over the answered cases.
- **satisfaction rate** (满意率): ratings at a satisfied level (非常满意, 满意, 基本满意 —
  ``ratings.SATISFIED_LEVELS``) ÷ all ratings, from the ratings the area passes in
  (``add_ratings``); **bad ratings** (差评) are 不满意 and 非常不满意; **levels** counts the
  ratings per level. A rating whose bad-rating appeal (申诉复核) was upheld — a false or
  malicious rating — is left out of every rating figure (``add_ratings(case=…)``).
- **整改率 / 回访率** (rectification and return-visit rates, ``rectification_figures``):
  of the bad ratings' rectifications (差评整改) not excluded by an upheld appeal, the share
  rectified (已整改 or 已回访) and the share return-visited (已回访); the same for real-name
  bad ratings alone, where the rule is 100 %.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, fields
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from govportal.core.cases import workflow
from govportal.core.cases.ratings import BAD_LEVELS, SATISFIED_LEVELS, RatingLevel
from govportal.core.cases.rectification import RECTIFIED_STATES, RectificationState


def _levels() -> dict[int, int]:
    return {lv.value: 0 for lv in RatingLevel}


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Figures:
    """The published figures of one group of cases (see the module's definitions)."""

    received: int = 0
    answered: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    open: int = 0
    open_overdue: int = 0
    working_days: int = 0  # summed over the answered cases
    levels: dict[int, int] = field(default_factory=_levels)

    @property
    def on_time_rate(self) -> float | None:
        """answered_on_time / (answered + open_overdue), in %."""
        return _pct(self.answered_on_time, self.answered + self.open_overdue)

    @property
    def answer_rate(self) -> float | None:
        return _pct(self.answered, self.received)

    @property
    def average_working_days(self) -> float | None:
        return round(self.working_days / self.answered, 1) if self.answered else None

    @property
    def rated(self) -> int:
        return sum(self.levels.values())

    @property
    def satisfied(self) -> int:
        return sum(n for lv, n in self.levels.items() if lv in SATISFIED_LEVELS)

    @property
    def bad(self) -> int:
        return sum(n for lv, n in self.levels.items() if lv in BAD_LEVELS)

    @property
    def satisfaction_rate(self) -> float | None:
        """satisfied / rated, in %."""
        return _pct(self.satisfied, self.rated)

    def __iadd__(self, other: Figures) -> Figures:
        for f in fields(self):
            if f.name == "levels":
                for lv, n in other.levels.items():
                    self.levels[lv] = self.levels.get(lv, 0) + n
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def total(groups: Iterable[Figures]) -> Figures:
    out = Figures()
    for g in groups:
        out += g
    return out


def _by_type(per_type) -> Q:
    """OR over the registered case types of ``per_type(case_type)`` (a Q or None)."""
    q = Q(pk__in=[])
    for ct in workflow.registered():
        part = per_type(ct)
        if part is not None:
            q |= Q(case_type=ct.key) & part
    return q


def counted_q() -> Q:
    """Cases the statistics count at all."""
    return ~_by_type(lambda ct: Q(state__in=ct.uncounted_states) if ct.uncounted_states else None)


def answered_q() -> Q:
    """Closed cases in a state that counts as an answer."""
    return Q(is_open=False) & _by_type(
        lambda ct: Q(pk__isnull=False) if ct.answered_states is None else Q(state__in=ct.answered_states)
    )


def case_figures(
    cases: QuerySet,
    *,
    group: str | None = None,
    start: date | None = None,
    end: date | None = None,
    today: date | None = None,
) -> dict[Hashable, Figures]:
    """The figures of ``cases`` (a queryset of ``Case``) per value of ``group`` (an ORM path
    from Case, e.g. ``"agency_id"`` or ``"letter__mailbox_id"``; None = one group, key None),
    for the period [start, end]. One query."""
    today = today or timezone.localdate()
    qs = cases.filter(counted_q())
    everything = Q(pk__isnull=False)  # an empty Q() cannot be an aggregate's filter
    received = everything
    closed_in = everything
    if start:
        received &= Q(created_at__date__gte=start)
        closed_in &= Q(closed_at__date__gte=start)
    if end:
        received &= Q(created_at__date__lte=end)
        closed_in &= Q(closed_at__date__lte=end)
    answered = answered_q() & closed_in
    still_open = Q(is_open=True) & (Q(created_at__date__lte=end) if end else everything)
    ann = {
        "_received": Count("pk", filter=received),
        "_answered": Count("pk", filter=answered),
        "_on_time": Count("pk", filter=answered & Q(closed_on_time=True)),
        "_late": Count("pk", filter=answered & Q(closed_on_time=False)),
        "_open": Count("pk", filter=still_open),
        "_overdue": Count("pk", filter=still_open & Q(due_date__lt=today)),
        "_days": Sum("closed_working_days", filter=answered),
    }
    rows = list(qs.values(group).annotate(**ann).order_by()) if group else [qs.aggregate(**ann)]
    out: dict[Hashable, Figures] = {}
    for r in rows:
        key = r[group] if group else None
        out[key] = Figures(
            received=r["_received"],
            answered=r["_answered"],
            answered_on_time=r["_on_time"],
            answered_late=r["_late"],
            open=r["_open"],
            open_overdue=r["_overdue"],
            working_days=r["_days"] or 0,
        )
    return out


def add_ratings(
    figures: dict[Hashable, Figures],
    ratings: QuerySet,
    *,
    level: str,
    group: str | None = None,
    case: str | None = None,
) -> dict[Hashable, Figures]:
    """Count ``ratings`` (the area's rows: a rated letter, a rating of an application) per
    level into ``figures``, grouped by ``group`` (an ORM path from the rating row, giving the
    same keys as the cases' group; None = the one group). Groups with ratings but no cases
    are added. ``case``: the ORM path from the rating row to the rated ``Case`` — ratings
    excluded by an upheld appeal (申诉复核) are then left out."""
    if case:
        ratings = ratings.exclude(**{f"{case}__rectifications__excluded": True})
    values = [group, level] if group else [level]
    for r in ratings.exclude(**{f"{level}__isnull": True}).values(*values).annotate(n=Count("pk")).order_by():
        key = r[group] if group else None
        row = figures.setdefault(key, Figures())
        row.levels[r[level]] = row.levels.get(r[level], 0) + r["n"]
    return figures


@dataclass
class RectificationFigures:
    """整改率 and 回访率 of one group of bad ratings' rectifications (see the definitions)."""

    counted: int = 0  # bad ratings counted (not excluded by an upheld appeal)
    rectified: int = 0
    visited: int = 0
    excluded: int = 0
    real_name: int = 0
    real_name_rectified: int = 0
    real_name_visited: int = 0

    @property
    def rectification_rate(self) -> float | None:
        return _pct(self.rectified, self.counted)

    @property
    def return_visit_rate(self) -> float | None:
        return _pct(self.visited, self.counted)

    @property
    def real_name_rectification_rate(self) -> float | None:
        return _pct(self.real_name_rectified, self.real_name)

    @property
    def real_name_return_visit_rate(self) -> float | None:
        return _pct(self.real_name_visited, self.real_name)

    def __iadd__(self, other: RectificationFigures) -> RectificationFigures:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def rectification_figures(
    rectifications: QuerySet, *, group: str | None = None
) -> dict[Hashable, RectificationFigures]:
    """整改率/回访率 of ``rectifications`` (a queryset of ``Rectification``) per ``group`` (an ORM
    path from it, e.g. ``"case__agency_id"``; None = one group, key None). One query."""
    counted = Q(excluded=False)
    rectified = counted & Q(case__state__in=RECTIFIED_STATES)
    visited = counted & Q(case__state=RectificationState.VISITED)
    real = Q(real_name=True)
    ann = {
        "_counted": Count("pk", filter=counted),
        "_rectified": Count("pk", filter=rectified),
        "_visited": Count("pk", filter=visited),
        "_excluded": Count("pk", filter=Q(excluded=True)),
        "_real": Count("pk", filter=counted & real),
        "_real_rectified": Count("pk", filter=rectified & real),
        "_real_visited": Count("pk", filter=visited & real),
    }
    rows = list(rectifications.values(group).annotate(**ann).order_by()) if group else [rectifications.aggregate(**ann)]
    out: dict[Hashable, RectificationFigures] = {}
    for r in rows:
        out[r[group] if group else None] = RectificationFigures(
            counted=r["_counted"],
            rectified=r["_rectified"],
            visited=r["_visited"],
            excluded=r["_excluded"],
            real_name=r["_real"],
            real_name_rectified=r["_real_rectified"],
            real_name_visited=r["_real_visited"],
        )
    return out
