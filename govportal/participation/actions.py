"""Every write of 调查征集. Keyword-only, an explicit actor, one transaction each.

Surveys and evaluations:

- `survey_answer` / `evaluation_rate`: one person's answer, all of it in one transaction;
  the unique (survey, voter) constraint makes a second answer of the same person impossible
  however many arrive at once (Conflict 409 with a Chinese message). The answer page is
  rendered only after the commit (the view runs inside `FormGuard.submit`'s transaction).
- `survey_save`: the admin's edit. Once a survey has an answer nothing may change except
  closing it (`survey_close`); every change after it opened is written to `SurveyChange`.
- `answer_review`: a free-text answer is published only after review, masked.

意见征集 and 网上听证: each action is one transaction with keyword-only arguments and an ``actor``; each staff
action checks the actor manages the draft or hearing (`access`, another agency's: 404) and
leaves an entry in Wagtail's audit log (history of the row). Citizens' submissions come
through `core.antiabuse.guard` (CAPTCHA, limits, the one-time form token), which runs the
action and its idempotency record in one transaction, committed before the answer.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.log_actions import log

from govportal.core import citizen_input
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
