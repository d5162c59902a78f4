"""Every write of 政府信息公开: the disclosure column of a site, index numbers, the requests'
legal clock (through the case kernel) and the annual report.

Requests: each action checks the rule the law sets (one correction notice, within 7 WD;
one extension ≤ 20 WD approved by the head of the disclosure office; sub-reason belongs to
the outcome), then calls `case_transition`, which logs the event and recomputes the due
date. Notifications to the applicant and the hand-off to the mailbox area go to the outbox
in the same transaction.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govportal.cluster.permissions import agency_groups
from govportal.core import calendar, numbering
from govportal.core import citizen_input as ci
from govportal.core.cases.actions import case_add_event, case_create, case_transition, timer_start, timer_stop
from govportal.core.cases.models import ActorKind, CaseEvent, CaseTimer
from govportal.core.errors import Conflict, InvalidInput
from govportal.core.files.actions import case_file_attach
from govportal.core.models import Agency, Role
from govportal.core.notify import register_handoff
from govportal.core.uploads import check_upload
from govportal.disclosure import access, fees, letters, workflow
from govportal.disclosure import report as report_mod
from govportal.disclosure.choices import (
    NOTICE_SERIES_MARK,
    STEP_DEPENDENT,
    SUB_REASONS,
    ApplicantType,
    Category,
    Channel,
    FeeMethod,
    IdType,
    NoticeKind,
    Outcome,
    SubReason,
)
from govportal.disclosure.files import FILE_KIND
from govportal.disclosure.models import (
    AnnualReport,
    DisclosureDocumentPage,
    DisclosureIndexPage,
    DisclosureNotice,
    DisclosureRequest,
    IndexNumber,
    IndexSequence,
    ReplyAttachment,
)
from govportal.disclosure.publishing import report_changed
from govportal.disclosure.selectors import applicant_requests_in_month, request_agencies
from govportal.disclosure.workflow import State

HANDOFF_RECIPIENT = "interaction.letter_from_disclosure"
PERM_HANDLE = access.PERM_HANDLE
PERM_EXTEND = access.PERM_EXTEND


# --- the 政府信息公开 column --------------------------------------------------------------
def disclosure_column_ensure(*, home, actor=None) -> DisclosureIndexPage:
    """Give a site its 政府信息公开 column (slug ``xxgk``), placed before 网上办事 on the
    portal, and the agency's groups the permission to handle requests (the leader's group
    also approves extensions, as head of the disclosure office, until the information
    office assigns it elsewhere)."""
    from django.contrib.auth.models import Permission

    existing = DisclosureIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    column = DisclosureIndexPage(
        title=_("政府信息公开"),
        slug="xxgk",
        owner=actor,
        intro=_("政府信息公开指南、制度、法定主动公开内容、年度报告和依申请公开。"),
    )
    home.add_child(instance=column)
    service = home.get_children().filter(slug="wsbs").first()
    if service is not None:
        column.move(service, pos="left")
    groups = agency_groups(home.agency)
    handle = Permission.objects.get(content_type__app_label="disclosure", codename="handle_request")
    extend = Permission.objects.get(content_type__app_label="disclosure", codename="approve_extension")
    for group in groups.values():
        group.permissions.add(handle)
    groups[Role.LEADER].permissions.add(extend)
    return column


# --- index numbers ---------------------------------------------------------------------
# The area's number series (`core.numbering`, the one function that makes numbers).
INDEX_NUMBERS = numbering.register_series(
    numbering.Series(key="disclosure.index", format=lambda: settings.GOVPORTAL_DISCLOSURE_INDEX_FORMAT)
)
LETTER_NUMBERS = numbering.register_series(
    numbering.Series(key="disclosure.letter", format="{agency}依申复〔{year}〕{seq}号")
)


NOTICE_NUMBERS = {
    kind: numbering.register_series(
        numbering.Series(key=f"disclosure.notice.{kind.value}", format="{agency}" + mark + "〔{year}〕{seq}号")
    )
    for kind, mark in NOTICE_SERIES_MARK.items()
}


def _issue_notice(req: DisclosureRequest, kind: str, *, payload: dict, addressee: str = "") -> DisclosureNotice:
    """Number and keep one written notice (its PDF is `letters.notice_pdf`). The agency row
    is the lock of its yearly series, as for the decision letters."""
    today = timezone.localdate()
    Agency.objects.select_for_update().filter(pk=req.agency_id).first()
    _seq, number = numbering.number_next(
        NOTICE_NUMBERS[kind], scope=req.agency_id, on=today, agency=req.agency.short_name
    )
    return DisclosureNotice.objects.create(
        request=req,
        agency_id=req.agency_id,
        kind=kind,
        number=number,
        addressee=(addressee or req.name)[:200],
        issued_on=today,
        payload=payload,
    )


def _next_index_number(*, agency, year: int, topic: str) -> tuple[int, str]:
    """Before the kernel's counters, the index numbers of a year were counted in
    `IndexSequence`: a counter new in the kernel starts after its last number."""

    def floor() -> int:
        row = IndexSequence.objects.filter(agency_id=agency.pk, year=year).first()
        return row.last if row else 0

    return numbering.number_next(
        INDEX_NUMBERS, scope=agency.pk, on=date(year, 1, 1), floor=floor, agency=agency.code, topic=topic
    )


@transaction.atomic
def document_assign_index_number(*, page: DisclosureDocumentPage) -> IndexNumber:
    """At first publication: the next number of the page's agency for the year of first
    publication. Idempotent — a page keeps the number it got; numbers are never reused."""
    existing = IndexNumber.objects.filter(page_id=page.pk).first()
    if existing:
        return existing
    home = page.site_home
    if home is None:
        raise Conflict(_("目录条目必须位于某个网站的政府信息公开栏目下"))
    published = page.first_published_at or timezone.now()
    year = timezone.localtime(published).year
    seq, number = _next_index_number(agency=home.agency, year=year, topic=page.topic)
    return IndexNumber.objects.create(
        number=number, agency_id=home.agency_id, year=year, sequence=seq, page=page, title=page.title[:255]
    )


# --- requests --------------------------------------------------------------------------
REQUIRED = ("applicant_type", "name", "id_type", "id_number", "phone", "description")


def _validate_applicant(data: dict) -> dict:
    """The applicant's data through the shared citizen-input rules (the same as the form's
    and the API's): control characters removed, lengths capped, phone, e-mail and — for a
    resident ID card — the ID number's check digit."""
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items()}
    for key in REQUIRED:
        if not clean.get(key):
            raise InvalidInput(_("请填写必填项"), field=key)
    clean["name"] = ci.clean_name(clean["name"], label=_("姓名或名称"), max_length=ci.ORG_NAME_MAX, field="name")
    clean["contact_person"] = ci.clean_name(
        clean.get("contact_person"), label=_("联系人"), required=False, field="contact_person"
    )
    if clean["id_type"] not in IdType.values:
        raise InvalidInput(_("证件类型不正确"), field="id_type")
    if clean["id_type"] == IdType.ID_CARD:
        clean["id_number"] = ci.clean_id_number(clean["id_number"], label=_("身份证号"), field="id_number")
    else:
        clean["id_number"] = ci.clean_document_number(clean["id_number"], label=_("证件号码"), field="id_number")
    clean["phone"] = ci.clean_phone(clean["phone"], field="phone")
    clean["email"] = ci.clean_email(clean.get("email"), field="email")
    clean["address"] = ci.clean_text(
        clean.get("address"), label=_("通信地址"), max_length=200, required=False, field="address"
    )
    clean["postcode"] = ci.clean_postcode(clean.get("postcode"), field="postcode")
    clean["purpose"] = ci.clean_text(
        clean.get("purpose"), label=_("用途"), max_length=200, required=False, field="purpose"
    )
    clean["description"] = ci.clean_text(
        clean["description"], label=_("所需政府信息的描述"), max_length=2000, multiline=True, field="description"
    )
    if clean["applicant_type"] not in ApplicantType.values:
        raise InvalidInput(_("申请人类型不正确"), field="applicant_type")
    if clean["applicant_type"] != ApplicantType.PERSON and not clean.get("contact_person"):
        raise InvalidInput(_("法人或其他组织申请时请填写联系人"), field="contact_person")
    if len(clean["description"]) < 5:
        raise InvalidInput(_("请具体描述所需政府信息的名称、文号或特征"), field="description")
    return clean


def _create(*, agency, data: dict, channel: str, actor, actor_kind: str) -> tuple[DisclosureRequest, str]:
    workflow.ensure_registered()
    clean = _validate_applicant(data)
    fields = {f.name for f in DisclosureRequest._meta.get_fields()}
    title = clean["description"].splitlines()[0][:60]
    case, code = case_create(
        case_type=workflow.KEY,
        actor=actor,
        actor_kind=actor_kind,
        agency=agency,
        title=title,
        payload={"channel": channel},
        context={"citizen_phone": clean["phone"], "citizen_email": ""},
    )
    req = DisclosureRequest.objects.create(
        case=case,
        agency=agency,
        channel=channel,
        **{k: v for k, v in clean.items() if k in fields and k not in {"case", "agency", "channel"}},
    )
    return req, code


# No savepoint inside the submission policy's transaction (core.antiabuse): a failure
# fails the whole submission, and a savepoint is two more round trips.
@transaction.atomic(savepoint=False)
def disclosure_request_submit(*, agency, data: dict) -> tuple[DisclosureRequest, str]:
    """An online request from a citizen. The clock starts when the office confirms receipt
    (Art. 31: online — the date both sides confirm)."""
    if agency is None or not request_agencies().filter(pk=agency.pk).exists():
        raise InvalidInput(_("请选择受理机关"), field="agency")
    return _create(agency=agency, data=data, channel=Channel.ONLINE, actor=None, actor_kind=ActorKind.CITIZEN)


# The first day a request can have been received: the Regulations in force (国务院令第492号).
REGULATIONS_IN_FORCE = date(2008, 5, 1)


def receipt_date(*, channel: str, received_on: date | None, today: date, agency=None) -> date:
    """Art. 31: in person — the day it was handed in (entered by the clerk: registering it
    later does not move it); registered post — the signing date; ordinary post — the date
    the office confirms; online or fax — the date both sides confirm. Never after today (the
    registration) nor before the office existed (the agency's 成立日期, or the Regulations'
    entry into force)."""
    if received_on is None:
        raise InvalidInput(
            {
                Channel.IN_PERSON: _("请填写申请人当面递交申请的日期"),
                Channel.REGISTERED_POST: _("请填写挂号信/特快专递的签收日期"),
                Channel.ORDINARY_POST: _("请填写本机关确认收到平常信函的日期"),
                Channel.FAX: _("请填写双方确认收到传真的日期"),
                Channel.ONLINE: _("请填写双方确认收到网上申请的日期"),
            }.get(channel, _("请填写收到申请日期")),
            field="received_on",
        )
    if received_on > today:
        raise InvalidInput(_("收到申请日期不能晚于登记之日（今天）"), field="received_on")
    existed = getattr(agency, "established_on", None) or REGULATIONS_IN_FORCE
    if received_on < existed:
        raise InvalidInput(
            _("收到申请日期不能早于本机关成立之日（%(day)s）") % {"day": existed.isoformat()}, field="received_on"
        )
    return received_on


@transaction.atomic
def disclosure_request_register(
    *, actor, agency, data: dict, channel: str, received_on: date | None = None
) -> tuple[DisclosureRequest, str]:
    """A request that arrived by letter, fax or in person, registered by a clerk; receipt is
    confirmed at once with the date the channel's rule gives."""
    _require_staff(actor, agency)
    if channel not in Channel.values or channel == Channel.ONLINE:
        raise InvalidInput(_("请选择申请方式（当面、信函或传真）"), field="channel")
    when = receipt_date(channel=channel, received_on=received_on, today=timezone.localdate(), agency=agency)
    req, code = _create(agency=agency, data=data, channel=channel, actor=actor, actor_kind=ActorKind.CLERK)
    _receive(req, actor=actor, when=when)
    return req, code


def _require_staff(actor, agency) -> None:
    access.require_may_act_for(actor, agency.pk)


def _receive(req: DisclosureRequest, *, actor, when: date, late_reason: str = "") -> None:
    payload = {"received_on": when.isoformat(), "channel": req.channel}
    if late_reason:
        payload["late_reason"] = late_reason
    case_transition(case=req.case, name="receive", actor=actor, actor_kind=ActorKind.CLERK, payload=payload)
    req.received_on = when
    req.save(update_fields=["received_on"])


def confirm_limit(req: DisclosureRequest, cal=None) -> date:
    """The last day the office may confirm an online request: ``GOVPORTAL_DISCLOSURE_CONFIRM_DAYS``
    working days after it was submitted."""
    submitted = timezone.localtime(req.case.created_at).date()
    return (cal or calendar.current()).add_working_days(submitted, settings.GOVPORTAL_DISCLOSURE_CONFIRM_DAYS)


@transaction.atomic
def disclosure_request_confirm_receipt(
    *, req: DisclosureRequest, actor, received_on: date | None = None, late_reason: str = ""
) -> None:
    """Confirm an online request (Art. 31: received on the date both sides confirm): the
    clock starts on the confirmed date, which lies between the submission and today and is
    not later than the confirmation limit (`confirm_limit`) unless a reason is recorded."""
    access.require_step(actor, req, "receive")
    today = timezone.localdate()
    when = received_on or today
    submitted = timezone.localtime(req.case.created_at).date()
    if when < submitted or when > today:
        raise InvalidInput(_("确认收到日期应在提交日期和今天之间"), field="received_on")
    late_reason = ci.clean_text(late_reason, label=_("理由"), max_length=200, required=False, field="late_reason")
    limit = confirm_limit(req)
    if when > limit and not late_reason:
        raise InvalidInput(
            _(
                "网上申请应在提交后%(days)d个工作日内（%(limit)s前）确认收到；"
                "确认收到日期晚于该时限的，须填写理由并记入办件记录"
            )
            % {"days": settings.GOVPORTAL_DISCLOSURE_CONFIRM_DAYS, "limit": limit.isoformat()},
            field="late_reason",
        )
    _receive(req, actor=actor, when=when, late_reason=late_reason if when > limit else "")


def _events(req: DisclosureRequest, type: str):
    return CaseEvent.objects.filter(case=req.case, type=type)


@transaction.atomic
def disclosure_request_correction_notice(*, req: DisclosureRequest, actor, items: str) -> None:
    """补正告知 (Art. 30): once per request, within 7 WD of receipt, listing everything."""
    access.require_step(actor, req, "request_correction")
    items = (items or "").strip()
    if not items:
        raise InvalidInput(_("请一次性列明需要补正的全部事项"), field="items")
    if _events(req, "request_correction").exists():
        raise Conflict(_("补正告知只能发出一次，且应一次性告知全部需要补正的事项"))
    cal = calendar.current()
    today = timezone.localdate()
    if req.received_on and cal.working_days_between(req.received_on, today) > workflow.CORRECTION_NOTICE_DAYS:
        raise Conflict(_("补正告知应当自收到申请之日起7个工作日内作出，已超过期限"))
    due = cal.add_working_days(today, workflow.correction_days())
    # The kernel starts the correction timer (the same period, from today) and notifies.
    case_transition(
        case=req.case,
        name="request_correction",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"items": items, "due": due.isoformat()},
    )
    req.correction_items = items
    req.save(update_fields=["correction_items"])
    _issue_notice(
        req,
        NoticeKind.CORRECTION,
        payload={"items": items, "due": due.isoformat(), "received_on": str(req.received_on or "")},
    )


@transaction.atomic
def disclosure_request_correct(
    *, req: DisclosureRequest, actor, actor_kind: str, description: str, received_on: date | None = None
) -> None:
    """The corrected request arrives: the 20-WD clock starts again from its receipt."""
    if actor_kind == ActorKind.CLERK:
        access.require_step(actor, req, "correct")
    description = (description or "").strip()
    if len(description) < 5:
        raise InvalidInput(_("请填写补正后的申请内容"), field="description")
    today = timezone.localdate()
    when = received_on or today
    if when > today:
        raise InvalidInput(_("收到补正日期不能晚于今天"), field="received_on")
    case_transition(
        case=req.case,
        name="correct",
        actor=actor if actor_kind == ActorKind.CLERK else None,
        actor_kind=actor_kind,
        payload={"received_on": when.isoformat(), "description": description},
    )
    req.description = f"{req.description}\n【补正】{description}"
    req.save(update_fields=["description"])


@transaction.atomic
def disclosure_request_consult(
    *, req: DisclosureRequest, actor, party: str, co_author: bool = False, served_on: date | None = None
) -> None:
    """征求意见 (Arts. 32, 34): a third party or a co-authoring agency; not counted in the
    reply clock. Only within the reply period (the kernel refuses it after the due date).
    The party's 15 WD run from the day the letter is served on it and end on the 15th WD:
    ``served_on`` when it is served already (not before receipt, not after today), else
    from today until the service is recorded (`disclosure_request_consult_served`)."""
    access.require_step(actor, req, "consult")
    party = (party or "").strip()
    if not party:
        raise InvalidInput(_("请填写征求意见的对象"), field="party")
    today = timezone.localdate()
    served = served_on or today
    if served > today or (req.received_on and served < req.received_on):
        raise InvalidInput(_("送达日期应在收到申请之日和今天之间"), field="served_on")
    due = calendar.current().add_working_days(served, workflow.CONSULTATION_DAYS)
    case_transition(
        case=req.case,
        name="consult",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={
            "party": party,
            "co_author": co_author,
            "due": due.isoformat(),
            "served_on": served.isoformat() if served_on else "",
        },
    )
    # 征求意见函 (Arts. 32, 34): a numbered letter to the third party or co-author.
    _issue_notice(
        req,
        NoticeKind.CONSULTATION,
        addressee=party,
        payload={"party": party, "co_author": co_author, "due": due.isoformat()},
    )


@transaction.atomic
def disclosure_request_consult_served(*, req: DisclosureRequest, actor, served_on: date) -> None:
    """The consultation letter was served (Art. 32): the party's 15 WD count again from that
    day (the kernel's consultation timer restarts from it, logged)."""
    access.require_step(actor, req, "consulted")
    start = _events(req, "consult").order_by("-created_at", "-id").first()
    today = timezone.localdate()
    began = timezone.localtime(start.created_at).date() if start else today
    if served_on is None or served_on > today or served_on < began:
        raise InvalidInput(_("送达日期应在发出征求意见之日和今天之间"), field="served_on")
    timer_stop(
        case=req.case,
        kind=workflow.Timer.CONSULTATION,
        actor=actor,
        actor_kind=ActorKind.CLERK,
        outcome="served",
        reason=_("征求意见书于 %(day)s 送达") % {"day": served_on.isoformat()},
        stopped_on=today,
    )
    timer_start(
        case=req.case,
        kind=workflow.Timer.CONSULTATION,
        actor=actor,
        actor_kind=ActorKind.CLERK,
        started_on=served_on,
        reason=_("自送达之日起15个工作日"),
    )


@transaction.atomic
def disclosure_request_consult_end(
    *,
    req: DisclosureRequest,
    actor,
    opinion: str = "",
    silent: bool = False,
    objects: bool = False,
    actor_kind: str = ActorKind.CLERK,
) -> None:
    """The consultation ends: the party's opinion, or its silence. ``objects``: the third
    party does not agree to disclosure (Art. 32) — disclosing it anyway then needs the
    written notice to the third party first (`disclosure_request_third_party_notice`)."""
    if actor_kind == ActorKind.CLERK:
        access.require_step(actor, req, "consulted")
    start = _events(req, "consult").order_by("-created_at", "-id").first()
    co_author = bool(start and start.payload.get("co_author"))
    if silent:
        opinion, objects = (
            (_("共同制作机关逾期未提出意见，视为同意公开") if co_author else _("第三方逾期未提出意见")),
            False,
        )
    # The pause ends on the last day of the party's 15 WD at the latest (the sweep closes a
    # lapsed consultation the next day; that day is the office's again).
    ended_on = timezone.localdate()
    timer = CaseTimer.objects.filter(
        case=req.case, kind=workflow.Timer.CONSULTATION, stopped_on__isnull=True, due_on__isnull=False
    ).first()
    if timer is not None and timer.due_on < ended_on:
        ended_on = timer.due_on
    case_transition(
        case=req.case,
        name="consulted",
        actor=actor,
        actor_kind=actor_kind,
        payload={
            "opinion": opinion,
            "silent": silent,
            "co_author": co_author,
            "objects": bool(objects),
            "party": start.payload.get("party", "") if start else "",
            "ended_on": ended_on.isoformat(),
        },
    )


def _objection(req: DisclosureRequest) -> CaseEvent | None:
    """The last consultation's end when the third party objected to disclosure."""
    last = _events(req, "consulted").order_by("-created_at", "-id").first()
    return last if last is not None and last.payload.get("objects") else None


@transaction.atomic
def disclosure_request_third_party_notice(*, req: DisclosureRequest, actor, content: str, reason: str) -> None:
    """Art. 32: the office discloses over the third party's objection because not disclosing
    would gravely affect the public interest — it tells the third party in writing, before
    the reply, what it will disclose and why."""
    access.require_step(actor, req, "reply")
    objection = _objection(req)
    if objection is None:
        raise Conflict(_("只有第三方不同意公开时，才需要向第三方发出决定公开的书面告知"))
    content, reason = (content or "").strip(), (reason or "").strip()
    if not content:
        raise InvalidInput(_("请填写决定公开的政府信息内容"), field="content")
    if not reason:
        raise InvalidInput(_("请填写决定公开的理由（不公开可能对公共利益造成重大影响）"), field="reason")
    party = objection.payload.get("party", "")
    notice = _issue_notice(
        req, NoticeKind.THIRD_PARTY, addressee=party, payload={"party": party, "content": content, "reason": reason}
    )
    case_add_event(
        case=req.case,
        type="third_party_notice",
        label="向第三方书面告知决定公开的内容和理由",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"notice": notice.number},
    )


@transaction.atomic
def disclosure_request_extend(*, req: DisclosureRequest, actor, days: int, reason: str) -> None:
    """Art. 33: one extension of at most 20 WD, approved by the head of the disclosure office
    and notified to the applicant."""
    access.require_step(actor, req, "extend")
    if _events(req, "extend").exists():
        raise Conflict(_("答复期限只能延长一次"))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("请填写延期理由"), field="reason")
    if not isinstance(days, int) or not 1 <= days <= workflow.EXTENSION_CEILING:
        raise InvalidInput(_("延长期限最长不得超过20个工作日"), field="days")
    case_transition(
        case=req.case,
        name="extend",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"days": days, "reason": reason, "approved_by": actor.get_full_name() or actor.get_username()},
    )
    _issue_notice(
        req,
        NoticeKind.EXTENSION,
        payload={"days": days, "reason": reason, "new_due": req.case.due_date.isoformat() if req.case.due_date else ""},
    )


# --- Art. 35: unreasonable volume or frequency -----------------------------------------------------
@transaction.atomic
def disclosure_request_require_reasons(*, req: DisclosureRequest, actor, note: str = "") -> None:
    """Art. 35: the number or frequency of requests is clearly beyond a reasonable range —
    the office asks the applicant to give reasons (说明理由通知书, within the correction
    period's number of working days)."""
    access.require_step(actor, req, "reply")
    if _events(req, "require_reasons").exists():
        raise Conflict(_("已经要求申请人说明理由"))
    due = calendar.current().add_working_days(timezone.localdate(), workflow.correction_days())
    note = (note or "").strip()[:500]
    notice = _issue_notice(req, NoticeKind.REASONS, payload={"due": due.isoformat(), "note": note})
    case_add_event(
        case=req.case,
        type="require_reasons",
        label="要求申请人说明理由（第三十五条）",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"due": due.isoformat(), "notice": notice.number},
        public=True,
    )


DELAY_MAX_DAYS = 60  # a sanity bound of the form; Art. 35 says only "a reasonable period"


@transaction.atomic
def disclosure_request_delay(*, req: DisclosureRequest, actor, days: int, reason: str) -> None:
    """Art. 35: the reasons are reasonable but the reply cannot be made within Art. 33's
    period — the office sets a reasonable longer period and tells the applicant
    (延迟答复告知书 with the new date). Only after asking for reasons; once."""
    access.require_step(actor, req, "delay")
    if not _events(req, "require_reasons").exists():
        raise Conflict(_("确定延迟答复期限前，应当先要求申请人说明理由（《条例》第三十五条）"))
    if _events(req, "delay").exists():
        raise Conflict(_("已经确定过延迟答复的期限"))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("请填写延迟答复的理由"), field="reason")
    if not isinstance(days, int) or not 1 <= days <= DELAY_MAX_DAYS:
        raise InvalidInput(_("延迟答复的期限应为1至60个工作日"), field="days")
    new_due = _due_after(req, days)
    case_transition(
        case=req.case,
        name="delay",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"days": days, "reason": reason},
        context={"new_due": new_due},
    )
    _issue_notice(
        req,
        NoticeKind.DELAY,
        payload={"days": days, "reason": reason, "new_due": req.case.due_date.isoformat() if req.case.due_date else ""},
    )


def _due_after(req: DisclosureRequest, days: int) -> str:
    """The reply due date once ``days`` are added (for the notification's text)."""
    due = req.case.due_date
    return calendar.current().add_working_days(due, days).isoformat() if due else ""


# --- Art. 42: the information processing fee ------------------------------------------------------
@transaction.atomic
def disclosure_request_fee_notice(
    *, req: DisclosureRequest, actor, method: str, quantity: int, how: str
) -> DisclosureNotice:
    """Art. 42, 国办函〔2020〕109号: the fee notice with the amount by the standard's tiers
    (`fees.compute`); the reply clock stops until the fee is paid, and the request lapses
    20 WD after the notice if it is not (the sweep)."""
    access.require_step(actor, req, "fee_notice")
    if method not in FeeMethod.values:
        raise InvalidInput(_("请选择计收方式（按件或按量）"), field="method")
    if not isinstance(quantity, int) or not 1 <= quantity <= 100000:
        raise InvalidInput(_("请填写计费的件数或页数"), field="quantity")
    how = (how or "").strip()
    if not how:
        raise InvalidInput(_("请填写缴费方式"), field="how")
    if _events(req, "fee_notice").exists():
        raise Conflict(_("收费通知只能发出一次"))
    prior = applicant_requests_in_month(req) if method == FeeMethod.PIECE else 0
    amount, breakdown = fees.compute(method, quantity, prior=prior)
    if amount <= 0:
        raise Conflict(_("按收费标准，该申请不需要收取信息处理费"))
    due = calendar.current().add_working_days(timezone.localdate(), workflow.FEE_DAYS)
    case_transition(
        case=req.case,
        name="fee_notice",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"method": method, "quantity": quantity, "amount": str(amount), "due": due.isoformat()},
        context={"amount": f"{amount:.2f}"},
    )
    req.fee_amount = amount
    req.save(update_fields=["fee_amount"])
    return _issue_notice(
        req,
        NoticeKind.FEE,
        payload={
            "method": method,
            "quantity": quantity,
            "prior": prior,
            "amount": str(amount),
            "breakdown": breakdown,
            "due": due.isoformat(),
            "how": how[:200],
        },
    )


@transaction.atomic
def disclosure_request_fee_paid(*, req: DisclosureRequest, actor, paid_on: date | None = None) -> None:
    """The applicant paid: the clock runs again (the unpaid days are not counted)."""
    access.require_step(actor, req, "fee_paid")
    today = timezone.localdate()
    paid_on = paid_on or today
    notice = _events(req, "fee_notice").order_by("-created_at", "-id").first()
    sent = timezone.localtime(notice.created_at).date() if notice else today
    if not sent <= paid_on <= today:
        raise InvalidInput(_("缴费日期应在收费通知日期和今天之间"), field="paid_on")
    case_transition(
        case=req.case,
        name="fee_paid",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"paid_on": paid_on.isoformat()},
    )
    req.fee_paid_on = paid_on
    req.save(update_fields=["fee_paid_on"])


ATTACHMENT_TYPES = ("pdf", "ofd", "docx", "xlsx", "doc", "xls", "jpg", "png", "zip")


def _check_upload(upload) -> tuple[str, str]:
    return check_upload(
        upload,
        allowed=ATTACHMENT_TYPES,
        max_bytes=settings.GOVPORTAL_DISCLOSURE_MAX_UPLOAD_BYTES,
        label=_("附件“%(name)s”") % {"name": upload.name},
        field="attachments",
    )


@transaction.atomic
def disclosure_request_reply(
    *,
    req: DisclosureRequest,
    actor,
    outcome: str,
    sub_reason: str = "",
    reply_text: str = "",
    attachments: list | tuple = (),
    already_public: bool = False,
    public_link: str = "",
    responsible_agency: str = "",
    responsible_contact: str = "",
) -> None:
    """答复: the statutory outcome and sub-reason, the text, files; the decision letter
    (告知书) is generated from this record (`letters.decision_letter`) and cites the
    article of its outcome and sub-reason. Refused here: an empty decision paragraph, a
    sub-reason whose step has not happened (补正后仍不明确, 逾期不补正, 逾期未缴费, 无正当理由
    大量反复申请), Art. 36(1) without the way to get the information, Art. 36(5) without
    the responsible agency's contact, disclosure over a third party's objection without
    the Art. 32 notice to it."""
    access.require_step(actor, req, "reply")
    if outcome not in Outcome.values:
        raise InvalidInput(_("请选择办理结果"), field="outcome")
    subs = [s.value for s in SUB_REASONS[outcome]]
    if subs and sub_reason not in subs:
        raise InvalidInput(_("请选择该办理结果的具体情形"), field="sub_reason")
    if not subs:
        sub_reason = ""
    reply_text = (reply_text or "").strip()
    if not reply_text:
        raise InvalidInput(
            _(
                "请填写答复内容与理由：答复告知书的决定部分不能为空（提供了哪些信息，或不予公开、无法提供、不予处理的具体理由）"
            ),
            field="reply_text",
        )
    if sub_reason in STEP_DEPENDENT:
        event, message = STEP_DEPENDENT[sub_reason]
        if not _events(req, event).exists():
            raise Conflict(str(message))
    already_public = bool(already_public) and outcome == Outcome.DISCLOSED
    public_link = (public_link or "").strip() if already_public else ""
    if already_public and not public_link.startswith(("http://", "https://")):
        raise InvalidInput(
            _("信息已主动公开的（《条例》第三十六条第（一）项），请填写获取该信息的网址链接"), field="public_link"
        )
    responsible_agency = (responsible_agency or "").strip() if sub_reason == SubReason.NOT_HELD else ""
    responsible_contact = (responsible_contact or "").strip() if responsible_agency else ""
    if responsible_agency and not responsible_contact:
        raise InvalidInput(
            _("告知负责公开的行政机关时（《条例》第三十六条第（五）项），请填写该机关的联系方式"),
            field="responsible_contact",
        )
    if (
        outcome in {Outcome.DISCLOSED, Outcome.PARTIAL}
        and _objection(req) is not None
        and not _events(req, "third_party_notice").exists()
    ):
        raise Conflict(
            _("第三方不同意公开：决定公开前，应当先向第三方书面告知决定公开的内容和理由（《条例》第三十二条）")
        )
    checked = [(upload, _check_upload(upload)) for upload in attachments]
    today = timezone.localdate()
    # The agency row is the lock of its yearly letter numbers: two replies of one agency
    # at the same moment number one after the other (and the constraint backs it).
    Agency.objects.select_for_update().filter(pk=req.agency_id).first()
    _seq, letter_number = numbering.number_next(
        LETTER_NUMBERS,
        scope=req.agency_id,
        on=today,
        agency=req.agency.short_name,
        # The numbers handed out before the kernel counted them (a count, as then).
        floor=lambda: (
            DisclosureRequest.objects.filter(agency=req.agency, replied_on__year=today.year)
            .exclude(letter_number="")
            .count()
        ),
    )
    req.outcome, req.sub_reason, req.reply_text = outcome, sub_reason, reply_text
    req.already_public, req.public_link = already_public, public_link[:500]
    req.responsible_agency, req.responsible_contact = responsible_agency[:100], responsible_contact[:200]
    req.replied_on = today
    req.letter_number = letter_number
    try:
        letters.decision_text(req)  # never a letter with an empty decision paragraph
    except letters.EmptyDecision:
        raise InvalidInput(_("答复告知书的决定部分不能为空"), field="reply_text") from None
    req.save(
        update_fields=[
            "outcome",
            "sub_reason",
            "reply_text",
            "replied_on",
            "letter_number",
            "already_public",
            "public_link",
            "responsible_agency",
            "responsible_contact",
        ]
    )
    for upload, detected in checked:
        case_file_attach(ReplyAttachment, upload=upload, kind=FILE_KIND, case=req.case, checked=detected, request=req)
    label = Outcome(outcome).label + (f"（{SubReason(sub_reason).label}）" if sub_reason else "")
    case_transition(
        case=req.case,
        name="reply",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        payload={"outcome": outcome, "sub_reason": sub_reason, "letter_number": req.letter_number},
        context={"outcome_label": label},
    )


def _close_outcome(req: DisclosureRequest, sub_reason: str) -> None:
    req.outcome, req.sub_reason, req.replied_on = Outcome.OTHER, sub_reason, timezone.localdate()
    req.save(update_fields=["outcome", "sub_reason", "replied_on"])


@transaction.atomic
def disclosure_request_withdraw(*, req: DisclosureRequest, actor, actor_kind: str, reason: str = "") -> None:
    """The applicant withdraws (counted as 其他处理 · 其他 in the annual report)."""
    if actor_kind == ActorKind.CLERK:
        access.require_step(actor, req, "withdraw")
    case_transition(
        case=req.case,
        name="withdraw",
        actor=actor if actor_kind == ActorKind.CLERK else None,
        actor_kind=actor_kind,
        payload={"reason": reason},
    )
    _close_outcome(req, SubReason.OTHER)


@transaction.atomic
def disclosure_request_archive(*, req: DisclosureRequest, actor) -> None:
    access.require_step(actor, req, "archive")
    case_transition(case=req.case, name="archive", actor=actor, actor_kind=ActorKind.CLERK)


@transaction.atomic
def disclosure_request_handoff_to_mailbox(*, req: DisclosureRequest, actor) -> None:
    """ "This is really a petition/complaint": after the 不予处理（信访举报投诉类） reply, hand
    the content to the mailbox area (outbox hand-off; the mailbox links back with a
    ``linked_letter`` event)."""
    _require_staff(actor, req.agency)
    if req.outcome != Outcome.NOT_PROCESSED or req.sub_reason != SubReason.PETITION:
        raise Conflict(_("只有按“信访举报投诉类申请”不予处理的申请才能转为信件"))
    if _events(req, "handoff_mailbox").exists():
        raise Conflict(_("该申请已经转交信件办理"))
    case_add_event(
        case=req.case,
        type="handoff_mailbox",
        label="已转交信箱办理",
        actor=actor,
        actor_kind=ActorKind.CLERK,
        public=True,
        notify=[
            {
                "channel": "handoff",
                "recipient": HANDOFF_RECIPIENT,
                "payload": {
                    "source_tracking_number": req.case.tracking_number,
                    "agency_code": req.agency.code,
                    "title": req.case.title,
                    "content": req.description,
                    "name": req.name,
                    "phone": req.phone,
                    "email": req.email,
                },
            }
        ],
    )


def disclosure_requests_sweep(*, today: date | None = None) -> dict:
    """Periodic: a correction period that lapsed closes the request (视为放弃申请); a
    consultation past 15 WD ends (co-author silence = agreement) and the clock resumes."""
    workflow.ensure_registered()
    today = today or timezone.localdate()
    lapsed = consulted = 0
    # The stored timers say when a correction period or a consultation lapses.
    running = CaseTimer.objects.filter(case__case_type=workflow.KEY, stopped_on__isnull=True, due_on__lt=today)
    lapses = (
        (workflow.Timer.CORRECTION, State.CORRECTING, "correction_lapsed", "correction", SubReason.NO_CORRECTION),
        (workflow.Timer.FEE, State.AWAITING_FEE, "fee_lapsed", "fee", SubReason.FEE_UNPAID),
    )
    for kind, state, transition, cause, sub_reason in lapses:
        for timer in running.filter(kind=kind, case__state=state):
            req = DisclosureRequest.objects.select_related("case", "agency").get(case_id=timer.case_id)
            with transaction.atomic():
                why = _("逾期未补正") if cause == "correction" else _("逾期未缴纳信息处理费")
                case_transition(
                    case=req.case,
                    name=transition,
                    actor=None,
                    actor_kind=ActorKind.SYSTEM,
                    payload={"due": timer.due_on.isoformat()},
                    context={"reason": why},
                )
                _close_outcome(req, sub_reason)
                # 终止办理告知书: the applicant is told in writing (and by SMS/e-mail above).
                _issue_notice(
                    req,
                    NoticeKind.LAPSE,
                    payload={"cause": cause, "since": timer.started_on.isoformat(), "due": timer.due_on.isoformat()},
                )
                lapsed += 1
    for timer in running.filter(kind=workflow.Timer.CONSULTATION, case__state=State.CONSULTING):
        req = DisclosureRequest.objects.select_related("case").get(case_id=timer.case_id)
        disclosure_request_consult_end(req=req, actor=None, silent=True, actor_kind=ActorKind.SYSTEM)
        consulted += 1
    return {"lapsed": lapsed, "consulted": consulted, "unconfirmed": _alarm_unconfirmed(today)}


def _alarm_unconfirmed(today: date) -> int:
    """Online requests still unconfirmed after the confirmation limit: one alarm each to the
    agency (the ``confirm_overdue`` event; its notice goes to the staff and leaders)."""
    cal = calendar.current()
    pending = DisclosureRequest.objects.select_related("case").filter(
        case__state=State.SUBMITTED, channel=Channel.ONLINE
    )
    alarmed = 0
    for req in pending.exclude(case__events__type="confirm_overdue"):
        limit = confirm_limit(req, cal)
        if today <= limit:
            continue
        case_add_event(
            case=req.case,
            type="confirm_overdue",
            label="网上申请超过确认时限未确认收到",
            actor=None,
            actor_kind=ActorKind.SYSTEM,
            payload={"limit": limit.isoformat()},
            context={"limit": limit.isoformat()},
        )
        alarmed += 1
    return alarmed


# --- annual report -----------------------------------------------------------------------
LITIGATION_KEYS = ("reconsideration", "litigation_direct", "litigation_after")
LITIGATION_COLUMNS = ("upheld", "corrected", "other", "pending")


FIRST_REPORT_YEAR = 2008  # the first year of the Regulations (国务院令第492号, in force 2008-05-01)


@transaction.atomic
def annual_report_save(*, agency, year: int, actor, data: dict) -> AnnualReport:
    """Save the manual parts; refuse a report whose Table 3 does not add up."""
    _require_staff(actor, agency)
    if not FIRST_REPORT_YEAR <= year <= timezone.localdate().year:
        raise InvalidInput(_("年度不正确"), field="year")
    report, _created = AnnualReport.objects.get_or_create(agency=agency, year=year)
    if report.is_published:
        raise Conflict(_("年度报告已发布，不能修改"))
    for field in ("overview", "problems", "other_matters", "carry_over_note"):
        if field in data:
            setattr(report, field, (data[field] or "").strip())
    for field in ("licensing_decisions", "penalty_decisions", "compulsory_decisions", "fees_amount"):
        if field in data:
            value = data[field]
            if value in ("", None):
                setattr(report, field, None)
                continue
            try:
                value = Decimal(str(value)) if field == "fees_amount" else int(value)
            except (InvalidOperation, ValueError):
                raise InvalidInput(_("请填写数字"), field=field) from None
            if value < 0:
                raise InvalidInput(_("数量不能为负数"), field=field)
            setattr(report, field, value)
    if "litigation" in data:
        lit = {}
        for key in LITIGATION_KEYS:
            row = (data["litigation"] or {}).get(key, {})
            lit[key] = {}
            for col in LITIGATION_COLUMNS:
                try:
                    value = int(row.get(col) or 0)
                except (TypeError, ValueError):
                    raise InvalidInput(_("请填写数字"), field="litigation") from None
                if value < 0:
                    raise InvalidInput(_("数量不能为负数"), field="litigation")
                lit[key][col] = value
        report.litigation = lit
    report.updated_by = actor
    report.save()
    report_mod.check_arithmetic(report_mod.build(agency=agency, year=year, report=report))
    return report


@transaction.atomic
def annual_report_publish(*, report: AnnualReport, actor) -> AnnualReport:
    """Freeze the figures (so later corrections to requests do not rewrite a published
    report) and publish the page. The arithmetic check must pass."""
    _require_staff(actor, report.agency)
    if report.is_published:
        raise Conflict(_("年度报告已发布"))
    if timezone.localdate() <= date(report.year, 12, 31):
        raise Conflict(
            _("%(year)s年尚未结束，年度报告须在该年度结束后发布（%(next)s年1月1日起）")
            % {"year": report.year, "next": report.year + 1}
        )
    built = report_mod.build(agency=report.agency, year=report.year, report=report)
    report_mod.check_arithmetic(built)
    differences = report_mod.carry_over_differences(built, report.agency)
    if differences and not report.carry_over_note.strip():
        raise Conflict(
            _(
                "本年“上年结转”与上一年度已发布报告的“结转下年度继续办理”不一致（%(diff)s）：请核对，或在“上年结转差异说明”中写明原因后再发布"
            )
            % {"diff": "；".join(differences)}
        )
    report.figures = report_mod.to_json(built)
    report.is_published = True
    report.published_at = timezone.now()
    report.updated_by = actor
    report.save()

    report_changed(report.agency)
    return report


# --- 协同办公 → 主动公开 (issue 25): the hand-off from govportal/office ------------------------
@register_handoff("disclosure.document_from_office")
def document_from_office(*, key: str, payload: dict) -> None:
    """A 主动公开 official document sent through 协同办公 becomes an entry of its agency's
    catalogue (published: the index number comes with publication) carrying its 发文字号 and
    成文日期; the index number and address go back to the sender (``reply_to``). Idempotent:
    an entry with the same 文号 in the column is the one made before."""
    from html import escape

    from govportal.cluster.models import SiteHomePage
    from govportal.core.outbox.actions import outbox_put

    agency = Agency.objects.filter(code=payload.get("agency_code", "")).first()
    home = SiteHomePage.objects.filter(agency=agency).order_by("depth", "path").first() if agency else None
    column = DisclosureIndexPage.objects.child_of(home).first() if home else None
    if column is None:
        raise Conflict(_("发文单位没有政府信息公开栏目"))
    number = str(payload.get("document_number", ""))[:100]
    with transaction.atomic():
        page = DisclosureDocumentPage.objects.child_of(column).filter(document_number=number).first()
        if page is None:
            body = "".join(
                f"<p>{escape(p.strip())}</p>" for p in str(payload.get("body", "")).splitlines() if p.strip()
            )
            page = DisclosureDocumentPage(
                title=str(payload.get("title", ""))[:255],
                summary=str(payload.get("title", "")),
                date_made=date.fromisoformat(payload["date_made"]),
                document_number=number,
                issuing_agency=str(payload.get("issuing_agency", ""))[:200],
                category=Category.PLANS,
                body=body,
            )
            column.add_child(instance=page)
            page.save_revision().publish()
        index = document_assign_index_number(page=page)
        if payload.get("reply_to"):
            outbox_put(
                key=f"{key}:back",
                channel="handoff",
                recipient=payload["reply_to"],
                payload={"office_key": payload.get("office_key", key), "index_number": index.number, "url": page.url},
            )
