"""Reads of 调查征集.

# --- 意见征集 and 网上听证 (issue 22 points 2, 3; helper "drafts") -------------------------
Public reads mask personal data (`core.masking`) — a comment's author shows as 张**, its text
with phone numbers, ID numbers and e-mail addresses starred. `open_drafts_now` and
`open_hearings_now` are what the area's index and the portal home's block show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from govportal.core import masking
from govportal.core.errors import NotFound
from govportal.participation.models_drafts import (
    CommentOutcome,
    CommentStatus,
    Hearing,
    HearingRegistration,
    RegistrationStatus,
    Solicitation,
    SolicitationComment,
)


def published_solicitations(*, agency_id: int | None = None, q: str = "") -> QuerySet[Solicitation]:
    qs = Solicitation.objects.filter(is_published=True).select_related("agency")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(explanation__icontains=q))
    return qs.order_by("-opens_at", "-pk")


def open_drafts_now(now: datetime | None = None, *, agency_id: int | None = None) -> list[Solicitation]:
    """Drafts open for comment now, the soonest to close first."""
    now = now or timezone.now()
    qs = published_solicitations(agency_id=agency_id).filter(opens_at__lte=now, closes_at__gt=now)
    return list(qs.order_by("closes_at", "pk"))


def public_solicitation(pk) -> Solicitation:
    obj = (
        Solicitation.objects.filter(pk=pk, is_published=True)
        .select_related("agency", "attachment", "final_document")
        .prefetch_related("articles")
        .first()
    )
    if obj is None:
        raise NotFound("没有找到该意见征集，可能尚未发布或已撤回")
    return obj


@dataclass(frozen=True)
class PublicComment:
    pk: int
    author: str
    article: str
    content: str
    submitted_at: datetime
    outcome: str
    outcome_label: str
    outcome_reason: str


def public_comment(c: SolicitationComment) -> PublicComment:
    return PublicComment(
        pk=c.pk,
        author=masking.mask_name(c.name),
        article=c.article.label if c.article_id else "",
        content=masking.mask_text(c.content, names=(c.name,)),
        submitted_at=c.submitted_at,
        outcome=c.outcome,
        outcome_label=CommentOutcome(c.outcome).label if c.outcome else "",
        outcome_reason=masking.mask_text(c.outcome_reason, names=(c.name,)),
    )


def published_comments(solicitation: Solicitation) -> list[PublicComment]:
    qs = solicitation.comments.filter(status=CommentStatus.PUBLISHED).select_related("article")
    return [public_comment(c) for c in qs.order_by("submitted_at", "pk")]


@dataclass(frozen=True)
class FeedbackReport:
    """反馈: how many opinions, which adopted, why others not."""

    received: int
    adopted: int
    partly: int
    not_adopted: int
    summary: str
    comments: list[PublicComment]


def feedback_report(solicitation: Solicitation) -> FeedbackReport | None:
    if not solicitation.feedback_is_published:
        return None
    counts = solicitation.comments.aggregate(
        received=Count("pk"),
        adopted=Count("pk", filter=Q(outcome=CommentOutcome.ADOPTED)),
        partly=Count("pk", filter=Q(outcome=CommentOutcome.PARTLY)),
        not_adopted=Count("pk", filter=Q(outcome=CommentOutcome.NOT_ADOPTED)),
    )
    answered = (
        solicitation.comments.filter(status=CommentStatus.PUBLISHED)
        .exclude(outcome="")
        .select_related("article")
        .order_by("submitted_at", "pk")
    )
    return FeedbackReport(
        summary=masking.mask_text(solicitation.feedback),
        comments=[public_comment(c) for c in answered],
        **counts,
    )


def comment_counts(solicitation: Solicitation) -> dict[str, int]:
    return solicitation.comments.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=CommentStatus.PENDING)),
        published=Count("pk", filter=Q(status=CommentStatus.PUBLISHED)),
        answered=Count("pk", filter=~Q(outcome="")),
    )


def drafts_without_feedback(now: datetime | None = None, qs: QuerySet[Solicitation] | None = None):
    """The drafts whose period ended and whose 反馈 is not published — the office's list."""
    now = now or timezone.now()
    qs = Solicitation.objects.all() if qs is None else qs
    return (
        qs.filter(is_published=True, closes_at__lte=now, feedback_published_at__isnull=True)
        .select_related("agency")
        .annotate(comment_total=Count("comments"))
        .order_by("closes_at", "pk")
    )


# --- hearings ----------------------------------------------------------------------------


def published_hearings(*, agency_id: int | None = None, q: str = "") -> QuerySet[Hearing]:
    qs = Hearing.objects.filter(is_published=True).select_related("agency")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(matter__icontains=q))
    return qs.order_by("-held_at", "-pk")


def open_hearings_now(now: datetime | None = None, *, agency_id: int | None = None) -> list[Hearing]:
    """Hearings now taking registrations or not yet held, the soonest first."""
    now = now or timezone.now()
    qs = published_hearings(agency_id=agency_id).filter(registration_opens_at__lte=now, held_at__gt=now)
    return list(qs.order_by("held_at", "pk"))


def public_hearing(pk) -> Hearing:
    obj = Hearing.objects.filter(pk=pk, is_published=True).select_related("agency", "record_document").first()
    if obj is None:
        raise NotFound("没有找到该听证，可能尚未发布或已撤回")
    return obj


@dataclass(frozen=True)
class PublicParticipant:
    kind: str
    name: str


def selected_participants(hearing: Hearing) -> list[PublicParticipant]:
    """入选的参加人: organisations by name, persons masked."""
    rows = hearing.registrations.filter(status=RegistrationStatus.SELECTED).order_by("submitted_at", "pk")
    return [
        PublicParticipant(kind=r.get_kind_display(), name=r.organisation or masking.mask_name(r.name)) for r in rows
    ]


def registration_counts(hearing: Hearing) -> dict[str, int]:
    return hearing.registrations.aggregate(
        total=Count("pk"),
        selected=Count("pk", filter=Q(status=RegistrationStatus.SELECTED)),
    )


def hearing_registrations(hearing: Hearing) -> QuerySet[HearingRegistration]:
    return hearing.registrations.order_by("submitted_at", "pk")


def solicitation_comments_for_staff(solicitation: Solicitation) -> QuerySet[SolicitationComment]:
    return solicitation.comments.select_related("article").order_by("submitted_at", "pk")


def articles_with_counts(solicitation: Solicitation):
    return solicitation.articles.annotate(
        published_count=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED))
    ).order_by("number")


# --- end of 意见征集 and 网上听证 -------------------------------------------------------------
