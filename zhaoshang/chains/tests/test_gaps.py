"""Gap rules (补链 / 延链 / 强链) on a small hand-made chain whose answers are known."""

from __future__ import annotations

from zhaoshang.chains.catalog import chain_from_document
from zhaoshang.chains.gaps import GapThresholds, NodePresence, analysed_nodes, find_gaps


def node(code, name, parent=None, stage="upstream", keywords=None, **extra):
    return {"code": code, "name": name, "parent": parent, "stage": stage,
            "keywords": keywords if keywords is not None else ([name] if parent else []), **extra}


#   TT1 上游            TT2 中游              TT3 下游
#   TT1.1 原料A ──┐
#   TT1.2 原料B ──┴──→ TT2.1 中间体M ──┬──→ TT3.1 产品P
#   TT1.3 原料C                       └──→ TT3.3 产品R
#                     TT2.2 中间体N ─────→ TT3.2 产品Q
DOC = {
    "code": "TT", "name": "测试链",
    "nodes": [
        node("TT1", "上游"), node("TT1.1", "原料A", "TT1"), node("TT1.2", "原料B", "TT1"), node("TT1.3", "原料C", "TT1"),
        node("TT2", "中游", stage="midstream"), node("TT2.1", "中间体M", "TT2", "midstream"),
        node("TT2.2", "中间体N", "TT2", "midstream"),
        node("TT3", "下游", stage="downstream"), node("TT3.1", "产品P", "TT3", "downstream"),
        node("TT3.2", "产品Q", "TT3", "downstream"), node("TT3.3", "产品R", "TT3", "downstream"),
    ],
    "edges": [{"from": "TT1.1", "to": "TT2.1"}, {"from": "TT1.2", "to": "TT2.1"}, {"from": "TT2.1", "to": "TT3.1"},
              {"from": "TT2.1", "to": "TT3.3"}, {"from": "TT2.2", "to": "TT3.2"}],
}
PRESENCE = {
    "TT1.2": NodePresence(firms=2),  # weak
    "TT2.1": NodePresence(firms=12, leaders=1),  # strong, with a leader: no gap
    "TT3.1": NodePresence(firms=10),  # strong by count, no leader
    "TT3.3": NodePresence(firms=5),  # present, small
}


def gaps_of(presence=PRESENCE, **kwargs):
    chain = chain_from_document(DOC)
    return {g.node: g for g in find_gaps([chain], presence, **kwargs)}


def test_only_the_most_specific_placeable_nodes_are_analysed():
    chain = chain_from_document(DOC)
    assert [n.code for n in analysed_nodes(chain)] == ["TT1.1", "TT1.2", "TT1.3", "TT2.1", "TT2.2", "TT3.1", "TT3.2",
                                                       "TT3.3"]


def test_each_node_gets_the_kind_its_presence_and_links_give():
    # when
    gaps = gaps_of()

    # then: inputs of the strong 中间体M are missing (fill), the siblings of strong nodes with no
    # local link are extensions, small or leaderless present nodes are to strengthen
    assert {code: g.kind for code, g in gaps.items()} == {
        "TT1.1": "fill", "TT1.2": "fill", "TT2.2": "extend", "TT3.2": "extend", "TT3.1": "strengthen",
        "TT3.3": "strengthen",
    }
    assert "TT1.3" not in gaps and "TT2.1" not in gaps


def test_gaps_carry_their_reasons_and_numbers():
    gaps = gaps_of()
    assert gaps["TT1.1"].reasons == ["本地没有该节点的企业",
                                     "本地 1 个节点以其产品为原料：中间体M（本地 12 家，链主/龙头 1 家）"]
    assert gaps["TT1.2"].reasons[0] == "本地仅有 2 家企业、无链主企业"
    assert gaps["TT1.1"].numbers == {"local_firms": 0, "leaders": 0, "projects": 0, "buyers": ["TT2.1"],
                                     "sellers": [], "leader_needs": [], "leader_offers": []}
    assert gaps["TT1.1"].priority == 17  # 12 firms + 5 per leader of the node that buys it
    assert gaps["TT3.2"].reasons == ["本地没有该节点的企业，且与本地产业没有直接供需关系",
                                     "同属“下游”环节的优势节点：产品P（本地 10 家）"]
    assert gaps["TT3.1"].reasons == ["没有链主或龙头企业", "与本地 1 个节点有供需关系：中间体M（本地 12 家，链主/龙头 1 家）"]
    assert gaps["TT3.3"].reasons[0] == "本地仅有 5 家企业（不足 10 家）"


def test_gaps_are_ordered_by_kind_then_priority():
    chain = chain_from_document(DOC)
    order = [(g.kind, g.node) for g in find_gaps([chain], PRESENCE)]
    assert order == [("fill", "TT1.1"), ("fill", "TT1.2"), ("extend", "TT2.2"), ("extend", "TT3.2"),
                     ("strengthen", "TT3.3"), ("strengthen", "TT3.1")]


def test_a_leaders_purchasing_need_makes_an_unlinked_node_a_fill_gap():
    gaps = gaps_of(leader_buys={"TT1.3": ["链主甲"]})
    assert gaps["TT1.3"].kind == "fill"
    assert gaps["TT1.3"].reasons == ["本地没有该节点的企业", "链主企业登记了采购需求：链主甲"]
    assert gaps["TT1.3"].priority == 10


def test_thresholds_are_boundaries():
    # three firms is no longer weak: 原料B becomes a node to strengthen, not to fill
    gaps = gaps_of({**PRESENCE, "TT1.2": NodePresence(firms=3)})
    assert gaps["TT1.2"].kind == "strengthen"
    # with a leader and enough firms a node is not a gap at all
    gaps = gaps_of({**PRESENCE, "TT3.1": NodePresence(firms=10, leaders=1)})
    assert "TT3.1" not in gaps
    # stricter thresholds: 12 firms are not enough
    gaps = gaps_of(thresholds=GapThresholds(weak_below=3, strong_from=20))
    assert gaps["TT3.1"].kind == "strengthen"


def test_an_empty_city_has_no_gaps_to_fill_only_nothing():
    # no local presence anywhere: nothing links to local industry, so no gap of any kind
    assert gaps_of({}) == {}


def test_link_rows_are_not_analysed():
    doc = {**DOC, "nodes": [*DOC["nodes"], node("TT3.4", "外链", "TT3", "downstream", alias_of="TT2.1")]}
    chain = chain_from_document(doc)
    assert "TT3.4" not in {n.code for n in analysed_nodes(chain)}
