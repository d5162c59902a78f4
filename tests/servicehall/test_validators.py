"""ID numbers by their check digit, mobile numbers, and uploads by content and size."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from govportal.core.errors import InvalidInput
from govportal.servicehall import validators
from tests.servicehall.conftest import png_bytes


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("11010519491231002X", True),  # GB 11643 example, check digit X
        ("11010519491231002x", True),  # lower-case x accepted
        ("110105194912310021", False),  # wrong check digit
        ("440524188001010014", True),
        ("440524188001010015", False),
        ("4405241880010100", False),  # too short
        ("44052418801301001X", False),  # month 13
        ("abcdefghijklmnopqr", False),
    ],
)
def test_id_number_is_checked_by_its_check_digit(value, valid):
    assert validators.is_valid_id_number(value) is valid


def test_check_digit_of_known_prefix_is_x():
    assert validators.id_check_digit("11010519491231002") == "X"


def test_bad_id_number_gives_a_chinese_message():
    with pytest.raises(InvalidInput, match="身份证号不正确"):
        validators.normalize_id_number("110105194912310021")


@pytest.mark.parametrize(
    ("value", "ok"), [("13800138000", True), ("138-0013-8000", True), ("12800138000", False), ("1380013800", False)]
)
def test_mobile_number(value, ok):
    if ok:
        assert validators.normalize_phone(value) == "13800138000"
    else:
        with pytest.raises(InvalidInput):
            validators.normalize_phone(value)


def test_upload_type_is_decided_by_content_not_name():
    disguised = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    with pytest.raises(InvalidInput, match="不是允许的类型"):
        validators.check_upload(disguised, allowed=["pdf", "jpg"], max_bytes=10**6, label="营业执照")
    image_named_pdf = SimpleUploadedFile("scan.pdf", png_bytes(), content_type="application/pdf")
    assert validators.check_upload(image_named_pdf, allowed=["pdf", "png"], max_bytes=10**6, label="x") == "png"
    with pytest.raises(InvalidInput):
        validators.check_upload(SimpleUploadedFile("a.png", png_bytes()), allowed=["pdf"], max_bytes=10**6, label="x")


def test_upload_over_the_size_limit_is_refused():
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    with pytest.raises(InvalidInput, match="超过大小上限"):
        validators.check_upload(big, allowed=["pdf"], max_bytes=1024, label="附件")
