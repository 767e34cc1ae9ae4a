"""Reading cells the way officers fill them in: dates in every usual form, exact money, yes/no, lists."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from zhaoshang.dataio.cells import CellError, choice, money, parse_date, positive_int, text, yes_no
from zhaoshang.dataio.importers import split_header

EXCEL_DATETIME = datetime(2026, 3, 1, 0, 0)  # noqa: DTZ001 (Excel cells carry no time zone)


@pytest.mark.parametrize("raw", [date(2026, 3, 1), EXCEL_DATETIME, "2026-03-01", "2026-3-1", "2026/3/1",
                                 "2026.3.1", "2026年3月1日", "2026年03月01日", "２０２６－０３－０１", "20260301", 20260301,
                                 46082, "2026-03-01 00:00:00", " 2026/3/1 "])
def test_dates_are_read_in_every_usual_form(raw):
    assert parse_date(raw) == date(2026, 3, 1)


@pytest.mark.parametrize("raw, message", [
    ("2026-02-30", "“2026-02-30”不是存在的日期"),
    ("三月一日", "“三月一日”不是有效日期，请写成 2026-03-01、2026/3/1 或 2026年3月1日"),
    ("2026-3", "“2026-3”不是有效日期，请写成 2026-03-01、2026/3/1 或 2026年3月1日"),
])
def test_a_date_that_cannot_be_read_says_why(raw, message):
    with pytest.raises(CellError) as exc:
        parse_date(raw)
    assert str(exc.value) == message


@pytest.mark.parametrize("raw, factor, expected", [
    (52000, 1, Decimal("52000")),
    ("52,000.5", 1, Decimal("52000.5")),
    ("５２０００", 1, Decimal("52000")),
    (12345.6789, 1, Decimal("12345.6789")),
    (0.1 + 0.2, 1, Decimal("0.3")),  # binary noise of a computed cell is rounded to the yuan
    (5.2, 10000, Decimal("52000")),  # 亿元 → 万元, exactly
    ("0.00015", 10000, Decimal("1.5")),
    (0, 1, Decimal("0")),
])
def test_money_is_exact_decimal_wan(raw, factor, expected):
    value = money()(raw, Decimal(factor))
    assert value == expected and isinstance(value, Decimal)


@pytest.mark.parametrize("raw, message", [
    ("三亿", "“三亿”不是有效金额，请只填数字"),
    ("-5", "不能为负数"),
    ("1.23456", "最多保留 4 位小数"),
    ("5000万元", "“5000万元”请只填数字，单位写在表头（本列单位见表头）"),
    ("1e20", "“1e20”超出允许范围，请核对单位"),
    ("NaN", "“NaN”不是有效金额"),
])
def test_money_that_cannot_be_read_says_why(raw, message):
    with pytest.raises(CellError) as exc:
        money()(raw, Decimal(1))
    assert str(exc.value) == message


def test_yes_no_text_choice_and_integers():
    assert [yes_no(v) for v in ["是", "否", "Y", "n", 1, 0, True, "√", " 是 "]] == [
        True, False, True, False, True, False, True, True, True]
    with pytest.raises(CellError, match="请填“是”或“否”"):
        yes_no("也许")
    stage = choice([("signed", "签约"), ("registered", "注册落地")], {"落地": "registered"})
    assert [stage(v) for v in ["签约", " 注册落地", "signed", "落地"]] == ["signed", "registered", "signed", "registered"]
    with pytest.raises(CellError) as exc:
        stage("已签")
    assert str(exc.value) == "“已签”无法识别，可填：签约、注册落地"
    assert text(5)(123.0) == "123"
    with pytest.raises(CellError, match="超过 5 个字"):
        text(5)("一二三四五六")
    assert positive_int("12") == 12 and positive_int(3.0) == 3
    with pytest.raises(CellError, match="不是非负整数"):
        positive_int("1.5")


@pytest.mark.parametrize("raw, expected", [
    ("总投资（万元）", ("总投资", "万元")),
    ("总投资(亿元)", ("总投资", "亿元")),
    (" 总 投 资 【万元】 ", ("总投资", "万元")),
    ("项目名称*", ("项目名称", "")),
    ("＊项目名称", ("项目名称", "")),
    ("签约日期", ("签约日期", "")),
])
def test_headers_match_whatever_the_typography(raw, expected):
    assert split_header(raw) == expected
