"""Official letters render to a PDF that carries the Chinese text."""

from __future__ import annotations

import re

from govportal.core.pdf import Letter, render_letter


def _pdf_string(raw: bytes) -> str:
    """Decode a PDF literal string as ReportLab writes the document information (UTF-16BE
    with a byte-order mark, octal escapes)."""
    out = bytearray()
    i = 0
    while i < len(raw):
        if raw[i : i + 1] == b"\\":
            if raw[i + 1 : i + 2].isdigit():
                out.append(int(raw[i + 1 : i + 4], 8))
                i += 4
            else:
                out += raw[i + 1 : i + 2]
                i += 2
        else:
            out += raw[i : i + 1]
            i += 1
    return out.decode("utf-16")


def test_letter_renders_a_pdf_titled_in_chinese_with_the_cjk_font():
    pdf = render_letter(
        Letter(
            title="政府信息公开申请答复告知书",
            document_number="示教公开〔2026〕12号",
            recipient="张三：",
            paragraphs=["您于2026年11月20日提出的政府信息公开申请收悉。" * 5],
            table=[("申请内容", "关于<某项>规划的文件")],
            closing=["如对本答复不服，可以在收到本告知书之日起60日内申请行政复议。"],
            issuer="示例市教育局",
            date_text="2026年12月01日",
        )
    )
    assert pdf.startswith(b"%PDF-")
    assert b"/BaseFont /STSong-Light" in pdf
    title = re.search(rb"/Title \((.*?)\) ", pdf, re.S)
    assert title is not None
    assert _pdf_string(title.group(1)) == "政府信息公开申请答复告知书"
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 1
