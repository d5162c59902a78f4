"""Who may see or do what in 便民服务 (travel, culture and the directory) — the only place
these rules are written.

| what | who |
|---|---|
| 旅游文化 pages | the agencies named as the subtree root's maintainers (文化和旅游局): their groups get page permissions on the root (Wagtail; `tourism_roots`), the information office all |
| 便民服务目录 entries | the maintaining agency's staff, the information office all; another agency's entry is a 404 |
| a 纠错 case | the entry's maintaining agency (the case's agency) replies; the information office all; anyone else 404 |
| import / export | staff of an agency (into / from their own agency's entries); the office chooses the agency |
"""

from __future__ import annotations

from django.db.models import QuerySet

from govportal.cluster.permissions import register_root_source
from govportal.convenience.models import DirectoryCorrection, DirectoryEntry, TourismIndexPage
from govportal.convenience.workflow import KEY
from govportal.core import access as core
from govportal.core.access import ScopedPolicy
from govportal.core.cases import workflow as kernel
from govportal.core.errors import NotAllowed, NotFound
from govportal.core.models import Agency

# --- 旅游文化: the maintainers' subtree ----------------------------------------------------------


def tourism_roots(agency: Agency) -> list:
    """The 旅游文化 roots an agency maintains: permission roots of its groups."""
    return list(TourismIndexPage.objects.filter(maintainers=agency).order_by("path"))


register_root_source(tourism_roots)


# --- 便民服务目录 --------------------------------------------------------------------------------

DIRECTORY_POLICY = ScopedPolicy(DirectoryEntry, agency_path="agency_id")


def entries_for_staff(user, qs: QuerySet[DirectoryEntry] | None = None) -> QuerySet[DirectoryEntry]:
    """The entries a member of staff maintains (admin listing, export)."""
    qs = DirectoryEntry.objects.select_related("agency", "township") if qs is None else qs
    return core.scope_to_agency(user, qs, "agency_id")


def may_edit_entry(user, entry: DirectoryEntry) -> bool:
    return core.office_or_member(user, entry.agency_id)


def may_use_directory_admin(user) -> bool:
    return core.is_information_office(user) or core.has_agency(user)


def import_agencies(user) -> QuerySet[Agency] | None:
    """Which agency an import writes into: None = the user's own (no choice shown); the
    information office chooses among all."""
    if core.is_information_office(user):
        return Agency.objects.filter(is_active=True).order_by("sort_order", "pk")
    return None


def import_agency(user, chosen: Agency | None) -> Agency:
    """The agency whose entries an import writes (NotAllowed for staff without one)."""
    if core.is_information_office(user):
        if chosen is None:
            raise NotAllowed("请选择维护单位")
        return chosen
    agency_id = core.agency_id_of(user)
    if agency_id is None:
        raise NotAllowed("只有单位工作人员可以导入目录")
    return Agency.objects.get(pk=agency_id)


def limit_agency_field(form, user) -> None:
    """An agency's staff file directory entries and query systems under their own agency only."""
    if "agency" in form.fields and not core.is_information_office(user):
        form.fields["agency"].queryset = Agency.objects.filter(pk=core.agency_id_of(user))
        form.fields["agency"].required = True
        form.fields["agency"].empty_label = None


# --- 纠错 cases -------------------------------------------------------------------------------


def corrections_for(user) -> QuerySet[DirectoryCorrection]:
    qs = DirectoryCorrection.objects.select_related("case", "entry", "entry__township")
    return core.scope_to_agency(user, qs, "case__agency_id")


def correction_for(user, pk: int) -> DirectoryCorrection:
    """One 纠错 case this user may see — 404 for another agency's."""
    correction = corrections_for(user).filter(pk=pk).first()
    if correction is None:
        raise NotFound("没有找到该纠错事项")
    return correction


def _step_rule(user, case, transition) -> bool:
    return core.office_or_member(user, case.agency_id)


kernel.register_step_rule(KEY, _step_rule)


def require_reply(user, correction: DirectoryCorrection) -> None:
    if not kernel.may_take(user, correction.case, "reply"):
        raise NotAllowed("只有该条目的维护单位可以处理纠错")


# --- 公共查询 (public query systems) ----------------------------------------------------------
#
# | who | query systems |
# |---|---|
# | information office | every system: configure, import, read its import log and query audit |
# | staff of an agency (a utility's supervising agency, 交警支队 …) | its own agency's systems only; another's is a 404 |
# | citizens | published systems: the query form and its answer, nothing listed |


def may_use_query_admin(user) -> bool:
    """The menu 公共查询 in the admin."""
    return core.is_information_office(user) or core.has_agency(user)


def query_systems_for_staff(user, qs: QuerySet) -> QuerySet:
    """The query systems a member of staff configures: their agency's; the office all."""
    return core.scope_to_agency(user, qs, "agency_id")


def may_manage_query_system(user, system) -> bool:
    return core.office_or_member(user, system.agency_id)


def _query_policy():
    from govportal.convenience.models import QuerySystem

    return ScopedPolicy(QuerySystem, agency_path="agency_id")


QUERY_SYSTEM_POLICY = _query_policy()
# --- end 公共查询 ------------------------------------------------------------------------------
