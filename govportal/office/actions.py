"""Every write of 协同办公: drafting, signing and sending documents, signing for, returning
and replying to them, pressing, circulating, the 主动公开 hand-off and the retention purge.

Keyword-only, with an explicit ``actor``; one transaction each; every step is an event in
the kernel's append-only log (a transition of the document's or the delivery's case, or an
event added to it); notifications and the hand-off to 政府信息公开 go through the outbox.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from govportal.core import citizen_input as ci
from govportal.core import numbering
from govportal.core.cases.actions import case_add_event, case_create, case_transition
from govportal.core.cases.models import ActorKind
from govportal.core.errors import Conflict, InvalidInput, NotAllowed
from govportal.core.files.actions import case_file_attach, stored_file_delete
from govportal.core.models import Agency, AgencyKind, Role
from govportal.core.notify import register_handoff
from govportal.core.outbox.actions import outbox_put
from govportal.core.uploads import check_upload
from govportal.office import access
from govportal.office.models import (
    Attendee,
    Circulation,
    Delivery,
    DeliveryRole,
    Disclosure,
    DocKind,
    OfficeAttachment,
    OfficeDocument,
    Urgency,
)
from govportal.office.workflow import DELIVERY, DELIVERY_REPLY, DOCUMENT, DeliveryState, DocState

FILE_KIND = "office.attachment"
ATTACHMENT_TYPES = ("pdf", "ofd", "docx", "xlsx", "jpg", "png")
MAX_ATTACHMENTS = 10
HANDOFF_TO_DISCLOSURE = "disclosure.document_from_office"
HANDOFF_BACK = "office.disclosure_published"

DOC_NUMBERS = numbering.register_series(
    numbering.Series(key="office.doc", format="{mark}〔{year}〕{seq}号", period="year")
)

# 涉密不上网: a classification marker where GB/T 9704 puts it (密级和保密期限, e.g. “机密★1年”)
# at the start of the title or of the text — or in the 密级 field — refuses the document.
_MARKER = re.compile(r"^\s*[【\[（(]?\s*(绝密|机密|秘密)\s*(★|\*|[】\])）]|$|\s|\d)")
CLASSIFIED = "本系统只处理非涉密公文。涉密文件不得在互联网办公系统中制发、传输（涉密不上网），请通过机要渠道办理"


def check_unclassified(*, classification: str = "", title: str = "", body: str = "") -> None:
    first_line = (body or "").lstrip().split("\n", 1)[0]
    if (classification or "").strip() or _MARKER.match(title or "") or _MARKER.match(first_line):
        raise InvalidInput(CLASSIFIED, field="classification")


# --- roles ----------------------------------------------------------------------------------


@transaction.atomic
def office_roles_ensure(*, agency: Agency) -> Group:
    """The agency's 公文收发员 group (``office.handle_documents`` and admin access) and the
    签发 right for its 签发领导 group. Idempotent."""
    from govportal.cluster.permissions import agency_groups

    handle = Permission.objects.get(content_type__app_label="office", codename=access.HANDLE)
    sign = Permission.objects.get(content_type__app_label="office", codename=access.SIGN)
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group, _ = Group.objects.get_or_create(name=f"{agency.short_name}（{agency.code}）公文收发员")
    group.permissions.add(handle, admin)
    agency_groups(agency)[Role.LEADER].permissions.add(sign)
    return group


# --- drafting -------------------------------------------------------------------------------


def _text(value, *, field, label, max_length, required=True, multiline=False) -> str:
    return ci.clean_text(value, field=field, label=label, max_length=max_length, required=required, multiline=multiline)


TARGETS = {
    "townships": ("各乡镇人民政府、街道办事处", (AgencyKind.TOWNSHIP,)),
    "departments": ("市政府各部门", (AgencyKind.DEPARTMENT,)),
    "all": ("各乡镇人民政府、街道办事处，市政府各部门", (AgencyKind.TOWNSHIP, AgencyKind.DEPARTMENT)),
}


def resolve_recipients(*, target: str, chosen: Sequence[Agency], sender: Agency) -> tuple[list[Agency], str]:
    """The addressed agencies and the 主送机关 line: all townships, all departments, both, or
    the chosen ones (never the sender itself)."""
    if target in TARGETS:
        line, kinds = TARGETS[target]
        agencies = list(Agency.objects.filter(kind__in=kinds, is_active=True).order_by("sort_order", "code"))
    elif target == "chosen":
        agencies = sorted({a.pk: a for a in chosen}.values(), key=lambda a: (a.sort_order, a.code))
        line = "、".join(a.name for a in agencies)
    else:
        raise InvalidInput("请选择主送范围", field="target")
    agencies = [a for a in agencies if a.pk != sender.pk]
    if not agencies:
        raise InvalidInput("请至少选择一个主送单位", field="agencies")
    return agencies, line


def _clean(data: dict, *, sender: Agency) -> dict:
    check_unclassified(
        classification=data.get("classification", ""), title=data.get("title", ""), body=data.get("body", "")
    )
    kind = data.get("kind") or DocKind.DOCUMENT
    if kind not in DocKind.values:
        raise InvalidInput("请选择公文类别", field="kind")
    urgency = data.get("urgency") or ""
    if urgency not in Urgency.values:
        raise InvalidInput("请选择紧急程度", field="urgency")
    disclosure = data.get("disclosure") or ""
    if disclosure not in Disclosure.values:
        raise InvalidInput("请选择公开方式（主动公开、依申请公开或不予公开）", field="disclosure")
    clean = {
        "kind": kind,
        "urgency": urgency,
        "disclosure": disclosure,
        "title": _text(data.get("title"), field="title", label="标题", max_length=200),
        "body": _text(data.get("body"), field="body", label="正文", max_length=50_000, multiline=True),
        "attachment_note": _text(
            data.get("attachment_note"), field="attachment_note", label="附件说明", max_length=500, required=False
        ),
        "number_mark": _text(
            data.get("number_mark") or sender.short_name, field="number_mark", label="机关代字", max_length=20
        ),
        "issuing_name": _text(
            data.get("issuing_name") or sender.name, field="issuing_name", label="发文机关标志", max_length=60
        ),
        "reply_days": None,
        "meeting_at": None,
        "meeting_place": "",
        "wants_attendance": False,
    }
    reply_days = data.get("reply_days")
    if reply_days not in (None, ""):
        days = ci.parse_int(reply_days, minimum=1, maximum=60)
        if days is None:
            raise InvalidInput("回复期限须为 1 至 60 个工作日", field="reply_days")
        clean["reply_days"] = days
    if kind == DocKind.MEETING:
        meeting_at = data.get("meeting_at")
        if isinstance(meeting_at, str):
            try:
                meeting_at = datetime.fromisoformat(meeting_at.strip())
            except ValueError:
                meeting_at = None
        if not isinstance(meeting_at, datetime):
            raise InvalidInput("请填写会议时间（如 2026-12-10 09:00）", field="meeting_at")
        if timezone.is_naive(meeting_at):
            meeting_at = timezone.make_aware(meeting_at)
        clean["meeting_at"] = meeting_at
        clean["meeting_place"] = _text(
            data.get("meeting_place"), field="meeting_place", label="会议地点", max_length=200
        )
        clean["wants_attendance"] = bool(data.get("wants_attendance"))
        if clean["wants_attendance"] and clean["reply_days"] is None:
            clean["reply_days"] = 2
    return clean


def _check_files(files: Sequence) -> list:
    if len(files) > MAX_ATTACHMENTS:
        raise InvalidInput(f"附件最多 {MAX_ATTACHMENTS} 个", field="attachments")
    limit = settings.GOVPORTAL_OFFICE_MAX_ATTACHMENT_BYTES
    return [
        (f, check_upload(f, allowed=ATTACHMENT_TYPES, max_bytes=limit, label=f"附件“{f.name}”", field="attachments"))
        for f in files
    ]


def _issuer(user_or_id, agency_id):
    issuer = access.signers_of(agency_id).filter(pk=getattr(user_or_id, "pk", user_or_id)).first()
    if issuer is None:
        raise InvalidInput("请选择本单位的签发人", field="issuer")
    return issuer


@transaction.atomic
def document_draft(
    *,
    actor,
    data: dict,
    issuer,
    target: str,
    agencies: Sequence[Agency] = (),
    cc_agencies: Sequence[Agency] = (),
    files: Sequence = (),
) -> OfficeDocument:
    """拟稿: a new draft of the actor's agency, addressed and with its 签发人 named."""
    agency_id = access.require_may_draft(actor)
    sender = Agency.objects.get(pk=agency_id)
    clean = _clean(data, sender=sender)
    recipients, main_to = resolve_recipients(target=target, chosen=agencies, sender=sender)
    cc = [a for a in cc_agencies if a.pk != sender.pk and a.pk not in {r.pk for r in recipients}]
    issuer = _issuer(issuer, agency_id)
    checked = _check_files(files)
    case, _code = case_create(
        case_type=DOCUMENT,
        actor=actor,
        actor_kind=ActorKind.CLERK,
        agency=sender,
        title=clean["title"],
        payload={"title": clean["title"], "kind": clean["kind"]},
    )
    document = OfficeDocument.objects.create(
        case=case,
        agency=sender,
        issuer=issuer,
        drafted_by=actor,
        main_to=main_to[:500],
        cc="、".join(a.name for a in cc)[:500],
        **clean,
    )
    _store_recipients(document, [(a, DeliveryRole.MAIN) for a in recipients] + [(a, DeliveryRole.CC) for a in cc])
    for upload, kinds in checked:
        case_file_attach(OfficeAttachment, upload=upload, kind=FILE_KIND, case=case, checked=kinds, document=document)
    return document


def _store_recipients(document: OfficeDocument, recipients: list[tuple[Agency, str]]) -> None:
    """The addressed agencies wait in the document's case log until it is sent (no delivery
    exists before: a draft is nobody else's business)."""
    rows = [{"agency_id": a.pk, "role": role} for a, role in recipients]
    case_add_event(
        case=document.case,
        type="addressed",
        label="确定主送、抄送单位",
        actor=None,
        actor_kind=ActorKind.SYSTEM,
        payload={"recipients": rows},
    )


def planned_recipients(document: OfficeDocument) -> list[dict]:
    event = document.case.events.filter(type="addressed").order_by("-created_at", "-id").first()
    return list(event.payload.get("recipients", [])) if event else []


@transaction.atomic
def document_revise(*, document: OfficeDocument, actor, title: str, body: str) -> OfficeDocument:
    """修改草稿: the drafting agency's clerk changes the title and text of a draft (after
    退回修改, say); checked again for classification markers."""
    access.require_sender_clerk(actor, document)
    if document.case.state != DocState.DRAFT:
        raise Conflict("只有草稿可以修改")
    check_unclassified(title=title, body=body)
    document.title = _text(title, field="title", label="标题", max_length=200)
    document.body = _text(body, field="body", label="正文", max_length=50_000, multiline=True)
    document.save(update_fields=["title", "body"])
    case_add_event(
        case=document.case, type="revise", label="修改草稿", actor=actor, actor_kind=ActorKind.CLERK, payload={}
    )
    return document


@transaction.atomic
def document_submit(*, document: OfficeDocument, actor) -> None:
    access.require_step(actor, document.case, "submit")
    case_transition(case=document.case, name="submit", actor=actor, actor_kind=ActorKind.CLERK)


@transaction.atomic
def document_reject(*, document: OfficeDocument, actor, reason: str) -> None:
    access.require_step(actor, document.case, "reject")
    reason = _text(reason, field="reason", label="退回理由", max_length=500)
    case_transition(
        case=document.case, name="reject", actor=actor, actor_kind=ActorKind.CLERK, payload={"reason": reason}
    )


@transaction.atomic
def document_sign(*, document: OfficeDocument, actor, today: date | None = None) -> OfficeDocument:
    """签发: the 签发人 approves; the document gets its 发文字号 (the kernel's numbering, per
    agency and 机关代字 and year) and its 成文日期 (the day of signing)."""
    access.require_step(actor, document.case, "sign")
    today = today or timezone.localdate()
    _seq, number = numbering.number_next(
        DOC_NUMBERS, scope=f"{document.agency_id}:{document.number_mark}", on=today, mark=document.number_mark
    )
    if OfficeDocument.objects.filter(agency_id=document.agency_id, doc_number=number).exists():
        raise Conflict("发文字号已被使用，请联系网站管理员")
    case_transition(
        case=document.case, name="sign", actor=actor, actor_kind=ActorKind.CLERK, payload={"doc_number": number}
    )
    document.doc_number = number
    document.written_on = today
    document.signed_at = timezone.now()
    document.save(update_fields=["doc_number", "written_on", "signed_at"])
    return document


@transaction.atomic
def document_send(*, document: OfficeDocument, actor) -> list[Delivery]:
    """发出: one delivery (a case of its own, with the reply clock if asked) per addressed agency."""
    access.require_step(actor, document.case, "send")
    rows = planned_recipients(document)
    agencies = {a.pk: a for a in Agency.objects.filter(pk__in=[r["agency_id"] for r in rows])}
    case_type = DELIVERY_REPLY if document.reply_days else DELIVERY
    payload = {"reply_days": document.reply_days} if document.reply_days else {}
    deliveries = []
    for row in rows:
        agency = agencies.get(row["agency_id"])
        if agency is None:
            continue
        case, _code = case_create(
            case_type=case_type,
            actor=actor,
            actor_kind=ActorKind.CLERK,
            agency=agency,
            title=document.title,
            payload={**payload, "doc_number": document.doc_number},
        )
        deliveries.append(Delivery.objects.create(document=document, case=case, agency=agency, role=row["role"]))
    case_transition(
        case=document.case,
        name="send",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"agencies": len(deliveries)},
    )
    document.sent_at = timezone.now()
    document.save(update_fields=["sent_at"])
    return deliveries


# --- receiving ------------------------------------------------------------------------------


@transaction.atomic
def delivery_sign_for(*, delivery: Delivery, actor) -> Delivery:
    access.require_step(actor, delivery.case, "sign_for")
    case_transition(case=delivery.case, name="sign_for", actor=actor, actor_kind=ActorKind.CLERK)
    delivery.signed_by = actor
    delivery.signed_at = timezone.now()
    delivery.save(update_fields=["signed_by", "signed_at"])
    return delivery


@transaction.atomic
def delivery_return(*, delivery: Delivery, actor, reason: str) -> Delivery:
    access.require_step(actor, delivery.case, "return")
    reason = _text(reason, field="reason", label="退回理由", max_length=500)
    case_transition(
        case=delivery.case, name="return", actor=actor, actor_kind=ActorKind.CLERK, payload={"reason": reason}
    )
    delivery.returned_reason = reason
    delivery.save(update_fields=["returned_reason"])
    return delivery


def _attendees(rows: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for n, (name, post) in enumerate(rows, start=1):
        if not (name or "").strip() and not (post or "").strip():
            continue
        out.append(
            (
                ci.clean_name(name, label=f"第{n}位参会人员姓名", field="attendee_name"),
                _text(post, field="attendee_post", label=f"第{n}位参会人员职务", max_length=60),
            )
        )
    if len(out) > 20:
        raise InvalidInput("参会人员最多 20 位", field="attendee_name")
    return out


@transaction.atomic
def delivery_reply(*, delivery: Delivery, actor, text: str = "", attendees: Sequence[tuple[str, str]] = ()) -> Delivery:
    """回复 (or 会议回执): on the reply clock; a late one stays late in the kernel's record."""
    access.require_step(actor, delivery.case, "reply")
    document = delivery.document
    people = _attendees(attendees) if document.wants_attendance else []
    if document.wants_attendance and not people:
        raise InvalidInput("请填写参会人员姓名和职务", field="attendee_name")
    text = _text(text, field="reply", label="回复内容", max_length=5000, multiline=True, required=not people)
    case_transition(
        case=delivery.case,
        name="reply",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"attendees": len(people)} if people else {},
    )
    Attendee.objects.bulk_create([Attendee(delivery=delivery, name=n, post=p) for n, p in people])
    delivery.reply = text
    delivery.replied_at = timezone.now()
    delivery.replied_by = actor
    delivery.save(update_fields=["reply", "replied_at", "replied_by"])
    return delivery


def _pressable(delivery: Delivery) -> bool:
    state = delivery.case.state
    return state == DeliveryState.PENDING or (
        delivery.case.case_type == DELIVERY_REPLY and state == DeliveryState.SIGNED
    )


@transaction.atomic
def delivery_press(*, delivery: Delivery, actor) -> Delivery:
    """催办: the sender's clerk presses an agency that has not signed for (or replied to) the
    document; the kernel sends the notice to that agency's OA clerks through the outbox."""
    access.require_sender_clerk(actor, delivery.document)
    if not _pressable(delivery):
        raise Conflict("该单位已签收办结，无需催办")
    now = timezone.now()
    if delivery.last_pressed_at and now - delivery.last_pressed_at < timedelta(hours=1):
        raise Conflict("一小时内已催办过该单位，请稍后再催")
    case_add_event(
        case=delivery.case,
        type="press",
        label="催办",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"by_agency": delivery.document.agency.short_name, "count": delivery.pressed_count + 1},
    )
    delivery.pressed_count += 1
    delivery.last_pressed_at = now
    delivery.save(update_fields=["pressed_count", "last_pressed_at"])
    return delivery


def document_press_all(*, document: OfficeDocument, actor) -> int:
    """催办 every agency still pending (those pressed within the hour are skipped)."""
    access.require_sender_clerk(actor, document)
    pressed = 0
    hour_ago = timezone.now() - timedelta(hours=1)
    for delivery in document.deliveries.select_related("case", "document__agency"):
        if _pressable(delivery) and not (delivery.last_pressed_at and delivery.last_pressed_at > hour_ago):
            delivery_press(delivery=delivery, actor=actor)
            pressed += 1
    return pressed


@transaction.atomic
def delivery_circulate(*, delivery: Delivery, actor, users: Sequence) -> int:
    """传阅: give a signed-for document to the agency's own staff to read."""
    access.require_receiver_clerk(actor, delivery)
    if delivery.case.state not in (DeliveryState.SIGNED, DeliveryState.REPLIED):
        raise Conflict("签收后才能分发传阅")
    users = access.own_staff(users, delivery.agency_id)
    if not users:
        raise InvalidInput("请选择本单位的阅件人", field="users")
    known = set(delivery.circulations.values_list("user_id", flat=True))
    new = [u for u in users if u.pk not in known]
    Circulation.objects.bulk_create([Circulation(delivery=delivery, user=u) for u in new])
    if new:
        case_add_event(
            case=delivery.case,
            type="circulate",
            label="分发传阅",
            actor=actor,
            actor_kind=ActorKind.CLERK,
            payload={"readers": [u.get_full_name() or u.username for u in new]},
        )
    return len(new)


@transaction.atomic
def circulation_read(*, delivery: Delivery, actor) -> Circulation:
    """阅件回执: the reader marks it read (once)."""
    row = delivery.circulations.filter(user=actor).first()
    if row is None:
        raise NotAllowed("该公文没有分发给您传阅")
    if row.read_at is None:
        row.read_at = timezone.now()
        row.save(update_fields=["read_at"])
        case_add_event(
            case=delivery.case,
            type="read",
            label="已阅",
            actor=actor,
            actor_kind=ActorKind.CLERK,
            payload={"reader": actor.get_full_name() or actor.username},
        )
    return row


# --- 主动公开: the hand-off to the agency's 信息公开 catalogue ----------------------------------


@transaction.atomic
def document_publish(*, document: OfficeDocument, actor) -> OfficeDocument:
    """One step: the signed and sent 主动公开 document goes to the sending agency's 政府信息公开
    catalogue with its 发文字号 and 成文日期; the catalogue gives it an index number, which
    comes back (`disclosure_published`)."""
    access.require_sender_clerk(actor, document)
    if document.disclosure != Disclosure.ACTIVE:
        raise Conflict("只有公开方式为“主动公开”的公文可以发布到信息公开目录")
    if document.case.state != DocState.SENT:
        raise Conflict("公文签发并发出后才能发布到信息公开目录")
    if document.published_key:
        raise Conflict("该公文已提交信息公开目录")
    key = f"office:{document.pk}:publish"
    outbox_put(
        key=key,
        channel="handoff",
        recipient=HANDOFF_TO_DISCLOSURE,
        payload={
            "agency_code": document.agency.code,
            "title": document.title,
            "document_number": document.doc_number,
            "date_made": document.written_on.isoformat(),
            "issuing_agency": document.agency.name,
            "body": document.body,
            "reply_to": HANDOFF_BACK,
            "office_key": key,
        },
        case=document.case,
    )
    case_add_event(
        case=document.case,
        type="publish",
        label="发布到信息公开目录",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"doc_number": document.doc_number},
    )
    document.published_key = key
    document.save(update_fields=["published_key"])
    return document


@register_handoff(HANDOFF_BACK)
def disclosure_published(*, key: str, payload: dict) -> None:
    """The catalogue's answer: the index number and address of the published entry.
    Idempotent (a repeated delivery writes the same values)."""
    document = OfficeDocument.objects.filter(published_key=payload.get("office_key", "")).first()
    if document is None or document.disclosure_index:
        return
    with transaction.atomic():
        document.disclosure_index = str(payload.get("index_number", ""))[:100]
        document.disclosure_url = str(payload.get("url", ""))[:300]
        document.save(update_fields=["disclosure_index", "disclosure_url"])
        case_add_event(
            case=document.case,
            type="published",
            label="已在信息公开目录发布",
            actor=None,
            actor_kind=ActorKind.SYSTEM,
            payload={"index_number": document.disclosure_index},
        )


# --- retention --------------------------------------------------------------------------------


def office_purge(*, today: date | None = None) -> int:
    """Delete the documents (content, deliveries, replies, attachments) sent or drafted more
    than ``OFFICE_RETENTION_YEARS`` years ago. The kernel's cases and their append-only logs
    stay: who sent, signed for and replied when remains on record."""
    years = settings.GOVPORTAL_OFFICE_RETENTION_YEARS
    if years <= 0:
        return 0
    today = today or timezone.localdate()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    start = timezone.make_aware(datetime.combine(cutoff, datetime.min.time()))
    purged = 0
    for document in OfficeDocument.objects.filter(created_at__lt=start).select_related("case"):
        with transaction.atomic():
            case_add_event(
                case=document.case,
                type="purged",
                label=f"超过保存期限（{years}年）已删除",
                actor=None,
                actor_kind=ActorKind.SYSTEM,
                payload={"doc_number": document.doc_number},
            )
            stored = [a.stored for a in document.attachments.select_related("stored")]
            document.delete()
            for record in stored:
                stored_file_delete(record)
            purged += 1
    return purged
