"""Firm identity on the Django side: resolving names, merging with an audit record, review candidates."""

from __future__ import annotations

import pytest

from zhaoshang.core.errors import BusinessError
from zhaoshang.firms.credit_code import credit_code_check_char
from zhaoshang.firms.models import Firm, FirmAlias, FirmMerge, FirmMergeCandidate
from zhaoshang.firms.selectors import firm_list, firm_queryset
from zhaoshang.firms.services import (
    firm_alias_add,
    firm_candidate_dismiss,
    firm_candidates_refresh,
    firm_link_project,
    firm_merge,
    firm_resolve,
    firm_resolve_many,
)
from zhaoshang.leads.tests.factories import make_lead
from zhaoshang.projects.models import ProjectInvestor
from zhaoshang.projects.tests.factories import make_project


def code(body: str) -> str:
    return body + credit_code_check_char(body)


CODE_A = code("91320700MA1XYK123")
CODE_B = code("91320700MA1XYK456")


def test_names_of_one_firm_resolve_to_one_row(db):
    firm = firm_resolve(name="江苏恒瑞医药股份有限公司")
    assert firm_resolve(name="江蘇恆瑞醫藥股份有限公司") == firm  # traditional characters
    assert firm_resolve(name="恒瑞医药") == firm  # short form, written locally without its place
    assert firm_resolve(name="恒瑞医药上海分公司") != firm  # a branch is its own registered entity
    assert firm_resolve(name="上海恒瑞医药有限公司") != firm  # same key, another place
    assert Firm.objects.count() == 3


def test_the_credit_code_decides_and_is_kept(db):
    firm = firm_resolve(name="连云港某某化工有限公司", credit_code=CODE_A)
    assert firm.credit_code == CODE_A
    assert firm_resolve(name="完全不同的写法", credit_code=CODE_A) == firm
    other = firm_resolve(name="连云港某某化工有限公司", credit_code=CODE_B)  # same name, another code
    assert other != firm and other.credit_code == CODE_B
    with pytest.raises(BusinessError, match="校验位"):
        firm_resolve(name="甲公司", credit_code=CODE_A[:-1] + ("0" if CODE_A[-1] != "0" else "1"))


def test_an_alias_resolves_to_its_firm(world):
    firm = firm_resolve(name="鑫海化学股份有限公司")
    firm_alias_add(user=world.user("city_admin"), firm=firm, name="鑫海石化")  # a former name
    assert firm_resolve(name="鑫海石化") == firm
    assert FirmAlias.objects.get(firm=firm).name_key == "鑫海石化"


def test_bulk_resolution_creates_each_new_firm_once(db):
    firms = firm_resolve_many(names=["南京源江石化有限公司", "源江石化", "南京源江石化有限公司", ""])
    assert firms[0] == firms[1] == firms[2] and firms[3] is None
    assert Firm.objects.count() == 1 and Firm.history.count() == 1


def test_merging_moves_every_record_and_keeps_an_audit_record(world, city_admin):
    # given two rows for one firm: a lead and a project on each, an investor row and an alias
    lianyun = world.user("lianyun")
    keep = firm_resolve(name="鑫海碳纤维股份有限公司", credit_code=CODE_A)
    merge = firm_resolve(name="鑫海碳纤")  # an unknown word after the 字号: kept apart, offered for review
    assert keep != merge
    lead = make_lead(user=lianyun, firm_name="鑫海碳纤")
    project = make_project(user=lianyun, name="碳纤维项目", investor_name="鑫海碳纤")
    firm_link_project(project=project, firm=merge, user=lianyun)
    investor = ProjectInvestor.objects.create(project=project, firm=merge, name="鑫海碳纤", is_lead=True)
    firm_alias_add(user=lianyun, firm=merge, name="鑫海碳")
    assert lead.firm == merge

    # when the city admin merges
    record = firm_merge(user=city_admin, keep=keep, merge=merge, reason="人工核实为同一企业")

    # then every record points at the kept firm, and the merge is on record
    lead.refresh_from_db()
    project.refresh_from_db()
    investor.refresh_from_db()
    merge.refresh_from_db()
    assert (lead.firm, project.investor, investor.firm) == (keep, keep, keep)
    assert sorted(keep.aliases.values_list("name", flat=True)) == ["鑫海碳", "鑫海碳纤"]
    assert merge.merged_into == keep
    assert record == FirmMerge.objects.get()
    assert record.moved["moved"] == {"线索": 1, "项目": 1, "投资方": 1, "企业别名": 1}
    assert (record.merged_name, record.merged_by) == ("鑫海碳纤", city_admin)
    assert lead.history.first().history_user == city_admin
    # and the merged name now resolves to the kept firm
    assert firm_resolve(name="鑫海碳纤") == keep


def test_firms_with_different_credit_codes_are_never_merged(world, city_admin):
    a = firm_resolve(name="甲化工有限公司", credit_code=CODE_A)
    b = firm_resolve(name="乙化工有限公司", credit_code=CODE_B)
    with pytest.raises(BusinessError, match="统一社会信用代码不同"):
        firm_merge(user=city_admin, keep=a, merge=b)
    with pytest.raises(BusinessError, match="只有市级招商管理员"):
        firm_merge(user=world.user("lianyun"), keep=a, merge=b)
    assert FirmMerge.objects.count() == 0 and Firm.objects.filter(merged_into__isnull=False).count() == 0


def test_candidates_are_found_with_the_matchers_reason_and_dismissed_once(world, city_admin):
    firm_resolve(name="正大天晴药业集团股份有限公司")
    firm_resolve(name="正大天青药业集团股份有限公司")
    assert firm_candidates_refresh() == {"pairs": 1, "new": 1}
    candidate = FirmMergeCandidate.objects.get()
    assert (candidate.verdict, candidate.reason) == ("maybe", "字号仅一字之差（正大天晴 / 正大天青），可能是笔误，需人工确认")
    firm_candidate_dismiss(user=city_admin, candidate=candidate)
    assert firm_candidates_refresh() == {"pairs": 1, "new": 0}
    assert FirmMergeCandidate.objects.get().status == "dismissed"


def test_a_firm_first_written_on_another_units_lead_is_not_listed_to_a_unit(world):
    make_lead(user=world.user("xuwei"), firm_name="徐圩保密企业有限公司", is_confidential=True)
    own = make_lead(user=world.user("lianyun"), firm_name="连云企业有限公司")
    universe = firm_resolve(name="某参考企业有限公司")  # no lead, no project: reference data
    lianyun = world.user("lianyun")
    assert set(firm_queryset(user=lianyun).values_list("name", flat=True)) >= {own.firm.name, universe.name}
    assert not firm_queryset(user=lianyun).filter(name="徐圩保密企业有限公司").exists()
    assert [f.name for f in firm_list(user=lianyun)] == ["连云企业有限公司"]
    assert firm_queryset(user=world.user("city_admin")).filter(name="徐圩保密企业有限公司").exists()


def test_firms_with_their_own_credit_codes_are_not_offered_however_alike(db):
    firm_resolve(name="连云港嘉顺房地产开发有限公司", credit_code=CODE_A)
    firm_resolve(name="连云港锦顺房地产开发有限公司", credit_code=CODE_B)
    assert firm_candidates_refresh() == {"pairs": 0, "new": 0}


def test_a_name_equal_to_a_former_name_or_stock_short_name_resolves_to_its_firm(world, city_admin):
    firm = firm_resolve(name="浙江远航化学股份有限公司")
    firm_alias_add(user=city_admin, firm=firm, name="浙江远航石化股份有限公司", kind=FirmAlias.Kind.FORMER)
    firm_alias_add(user=city_admin, firm=firm, name="远航股份", kind=FirmAlias.Kind.SHORT)
    # the alias's other spellings: traditional, without place or form, the stock short name
    assert firm_resolve(name="浙江遠航石化股份有限公司") == firm
    assert firm_resolve(name="远航石化") == firm
    assert firm_resolve(name="远航股份") == firm
    assert firm_resolve_many(names=["远航石化有限公司", "远航股份", "浙江远航石化股份有限公司"]) == [firm] * 3
    # an alias does not move the firm to another place, nor make a branch its head office
    assert firm_resolve(name="上海远航股份有限公司", create=False) is None
    assert firm_resolve(name="浙江远航石化股份有限公司连云港分公司", create=False) is None


def test_a_name_written_exactly_as_an_alias_beats_another_firm_with_its_key(world, city_admin):
    renamed = firm_resolve(name="连云港远航新材料有限公司")
    firm_alias_add(user=city_admin, firm=renamed, name="远航塑业", kind=FirmAlias.Kind.FORMER)
    other = firm_resolve(name="南京远航塑业有限公司")
    assert firm_resolve(name="远航塑业") == renamed
    assert firm_resolve(name="南京远航塑业有限公司") == other


def test_a_firm_written_with_another_firms_alias_is_offered_for_merging(world, city_admin):
    kept = firm_resolve(name="远航化学股份有限公司")
    firm_alias_add(user=city_admin, firm=kept, name="远航石化", kind=FirmAlias.Kind.FORMER)
    old = Firm.objects.create(name="远航石化股份有限公司", name_key="远航石化")  # entered before the rename
    firm_candidates_refresh()
    candidate = FirmMergeCandidate.objects.get()
    assert {candidate.firm_a, candidate.firm_b} == {kept, old} and candidate.verdict == "same"


@pytest.mark.parametrize(("home", "same_as"), [
    (["江苏", "连云港"], "江苏远帆药业股份有限公司"),
    (["北京市"], "北京远帆药业有限公司"),
    ([], None),  # switched off: the name without a place is only offered for review
])
def test_the_home_region_setting_decides_where_a_name_without_place_goes(world, settings, home, same_as):
    settings.HOME_REGION = home
    placeless = Firm.objects.create(name="远帆药业", name_key="远帆药业")
    firms = {n: Firm.objects.create(name=n, name_key="远帆药业") for n in ("江苏远帆药业股份有限公司", "北京远帆药业有限公司")}
    firm_candidates_refresh()
    same = {(c.firm_a_id, c.firm_b_id) for c in FirmMergeCandidate.objects.filter(verdict="same")}
    expected = {tuple(sorted((placeless.pk, firms[same_as].pk)))} if same_as else set()
    assert same == expected
    assert FirmMergeCandidate.objects.filter(verdict="maybe").count() == (1 if same_as else 2)


def test_home_region_is_read_as_a_place_path(settings):
    from django.core.exceptions import ImproperlyConfigured

    from zhaoshang.firms.services import home_region

    settings.HOME_REGION = ["江苏省", "连云港市"]
    assert home_region() == ("江苏", "连云港")
    settings.HOME_REGION = ["海州区"]
    assert home_region() == ("江苏", "连云港", "海州")
    settings.HOME_REGION = []
    assert home_region() is None
    settings.HOME_REGION = ["江苏", "火星"]
    with pytest.raises(ImproperlyConfigured, match="HOME_REGION"):
        home_region()
