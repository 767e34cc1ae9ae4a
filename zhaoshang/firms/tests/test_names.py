"""The name normaliser: what is stripped, what is kept, and that variants of one name agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from zhaoshang.firms.names import (
    NameKey,
    clean_name,
    normalize_firm_name,
    normalize_many,
    region_paths_compatible,
)


def key(name: str) -> str:
    return normalize_firm_name(name).key


def test_the_issue_trio_has_one_key():
    assert {key("恒瑞医药"), key("江苏恒瑞医药股份有限公司"), key("江蘇恆瑞醫藥股份有限公司")} == {"恒瑞医药"}


def test_a_registered_name_is_taken_apart():
    k = normalize_firm_name("江蘇恆瑞醫藥股份有限公司")
    assert k == NameKey(
        name="江蘇恆瑞醫藥股份有限公司",
        cleaned="江苏恒瑞医药股份有限公司",
        key="恒瑞医药",
        brand="恒瑞",
        industry=("医药",),
        words=("医药",),
        regions=("江苏",),
        region_path=("江苏",),
        org_form="股份有限公司",
    )


def test_clean_name_is_simplified_half_width_lower_case_without_punctuation():
    assert clean_name("ＪＳ　恒瑞·醫藥（中國）【連雲港】有限公司。") == "js恒瑞医药(中国)(连云港)有限公司"


@pytest.mark.parametrize(
    ("name", "expected_key"),
    [
        ("江苏豪森药业集团有限公司", "豪森药业"),
        ("江苏豪森药业（集团）有限公司", "豪森药业"),
        ("中复神鹰碳纤维股份有限公司", "中复神鹰碳纤维"),
        ("盛虹炼化（连云港）有限公司", "盛虹炼化"),
        ("江苏盛虹石化产业集团有限公司", "盛虹石化产业"),
        ("连云港中复连众复合材料集团有限公司", "中复连众复合材料"),
        ("江苏省连云港市东海县太平洋石英有限责任公司", "太平洋石英"),
        ("国能联合动力技术（连云港）有限公司", "国能联合动力技术"),
        ("罗盖特（中国）营养食品有限公司", "罗盖特营养食品"),
        ("联瑞新材", "联瑞新材料"),  # the stock name's 新材 is 新材料
        ("中国石油化工股份有限公司", "中国石化"),  # 石油化工 is written 石化
        ("连云港润泽农业专业合作社", "润泽农业"),
        ("连云港嘉禾投资合伙企业（有限合伙）", "嘉禾投资"),
        ("东海县永兴石英制品厂", "永兴石英制品"),
        ("Jiangsu Hengrui Co., Ltd.", "jiangsuhengrui"),
    ],
)
def test_keys_of_registered_names(name, expected_key):
    assert key(name) == expected_key


@pytest.mark.parametrize(
    ("name", "brand", "industry", "generic"),
    [
        ("江苏恒瑞医药股份有限公司", "恒瑞", ("医药",), ()),
        ("中复神鹰碳纤维股份有限公司", "中复神鹰", ("碳纤维",), ()),
        ("江苏盛虹石化产业集团有限公司", "盛虹", ("石化",), ("产业",)),
        ("国能联合动力技术（连云港）有限公司", "国能联合", ("动力",), ("技术",)),
        ("江苏恒瑞生物医药科技有限公司", "恒瑞", ("生物", "医药"), ("科技",)),
        ("连云港中金医药包装有限公司", "中金", ("医药", "包装"), ()),
        # a 字号 keeps at least two characters: 晶海洋, not 晶 + 海洋
        ("晶海洋半导体材料（东海）有限公司", "晶海洋", ("半导体", "材料"), ()),
        # a name of industry words only keeps the first as its 字号
        ("石英股份", "石英", (), ()),
    ],
)
def test_brand_and_industry_words(name, brand, industry, generic):
    k = normalize_firm_name(name)
    assert (k.brand, k.industry, k.generic) == (brand, industry, generic)


@pytest.mark.parametrize(
    ("name", "key_", "brand", "regions"),
    [
        # no 字号 of its own: the place is the 字号
        ("连云港港口集团有限公司", "连云港港口", "连云港", ()),
        ("江苏连云港港口股份有限公司", "连云港港口", "连云港", ("江苏",)),
        ("中国石油化工股份有限公司", "中国石化", "中国", ()),
        ("东海证券股份有限公司", "东海证券", "东海", ()),
        # a city outside the province is not a place here but part of the 字号
        ("江苏金华瑞达科技有限公司", "金华瑞达科技", "金华瑞达", ("江苏",)),
    ],
)
def test_a_place_that_is_the_brand_is_kept(name, key_, brand, regions):
    k = normalize_firm_name(name)
    assert (k.key, k.brand, k.regions) == (key_, brand, regions)


@pytest.mark.parametrize(
    ("name", "regions", "path"),
    [
        ("江苏省连云港市海州区恒瑞医药有限公司", ("江苏", "连云港", "海州"), ("江苏", "连云港", "海州")),
        ("恒瑞医药(连云港)有限公司", ("连云港",), ("江苏", "连云港")),
        ("上海恒瑞医药有限公司", ("上海",), ("上海",)),
        ("灌南县瑞丰化工厂", ("灌南",), ("江苏", "连云港", "灌南")),
        ("罗盖特（中国）营养食品有限公司", ("中国",), ()),  # the whole country conflicts with no place
        ("徐圩新区港口投资集团有限公司", (), ()),  # 徐圩 is the 字号 here
    ],
)
def test_places_are_recorded_as_a_path(name, regions, path):
    k = normalize_firm_name(name)
    assert (k.regions, k.region_path) == (regions, path)


def test_region_paths_compatible():
    assert region_paths_compatible(("江苏",), ("江苏", "连云港")) is True
    assert region_paths_compatible((), ("上海",)) is True
    assert region_paths_compatible(("江苏", "连云港", "灌南"), ("江苏", "连云港", "灌云")) is False
    assert region_paths_compatible(("上海",), ("江苏", "连云港")) is False


@pytest.mark.parametrize(
    ("name", "key_", "branch"),
    [
        ("江苏恒瑞医药股份有限公司上海分公司", "恒瑞医药", "上海分公司"),
        ("江苏恒瑞医药股份有限公司上海市分公司", "恒瑞医药", "上海分公司"),
        ("恒瑞医药上海分公司", "恒瑞医药", "上海分公司"),
        ("中国建设银行股份有限公司连云港海州支行", "中国建设银行", "连云港海州支行"),
        ("东海证券股份有限公司连云港营业部", "东海证券", "连云港营业部"),
        ("中国石化江苏连云港石油分公司", "中国石化", "连云港石油分公司"),  # the province dropped
        ("连云港天嘉化工有限公司第一分公司", "天嘉化工", "第一分公司"),
        ("罗盖特（中国）营养食品有限公司连云港工厂", "罗盖特营养食品", "连云港工厂"),
        ("江苏康缘药业股份有限公司", "康缘药业", ""),
    ],
)
def test_a_branch_keeps_its_own_part(name, key_, branch):
    k = normalize_firm_name(name)
    assert (k.key, k.branch) == (key_, branch)


@pytest.mark.parametrize(
    "typo",
    ["江苏恒瑞医药股份有眼公司", "江苏恒瑞医药股分有限公司", "江苏恒瑞医药有限公可", "江苏恒瑞医药有限公"],
)
def test_one_wrong_character_in_the_organisation_form_is_forgiven(typo):
    assert key(typo) == "恒瑞医药"


def test_group_flag_and_preparing_flag():
    assert normalize_firm_name("盛虹集团").is_group is True
    assert normalize_firm_name("盛虹集团").is_parent_like is True
    assert normalize_firm_name("盛虹控股有限公司").is_parent_like is True
    assert normalize_firm_name("盛虹炼化（连云港）有限公司").is_group is False
    assert normalize_firm_name("连云港新材料有限公司（筹）").is_preparing is True


def test_unknown_bracket_parts_are_kept_aside():
    k = normalize_firm_name("连云港天嘉化工有限公司（原连云港天嘉化工厂）")
    assert (k.key, k.brackets) == ("天嘉化工", ("原连云港天嘉化工厂",))


def test_normalize_many_agrees_with_one_by_one_and_parses_repeats_once():
    names = ["江蘇恆瑞醫藥股份有限公司", "恒瑞医药", "江蘇恆瑞醫藥股份有限公司", "盛虹炼化（连云港）有限公司"]
    many = normalize_many(names)
    assert many == [normalize_firm_name(n) for n in names]
    assert many[0] is many[2]


# --- properties: what must not change the key ---------------------------------------

BRANDS = st.text(alphabet="恒瑞豪森康缘盛虹斯尔邦卫星天嘉鑫益华乐金桥", min_size=2, max_size=4)
INDUSTRIES = st.sampled_from(["医药", "药业", "石化", "新材料", "碳纤维", "化工", "物流", "建设工程", "石英制品"])
FORMS = st.sampled_from(["有限公司", "股份有限公司", "有限责任公司", "集团有限公司", ""])
PLACES = st.sampled_from(["", "江苏", "江苏省", "连云港", "连云港市", "江苏省连云港市", "连云港市海州区", "东海县"])


S2T = OpenCC("s2t")


@settings(deadline=None)
@given(BRANDS, INDUSTRIES, FORMS, PLACES)
def test_place_form_script_and_width_do_not_change_the_key(brand, industry, form, place):
    plain = brand + industry
    name = place + plain + form
    variants = [
        name,
        S2T.convert(name),
        " ".join(name),  # blanks everywhere
        name.replace("有限", "有限　"),
        f"{plain}（连云港）{form}" if form else name,
    ]
    assert {key(v) for v in variants} == {normalize_firm_name(plain).key}


@pytest.mark.parametrize("typo", ["连云港远航物流有限公司司", "连云港远航物流有限责任公", "连云港远航物流股份有限公"])
def test_a_last_character_cut_off_or_typed_twice_in_the_form_is_forgiven(typo):
    k = normalize_firm_name(typo)
    assert (k.key, k.brand, k.industry) == ("远航物流", "远航", ("物流",))


@pytest.mark.parametrize(("name", "key_"), [
    ("华越集团精工机械股份有限公司", "华越精工机械"),  # a group member: the group's 字号, then its own
    ("南通华越集团有限公司", "华越"),  # 集团 at the end is the form, not an infix
    ("华越集团控股有限公司", "华越控股"),
])
def test_group_infix_is_dropped_from_a_member_firms_name(name, key_):
    assert key(name) == key_


@pytest.mark.parametrize(("name", "brand", "industry"), [
    ("东海县远丰保鲜膜有限公司", "远丰", ("保鲜膜",)),
    ("连云港远丰碱业有限公司", "远丰", ("碱业",)),
    ("江苏远丰合金材料有限公司", "远丰", ("合金", "材料")),
])
def test_industry_words_of_common_trades_are_recognised(name, brand, industry):
    k = normalize_firm_name(name)
    assert (k.brand, k.industry) == (brand, industry)


def test_the_short_form_of_a_rural_commercial_bank_is_its_long_form():
    assert key("连云港农商银行") == key("江苏连云港农村商业银行股份有限公司") == key("连云港农商行") == "连云港农村商业银行"


@pytest.mark.parametrize(("name", "key_", "path"), [
    ("南京市江宁区远航机械有限公司", "远航机械", ("江苏", "南京", "江宁")),  # a district the tables do not list
    ("上海市浦东新区远航物流有限公司", "远航物流", ("上海", "浦东")),
    ("江苏省昆山市远航电子有限公司", "远航电子", ("江苏", "昆山")),  # a county-level city
    ("江苏省东海县牛山镇远航石英制品厂", "牛山镇远航石英制品", ("江苏", "连云港", "东海")),  # a town is no place
    ("连云港经济技术开发区远航机械有限公司", "远航机械", ("江苏", "连云港")),  # a zone is no division
    ("连云港高新区远航机械有限公司", "远航机械", ("江苏", "连云港")),
    ("连云港东方夜市管理有限公司", "东方夜市管理", ("江苏", "连云港")),  # 市 after a city is part of the name
    ("江宁区远航机械有限公司", "江宁区远航机械", ()),  # only after a place the tables know
])
def test_unlisted_divisions_and_zones_after_a_known_place_are_places(name, key_, path):
    k = normalize_firm_name(name)
    assert (k.key, k.region_path) == (key_, path)


@pytest.mark.parametrize(("name", "key_", "branch"), [
    ("中国人寿保险股份有限公司东海县支公司", "人寿保险", "东海支公司"),
    ("中国工商银行股份有限公司连云港新浦分理处", "工商银行", "连云港新浦分理处"),
])
def test_insurers_and_banks_sub_branches_are_branches(name, key_, branch):
    k = normalize_firm_name(name)
    assert (k.key, k.branch) == (key_, branch)


def test_guoji_is_a_generic_word():
    k = normalize_firm_name("连云港远航国际物流有限公司")
    assert (k.brand, k.industry, k.generic) == ("远航", ("物流",), ("国际",))


def test_a_branch_part_drops_a_province_before_a_place_inside_it():
    own = normalize_firm_name("中国石油天然气股份有限公司江苏连云港销售分公司").branch
    assert own == normalize_firm_name("中国石油天然气股份有限公司连云港销售分公司").branch == "连云港销售分公司"
    assert normalize_firm_name("远航物流有限公司江苏省连云港市分公司").branch == "连云港分公司"
    # A province's branch is not a city's; the city before a district stays (阜新 has a 海州 too).
    assert normalize_firm_name("远航物流有限公司江苏分公司").branch == "江苏分公司"
    assert normalize_firm_name("远航银行股份有限公司连云港海州支行").branch == "连云港海州支行"


def test_special_and_development_are_generic_words_and_new_drugs_an_industry_word():
    k = normalize_firm_name("连云港鹏飞特种新材料有限公司")
    assert (k.brand, k.industry, k.generic) == ("鹏飞", ("新材料",), ("特种",))
    k = normalize_firm_name("无锡远航新药开发股份有限公司")
    assert (k.brand, k.industry, k.generic) == ("远航", ("新药",), ("开发",))
