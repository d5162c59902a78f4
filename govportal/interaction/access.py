"""Who may see or do what in 互动交流 — the only place these rules are written.

| who | sees a letter | takes its steps |
|---|---|---|
| information office | every letter | every step |
| the mailbox's triage agency (分办单位) | its mailboxes' letters | accept, refuse, to petition, assign, decide an extension (extend), publish |
| the handling agency (承办单位) | letters assigned to it | return, ask for an extension, countersign, draft and submit the reply |
| its reviewers and leaders (审核人/签发领导) | — | approve or return the drafted reply |
| a countersigning agency (会签单位) | letters it was asked about | its opinion |
| the replying or triage agency | — | promote a replied letter to the FAQ |
| anyone else | 404 | — |

FAQ entries and reply templates: each agency its own rows, the information office all.
Mailboxes: the information office only. Letter steps of the transition table are given by
`kernel.available_steps` (the admin's buttons) and enforced by `require_step` (the actions).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from govportal.core import access as core
from govportal.core.access import ScopedPolicy, information_office_only
from govportal.core.cases import workflow as kernel
from govportal.core.errors import NotAllowed
from govportal.core.models import Agency, Role
from govportal.interaction.models import FaqEntry, Letter, Mailbox, ReplyTemplate
from govportal.interaction.workflow import KEY

# --- who, for one letter ---------------------------------------------------------------------


def is_triage(user, letter: Letter) -> bool:
    """The mailbox's triaging agency (分办单位) — or the information office."""
    return core.office_or_member(user, letter.mailbox.triage_agency_id)


def is_handler(user, letter: Letter) -> bool:
    """The agency the letter is assigned to (承办单位) — or the information office."""
    return core.office_or_member(user, letter.handling_agency_id)


def is_reviewer(user, letter: Letter) -> bool:
    """A reviewer or signing leader of the handling agency (审核人/签发领导), who approves or
    returns its drafted reply — or the information office."""
    if core.is_information_office(user):
        return True
    if not is_handler(user, letter):
        return False
    return bool(core.roles_in(user, letter.handling_agency_id) & {Role.REVIEWER, Role.LEADER})


def is_countersigner(user, countersign) -> bool:
    """The agency asked for its opinion (会签单位) — or the information office."""
    return core.office_or_member(user, countersign.agency_id)


def open_countersign(user, letter: Letter):
    """The user's agency's unanswered countersign request on this letter, if any."""
    agency_id = core.agency_id_of(user)
    if agency_id is None:
        return None
    return next((c for c in letter.countersigns.all() if c.agency_id == agency_id and c.answered_at is None), None)


def may_promote_to_faq(user, letter: Letter) -> bool:
    return core.is_information_office(user) or core.agency_id_of(user) in {
        letter.reply_agency_id,
        letter.mailbox.triage_agency_id,
    }


def may_use_letters_admin(user) -> bool:
    """The menu 来信办理."""
    return core.is_information_office(user) or core.has_agency(user)


# --- which letters -----------------------------------------------------------------------------


def letters_visible(user, qs: QuerySet[Letter]) -> QuerySet[Letter]:
    """Letters of mailboxes the agency triages, assigned to it, or it was asked to countersign."""
    if core.is_information_office(user):
        return qs
    agency_id = core.agency_id_of(user)
    if agency_id is None:
        return qs.none()
    return qs.filter(
        Q(mailbox__triage_agency_id=agency_id) | Q(handling_agency_id=agency_id) | Q(countersigns__agency_id=agency_id)
    ).distinct()


# --- steps: the transition table's clerk steps, by who takes them ---------------------------

TRIAGE, HANDLER, REVIEWER = "triage", "handler", "reviewer"
STEP_TAKER = {
    "accept": TRIAGE,
    "refuse": TRIAGE,
    "to_petition": TRIAGE,
    "assign": TRIAGE,
    "extend": TRIAGE,  # the triage agency approves the handler's request
    "return": HANDLER,
    "countersign": HANDLER,
    "submit_reply": HANDLER,
    "reject_reply": REVIEWER,
    "approve_reply": REVIEWER,
    # "countersigned" is taken by the kernel when the last opinion is in; no one's button.
}
REFUSALS = {
    TRIAGE: "只有信箱的分办单位可以进行此操作",
    HANDLER: "只有承办单位可以进行此操作",
    REVIEWER: "只有承办单位的审核人或签发领导可以审核答复",
}
_TEST = {TRIAGE: is_triage, HANDLER: is_handler, REVIEWER: is_reviewer}


def _step_rule(user, case, transition) -> bool:
    taker = STEP_TAKER.get(transition.name)
    return taker is not None and _TEST[taker](user, case.letter)


kernel.register_step_rule(KEY, _step_rule)


def require(user, letter: Letter, taker: str) -> None:
    """An action's guard for a step of this taker (NotAllowed with the reason)."""
    if taker == REVIEWER and not is_handler(user, letter):
        raise NotAllowed(REFUSALS[HANDLER])
    if not _TEST[taker](user, letter):
        raise NotAllowed(REFUSALS[taker])


def require_step(user, letter: Letter, name: str) -> None:
    """The guard of a transition-table step: the same answer as `available_steps`."""
    if not kernel.may_take(user, letter.case, name):
        require(user, letter, STEP_TAKER[name])
        raise NotAllowed(REFUSALS[STEP_TAKER[name]])


def require_countersigner(user, countersign) -> None:
    if not is_countersigner(user, countersign):
        raise NotAllowed("只有会签单位可以填写会签意见")


def require_may_promote(user, letter: Letter) -> None:
    if not may_promote_to_faq(user, letter):
        raise NotAllowed("只有答复单位可以将信件转为热点解答")


# --- per-agency rows: FAQ and reply templates; mailboxes --------------------------------------


def own_agency_rows(user, qs: QuerySet) -> QuerySet:
    """An agency's staff see their own agency's rows; the information office all."""
    return core.scope_to_agency(user, qs, "agency_id")


def faq_for_staff(user, qs: QuerySet[FaqEntry] | None = None) -> QuerySet[FaqEntry]:
    """The FAQ entries a member of staff manages (the admin's 热点解答 listing)."""
    return own_agency_rows(user, FaqEntry.objects.select_related("agency") if qs is None else qs)


def may_edit_row(user, obj) -> bool:
    return core.office_or_member(user, obj.agency_id)


def reply_templates_for(user) -> QuerySet[ReplyTemplate]:
    """Templates a clerk may use on a letter: the common ones and their agency's own."""
    common = ReplyTemplate.objects.filter(agency__isnull=True)
    agency_id = core.agency_id_of(user)
    return common | ReplyTemplate.objects.filter(agency_id=agency_id) if agency_id is not None else common


def limit_agency_field(form, user) -> None:
    """An agency's staff file rows under their own agency only."""
    if "agency" in form.fields and not core.is_information_office(user):
        form.fields["agency"].queryset = Agency.objects.filter(pk=core.agency_id_of(user))
        form.fields["agency"].required = True
        form.fields["agency"].empty_label = None


MAILBOX_POLICY = information_office_only(Mailbox)
FAQ_POLICY = ScopedPolicy(FaqEntry, agency_path="agency_id")
TEMPLATE_POLICY = ScopedPolicy(ReplyTemplate, agency_path="agency_id")
