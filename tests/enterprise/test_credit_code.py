"""GB 32100-2015 统一社会信用代码 in core.citizen_input: the check character, as a property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govportal.core.citizen_input import (
    CREDIT_CODE_CHARS,
    clean_credit_code,
    credit_code_check_char,
    is_valid_credit_code,
)
from govportal.core.errors import InvalidInput

FIRST = st.sampled_from(CREDIT_CODE_CHARS)
BODY = st.builds(
    lambda a, b, region, org: a + b + region + org,
    FIRST,
    FIRST,
    st.text("0123456789", min_size=6, max_size=6),
    st.text(CREDIT_CODE_CHARS, min_size=9, max_size=9),
)


@given(body=BODY, wrong=FIRST)
def test_a_code_with_its_check_character_is_valid_and_any_other_is_not(body, wrong):
    check = credit_code_check_char(body)
    assert is_valid_credit_code(body + check)
    assert is_valid_credit_code(" " + (body + check).lower() + " ")  # spaces and case forgiven
    if wrong != check:
        assert not is_valid_credit_code(body + wrong)


@given(body=BODY, position=st.integers(0, 16), other=FIRST)
def test_a_single_changed_character_is_caught(body, position, other):
    code = body + credit_code_check_char(body)
    changed = code[:position] + other + code[position + 1 :]
    if changed[:8][2:].isdigit():  # still of the right shape
        assert is_valid_credit_code(changed) == (changed == code)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_published_codes_pass(code):
    assert clean_credit_code(code) == code


@pytest.mark.parametrize("value", ["91350100M000100Y4", "91350100M000100Y44", "91350100M0001O0Y43", "９１３５"])
def test_wrong_codes_get_a_chinese_message(value):
    with pytest.raises(InvalidInput, match="统一社会信用代码不正确"):
        clean_credit_code(value)
