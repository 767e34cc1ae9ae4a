"""The review page's marked-up text: every value from its span, nested spans, escaping."""

from __future__ import annotations

from zhaoshang.textmining.highlight import Mark, highlight_html, marks_from


def test_each_value_is_marked_with_its_kind_and_the_name_underlined():
    text = "A公司建设碳纤维项目，投资5亿元。"
    project = {
        "evidence": {
            "name": {"span": [5, 10], "text": "碳纤维项目"},
            "companies": [{"span": [0, 3], "text": "A公司"}],
            "chain": {"span": [5, 8], "text": "碳纤维"},
            "amount": {"span": [13, 16], "text": "5亿元"},
        }
    }
    html = highlight_html(text, marks_from([project], []))
    assert html == (
        '<mark class="hl hl-company" data-testid="hl-company" title="项目1·投资企业">A公司</mark>建设'
        '<mark class="hl hl-chain hl-name" data-testid="hl-chain" title="项目1·项目名称、项目1·产业链/行业">碳纤维</mark>'
        '<span class="hl-name" title="项目1·项目名称">项目</span>，投资'
        '<mark class="hl hl-amount" data-testid="hl-amount" title="项目1·金额">5亿元</mark>。'
    )


def test_aggregates_are_marked_apart_and_text_is_escaped():
    text = "<b>共签约项目46个</b>"
    html = highlight_html(
        text, marks_from([], [{"evidence": {"count": {"span": [6, 11], "text": "项目46个"}}}])
    )
    assert html == (
        '&lt;b&gt;共签约<mark class="hl hl-aggregate" data-testid="hl-aggregate" title="汇总1">项目46个</mark>'
        "&lt;/b&gt;"
    )


def test_a_firm_shared_by_two_projects_is_one_mark_and_bad_spans_are_ignored():
    marks = [
        Mark(0, 2, "company", "项目1·投资企业"),
        Mark(0, 2, "company", "项目2·投资企业"),
        Mark(5, 99, "stage", "x"),
    ]
    assert highlight_html("盛虹签约了", marks) == (
        '<mark class="hl hl-company" data-testid="hl-company" title="项目1·投资企业、项目2·投资企业">盛虹</mark>签约了'
    )
    assert highlight_html("", []) == ""
