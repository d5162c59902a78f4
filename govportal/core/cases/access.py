"""Who may see or act on the kernel's own case types — the only place these rules are written.

差评整改 (``rectification.py``):

| who | sees | acts (verify, rectify, return visit) |
|---|---|---|
| information office | all | all |
| staff of agency A | rectifications handled by A | the same |
| holders of a rated case type's ``supervisor_permission`` (the hall's 网上办事督查) | that type's | — |
| anyone else | 404 | 404 |

申诉复核 (an appeal against a false or malicious rating): the handling agency applies (as it
acts above); only the information office decides (``may_decide_appeal``).
"""

from __future__ import annotations

from django.db.models import Q

from govportal.core import access as core
from govportal.core.cases import workflow


def supervised_case_types(user) -> list[str]:
    """The rated case types whose rectifications the user supervises (sees, read-only)."""
    return [
        ct.key
        for ct in workflow.registered()
        if ct.supervisor_permission and core.holds(user, ct.supervisor_permission)
    ]


def rectification_access(user, *, act: bool = False) -> Q | None:
    """The rectifications ``user`` may see (``act=False``) or act on (``act=True``), as a
    filter on ``Rectification``; None = none at all."""
    if not core.is_signed_in(user):
        return None
    if core.is_information_office(user):
        return Q(pk__isnull=False)
    agency_id = core.agency_id_of(user)
    q = Q(case__agency_id=agency_id) if agency_id is not None else Q(pk__in=[])
    if not act:
        supervised = supervised_case_types(user)
        if supervised:
            q |= Q(rated_case__case_type__in=supervised)
    return q


def may_open_rectifications(user) -> bool:
    """The admin menu item 差评整改: staff of an agency, the office, supervisors."""
    return core.is_information_office(user) or core.has_agency(user) or bool(supervised_case_types(user))


def may_decide_appeal(user) -> bool:
    """申诉复核 is decided by the information office."""
    return core.is_information_office(user)
