"""Reads of 调查征集.

The area's index (/canyu/), each agency's own listing (?agency=) and the portal home's block
"正在进行" list every kind of participation through **kind providers**: a kind (survey,
evaluation, 意见征集, 网上听证) registers one `KindProvider`
whose ``items(agency_id, q)`` returns `Item`s; nothing else has to change to list a new kind.

Results are derived from the stored answers by aggregation (counts always equal the rows);
`access` decides when they may be shown.

意见征集 and 网上听证: public reads mask personal data (`core.masking`) — a comment's author shows as 张**, its text
with phone numbers, ID numbers and e-mail addresses starred. `open_drafts_now` and
`open_hearings_now` are what the area's index and the portal home's block show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govportal.core import masking
from govportal.core.errors import NotFound
from govportal.core.masking import mask_text
from govportal.participation import access
from govportal.participation.models import (
    Evaluation,
    EvaluationResponse,
    EvaluationScore,
    QuestionKind,
    Survey,
    SurveyAnswer,
    TextReview,
)
from govportal.participation.models_drafts import (
    CommentOutcome,
    CommentStatus,
    Hearing,
    HearingRegistration,
    RegistrationStatus,
    Solicitation,
    SolicitationComment,
)

# --- the kinds of participation ----------------------------------------------------------------

PHASE_LABELS = {"upcoming": _("未开始"), "open": _("进行中"), "closed": _("已结束")}


@dataclass(frozen=True)
class Item:
    kind: str
    kind_label: str
    title: str
    url: str
    agency_id: int
    agency_name: str
    opens_at: datetime
    ends_at: datetime
    phase: str  # "upcoming", "open", "closed"

    @property
    def phase_label(self) -> str:
        return str(PHASE_LABELS.get(self.phase, ""))


@dataclass(frozen=True)
class KindProvider:
    key: str
    label: str
    order: int
    items: Callable[[int | None, str], list[Item]]  # (agency_id or None, query) -> public items


_KINDS: dict[str, KindProvider] = {}


def register_kind(provider: KindProvider) -> None:
    _KINDS[provider.key] = provider


def kinds() -> list[KindProvider]:
    return sorted(_KINDS.values(), key=lambda k: k.order)


def listing(*, agency_id: int | None = None, q: str = "", kind: str = "", phase: str = "") -> list[Item]:
    """Every public item of every kind (or one kind), open ones first, then by date."""
    found: list[Item] = []
    for provider in kinds():
        if kind and provider.key != kind:
            continue
        found += provider.items(agency_id, q)
    if phase:
        found = [i for i in found if i.phase == phase]
    rank = {"open": 0, "upcoming": 1, "closed": 2}
    found.sort(
        key=lambda i: (rank.get(i.phase, 3), -i.ends_at.timestamp() if i.phase == "closed" else i.ends_at.timestamp())
    )
    return found


def open_now(*, agency_id: int | None = None, limit: int = 6) -> list[Item]:
    """The portal home's block "正在进行": what citizens can take part in today."""
    return listing(agency_id=agency_id, phase="open")[:limit]


def _window_items(qs: QuerySet, kind: str, label, url_name: str, agency_id, q) -> list[Item]:
    qs = access.public(qs).select_related("agency")
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(intro__icontains=q))
    now = timezone.now()
    return [
        Item(
            kind=kind,
            kind_label=str(label),
            title=o.title,
            url=reverse(url_name, args=[o.pk]),
            agency_id=o.agency_id,
            agency_name=o.agency.short_name or o.agency.name,
            opens_at=o.opens_at,
            ends_at=o.ends_at,
            phase=o.phase(now),
        )
        for o in qs[:200]
    ]


register_kind(
    KindProvider(
        key="survey",
        label=_("网上调查"),
        order=10,
        items=lambda agency_id, q: _window_items(
            Survey.objects.all(), "survey", _("网上调查"), "participation:survey", agency_id, q
        ),
    )
)
register_kind(
    KindProvider(
        key="evaluation",
        label=_("网上评议"),
        order=40,
        items=lambda agency_id, q: _window_items(
            Evaluation.objects.all(), "evaluation", _("网上评议"), "participation:evaluation", agency_id, q
        ),
    )
)

# --- surveys -------------------------------------------------------------------------------------


def public_survey(pk) -> Survey:
    survey = access.public(Survey.objects.select_related("agency")).filter(pk=pk).first()
    if survey is None:
        raise NotFound("没有找到该调查")
    return survey


def surveys_for_staff(user) -> QuerySet[Survey]:
    return access.own_rows(user, Survey.objects.select_related("agency"))


def survey_for_staff(user, pk) -> Survey:
    survey = surveys_for_staff(user).filter(pk=pk).first()
    if survey is None:
        raise NotFound("没有找到该调查")
    return survey


@dataclass
class OptionCount:
    label: str
    count: int
    share: float  # of the responses (multiple choice: may add up to more than 1)


@dataclass
class QuestionResult:
    number: int
    question: object
    kind: str
    answered: int  # responses that answered this question
    options: list[OptionCount]
    average: float | None = None
    texts: list[str] | None = None


def survey_results(survey: Survey, *, published_texts_only: bool = True) -> dict:
    """Counts per option, mean scores, ranking points and reviewed texts — all aggregated from
    the stored answers in a few queries."""
    questions = list(survey.questions.all())
    total = survey.responses.count()
    by_option = {
        (r["question_id"], r["option"]): r["n"]
        for r in SurveyAnswer.objects.filter(question__survey=survey, option__isnull=False, rank__isnull=True)
        .values("question_id", "option")
        .annotate(n=Count("id"))
    }
    answered = dict(
        SurveyAnswer.objects.filter(question__survey=survey)
        .values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    scores = {
        (r["question_id"], r["score"]): r["n"]
        for r in SurveyAnswer.objects.filter(question__survey=survey, score__isnull=False)
        .values("question_id", "score")
        .annotate(n=Count("id"))
    }
    averages = dict(
        SurveyAnswer.objects.filter(question__survey=survey, score__isnull=False)
        .values("question_id")
        .annotate(a=Avg("score"))
        .values_list("question_id", "a")
    )
    rank_points = {
        (r["question_id"], r["option"]): r["avg"]
        for r in SurveyAnswer.objects.filter(question__survey=survey, rank__isnull=False)
        .values("question_id", "option")
        .annotate(avg=Avg("rank"))
    }
    texts: dict[int, list[str]] = {}
    text_qs = SurveyAnswer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT).order_by("pk")
    if published_texts_only:
        text_qs = text_qs.filter(review=TextReview.PUBLISHED)
    for qid, masked, raw in text_qs.values_list("question_id", "text_masked", "text"):
        texts.setdefault(qid, []).append(masked if published_texts_only else raw)
    results = []
    for number, q in enumerate(questions, 1):
        n = answered.get(q.pk, 0)
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            opts = [
                OptionCount(label, c := by_option.get((q.pk, i), 0), c / n if n else 0.0)
                for i, label in enumerate(q.option_list, 1)
            ]
            results.append(QuestionResult(number, q, q.kind, n, opts))
        elif q.kind == QuestionKind.RATING:
            opts = [OptionCount(f"{s}分", c := scores.get((q.pk, s), 0), c / n if n else 0.0) for s in range(1, 6)]
            avg = averages.get(q.pk)
            results.append(QuestionResult(number, q, q.kind, n, opts, average=round(avg, 2) if avg else None))
        elif q.kind == QuestionKind.RANKING:
            # Shown as the average rank (lower is better), sorted.
            opts = [
                OptionCount(label, 0, round(rank_points.get((q.pk, i)) or 0.0, 2))
                for i, label in enumerate(q.option_list, 1)
            ]
            opts.sort(key=lambda o: o.share or 99)
            results.append(QuestionResult(number, q, q.kind, n, opts))
        else:
            results.append(QuestionResult(number, q, q.kind, n, [], texts=texts.get(q.pk, [])))
    return {"total": total, "questions": results}


def pending_texts(survey: Survey) -> QuerySet[SurveyAnswer]:
    return (
        SurveyAnswer.objects.filter(question__survey=survey, question__kind=QuestionKind.TEXT)
        .select_related("question", "reviewed_by")
        .order_by("review", "pk")
    )


def suggested_mask(text: str) -> str:
    return mask_text(text)


# --- evaluations ---------------------------------------------------------------------------------


def public_evaluation(pk) -> Evaluation:
    evaluation = access.public(Evaluation.objects.select_related("agency")).filter(pk=pk).first()
    if evaluation is None:
        raise NotFound("没有找到该评议")
    return evaluation


def evaluations_for_staff(user) -> QuerySet[Evaluation]:
    return access.own_rows(user, Evaluation.objects.select_related("agency"))


def evaluation_for_staff(user, pk) -> Evaluation:
    evaluation = evaluations_for_staff(user).filter(pk=pk).first()
    if evaluation is None:
        raise NotFound("没有找到该评议")
    return evaluation


def evaluation_targets(evaluation: Evaluation) -> list[dict]:
    """The departments and their indicators, in order: [{"agency", "indicators": [...]}]."""
    groups: dict[int, dict] = {}
    for ind in evaluation.indicators.select_related("target").all():
        groups.setdefault(ind.target_id, {"agency": ind.target, "indicators": []})["indicators"].append(ind)
    return list(groups.values())


def evaluation_ranking(evaluation: Evaluation) -> dict:
    """Departments ranked by their mean score over all indicators (a 1–5 scale shown as 0–100
    points: (mean − 1) ÷ 4 × 100), with each indicator's mean and the count of ratings."""
    rows = (
        EvaluationScore.objects.filter(indicator__evaluation=evaluation)
        .values("indicator_id")
        .annotate(avg=Avg("score"), n=Count("id"))
    )
    per_indicator = {r["indicator_id"]: (r["avg"], r["n"]) for r in rows}
    ranking = []
    for group in evaluation_targets(evaluation):
        indicators = [
            {"name": i.name, "average": round(per_indicator[i.pk][0], 2), "count": per_indicator[i.pk][1]}
            for i in group["indicators"]
            if i.pk in per_indicator
        ]
        total_n = sum(i["count"] for i in indicators)
        mean = sum(i["average"] * i["count"] for i in indicators) / total_n if total_n else None
        ranking.append(
            {
                "agency": group["agency"],
                "indicators": indicators,
                "count": total_n,
                "mean": round(mean, 2) if mean is not None else None,
                "points": round((mean - 1) / 4 * 100, 1) if mean is not None else None,
            }
        )
    ranking.sort(key=lambda r: (r["points"] is None, -(r["points"] or 0), r["agency"].name))
    for place, row in enumerate(ranking, 1):
        row["place"] = place
    by_kind = dict(
        EvaluationResponse.objects.filter(evaluation=evaluation)
        .values("respondent")
        .annotate(n=Count("id"))
        .values_list("respondent", "n")
    )
    return {"ranking": ranking, "total": sum(by_kind.values()), "by_kind": by_kind}


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


# --- 意见征集 and 网上听证 in the area's listing (index, own listings, the home block) --------


def _phase(now: datetime, opens: datetime, ends: datetime) -> str:
    return "upcoming" if now < opens else ("open" if now < ends else "closed")


def _solicitation_items(agency_id: int | None, q: str) -> list[Item]:
    now = timezone.now()
    return [
        Item(
            kind="solicitation",
            kind_label=str(_("意见征集")),
            title=o.title,
            url=reverse("participation:solicitation", args=[o.pk]),
            agency_id=o.agency_id,
            agency_name=o.agency.short_name or o.agency.name,
            opens_at=o.opens_at,
            ends_at=o.closes_at,
            phase=_phase(now, o.opens_at, o.closes_at),
        )
        for o in published_solicitations(agency_id=agency_id, q=q)[:200]
    ]


def _hearing_items(agency_id: int | None, q: str) -> list[Item]:
    """A hearing is "open" from its registration until it is held."""
    now = timezone.now()
    return [
        Item(
            kind="hearing",
            kind_label=str(_("网上听证")),
            title=o.title,
            url=reverse("participation:hearing", args=[o.pk]),
            agency_id=o.agency_id,
            agency_name=o.agency.short_name or o.agency.name,
            opens_at=o.registration_opens_at,
            ends_at=o.held_at,
            phase=_phase(now, o.registration_opens_at, o.held_at),
        )
        for o in published_hearings(agency_id=agency_id, q=q)[:200]
    ]


register_kind(KindProvider(key="solicitation", label=_("意见征集"), order=20, items=_solicitation_items))
register_kind(KindProvider(key="hearing", label=_("网上听证"), order=30, items=_hearing_items))
