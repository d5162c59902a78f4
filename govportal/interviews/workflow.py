"""The `interview` case type: one case per interview, on the kernel's clocks.

预告 (announced) → 直播中 (live) → 已结束 (ended: the questions not answered live are being
answered in writing) → 已办结 (closed: every taken question has its answer).

The ``written`` timer (书面答复期限) starts when the interview ends and runs
``INTERVIEWS_WRITTEN_ANSWER_DAYS`` working days (carried in the ``end`` event's payload
under ``written_days``, so a later change of the setting does not move a running timer);
it stops when the last open question is answered in writing (the ``close`` step). The
kernel's working-day calendar computes the due date; a calendar change recomputes it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govportal.core.cases.models import ActorKind
from govportal.core.cases.workflow import CaseType, TimerRule, Transition, register

KEY = "interview"
CLERK = frozenset({ActorKind.CLERK})
SYSTEM_OR_CLERK = frozenset({ActorKind.CLERK, ActorKind.SYSTEM})
WRITTEN = "written"


class CaseState(models.TextChoices):
    ANNOUNCED = "announced", _("预告")
    LIVE = "live", _("直播中")
    ENDED = "ended", _("书面答复中")
    CLOSED = "closed", _("已办结")


S = CaseState

CASE_TYPE = register(
    CaseType(
        key=KEY,
        prefix="FT",
        name="在线访谈",
        states=dict(CaseState.choices),
        initial_state=S.ANNOUNCED,
        closed_states=frozenset({S.CLOSED}),
        transitions=(
            Transition("start", frozenset({S.ANNOUNCED}), S.LIVE, "开始直播", CLERK),
            Transition("end", frozenset({S.LIVE}), S.ENDED, "结束直播", CLERK),
            Transition("close", frozenset({S.ENDED}), S.CLOSED, "书面答复完毕", SYSTEM_OR_CLERK),
        ),
        timers=(
            TimerRule(
                kind=WRITTEN,
                label="书面答复",
                days=5,
                start_events=frozenset({"end"}),
                stop_events=frozenset({"close"}),
                days_key="written_days",
            ),
        ),
    )
)
