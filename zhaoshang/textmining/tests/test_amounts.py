"""Money amounts: Chinese numerals, units, qualifiers, currencies; 万元 as exact numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhaoshang.textmining.amounts import find_amounts, parse_number


def one(text: str):
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "wan"),
    [
        ("总投资五十亿元", 500000),
        ("总投资1.5亿元", 15000),
        ("投资3000万元", 3000),
        ("投资3,000万元", 3000),
        ("一百二十亿元", 1200000),
        ("902.7亿元", 9027000),
        ("五十六点八亿元", 568000),
        ("人民币3亿元", 30000),
        ("28亿元人民币", 280000),
        ("总投资约50亿，", 500000),
        ("1.2万亿元", 120000000),
        ("投资3000万建设", 3000),
        ("投资500万元", 500),
        ("投资5000元", Decimal("0.5")),
    ],
)
def test_cny_amounts_in_wan_yuan(text: str, wan: int | Decimal) -> None:
    amount = one(text)
    assert amount.currency == "CNY"
    assert amount.wan_cny == wan
    assert not isinstance(amount.wan_cny, float)


def test_foreign_currency_is_kept_and_not_converted() -> None:
    amount = one("拟投资2亿美元")
    assert (amount.currency, amount.value, amount.wan_cny, amount.text) == (
        "USD",
        Decimal(200000000),
        None,
        "2亿美元",
    )


@pytest.mark.parametrize(
    ("text", "currency"),
    [("5亿欧元", "EUR"), ("100亿日元", "JPY"), ("3亿港元", "HKD"), ("8000万美元", "USD")],
)
def test_other_currencies(text: str, currency: str) -> None:
    assert one(text).currency == currency
    assert one(text).wan_cny is None


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("超百亿元", "超"),
        ("超过20亿元", "超"),
        ("近50亿元", "近"),
        ("约3.2亿美元", "约"),
        ("逾10亿元", "逾"),
        ("达9.6亿元", "达"),
        ("50余亿元", "余"),
        ("30多亿元", "多"),
        ("10亿元以上", "以上"),
        ("不超过50亿元", "以下"),
        ("5亿元左右", "约"),
    ],
)
def test_qualifiers_are_flagged(text: str, flag: str) -> None:
    assert one(text).qualifier == flag


def test_qualified_amount_keeps_its_value() -> None:
    assert one("超百亿元").wan_cny == 1000000


@pytest.mark.parametrize(
    "text", ["年产30万吨", "千亿级产业集群", "5000万平方米", "年产2亿支", "一元化管理", "营收增长5G", "20GWh"]
)
def test_quantities_that_are_not_money(text: str) -> None:
    assert find_amounts(text) == []


def test_numbers() -> None:
    assert parse_number("一百二十") == 120
    assert parse_number("百") == 100
    assert parse_number("两千") == 2000
    assert parse_number("3,000") == 3000
    assert parse_number("五十六点八") == Decimal("56.8")
    assert parse_number("数十") is None
