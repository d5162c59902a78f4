"""A document as PDF in the layout of GB/T 9704-2012 《党政机关公文格式》.

- A4; 版心 156 × 225 mm: 天头 (top) 37 mm, 订口 (left) 28 mm, so right 26 mm, bottom 35 mm.
- 版头: 紧急程度 at the top left; 发文机关标志 centred in red; 发文字号 two lines below it,
  centred (for a document to a higher authority, 上行文: left, with 签发人 on the right);
  the red separator line 4 mm below, the width of the 版心.
- 主体: 标题 (2号, 22 pt) centred two lines below the red line; 主送机关 one line below,
  flush left; 正文 in 3号 (16 pt), 22 lines a page, first lines indented two characters;
  附件说明; 发文机关署名 and 成文日期 (right, indented four characters), with the 印章's place
  (a red ring 42 mm across, centred over the signature and the date: the agency's electronic
  seal is applied to the signed file by its seal system, not drawn by us); the 附注 with the
  公开方式 in brackets.
- 版记: 抄送机关 between the separator lines, 印发机关 and 印发日期.
- 页码: “— n —” in 4号, odd pages right, even pages left.

The typeface, by default, is the project's bundled CJK font (ADR 0009): ReportLab's
Adobe-GB1 CID font ``STSong-Light``, which needs no font file; the standard's 仿宋 and 小标宋
are not in it (ADR 0021 says why we accept the 宋体 substitute), and text goes through
`core.pdf.printable`. An agency with a licensed font sets ``OFFICE_PDF_BODY_FONT`` (正文 and
every other line) and ``OFFICE_PDF_TITLE_FONT`` (标题 and 发文机关标志; unset: the body font)
to TrueType files: each is registered once per process and embedded as a subset. Text in such
a font is checked against its character map first: a character it lacks refuses the
document (`InvalidInput` naming the characters), never an empty box. `office.checks` refuses
to start with a path that is not a usable TrueType font.
"""

from __future__ import annotations

import threading
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from govportal.core.errors import InvalidInput
from govportal.core.pdf import FONT, normalized, printable

RED = colors.HexColor("#E60012")
TOP, LEFT, RIGHT, BOTTOM = 37 * mm, 28 * mm, 26 * mm, 35 * mm
WIDTH = A4[0] - LEFT - RIGHT  # 156 mm
BODY_PT = 16  # 3号
LINE = 225 * mm / 22  # 22 lines a page


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


_loaded: dict[str, TTFont] = {}
_lock = threading.Lock()


def load_font(path: str) -> TTFont:
    """The TrueType font (.ttf, or the first face of a .ttc) at ``path``, registered with
    ReportLab once per process; ReportLab embeds the glyphs a PDF uses (a subset). Raises
    OSError or ReportLab's TTFError for a file it cannot use."""
    key = str(Path(path).resolve())
    with _lock:
        if key not in _loaded:
            font = TTFont(f"GovPortalOffice{len(_loaded) + 1}", key, subfontIndex=0)
            pdfmetrics.registerFont(font)
            _loaded[key] = font
        return _loaded[key]


class _Face:
    """One typeface of the document: STSong-Light (``path`` empty) or a configured TrueType
    file. `text` prepares a string for it and remembers the characters the font lacks."""

    def __init__(self, path: str, role: str):
        self.path, self.role = path, role
        self.missing: dict[str, None] = {}  # ordered set
        if not path:
            self.name, self.cmap = _font(), None
            return
        try:
            font = load_font(path)
        except Exception as exc:  # the system check office.E001/E002 says so at startup
            raise ImproperlyConfigured(f"{role} font {path!r} is not a usable TrueType font: {exc}") from exc
        self.name, self.cmap = font.fontName, font.face.charToGlyph

    def text(self, text: str) -> str:
        if self.cmap is None:
            return printable(text)
        text = normalized(text)
        for ch in text:
            if ch not in "\n\t" and ord(ch) not in self.cmap:
                self.missing[ch] = None
        return text

    def p(self, text: str) -> str:
        return escape(self.text(text)).replace("\n", "<br/>")


def _faces() -> tuple[_Face, _Face]:
    body_path = settings.GOVPORTAL_OFFICE_PDF_BODY_FONT
    title_path = settings.GOVPORTAL_OFFICE_PDF_TITLE_FONT or body_path
    return _Face(body_path, "body"), _Face(title_path, "title")


def _refuse_missing(*faces: _Face) -> None:
    parts = []
    for face, label in zip(faces, ("正文", "标题"), strict=True):
        if face.missing:
            chars = list(face.missing)
            shown = "".join(chars[:30]) + (f"等{len(chars)}个字符" if len(chars) > 30 else "")
            parts.append(f"{label}字体（{Path(face.path).name}）缺少以下字符：{shown}")
    if parts:
        raise InvalidInput("；".join(parts) + "。无法生成公文PDF，请修改文字或由系统管理员更换字体。")


def cn_date(value) -> str:
    """成文日期 in Arabic numerals, no leading zeros (GB/T 9704-2012 7.3.5.1)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


class RedLine(Flowable):
    def __init__(self, width: float, thickness: float = 0.75, color=RED):
        super().__init__()
        self.width, self.thickness, self.color = width, thickness, color

    def wrap(self, *args):
        return self.width, self.thickness

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, 0, self.width, 0)


class Signature(Flowable):
    """发文机关署名 over 成文日期 (right, four characters in) and the 印章's place."""

    def __init__(self, issuer: str, date_text: str, font: str):
        super().__init__()
        self.issuer, self.date_text, self.font = issuer, date_text, font

    def wrap(self, *args):
        return WIDTH, 3 * LINE

    def draw(self):
        font = self.font
        c = self.canv
        date_w = pdfmetrics.stringWidth(self.date_text, font, BODY_PT)
        date_right = WIDTH - 4 * BODY_PT
        date_x = date_right - date_w
        centre = date_x + date_w / 2
        issuer_w = pdfmetrics.stringWidth(self.issuer, font, BODY_PT)
        c.setFont(font, BODY_PT)
        c.setFillColor(colors.black)
        c.drawString(centre - issuer_w / 2, 1.6 * LINE, self.issuer)
        c.drawString(date_x, 0.6 * LINE, self.date_text)
        # The seal's place: 居中下压发文机关署名和成文日期.
        c.setStrokeColor(RED)
        c.setLineWidth(1.2)
        c.circle(centre, 1.3 * LINE, 21 * mm, stroke=1, fill=0)


def _page_number(canvas, doc, font: str):
    n = canvas.getPageNumber()
    text = f"— {n} —"
    canvas.saveState()
    canvas.setFont(font, 14)
    y = BOTTOM - 7 * mm - 14
    width = pdfmetrics.stringWidth(text, font, 14)
    if n % 2:
        canvas.drawString(A4[0] - RIGHT - 14 - width, y, text)
    else:
        canvas.drawString(LEFT + 14, y, text)
    canvas.restoreState()


def render_document(
    *,
    issuing_name: str,
    doc_number: str,
    issuer_name: str,
    upward: bool,
    urgency: str,
    title: str,
    main_to: str,
    body: str,
    attachments: list[str],
    attachment_note: str,
    signer_agency: str,
    written_on,
    disclosure_label: str,
    cc: str,
    printed_by: str,
    printed_on,
) -> bytes:
    face, head = _faces()
    _p = face.p
    font = face.name
    body_style = ParagraphStyle(
        "body", fontName=font, fontSize=BODY_PT, leading=LINE, firstLineIndent=2 * BODY_PT, wordWrap="CJK"
    )
    flush = ParagraphStyle("flush", parent=body_style, firstLineIndent=0)
    centred = ParagraphStyle("centred", parent=flush, alignment=TA_CENTER)
    header = ParagraphStyle(
        "header", fontName=head.name, fontSize=34, leading=44, alignment=TA_CENTER, textColor=RED, wordWrap="CJK"
    )
    title_style = ParagraphStyle(
        "title", fontName=head.name, fontSize=22, leading=LINE * 1.3, alignment=TA_CENTER, wordWrap="CJK"
    )
    urgent = ParagraphStyle("urgent", fontName=font, fontSize=BODY_PT, leading=LINE, alignment=TA_LEFT)
    note = ParagraphStyle("note", parent=flush, leftIndent=2 * BODY_PT)
    record = ParagraphStyle("record", fontName=font, fontSize=14, leading=22, wordWrap="CJK")

    story: list = []
    story.append(Paragraph(_p(urgency), urgent) if urgency else Spacer(1, LINE))
    story.append(Spacer(1, 35 * mm - LINE - 2))
    story.append(Paragraph(head.p(issuing_name), header))
    story.append(Spacer(1, 2 * LINE))
    if upward:
        line = Table(
            [
                [
                    Paragraph(_p(doc_number), flush),
                    Paragraph(_p(f"签发人：{issuer_name}"), ParagraphStyle("issuer", parent=flush, alignment=TA_RIGHT)),
                ]
            ],
            colWidths=[WIDTH / 2, WIDTH / 2],
        )
        line.setStyle(
            TableStyle([("LEFTPADDING", (0, 0), (-1, -1), BODY_PT), ("RIGHTPADDING", (0, 0), (-1, -1), BODY_PT)])
        )
        story.append(line)
    else:
        story.append(Paragraph(_p(doc_number), centred))
    story.append(Spacer(1, 4 * mm))
    story.append(RedLine(WIDTH))
    story.append(Spacer(1, 2 * LINE))
    story.append(Paragraph(head.p(title), title_style))
    story.append(Spacer(1, LINE))
    story.append(Paragraph(_p(f"{main_to}："), flush))
    story += [Paragraph(_p(p.strip()), body_style) for p in body.splitlines() if p.strip()]
    if attachments or attachment_note:
        story.append(Spacer(1, LINE))
        items = attachments or [attachment_note]
        if len(items) == 1:
            story.append(Paragraph(_p(f"附件：{items[0]}"), note))
        else:
            story.append(Paragraph(_p(f"附件：1．{items[0]}"), note))
            indent = ParagraphStyle("att", parent=note, leftIndent=5 * BODY_PT)
            story += [Paragraph(_p(f"{n}．{name}"), indent) for n, name in enumerate(items[1:], start=2)]
    story.append(Spacer(1, LINE))
    signature = Signature(face.text(signer_agency), face.text(cn_date(written_on)), font)
    story.append(KeepTogether([signature, Spacer(1, LINE)]))
    if disclosure_label:
        story.append(Paragraph(_p(f"（此件{disclosure_label}）"), note))
    # 版记
    story.append(Spacer(1, 2 * LINE))
    rows: list = [RedLine(WIDTH, 1.0, colors.black)]
    if cc:
        rows += [
            Paragraph(_p(f"抄送：{cc}。"), ParagraphStyle("cc", parent=record, leftIndent=14, rightIndent=14)),
            RedLine(WIDTH, 0.7, colors.black),
        ]
    printed = Table(
        [
            [
                Paragraph(_p(printed_by), record),
                Paragraph(
                    _p(f"{cn_date(printed_on)}印发"), ParagraphStyle("printed", parent=record, alignment=TA_RIGHT)
                ),
            ]
        ],
        colWidths=[WIDTH / 2, WIDTH / 2],
    )
    printed.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 14)]))
    rows += [printed, RedLine(WIDTH, 1.0, colors.black)]
    story.append(KeepTogether(rows))

    face.text("— 0123456789 —")  # the page numbers
    _refuse_missing(face, head)

    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=printable(title),
        author=printable(signer_agency),
        subject=printable(doc_number),
    )

    def numbered(canvas, doc):
        _page_number(canvas, doc, font)

    doc.build(story, onFirstPage=numbered, onLaterPages=numbered)
    return out.getvalue()
