"""The configured PDF fonts (OFFICE_PDF_BODY_FONT, OFFICE_PDF_TITLE_FONT): embedded when set,
a document with characters the font lacks refused in Chinese, a bad path refused at startup
by the system check. DejaVu Serif stands in for a licensed 仿宋: it is on the machine and has
no Chinese, so it shows both the embedding and the refusal."""

from __future__ import annotations

import datetime
from io import BytesIO

from django.core.management import CommandError, call_command

import pytest
from pypdf import PdfReader

from govportal.core.errors import InvalidInput
from govportal.office import checks, pdf

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _render(**overrides) -> bytes:
    fields = {
        "issuing_name": "GovPortal Test Office",
        "doc_number": "GP 2026-12",
        "issuer_name": "Li",
        "upward": False,
        "urgency": "",
        "title": "Notice 2026 on Test 123",
        "main_to": "示例市各乡镇人民政府",
        "body": "一、压实责任。\n二、加强巡查。",
        "attachments": [],
        "attachment_note": "",
        "signer_agency": "示例市人民政府",
        "written_on": datetime.date(2026, 12, 5),
        "disclosure_label": "主动公开",
        "cc": "",
        "printed_by": "示例市人民政府办公室",
        "printed_on": datetime.date(2026, 12, 5),
    }
    return pdf.render_document(**{**fields, **overrides})


def _fonts(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_unset_the_body_stays_in_stsong_light(settings):
    settings.GOVPORTAL_OFFICE_PDF_BODY_FONT = settings.GOVPORTAL_OFFICE_PDF_TITLE_FONT = ""
    fonts = _fonts(_render())
    assert "/STSong-Light" in fonts and not any("DejaVu" in name for name in fonts)
    assert checks.pdf_fonts() == []


def test_a_configured_title_font_is_embedded_for_the_title_and_the_issuing_name(settings):
    settings.GOVPORTAL_OFFICE_PDF_BODY_FONT = ""
    settings.GOVPORTAL_OFFICE_PDF_TITLE_FONT = DEJAVU
    data = _render()
    fonts = _fonts(data)
    assert "/STSong-Light" in fonts  # the body
    dejavu = [name for name in fonts if name.endswith("+DejaVuSerif")]  # a subset: ABCDEF+DejaVuSerif
    assert dejavu, fonts
    reader = PdfReader(BytesIO(data))
    descriptors = [
        f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        if "/DescendantFonts" in f.get_object()
        else f.get_object()["/FontDescriptor"]
        for f in reader.pages[0]["/Resources"]["/Font"].values()
        if str(f.get_object()["/BaseFont"]) in dejavu
    ]
    assert all("/FontFile2" in d.get_object() for d in descriptors)  # embedded, not referenced
    text = reader.pages[0].extract_text()
    assert "Notice 2026 on Test 123" in text and "GovPortal Test Office" in text
    assert checks.pdf_fonts() == []


def test_chinese_in_a_body_font_without_it_is_refused_naming_the_characters(settings):
    settings.GOVPORTAL_OFFICE_PDF_BODY_FONT = DEJAVU
    settings.GOVPORTAL_OFFICE_PDF_TITLE_FONT = ""
    with pytest.raises(InvalidInput) as refused:
        _render(title="关于 2026")
    # Refused before anything is drawn, naming what the font lacks: the body's and the
    # layout's own characters, and — the title font falling back to the body font — the title's.
    message = refused.value.message
    assert message.startswith("正文字体（DejaVuSerif.ttf）缺少以下字符：示例市")
    for ch in "压实责任":
        assert ch in message, ch
    assert "标题字体（DejaVuSerif.ttf）缺少以下字符：关于。" in message
    assert message.endswith("无法生成公文PDF，请修改文字或由系统管理员更换字体。")


def test_chinese_in_a_title_font_without_it_is_refused_naming_the_characters(settings):
    settings.GOVPORTAL_OFFICE_PDF_BODY_FONT = ""
    settings.GOVPORTAL_OFFICE_PDF_TITLE_FONT = DEJAVU
    with pytest.raises(InvalidInput, match="标题字体（DejaVuSerif.ttf）缺少以下字符：关于森林防火") as refused:
        _render(title="关于森林防火 2026")
    assert "正文字体" not in refused.value.message


def test_the_body_font_check_warns_when_it_lacks_the_layouts_own_characters(settings):
    settings.GOVPORTAL_OFFICE_PDF_BODY_FONT = DEJAVU
    settings.GOVPORTAL_OFFICE_PDF_TITLE_FONT = ""
    assert [m.id for m in checks.pdf_fonts()] == ["office.W001"]


def test_a_path_that_does_not_exist_fails_the_system_check(settings):
    settings.GOVPORTAL_OFFICE_PDF_BODY_FONT = "/nonexistent/fangsong.ttf"
    settings.GOVPORTAL_OFFICE_PDF_TITLE_FONT = ""
    [error] = checks.pdf_fonts()
    assert error.id == "office.E001" and error.is_serious()
    assert "GOVPORTAL_OFFICE_PDF_BODY_FONT is '/nonexistent/fangsong.ttf'" in error.msg
    assert "OFFICE_PDF_BODY_FONT" in error.hint
    with pytest.raises(CommandError, match="office.E001"):
        call_command("check")


def test_a_file_that_is_not_a_truetype_font_fails_the_system_check(settings, tmp_path):
    fake = tmp_path / "fangsong.ttf"
    fake.write_bytes(b"not a font at all" * 10)
    settings.GOVPORTAL_OFFICE_PDF_BODY_FONT = ""
    settings.GOVPORTAL_OFFICE_PDF_TITLE_FONT = str(fake)
    [error] = checks.pdf_fonts()
    assert error.id == "office.E002" and "not a usable TrueType font" in error.msg


@pytest.mark.django_db
def test_the_pdf_screen_answers_400_with_the_message_when_the_font_lacks_characters(office, client, settings):
    from tests.office.conftest import sent

    settings.GOVPORTAL_OFFICE_PDF_BODY_FONT = DEJAVU
    document = sent(office)
    client.force_login(office["users"]["city_clerk"])
    r = client.get(f"/admin/office/{document.pk}/pdf/")
    assert r.status_code == 400
    assert "正文字体（DejaVuSerif.ttf）缺少以下字符" in r.content.decode()
