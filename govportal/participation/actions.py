"""Every write of 调查征集. Keyword-only, an explicit actor, one transaction each.

Surveys and evaluations (helper "surveys"):

- `survey_answer` / `evaluation_rate`: one person's answer, all of it in one transaction;
  the unique (survey, voter) constraint makes a second answer of the same person impossible
  however many arrive at once (Conflict 409 with a Chinese message). The answer page is
  rendered only after the commit (the view runs inside `FormGuard.submit`'s transaction).
- `survey_save`: the admin's edit. Once a survey has an answer nothing may change except
  closing it (`survey_close`); every change after it opened is written to `SurveyChange`.
- `answer_review`: a free-text answer is published only after review, masked.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from govportal.core.citizen_input import clean_text
from govportal.core.errors import Conflict, InvalidInput
from govportal.core.masking import mask_text
from govportal.participation import access
from govportal.participation.models import (
    Evaluation,
    EvaluationResponse,
    EvaluationScore,
    QuestionKind,
    RespondentKind,
    Survey,
    SurveyAnswer,
    SurveyChange,
    SurveyResponse,
    TextReview,
    VoteMeans,
)

TEXT_MAX = 1000


def voter_key(means: str, raw: str) -> str:
    """Who voted, without storing the phone number or the browser token in clear."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"participation:{raw}".encode(), hashlib.sha256).hexdigest()
    return f"{'sms' if means == VoteMeans.SMS else 'anon'}:{digest[:64]}"


# --- answering ------------------------------------------------------------------------------


def shown_questions(survey: Survey, data: Mapping[str, Sequence[str]]) -> list:
    """The questions this answer shows: a conditional question only when the answer to the
    question it depends on includes the option it names. Hidden answers are ignored."""
    questions = list(survey.questions.all())
    chosen: dict[int, set[int]] = {}
    shown = []
    for number, q in enumerate(questions, 1):
        if q.show_if_question:
            if q.show_if_option not in chosen.get(q.show_if_question, set()):
                continue
        shown.append(q)
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            chosen[number] = {n for n in (_int(v) for v in _values(data, f"q{q.pk}")) if n}
    return shown


def _values(data, key: str) -> list[str]:
    """The values of a field from a QueryDict (its list) or a plain mapping of lists."""
    if hasattr(data, "getlist"):
        return [str(v) for v in data.getlist(key)]
    value = data.get(key, [])
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _int(value) -> int | None:
    value = str(value).strip()
    return int(value) if value.isdigit() and len(value) < 4 else None


def clean_answers(survey: Survey, data: Mapping[str, Sequence[str]]) -> list[dict]:
    """The answer rows for `data` (a QueryDict's lists), or InvalidInput naming the question."""
    rows: list[dict] = []
    for q in shown_questions(survey, data):
        field = f"q{q.pk}"
        values = [v for v in _values(data, field) if v.strip()]
        options = q.option_list
        label = q.text[:20]
        if q.kind == QuestionKind.RANKING:
            ranks = {}
            for n in range(1, len(options) + 1):
                raw = (_values(data, f"{field}_{n}") or [""])[0]
                if str(raw).strip():
                    rank = _int(raw)
                    if rank is None or not 1 <= rank <= len(options):
                        raise InvalidInput(f"“{label}”：请为每个选项填写1到{len(options)}之间的名次", field=field)
                    ranks[n] = rank
            if not ranks:
                if q.required:
                    raise InvalidInput(f"“{label}”是必答题，请排序", field=field)
                continue
            if len(ranks) != len(options) or sorted(ranks.values()) != list(range(1, len(options) + 1)):
                raise InvalidInput(f"“{label}”：每个名次只能用一次，且每个选项都要排序", field=field)
            rows += [{"question": q, "option": n, "rank": r} for n, r in ranks.items()]
            continue
        if not values:
            if q.required:
                raise InvalidInput(f"“{label}”是必答题，请作答", field=field)
            continue
        if q.kind == QuestionKind.TEXT:
            text = clean_text(values[0], label=label, max_length=TEXT_MAX, multiline=True)
            rows.append({"question": q, "text": text, "review": TextReview.PENDING})
        elif q.kind == QuestionKind.RATING:
            score = _int(values[0])
            if score is None or not 1 <= score <= 5 or len(values) > 1:
                raise InvalidInput(f"“{label}”：请选择1到5分", field=field)
            rows.append({"question": q, "score": score})
        else:
            picked = [_int(v) for v in values]
            if any(n is None or not 1 <= n <= len(options) for n in picked) or len(set(picked)) != len(picked):
                raise InvalidInput(f"“{label}”：所选选项无效，请重新选择", field=field)
            if q.kind == QuestionKind.SINGLE and len(picked) > 1:
                raise InvalidInput(f"“{label}”是单选题，只能选一项", field=field)
            rows += [{"question": q, "option": n} for n in picked]
    if not rows:
        raise InvalidInput("请至少回答一个问题")
    return rows


@transaction.atomic
def survey_answer(*, survey: Survey, voter: str, data: Mapping[str, Sequence[str]], actor=None) -> SurveyResponse:
    """One person's answer. Conflict if this person has answered already (the unique
    constraint decides, so concurrent requests cannot both win)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)  # a close and an answer never cross
    if not survey.is_open:
        raise Conflict("本次调查不在进行中，不能提交")
    rows = clean_answers(survey, data)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(survey=survey, voter=voter, means=survey.means)
    except IntegrityError:
        raise Conflict("您已参与过本次调查，每人只能参与一次") from None
    SurveyAnswer.objects.bulk_create(SurveyAnswer(response=response, **row) for row in rows)
    return response


# --- the admin: edits, closing, review --------------------------------------------------------


@transaction.atomic
def survey_save(*, form, actor, is_new: bool) -> Survey:
    """Save the admin's form (with its questions). Refused once the survey has answers;
    every change after it opened is audited."""
    instance = form.instance
    if not is_new:
        current = Survey.objects.select_for_update().get(pk=instance.pk)
        changed = _changes(form)
        if changed and current.responses.exists():
            raise Conflict("调查已有人参与，题目和设置不能再修改；如需停止，请使用“提前结束”。")
        survey = form.save()
        if changed and current.status == "published" and current.opens_at <= timezone.now():
            SurveyChange.objects.create(survey=survey, actor=actor, what=("修改：" + "、".join(changed))[:500])
        return survey
    return form.save()


def _changes(form) -> list[str]:
    names = [str(form.fields[f].label) for f in form.changed_data if f in form.fields]
    for name, formset in getattr(form, "formsets", {}).items():
        if formset.has_changed():
            names.append("题目" if name == "questions" else "评议指标")
    return names


@transaction.atomic
def survey_close(*, survey: Survey, actor) -> Survey:
    """End a survey now (提前结束) — the one change allowed after answers."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    access.require_owner(actor, survey)
    if survey.phase() != "open":
        raise Conflict("只有进行中的调查可以提前结束")
    survey.closed_early_at = timezone.now()
    survey.save(update_fields=["closed_early_at", "updated_at"])
    SurveyChange.objects.create(survey=survey, actor=actor, what="提前结束")
    return survey


@transaction.atomic
def answer_review(*, answer: SurveyAnswer, actor, publish: bool, text: str = "") -> SurveyAnswer:
    """Publish a free-text answer (masked; the reviewer may shorten the text further) or
    keep it unpublished."""
    access.require_owner(actor, answer.question.survey)
    if publish:
        text = clean_text(text or answer.text, label="公开内容", max_length=TEXT_MAX, multiline=True)
        answer.text_masked = mask_text(text)
        answer.review = TextReview.PUBLISHED
    else:
        answer.review = TextReview.HIDDEN
        answer.text_masked = ""
    answer.reviewed_by, answer.reviewed_at = actor, timezone.now()
    answer.save(update_fields=["text_masked", "review", "reviewed_by", "reviewed_at"])
    return answer


# --- evaluations ------------------------------------------------------------------------------


@transaction.atomic
def evaluation_rate(
    *, evaluation: Evaluation, voter: str, respondent: str, data: Mapping[str, Sequence[str]], actor=None
) -> EvaluationResponse:
    """One person's rating of the departments (1–5 per indicator, unanswered ones left out)."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not evaluation.is_open:
        raise Conflict("本次评议不在进行中，不能提交")
    if respondent not in RespondentKind.values:
        raise InvalidInput("请选择您的身份（群众或企业）", field="respondent")
    scores = []
    for indicator in evaluation.indicators.all():
        raw = [v for v in _values(data, f"i{indicator.pk}") if v.strip()]
        if not raw:
            continue
        score = _int(raw[0])
        if score is None or not 1 <= score <= 5 or len(raw) > 1:
            raise InvalidInput(f"“{indicator.name}”：请选择1到5分", field=f"i{indicator.pk}")
        scores.append((indicator, score))
    if not scores:
        raise InvalidInput("请至少为一项指标评分")
    try:
        with transaction.atomic():
            response = EvaluationResponse.objects.create(
                evaluation=evaluation, voter=voter, means=evaluation.means, respondent=respondent
            )
    except IntegrityError:
        raise Conflict("您已参与过本次评议，每人只能评议一次") from None
    EvaluationScore.objects.bulk_create(EvaluationScore(response=response, indicator=i, score=s) for i, s in scores)
    return response


@transaction.atomic
def evaluation_close(*, evaluation: Evaluation, actor) -> Evaluation:
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    access.require_owner(actor, evaluation)
    if evaluation.phase() != "open":
        raise Conflict("只有进行中的评议可以提前结束")
    evaluation.closed_early_at = timezone.now()
    evaluation.save(update_fields=["closed_early_at", "updated_at"])
    return evaluation


@transaction.atomic
def evaluation_publish_results(*, evaluation: Evaluation, actor, publish: bool = True) -> Evaluation:
    access.require_owner(actor, evaluation)
    if publish and evaluation.phase() != "closed":
        raise Conflict("评议结束后才能公布结果")
    evaluation.results_published = publish
    evaluation.save(update_fields=["results_published", "updated_at"])
    return evaluation
