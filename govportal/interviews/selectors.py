"""Reads of 在线访谈: the public lists and pages (only published interviews), the
moderation queue and the console's lists (scoped by `access` before they get here)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from govportal.interviews.models import Interview, InterviewState, Question, QuestionState


def published() -> QuerySet[Interview]:
    return Interview.objects.filter(is_published=True).select_related("agency", "cover")


def upcoming() -> QuerySet[Interview]:
    return published().filter(state__in=[InterviewState.ANNOUNCED, InterviewState.LIVE]).order_by("starts_at", "pk")


def past(*, q: str = "") -> QuerySet[Interview]:
    qs = published().filter(state=InterviewState.ENDED).order_by("-starts_at", "-pk")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(intro__icontains=q) | Q(summary__icontains=q))
    return qs


def public_interview(pk) -> Interview:
    interview = published().prefetch_related("guests__photo", "related_links__page").filter(pk=pk).first()
    if interview is None:
        raise Http404
    return interview


def written_answers(interview: Interview) -> QuerySet[Question]:
    return interview.questions.filter(state=QuestionState.WRITTEN).order_by("answered_at", "pk")


def advance_questions(interview: Interview) -> QuerySet[Question]:
    """Questions collected before the live and taken (shown on the announcement)."""
    return interview.questions.filter(
        in_advance=True, state__in=[QuestionState.APPROVED, QuestionState.ANSWERED, QuestionState.WRITTEN]
    ).order_by("moderated_at", "pk")


def queue(interview: Interview, *, state: str = QuestionState.PENDING) -> QuerySet[Question]:
    return interview.questions.filter(state=state).select_related("duplicate_of").order_by("submitted_at", "pk")


def queue_counts(interview: Interview) -> dict[str, int]:
    counts = {s: 0 for s in QuestionState.values}
    for state in interview.questions.values_list("state", flat=True):
        counts[state] += 1
    return counts


def duplicates_of(question: Question) -> QuerySet[Question]:
    return question.duplicates.order_by("pk")


def by_keyword(keyword: str, limit: int) -> QuerySet[Interview]:
    keyword = keyword.strip()
    if not keyword:
        return Interview.objects.none()
    return published().filter(
        Q(title__icontains=keyword) | Q(intro__icontains=keyword) | Q(summary__icontains=keyword)
    )[:limit]
