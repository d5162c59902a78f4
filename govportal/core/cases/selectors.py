"""Reads of cases whose answer depends on who asks.

A citizen finds a case by tracking number + query code. A wrong code and an unknown number
give the same answer (NotFound with the same message), and failed attempts are counted in
the cache per client and per tracking number, so guessing is slow everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import constant_time_compare

from govportal.core.cases import workflow
from govportal.core.cases.actions import hash_query_code
from govportal.core.cases.models import Case, CaseEvent
from govportal.core.errors import GovPortalError, NotFound

WRONG = "办件编号或查询码不正确"
WINDOW_SECONDS = 15 * 60


class TooManyAttempts(GovPortalError):
    status_code = 429


def _limits() -> tuple[int, int]:
    return (
        getattr(settings, "GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CLIENT", 10),
        getattr(settings, "GOVPORTAL_CASE_LOOKUP_MAX_FAILURES_PER_CASE", 20),
    )


def _keys(client: str, tracking_number: str) -> tuple[str, str]:
    return f"caselookup:client:{client}", f"caselookup:case:{tracking_number.upper()}"


def _fail(keys: tuple[str, str]) -> None:
    for key in keys:
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, WINDOW_SECONDS)


def case_for_citizen(*, tracking_number: str, query_code: str, client: str) -> Case:
    tracking_number = (tracking_number or "").strip().upper()
    keys = _keys(client, tracking_number)
    per_client, per_case = _limits()
    if (cache.get(keys[0]) or 0) >= per_client or (cache.get(keys[1]) or 0) >= per_case:
        raise TooManyAttempts("查询次数过多，请15分钟后再试")
    case = Case.objects.filter(tracking_number=tracking_number).first()
    # Hash even when the case is unknown so both answers take the same work.
    expected = case.query_code_hash if case else hash_query_code("-", "-")
    if not query_code or not constant_time_compare(hash_query_code(tracking_number, query_code), expected) or not case:
        _fail(keys)
        raise NotFound(WRONG)
    return case


@dataclass(frozen=True)
class PublicEvent:
    at: object
    label: str


@dataclass(frozen=True)
class CitizenView:
    tracking_number: str
    type_name: str
    title: str
    status: str
    is_open: bool
    due_date: date | None
    due_explanation: str
    history: list[PublicEvent]


def citizen_view(case: Case) -> CitizenView:
    ct = workflow.get(case.case_type)
    events = CaseEvent.objects.filter(case=case, is_public=True).order_by("created_at", "id")
    return CitizenView(
        tracking_number=case.tracking_number,
        type_name=ct.name,
        title=case.title,
        status=ct.states.get(case.state, case.state),
        is_open=case.is_open,
        due_date=case.due_date,
        due_explanation=case.due_explanation,
        history=[PublicEvent(at=e.created_at, label=e.label) for e in events],
    )
