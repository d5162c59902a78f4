"""Reads of cases whose answer depends on who asks.

A citizen finds a case by tracking number + query code. A wrong code and an unknown number
give the same answer (NotFound with the same message), and failed attempts are counted in
the cache per client, so guessing is slow (`antiabuse.limits`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.crypto import constant_time_compare

from govportal.core.antiabuse import limits
from govportal.core.cases import workflow
from govportal.core.cases.actions import case_query_code_promote, hash_query_code
from govportal.core.cases.models import Case, CaseEvent, PendingQueryCode
from govportal.core.errors import NotFound, TooManyRequests

WRONG = "办件编号或查询码不正确"

# The old name: a lookup over the limit is a 429 like every other limit.
TooManyAttempts = TooManyRequests


def case_for_citizen(*, tracking_number: str, query_code: str, client: str) -> Case:
    """The case if the query code is its own; NotFound (one message for a wrong code and an
    unknown number) otherwise. Failures are counted per client only (`antiabuse.limits`): a
    count per case let anyone lock a citizen out of their own case with 20 wrong codes."""
    tracking_number = (tracking_number or "").strip().upper()
    limits.check_lookup(client=client)
    case = Case.objects.filter(tracking_number=tracking_number).first()
    # Hash even when the case is unknown so both answers take the same work.
    expected = case.query_code_hash if case else hash_query_code("-", "-")
    given = hash_query_code(tracking_number, query_code or "")
    if query_code and case and constant_time_compare(given, expected):
        return case
    if query_code and case:
        # A code sent by 找回查询码 and not used yet: its first use makes it the case's code.
        pending = PendingQueryCode.objects.filter(case=case, expires_at__gt=timezone.now()).first()
        if pending is not None and constant_time_compare(given, pending.code_hash):
            case_query_code_promote(case=case, pending=pending)
            return case
    limits.lookup_failed(client=client)
    raise NotFound(WRONG)


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
