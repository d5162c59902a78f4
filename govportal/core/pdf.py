"""Official letters as PDF (告知书, 决定书, 批文/证照): one small layout over ReportLab.

The Chinese text is set in ReportLab's built-in CID font ``STSong-Light`` (Adobe-GB1), which
needs no font file on the server — ``make run`` works on a machine without CJK fonts, and
every PDF reader ships the Adobe-GB1 substitutes. Areas build a `Letter` and call
`render_letter`; nothing else in the project talks to ReportLab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"
_registered = False


def _font() -> str:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    return FONT


@dataclass
class Letter:
    """One official letter. ``paragraphs`` are plain text (escaped here); ``table`` is an
    optional list of (label, value) rows printed after the opening paragraphs."""

    title: str
    document_number: str = ""  # 文号, e.g. 示教公开〔2026〕12号
    recipient: str = ""  # 称呼, e.g. 张三：
    paragraphs: list[str] = field(default_factory=list)
    table: list[tuple[str, str]] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # paragraphs after the table (remedies…)
    issuer: str = ""  # 落款单位
    date_text: str = ""  # 落款日期, e.g. 2026年12月01日
    footer: str = ""  # small print at the bottom, e.g. tracking number and query address


# Typographic variants outside Adobe-GB1 with a covered twin (ADR 0009, addendum).
_TWINS = str.maketrans(
    {
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u2013": "—",
        "\u2012": "—",
        "\u2015": "—",
        "\u2022": "·",
        "\u30fb": "·",
        "\u2219": "·",
        "\u301c": "～",
    }
)
MISSING = "〓"  # the typesetter's mark for a character the font lacks
_DOUBLED = re.compile(r"([。，、；：！？])[。，、；：]+")


def covered(ch: str) -> bool:
    """Whether STSong-Light (Adobe-GB1 through UniGB-UCS2-H) has a glyph for ``ch``: the
    characters of GBK, printable ASCII included."""
    if ch in "\n\t":
        return True
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return ch.isprintable()


def uncovered(text: str) -> set[str]:
    return {ch for ch in text if not covered(ch)}


def normalized(text: str) -> str:
    """``text`` with covered twins and no doubled punctuation (a sentence that already ends
    in 。 followed by the letter's own 。) — what is printed in a font other than STSong-Light."""
    return _DOUBLED.sub(r"\1", (text or "").translate(_TWINS))


def printable(text: str) -> str:
    """``text`` as it is printed in STSong-Light: `normalized`, ``MISSING`` for anything the
    font lacks."""
    return "".join(ch if covered(ch) else MISSING for ch in normalized(text))


def _p(text: str) -> str:
    return escape(printable(text))


def render_letter(letter: Letter) -> bytes:
    font = _font()
    title = ParagraphStyle("title", fontName=font, fontSize=20, leading=30, alignment=TA_CENTER, spaceAfter=4 * mm)
    number = ParagraphStyle("number", fontName=font, fontSize=12, leading=18, alignment=TA_CENTER, spaceAfter=6 * mm)
    body = ParagraphStyle("body", fontName=font, fontSize=13, leading=22, firstLineIndent=26, wordWrap="CJK")
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    right = ParagraphStyle("right", parent=plain, alignment=TA_RIGHT)
    small = ParagraphStyle("small", fontName=font, fontSize=9, leading=13, textColor=colors.grey, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=11, leading=16, wordWrap="CJK")

    story: list = [Paragraph(_p(letter.title), title)]
    if letter.document_number:
        story.append(Paragraph(_p(letter.document_number), number))
    if letter.recipient:
        story.append(Paragraph(_p(letter.recipient), plain))
    story += [Paragraph(_p(p), body) for p in letter.paragraphs]
    if letter.table:
        rows = [[Paragraph(_p(k), cell), Paragraph(_p(v), cell)] for k, v in letter.table]
        grid = Table(rows, colWidths=[40 * mm, 120 * mm])
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
                ]
            )
        )
        story += [Spacer(1, 4 * mm), grid, Spacer(1, 4 * mm)]
    story += [Paragraph(_p(p), body) for p in letter.closing]
    if letter.issuer or letter.date_text:
        story.append(Spacer(1, 12 * mm))
        story += [Paragraph(_p(t), right) for t in (letter.issuer, letter.date_text) if t]
    if letter.footer:
        story += [Spacer(1, 10 * mm), Paragraph(_p(letter.footer), small)]

    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=30 * mm,
        bottomMargin=25 * mm,
        title=letter.title,
        author=letter.issuer,
    )
    doc.build(story)
    return out.getvalue()
