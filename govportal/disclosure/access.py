"""Who may see or do what in 政府信息公开 — the only place these rules are written.

| who | requests | annual reports | the 20-WD tracker |
|---|---|---|---|
| information office, holders of ``disclosure.view_all_requests`` | all, act | all | all |
| a clerk of agency A with ``disclosure.handle_request`` | A's, act | A's | A's documents |
| other staff of A | none | A's | A's documents |
| anyone else | 404 | 404 | — |

Extending the reply period (Art. 33) also needs ``disclosure.approve_extension`` (the head of
the disclosure office). The clerk's steps of the request's transition table are given by
`kernel.available_steps` (the admin's forms) and enforced by `require_step` (the actions).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from govportal.cluster.models import SiteHomePage
from govportal.core import access as core
from govportal.core.cases import workflow as kernel
from govportal.core.errors import NotAllowed
from govportal.disclosure.workflow import KEY

PERM_HANDLE = "disclosure.handle_request"
PERM_EXTEND = "disclosure.approve_extension"
PERM_VIEW_ALL = "disclosure.view_all_requests"


# --- who ---------------------------------------------------------------------------------------
def sees_all_requests(user) -> bool:
    return core.is_information_office(user) or core.holds(user, PERM_VIEW_ALL)


def handles_requests(user) -> bool:
    """The admin's 政府信息公开 menu and screens (others get 403 there, as Django's admin does)."""
    return core.is_information_office(user) or core.holds(user, PERM_HANDLE)


def may_act_for(user, agency_id: int | None) -> bool:
    """Handle this agency's requests and reports."""
    if user is None or not user.is_authenticated:
        return False
    if sees_all_requests(user):
        return True
    return core.belongs_to(user, agency_id) and core.holds(user, PERM_HANDLE)


def may_extend(user) -> bool:
    return core.is_information_office(user) or core.holds(user, PERM_EXTEND)


def require_may_act_for(user, agency_id: int | None) -> None:
    if user is None or not user.is_authenticated:
        raise NotAllowed(_("请先登录"))
    if not may_act_for(user, agency_id):
        raise NotAllowed(_("无权办理该单位的政府信息公开申请"))


# --- rows ----------------------------------------------------------------------------------------
def requests_visible(user, qs: QuerySet) -> QuerySet:
    if not user or not user.is_authenticated:
        return qs.none()
    if sees_all_requests(user):
        return qs
    agency_id = core.agency_id_of(user)
    if agency_id is not None and core.holds(user, PERM_HANDLE):
        return qs.filter(agency_id=agency_id)
    return qs.none()


def reports_visible(user, qs: QuerySet) -> QuerySet:
    return core.scope_to_agency(user, qs, "agency_id", sees_all=sees_all_requests)


def agencies_visible(user, agencies: QuerySet) -> QuerySet:
    """The agencies a user may register requests for."""
    return agencies if sees_all_requests(user) else agencies.filter(pk=core.agency_id_of(user))


def tracker_documents(user, qs: QuerySet) -> QuerySet | None:
    """The disclosure documents of the 20-WD tracker: the agency's sites' (None: it has none)."""
    if sees_all_requests(user):
        return qs
    homes = SiteHomePage.objects.filter(agency_id=core.agency_id_of(user))
    if not homes:
        return None
    cond = Q()
    for home in homes:
        cond |= Q(path__startswith=home.path)
    return qs.filter(cond)


# --- steps -----------------------------------------------------------------------------------------
def _step_rule(user, case, transition) -> bool:
    req = case.disclosure_request
    if not may_act_for(user, req.agency_id):
        return False
    # Extending (Art. 33) and setting a longer period (Art. 35) are the head's decisions.
    return transition.name not in {"extend", "delay"} or may_extend(user)


kernel.register_step_rule(KEY, _step_rule)


def require_step(user, req, name: str) -> None:
    """The guard of a clerk's step: the same answer as `available_steps`, with the reason."""
    if kernel.may_take(user, req.case, name):
        return
    require_may_act_for(user, req.agency_id)
    raise NotAllowed(_("延长或延迟答复期限须经政府信息公开工作机构负责人同意"))
