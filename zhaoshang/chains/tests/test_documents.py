"""Chain maps in the database: the shipped reference, JSON and Excel import/export, edits."""

from __future__ import annotations

import json

import pytest

from zhaoshang.chains.models import Chain, ChainLeaderProfile, ChainNode, LeaderNeed, SupplyEdge
from zhaoshang.chains.services import (
    ChainImportError,
    chain_export_json,
    chain_export_xlsx,
    chains_import_file,
    chains_load_reference,
    edge_create,
    node_create,
    node_update,
)
from zhaoshang.core.errors import BusinessError
from zhaoshang.firms.models import Firm


def counts():
    return (Chain.objects.count(), ChainNode.objects.count(), SupplyEdge.objects.count(),
            ChainLeaderProfile.objects.count(), LeaderNeed.objects.count(),
            ChainNode.history.count(), SupplyEdge.history.count(), LeaderNeed.history.count())


def test_the_reference_loads_once_and_a_second_load_writes_nothing(chains):
    # given the reference loaded by the fixture
    before = counts()
    assert before[:4] == (3, 180, 109, 38)
    assert list(Chain.objects.values_list("code", "name")) == [("PC", "石化"), ("BP", "生物医药"), ("NM", "新材料")]

    # when it is loaded again
    stats = chains_load_reference(user=chains.user("city_admin"))

    # then nothing changed, not even a history row
    assert set(stats.values()) == {0}
    assert counts() == before


def test_nodes_form_a_tree_with_paths_levels_and_link_rows(chains):
    node = ChainNode.objects.get(code="PC1.2.1")
    assert (node.parent.code, node.level, node.path, node.stage) == ("PC1.2", 3, "/PC1/PC1.2/PC1.2.1/", "upstream")
    link = ChainNode.objects.get(code="NM1.1.1")
    assert link.alias_of.code == "PC2.2.1" and not link.placeable


def test_leaders_are_linked_to_the_firms_already_known_by_normalised_name(chains):
    # the 17 leader firms of the demo reference exist before; the chain documents name them their own way
    hengrui = ChainLeaderProfile.objects.get(chain__code="BP", short_name="恒瑞医药")
    assert hengrui.firm.name == "江苏恒瑞医药股份有限公司" and hengrui.unit.short_name == "市开发区"
    weixing = ChainLeaderProfile.objects.get(short_name="卫星化学")
    assert weixing.firm.name == "连云港石化有限公司"  # matched through its alias 卫星化学（连云港）
    assert Firm.objects.filter(name_key="恒瑞医药").count() == 1
    new = ChainLeaderProfile.objects.get(short_name="德源药业").firm
    assert (new.is_local, new.is_chain_leader, new.city, new.unit.short_name) == (True, True, "连云港市", "市开发区")
    srb = ChainLeaderProfile.objects.get(short_name="斯尔邦")
    assert sorted(srb.needs.filter(direction="buys").values_list("node__code", flat=True)) == ["PC1.1.2", "PC1.1.3"]
    assert not ChainLeaderProfile.objects.get(short_name="奥升德").is_active


def test_a_json_export_edited_and_imported_changes_the_node_with_its_history(chains):
    admin = chains.user("city_admin")
    doc = json.loads(chain_export_json(Chain.objects.get(code="PC")))
    doc["nodes"][[n["code"] for n in doc["nodes"]].index("PC1.1.3")]["name"] = "甲醇（MTO原料）"

    stats = chains_import_file(user=admin, name="pc.json", data=json.dumps(doc, ensure_ascii=False).encode())

    assert stats["nodes"] == 1
    node = ChainNode.objects.get(code="PC1.1.3")
    assert node.name == "甲醇（MTO原料）"
    assert node.history.first().history_user == admin


def test_an_excel_export_imports_back_without_changes(chains):
    before = counts()
    data = chain_export_xlsx(Chain.objects.get(code="NM"))
    stats = chains_import_file(user=chains.user("city_admin"), name="nm.xlsx", data=data)
    assert set(stats.values()) == {0}
    assert counts() == before


def test_an_invalid_document_is_refused_whole_with_every_reason(chains):
    doc = json.loads(chain_export_json(Chain.objects.get(code="BP")))
    doc["nodes"][1]["name"] = "改了名字"
    doc["nodes"][2]["parent"] = "BP9.9"
    doc["nodes"][3]["industry_codes"] = ["27"]
    before = counts()

    with pytest.raises(ChainImportError) as exc:
        chains_import_file(user=chains.user("city_admin"), name="bp.json",
                           data=json.dumps(doc, ensure_ascii=False).encode())

    code2, code3 = doc["nodes"][2]["code"], doc["nodes"][3]["code"]
    assert f"生物医药：节点 {code2} 的上级节点 BP9.9 不存在" in exc.value.errors
    assert f"生物医药：节点 {code3} 的行业代码“27”无效，应为4位数字（GB/T 4754-2017）" in exc.value.errors
    assert exc.value.message.startswith("导入失败，未做任何修改")
    assert counts() == before and not ChainNode.objects.filter(name="改了名字").exists()


def test_files_that_are_not_chain_documents_get_a_chinese_reason(chains):
    admin = chains.user("city_admin")
    with pytest.raises(ChainImportError) as exc:
        chains_import_file(user=admin, name="x.json", data=b"{not json")
    assert exc.value.errors[0].startswith("JSON 文件无法解析")
    with pytest.raises(ChainImportError) as exc:
        chains_import_file(user=admin, name="x.xlsx", data=b"PK no excel")
    assert exc.value.errors == ["文件不是有效的 Excel（.xlsx）文件"]
    with pytest.raises(ChainImportError) as exc:
        chains_import_file(user=admin, name="x.txt", data=b"")
    assert exc.value.errors == ["只支持 .json 或 .xlsx 文件"]


def test_nodes_left_out_of_a_new_version_are_deactivated_not_deleted(chains):
    doc = json.loads(chain_export_json(Chain.objects.get(code="PC")))
    doc["nodes"] = [n for n in doc["nodes"] if n["code"] != "PC3.4.2"]
    doc["edges"] = [e for e in doc["edges"] if "PC3.4.2" not in (e["from"], e["to"])]
    for leader in doc["leaders"]:
        for key in ("nodes", "buys", "supplies"):
            leader[key] = [c for c in leader[key] if c != "PC3.4.2"]

    stats = chains_import_file(user=chains.user("city_admin"), name="pc.json",
                               data=json.dumps(doc, ensure_ascii=False).encode())

    assert stats["deactivated"] == 1
    assert ChainNode.objects.filter(code="PC3.4.2", is_active=False).exists()


def test_only_the_city_admin_maintains_the_chain_map(chains):
    officer = chains.user("xuwei")
    node = ChainNode.objects.get(code="PC1.1.3")
    with pytest.raises(BusinessError) as exc:
        node_update(user=officer, node=node, name="x", stage="upstream", keywords=[], industry_codes=[])
    assert exc.value.status == 403
    assert ChainNode.objects.get(code="PC1.1.3").name == "甲醇"
    with pytest.raises(BusinessError):
        chains_load_reference(user=officer)


def test_node_and_edge_edits_are_checked(chains):
    admin = chains.user("city_admin")
    parent = ChainNode.objects.get(code="PC1.1")
    with pytest.raises(BusinessError, match="行业代码“261”无效"):
        node_update(user=admin, node=parent, name="原料", stage="upstream", keywords=["原油"], industry_codes=["261"])
    with pytest.raises(BusinessError, match="已存在"):
        node_create(user=admin, parent=parent, code="PC1.1.1", name="重复")
    with pytest.raises(BusinessError, match="格式无效"):
        node_create(user=admin, parent=parent, code="BP1.1.9", name="错链")
    child = node_create(user=admin, parent=parent, code="PC1.1.4", name="凝析油", keywords=["凝析油"],
                        industry_codes=["5162"])
    assert (child.level, child.path, child.stage, child.chain.code) == (3, "/PC1/PC1.1/PC1.1.4/", "upstream", "PC")
    edge = edge_create(user=admin, source=child, target=ChainNode.objects.get(code="PC1.2.1"), material="凝析油")
    assert edge.chain.code == "PC"
    with pytest.raises(BusinessError, match="已存在"):
        edge_create(user=admin, source=child, target=ChainNode.objects.get(code="PC1.2.1"))
