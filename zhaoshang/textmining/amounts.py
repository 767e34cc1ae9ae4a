"""Money amounts in Chinese text: 五十亿元, 1.5亿元, 3,000万元, 超百亿元, 2亿美元.

Values are exact Decimals (never float). CNY is normalised to 万元; other currencies keep
their currency and get no 万元 value, so nothing is converted silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CURRENCIES: dict[str, str] = {
    "元人民币": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "美元": "USD",
    "美金": "USD",
    "欧元": "EUR",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "韩元": "KRW",
    "英镑": "GBP",
    "新台币": "TWD",
    "卢布": "RUB",
    "澳元": "AUD",
    "加元": "CAD",
    "新加坡元": "SGD",
    "新元": "SGD",
    "瑞士法郎": "CHF",
    "法郎": "CHF",
}
MULTIPLIERS: dict[str, int] = {
    "万亿": 10**12,
    "千亿": 10**11,
    "百亿": 10**10,
    "十亿": 10**9,
    "亿": 10**8,
    "千万": 10**7,
    "百万": 10**6,
    "十万": 10**5,
    "万": 10**4,
    "千": 10**3,
}
# qualifier as written → the flag we report
QUALIFIERS: dict[str, str] = {
    "不超过": "以下",
    "不高于": "以下",
    "突破": "超",
    "超过": "超",
    "超": "超",
    "逾": "逾",
    "近": "近",
    "将近": "近",
    "接近": "近",
    "约": "约",
    "约为": "约",
    "大约": "约",
    "约合": "约",
    "左右": "约",
    "达": "达",
    "高达": "达",
    "达到": "达",
    "共计": "达",
    "合计": "达",
    "余": "余",
    "多": "多",
    "以上": "以上",
    "以下": "以下",
    "以内": "以下",
    "不低于": "以上",
    "不少于": "以上",
}

_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUM = rf"[{_CN_DIGITS}十百千]+(?:点[{_CN_DIGITS}]+)?"
_AR_NUM = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# a currency written before the number: 港币25亿元, 美元5000万, US$2亿, RMB 3亿元
PREFIX_CURRENCIES: dict[str, str] = {
    "人民币": "CNY",
    "RMB": "CNY",
    "港币": "HKD",
    "港元": "HKD",
    "HK$": "HKD",
    "美元": "USD",
    "美金": "USD",
    "USD": "USD",
    "US$": "USD",
    "$": "USD",
    "欧元": "EUR",
    "EUR": "EUR",
    "€": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "新台币": "TWD",
}

AMOUNT_RE = re.compile(
    rf"(?P<qpre>{_alt(k for k in QUALIFIERS if k not in ('余', '多', '左右', '以上', '以下'))})?"
    rf"(?:(?P<curpre>{_alt(PREFIX_CURRENCIES)})[ ]?)?"
    rf"(?P<num>{_AR_NUM}|{_CN_NUM})"
    r"(?P<qmid>余|多)?"
    rf"(?P<mult>{_alt(MULTIPLIERS)})?"
    r"(?P<qmid2>余|多)?"
    rf"(?P<cur>{_alt(CURRENCIES)})?"
    r"(?P<qpost>以上|以下|以内|左右)?"
)
# after a bare multiplier (50亿, no 元) only these may follow; otherwise it is 50亿支, 1万吨, 千亿级 …
_BARE_OK_NEXT = set("的以左、和与及建打新在用实投规资，。；：,.;:）)”’ \n主其计并将已")


@dataclass(frozen=True, slots=True)
class Amount:
    start: int
    end: int
    text: str
    value: Decimal  # in units of the currency (元, 美元 …)
    currency: str  # ISO code
    qualifier: str | None
    bare: bool  # no currency word: "50亿"
    wan_cny: int | Decimal | None = None  # value in 万元 CNY, an int when whole; None for other currencies
    #: a range (50-80亿元) is read as its lower bound with 以上; this is the upper bound
    range_high: Decimal | None = None


def _wan(value: Decimal, currency: str) -> int | Decimal | None:
    if currency != "CNY":
        return None
    wan = value.scaleb(-4)
    return int(wan) if wan == wan.to_integral_value() else wan.normalize()


def parse_number(token: str) -> Decimal | None:
    """'3,000' / '1.5' / '五十' / '一百二十' / '百' / '五十六点八' → Decimal; None if not a number."""
    token = token.replace(",", "")
    if not token:
        return None
    if token[0].isdigit():
        try:
            return Decimal(token)
        except InvalidOperation:
            return None
    integer, _, decimals = token.partition("点")
    whole = _cn_integer(integer) if integer else 0
    if whole is None:
        return None
    if decimals:
        return Decimal(f"{whole}." + "".join(_DIGIT_VALUE[c] for c in decimals))
    return Decimal(whole)


_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}


def _cn_integer(text: str) -> int | None:
    """一百二十 → 120, 两千 → 2000, 百 → 100; odd forms go to cn2an (imported only then: 0.5 s)."""
    section, digit, seen_digit = 0, 0, False
    for ch in text:
        if ch in _DIGIT_VALUE:
            if seen_digit and ch not in "零〇":
                break  # 二三: not a plain numeral, let cn2an judge
            digit, seen_digit = int(_DIGIT_VALUE[ch]), ch not in "零〇"
        elif ch in _UNIT_VALUE:
            section += (digit if seen_digit else 1) * _UNIT_VALUE[ch]
            digit, seen_digit = 0, False
        else:
            return None
    else:
        return section + digit
    try:
        import cn2an

        return int(cn2an.cn2an(text, "smart"))
    except Exception:  # noqa: BLE001 - cn2an raises plain ValueError/KeyError on odd input
        return None


_DIGIT_VALUE = {
    "零": "0",
    "〇": "0",
    "一": "1",
    "二": "2",
    "两": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in the text, left to right."""
    out: list[Amount] = []
    for m in AMOUNT_RE.finditer(text):
        mult, cur, pre = m.group("mult"), m.group("cur"), m.group("curpre")
        if not mult and not cur:
            continue
        if pre and pre in ("$", "€") and not mult:
            continue  # $5: a price, not an investment
        num_text = m.group("num")
        start = m.start()
        # a number glued to letters or digits before it is a code (5G, A3), not an amount
        if (
            start > 0
            and m.start("num") == start
            and (text[start - 1].isascii() and text[start - 1].isalnum())
        ):
            continue
        if cur is None and not pre:
            if mult not in ("亿", "万亿", "千亿", "百亿", "十亿", "万", "千万", "百万"):
                continue
            nxt = text[m.end() : m.end() + 1]
            if nxt and nxt not in _BARE_OK_NEXT:
                continue
            if mult in ("万", "千万", "百万") and not _money_context(text, start):
                continue  # 3000万 alone is as often 人次 or 平方米 as it is money
        elif cur == "元" and not mult and num_text and not num_text[0].isdigit() and len(num_text) == 1:
            continue  # 一元化, 二元 …: words, not money
        if pre and PREFIX_CURRENCIES[pre] != "CNY":
            currency = PREFIX_CURRENCIES[pre]  # 港币25亿元: the 元 is the Hong Kong dollar's
        elif cur in ("元人民币", "人民币", "元") or cur is None:
            currency = "CNY"
        else:
            currency = CURRENCIES[cur]
        if cur == "人民币" and mult is None:
            continue
        value = parse_number(num_text)
        if value is None:
            continue
        value *= MULTIPLIERS.get(mult or "", 1)
        qual_raw = m.group("qpre") or m.group("qmid") or m.group("qmid2") or m.group("qpost")
        end = m.end()
        out.append(
            Amount(
                start=start,
                end=end,
                text=text[start:end],
                value=value,
                currency=currency,
                qualifier=QUALIFIERS.get(qual_raw) if qual_raw else None,
                bare=cur is None and not pre,
                wan_cny=_wan(value, currency),
            )
        )
    return _ranges(text, out)


_RANGE_LOW = re.compile(
    rf"(?P<num>{_AR_NUM}|{_CN_NUM})(?P<mult>{_alt(MULTIPLIERS)})?(?P<cur>{_alt(CURRENCIES)})?[ ]?[-–—~～至到][ ]?$"
)


def _ranges(text: str, amounts: list[Amount]) -> list[Amount]:
    """50-80亿元, 50亿元至80亿元: one amount, its lower bound (以上), spanning both numbers."""
    out: list[Amount] = []
    for a in amounts:
        m = _RANGE_LOW.search(text, max(0, a.start - 14), a.start)
        low = parse_number(m.group("num")) if m else None
        if m is None or low is None or (m.start() > 0 and text[m.start() - 1].isdigit()):
            out.append(a)
            continue
        high_mult = a.value / parse_number(AMOUNT_RE.match(text, a.start).group("num") or "1")  # type: ignore[union-attr, operator]
        value = low * (MULTIPLIERS[m.group("mult")] if m.group("mult") else high_mult)
        if value >= a.value or value <= 0:
            out.append(a)
            continue
        while out and out[-1].end > m.start():
            out.pop()  # "50亿元" of "50亿元-80亿元" was read on its own
        out.append(
            Amount(
                start=m.start(),
                end=a.end,
                text=text[m.start() : a.end],
                value=value,
                currency=a.currency,
                qualifier="以上",
                bare=a.bare,
                wan_cny=_wan(value, a.currency),
                range_high=a.value,
            )
        )
    return out


_MONEY_CUES = ("投资", "资金", "出资", "资本", "金额", "投入", "人民币", "融资", "募集")


def _money_context(text: str, start: int) -> bool:
    window = text[max(0, start - 8) : start]
    return any(c in window for c in _MONEY_CUES)
