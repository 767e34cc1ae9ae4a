"""Money helpers: amounts are Decimal 万元, shown the way officers write them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

YI = Decimal(10000)  # 1亿元 = 10000万元


def to_wan(value: object) -> Decimal:
    """Parse a 万元 amount from user input or a spreadsheet cell, exactly (floats go through str)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace(",", "").replace("，", "")
    if text.endswith("万元"):
        text = text[:-2]
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"金额格式不正确：{value}") from exc


def format_wan(value: Decimal | int | None) -> str:
    """`1234567.5` → `1,234,567.5`; trailing zeros dropped (4 places is the storage precision)."""
    if value is None:
        return "—"
    d = Decimal(value).quantize(Decimal("0.0001"))
    text = f"{d:,.4f}".rstrip("0").rstrip(".")
    return text


def format_yi(value: Decimal | int | None) -> str:
    """The same amount in 亿元, 2 places: what leaders read."""
    if value is None:
        return "—"
    return f"{(Decimal(value) / YI).quantize(Decimal('0.01')):,}"
