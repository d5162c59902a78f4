"""Who may see or do what in 调查征集 — the only place these rules are written.

Surveys and evaluations (网上调查、网上评议):

| who | sees and edits | results before the close |
|---|---|---|
| the information office | every survey and evaluation | sealed, unless the survey says otherwise |
| the staff of the owning agency (发起单位) | its own only; another agency's is a 404 | sealed, as above |
| citizens | published ones | sealed, as above |

Results are sealed until the close **for everyone** — the office included — unless the survey
is set to show them while open (`Survey.results_public_while_open`). Evaluation results are
shown once closed and the owner has published them.

意见征集 and 网上听证:

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
from govportal.core.models import Agency
from govportal.participation.models import Evaluation, ParticipationStatus, Survey
from govportal.participation.models_drafts import Hearing, HearingRegistration, Solicitation, SolicitationComment

# --- surveys and evaluations ------------------------------------------------


def may_use_admin(user) -> bool:
    """The menu 调查评议."""
    return core.is_information_office(user) or core.has_agency(user)


def own_rows(user, qs: QuerySet) -> QuerySet:
    """An agency's staff work on their own agency's surveys and evaluations; the office all."""
    return core.scope_to_agency(user, qs, "agency_id")


def require_owner(user, obj) -> None:
    """404 (not 403) for a survey or evaluation of another agency."""
    if not core.office_or_member(user, obj.agency_id):
        raise NotFound("没有找到该调查或评议")


def may_manage(user, obj) -> bool:
    return core.office_or_member(user, obj.agency_id)


def public(qs: QuerySet) -> QuerySet:
    """What citizens see: published (an upcoming one shows its dates)."""
    return qs.filter(status=ParticipationStatus.PUBLISHED)


def survey_results_visible(survey: Survey, now=None) -> bool:
    """Sealed until the close, for everyone, unless the survey says otherwise."""
    phase = survey.phase(now)
    return phase == "closed" or (phase == "open" and survey.results_public_while_open)


def evaluation_results_visible(evaluation: Evaluation, now=None) -> bool:
    return evaluation.phase(now) == "closed" and evaluation.results_published


def limit_agency_field(form, user) -> None:
    """An agency's staff file surveys, evaluations, drafts and hearings under their own agency only."""
    if "agency" in form.fields and not core.is_information_office(user):
        form.fields["agency"].queryset = Agency.objects.filter(pk=core.agency_id_of(user))
        form.fields["agency"].required = True
        form.fields["agency"].empty_label = None


def may_delete(user, obj) -> bool:
    return may_manage(user, obj) and not obj.responses.exists()


def _not_deleted_once_answered(user, action, instance) -> bool:
    """A survey or evaluation with answers is never deleted (its results are a record)."""
    return action != "delete" or not instance.responses.exists()


SURVEY_POLICY = ScopedPolicy(Survey, agency_path="agency_id", instance_rule=_not_deleted_once_answered)
EVALUATION_POLICY = ScopedPolicy(Evaluation, agency_path="agency_id", instance_rule=_not_deleted_once_answered)


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


SOLICITATION_POLICY = ScopedPolicy(Solicitation, agency_path="agency_id")
COMMENT_POLICY = ScopedPolicy(SolicitationComment, agency_path="solicitation__agency_id")
HEARING_POLICY = ScopedPolicy(Hearing, agency_path="agency_id")
REGISTRATION_POLICY = ScopedPolicy(HearingRegistration, agency_path="hearing__agency_id")

# --- end of 意见征集 and 网上听证 -------------------------------------------------------------
