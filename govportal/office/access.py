"""Who may see or do what in 协同办公 — the only place these rules are written.

The OA roles are Django permissions held through the agency's groups (never through
superuser status): ``office.handle_documents`` (公文收发员: drafts, sends, signs for,
returns, replies, circulates) and ``office.sign_documents`` (签发人: the agency's 签发领导
group). `actions.office_roles_ensure` makes the groups.

| who | sees a document | takes its steps |
|---|---|---|
| an OA clerk of the sending agency | its agency's documents, drafts included | draft, submit, send, press (催办), publish (主动公开) |
| the document's 签发人 (of the sending agency) | as the clerk | sign (签发) or return the draft |
| an OA clerk of an addressed agency | the sent document and its own delivery | sign for, return, reply, attendance reply, circulate |
| a member of staff the document was circulated to (传阅) | that document, read only | mark it read |
| the information office (市信息办) | statistics only, no content | — |
| anyone else | 404 | — |
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from govportal.core import access as core
from govportal.core.cases import workflow as kernel
from govportal.core.errors import NotAllowed, NotFound
from govportal.office.models import Delivery, OfficeDocument
from govportal.office.workflow import DELIVERY, DELIVERY_REPLY, DOCUMENT

HANDLE = "handle_documents"
SIGN = "sign_documents"


def oa_roles(user) -> frozenset[str]:
    """The office permissions the user holds through groups (a superuser's blanket rights
    are not an OA role: the information office sees statistics, not content)."""
    if not core.has_agency(user):
        return frozenset()
    cached = getattr(user, "_office_roles", None)
    if cached is None:
        from django.contrib.auth.models import Permission

        cached = frozenset(
            Permission.objects.filter(content_type__app_label="office", group__user=user).values_list(
                "codename", flat=True
            )
        )
        user._office_roles = cached
    return cached


def is_clerk(user, agency_id) -> bool:
    return core.belongs_to(user, agency_id) and HANDLE in oa_roles(user)


def is_signer(user, agency_id) -> bool:
    return core.belongs_to(user, agency_id) and SIGN in oa_roles(user)


def is_issuer(user, document: OfficeDocument) -> bool:
    """The document's 签发人 — a signer of the sending agency named on the draft."""
    return is_signer(user, document.agency_id) and document.issuer_id == user.pk


def has_oa_role(user) -> bool:
    return bool(oa_roles(user))


def may_use_office(user) -> bool:
    """The menu 协同办公: OA roles, staff with documents to read, and the information office
    (its statistics)."""
    if core.is_information_office(user) or has_oa_role(user):
        return True
    return core.has_agency(user) and Delivery.objects.filter(circulations__user=user).exists()


def may_see_statistics(user) -> bool:
    return core.is_information_office(user) or has_oa_role(user)


def statistics_agency_scope(user) -> int | None:
    """None = every agency (the information office); else the user's own agency."""
    return None if core.is_information_office(user) else core.agency_id_of(user)


def clerks_of(agency_id) -> QuerySet:
    """The agency's OA clerks (who get a 催办)."""
    return (
        get_user_model()
        .objects.filter(
            agency_id=agency_id,
            is_active=True,
            groups__permissions__codename=HANDLE,
            groups__permissions__content_type__app_label="office",
        )
        .distinct()
        .order_by("pk")
    )


def own_staff(users, agency_id) -> list:
    """The active members of this agency among ``users`` (传阅 stays inside the agency)."""
    return [u for u in users if u.is_active and core.belongs_to(u, agency_id)]


def signers_of(agency_id) -> QuerySet:
    """Who may be named 签发人 on the agency's drafts."""
    return (
        get_user_model()
        .objects.filter(
            agency_id=agency_id,
            is_active=True,
            groups__permissions__codename=SIGN,
            groups__permissions__content_type__app_label="office",
        )
        .distinct()
        .order_by("pk")
    )


# --- which documents -------------------------------------------------------------------------


def documents_visible(user, qs: QuerySet[OfficeDocument]) -> QuerySet[OfficeDocument]:
    """Sent by the user's agency (OA roles), addressed to it (OA clerks, once sent), or
    circulated to the user. Nothing for the information office as such."""
    agency_id = core.agency_id_of(user)
    if agency_id is None or not core.is_signed_in(user):
        return qs.none()
    roles = oa_roles(user)
    cond = Q(deliveries__circulations__user=user)
    if roles:
        cond |= Q(agency_id=agency_id)
    if HANDLE in roles:
        cond |= Q(deliveries__agency_id=agency_id)
    return qs.filter(pk__in=OfficeDocument.objects.filter(cond).values("pk"))


def is_sender_staff(user, document: OfficeDocument) -> bool:
    return core.belongs_to(user, document.agency_id) and has_oa_role(user)


def delivery_of(user, document: OfficeDocument) -> Delivery | None:
    """The user's agency's delivery of this document, if the user may act on or read it."""
    agency_id = core.agency_id_of(user)
    if agency_id is None:
        return None
    return document.deliveries.filter(agency_id=agency_id).first()


def may_read_delivery(user, delivery: Delivery) -> bool:
    return is_clerk(user, delivery.agency_id) or delivery.circulations.filter(user=user).exists()


def require_visible(user, document: OfficeDocument) -> None:
    if not documents_visible(user, OfficeDocument.objects.filter(pk=document.pk)).exists():
        raise NotFound("没有找到该公文")


# --- steps ------------------------------------------------------------------------------------

REFUSALS = {
    "submit": "只有发文单位的公文收发员可以提交签发",
    "send": "只有发文单位的公文收发员可以发出公文",
    "sign": "只有本公文的签发人可以签发",
    "reject": "只有本公文的签发人可以退回修改",
    "sign_for": "只有收文单位的公文收发员可以签收",
    "return": "只有收文单位的公文收发员可以退回",
    "reply": "只有收文单位的公文收发员可以回复",
}


def _document_rule(user, case, transition) -> bool:
    document = case.office_document
    if transition.name in {"sign", "reject"}:
        return is_issuer(user, document)
    return is_clerk(user, document.agency_id)


def _delivery_rule(user, case, transition) -> bool:
    return is_clerk(user, case.office_delivery.agency_id)


kernel.register_step_rule(DOCUMENT, _document_rule)
kernel.register_step_rule(DELIVERY, _delivery_rule)
kernel.register_step_rule(DELIVERY_REPLY, _delivery_rule)


def require_step(user, case, name: str) -> None:
    kernel.require_step(user, case, name, NotAllowed(REFUSALS.get(name, "无权进行此操作")))


def require_sender_clerk(user, document: OfficeDocument) -> None:
    if not is_clerk(user, document.agency_id):
        raise NotAllowed("只有发文单位的公文收发员可以进行此操作")


def require_receiver_clerk(user, delivery: Delivery) -> None:
    if not is_clerk(user, delivery.agency_id):
        raise NotAllowed("只有收文单位的公文收发员可以进行此操作")


def require_may_draft(user) -> int:
    """A drafting clerk's agency id."""
    agency_id = core.agency_id_of(user)
    if agency_id is None or not is_clerk(user, agency_id):
        raise NotAllowed("只有公文收发员可以拟稿发文")
    return agency_id
