"""Target scoring (pure): components, their weights, leader relations, and the cluster measures."""

from __future__ import annotations

import numpy as np
import pytest

from zhaoshang.chains.catalog import load_chains
from zhaoshang.chains.clusters import hhi, location_quotient, measure
from zhaoshang.chains.targeting import (
    COMPONENTS,
    FirmTable,
    LeaderLink,
    TargetInputs,
    node_relations,
    normalise_province,
    precedent_value,
    score_targets,
    segment_of,
    signal_strength,
    size_value,
)


def firms(n, **over):
    base = dict(ids=np.arange(1, n + 1), province=np.array(["山东省"] * n, dtype=object),
                capital=np.full(n, 1000.0), revenue_rank=np.full(n, 2, dtype=np.int8), employees=np.full(n, 99.0),
                is_listed=np.zeros(n, bool), is_high_tech=np.zeros(n, bool), is_specialized=np.zeros(n, bool),
                is_global500=np.zeros(n, bool))
    base.update(over)
    return FirmTable(**base)


def inputs(table, *, firm_pos, node_pos, confidence, relation=(0.0, 0.0), strength=None, precedent=None):
    return TargetInputs(nodes=["N1", "N2"], firms=table, firm_pos=np.array(firm_pos), node_pos=np.array(node_pos),
                        confidence=np.array(confidence, dtype=float),
                        signal_strength=np.zeros(len(table.ids)) if strength is None else np.array(strength),
                        node_relation=np.array(relation), node_segment=["S1", "S2"], precedent=precedent or {})


def test_weights_add_up_to_a_hundred():
    assert sum(c.weight for c in COMPONENTS) == 100
    assert [c.key for c in COMPONENTS] == ["fit", "size", "growth", "proximity", "relation", "precedent"]


def test_a_firm_supplying_a_leaders_main_input_ranks_above_an_otherwise_equal_firm():
    # given two identical firms on the gap node N1; firm 1 is also placed on N2, which a leader buys
    table = firms(2)
    data = inputs(table, firm_pos=[0, 1, 0], node_pos=[0, 0, 1], confidence=[0.9, 0.9, 0.9], relation=(0.0, 1.0))

    # when
    s = score_targets(data)

    # then the only difference on N1 is the relation, and it decides the order
    on_gap = [0, 1]
    assert s.total[0] > s.total[1]
    assert s.points["relation"][on_gap].tolist() == [20.0, 0.0]
    for key in ("fit", "size", "growth", "proximity", "precedent"):
        assert s.points[key][0] == s.points[key][1]


def test_each_component_is_its_value_times_its_weight():
    table = firms(1, province=np.array(["江苏省"], dtype=object), is_listed=np.array([True]))
    data = inputs(table, firm_pos=[0], node_pos=[0], confidence=[0.8], relation=(0.5, 0.0), strength=[1.0],
                  precedent={("S1", "江苏省"): 5})
    s = score_targets(data)
    expected_size = size_value(np.array([1000.0]), np.array([2], dtype=np.int8), np.array([99.0]),
                               np.array([True]), np.array([False]), np.array([False]), np.array([False]))[0]
    assert s.points["fit"][0] == 16.0
    assert s.points["size"][0] == pytest.approx(round(expected_size * 20, 2))
    assert s.points["growth"][0] == pytest.approx(round((1 - np.exp(-1.0)) * 15, 2))
    assert s.points["proximity"][0] == 10.0  # 江苏省
    assert s.points["relation"][0] == 10.0  # 0.5 × 20, confidence above 0.5 counts fully
    assert s.points["precedent"][0] == 15.0  # five precedents or more
    assert s.total[0] == pytest.approx(sum(s.points[k][0] for k in s.points))


def test_size_quality_grows_with_capital_and_flags():
    small = size_value(np.array([10.0]), np.array([-1], dtype=np.int8), np.array([np.nan]), *[np.array([False])] * 4)
    big = size_value(np.array([100000.0]), np.array([5], dtype=np.int8), np.array([5000.0]), np.array([True]),
                     np.array([True]), np.array([True]), np.array([True]))
    assert 0 < small[0] < 0.2 and big[0] == pytest.approx(0.6 * (1 + 1 + np.log10(5001) / 4) / 3 + 0.4)


def test_signals_count_with_their_kind_and_fade_with_age():
    s = signal_strength(np.array([0, 0, 1, 1, -1]), ["new_plant", "financing", "expansion", "expansion", "new_plant"],
                        np.array([0, 365, 800, 10, 0]), 2)
    assert s[0] == pytest.approx(1.2 + 0.6 * np.exp(-1))
    assert s[1] == pytest.approx(0.9 * np.exp(-10 / 365))  # the 800-day-old signal is outside the window


def test_precedent_and_province_helpers():
    assert precedent_value(np.array([0, 1, 5, 9])).round(2).tolist() == [0.0, 0.39, 1.0, 1.0]
    assert [normalise_province(p) for p in ("江苏", "江苏省", " 上海 ", "广西", "火星")] == \
        ["江苏省", "江苏省", "上海市", "广西壮族自治区", "火星"]


def test_leader_relations_prefer_registered_needs():
    chains = load_chains()
    rel = node_relations(chains, [LeaderLink(name="斯尔邦", nodes=("PC1.3.4",), buys=("PC1.1.3",),
                                             supplies=("PC3.4.1",))])
    assert rel["PC1.1.3"] == (1.0, "可向链主“斯尔邦”供应其采购的甲醇")
    assert rel["PC3.4.1"][0] == 0.5
    index = {n.code: n for c in chains for n in c.nodes}
    assert segment_of("PC1.1.3", index) == "PC1.1" and segment_of("PC1.1", index) == "PC1.1"


def test_cluster_measures():
    assert hhi([50, 50]) == 5000.0 and hhi([7]) == 10000.0 and hhi([0, 0]) is None
    assert location_quotient(10, 100, 1000, 100_000) == 10.0
    assert location_quotient(10, 100, 1000, 999) is None  # no base data
    m = measure(placeable_nodes=["A", "B", "C", "D"], firm_nodes={1: {"A"}, 2: {"A", "B"}},
                firm_capital={1: 100.0, 2: 300.0}, leader_nodes={9: {"C"}}, all_firms_here=20,
                chain_firms_base=1000, all_firms_base=100_000, firm_district={1: "海州区", 2: "海州区"})
    assert (m.covered_nodes, m.coverage, m.firms, m.leaders, m.capital) == (3, 0.75, 2, 1, 400.0)
    assert m.lq == 10.0 and m.hhi == 6250.0
    assert m.details == {"firms_by_district": {"海州区": 2}, "hhi_districts": 10000.0}
