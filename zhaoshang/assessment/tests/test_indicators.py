"""What counts for each indicator, on plain facts: edge dates, shares, windows, flags, thresholds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhaoshang.assessment.indicators import REGISTRY, Period, catalog, tier_code

from .helpers import (
    CITY,
    DEPT,
    HAIZHOU,
    LIANYUN,
    XUWEI,
    ActivityFact,
    CapitalFact,
    FlagFact,
    fact,
    facts,
    rules,
)

SIGNED = REGISTRY["signed_count"]()
CONTRACTED = REGISTRY["contracted_investment"]()
STARTED = REGISTRY["started_count"]()
PRODUCED = REGISTRY["production_count"]()
CAPITAL = REGISTRY["capital_in_place"]()
FDI = REGISTRY["fdi_utilised"]()
VISITS = REGISTRY["outbound_visits"]()


def test_a_project_signed_on_31_december_counts_in_that_year_and_not_the_next():
    # given a project signed on the last day of 2026 and one on the first day of 2027
    dec31 = fact(signed=date(2026, 12, 31), name="岁末签约")
    jan1 = fact(signed=date(2027, 1, 1), name="年初签约")
    f = facts(dec31, jan1)

    # when 2026 is counted to its last day, and 2027 to 1 January
    y2026 = SIGNED.compute(f, Period(2026, date(2026, 12, 31)), rules(2026))
    y2027 = SIGNED.compute(f, Period(2027, date(2027, 1, 1)), rules(2027))

    # then each counts exactly once, in its own year
    assert [c.project_id for c in y2026.counted] == [dec31.id]
    assert [c.project_id for c in y2027.counted] == [jan1.id]
    assert (y2026.total, y2027.total) == (Decimal(1), Decimal(1))


def test_the_as_of_day_is_included_and_the_day_after_is_not():
    p = fact(signed=date(2026, 12, 31))
    assert SIGNED.compute(facts(p), Period(2026, date(2026, 12, 30)), rules()).total == 0
    assert SIGNED.compute(facts(p), Period(2026, date(2026, 12, 31)), rules()).total == 1
    # an as-of date after the year end still stops at 31 December
    assert Period(2026, date(2027, 3, 1)).end == date(2026, 12, 31)


def test_a_project_moved_back_from_signed_no_longer_counts():
    # signed in March, moved back in May: the lifecycle cleared its signing date
    p = fact(stage="negotiating", signed=None, transitions=[
        (date(2026, 3, 1), "negotiating", "signed"), (date(2026, 5, 10), "signed", "negotiating", True)])
    value = SIGNED.compute(facts(p), Period(2026, date(2026, 11, 30)), rules())
    assert value.total == 0 and value.contributions == []
    # and the monthly series is restated: no month shows it
    assert value.monthly() == [Decimal(0)] * 11


def test_count_once_a_project_signed_again_counts_in_the_year_of_its_first_signing():
    # signed 2025-06-01, moved back, signed again 2026-02-01
    p = fact(signed=date(2026, 2, 1), transitions=[
        (date(2025, 6, 1), "negotiating", "signed"), (date(2025, 9, 1), "signed", "negotiating", True),
        (date(2026, 2, 1), "negotiating", "signed")])
    f = facts(p)
    y2025 = SIGNED.compute(f, Period(2025, date(2025, 12, 31)), rules(2025))
    y2026 = SIGNED.compute(f, Period(2026, date(2026, 12, 31)), rules(2026))
    assert y2025.total == 1
    assert y2026.total == 0
    assert len(y2026.contributions) == 1
    assert y2026.contributions[0].rule.startswith("同一项目只计一次：首次签约于 2025-06-01，已计入 2025 年")
    # without count-once the new agreement date decides
    assert SIGNED.compute(f, Period(2026, date(2026, 12, 31)), rules(2026, count_once=False)).total == 1


def test_a_joint_project_counts_for_each_unit_by_its_share():
    p = fact(signed=date(2026, 4, 1), total="200000", contracted_amount=Decimal(200000),
             shares=((HAIZHOU, Decimal("0.6")), (XUWEI, Decimal("0.4"))))
    f = facts(p)
    count = SIGNED.compute(f, Period(2026, date(2026, 12, 31)), rules())
    money = CONTRACTED.compute(f, Period(2026, date(2026, 12, 31)), rules())
    assert count.by_unit() == {HAIZHOU: Decimal("0.6"), XUWEI: Decimal("0.4")}
    assert count.total == Decimal(1)
    assert money.by_unit() == {HAIZHOU: Decimal("120000.0"), XUWEI: Decimal("80000.0")}
    assert "按 60% 计入" in count.for_unit(HAIZHOU)[0].rule


def test_the_threshold_depends_on_the_kind_of_unit():
    district = fact(unit=LIANYUN, signed=date(2026, 3, 1), total="9999")
    department = fact(unit=DEPT, signed=date(2026, 3, 1), total="5000")
    value = SIGNED.compute(facts(district, department), Period(2026, date(2026, 12, 31)), rules())
    assert [c.project_id for c in value.counted] == [department.id]
    refused = [c for c in value.contributions if not c.counted]
    assert [c.project_id for c in refused] == [district.id]
    assert refused[0].rule == "总投资 9,999 万元，低于县区认定门槛 1 亿元"
    assert value.counted[0].rule == "2026-03-01 签约；符合认定：总投资 5,000 万元，达到市级部门认定门槛 5,000 万元"


def test_a_flagged_project_is_refused_with_the_category_and_reason():
    p = fact(signed=date(2026, 3, 1), flags=(FlagFact("housing", "住宅类房地产项目", "商品住宅开发"),))
    value = SIGNED.compute(facts(p), Period(2026, date(2026, 12, 31)), rules())
    assert value.total == 0
    assert value.contributions[0].rule == "不计入：住宅类房地产项目（商品住宅开发）"
    # a category the year's policy does not exclude does not refuse
    lenient = rules(excluded={"falsified": "弄虚作假项目"})
    assert SIGNED.compute(facts(p), Period(2026, date(2026, 12, 31)), lenient).total == 1


def test_wholly_local_money_is_refused_and_a_partial_share_scales_the_amount():
    local = fact(signed=date(2026, 3, 1), outside_share=Decimal(0))
    partial = fact(signed=date(2026, 3, 1), total="100000", contracted_amount=Decimal(100000),
                   outside_share=Decimal("0.6"))
    f = facts(local, partial)
    value = CONTRACTED.compute(f, Period(2026, date(2026, 12, 31)), rules())
    assert value.total == Decimal("60000.0")
    assert [c.rule for c in value.contributions if not c.counted] == [
        "纯本地资金项目（省外境内资金及外资占比为 0），按口径不计入"]
    # when the city counts local money, the whole amount counts
    assert CONTRACTED.compute(f, Period(2026, date(2026, 12, 31)), rules(count_local_money=True)).total == \
        Decimal(100000) + Decimal(50000)


def test_a_start_counts_only_within_the_cross_year_window():
    old = fact(signed=date(2024, 5, 1), registered=date(2024, 8, 1), started=date(2026, 3, 1),
               stage="under_construction")
    recent = fact(signed=date(2025, 11, 1), registered=date(2025, 12, 1), started=date(2026, 2, 1),
                  stage="under_construction")
    f = facts(old, recent)
    one_year = STARTED.compute(f, Period(2026, date(2026, 12, 31)), rules(start_window_years=1))
    assert [c.project_id for c in one_year.counted] == [recent.id]
    assert "超出开工跨年窗口（当年及此前 1 年内签约）" in [c for c in one_year.contributions if not c.counted][0].rule
    assert STARTED.compute(f, Period(2026, date(2026, 12, 31)), rules(start_window_years=2)).total == 2


def test_production_counts_its_own_date_and_window():
    p = fact(signed=date(2023, 3, 1), registered=date(2023, 5, 1), started=date(2023, 9, 1),
             produced=date(2026, 6, 30), stage="in_production")
    assert PRODUCED.compute(facts(p), Period(2026, date(2026, 12, 31)), rules()).total == 1
    assert PRODUCED.compute(facts(p), Period(2026, date(2026, 6, 29)), rules()).total == 0
    assert PRODUCED.compute(facts(p), Period(2026, date(2026, 12, 31)), rules(production_window_years=2)).total == 0


def test_capital_in_place_sums_the_entries_dated_in_the_year():
    p = fact(signed=date(2025, 3, 1), registered=date(2025, 4, 1), started=date(2025, 6, 1),
             stage="under_construction", outside_share=Decimal("0.5"),
             capital=(CapitalFact(date(2025, 12, 31), Decimal(1000)), CapitalFact(date(2026, 1, 1), Decimal(2000)),
                      CapitalFact(date(2026, 12, 31), Decimal(4000)), CapitalFact(date(2027, 1, 1), Decimal(8000))))
    value = CAPITAL.compute(facts(p), Period(2026, date(2026, 12, 31)), rules())
    assert value.total == Decimal(3000)  # (2000 + 4000) × 50%
    assert value.monthly() == [Decimal(1000)] + [Decimal(1000)] * 10 + [Decimal(3000)]


def test_foreign_investment_ignores_the_threshold_but_not_the_flags():
    small = fact(signed=date(2026, 1, 5), total="3000", capital=(CapitalFact(date(2026, 2, 1), Decimal(710),
                                                                              Decimal(100)),))
    flagged = fact(signed=date(2026, 1, 5), capital=(CapitalFact(date(2026, 2, 1), Decimal(710), Decimal(100)),),
                   flags=(FlagFact("falsified", "弄虚作假项目", "虚报"),))
    value = FDI.compute(facts(small, flagged), Period(2026, date(2026, 12, 31)), rules())
    assert value.total == Decimal(100)
    assert [c.project_id for c in value.counted] == [small.id]


def test_outbound_visits_count_only_visits_and_roll_up_to_the_unit():
    f = facts(activities=[ActivityFact(1, HAIZHOU, "outbound_visit", date(2026, 3, 1), "赵某某"),
                          ActivityFact(2, HAIZHOU, "investor_reception", date(2026, 3, 2), "赵某某"),
                          ActivityFact(3, CITY, "outbound_visit", date(2026, 4, 1), "李振华"),
                          ActivityFact(4, HAIZHOU, "outbound_visit", date(2025, 12, 31), "赵某某")])
    value = VISITS.compute(f, Period(2026, date(2026, 12, 31)), rules())
    assert value.by_unit() == {HAIZHOU: Decimal(1), CITY: Decimal(1)}
    assert value.total == 2


def test_tiers_and_custom_indicators_filter_the_projects():
    big = fact(signed=date(2026, 3, 1), total="150000", chain="石化")
    small = fact(signed=date(2026, 3, 1), total="20000", chain="新材料")
    cat = catalog(tiers=[("亿元以上", Decimal(10000)), ("10亿元以上", Decimal(100000))],
                  customs=[("petchem_signed", "石化产业链签约项目数", "signed_count", {"chain": "石化"})])
    assert tier_code(Decimal(100000)) == "signed_ge_10yi"
    period, r = Period(2026, date(2026, 12, 31)), rules()
    f = facts(big, small)
    assert cat["signed_ge_10yi"].compute(f, period, r).total == 1
    assert cat["signed_ge_1yi"].compute(f, period, r).total == 2
    assert [c.project_id for c in cat["petchem_signed"].compute(f, period, r).counted] == [big.id]
    assert "产业链=石化" in cat["petchem_signed"].definition


def test_every_indicator_states_what_counts():
    for code, cls in REGISTRY.items():
        ind = cls()
        assert len(ind.definition) > 40, code
        assert ind.label and ind.measure and ind.display_unit


def test_the_user_manual_defines_every_indicator():
    from pathlib import Path

    from django.conf import settings

    manual = (Path(settings.BASE_DIR) / "docs" / "manual" / "指标口径.md").read_text(encoding="utf-8")
    for code, cls in REGISTRY.items():
        assert f"`{code}`" in manual and cls.label in manual, code
