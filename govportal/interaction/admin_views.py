"""Staff screens of 互动交流 in the Wagtail admin: the agency's work queue (due dates and
overdue colours), one letter with the steps its state allows, and the .xlsx export.

Thin: every letter is fetched through `selectors.letter_for_staff` (another agency's
letter is a 404), every step is one action, and an application error becomes a message
with its 4xx status.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages

from govportal.core import xlsx
from govportal.core.cases.workflow import available_steps
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError, InvalidInput, NotFound
from govportal.core.models import Agency
from govportal.interaction import access, actions, selectors
from govportal.interaction.models import Countersign, Mailbox
from govportal.interaction.workflow import LETTER, LetterState

S = LetterState


def _letter(request, pk):
    try:
        return selectors.letter_for_staff(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def queue(request):
    state = request.GET.get("state", "")
    if state and state != "closed" and state not in LETTER.states:
        state = ""
    mailbox = request.GET.get("mailbox", "")
    mailbox_id = parse_int(mailbox, minimum=1)
    q = request.GET.get("q", "").strip()[:40]
    letters = selectors.work_queue(request.user, state=state, mailbox_id=mailbox_id, q=q)[:300]
    today = timezone.localdate()
    context = {
        "letters": letters,
        "states": [(k, v) for k, v in LETTER.states.items()],
        "state": state,
        "mailboxes": Mailbox.objects.filter(pk__in=selectors.letters_for_staff(request.user).values("mailbox_id")),
        "mailbox_id": mailbox_id,
        "q": q,
        "rule": selectors.three_month_rule(request.user),
        "near_veto": selectors.open_since(request.user, months=2),
        "export_from": (today.replace(day=1)).isoformat(),
        "export_to": today.isoformat(),
    }
    return TemplateResponse(request, "interaction/admin/queue.html", context)


def _detail_context(request, letter) -> dict:
    user = request.user
    state = letter.case.state
    is_triage = access.is_triage(user, letter)
    is_handler = access.is_handler(user, letter)
    my_countersign = access.open_countersign(user, letter)
    templates = access.reply_templates_for(user)
    # The transition table's steps this user may take now (the same answer the actions' guards give).
    steps = {t.name for t in available_steps(user, letter.case)}
    return {
        "letter": letter,
        "case": letter.case,
        "state_label": LETTER.states.get(state, state),
        "events": [
            (e, _event_note(e.payload)) for e in letter.case.events.select_related("actor").order_by("created_at", "id")
        ],
        "countersigns": letter.countersigns.select_related("agency"),
        "attachments": letter.attachments.select_related("stored"),
        "steps": steps,
        "can_triage": "accept" in steps,
        "can_assign": "assign" in steps,
        "can_decide_extension": is_triage and bool(letter.extension_days_requested),
        "can_handle": "submit_reply" in steps,
        "can_request_extension": is_handler
        and state in (S.ASSIGNED, S.COUNTERSIGNING)
        and not letter.extension_days_requested,
        "can_review": "approve_reply" in steps,
        "can_publish": is_triage and state == S.REPLIED and letter.may_publish,
        "can_promote": state == S.REPLIED and access.may_promote_to_faq(user, letter),
        "my_countersign": my_countersign,
        "agencies": Agency.objects.filter(is_active=True).order_by("sort_order", "code"),
        "templates": [
            (t, t.body.replace("{name}", letter.name).replace("{title}", letter.title)) for t in templates.distinct()
        ],
    }


def _event_note(payload: dict) -> str:
    parts = [str(payload[k]) for k in ("agency_name", "reason", "note", "rating_label", "comment") if payload.get(k)]
    if payload.get("days"):
        parts.append(_("%(n)s 个工作日") % {"n": payload["days"]})
    return "；".join(parts)


def detail(request, pk):
    letter = _letter(request, pk)
    return TemplateResponse(request, "interaction/admin/detail.html", _detail_context(request, letter))


def _agency(post, name="agency") -> Agency:
    value = parse_int(post.get(name, ""), minimum=1)
    agency = Agency.objects.filter(pk=value, is_active=True).first() if value else None
    if agency is None:
        raise InvalidInput(_("请选择单位"), field=name)
    return agency


def _int(post, name) -> int:
    value = parse_int(post.get(name, ""), maximum=10_000)
    if value is None:
        raise InvalidInput(_("请填写天数"), field=name)
    return value


STEPS = {
    "accept": lambda r, lt, p: actions.letter_accept(
        letter=lt, actor=r.user, assign_to=_agency(p) if p.get("agency") else None
    ),
    "refuse": lambda r, lt, p: actions.letter_refuse(letter=lt, actor=r.user, reason=p.get("reason", "")),
    "to_petition": lambda r, lt, p: actions.letter_to_petition(letter=lt, actor=r.user, reason=p.get("reason", "")),
    "assign": lambda r, lt, p: actions.letter_assign(letter=lt, actor=r.user, agency=_agency(p)),
    "return": lambda r, lt, p: actions.letter_return(letter=lt, actor=r.user, reason=p.get("reason", "")),
    "request_extension": lambda r, lt, p: actions.letter_request_extension(
        letter=lt, actor=r.user, days=_int(p, "days"), reason=p.get("reason", "")
    ),
    "approve_extension": lambda r, lt, p: actions.letter_decide_extension(
        letter=lt, actor=r.user, approve=True, note=p.get("note", "")
    ),
    "refuse_extension": lambda r, lt, p: actions.letter_decide_extension(
        letter=lt, actor=r.user, approve=False, note=p.get("note", "")
    ),
    "countersign": lambda r, lt, p: actions.letter_countersign(
        letter=lt, actor=r.user, agencies=list(Agency.objects.filter(pk__in=p.getlist("agencies"), is_active=True))
    ),
    "countersign_answer": lambda r, lt, p: actions.countersign_answer(
        countersign=_my_countersign(r, lt), actor=r.user, opinion=p.get("opinion", "")
    ),
    "save_draft": lambda r, lt, p: actions.letter_save_draft(letter=lt, actor=r.user, text=p.get("reply", "")),
    "submit_reply": lambda r, lt, p: actions.letter_submit_reply(letter=lt, actor=r.user, text=p.get("reply", "")),
    "reject_reply": lambda r, lt, p: actions.letter_reject_reply(letter=lt, actor=r.user, reason=p.get("reason", "")),
    "approve_reply": lambda r, lt, p: actions.letter_approve_reply(
        letter=lt, actor=r.user, publish=p.get("publish") == "1"
    ),
    "publish": lambda r, lt, p: actions.letter_set_published(letter=lt, actor=r.user, published=True),
    "unpublish": lambda r, lt, p: actions.letter_set_published(letter=lt, actor=r.user, published=False),
    "promote": lambda r, lt, p: actions.faq_promote(
        letter=lt, actor=r.user, topic=p.get("topic", ""), question=p.get("question", ""), answer=p.get("answer", "")
    ),
}


def _my_countersign(request, letter) -> Countersign:
    row = access.open_countersign(request.user, letter)
    if row is None:
        raise NotFound(_("没有待填写的会签"))
    return row


def act(request, pk, step):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    letter = _letter(request, pk)
    handler = STEPS.get(step)
    if handler is None:
        raise Http404
    try:
        handler(request, letter, request.POST)
    except GovPortalError as exc:
        messages.error(request, exc.message)
        letter = _letter(request, pk)
        response = TemplateResponse(request, "interaction/admin/detail.html", _detail_context(request, letter))
        response.status_code = exc.status_code
        return response
    messages.success(request, _("已保存：%(step)s") % {"step": STEP_LABELS.get(step, step)})
    if step in {"return", "assign"} and not selectors.letters_for_staff(request.user).filter(pk=letter.pk).exists():
        return redirect("interaction_admin:queue")
    return redirect("interaction_admin:detail", letter.pk)


STEP_LABELS = {
    "accept": "受理",
    "refuse": "不予受理",
    "to_petition": "转信访渠道",
    "assign": "交办",
    "return": "退回分办",
    "request_extension": "申请延期",
    "approve_extension": "批准延期",
    "refuse_extension": "不批准延期",
    "countersign": "发起会签",
    "countersign_answer": "会签意见",
    "save_draft": "保存草稿",
    "submit_reply": "提交审核",
    "reject_reply": "退回修改",
    "approve_reply": "审核通过并答复",
    "publish": "公开",
    "unpublish": "撤销公开",
    "promote": "转为热点解答",
}


def _parse_date(value: str, default: date) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


def _kept_due(case) -> str:
    due = case.due_date if case.is_open else case.closed_due_date
    return due.isoformat() if due else ""


def export(request):
    """A period's letters (received between the dates) as .xlsx, for the user's agency."""
    today = timezone.localdate()
    date_to = _parse_date(request.GET.get("to", ""), today)
    date_from = _parse_date(request.GET.get("from", ""), date_to - timedelta(days=30))
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    header = ["信件编号", "信箱", "类别", "标题", "来信时间", "状态", "承办单位", "答复期限", "超期等级",
              "答复时间", "按期", "超期（工作日）", "用时（工作日）", "评价", "问题已解决", "已公开"]  # fmt: skip
    rows = (
        [
            x.case.tracking_number,
            x.mailbox.name,
            x.get_category_display(),
            x.title,
            timezone.localtime(x.received_at).strftime("%Y-%m-%d %H:%M"),
            LETTER.states.get(x.case.state, x.case.state),
            x.handling_agency.short_name if x.handling_agency else "",
            # An answered letter keeps the due date, level and lateness it closed with.
            _kept_due(x.case),
            x.case.get_overdue_level_display() if x.case.is_open else x.case.get_closed_overdue_level_display(),
            timezone.localtime(x.replied_at).strftime("%Y-%m-%d %H:%M") if x.replied_at else "",
            {True: "是", False: "否"}.get(x.replied_on_time, ""),
            x.case.closed_late_days if x.case.closed_late_days is not None else "",
            x.reply_days_taken if x.reply_days_taken is not None else "",
            x.get_rating_display() if x.rating else "",
            {True: "是", False: "否"}.get(x.resolved, ""),
            "是" if x.is_published else "否",
        ]
        for x in selectors.export_rows(request.user, date_from=date_from, date_to=date_to)
    )
    data = xlsx.sheet_bytes(
        title="来信", header=header, rows=rows, widths=[20, 14, 8, 40, 17, 10, 14, 12, 8, 17, 6, 8, 8, 10, 8, 6]
    )
    response = HttpResponse(data, content_type=xlsx.XLSX_CONTENT_TYPE)
    name = f"letters-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("", queue, name="queue"),
    path("export.xlsx", export, name="export"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/<slug:step>/", act, name="act"),
]


def admin_url(letter) -> str:
    return reverse("interaction_admin:detail", args=[letter.pk])
