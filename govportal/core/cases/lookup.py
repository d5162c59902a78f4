"""The one citizen lookup (办件查询) of every case type: the page at /cases/ and the API at
/api/v1/cases/{tracking_number}. The kernel asks for the tracking number + query code (rate
limits through `core.antiabuse`), keeps the proof in the session (`remember_proof` /
`has_proof`) and shows the fields every case has; each case type adds a **detail block**,
declared by its area in ``<area>/cases.py`` (imported by the area's ``AppConfig.ready``):

    register_detail(
        "letter",
        template="interaction/cases/detail.html",   # rendered inside the kernel page
        context=letter_context,                     # (request, case) -> dict for the template
        api=letter_detail,                          # (case) -> dict: the API's ``detail``
        may_view=None,                              # (request, case) -> bool: who may see it
    )                                               #   without the code (a signed-in owner)

The area's own actions on a case (rate, supplement, withdraw, download a decision or result)
stay area views; they find the case with `proven_case`, which accepts the same proofs as the
kernel page. The areas' old lookup URLs call `old_lookup_url` (bookmarks keep working) and
their old API lookups are deprecated aliases over `case_for_api`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from govportal.core.antiabuse.guard import client_key
from govportal.core.cases.models import Case
from govportal.core.cases.selectors import WRONG, case_for_citizen, citizen_view
from govportal.core.errors import NotFound

PROOFS = "case_proofs"
MAX_PROOFS = 20


@dataclass(frozen=True)
class DetailBlock:
    case_type: str
    template: str
    context: Callable[[HttpRequest, Case], dict]
    api: Callable[[Case], dict] | None = None
    may_view: Callable[[HttpRequest, Case], bool] | None = None


_blocks: dict[str, DetailBlock] = {}


def register_detail(
    case_type: str,
    *,
    template: str,
    context: Callable[[HttpRequest, Case], dict],
    api: Callable[[Case], dict] | None = None,
    may_view: Callable[[HttpRequest, Case], bool] | None = None,
) -> DetailBlock:
    block = DetailBlock(case_type=case_type, template=template, context=context, api=api, may_view=may_view)
    _blocks[case_type] = block
    return block


def detail_block(case_type: str) -> DetailBlock | None:
    return _blocks.get(case_type)


def registered_types() -> list[str]:
    return sorted(_blocks)


# --- proof of the query code, kept in the session ------------------------------------------


def remember_proof(request, tracking_number: str) -> None:
    proofs = [n for n in request.session.get(PROOFS, []) if n != tracking_number]
    request.session[PROOFS] = [*proofs[-(MAX_PROOFS - 1) :], tracking_number]


def has_proof(request, tracking_number: str) -> bool:
    return (tracking_number or "").strip().upper() in request.session.get(PROOFS, [])


def may_view(request, case: Case) -> bool:
    """This session proved the case's code, or the case type lets this caller see it
    without the code (the service hall: the signed-in applicant)."""
    if has_proof(request, case.tracking_number):
        return True
    block = _blocks.get(case.case_type)
    return bool(block and block.may_view and block.may_view(request, case))


def proven_case(request, tracking_number: str, *, case_type: str | None = None, code: str = "") -> Case:
    """The case an area action may act on: the code given now (checked and counted like a
    lookup), else the session's proof or the case type's own rule. One NotFound otherwise."""
    number = (tracking_number or "").strip().upper()[:32]
    if code:
        case = case_for_citizen(tracking_number=number, query_code=code, client=client_key(request))
    else:
        case = Case.objects.filter(tracking_number=number).first() if number else None
        if case is not None and not may_view(request, case):
            case = None
    if case is None or (case_type is not None and case.case_type != case_type):
        raise NotFound(WRONG)
    return case


# --- the API ---------------------------------------------------------------------------------


def case_for_api(request, tracking_number: str, query_code: str, *, case_type: str | None = None) -> dict:
    """The API's answer for every case type: the common fields and the type's ``detail``.
    With ``case_type`` (the areas' deprecated aliases) another type's number is a NotFound
    with the same message as a wrong code."""
    case = case_for_citizen(tracking_number=tracking_number, query_code=query_code, client=client_key(request))
    if case_type is not None and case.case_type != case_type:
        raise NotFound(WRONG)
    view = citizen_view(case)
    block = _blocks.get(case.case_type)
    return {
        "tracking_number": view.tracking_number,
        "case_type": case.case_type,
        "type": view.type_name,
        "title": view.title,
        "status": view.status,
        "is_open": view.is_open,
        "due_date": view.due_date,
        "due_explanation": view.due_explanation,
        "history": [{"at": e.at, "label": e.label} for e in view.history],
        "detail": block.api(case) if block and block.api else None,
    }


def detail_context(request, case: Case) -> dict[str, Any]:
    block = _blocks.get(case.case_type)
    if block is None:
        return {}
    return {"detail_template": block.template, **block.context(request, case)}
