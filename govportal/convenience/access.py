"""Who may see or do what in 便民服务 — the only place these rules are written."""

from __future__ import annotations

# --- 公共查询 (public query systems) — helper "query" ------------------------------------------
#
# | who | query systems |
# |---|---|
# | information office | every system: configure, import, read its import log and query audit |
# | staff of an agency (a utility's supervising agency, 交警支队 …) | its own agency's systems only; another's is a 404 |
# | citizens | published systems: the query form and its answer, nothing listed |
from django.db.models import QuerySet

from govportal.core import access as core
from govportal.core.access import ScopedPolicy
from govportal.core.models import Agency


def may_use_query_admin(user) -> bool:
    """The menu 公共查询 in the admin."""
    return core.is_information_office(user) or core.has_agency(user)


def query_systems_for_staff(user, qs: QuerySet) -> QuerySet:
    """The query systems a member of staff configures: their agency's; the office all."""
    return core.scope_to_agency(user, qs, "agency_id")


def may_manage_query_system(user, system) -> bool:
    return core.office_or_member(user, system.agency_id)


def limit_query_agency_field(form, user) -> None:
    """An agency's staff file query systems under their own agency only."""
    if "agency" in form.fields and not core.is_information_office(user):
        form.fields["agency"].queryset = Agency.objects.filter(pk=core.agency_id_of(user))
        form.fields["agency"].empty_label = None


def _query_policy():
    from govportal.convenience.models import QuerySystem

    return ScopedPolicy(QuerySystem, agency_path="agency_id")


QUERY_SYSTEM_POLICY = _query_policy()
# --- end 公共查询 ------------------------------------------------------------------------------
