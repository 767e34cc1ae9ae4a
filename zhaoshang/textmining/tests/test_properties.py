"""Property tests: the normaliser and the extractor never raise, and every span is honest."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhaoshang.textmining.extract import extract_document
from zhaoshang.textmining.normalize import decode_bytes, normalize

# words that make the extractors fire, mixed with arbitrary text, so spans are exercised
VOCAB = st.sampled_from(
    [
        "项目",
        "有限公司",
        "集团",
        "总投资",
        "亿元",
        "万元",
        "美元",
        "五十",
        "1.5",
        "3,000",
        "签约",
        "开工",
        "投产",
        "徐圩新区",
        "开发区",
        "连云港",
        "，",
        "。",
        "；",
        "\n",
        "（",
        "）",
        "(jīng)",
        "經",
        "共签约项目",
        "个",
        "其中",
        "分别",
        "前者",
        "后者",
        "该项目",
        "“",
        "”",
        "<p>",
        "</p>",
        "江苏恒瑞医药股份有限公司",
        "碳纤维",
        "超",
        "约",
        "以上",
        "石化产业基地",
        "南通市如东县",
        "比亚迪将",
    ]
)
TEXT = st.one_of(
    st.text(max_size=300), st.lists(st.one_of(VOCAB, st.text(max_size=5)), max_size=60).map("".join)
)


def _spans(evidence: dict) -> list:
    out = []
    for value in evidence.values():
        out.extend(value if isinstance(value, list) else [value])
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extract_never_raises_and_spans_index_the_normalised_text(text: str) -> None:
    result = extract_document(text, doc="h")
    assert result.text == normalize(text)
    evidences = [p.evidence for p in result.projects] + [a.evidence for a in result.aggregates]
    for evidence in evidences:
        for ev in _spans(evidence):
            assert 0 <= ev.start <= ev.end <= len(result.text)
            assert result.text[ev.start : ev.end] == ev.text
    for p in result.projects:
        assert p.amount_wan_cny is None or not isinstance(p.amount_wan_cny, float)
        assert (p.amount_wan_cny is None) or p.currency == "CNY"
    result.to_json()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert (decoded.error is None) or decoded.text == ""
    extract_document(data, doc="b").to_json()


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_normalize_is_idempotent_on_its_output(text: str) -> None:
    once = normalize(text)
    assert isinstance(once, str)
    assert normalize(once, html=False) == once
