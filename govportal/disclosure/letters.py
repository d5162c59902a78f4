"""The decision letter (政府信息公开申请答复告知书) as PDF, with the remedies notice."""

from __future__ import annotations

from django.conf import settings

from govportal.core.pdf import Letter, render_letter
from govportal.disclosure.choices import Outcome, SubReason
from govportal.disclosure.models import DisclosureRequest

REMEDIES = (
    "申请人认为本机关在政府信息公开工作中侵犯其合法权益的，可以自收到本告知书之日起60日内依法申请行政复议，"
    "或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。"
)

OUTCOME_TEXT = {
    Outcome.DISCLOSED: "经审查，您申请获取的政府信息属于公开范围，本机关予以公开，现将有关信息提供给您。",
    Outcome.PARTIAL: "经审查，您申请获取的政府信息中含有不应当公开的内容，本机关对可以公开的部分予以公开。",
    Outcome.REFUSED: "经审查，您申请获取的政府信息依法不予公开。",
    Outcome.UNAVAILABLE: "经审查，本机关无法提供您申请获取的政府信息。",
    Outcome.NOT_PROCESSED: "经审查，您的申请依法不作为政府信息公开申请处理。",
    Outcome.OTHER: "经审查，本机关对您的申请作如下处理。",
}


def _sentence(text: str) -> str:
    """A quoted line without its own closing punctuation: the letter adds the 。"""
    return text.strip().rstrip("。．.，,；;：:！!？?")


def decision_letter(req: DisclosureRequest) -> Letter:
    case = req.case
    outcome = Outcome(req.outcome)
    reason = SubReason(req.sub_reason).label if req.sub_reason else ""
    paragraphs = [
        f"本机关于 {req.received_on:%Y年%m月%d日} 收到您提出的政府信息公开申请（办件编号 {case.tracking_number}），"
        f"申请获取：{_sentence(req.description.splitlines()[0])}。"
        if req.received_on
        else f"本机关收到您提出的政府信息公开申请（办件编号 {case.tracking_number}）。",
        OUTCOME_TEXT[outcome],
    ]
    if req.reply_text:
        paragraphs.append(req.reply_text)
    if outcome == Outcome.NOT_PROCESSED and req.sub_reason == SubReason.PETITION:
        paragraphs.append("您反映的事项属于信访、举报、投诉类，请通过本市信访渠道或“互动交流”栏目的信箱提出。")
    table = [
        ("申请人", req.name),
        ("办件编号", case.tracking_number),
        ("办理结果", outcome.label + (f" · {reason}" if reason else "")),
        ("答复日期", f"{req.replied_on:%Y-%m-%d}" if req.replied_on else ""),
    ]
    if req.attachments.exists():
        table.append(("随告知书提供", "、".join(a.name for a in req.attachments.all())))
    return Letter(
        title="政府信息公开申请答复告知书",
        document_number=req.letter_number,
        recipient=f"{req.name}：",
        paragraphs=paragraphs,
        table=table,
        closing=[REMEDIES],
        issuer=req.agency.name,
        date_text=f"{req.replied_on:%Y年%m月%d日}" if req.replied_on else "",
        footer=f"办件编号 {case.tracking_number} · 凭查询码可在{settings.WAGTAIL_SITE_NAME}“政府信息公开—申请查询”查看办理过程。",
    )


def decision_letter_pdf(req: DisclosureRequest) -> bytes:
    return render_letter(decision_letter(req))
