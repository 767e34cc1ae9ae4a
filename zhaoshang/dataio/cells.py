"""Reading one spreadsheet cell the way officers fill it in, with a Chinese reason when it can't be read.

Each parser takes the raw cell value (never None or blank: the pipeline handles empty cells) and
returns the cleaned value or raises ``CellError``. Money is exact Decimal 万元 (through
``core.money.to_wan``), dates are real dates whatever way they were typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from zhaoshang.core.money import to_wan


class CellError(ValueError):
    """A cell that cannot be read; the message (Chinese) names the problem, not the column."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def fold(text: str) -> str:
    """Half-width, no blanks: how two spellings of the same name are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def as_text(value: object) -> str:
    """A cell as text: 123.0 (a number typed into a text column) reads as "123"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def text(max_length: int) -> Callable[[object, Decimal], str]:
    def parse(value: object, factor: Decimal = Decimal(1)) -> str:
        result = as_text(value)
        if len(result) > max_length:
            raise CellError(f"超过 {max_length} 个字")
        return result
    return parse


_DATE_PATTERNS = [
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
]
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object, factor: Decimal = Decimal(1)) -> date:
    """Excel date cells, 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日, 20260301, or an Excel serial number."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # a date cell that lost its format: days since 1899-12-30
            return _EXCEL_EPOCH + timedelta(days=int(value))
        if isinstance(value, int) or float(value).is_integer():
            value = str(int(value))  # 20260301 typed as a number
    raw = unicodedata.normalize("NFKC", str(value)).strip()
    raw = raw.split(" ")[0] if re.fullmatch(r"\S+ \d{1,2}:\d{2}(:\d{2})?", raw) else raw
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(raw)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise CellError(f"“{raw}”不是存在的日期") from None
    raise CellError(f"“{raw}”不是有效日期，请写成 2026-03-01、2026/3/1 或 2026年3月1日")


def money(places: int = 4, digits: int = 16) -> Callable[[object, Decimal], Decimal]:
    """An amount ≥ 0, exact; ``factor`` converts the file's unit (亿元 → ×10000 万元)."""
    quantum = Decimal(1).scaleb(-places)
    limit = Decimal(10) ** (digits - places)

    def parse(value: object, factor: Decimal = Decimal(1)) -> Decimal:
        if isinstance(value, bool):
            raise CellError("不是有效金额")
        raw = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value
        if isinstance(raw, str):
            for suffix in ("万美元", "亿元", "万元", "元"):
                if raw.endswith(suffix):
                    raise CellError(f"“{raw}”请只填数字，单位写在表头（本列单位见表头）")
        try:
            amount = to_wan(raw) * factor
        except ValueError:
            raise CellError(f"“{as_text(value)}”不是有效金额，请只填数字") from None
        if not amount.is_finite():
            raise CellError(f"“{as_text(value)}”不是有效金额")
        if amount < 0:
            raise CellError("不能为负数")
        if amount != amount.quantize(quantum, rounding=ROUND_HALF_UP):
            if isinstance(value, float):  # binary noise of a computed Excel cell
                amount = amount.quantize(quantum, rounding=ROUND_HALF_UP)
            else:
                raise CellError(f"最多保留 {places} 位小数")
        if amount >= limit:
            raise CellError(f"“{as_text(value)}”超出允许范围，请核对单位")
        return amount.quantize(quantum)
    return parse


def positive_int(value: object, factor: Decimal = Decimal(1)) -> int:
    try:
        number = Decimal(as_text(value).replace(",", ""))
    except ArithmeticError:
        raise CellError(f"“{as_text(value)}”不是整数") from None
    if number != number.to_integral() or number < 0:
        raise CellError(f"“{as_text(value)}”不是非负整数")
    return int(number)


_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "保密"}
_FALSE = {"否", "n", "no", "false", "0", "×", "不保密"}


def yes_no(value: object, factor: Decimal = Decimal(1)) -> bool:
    if isinstance(value, bool):
        return value
    word = fold(as_text(value)).lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise CellError(f"“{as_text(value)}”请填“是”或“否”")


def choice(options: Iterable[tuple[str, str]], synonyms: dict[str, str] | None = None,
           ) -> Callable[[object, Decimal], str]:
    """A value from a list: the Chinese label (or the code, or a listed synonym) gives the code."""
    options = list(options)
    lookup = {fold(label): code for code, label in options}
    lookup.update({fold(code): code for code, _ in options})
    lookup.update({fold(word): code for word, code in (synonyms or {}).items()})
    allowed = "、".join(label for _, label in options)

    def parse(value: object, factor: Decimal = Decimal(1)) -> str:
        code = lookup.get(fold(as_text(value)))
        if code is None:
            raise CellError(f"“{as_text(value)}”无法识别，可填：{allowed}")
        return code
    return parse
