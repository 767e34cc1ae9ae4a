"""The unified social credit code (统一社会信用代码), GB 32100-2015.

Eighteen characters: registration authority (1), organisation kind (1), administrative
division of the registering authority (6), the organisation's identification code (9,
itself GB 11714 with its own check character) and a check character (1). Letters I, O,
Z, S and V are never used, so they cannot be confused with 1, 0, 2, 5 and U.

The API is three functions: `credit_code_is_valid`, `credit_code_error` (a Chinese reason
for forms) and `credit_code_check_char` (to complete 17 characters, e.g. for demo data).
`normalize_credit_code` strips blanks and full-width forms before any check, so what a
user pastes from a licence scan is judged on its characters, not its typography.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "CREDIT_CODE_CHARSET",
    "credit_code_check_char",
    "credit_code_error",
    "credit_code_is_valid",
    "normalize_credit_code",
    "organization_code_check_char",
]

#: The 31 characters of GB 32100-2015, in value order (0–30).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(CREDIT_CODE_CHARSET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

#: Registration authority (first character) → the organisation kinds (second character)
#: it may issue. 9 = market regulation (enterprises 1, sole traders 2, farmer
#: co-operatives 3) is the one firms carry; the others are listed so that a social
#: organisation's or an institution's code is not rejected as malformed.
_AUTHORITY_KINDS: dict[str, str] = {
    "1": "1239",  # 机构编制
    "2": "19",  # 外交
    "3": "1234569",  # 司法行政
    "4": "19",  # 文化
    "5": "1239",  # 民政
    "6": "129",  # 旅游
    "7": "129",  # 宗教
    "8": "19",  # 工会
    "9": "123",  # 市场监管（工商）
    "A": "19",  # 中央军委改革和编制办公室
    "N": "1239",  # 农业
    "Y": "1",  # 其他
}

# GB 11714: the 9-character organisation code inside positions 9–17.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUE = {ch: i for i, ch in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}


def normalize_credit_code(code: str) -> str:
    """Upper-case, half-width, without blanks: the form that is stored and compared."""
    text = unicodedata.normalize("NFKC", code or "")
    return "".join(text.split()).upper()


def credit_code_check_char(first17: str) -> str:
    """The 18th character that completes ``first17`` (GB 32100-2015, 7.3).

    Raises ValueError when ``first17`` is not 17 characters of the code's charset.
    """
    body = normalize_credit_code(first17)
    if len(body) != 17:
        raise ValueError(f"need 17 characters, got {len(body)}")
    try:
        total = sum(_VALUE[ch] * w for ch, w in zip(body, _WEIGHTS, strict=True))
    except KeyError as exc:
        raise ValueError(f"character {exc.args[0]!r} is not in the credit-code charset") from None
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def organization_code_check_char(first8: str) -> str:
    """The 9th character of a GB 11714 organisation code ('0'–'9' or 'X')."""
    body = normalize_credit_code(first8)
    if len(body) != 8 or any(ch not in _ORG_VALUE for ch in body):
        raise ValueError("need 8 characters of 0-9 or A-Z")
    check = 11 - sum(_ORG_VALUE[ch] * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def credit_code_error(code: str, *, check_organization_code: bool = False) -> str | None:
    """Why ``code`` is not a valid credit code, in Chinese for the form; None when it is.

    The check character alone catches every single-character typo and every swap of two
    neighbours, which is what a form needs. The embedded organisation code's own check
    (``check_organization_code``) is off by default: codes of sole traders and some
    institutions were not always issued with it, and a false refusal blocks real work.
    """
    text = normalize_credit_code(code)
    if not text:
        return "请填写统一社会信用代码"
    if len(text) != 18:
        return f"统一社会信用代码应为18位，当前为{len(text)}位"
    for position, ch in enumerate(text, start=1):
        if ch not in _VALUE:
            hint = "（代码不使用字母 I、O、Z、S、V）" if ch in "IOZSV" else ""
            return f"第{position}位“{ch}”不是统一社会信用代码允许的字符{hint}"
    kinds = _AUTHORITY_KINDS.get(text[0])
    if kinds is None:
        return f"第1位登记管理部门代码“{text[0]}”无效"
    if text[1] not in kinds:
        return f"第2位机构类别代码“{text[1]}”与登记管理部门代码“{text[0]}”不匹配"
    if not text[2:8].isdigit():
        return "第3—8位应为6位数字的登记管理机关行政区划码"
    if check_organization_code:
        org_check = organization_code_check_char(text[8:16])
        if text[16] != org_check:
            return f"第9—17位主体标识码校验不通过（第17位应为“{org_check}”）"
    expected = credit_code_check_char(text[:17])
    if text[17] != expected:
        return f"校验位（第18位）应为“{expected}”，实际为“{text[17]}”，请核对是否录入有误"
    return None


def credit_code_is_valid(code: str, *, check_organization_code: bool = False) -> bool:
    """True when ``code`` (after blank and full-width clean-up) is a well-formed credit code."""
    return credit_code_error(code, check_organization_code=check_organization_code) is None
