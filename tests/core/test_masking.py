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
