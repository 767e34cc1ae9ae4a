"""The matcher: pair verdicts with reasons, grouping with its guards, credit codes, candidates."""

from __future__ import annotations

import pytest

from zhaoshang.firms.credit_code import credit_code_check_char
from zhaoshang.firms.matching import (
    DuplicateCandidate,
    MatchResult,
    Verdict,
    find_duplicate_candidates,
    match_names,
    pair_score,
)

HENGRUI_TRIO = ["恒瑞医药", "江苏恒瑞医药股份有限公司", "江蘇恆瑞醫藥股份有限公司"]


def code(first17: str) -> str:
    return first17 + credit_code_check_char(first17)


CODE_A = code("91320700MA1MXXX0Y")
CODE_B = code("91320700MA1NYYY1Y")


def groups(names: list[str], **kwargs) -> list[int]:
    return [r.group for r in match_names(names, **kwargs)]


# --- pair verdicts -------------------------------------------------------------------


def test_the_issue_trio_is_one_firm():
    assert groups(HENGRUI_TRIO) == [0, 0, 0]
    assert pair_score("恒瑞医药", "江蘇恆瑞醫藥股份有限公司").verdict is Verdict.SAME


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("恒瑞医药", "江苏恒瑞医药股份有限公司", "规范化名称相同（恒瑞医药）"),
        ("豪森药业", "江苏豪森药业集团有限公司", "规范化名称相同（豪森药业）"),
        ("中复神鹰", "中复神鹰碳纤维股份有限公司", "“中复神鹰”是“中复神鹰碳纤维”的简称（字号相同，省略了行业表述）"),
        ("中金医药", "连云港中金医药包装有限公司", "“中金医药”是“中金医药包装”的简称（省略了部分行业表述）"),
        ("国能联合动力", "国能联合动力技术（连云港）有限公司", "名称仅差通用词“技术”，视为同一企业"),
        ("盛虹控股集团有限公司", "盛虹集团", "名称仅差通用词“控股”，视为同一企业"),
    ],
)
def test_same_firm_with_its_reason(a, b, reason):
    j = pair_score(a, b)
    assert (j.verdict, j.reason) == (Verdict.SAME, reason)


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("恒瑞医药", "恒瑞新材料", "字号相同但行业不同（医药 / 新材料），是不同企业"),
        ("盛虹炼化", "盛虹石化", "字号相同但行业不同（炼化 / 石化），是不同企业"),
        ("中复神鹰", "中复连众", "字号不同（中复神鹰 / 中复连众）"),
        ("华瑞医药", "恒瑞医药", "字号不同（华瑞 / 恒瑞）"),
        ("盛虹集团", "盛虹炼化（连云港）有限公司",
         "“盛虹集团”是集团，“盛虹炼化（连云港）有限公司”是字号相同的下属企业，不是同一主体"),
        ("江苏斯尔邦石化有限公司", "江苏虹港石化有限公司", "字号不同（斯尔邦 / 虹港）"),
        ("连云港华瑞科技有限公司", "连云港华瑞实业有限公司", "字号相同，但经营特点不同（科技 / 实业）"),
        ("上海恒瑞医药有限公司", "江苏恒瑞医药股份有限公司",
         "名称主体相同但注册地不同（上海 / 江苏），是不同登记主体"),
        ("江苏恒瑞医药股份有限公司上海分公司", "江苏恒瑞医药股份有限公司",
         "“上海分公司”是分支机构，与总公司不是同一登记主体"),
        ("江苏恒瑞医药股份有限公司上海分公司", "江苏恒瑞医药股份有限公司南京分公司",
         "分支机构不同（上海分公司 / 南京分公司）"),
    ],
)
def test_different_firms_with_their_reason(a, b, reason):
    j = pair_score(a, b)
    assert (j.verdict, j.reason) == (Verdict.DIFFERENT, reason)


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("正大天青药业集团股份有限公司", "正大天晴药业集团股份有限公司",
         "字号仅一字之差（正大天青 / 正大天晴），可能是笔误，需人工确认"),
        ("中复神鹰碳纤", "中复神鹰碳纤维股份有限公司",
         "字号“中复神鹰碳纤”以“中复神鹰”开头，后面可能是未识别的行业表述或笔误，需人工确认"),
        ("连云港天嘉化工有限公司", "连云港天嘉化工机械有限公司",
         "字号相同，行业表述“化工”与“化工机械”部分相同，需人工确认"),
        ("新创生物医药有限公司", "新创生物医药发展有限公司",
         "两个完整登记名称仅差通用词“发展”，可能是两家企业，需人工确认"),
    ],
)
def test_maybe_is_for_review_and_never_merged(a, b, reason):
    j = pair_score(a, b)
    assert (j.verdict, j.reason) == (Verdict.MAYBE, reason)
    assert groups([a, b]) == [0, 1]


def test_score_is_the_similarity_of_the_keys():
    assert pair_score("恒瑞医药", "江苏恒瑞医药股份有限公司").score == 100.0
    assert pair_score("恒瑞医药", "华瑞医药").score == 75.0


# --- credit codes --------------------------------------------------------------------


def test_equal_credit_codes_decide_same_even_for_different_names():
    j = pair_score("卫星石化", "卫星化学股份有限公司", credit_code_a=CODE_A, credit_code_b=CODE_A)
    assert (j.verdict, j.reason) == (Verdict.SAME, f"统一社会信用代码相同（{CODE_A}）")
    assert groups(["卫星石化", "卫星化学股份有限公司"], credit_codes=[CODE_A, CODE_A]) == [0, 0]


def test_different_credit_codes_decide_different_even_for_equal_names():
    j = pair_score("恒瑞医药", "恒瑞医药", credit_code_a=CODE_A, credit_code_b=CODE_B)
    assert j.verdict is Verdict.DIFFERENT
    assert groups(["恒瑞医药", "江苏恒瑞医药股份有限公司"], credit_codes=[CODE_A, CODE_B]) == [0, 1]


def test_invalid_credit_codes_are_ignored():
    assert groups(["恒瑞医药", "江苏恒瑞医药股份有限公司"], credit_codes=["91320700", None]) == [0, 0]


def test_a_name_without_code_is_not_guessed_between_two_codes():
    names = ["恒瑞医药", "恒瑞医药", "恒瑞医药有限公司"]
    assert groups(names, credit_codes={0: CODE_A, 1: CODE_B}) == [0, 1, 2]


# --- grouping guards -----------------------------------------------------------------


def test_same_brand_firms_are_not_merged_through_a_short_form():
    # given 恒瑞 next to two firms it could name, then it joins neither, and they stay apart
    assert groups(["恒瑞医药", "恒瑞新材料", "恒瑞"]) == [0, 1, 2]


def test_a_short_form_joins_the_one_firm_it_fits():
    assert groups(["恒瑞", "恒瑞医药", "江苏恒瑞医药股份有限公司", "华瑞医药"]) == [0, 0, 0, 3]


def test_shenghong_group_companies_stay_apart():
    names = ["盛虹集团", "盛虹控股集团有限公司", "盛虹炼化（连云港）有限公司", "江苏斯尔邦石化有限公司",
             "江苏虹港石化有限公司", "江苏东方盛虹股份有限公司", "江苏盛虹石化产业集团有限公司"]
    assert groups(names) == [0, 0, 2, 3, 4, 5, 6]


def test_places_split_a_key_and_a_name_without_place_goes_to_the_local_firm():
    names = ["上海恒瑞医药有限公司", "江苏恒瑞医药股份有限公司", "恒瑞医药"]
    assert groups(names) == [0, 1, 1]
    # without the local preference the name without a place is left alone
    assert groups(names, home_region=None) == [0, 1, 2]


def test_two_local_places_leave_a_name_without_place_alone():
    names = ["灌南县瑞丰化工有限公司", "灌云县瑞丰化工有限公司", "瑞丰化工"]
    assert groups(names) == [0, 1, 2]


def test_branches_are_their_own_firms():
    names = ["江苏恒瑞医药股份有限公司", "江苏恒瑞医药股份有限公司上海分公司", "恒瑞医药上海分公司"]
    assert groups(names) == [0, 1, 1]


def test_match_results_carry_name_key_and_group_in_input_order():
    assert match_names(["恒瑞新材料", "恒瑞医药", "江苏恒瑞医药股份有限公司"]) == [
        MatchResult(0, "恒瑞新材料", "恒瑞新材料", 0),
        MatchResult(1, "恒瑞医药", "恒瑞医药", 1),
        MatchResult(2, "江苏恒瑞医药股份有限公司", "恒瑞医药", 1),
    ]


def test_empty_input():
    assert match_names([]) == []
    assert find_duplicate_candidates([]) == []


# --- duplicate candidates ------------------------------------------------------------


def test_candidates_list_each_grouped_name_once_and_the_maybes():
    names = ["恒瑞医药", "江苏恒瑞医药股份有限公司", "恒瑞医药", "正大天晴药业集团股份有限公司",
             "正大天青药业集团", "恒瑞新材料"]
    assert find_duplicate_candidates(names) == [
        DuplicateCandidate(0, 1, 100.0, Verdict.SAME, "规范化名称相同（恒瑞医药）"),
        DuplicateCandidate(0, 2, 100.0, Verdict.SAME, "名称完全相同"),
        DuplicateCandidate(3, 4, 83.3, Verdict.MAYBE, "字号仅一字之差（正大天晴 / 正大天青），可能是笔误，需人工确认"),
    ]


def test_candidates_offer_an_ambiguous_short_form_against_each_firm():
    found = find_duplicate_candidates(["恒瑞医药", "恒瑞新材料", "恒瑞"], include_same=False)
    assert [(c.i, c.j, c.verdict) for c in found] == [(0, 2, Verdict.MAYBE), (1, 2, Verdict.MAYBE)]
    assert found[0].reason == "“恒瑞”可能是多家企业的简称（共2家），需人工确认"


def test_candidates_keep_the_passed_over_firm_when_the_local_one_was_chosen():
    found = find_duplicate_candidates(["上海恒瑞医药有限公司", "江苏恒瑞医药股份有限公司", "恒瑞医药"])
    assert [(c.i, c.j, c.verdict) for c in found] == [(0, 2, Verdict.MAYBE), (1, 2, Verdict.SAME)]
    assert found[0].reason == "未注明注册地，已按本地企业归并；也可能是这家外地企业，需人工确认"


def test_a_company_and_a_partnership_of_one_key_are_two_entities():
    # pairwise: the legal kinds differ
    judgement = pair_score("连云港远丰投资有限公司", "连云港远丰投资合伙企业（有限合伙）")
    assert judgement.verdict is Verdict.DIFFERENT and "组织形式不同" in judgement.reason
    assert pair_score("连云港远丰投资有限公司", "远丰投资").is_same  # a reference has no legal kind
    # grouping: the two stay apart, a name with no form beside one company joins it
    assert groups(["连云港远丰投资有限公司", "连云港远丰投资合伙企业（有限合伙）", "连云港远丰投资管理有限公司"]) == [0, 1, 2]
    assert groups(["连云港远丰食品有限公司", "连云港远丰食品厂", "上海远丰食品有限公司"]) == [0, 0, 2]


def test_a_group_is_not_a_member_firm_named_with_its_brand_and_a_generic_word():
    judgement = pair_score("远航集团", "远航国际控股股份有限公司")
    assert judgement.verdict is Verdict.SAME  # a holding: both name the parent
    judgement = pair_score("远航集团", "远航国际股份有限公司")
    assert judgement.verdict is Verdict.DIFFERENT and "成员企业" in judgement.reason
    assert pair_score("远航国际", "连云港远航国际物流有限公司").is_same
    assert pair_score("远航物流", "连云港远航国际物流有限公司").is_same  # 国际 says little


def test_a_group_and_a_company_limited_by_shares_of_one_key_are_left_for_review():
    """The group and its listed company (中国铝业集团 / 中国铝业股份) far more often than a rename."""
    judgement = pair_score("江苏远航集团有限公司", "江苏远航股份有限公司")
    assert judgement.verdict is Verdict.MAYBE and "上市公司" in judgement.reason
    assert pair_score("江苏远航集团有限公司", "江苏远航有限公司").is_same
    assert pair_score("远航集团股份有限公司", "远航股份有限公司").is_same  # 集团股份: says neither
    assert pair_score("远航集团", "远航控股股份有限公司").is_same  # the group's own holding
    names = ["江苏远航集团有限公司", "江苏远航股份有限公司", "江苏远航总公司", "远航股份"]
    assert groups(names) == [0, 1, 0, 1]
    found = find_duplicate_candidates(names[:2])
    assert [(c.i, c.j, c.verdict) for c in found] == [(0, 1, Verdict.MAYBE)] or [
        (c.i, c.j, c.verdict) for c in found] == [(1, 0, Verdict.MAYBE)]


def test_short_forms_of_names_with_special_or_development_in_them():
    assert pair_score("鹏飞新材", "连云港鹏飞特种新材料有限公司").is_same
    assert pair_score("鹏飞", "连云港鹏飞特种新材料有限公司").is_same
    assert pair_score("远航康德", "无锡远航康德新药开发股份有限公司").is_same
    assert not pair_score("鹏飞特种新材料有限公司", "鹏飞新材料有限公司").is_same  # two registered names


def test_a_branch_written_with_its_province_is_the_same_branch():
    assert pair_score("中国石油天然气股份有限公司江苏连云港销售分公司",
                      "中国石油天然气股份有限公司连云港销售分公司").is_same
    assert not pair_score("远航物流有限公司江苏分公司", "远航物流有限公司连云港分公司").is_same
