"""Who may see or do what in 调查征集 — the only place these rules are written.

# --- 意见征集 and 网上听证 (issue 22 points 2, 3; helper "drafts") -------------------------

| who | drafts for comment (意见征集) and their comments | hearings (网上听证) and registrations |
|---|---|---|
| information office | all; the list of drafts whose period ended without feedback | all |
| the drafting/organising agency's staff | its own: edit, review comments, feedback | its own: edit, select, record |
| anyone else in the admin | 404 | 404 |
| citizens | published drafts, published comments (masked), published feedback | published hearings, the record once published |
"""

from __future__ import annotations

from django.db.models import QuerySet

from govportal.core import access as core
from govportal.core.access import ScopedPolicy
from govportal.core.errors import NotFound
from govportal.participation.models_drafts import Hearing, HearingRegistration, Solicitation, SolicitationComment


def may_manage_participation(user) -> bool:
    """The admin menu 意见征集/网上听证: the information office and every agency's staff."""
    return core.is_information_office(user) or core.has_agency(user)


def sees_every_agency(user) -> bool:
    """The office's cross-agency lists (drafts without feedback)."""
    return core.is_information_office(user)


def solicitations_for_staff(user, qs: QuerySet[Solicitation] | None = None) -> QuerySet[Solicitation]:
    return core.scope_to_agency(user, Solicitation.objects.all() if qs is None else qs, "agency_id")


def hearings_for_staff(user, qs: QuerySet[Hearing] | None = None) -> QuerySet[Hearing]:
    return core.scope_to_agency(user, Hearing.objects.all() if qs is None else qs, "agency_id")


def solicitation_for_staff(user, pk) -> Solicitation:
    """One draft the user manages; another agency's draft is 404 (NotFound), never 403."""
    obj = solicitations_for_staff(user).filter(pk=pk).first()
    if obj is None:
        raise NotFound("没有找到该意见征集")
    return obj


def hearing_for_staff(user, pk) -> Hearing:
    obj = hearings_for_staff(user).filter(pk=pk).first()
    if obj is None:
        raise NotFound("没有找到该听证")
    return obj


def require_manages_solicitation(user, solicitation: Solicitation) -> None:
    if not core.office_or_member(user, solicitation.agency_id):
        raise NotFound("没有找到该意见征集")


def require_manages_hearing(user, hearing: Hearing) -> None:
    if not core.office_or_member(user, hearing.agency_id):
        raise NotFound("没有找到该听证")


def limit_agency_field(form, user) -> None:
    """An agency's staff file drafts and hearings under their own agency only."""
    from govportal.core.models import Agency

    if "agency" in form.fields and not core.is_information_office(user):
        form.fields["agency"].queryset = Agency.objects.filter(pk=core.agency_id_of(user))
        form.fields["agency"].empty_label = None


SOLICITATION_POLICY = ScopedPolicy(Solicitation, agency_path="agency_id")
COMMENT_POLICY = ScopedPolicy(SolicitationComment, agency_path="solicitation__agency_id")
HEARING_POLICY = ScopedPolicy(Hearing, agency_path="agency_id")
REGISTRATION_POLICY = ScopedPolicy(HearingRegistration, agency_path="hearing__agency_id")

# --- end of 意见征集 and 网上听证 -------------------------------------------------------------
