"""The shared citizen-input rules (`govportal.core.citizen_input`) and the NUL backstop."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govportal.core import citizen_input as ci
from govportal.core.errors import InvalidInput


@pytest.mark.parametrize(
    "written, stored",
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("139.1234.5678", "13912345678"),
        ("+86 139-1234-5678", "13912345678"),
        ("１３９１２３４５６７８", "13912345678"),
        ("0731-84567890", "0731-84567890"),
        ("(0731) 8456 7890", "0731-84567890"),
        ("010-62345678转123", "010-62345678-123"),
    ],
)
def test_phones_in_common_notations_are_accepted_and_normalised(written, stored):
    assert ci.clean_phone(written) == stored


@pytest.mark.parametrize("written", ["0000000", "8456789", "123", "abc", "12345678901", "0731-0000000", "1" * 40])
def test_phones_without_area_code_or_made_of_zeros_are_refused_in_chinese(written):
    with pytest.raises(InvalidInput, match="手机号码"):
        ci.clean_phone(written)


def test_id_numbers_need_the_check_digit_and_a_real_birth_date():
    assert ci.clean_id_number("11010519491231002x") == "11010519491231002X"
    assert ci.clean_id_number("430102 19900101 1238") == "430102199001011238"
    for bad in ("abc", "430102199001011234", "430102199013011231", "43010219900101123"):
        with pytest.raises(InvalidInput, match="身份证号"):
            ci.clean_id_number(bad)


def test_emails_in_both_widths_up_to_254_characters():
    assert ci.clean_email("Zhang＠Example.COM") == "Zhang@example.com"
    with pytest.raises(InvalidInput, match="不能超过 254"):
        ci.clean_email("a" * 268 + "@example.com")
    with pytest.raises(InvalidInput, match="格式不正确"):
        ci.clean_email("not-an-address")


def test_free_text_loses_control_characters_and_keeps_line_breaks_only_where_multiline():
    assert ci.clean_text("路灯\x00\x0b不亮\x1b", label="标题", max_length=10) == "路灯不亮"
    assert ci.clean_text("第一行\r\n第二行", label="内容", max_length=10, multiline=True) == "第一行\n第二行"
    assert ci.clean_text("第一行\n第二行", label="标题", max_length=10) == "第一行 第二行"
    with pytest.raises(InvalidInput, match="标题不能超过 3 个字"):
        ci.clean_text("四个字啊", label="标题", max_length=3)


@given(st.text())
def test_parse_int_never_raises_and_only_reads_ascii_digits(value):
    number = ci.parse_int(value)
    assert number is None or (value.strip().isascii() and 0 <= number <= ci.INT_MAX)


def test_parse_int_refuses_superscripts_other_scripts_and_huge_numbers():
    assert ci.parse_int("²") is None and ci.parse_int("٣") is None
    assert ci.parse_int("9" * 30) is None and ci.parse_int("9" * 5000) is None
    assert ci.parse_int(" 42 ") == 42


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, data, content_type",
    [
        ("/api/v1/letters", '{"title": "a\\u0000b"}', "application/json"),
        ("/api/v1/disclosure/requests", '{"name": "\\u0000"}', "application/json"),
        ("/api/v1/applications", {"item": "1", "applicant_name": "张\x00三"}, None),
    ],
)
def test_a_nul_byte_in_any_submit_api_is_a_400_in_chinese(client, url, data, content_type):
    if content_type:
        r = client.post(url, data, content_type=content_type)
    else:
        r = client.post(url, data)
    assert r.status_code == 400 and "空字符" in r.json()["detail"]
