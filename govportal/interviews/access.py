"""Who may see or do what in 在线访谈 — the only place these rules are written.

| who | interviews (访谈管理) | the live console (访谈直播间) of an interview |
|---|---|---|
| information office | creates, edits, deletes every interview | every interview |
| the responsible agency's staff (host 主持人, moderator 审核员, typist 录入员) | — | its own agency's interviews: moderate questions, enter the host's and guests' words and answers, start and end the live, answer in writing, publish the transcript |
| staff of another agency | — | 404 |
| guests | no account: their words are entered by the typist | — |
| citizens | the public pages; ask questions (CAPTCHA, limits) | — |
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from govportal.core import access as core
from govportal.core.access import ScopedPolicy
from govportal.core.cases import workflow as kernel
from govportal.core.errors import NotFound
from govportal.interviews.models import Interview
from govportal.interviews.workflow import KEY


def may_use_console(user) -> bool:
    """The menu 访谈直播间: the information office and the staff of any agency."""
    return core.is_information_office(user) or core.has_agency(user)


def may_work_on(user, interview: Interview) -> bool:
    """The responsible agency's host, moderator and typist — or the information office."""
    return core.office_or_member(user, interview.agency_id)


def interviews_for_staff(user, qs: QuerySet[Interview] | None = None) -> QuerySet[Interview]:
    qs = Interview.objects.select_related("agency") if qs is None else qs
    return core.scope_to_agency(user, qs, "agency_id")


def interview_for_staff(user, pk) -> Interview:
    """The interview, or 404 for anyone who may not work on it (never 403)."""
    interview = interviews_for_staff(user).filter(pk=pk).first()
    if interview is None:
        raise Http404
    return interview


def require(user, interview: Interview) -> None:
    """An action's guard: another agency's staff get a 404, as in the views."""
    if not may_work_on(user, interview):
        raise NotFound("访谈不存在")


def _step_rule(user, case, transition) -> bool:
    interview = Interview.objects.filter(case=case).only("agency_id").first()
    return interview is not None and may_work_on(user, interview)


kernel.register_step_rule(KEY, _step_rule)


def _may_delete(user, action, interview) -> bool:
    """An interview citizens have asked questions of is never deleted (an acknowledged
    question is never lost): unpublish it instead."""
    return action != "delete" or not interview.questions.exists()


INTERVIEW_POLICY = ScopedPolicy(Interview, instance_rule=_may_delete)  # no agency: the information office only


def images_for(user):
    """Images a typist may put in the live transcript: those Wagtail lets the user choose
    (their agency's collection; the information office all)."""
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    if not core.is_signed_in(user):
        return get_image_model().objects.none()
    return policy_registry.get_by_type(get_image_model()).instances_user_has_any_permission_for(user, ["choose"])
