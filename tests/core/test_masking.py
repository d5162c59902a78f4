"""Masking of personal data shown publicly: ID numbers, mobile and landline numbers,
e-mail addresses, street addresses and names."""

from __future__ import annotations

import pytest

from govportal.core.masking import mask_name, mask_phone, mask_text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("身份证号43010219800101123X。", "身份证号******************。"),
        ("身份证430102198001011234", "身份证******************"),
        ("旧证号430102800101123", "旧证号***************"),
        ("电话13812345678", "电话138****5678"),
        ("手机 +86 138-1234-5678 联系", "手机 138****5678 联系"),
        ("座机0731-84567890", "座机****-********"),
        ("座机(0731)84567890转123", "座机(****)********转***"),
        ("电话：8456789", "电话：*******"),
        ("邮箱 zhang.san@example.com 谢谢", "邮箱 z***@example.com 谢谢"),
        ("家住芙蓉区五一大道123号4栋502室，", "家住芙蓉区五一大道***，"),
        ("青山镇东坪村3组", "青山镇东坪村***"),
    ],
)
def test_personal_data_is_masked(text, expected):
    assert mask_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "办件编号 XJ20261201-00042 请查收",
        "2027年秋季入学，共12所学校，投资3000万元",
        "请于2026-12-01前提交",
    ],
)
def test_ordinary_numbers_and_dates_are_left_alone(text):
    assert mask_text(text) == text


def test_names_keep_only_the_family_name_and_phones_keep_the_ends():
    assert mask_name("张三丰") == "张**"
    assert mask_name("李") == "李*"
    assert mask_name("") == ""
    assert mask_phone("138 1234 5678") == "138****5678"
    assert mask_phone("12") == "****"


def test_the_replying_agencys_own_office_phone_can_be_kept():
    text = "如有疑问请致电0731-81234567，来信人电话13812345678。"
    assert mask_text(text, keep=("0731-81234567",)) == "如有疑问请致电0731-81234567，来信人电话138****5678。"


# --- issue 15, point 3 ----------------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from govportal.core.citizen_input import id_check_digit, to_half_width  # noqa: E402

FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
# Surrounding text: Chinese, punctuation and Latin letters, never a digit (so any digits in
# the output come from the number under test).
AROUND = st.text(alphabet=st.sampled_from(list("来信反映问题请联系我电话手机号是，。：；（）！ abcXYZ\n")), max_size=12)
SEP = st.sampled_from(["", " ", "-", ".", "·", "\u3000"])


def digits_of(text: str) -> str:
    return "".join(ch for ch in to_half_width(text) if ch.isdigit() and ch.isascii())


def _wide(text: str, wide: bool) -> str:
    return text.translate(FULL_WIDTH) if wide else text


@st.composite
def mobiles(draw):
    number = draw(st.sampled_from("3456789")) + "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9))
    )
    number = "1" + number
    sep = draw(SEP)
    grouped = sep.join([number[:3], number[3:7], number[7:]]) if draw(st.booleans()) else number
    prefix = draw(st.sampled_from(["", "+86 ", "+86", "0086", "86-"]))
    return number, _wide(prefix + grouped, draw(st.booleans()))


@given(mobiles(), AROUND, AROUND)
@settings(max_examples=300)
def test_a_mobile_number_in_any_notation_never_comes_out_whole(mobile, before, after):
    number, written = mobile
    out = mask_text(before + written + after)
    assert written not in out
    assert number not in digits_of(out)
    assert digits_of(out) == number[:3] + number[-4:]  # 139****5678: the middle four hidden


@st.composite
def landlines(draw):
    area = "0" + draw(st.sampled_from(["10", "21", "731", "755", "898"]))
    local = draw(st.sampled_from("23456789")) + "".join(
        draw(st.lists(st.sampled_from("0123456789"), min_size=6, max_size=7))
    )
    sep = draw(st.sampled_from(["-", " ", "", "."]))
    form = draw(st.sampled_from(["plain", "brackets", "split"]))
    if form == "brackets":
        written = f"({area}){local}"
    elif form == "split":
        written = f"{area}{sep}{local[:4]} {local[4:]}"
    else:
        written = f"{area}{sep}{local}"
    return local, _wide(written, draw(st.booleans()))


@given(landlines(), AROUND, AROUND)
@settings(max_examples=200)
def test_a_landline_number_never_comes_out_whole(landline, before, after):
    local, written = landline
    out = mask_text(before + written + after)
    assert written not in out and local not in digits_of(out)


@st.composite
def id_numbers(draw):
    region = draw(st.sampled_from(["110105", "430102", "440524", "650102"]))
    born = draw(
        st.dates(min_value=__import__("datetime").date(1920, 1, 1), max_value=__import__("datetime").date(2020, 12, 31))
    )
    seq = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=3, max_size=3)))
    first17 = f"{region}{born:%Y%m%d}{seq}"
    number = first17 + id_check_digit(first17)
    form = draw(st.sampled_from(["plain", "6-8-4", "6-4-4-4"]))
    if form == "6-8-4":
        written = f"{number[:6]} {number[6:14]} {number[14:]}"
    elif form == "6-4-4-4":
        written = " ".join([number[:6], number[6:10], number[10:14], number[14:]])
    else:
        written = number
    return number, _wide(written, draw(st.booleans()))


@given(id_numbers(), AROUND, AROUND)
@settings(max_examples=200)
def test_an_id_number_never_comes_out_whole(id_number, before, after):
    number, written = id_number
    out = mask_text(before + written + after)
    assert written not in out and number[:17] not in digits_of(out)
    assert number[6:14] not in digits_of(out)  # the date of birth


@given(
    st.from_regex(r"[a-z][a-z0-9._]{0,15}", fullmatch=True),
    st.sampled_from(["example.com", "qq.com", "163.com", "mail.gov.cn"]),
    st.sampled_from(["@", "＠"]),
    st.booleans(),
    AROUND,
    AROUND,
)
@settings(max_examples=200)
def test_an_email_address_in_either_width_never_comes_out_whole(local, domain, at, wide, before, after):
    written = _wide(local, wide) + at + _wide(domain, wide)
    out = mask_text(before + " " + written + " " + after)
    assert written not in out
    assert f"{local}@{domain}" not in to_half_width(out)


@given(mobiles(), st.sampled_from(["0731-84567890", "0731-12345678", "010-62345678"]), AROUND)
@settings(max_examples=200)
def test_the_12345_hotline_and_directory_office_numbers_stay_visible(mobile, office, around):
    _number, written = mobile
    text = f"{around}如有疑问请拨打12345热线或致电{office}。来信人电话{written}。"
    out = mask_text(text, keep=("12345", office))
    assert "12345热线" in out and office in out
    assert written not in out


def test_a_mobile_number_containing_12345_is_masked():
    assert mask_text("电话13912345678", keep=("12345",)) == "电话139****5678"
    assert mask_text("电话 139 1234 5678 或 139.1234.5678") == "电话 139****5678 或 139****5678"
    assert mask_text("电话１３９１２３４５６７８") == "电话139****5678"


def test_names_of_the_writer_and_named_people_are_masked():
    reply = "张三丰您好！您反映的问题已转交。联系人：李小明，我叫王五。"
    out = mask_text(reply, names=("张三丰",))
    assert "张三丰" not in out and out.startswith("张**您好！")
    assert "李小明" not in out and "李**" in out and "王五" not in out


def test_plates_and_house_numbers_are_masked():
    assert mask_text("车牌湘A·12345违停") == "车牌湘A·*****违停"
    assert mask_text("住在幸福小区３栋２单元５０１室") == "住在幸福小区***"
