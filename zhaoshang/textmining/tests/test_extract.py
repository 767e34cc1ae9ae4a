"""Extraction: projects with evidence, aggregates kept apart, bad input never raising."""

from __future__ import annotations

import json
import time

from zhaoshang.textmining.extract import Evidence, ExtractionResult, extract_document
from zhaoshang.textmining.normalize import ERR_BINARY, ERR_EMPTY, MAX_CHARS

SIGNING = """总投资60亿元 江苏华昇新材料碳纤维复合材料项目签约落户连云港开发区
5月12日上午，连云港经济技术开发区与江苏华昇新材料科技有限公司举行年产5万吨碳纤维复合材料项目签约仪式。该项目总投资60亿元，一期投资25亿元，预计2025年底建成投产，达产后可实现年产值120亿元。"""

AGGREGATE_ONLY = """我市在长三角地区举行重点产业项目云签约活动
4月28日，连云港市长三角地区重点产业项目云签约活动举行，共签约亿元以上项目139个，总投资1184亿元。其中，50亿元以上项目2个，总投资110亿元；10亿元至50亿元项目40个，总投资785亿元。石化、生物医药、新材料项目占比超过七成。"""

MULTI = """徐圩新区一季度重大项目集中签约
3月28日，徐圩新区举行重大项目集中签约仪式，6个项目现场签约，总投资286亿元。其中，江苏虹景新材料有限公司投资120亿元建设年产60万吨POE项目；中化学（连云港）新材料有限公司投资55亿元的年产30万吨己内酰胺项目落户连云港石化产业基地；浙江永盛化纤股份有限公司拟投资2亿美元建设差别化涤纶长丝项目。"""


def project_fields(result: ExtractionResult, *fields: str) -> list[tuple]:
    return [tuple(getattr(p, f) for f in fields) for p in result.projects]


def test_single_signing_project() -> None:
    # given a signing report with the investment, a phase amount and an output value
    result = extract_document(SIGNING, doc="a.txt")
    # then one project with the total investment (not the phase, not the output value)
    assert project_fields(
        result, "name", "companies", "amount_wan_cny", "currency", "stage", "location", "chain"
    ) == [
        (
            "年产5万吨碳纤维复合材料项目",
            ["江苏华昇新材料科技有限公司"],
            600000,
            "CNY",
            "签约",
            "连云港经济技术开发区",
            "新材料",
        )
    ]
    assert result.aggregates == []


def test_aggregate_only_text_gives_no_project() -> None:
    # given a 云签约 report with only totals and size classes
    result = extract_document(AGGREGATE_ONLY)
    # then no project is invented and each total is an aggregate with its own amount
    assert result.projects == []
    assert [(a.count, a.amount_wan_cny, a.stage, a.scope) for a in result.aggregates] == [
        (139, 11840000, "签约", "连云港市"),
        (2, 1100000, "签约", "连云港市"),
        (40, 7850000, "签约", "连云港市"),
    ]


def test_multi_project_document() -> None:
    # given a ceremony report: an aggregate, then three projects with their own firms and sums
    result = extract_document(MULTI)
    # then three projects, each with its own amount, and the aggregate apart
    assert project_fields(
        result, "companies", "amount_wan_cny", "amount_raw", "currency", "location", "chain"
    ) == [
        (["江苏虹景新材料有限公司"], 1200000, "120亿元", "CNY", "徐圩新区", "新材料"),
        (["中化学（连云港）新材料有限公司"], 550000, "55亿元", "CNY", "连云港石化产业基地", "石化"),
        (["浙江永盛化纤股份有限公司"], None, "2亿美元", "USD", "徐圩新区", "石化"),
    ]
    assert {p.stage for p in result.projects} == {"签约"}
    assert [(a.count, a.amount_wan_cny) for a in result.aggregates] == [(6, 2860000)]


def test_traditional_text_with_pinyin_gives_simplified_values() -> None:
    text = "灌雲(yún)縣(xiàn)一季度集中簽(qiān)約(yuē)\n其中，中創(chuàng)碳投科技股份有限公司年產(chǎn)30萬(wàn)噸(dūn)再生塑料項(xiàng)目投資(zī)26.7億(yì)元。"
    result = extract_document(text)
    assert project_fields(result, "companies", "amount_wan_cny", "stage", "location") == [
        (["中创碳投科技股份有限公司"], 267000, "签约", "灌云县")
    ]


def test_respectively_distributes_amounts_in_order() -> None:
    text = "近日，江苏华昌精细化工有限公司电子级化学品项目、连云港润泽新能源科技有限公司储能电站项目开工，分别投资11亿元和4.5亿元。"
    result = extract_document(text)
    assert project_fields(result, "companies", "amount_wan_cny") == [
        (["江苏华昌精细化工有限公司"], 110000),
        (["连云港润泽新能源科技有限公司"], 45000),
    ]


def test_planned_stage_does_not_count() -> None:
    text = "记者获悉，比亚迪将在连云港经济技术开发区投资建设刀片电池生产基地项目，项目计划总投资100亿元，预计明年二季度开工。"
    result = extract_document(text)
    assert project_fields(result, "companies", "amount_wan_cny", "stage") == [(["比亚迪"], 1000000, None)]


def test_every_value_has_its_evidence_span() -> None:
    result = extract_document(SIGNING.encode("gbk"), doc="a.txt")
    ev = result.projects[0].evidence
    amount, stage, location, firms = ev["amount"], ev["stage"], ev["location"], ev["companies"]
    assert isinstance(amount, Evidence) and isinstance(stage, Evidence) and isinstance(location, Evidence)
    assert isinstance(firms, list)
    assert result.text[amount.start : amount.end] == "60亿元" == amount.text
    assert [result.text[e.start : e.end] for e in firms] == ["江苏华昇新材料科技有限公司"]
    assert result.text[stage.start : stage.end] == stage.text
    assert result.text[location.start : location.end] in ("连云港开发区", "连云港经济技术开发区")


def test_json_line_shape() -> None:
    line = json.loads(extract_document(SIGNING.encode("utf-8"), doc="a.txt").to_json())
    assert list(line) == ["doc", "text", "encoding", "projects", "aggregates"]
    assert line["text"]["length"] == len(extract_document(SIGNING).text)
    assert set(line["projects"][0]) == {
        "name",
        "companies",
        "amount_wan_cny",
        "amount_raw",
        "currency",
        "qualifier",
        "industry",
        "chain",
        "location",
        "stage",
        "evidence",
    }
    assert line["projects"][0]["evidence"]["amount"] == {
        "span": line["projects"][0]["evidence"]["amount"]["span"],
        "text": "60亿元",
    }


def test_empty_document_gives_a_chinese_error() -> None:
    for data in (b"", "", "   \n  ", "<html><body></body></html>"):
        result = extract_document(data, doc="e")
        assert (result.error, result.projects, result.aggregates) == (ERR_EMPTY, [], [])


def test_binary_junk_gives_a_chinese_error() -> None:
    result = extract_document(bytes(range(256)) * 100, doc="junk.bin")
    assert (result.error, result.projects) == (ERR_BINARY, [])
    assert json.loads(result.to_json())["error"] == ERR_BINARY


def test_ten_megabyte_text_is_cut_with_a_warning_and_stays_fast() -> None:
    # given 10 MB of text (a paste gone wrong)
    data = ("项目推进情况说明。" * 400_000).encode("utf-8")
    assert len(data) > 10_000_000
    # when it is extracted
    start = time.perf_counter()
    result = extract_document(data, doc="big.txt")
    # then only the first part is analysed, the officer is told, and nothing breaks
    assert time.perf_counter() - start < 15
    assert len(result.text) <= MAX_CHARS
    assert result.warnings == [f"文本过长，只分析了前 {MAX_CHARS} 个字符。"]
    assert result.error is None
