"""Shipped chain data, the chain JSON validator and the supply-graph helpers."""

from __future__ import annotations

import copy
import json

import pytest

from zhaoshang.chains.catalog import (
    DATA_DIR,
    UNIT_NAMES,
    ChainDocumentError,
    chain_from_document,
    chain_keywords,
    chain_to_document,
    customers_of,
    leaders_by_node,
    load_chains,
    node_index,
    suppliers_of,
    supply_graph,
    validate_chain_document,
    validate_chain_set,
)


def _doc(**overrides) -> dict:
    """A small valid chain document; tests break one thing at a time."""
    doc = {
        "format": "zhaoshang.chain/1",
        "code": "XX",
        "name": "测试链",
        "nodes": [
            {"code": "XX1", "name": "上游", "parent": None, "stage": "upstream", "level": 1},
            {"code": "XX1.1", "name": "原料", "parent": "XX1", "stage": "upstream", "level": 2,
             "keywords": ["原料"], "industry_codes": ["2614"]},
            {"code": "XX2", "name": "下游", "parent": None, "stage": "downstream", "level": 1},
            {"code": "XX2.1", "name": "制品", "parent": "XX2", "stage": "downstream", "level": 2,
             "keywords": ["制品"]},
        ],
        "edges": [{"from": "XX1.1", "to": "XX2.1", "material": "原料"}],
        "leaders": [{"firm": "测试有限公司", "unit": "徐圩新区", "nodes": ["XX1.1"], "role": "chain leader",
                     "buys": [], "supplies": ["XX2.1"]}],
    }
    doc.update(overrides)
    return doc


# ---------------------------------------------------------------- shipped data


def test_shipped_chains_load_validate_and_have_at_least_25_nodes_each():
    # given the three shipped chain files
    files = [json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
             for name in ("petrochemical.json", "biopharma.json", "new_materials.json")]
    # when they are validated together and loaded
    errors = validate_chain_set(files)
    chains = load_chains()
    # then there is no error, and each chain has the reference's node count (≥ 25)
    assert errors == []
    assert [(c.code, c.name, len(c.nodes)) for c in chains] == [("PC", "石化", 65), ("BP", "生物医药", 55),
                                                                ("NM", "新材料", 60)]
    assert all(len(c.nodes) >= 25 for c in chains)


def test_shipped_node_levels_and_segments_match_the_reference():
    chains = {c.code: c for c in load_chains()}
    levels = {code: [sum(1 for n in c.nodes if n.level == lv) for lv in (1, 2, 3)] for code, c in chains.items()}
    assert levels == {"PC": [4, 14, 47], "BP": [4, 15, 36], "NM": [6, 17, 37]}
    assert [n.code for n in chains["PC"].children(None)] == ["PC1", "PC2", "PC3", "PC4"]
    assert [n.stage_label for n in chains["PC"].children(None)] == ["上游", "中游", "下游", "配套"]


def test_every_edge_endpoint_and_leader_reference_exists():
    index = node_index()
    for chain in load_chains():
        for edge in chain.edges:
            assert edge.source in index and edge.target in index, edge
        for leader in chain.leaders:
            assert leader.unit in UNIT_NAMES and set(leader.other_units) <= set(UNIT_NAMES), leader.firm
            for code in (*leader.nodes, *leader.buys, *leader.supplies):
                assert code in index, (leader.firm, code)


def test_flows_of_the_reference_are_edges():
    edges = {(e.source, e.target) for c in load_chains() for e in c.edges}
    for pair in [("PC1.1.1", "PC1.2.1"), ("PC1.4.1", "PC2.3.1"), ("PC2.3.1", "PC3.2.1"), ("PC2.1.2", "PC3.2.1"),
                 ("PC2.2.1", "NM1.1.2"), ("PC4.1.2", "PC2.2.3"), ("BP1.2.1", "BP1.2.2"), ("BP1.4.2", "BP2.3.1"),
                 ("NM2.2.2", "NM2.4.1"), ("NM2.3", "NM6.2.1"), ("PC3.4.1", "NM2.4.2"), ("PC2.1.4", "NM5.1.1")]:
        assert pair in edges
    assert len(edges) == 50 + 33 + 26  # no duplicate across chains


def test_leaders_sit_on_their_nodes_with_units_and_supply_lists():
    by_short = {ld.short: ld for c in load_chains() for ld in c.leaders}
    assert by_short["斯尔邦"].unit == "徐圩新区"
    assert by_short["斯尔邦"].buys == ("PC1.1.3", "PC1.1.2")
    assert "NM1.1.2" in by_short["斯尔邦"].supplies
    assert by_short["中复神鹰"].nodes == ("NM1.1.2", "NM1.2.1", "NM1.2.2", "NM1.3.1")
    assert by_short["中复神鹰"].other_units == ("连云区",)
    assert by_short["恒瑞医药"].role_label == "链主企业"
    assert by_short["奥升德"].active is False
    assert [ld.short for ld in leaders_by_node()["PC2.3.1"]] == ["虹港石化"]


def test_chain_keywords_are_keyed_by_chinese_chain_name_without_duplicates():
    kw = chain_keywords()
    assert list(kw) == ["石化", "生物医药", "新材料"]
    assert {"丙烯腈", "精对苯二甲酸", "常减压"} <= set(kw["石化"])
    assert {"原料药", "创新药", "中成药生产"} <= set(kw["生物医药"])
    assert {"碳纤维", "高纯石英砂", "球形硅微粉"} <= set(kw["新材料"])
    assert all(len(v) == len(set(v)) for v in kw.values())


def test_link_nodes_point_to_the_petrochemical_chain():
    index = node_index()
    assert {c: index[c].alias_of for c in ("NM1.1.1", "NM1.3.2", "NM4.2.1")} == {
        "NM1.1.1": "PC2.2.1", "NM1.3.2": "PC3.1.6", "NM4.2.1": "PC3.1.8"}
    assert index["NM1.1.1"].placeable is False
    assert "NM5.1.1" in index["PC3.3.3"].see_also and "PC3.3.3" in index["NM5.1.1"].see_also


def test_export_then_import_gives_the_same_chain():
    known = set(node_index())
    for chain in load_chains():
        assert chain_from_document(chain_to_document(chain), known_codes=known) == chain


# ---------------------------------------------------------------- validator messages


def test_valid_document_has_no_error():
    assert validate_chain_document(_doc()) == []


def test_validator_reports_duplicate_node_code():
    doc = _doc()
    doc["nodes"].append({"code": "XX1.1", "name": "重复", "parent": "XX1", "stage": "upstream"})
    assert validate_chain_document(doc) == ["节点编码重复：XX1.1"]


def test_validator_reports_unknown_parent_and_missing_name():
    doc = _doc()
    doc["nodes"][3]["parent"] = "XX9"
    doc["nodes"][3]["level"] = 2
    doc["nodes"][1]["name"] = "  "
    assert validate_chain_document(doc) == ["节点 XX1.1 缺少名称（name）", "节点 XX2.1 的上级节点 XX9 不存在"]


def test_validator_reports_a_cycle_in_the_node_tree():
    doc = _doc()
    doc["nodes"][0]["parent"] = "XX1.1"
    assert validate_chain_document(doc) == ["节点上下级关系存在循环：XX1 → XX1.1 → XX1"]


def test_validator_reports_edges_to_unknown_nodes_self_loops_and_duplicates():
    doc = _doc(edges=[
        {"from": "XX1.1", "to": "XX9.9"},
        {"from": "XX2.1", "to": "XX2.1"},
        {"from": "XX1.1", "to": "XX2.1"},
        {"from": "XX1.1", "to": "XX2.1"},
        {"to": "XX2.1"},
    ])
    assert validate_chain_document(doc) == [
        "供应关系 XX1.1 → XX9.9 的终点节点 XX9.9 不存在",
        "供应关系 XX2.1 → XX2.1 的起点与终点相同",
        "供应关系重复：XX1.1 → XX2.1",
        "第5条供应关系缺少起点（from）或终点（to）",
    ]


def test_validator_reports_bad_stage_level_industry_code_and_node_code():
    doc = _doc()
    doc["nodes"][1].update(stage="middle", level=3, industry_codes=["261"])
    doc["nodes"].append({"code": "YY1", "name": "别的链", "stage": "support"})
    assert validate_chain_document(doc) == [
        "节点 XX1.1 的环节（stage）“middle”无效，应为 upstream（上游）、midstream（中游）、downstream（下游）、support（配套）之一",
        "节点 XX1.1 的行业代码“261”无效，应为4位数字（GB/T 4754-2017）",
        "节点编码“YY1”格式无效，应以产业链编码 XX 开头，如 XX1.2.3",
        "节点 XX1.1 的层级（level）应为 2，实际为 3",
    ]


def test_validator_reports_bad_leader_unit_role_and_nodes():
    doc = _doc(leaders=[
        {"firm": "甲公司", "unit": "连云港", "nodes": ["XX7"], "role": "boss", "buys": ["XX8"]},
        {"firm": "", "unit": "海州区", "nodes": ["XX1.1"], "role": "leading firm"},
        {"firm": "乙公司", "unit": "海州区", "nodes": [], "role": "leading firm"},
    ])
    assert validate_chain_document(doc) == [
        "链主企业“甲公司”的所在县区“连云港”无效，应为 海州区、连云区、赣榆区、东海县、灌云县、灌南县、市开发区、徐圩新区、高新区 之一",
        "链主企业“甲公司”的角色“boss”无效，应为 chain leader（链主企业）或 leading firm（龙头企业）",
        "链主企业“甲公司”的节点 XX7 不存在",
        "链主企业“甲公司”的采购节点（buys） XX8 不存在",
        "第2个链主企业缺少企业名称（firm）",
        "链主企业“乙公司”未挂任何节点",
    ]


def test_validator_reports_missing_chain_fields_and_non_object():
    assert validate_chain_document([]) == ["文件内容必须是一个 JSON 对象"]
    assert validate_chain_document({"code": "x1", "nodes": []}) == [
        "产业链编码“x1”无效，应为2至4位大写字母", "缺少产业链名称（name）", "节点列表（nodes）缺失或为空"]


def test_cross_chain_references_are_checked_against_known_codes():
    doc = _doc(edges=[{"from": "PC2.2.1", "to": "XX1.1"}])
    assert validate_chain_document(doc) == []  # form only, when other chains are unknown
    assert validate_chain_document(doc, known_codes={"PC2.2.2"}) == ["供应关系 PC2.2.1 → XX1.1 的起点节点 PC2.2.1 不存在"]
    assert validate_chain_document(doc, known_codes={"PC2.2.1"}) == []


def test_chain_from_document_raises_with_all_messages():
    doc = copy.deepcopy(_doc())
    doc["nodes"][1]["stage"] = None
    doc["edges"][0]["to"] = "XX5"
    with pytest.raises(ChainDocumentError) as exc:
        chain_from_document(doc)
    assert exc.value.errors == [
        "节点 XX1.1 的环节（stage）“”无效，应为 upstream（上游）、midstream（中游）、downstream（下游）、support（配套）之一",
        "供应关系 XX1.1 → XX5 的终点节点 XX5 不存在",
    ]


def test_level_is_derived_when_absent():
    doc = _doc()
    for node in doc["nodes"]:
        node.pop("level")
    chain = chain_from_document(doc)
    assert [(n.code, n.level) for n in chain.nodes] == [("XX1", 1), ("XX1.1", 2), ("XX2", 1), ("XX2.1", 2)]


# ---------------------------------------------------------------- supply graph


def test_suppliers_and_customers_follow_edges_and_expand_segments():
    # PTA buys PX (edge PC1.4.1 → PC2.3.1)
    assert "PC1.4.1" in suppliers_of("PC2.3.1")
    # EO (PC2.1.1) sits under PC2.1, which buys ethylene from the whole olefins segment PC1.3
    assert {"PC1.3", "PC1.3.1", "PC1.3.2", "PC1.3.3", "PC1.3.4"} <= set(suppliers_of("PC2.1.1"))
    # acrylonitrile's customers cross into the new-materials chain
    assert customers_of("PC2.2.1") == ["PC3.2.3", "PC3.1.5", "BP1.2.1", "NM1.1.2"]


def test_supply_graph_has_tree_and_supply_edges():
    g = supply_graph()
    assert g.number_of_nodes() == 180
    assert g.edges["PC1", "PC1.1"]["kind"] == "tree"
    assert g.edges["PC2.2.1", "NM1.1.2"] == {"kind": "supply", "material": "丙烯腈",
                                             "note": "本地同时有丙烯腈（斯尔邦、卫星）和碳纤维（中复神鹰）"}


def test_validator_reports_wrong_types_instead_of_crashing():
    doc = _doc()
    doc["nodes"][1]["parent"] = ["XX1"]
    doc["nodes"][1]["industry_codes"] = "2614"
    doc["edges"] = [{"from": ["XX1.1"], "to": "XX2.1"}]
    doc["leaders"] = [{"firm": "甲公司", "unit": "海州区", "nodes": "XX1.1", "role": "leading firm"}]
    assert validate_chain_document(doc) == [
        "节点 XX1.1 的行业代码（industry_codes）必须是列表",
        "节点 XX1.1 的上级节点（parent）必须是节点编码或 null",
        "节点 XX1.1 的层级（level）应为 1，实际为 2",
        "第1条供应关系缺少起点（from）或终点（to）",
        "链主企业“甲公司”的 nodes 必须是列表",
    ]


def test_chain_set_reports_an_edge_repeated_in_another_chain():
    first = _doc()
    second = _doc(code="YY", name="第二链", nodes=[{"code": "YY1", "name": "段", "stage": "support"}],
                  edges=[{"from": "XX1.1", "to": "XX2.1"}], leaders=[])
    assert validate_chain_set([first, second]) == ["第二链：供应关系与其他产业链重复：XX1.1 → XX2.1"]
