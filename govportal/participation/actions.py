"""Every write of 调查征集.

# --- 意见征集 and 网上听证 (issue 22 points 2, 3; helper "drafts") -------------------------
Each action is one transaction with keyword-only arguments and an ``actor``; each staff
action checks the actor manages the draft or hearing (`access`, another agency's: 404) and
leaves an entry in Wagtail's audit log (history of the row). Citizens' submissions come
through `core.antiabuse.guard` (CAPTCHA, limits, the one-time form token), which runs the
action and its idempotency record in one transaction, committed before the answer.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from govportal.core import citizen_input
from govportal.core.errors import Conflict, InvalidInput
from govportal.participation import access
from govportal.participation.models_drafts import (
    CommentOutcome,
    CommentStatus,
    Hearing,
    HearingRegistration,
    ParticipantKind,
    RegistrationStatus,
    SelectionMethod,
    Solicitation,
    SolicitationComment,
)

COMMENT_MAX = 3000
STATEMENT_MAX = 5000
REASON_MAX = 1000
FEEDBACK_MAX = 10000
RECORD_MAX = 50000


def _text(value, *, field: str, label: str, max_length: int, required: bool = True, multiline: bool = True) -> str:
    return citizen_input.clean_text(
        value, field=field, label=label, max_length=max_length, required=required, multiline=multiline
    )


# --- 意见征集: citizens ----------------------------------------------------------------------


@transaction.atomic
def solicitation_comment_submit(
    *,
    solicitation: Solicitation,
    article_number: int | None,
    content: str,
    name: str,
    phone: str,
    email: str = "",
    actor=None,
    now=None,
) -> SolicitationComment:
    """A citizen's opinion on the whole draft (``article_number`` None) or on one article.
    Stored as written (control characters removed); published only after review."""
    now = now or timezone.now()
    solicitation = Solicitation.objects.select_for_update().get(pk=solicitation.pk)
    if not solicitation.is_open(now):
        raise Conflict("该草案不在意见征集期内，无法提交意见")
    article = None
    if article_number is not None:
        article = solicitation.articles.filter(number=article_number).first()
        if article is None:
            raise InvalidInput("请选择草案中的条款", field="article")
    return SolicitationComment.objects.create(
        solicitation=solicitation,
        article=article,
        content=_text(content, field="content", label="意见内容", max_length=COMMENT_MAX),
        name=citizen_input.clean_name(name, field="name"),
        phone=citizen_input.clean_phone(phone, field="phone"),
        email=citizen_input.clean_email(email, field="email"),
        submitted_at=now,
    )


# --- 意见征集: the drafting agency ------------------------------------------------------------


@transaction.atomic
def comment_review(*, comment: SolicitationComment, actor, publish: bool) -> SolicitationComment:
    """审核: publish the comment (it is then shown masked) or keep it unpublished."""
    access.require_manages_solicitation(actor, comment.solicitation)
    comment.status = CommentStatus.PUBLISHED if publish else CommentStatus.HIDDEN
    comment.reviewed_at = timezone.now()
    comment.reviewed_by = actor
    comment.save(update_fields=["status", "reviewed_at", "reviewed_by"])
    log(
        instance=comment.solicitation,
        action="participation.comment_review",
        user=actor,
        data={"comment": comment.pk, "status": comment.status},
    )
    return comment


@transaction.atomic
def comment_outcome(*, comment: SolicitationComment, actor, outcome: str, reason: str = "") -> SolicitationComment:
    """采纳情况 of one comment: adopted, partly or not — with the reason when not wholly adopted."""
    access.require_manages_solicitation(actor, comment.solicitation)
    if outcome not in CommentOutcome.values or outcome == CommentOutcome.NONE:
        raise InvalidInput("请选择采纳情况", field="outcome")
    reason = _text(reason, field="reason", label="理由", max_length=REASON_MAX, required=False)
    if outcome != CommentOutcome.ADOPTED and not reason:
        raise InvalidInput("未采纳或部分采纳的意见须说明理由", field="reason")
    if Solicitation.objects.filter(pk=comment.solicitation_id, feedback_published_at__isnull=False).exists():
        raise Conflict("反馈已发布，采纳情况不能再修改")
    comment.outcome, comment.outcome_reason = outcome, reason
    comment.save(update_fields=["outcome", "outcome_reason"])
    log(
        instance=comment.solicitation,
        action="participation.comment_outcome",
        user=actor,
        data={"comment": comment.pk, "outcome": outcome},
    )
    return comment


@transaction.atomic
def solicitation_feedback_publish(*, solicitation: Solicitation, actor, summary: str, now=None) -> Solicitation:
    """发布反馈 at the end of the period: the summary (how many opinions, what was adopted,
    why the others were not — grouped) beside each answered comment. Every comment needs
    a review first; each not-adopted opinion is explained per comment or in the summary."""
    access.require_manages_solicitation(actor, solicitation)
    now = now or timezone.now()
    solicitation = Solicitation.objects.select_for_update().get(pk=solicitation.pk)
    if not solicitation.has_ended(now):
        raise Conflict("征集期结束后才能发布反馈")
    if solicitation.feedback_is_published:
        raise Conflict("反馈已经发布")
    if solicitation.comments.filter(status=CommentStatus.PENDING).exists():
        raise Conflict("还有未审核的意见，请先审核")
    solicitation.feedback = _text(summary, field="summary", label="意见采纳情况说明", max_length=FEEDBACK_MAX)
    solicitation.feedback_published_at = now
    solicitation.save(update_fields=["feedback", "feedback_published_at", "updated_at"])
    log(instance=solicitation, action="participation.feedback_publish", user=actor)
    return solicitation


@transaction.atomic
def solicitation_link_final(*, solicitation: Solicitation, actor, page) -> Solicitation:
    """The final document in 信息公开 (any live page; the area does not import disclosure)."""
    access.require_manages_solicitation(actor, solicitation)
    if page is not None and not page.live:
        raise InvalidInput("请选择已发布的正式文件", field="final_document")
    solicitation.final_document = page
    solicitation.save(update_fields=["final_document", "updated_at"])
    log(instance=solicitation, action="participation.final_document", user=actor)
    return solicitation


# --- 网上听证 ---------------------------------------------------------------------------------


@transaction.atomic
def hearing_register(
    *,
    hearing: Hearing,
    kind: str,
    name: str,
    organisation: str = "",
    phone: str,
    statement: str,
    actor=None,
    now=None,
) -> HearingRegistration:
    """报名 with a written statement (书面陈述意见). Selection happens after the deadline."""
    now = now or timezone.now()
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if not hearing.registration_is_open(now):
        raise Conflict("不在报名时间内，无法报名")
    if kind not in ParticipantKind.values:
        raise InvalidInput("请选择报名类型", field="kind")
    organisation = _text(
        organisation,
        field="organisation",
        label="单位或组织名称",
        max_length=100,
        required=kind == ParticipantKind.ORGANISATION,
        multiline=False,
    )
    phone = citizen_input.clean_phone(phone, field="phone")
    if hearing.registrations.filter(phone=phone).exists():
        raise Conflict("该联系电话已经报名，请勿重复报名", field="phone")
    return HearingRegistration.objects.create(
        hearing=hearing,
        kind=kind,
        name=citizen_input.clean_name(name, field="name"),
        organisation=organisation if kind == ParticipantKind.ORGANISATION else "",
        phone=phone,
        statement=_text(statement, field="statement", label="书面陈述意见", max_length=STATEMENT_MAX),
        submitted_at=now,
    )


def _lot_key(seed: str, registration_pk: int) -> str:
    return hashlib.sha256(f"{seed}:{registration_pk}".encode()).hexdigest()


@transaction.atomic
def hearing_select(*, hearing: Hearing, actor, now=None, seed: str | None = None) -> Hearing:
    """遴选 after registration closes, up to the cap: by order of registration or by lot. The
    lot is drawn from a random seed kept in the record (each registration's rank is
    sha256(seed:id), so anyone with the seed can check the draw)."""
    access.require_manages_hearing(actor, hearing)
    now = now or timezone.now()
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if now < hearing.registration_closes_at:
        raise Conflict("报名截止后才能遴选参加人")
    if hearing.selected_at is not None:
        raise Conflict("参加人已经遴选，不能重复遴选")
    rows = list(hearing.registrations.order_by("submitted_at", "pk"))
    if hearing.selection == SelectionMethod.LOT:
        seed = seed or secrets.token_hex(8)
        rows.sort(key=lambda r: _lot_key(seed, r.pk))
        how = f"随机抽签，种子 {seed}，按 sha256(种子:报名编号) 排序"
    else:
        how = "按报名先后顺序"
    chosen = {r.pk for r in rows[: hearing.capacity]}
    HearingRegistration.objects.filter(pk__in=chosen).update(status=RegistrationStatus.SELECTED)
    HearingRegistration.objects.filter(hearing=hearing).exclude(pk__in=chosen).update(
        status=RegistrationStatus.NOT_SELECTED
    )
    stamp = timezone.localtime(now).strftime("%Y-%m-%d %H:%M")
    order = "、".join(str(r.pk) for r in rows if r.pk in chosen)
    hearing.selection_note = (
        f"{stamp} {how}；报名 {len(rows)} 人，名额 {hearing.capacity} 人，入选报名编号：{order or '无'}。"
    )
    hearing.selected_at = now
    hearing.save(update_fields=["selection_note", "selected_at", "updated_at"])
    log(instance=hearing, action="participation.hearing_select", user=actor, data={"note": hearing.selection_note})
    return hearing


@transaction.atomic
def hearing_record_publish(*, hearing: Hearing, actor, record: str, now=None) -> Hearing:
    """听证笔录/报告 published after the hearing was held."""
    access.require_manages_hearing(actor, hearing)
    now = now or timezone.now()
    if now < hearing.held_at:
        raise Conflict("听证举行后才能发布笔录")
    hearing.record = _text(record, field="record", label="听证笔录/报告", max_length=RECORD_MAX)
    hearing.record_published_at = now
    hearing.save(update_fields=["record", "record_published_at", "updated_at"])
    log(instance=hearing, action="participation.hearing_record", user=actor)
    return hearing


# --- end of 意见征集 and 网上听证 -------------------------------------------------------------
