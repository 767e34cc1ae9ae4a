"""Properties that must hold for any input: imported files and registry text are untrusted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhaoshang.chains.catalog import validate_chain_document, validate_chain_set
from zhaoshang.chains.classifier import NodeClassifier, clean_scope, normalise

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)
node_like = st.fixed_dictionaries(
    {"code": st.sampled_from(["XX1", "XX1.1", "XX2", "XX1.1.1", "YY1", "", None])},
    optional={
        "name": st.one_of(st.none(), st.text(max_size=4)),
        "parent": st.one_of(st.sampled_from([None, "XX1", "XX1.1", "XX9", "XX2"]), json_values),
        "stage": st.sampled_from(["upstream", "downstream", "x", None]),
        "level": st.integers(-1, 4),
        "keywords": json_values,
        "industry_codes": json_values,
        "alias_of": json_values,
        "see_also": st.lists(st.text(max_size=5), max_size=3),
    },
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values, st.fixed_dictionaries(
    {"code": st.sampled_from(["XX", "xx", "", None]), "name": st.one_of(st.none(), st.text(max_size=3)),
     "nodes": st.lists(node_like, max_size=6),
     "edges": st.one_of(json_values, st.lists(st.dictionaries(
         st.sampled_from(["from", "to", "material"]),
         st.one_of(st.sampled_from(["XX1", "XX2", "ZZ1"]), json_values), max_size=3))),
     "leaders": st.one_of(json_values, st.lists(st.dictionaries(
         st.sampled_from(["firm", "unit", "other_units", "nodes", "role", "buys", "supplies"]),
         st.one_of(st.sampled_from(["XX1", "海州区", "chain leader"]), json_values), max_size=7), max_size=3))})))
def test_validator_returns_chinese_messages_and_never_raises(doc):
    errors = validate_chain_document(doc)
    assert isinstance(errors, list)
    assert all(isinstance(e, str) and e for e in errors)
    assert validate_chain_set([doc, doc]) is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_normalise_is_idempotent_and_cleaning_never_raises(text):
    assert normalise(normalise(text)) == normalise(text)
    assert isinstance(clean_scope(text), str)


_CLF = NodeClassifier().fit()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5), st.one_of(st.none(), st.text(max_size=6)))
def test_predict_returns_one_ranked_list_per_firm(scopes, code):
    preds = _CLF.predict(scopes, [code] * len(scopes))
    assert len(preds) == len(scopes)
    for pred in preds:
        confidences = [p for _, p in pred]
        assert confidences == sorted(confidences, reverse=True)
        assert all(0.0 <= p <= 1.0 for p in confidences)
