"""The unified social credit code (GB 32100-2015): check character, structure, Chinese reasons."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhaoshang.firms.credit_code import (
    CREDIT_CODE_CHARSET,
    credit_code_check_char,
    credit_code_error,
    credit_code_is_valid,
    normalize_credit_code,
    organization_code_check_char,
)

# A published sample code, and one we complete ourselves: enterprise (9 1) registered in
# 连云港 (320700) with organisation code 70404786-X.
PUBLISHED = "91350100M000100Y43"
LYG_FIRST17 = "9132070070404786X"


def test_published_sample_is_valid():
    assert credit_code_is_valid(PUBLISHED) is True
    assert credit_code_error(PUBLISHED) is None


def test_check_char_completes_the_published_sample():
    assert credit_code_check_char(PUBLISHED[:17]) == "3"


def test_check_char_builds_a_valid_code_for_demo_data():
    # given 17 characters, when completed, then the result validates
    code = LYG_FIRST17 + credit_code_check_char(LYG_FIRST17)
    assert code == "9132070070404786XB"
    assert credit_code_is_valid(code) is True
    assert credit_code_is_valid(code, check_organization_code=True) is True


def test_check_char_rejects_wrong_length_and_letters_outside_the_charset():
    with pytest.raises(ValueError):
        credit_code_check_char("9132070070404786")
    with pytest.raises(ValueError):
        credit_code_check_char("9132070070404786I")


def test_full_width_lower_case_and_blanks_are_cleaned_before_checking():
    assert normalize_credit_code(" ９１３５０１００ｍ０００１００ｙ４３ ") == PUBLISHED
    assert credit_code_is_valid("９１３５０１００ｍ０００１００ｙ４３") is True


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "请填写统一社会信用代码"),
        ("91350100M000100Y4", "统一社会信用代码应为18位，当前为17位"),
        ("91350100M000100Y433", "统一社会信用代码应为18位，当前为19位"),
        ("91350100M0001O0Y43", "第14位“O”不是统一社会信用代码允许的字符（代码不使用字母 I、O、Z、S、V）"),
        ("91350100M000100Y4*", "第18位“*”不是统一社会信用代码允许的字符"),
        ("B1350100M000100Y43", "第1位登记管理部门代码“B”无效"),
        ("95350100M000100Y43", "第2位机构类别代码“5”与登记管理部门代码“9”不匹配"),
        ("9135A100M000100Y43", "第3—8位应为6位数字的登记管理机关行政区划码"),
        ("91350100M000100Y44", "校验位（第18位）应为“3”，实际为“4”，请核对是否录入有误"),
    ],
)
def test_errors_say_what_is_wrong_in_chinese(code, reason):
    assert credit_code_error(code) == reason
    assert credit_code_is_valid(code) is False


def test_a_swap_of_two_neighbours_is_caught():
    swapped = PUBLISHED[:4] + PUBLISHED[5] + PUBLISHED[4] + PUBLISHED[6:]
    assert swapped != PUBLISHED
    assert credit_code_is_valid(swapped) is False


def test_organisation_code_check_is_optional():
    # given a code whose check character is right but whose embedded organisation code is not
    first17 = "91320700138944420"
    code = first17 + credit_code_check_char(first17)
    # then the default check accepts it and the strict one names the organisation code
    assert credit_code_is_valid(code) is True
    assert credit_code_error(code, check_organization_code=True) == "第9—17位主体标识码校验不通过（第17位应为“6”）"


def test_organisation_code_check_char_gb11714():
    assert organization_code_check_char("70404786") == "X"
    assert organization_code_check_char("13894442") == "6"


@given(st.text(alphabet=CREDIT_CODE_CHARSET, min_size=9, max_size=9))
def test_every_completed_code_is_valid_and_every_other_last_char_is_not(body):
    # given an enterprise registered in 连云港 with any 9-character organisation code
    first17 = "91320700" + body
    check = credit_code_check_char(first17)
    # then the completed code is valid, and any other 18th character is refused by the check
    assert credit_code_is_valid(first17 + check) is True
    for other in CREDIT_CODE_CHARSET.replace(check, ""):
        assert credit_code_error(first17 + other) == (
            f"校验位（第18位）应为“{check}”，实际为“{other}”，请核对是否录入有误"
        )
