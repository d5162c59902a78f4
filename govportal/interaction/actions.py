"""Every write of 互动交流: submitting a letter, each handling step, rating, publishing,
the FAQ, reminders and the hand-off from disclosure.

Each action is one transaction: validate, change the letter, move the case through
`case_transition` (the one place its state changes), write outbox messages in the same
transaction; search re-indexing runs on commit. Who may do what is checked here
(`access.require_step` for the transition table's steps, `access.require` for the others);
whether a user may *see* a letter is decided before, in `access.letters_visible`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from govportal.core import calendar, citizen_input, masking, rows
from govportal.core.cases import ratings
from govportal.core.cases.actions import case_add_event, case_create, case_transition
from govportal.core.cases.models import ActorKind, Case
from govportal.core.cases.notifications import case_notify
from govportal.core.cases.rectification import rectification_open
from govportal.core.errors import Conflict, InvalidInput
from govportal.core.files.actions import case_file_attach
from govportal.core.models import Agency, User
from govportal.core.notify import register_handoff
from govportal.core.uploads import check_upload
from govportal.interaction import access
from govportal.interaction.files import FILE_KIND
from govportal.interaction.models import (
    Category,
    Countersign,
    FaqEntry,
    Letter,
    LetterAttachment,
    Mailbox,
    MailboxKind,
)
from govportal.interaction.tasks import sync_letter
from govportal.interaction.workflow import KEY, LetterState

ATTACHMENT_TYPES = ("jpg", "png", "pdf")


# --- helpers ----------------------------------------------------------------------------
def normalize_phone(phone: str) -> str:
    return re.sub(r"[\s\-()（）]", "", phone or "")


def _clean_text(
    value: str, *, field: str, label: str, max_length: int, required: bool = True, multiline: bool = True
) -> str:
    # The shared rules: control characters removed, length capped, messages in Chinese.
    return citizen_input.clean_text(
        value, field=field, label=label, max_length=max_length, required=required, multiline=multiline
    )


def _check_attachments(files: Sequence) -> list[tuple[object, tuple[str, str]]]:
    """Every file checked before anything is saved: (upload, (detected extension, MIME type))."""
    if len(files) > settings.GOVPORTAL_LETTER_MAX_ATTACHMENTS:
        raise InvalidInput(f"附件最多 {settings.GOVPORTAL_LETTER_MAX_ATTACHMENTS} 个", field="attachments")
    limit = settings.GOVPORTAL_LETTER_MAX_ATTACHMENT_BYTES
    return [
        (f, check_upload(f, allowed=ATTACHMENT_TYPES, max_bytes=limit, label=f"附件“{f.name}”", field="attachments"))
        for f in files
    ]


def _require_triage(user: User, letter: Letter) -> None:
    access.require(user, letter, access.TRIAGE)


def _require_handler(user: User, letter: Letter) -> None:
    access.require(user, letter, access.HANDLER)


def _state(letter: Letter, *states: str) -> None:
    letter.case.refresh_from_db(fields=["state", "is_open", "due_date", "overdue_level"])
    if letter.case.state not in states:
        raise Conflict("该信件当前状态不能进行此操作")


def _step(
    letter: Letter,
    name: str,
    actor,
    *,
    kind: str = ActorKind.CLERK,
    payload: dict | None = None,
):
    # Notifications: the kernel sends what the letter case type declares for ``name``.
    return case_transition(case=letter.case, name=name, actor=actor, actor_kind=kind, payload=payload)


def _reindex(letter_id: int) -> None:
    transaction.on_commit(lambda: sync_letter.enqueue(letter_id))


# --- writing ----------------------------------------------------------------------------
# No savepoint inside the submission policy's transaction (core.antiabuse): a failure
# fails the whole submission, and a savepoint is two more round trips.
@transaction.atomic(savepoint=False)
def letter_submit(
    *,
    mailbox: Mailbox,
    category: str,
    title: str,
    content: str,
    name: str,
    phone: str,
    email: str = "",
    may_publish: bool = False,
    attachments: Sequence = (),
    source: str = "web",
    source_tracking_number: str = "",
    handoff_key: str = "",
) -> tuple[Letter, str]:
    """A citizen's letter: validated, stored as written, a case opened with the mailbox's
    limit for the category; returns the letter and its query code (shown once)."""
    if not mailbox.is_active:
        raise InvalidInput("该信箱已停用", field="mailbox")
    if category not in dict(mailbox.category_choices()):
        raise InvalidInput("请选择来信类别", field="category")
    # The shared citizen-input rules (govportal.core.citizen_input), as at every edge.
    title = _clean_text(title, field="title", label="标题", max_length=100, multiline=False)
    content = _clean_text(content, field="content", label="内容", max_length=5000)
    if len(content) < 10:
        raise InvalidInput("内容太短，请说明具体情况（至少10个字）", field="content")
    name = citizen_input.clean_name(name, field="name")
    phone = citizen_input.clean_phone(phone, field="phone", required=source != "disclosure")
    email = citizen_input.clean_email(email, field="email")
    files = _check_attachments(attachments)
    limit = mailbox.reply_days(category)
    case, code = case_create(
        case_type=KEY,
        actor=None,
        actor_kind=ActorKind.SYSTEM if source == "disclosure" else ActorKind.CITIZEN,
        agency=mailbox.triage_agency,
        title=title,
        payload={"limit_days": limit, "mailbox": mailbox.slug, "category": category},
        thresholds=(mailbox.warning_days, mailbox.red_days),
        context={"citizen_phone": phone, "citizen_email": email, "mailbox_name": mailbox.name},
    )
    letter = Letter(
        case=case,
        mailbox=mailbox,
        category=category,
        title=title,
        content=content,
        name=name,
        phone=phone,
        email=email,
        may_publish=may_publish,
        source=source,
        source_tracking_number=source_tracking_number,
        handoff_key=handoff_key,
        received_at=case.created_at,
        limit_days=limit,
    )
    rows.insert(letter)
    for f, checked in files:
        case_file_attach(LetterAttachment, upload=f, kind=FILE_KIND, case=case, checked=checked, letter=letter)
    return letter, code


# --- triage ------------------------------------------------------------------------------
@transaction.atomic
def letter_accept(*, letter: Letter, actor: User, assign_to: Agency | None = None) -> Letter:
    access.require_step(actor, letter, "accept")
    _state(letter, LetterState.SUBMITTED)
    _step(letter, "accept", actor)
    if assign_to is not None:
        letter_assign(letter=letter, actor=actor, agency=assign_to)
    return letter


@transaction.atomic
def letter_refuse(*, letter: Letter, actor: User, reason: str) -> Letter:
    access.require_step(actor, letter, "refuse")
    reason = _clean_text(reason, field="reason", label="不予受理理由", max_length=500)
    _state(letter, LetterState.SUBMITTED)
    _step(
        letter,
        "refuse",
        actor,
        payload={"reason": reason},
    )
    return letter


@transaction.atomic
def letter_to_petition(*, letter: Letter, actor: User, reason: str = "") -> Letter:
    """信访: pointed to its own channel (STANDARDS §4), the writer is told where."""
    access.require_step(actor, letter, "to_petition")
    _state(letter, LetterState.SUBMITTED)
    url = settings.GOVPORTAL_PETITION_URL
    text = reason.strip() or "您反映的问题属于信访事项"
    _step(
        letter,
        "to_petition",
        actor,
        payload={"reason": text, "petition_url": url},
    )
    return letter


@transaction.atomic
def letter_assign(*, letter: Letter, actor: User, agency: Agency) -> Letter:
    access.require_step(actor, letter, "assign")
    _state(letter, LetterState.ACCEPTED)
    if not agency.is_active:
        raise InvalidInput("承办单位已停用", field="agency")
    letter.handling_agency = agency
    letter.save(update_fields=["handling_agency"])
    Case.objects.filter(pk=letter.case_id).update(agency=agency)
    _step(
        letter,
        "assign",
        actor,
        payload={"agency": agency.code, "agency_name": agency.short_name},
    )
    return letter


# --- handling ------------------------------------------------------------------------------
@transaction.atomic
def letter_return(*, letter: Letter, actor: User, reason: str) -> Letter:
    """A wrongly routed letter goes back to the triage agency, with a reason."""
    access.require_step(actor, letter, "return")
    reason = _clean_text(reason, field="reason", label="退回理由", max_length=500)
    _state(letter, LetterState.ASSIGNED)
    previous = letter.handling_agency
    _step(letter, "return", actor, payload={"reason": reason, "agency": previous.code if previous else ""})
    letter.handling_agency = None
    letter.save(update_fields=["handling_agency"])
    Case.objects.filter(pk=letter.case_id).update(agency=letter.mailbox.triage_agency)
    return letter


def months_before(d: date, months: int) -> date:
    return _add_months(d, -months)


def _three_months_after(d: date) -> date:
    return _add_months(d, 3)


def add_months(d: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day if it has none)."""
    return _add_months(d, months)


def _add_months(d: date, months: int) -> date:
    month = d.month + months
    year, month = d.year + (month - 1) // 12, (month - 1) % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def letter_request_extension(*, letter: Letter, actor: User, days: int, reason: str) -> Letter:
    _require_handler(actor, letter)
    reason = _clean_text(reason, field="reason", label="延期理由", max_length=300)
    if not isinstance(days, int) or days <= 0:
        raise InvalidInput("请填写延期天数", field="days")
    _state(letter, LetterState.ASSIGNED, LetterState.COUNTERSIGNING)
    if letter.extension_days_requested:
        raise Conflict("已有待审批的延期申请")
    letter.extension_days_requested, letter.extension_reason = days, reason
    letter.save(update_fields=["extension_days_requested", "extension_reason"])
    case_add_event(
        case=letter.case,
        type="extension_requested",
        label="申请延期",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"days": days, "reason": reason},
    )
    return letter


@transaction.atomic
def letter_decide_extension(*, letter: Letter, actor: User, approve: bool, note: str = "") -> Letter:
    """The mailbox's triage agency approves or refuses; never beyond 3 months of receipt."""
    _require_triage(actor, letter)
    days = letter.extension_days_requested
    if not days:
        raise Conflict("没有待审批的延期申请")
    _state(letter, LetterState.ASSIGNED, LetterState.COUNTERSIGNING)
    if approve:
        cap = _three_months_after(timezone.localtime(letter.received_at).date())
        due = letter.case.due_date
        if due is not None and calendar.current().add_working_days(due, days) > cap:
            raise InvalidInput(f"延期后将超过收信之日起3个月（{cap:%Y-%m-%d}），不予批准", field="days")
        _step(letter, "extend", actor, payload={"days": days, "reason": letter.extension_reason, "note": note})
    else:
        case_add_event(
            case=letter.case,
            type="extension_refused",
            label="延期申请未获批准",
            actor=actor,
            actor_kind=ActorKind.CLERK,
            payload={"days": days, "note": note},
        )
    letter.extension_days_requested, letter.extension_reason = None, ""
    letter.save(update_fields=["extension_days_requested", "extension_reason"])
    return letter


@transaction.atomic
def letter_countersign(*, letter: Letter, actor: User, agencies: Sequence[Agency]) -> list[Countersign]:
    access.require_step(actor, letter, "countersign")
    agencies = [a for a in agencies if a.pk != letter.handling_agency_id]
    if not agencies:
        raise InvalidInput("请选择会签单位（不含本单位）", field="agencies")
    _state(letter, LetterState.ASSIGNED)
    now = timezone.now()
    rows = [Countersign.objects.create(letter=letter, agency=a, requested_at=now) for a in agencies]
    _step(
        letter,
        "countersign",
        actor,
        payload={"agencies": [a.code for a in agencies]},
    )
    return rows


@transaction.atomic
def countersign_answer(*, countersign: Countersign, actor: User, opinion: str) -> Countersign:
    access.require_countersigner(actor, countersign)
    opinion = _clean_text(opinion, field="opinion", label="会签意见", max_length=2000)
    locked = Countersign.objects.select_for_update().get(pk=countersign.pk)
    if locked.answered_at is not None:
        raise Conflict("已填写会签意见")
    letter = locked.letter
    _state(letter, LetterState.COUNTERSIGNING)
    locked.opinion, locked.answered_at, locked.answered_by = opinion, timezone.now(), actor
    locked.save(update_fields=["opinion", "answered_at", "answered_by"])
    case_add_event(
        case=letter.case,
        type="countersign_opinion",
        label=f"{locked.agency.short_name}会签意见",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"agency": locked.agency.code},
    )
    if not letter.countersigns.filter(answered_at__isnull=True).exists():
        _step(letter, "countersigned", None, kind=ActorKind.SYSTEM)
    return locked


@transaction.atomic
def letter_save_draft(*, letter: Letter, actor: User, text: str) -> Letter:
    _require_handler(actor, letter)
    _state(letter, LetterState.ASSIGNED, LetterState.COUNTERSIGNING)
    letter.draft_reply = _clean_text(text, field="reply", label="答复内容", max_length=10000, required=False)
    letter.save(update_fields=["draft_reply"])
    return letter


@transaction.atomic
def letter_submit_reply(*, letter: Letter, actor: User, text: str) -> Letter:
    access.require_step(actor, letter, "submit_reply")
    text = _clean_text(text, field="reply", label="答复内容", max_length=10000)
    _state(letter, LetterState.ASSIGNED)
    letter.draft_reply = text
    letter.save(update_fields=["draft_reply"])
    _step(letter, "submit_reply", actor, payload={"length": len(text)})
    return letter


@transaction.atomic
def letter_reject_reply(*, letter: Letter, actor: User, reason: str) -> Letter:
    access.require_step(actor, letter, "reject_reply")
    reason = _clean_text(reason, field="reason", label="退回修改意见", max_length=500)
    _state(letter, LetterState.REVIEWING)
    _step(letter, "reject_reply", actor, payload={"reason": reason})
    return letter


@transaction.atomic
def letter_approve_reply(*, letter: Letter, actor: User, publish: bool = False) -> Letter:
    """The reviewed reply is sent to the writer; published only if the writer allowed it
    and the reviewer agrees."""
    access.require_step(actor, letter, "approve_reply")
    _state(letter, LetterState.REVIEWING)
    if publish and not letter.may_publish:
        raise InvalidInput("来信人未同意公开，不能公开", field="publish")
    letter.reply = letter.draft_reply
    letter.reply_agency = letter.handling_agency
    letter.replied_at = timezone.now()
    letter.is_published = publish
    letter.published_at = letter.replied_at if publish else None
    letter.save(
        update_fields=[
            "reply",
            "reply_agency",
            "replied_at",
            "is_published",
            "published_at",
        ]
    )
    # Whether the reply was on time, and how long it took, the kernel stores on the case as
    # it closes (Case.closed_on_time, closed_working_days) — the same for every case type.
    due = letter.case.due_date
    _step(
        letter,
        "approve_reply",
        actor,
        payload={"publish": publish, "on_time": due is None or timezone.localdate() <= due},
    )
    _reindex(letter.pk)
    return letter


@transaction.atomic
def letter_set_published(*, letter: Letter, actor: User, published: bool) -> Letter:
    _require_triage(actor, letter)
    _state(letter, LetterState.REPLIED)
    if published and not letter.may_publish:
        raise InvalidInput("来信人未同意公开，不能公开", field="publish")
    letter.is_published = published
    letter.published_at = (letter.published_at or timezone.now()) if published else None
    letter.save(update_fields=["is_published", "published_at"])
    case_add_event(
        case=letter.case,
        type="published" if published else "unpublished",
        label="答复已公开" if published else "答复已撤销公开",
        actor=actor,
        actor_kind=ActorKind.CLERK,
    )
    _reindex(letter.pk)
    return letter


# --- rating ---------------------------------------------------------------------------------
@transaction.atomic
def letter_rate(*, letter: Letter, rating: int, resolved: bool, comment: str = "") -> Letter:
    """好差评 after the reply, on the kernel's scale; "unresolved" reopens the letter to the
    same agency; a bad rating opens a rectification case (整改) for the agency that replied."""
    rating = ratings.clean_rating(rating, field="rating")
    comment = _clean_text(comment, field="comment", label="评价意见", max_length=300, required=False)
    _state(letter, LetterState.REPLIED)
    if letter.rated_at is not None and letter.replied_at and letter.rated_at >= letter.replied_at:
        raise Conflict("您已评价过本次答复")
    letter.rating, letter.resolved, letter.rating_comment, letter.rated_at = rating, resolved, comment, timezone.now()
    fields = ["rating", "resolved", "rating_comment", "rated_at"]
    payload = {"rating": rating, "rating_label": ratings.label(rating), "resolved": resolved, "comment": comment}
    handled_by = letter.handling_agency or letter.reply_agency or letter.mailbox.triage_agency
    if resolved:
        event = case_add_event(
            case=letter.case,
            type="rated",
            label=f"来信人评价：{ratings.label(rating)}",
            actor=None,
            actor_kind=ActorKind.CITIZEN,
            payload=payload,
            public=True,
        )
    else:
        letter.reopen_count += 1
        letter.is_published = False
        letter.published_at = None
        fields += ["reopen_count", "is_published", "published_at"]
        event = _step(
            letter,
            "reopen",
            None,
            kind=ActorKind.CITIZEN,
            payload={**payload, "limit_days": letter.limit_days},
        )
    letter.save(update_fields=fields)
    rectification_open(rated_case=letter.case, rating_event=event, level=rating, agency=handled_by, comment=comment)
    _reindex(letter.pk)
    return letter


# --- FAQ -------------------------------------------------------------------------------------
@transaction.atomic
def faq_promote(*, letter: Letter, actor: User, topic: str, question: str = "", answer: str = "") -> FaqEntry:
    """ "Promote this answered letter to the FAQ": personal data masked, editable after."""
    access.require_may_promote(actor, letter)
    _state(letter, LetterState.REPLIED)
    entry = FaqEntry.objects.create(
        agency=letter.reply_agency or letter.mailbox.agency,
        topic=_clean_text(topic, field="topic", label="主题", max_length=40),
        question=masking.mask_text(question.strip() or letter.title, names=(letter.name,))[:200],
        answer=masking.mask_text(
            answer.strip() or letter.reply,
            keep=("12345", letter.reply_agency.phone) if letter.reply_agency else ("12345",),
            names=(letter.name,),
        ),
        source_letter=letter,
    )
    return entry  # re-indexed on commit by the FaqEntry post_save hook (search.connect)


# --- hand-off from disclosure ----------------------------------------------------------------
def mailbox_for_agency(agency: Agency | None) -> Mailbox:
    box = None
    if agency is not None:
        box = Mailbox.objects.filter(agency=agency, kind=MailboxKind.AGENCY, is_active=True).first()
    if box is None:
        box = Mailbox.objects.filter(kind=MailboxKind.SUPERVISION, is_active=True).order_by("sort_order").first()
    if box is None:
        raise InvalidInput("没有可接收信件的信箱（请先设置公众监督信箱）")
    return box


def _send_handoff_query_code(letter: Letter, code: str) -> None:
    """A writer whose request was handed over never saw the letter's form, so the query code
    (never stored in plain text) goes to them by SMS and e-mail, whichever they gave (the
    case type's ``handoff_code`` notice)."""
    case_notify(
        case=letter.case,
        event="handoff_code",
        context={
            "source_tracking_number": letter.source_tracking_number,
            "mailbox_name": letter.mailbox.name,
            "code": code,
        },
    )


@register_handoff("interaction.letter_from_disclosure")
def letter_from_disclosure(*, key: str, payload: dict) -> None:
    """A petition or complaint that arrived as a disclosure request becomes a letter in the
    agency's mailbox (or 公众监督信箱), linked both ways. Idempotent on the outbox key."""
    if Letter.objects.filter(handoff_key=key).exists():
        return
    agency = Agency.objects.filter(code=payload.get("agency_code", "")).first()
    mailbox = mailbox_for_agency(agency)
    source = Case.objects.get(tracking_number=payload["source_tracking_number"])
    category = (
        Category.COMPLAIN if Category.COMPLAIN in dict(mailbox.category_choices()) else mailbox.category_choices()[0][0]
    )
    try:
        with transaction.atomic():
            letter, code = letter_submit(
                mailbox=mailbox,
                category=category,
                title=(payload.get("title") or "转来的信件")[:100],
                content=payload.get("content") or payload.get("title") or "",
                name=payload.get("name") or "来信人",
                phone=payload.get("phone") or "",
                email=payload.get("email") or "",
                source="disclosure",
                source_tracking_number=source.tracking_number,
                handoff_key=key,
            )
            case_add_event(
                case=source,
                type="linked_letter",
                label="已转为信件",
                actor=None,
                actor_kind=ActorKind.SYSTEM,
                payload={"tracking_number": letter.case.tracking_number},
                public=True,
            )
            _send_handoff_query_code(letter, code)
    except IntegrityError:  # a concurrent delivery of the same key won
        if not Letter.objects.filter(handoff_key=key).exists():
            raise
