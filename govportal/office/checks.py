"""System checks of 协同办公: the PDF fonts an operator configured (OFFICE_PDF_BODY_FONT,
OFFICE_PDF_TITLE_FONT) must be TrueType files ReportLab can embed. A bad path stops
``manage.py check``/``migrate`` (and so `bin/serve` and `make run`) instead of falling back to
STSong-Light unnoticed. Unset, nothing is checked."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks

# Characters the layout prints itself in the body font (labels, dates, 版记, page numbers).
LAYOUT_CHARACTERS = "签发人附件抄送此主动公开依申请不予年月日印发办公室：（）。，、—0123456789"

HINT = (
    "Set {env} to the path of a TrueType font (.ttf or .ttc with TrueType outlines, whose licence "
    "allows embedding) readable by this process, or leave it empty to use the built-in STSong-Light. "
    "OpenType fonts with PostScript (CFF) outlines (.otf, most Noto CJK files) are not supported by ReportLab."
)


@checks.register("office")
def pdf_fonts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from govportal.office import pdf

    messages: list[checks.CheckMessage] = []
    for setting, env in (
        ("GOVPORTAL_OFFICE_PDF_BODY_FONT", "OFFICE_PDF_BODY_FONT"),
        ("GOVPORTAL_OFFICE_PDF_TITLE_FONT", "OFFICE_PDF_TITLE_FONT"),
    ):
        path = getattr(settings, setting, "")
        if not path:
            continue
        if not Path(path).is_file():
            messages.append(
                checks.Error(
                    f"{setting} is {path!r}, which does not exist or is not a file.",
                    hint=HINT.format(env=env),
                    id="office.E001",
                )
            )
            continue
        try:
            font = pdf.load_font(path)
        except Exception as exc:  # noqa: BLE001 — ReportLab raises TTFError, struct.error, … for a bad file
            messages.append(
                checks.Error(
                    f"{setting} is {path!r}, which is not a usable TrueType font: {exc}",
                    hint=HINT.format(env=env),
                    id="office.E002",
                )
            )
            continue
        if env == "OFFICE_PDF_BODY_FONT":
            lacking = [ch for ch in LAYOUT_CHARACTERS if ord(ch) not in font.face.charToGlyph]
            if lacking:
                messages.append(
                    checks.Warning(
                        f"{setting} ({path}) lacks characters the official-document layout always prints: "
                        f"{''.join(lacking)}. Every document PDF will be refused until a font with them is set.",
                        hint="Use a Simplified-Chinese font (GB2312 or larger), e.g. the agency's licensed 仿宋.",
                        id="office.W001",
                    )
                )
    return messages
