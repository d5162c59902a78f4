"""Every write of 在线访谈: announcing (the kernel case), citizens' questions, moderation,
the live transcript, starting and ending the live, written answers, the transcript.

Each action is one transaction with its `actor`; the interview's state changes through the
kernel's `case_transition` (logged, timed); moderation and transcript steps are logged as
case events. On commit the live snapshot is written again (`live.snapshot_changed`) and the
search index follows (the `Interview` source re-indexes on save).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from govportal.core import citizen_input, masking
from govportal.core.cases.actions import case_add_event, case_create, case_transition
from govportal.core.cases.models import ActorKind
from govportal.core.errors import Conflict, InvalidInput, NotFound
from govportal.interviews import access, live, text
from govportal.interviews.models import (
    Guest,
    Interview,
    InterviewState,
    Post,
    PostKind,
    Question,
    QuestionState,
)
from govportal.interviews.workflow import KEY
from govportal.search import registry as search

OPEN_QUESTION_STATES = (QuestionState.APPROVED,)


def _changed(interview: Interview) -> None:
    """After commit: the live snapshot again, and the search entry."""
    pk = interview.pk
    transaction.on_commit(lambda: live.snapshot_changed(pk))
    search.reindex("interview", [pk])


# --- the interview and its case ------------------------------------------------------------


@transaction.atomic
def interview_saved(*, interview: Interview, actor) -> Interview:
    """After the information office saved an interview in the admin: its kernel case (once),
    the snapshot and the search entry."""
    if interview.ends_at <= interview.starts_at:
        raise InvalidInput("结束时间须晚于开始时间", field="ends_at")
    if interview.case_id is None:
        case, _code = case_create(
            case_type=KEY,
            actor=actor,
            actor_kind=ActorKind.CLERK,
            agency=interview.agency,
            title=interview.title,
        )
        Interview.objects.filter(pk=interview.pk).update(case=case)
        interview.case = case
    _changed(interview)
    return interview


def _lock(interview: Interview) -> Interview:
    return Interview.objects.select_for_update(of=("self",)).select_related("case").get(pk=interview.pk)


@transaction.atomic
def interview_start(*, interview: Interview, actor) -> Interview:
    access.require(actor, interview)
    locked = _lock(interview)
    if locked.state != InterviewState.ANNOUNCED:
        raise Conflict("访谈已开始或已结束")
    case_transition(case=locked.case, name="start", actor=actor, actor_kind=ActorKind.CLERK)
    locked.state = InterviewState.LIVE
    locked.save(update_fields=["state", "updated_at"])
    _changed(locked)
    return locked


@transaction.atomic
def interview_end(*, interview: Interview, actor) -> Interview:
    """End the live: the questions taken but not answered start the written-answer timer
    (``INTERVIEWS_WRITTEN_ANSWER_DAYS`` working days); with none, the case closes at once."""
    access.require(actor, interview)
    locked = _lock(interview)
    if locked.state != InterviewState.LIVE:
        raise Conflict("访谈不在直播中")
    days = settings.GOVPORTAL_INTERVIEWS_WRITTEN_ANSWER_DAYS
    case_transition(
        case=locked.case, name="end", actor=actor, actor_kind=ActorKind.CLERK, payload={"written_days": days}
    )
    locked.state = InterviewState.ENDED
    locked.save(update_fields=["state", "updated_at"])
    _close_if_done(locked, actor)
    _changed(locked)
    return locked


def _close_if_done(interview: Interview, actor) -> None:
    if interview.state != InterviewState.ENDED or interview.case.state != "ended":
        return
    if not interview.questions.filter(state__in=OPEN_QUESTION_STATES).exists():
        case_transition(case=interview.case, name="close", actor=actor, actor_kind=ActorKind.CLERK)


@transaction.atomic
def transcript_publish(*, interview: Interview, actor, summary: str) -> Interview:
    """Publish the 文字实录 (after the live) with its summary."""
    access.require(actor, interview)
    locked = _lock(interview)
    if locked.state != InterviewState.ENDED:
        raise Conflict("访谈结束后才能发布文字实录")
    locked.summary = citizen_input.clean_text(
        summary, field="summary", label="访谈综述", max_length=3000, required=False, multiline=True
    )
    locked.transcript_published_at = locked.transcript_published_at or timezone.now()
    locked.save(update_fields=["summary", "transcript_published_at", "updated_at"])
    case_add_event(
        case=locked.case, type="transcript", label="发布文字实录", actor=actor, actor_kind=ActorKind.CLERK, public=True
    )
    _changed(locked)
    return locked


# --- citizens' questions -------------------------------------------------------------------


@transaction.atomic
def question_submit(*, interview: Interview, name: str, phone: str, content: str) -> Question:
    """A citizen's question, before or during the live. Committed before the answer (the
    caller runs it under `core.antiabuse`: CAPTCHA, limits, idempotency). Personal data kept
    private (the public copy is masked); sensitive words flagged for the moderator; the same
    question asked again is merged into the first one."""
    if not interview.accepts_questions:
        raise Conflict("本期访谈已结束，不再征集问题")
    name = citizen_input.clean_name(name, field="name")
    phone = citizen_input.clean_phone(phone, field="phone")
    content = citizen_input.clean_text(
        content, field="content", label="问题", max_length=500, required=True, multiline=True
    )
    fp = text.fingerprint(content)
    first = (
        Question.objects.filter(interview=interview, fingerprint=fp, duplicate_of__isnull=True)
        .exclude(state=QuestionState.REJECTED)
        .order_by("pk")
        .first()
    )
    flagged = text.sensitive_words_in(content)
    return Question.objects.create(
        interview=interview,
        name=name,
        phone=phone,
        content=content,
        public_content=masking.mask_text(content, names=[name])[:500],
        public_name=masking.mask_name(name),
        flagged_words="、".join(flagged)[:200],
        in_advance=interview.state == InterviewState.ANNOUNCED,
        fingerprint=fp,
        state=QuestionState.MERGED if first is not None else QuestionState.PENDING,
        duplicate_of=first,
        submitted_at=timezone.now(),
    )


def _question(question: Question, actor) -> Question:
    locked = Question.objects.select_for_update(of=("self",)).select_related("interview__case").get(pk=question.pk)
    access.require(actor, locked.interview)
    return locked


@transaction.atomic
def question_approve(*, question: Question, actor, public_content: str | None = None) -> Question:
    """Take a question (it appears on the live page). The moderator may edit its public,
    masked text (never the original)."""
    locked = _question(question, actor)
    if locked.state != QuestionState.PENDING:
        raise Conflict("该问题已处理")
    if locked.interview.state == InterviewState.ENDED:
        raise Conflict("访谈已结束")
    if public_content is not None and public_content.strip():
        edited = citizen_input.clean_text(
            public_content, field="public_content", label="公开内容", max_length=500, multiline=True
        )
        locked.public_content = masking.mask_text(edited, names=[locked.name])[:500]
    locked.state = QuestionState.APPROVED
    locked.moderated_at, locked.moderated_by = timezone.now(), actor
    locked.save(update_fields=["state", "public_content", "moderated_at", "moderated_by"])
    _changed(locked.interview)
    return locked


@transaction.atomic
def question_reject(*, question: Question, actor) -> Question:
    locked = _question(question, actor)
    if locked.state not in (QuestionState.PENDING, QuestionState.APPROVED):
        raise Conflict("该问题已处理")
    if locked.posts.exists():
        raise Conflict("该问题已答复，不能撤下")
    was_taken = locked.state == QuestionState.APPROVED
    locked.state = QuestionState.REJECTED
    locked.moderated_at, locked.moderated_by = timezone.now(), actor
    locked.save(update_fields=["state", "moderated_at", "moderated_by"])
    if was_taken:
        _changed(locked.interview)
    return locked


@transaction.atomic
def question_merge(*, question: Question, into: Question, actor) -> Question:
    """A duplicate merged into an earlier question of the same interview."""
    locked = _question(question, actor)
    if into.interview_id != locked.interview_id or into.pk == locked.pk:
        raise InvalidInput("只能合并到本期访谈的其他问题", field="into")
    if locked.state != QuestionState.PENDING:
        raise Conflict("该问题已处理")
    target = into.duplicate_of or into
    locked.state, locked.duplicate_of = QuestionState.MERGED, target
    locked.moderated_at, locked.moderated_by = timezone.now(), actor
    locked.save(update_fields=["state", "duplicate_of", "moderated_at", "moderated_by"])
    return locked


@transaction.atomic
def question_answer_written(*, question: Question, actor, answer: str) -> Question:
    """After the live: the written answer to a question taken but not answered live. The
    last one stops the kernel's written-answer timer (the case closes)."""
    locked = _question(question, actor)
    interview = _lock(locked.interview)
    if interview.state != InterviewState.ENDED:
        raise Conflict("访谈结束后才能书面答复")
    if locked.state != QuestionState.APPROVED:
        raise Conflict("该问题不在待答复之列")
    locked.written_answer = citizen_input.clean_text(
        answer, field="answer", label="书面答复", max_length=5000, multiline=True
    )
    locked.state, locked.answered_at = QuestionState.WRITTEN, timezone.now()
    locked.save(update_fields=["written_answer", "state", "answered_at"])
    case_add_event(
        case=interview.case,
        type="written_answer",
        label="书面答复网友提问",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"question": locked.pk},
    )
    _close_if_done(interview, actor)
    _changed(interview)
    return locked


# --- the live transcript -------------------------------------------------------------------


@transaction.atomic
def post_add(
    *,
    interview: Interview,
    actor,
    kind: str,
    text_: str = "",
    guest: Guest | None = None,
    question: Question | None = None,
    image=None,
) -> Post:
    """One item of the live transcript, entered by the typist: the host's words, a guest's
    words or answer to a taken question, or a photo. Readers see it within the poll."""
    access.require(actor, interview)
    locked = _lock(interview)
    if locked.state != InterviewState.LIVE:
        raise Conflict("访谈不在直播中，不能发布直播内容")
    if kind not in PostKind.values:
        raise InvalidInput("请选择内容类型", field="kind")
    body = citizen_input.clean_text(
        text_, field="text", label="内容", max_length=5000, required=kind != PostKind.PHOTO, multiline=True
    )
    if guest is not None and guest.interview_id != locked.pk:
        raise NotFound("嘉宾不存在")
    if kind in (PostKind.GUEST, PostKind.ANSWER) and guest is None:
        raise InvalidInput("请选择发言的嘉宾", field="guest")
    if kind == PostKind.PHOTO and image is None:
        raise InvalidInput("请选择图片", field="image")
    if kind == PostKind.ANSWER:
        if question is None:
            raise InvalidInput("请选择所答的问题", field="question")
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.interview_id != locked.pk:
            raise NotFound("问题不存在")
        if question.state not in (QuestionState.APPROVED, QuestionState.ANSWERED):
            raise Conflict("只能答复已采纳的问题")
    else:
        question = None
    speaker = guest.name if guest is not None else (locked.host if kind == PostKind.HOST else "")
    post = Post.objects.create(
        interview=locked,
        kind=kind,
        guest=guest,
        speaker=speaker[:60],
        question=question,
        text=body,
        image=image,
        created_by=actor,
        created_at=timezone.now(),
    )
    if question is not None and question.state == QuestionState.APPROVED:
        question.state, question.answered_at = QuestionState.ANSWERED, post.created_at
        question.save(update_fields=["state", "answered_at"])
    _changed(locked)
    return post
