"""The written documents of a request as PDF: the decision letter (政府信息公开申请答复告知书)
and the numbered notices besides it (`DisclosureNotice`: 补正告知书, 延期答复告知书, 征求意见函,
第三方告知书, 终止办理告知书, 说明理由通知书, 延迟答复告知书, 信息处理费收费通知书).

Every decision letter cites its legal basis (`choices.LEGAL_BASIS`, per outcome and
sub-reason) in a decision paragraph that is never empty, and ends with the remedies: since
2024-01-01 (《中华人民共和国行政复议法》2023 第二十三条) a refusal to disclose — and the
withheld part of a partial disclosure — must go to administrative reconsideration first;
every other outcome keeps the choice of reconsideration (60 days) or a lawsuit (6 months).
The reconsideration body and the court are the agency's (`selectors.remedy_bodies`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings

from govportal.core.pdf import Letter, render_letter
from govportal.disclosure import selectors
from govportal.disclosure.choices import (
    ALREADY_PUBLIC_BASIS,
    LEGAL_BASIS,
    OTHER_AGENCY_BASIS,
    FeeMethod,
    NoticeKind,
    Outcome,
    SubReason,
)
from govportal.disclosure.models import DisclosureNotice, DisclosureRequest

REGULATIONS = "《中华人民共和国政府信息公开条例》"
RECONSIDERATION_FIRST_FROM = date(2024, 1, 1)  # 《行政复议法》2023 in force


class EmptyDecision(ValueError):
    """A decision letter whose decision paragraph would be empty (never issued)."""


# --- remedies ------------------------------------------------------------------------------
def _choice(body: str, court: str, subject: str = "本告知书") -> str:
    return (
        f"如对{subject}不服，可以自收到本告知书之日起60日内向{body}申请行政复议，"
        f"也可以自收到本告知书之日起6个月内向{court}提起行政诉讼。"
    )


def _first(body: str, court: str, subject: str) -> str:
    return (
        f"如对{subject}不服，应当依照《中华人民共和国行政复议法》第二十三条的规定，"
        f"先自收到本告知书之日起60日内向{body}申请行政复议；"
        f"对行政复议决定不服的，可以依法向{court}提起行政诉讼。"
    )


def remedies(*, agency, outcome: str, on: date | None) -> list[str]:
    """The remedies paragraph(s) of a letter of ``agency`` with ``outcome`` dated ``on``."""
    body, court = selectors.remedy_bodies(agency)
    first = on is None or on >= RECONSIDERATION_FIRST_FROM
    if first and outcome == Outcome.REFUSED:
        return [_first(body, court, "本机关不予公开的决定")]
    if first and outcome == Outcome.PARTIAL:
        return [_first(body, court, "本告知书中不予公开部分的决定"), _choice(body, court, "本告知书的其他内容")]
    return [_choice(body, court)]


# --- the decision letter ---------------------------------------------------------------------
def basis(req: DisclosureRequest) -> str:
    """The articles of the regulations this reply rests on ("" for 其他处理 · 其他)."""
    if req.outcome == Outcome.DISCLOSED and req.already_public:
        return ALREADY_PUBLIC_BASIS
    if req.sub_reason == SubReason.NOT_HELD and req.responsible_agency:
        return OTHER_AGENCY_BASIS
    return LEGAL_BASIS.get((req.outcome, req.sub_reason or ""), "")


def _according(req: DisclosureRequest) -> str:
    articles = basis(req)
    return f"根据{REGULATIONS}{articles}的规定，" if articles else ""


def _notice_date(req: DisclosureRequest, kind: str) -> str:
    notice = DisclosureNotice.objects.filter(request=req, kind=kind).order_by("-issued_on", "-id").first()
    return f"{notice.issued_on:%Y年%m月%d日}" if notice else ""


def decision_text(req: DisclosureRequest) -> str:
    """The decision paragraph: what was decided and on which article (never empty for a
    letter that is issued — `EmptyDecision` otherwise)."""
    by = _according(req)
    sub = req.sub_reason
    outcome = req.outcome
    text = ""
    if outcome == Outcome.DISCLOSED and req.already_public:
        text = f"经审查，您申请获取的政府信息已经主动公开。{by}现告知您获取该政府信息的方式和途径：{req.public_link}。"
    elif outcome == Outcome.DISCLOSED:
        text = f"经审查，您申请获取的政府信息属于公开范围。{by}本机关予以公开，现将有关信息提供给您。"
    elif outcome == Outcome.PARTIAL:
        text = (
            f"经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。{by}"
            "本机关向您提供可以公开的内容，对不予公开的内容说明理由如下。"
        )
    elif outcome == Outcome.REFUSED and sub == SubReason.ADMIN_QUERY:
        text = (
            "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对该信息的获取有特别规定。"
            f"{by}请您依照有关法律、行政法规的规定办理查询。"
        )
    elif outcome == Outcome.REFUSED:
        text = f"经审查，您申请获取的政府信息{SubReason(sub).label}。{by}本机关决定不予公开。"
    elif sub == SubReason.NOT_HELD and req.responsible_agency:
        text = (
            f"经审查，您申请获取的政府信息不属于本机关负责公开。{by}告知您负责公开该政府信息的行政机关为"
            f"{req.responsible_agency}，联系方式：{req.responsible_contact}。"
        )
    elif sub == SubReason.NOT_HELD:
        text = f"经检索，本机关没有您申请公开的政府信息。{by}告知您该政府信息不存在。"
    elif sub == SubReason.NEW_MAKING:
        text = f"经审查，您申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作。{by}本机关不予提供。"
    elif sub == SubReason.STILL_UNCLEAR:
        text = f"经审查，您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。{by}本机关无法提供。"
    elif sub == SubReason.PETITION:
        text = (
            f"经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。{by}本机关不作为政府信息公开申请处理，"
            "请通过本市信访渠道或“互动交流”栏目的信箱提出。"
        )
    elif sub == SubReason.REPEAT:
        text = f"经审查，本机关已就您的政府信息公开申请作出答复，您重复申请公开相同政府信息。{by}本机关不予重复处理。"
    elif sub == SubReason.PUBLICATION:
        text = f"经审查，您要求本机关提供公开出版物。{by}本机关告知您获取的途径如下。"
    elif sub == SubReason.EXCESSIVE:
        text = (
            "经审查，您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，您说明的理由不合理。"
            f"{by}本机关不予处理。"
        )
    elif sub == SubReason.CONFIRM:
        text = f"经审查，您要求本机关确认或重新出具您已获取的信息，不属于提供已制作或者获取的政府信息。{by}本机关不予处理。"
    elif sub == SubReason.NO_CORRECTION:
        text = f"本机关于{_notice_date(req, NoticeKind.CORRECTION)}向您发出补正告知，您无正当理由逾期未补正。{by}视为放弃申请，本机关不再处理您的政府信息公开申请。"
    elif sub == SubReason.FEE_UNPAID:
        text = f"本机关于{_notice_date(req, NoticeKind.FEE)}向您发出信息处理费收费通知，您逾期未缴纳。{by}视为放弃申请，本机关不再处理您的政府信息公开申请。"
    reasons = (req.reply_text or "").strip()
    if not text and not reasons:
        raise EmptyDecision("答复告知书的决定部分不能为空")
    return "".join(p for p in (text, reasons) if p)


def _opening(req: DisclosureRequest) -> str:
    case = req.case
    if req.received_on:
        return (
            f"本机关于 {req.received_on:%Y年%m月%d日} 收到您提出的政府信息公开申请（办件编号 {case.tracking_number}），"
            f"申请获取：{_sentence(req.description.splitlines()[0])}。"
        )
    return f"本机关收到您提出的政府信息公开申请（办件编号 {case.tracking_number}）。"


def _footer(req: DisclosureRequest) -> str:
    return (
        f"办件编号 {req.case.tracking_number} · 凭查询码可在{settings.WAGTAIL_SITE_NAME}"
        "“政府信息公开—申请查询”查看办理过程。"
    )


def _sentence(text: str) -> str:
    """A quoted line without its own closing punctuation: the letter adds the 。"""
    return text.strip().rstrip("。．.，,；;：:！!？?")


def decision_letter(req: DisclosureRequest) -> Letter:
    outcome = Outcome(req.outcome)
    reason = SubReason(req.sub_reason).label if req.sub_reason else ""
    articles = basis(req)
    table = [
        ("申请人", req.name),
        ("办件编号", req.case.tracking_number),
        ("办理结果", outcome.label + (f" · {reason}" if reason else "")),
    ]
    if articles:
        table.append(("法律依据", f"{REGULATIONS}{articles}"))
    table.append(("答复日期", f"{req.replied_on:%Y-%m-%d}" if req.replied_on else ""))
    if req.attachments.exists():
        table.append(("随告知书提供", "、".join(a.name for a in req.attachments.all())))
    return Letter(
        title="政府信息公开申请答复告知书",
        document_number=req.letter_number,
        recipient=f"{req.name}：",
        paragraphs=[_opening(req), decision_text(req)],
        table=table,
        closing=remedies(agency=req.agency, outcome=req.outcome, on=req.replied_on),
        issuer=req.agency.name,
        date_text=f"{req.replied_on:%Y年%m月%d日}" if req.replied_on else "",
        footer=_footer(req),
    )


def decision_letter_pdf(req: DisclosureRequest) -> bytes:
    return render_letter(decision_letter(req))


# --- the notices -------------------------------------------------------------------------------
def _d(iso: str | None) -> str:
    return f"{date.fromisoformat(iso):%Y年%m月%d日}" if iso else ""


def _yuan(value) -> str:
    return f"{Decimal(str(value)):.2f}"


def notice_letter(notice: DisclosureNotice) -> Letter:
    req, p, kind = notice.request, notice.payload, notice.kind
    wanted = req.description.splitlines()[0]
    paragraphs: list[str] = []
    table: list[tuple[str, str]] = [("办件编号", req.case.tracking_number)]
    closing: list[str] = []
    if kind == NoticeKind.CORRECTION:
        paragraphs = [
            _opening(req),
            f"经审查，您的申请内容不明确。根据{REGULATIONS}第三十条的规定，请您对下列事项一并作出补正：",
        ]
        items = [line.strip() for line in p.get("items", "").splitlines() if line.strip()]
        table += [(f"补正事项{i}", item) for i, item in enumerate(items, start=1)]
        table.append(("补正期限", f"{_d(p.get('due'))}前"))
        closing = [
            "请在补正期限内通过“政府信息公开—申请查询”页面或向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。",
            "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ]
    elif kind == NoticeKind.EXTENSION:
        paragraphs = [
            _opening(req),
            f"因{p.get('reason', '')}，本机关不能在收到申请之日起20个工作日内答复。根据{REGULATIONS}第三十三条第二款的规定，"
            f"经本机关政府信息公开工作机构负责人同意，答复期限延长{p.get('days')}个工作日。",
        ]
        table += [("延长期限", f"{p.get('days')}个工作日"), ("延长后的答复期限", _d(p.get("new_due")))]
    elif kind == NoticeKind.CONSULTATION:
        co_author = p.get("co_author")
        article = "第三十四条" if co_author else "第三十二条"
        why = "由贵机关与本机关共同制作" if co_author else "公开后可能损害贵方的合法权益"
        paragraphs = [
            f"本机关收到一件政府信息公开申请（办件编号 {req.case.tracking_number}），申请公开的政府信息为：{wanted}。"
            f"该信息{why}。根据{REGULATIONS}{article}的规定，现书面征求贵方意见。",
            "请自收到本函之日起15个工作日内以书面形式提出意见，同意或不同意公开均请说明理由。"
            + (
                "逾期未提出意见的，视为同意公开。"
                if co_author
                else "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。"
            ),
        ]
        table.append(("提出意见期限", f"自收到本函之日起15个工作日内（预计{_d(p.get('due'))}前）"))
    elif kind == NoticeKind.THIRD_PARTY:
        paragraphs = [
            f"本机关就政府信息公开申请（办件编号 {req.case.tracking_number}）所涉政府信息征求了贵方意见，贵方不同意公开。",
            f"本机关认为不公开可能对公共利益造成重大影响。根据{REGULATIONS}第三十二条的规定，本机关决定予以公开，"
            "现将决定公开的政府信息内容和理由书面告知如下。",
        ]
        table += [("决定公开的内容", p.get("content", "")), ("理由", p.get("reason", ""))]
        closing = [_choice(*selectors.remedy_bodies(req.agency), subject="本决定")]
    elif kind == NoticeKind.LAPSE:
        if p.get("cause") == "fee":
            why = f"本机关于{_d(p.get('since'))}向您发出信息处理费收费通知，您未在规定期限内缴纳"
            law = f"{REGULATIONS}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
        else:
            why = f"本机关于{_d(p.get('since'))}向您发出补正告知，您无正当理由未在补正期限内补正"
            law = f"{REGULATIONS}第三十条"
        paragraphs = [
            _opening(req),
            f"{why}（期限至{_d(p.get('due'))}）。根据{law}的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
        ]
        closing = remedies(agency=req.agency, outcome=Outcome.OTHER, on=notice.issued_on)
    elif kind == NoticeKind.REASONS:
        paragraphs = [
            _opening(req),
            f"您申请公开政府信息的数量、频次明显超过合理范围。根据{REGULATIONS}第三十五条的规定，"
            f"请您于{_d(p.get('due'))}前向本机关说明理由。",
            "本机关认为申请理由不合理的，将告知您不予处理；认为申请理由合理，但无法在该条例第三十三条规定的期限内答复的，"
            "将确定延迟答复的合理期限并告知您。",
        ]
        if p.get("note"):
            table.append(("说明", p["note"]))
    elif kind == NoticeKind.DELAY:
        paragraphs = [
            _opening(req),
            f"本机关认为您说明的申请理由合理，但无法在{REGULATIONS}第三十三条规定的期限内答复。根据该条例第三十五条的规定，"
            f"确定延迟答复的合理期限为{p.get('days')}个工作日。",
        ]
        table += [("延迟答复期限", f"{p.get('days')}个工作日"), ("答复期限至", _d(p.get("new_due")))]
        if p.get("reason"):
            table.append(("说明", p["reason"]))
    elif kind == NoticeKind.FEE:
        method = FeeMethod(p.get("method", FeeMethod.VOLUME))
        paragraphs = [
            _opening(req),
            f"您申请公开政府信息的数量、频次明显超过合理范围。根据{REGULATIONS}第四十二条和"
            "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定收取信息处理费。",
        ]
        unit = "件" if method == FeeMethod.PIECE else "页"
        table += [
            ("计收方式", str(method.label)),
            (
                "计费数量",
                f"{p.get('quantity')}{unit}"
                + (f"（本月此前已申请{p.get('prior')}件）" if method == FeeMethod.PIECE else ""),
            ),
        ]
        table += [(line[0], line[1]) for line in p.get("breakdown", [])]
        table += [
            ("应缴金额", f"{_yuan(p.get('amount', 0))}元"),
            ("缴费期限", f"{_d(p.get('due'))}前（收到本通知次日起20个工作日内）"),
            ("缴费方式", p.get("how", "")),
        ]
        closing = [
            "自本通知发出之日起至您缴纳费用之日止的期间，不计算在答复期限内。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            _choice(*selectors.remedy_bodies(req.agency), subject="本收费决定"),
        ]
    return Letter(
        title=str(NoticeKind(kind).label),
        document_number=notice.number,
        recipient=f"{notice.addressee}：",
        paragraphs=paragraphs,
        table=table,
        closing=closing,
        issuer=req.agency.name,
        date_text=f"{notice.issued_on:%Y年%m月%d日}",
        footer="" if notice.to_third_party else _footer(req),
    )


def notice_pdf(notice: DisclosureNotice) -> bytes:
    return render_letter(notice_letter(notice))
