"""Small extractors, one per kind of value, each returning mentions with spans.

An extractor takes the normalised document (and what earlier extractors found) and returns
:class:`Mention` objects; assembling them into projects and aggregates is done separately in
:mod:`zhaoshang.textmining.extract`. New kinds are added by registering another class.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from . import lexicon as lx
from .amounts import Amount, find_amounts

CJK = r"\u3400-\u9fff"
HARD_BOUNDARY = frozenset('，。；：、！？!?;:,\n“”"‘’《》【】[]<>|/\t ')
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
CLAUSE_END = re.compile(r"[，：]|[,:](?!\d)(?! ?[A-Za-z])")  # not 3,000, 10:30 or "Chemicals, Inc."


@dataclass(slots=True)
class Mention:
    """A value found in the text: kind, span in the normalised text, parsed value."""

    kind: str
    start: int
    end: int
    text: str
    value: Any = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Doc:
    """The normalised text plus document-wide facts extractors need."""

    text: str
    about_lyg: bool = False

    @classmethod
    def build(cls, text: str) -> Doc:
        return cls(text=text, about_lyg=any(m in text for m in lx.LYG_MARKERS))


Found = Mapping[str, list[Mention]]


class Extractor:
    """Base class: ``find`` returns the mentions of one kind."""

    kind: ClassVar[str]

    def find(self, doc: Doc, found: Found) -> list[Mention]:  # pragma: no cover - interface
        raise NotImplementedError


REGISTRY: list[type[Extractor]] = []


def register(cls: type[Extractor]) -> type[Extractor]:
    REGISTRY.append(cls)
    return cls


def run_extractors(doc: Doc) -> dict[str, list[Mention]]:
    """Run every registered extractor in order; later ones see earlier results."""
    found: dict[str, list[Mention]] = {}
    for cls in REGISTRY:
        found.setdefault(cls.kind, []).extend(_instance(cls).find(doc, found))
    return found


_INSTANCES: dict[type[Extractor], Extractor] = {}


def _instance(cls: type[Extractor]) -> Extractor:
    if cls not in _INSTANCES:
        _INSTANCES[cls] = cls()
    return _INSTANCES[cls]


class Spans:
    """Mentions sorted by start, so range questions cost O(log n) and long texts stay linear."""

    __slots__ = ("items", "starts", "longest")

    def __init__(self, items: Iterable[Mention] = ()) -> None:
        self.items: list[Mention] = sorted(items, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.items]
        self.longest = max((m.end - m.start for m in self.items), default=0)

    def add(self, m: Mention) -> None:
        i = bisect_right(self.starts, m.start)
        self.items.insert(i, m)
        self.starts.insert(i, m.start)
        self.longest = max(self.longest, m.end - m.start)

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside [start, end)."""
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.starts[i] < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return out

    def overlapping(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self.starts, start - self.longest)
        out = []
        while i < len(self.items) and self.starts[i] < end:
            if self.items[i].end > start:
                out.append(self.items[i])
            i += 1
        return out

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))

    def __len__(self) -> int:
        return len(self.items)


def _overlaps(pos: int, end: int, spans: Spans | list[Mention]) -> bool:
    if isinstance(spans, Spans):
        return spans.overlaps(pos, end)
    return any(m.start < end and pos < m.end for m in spans)


_TIME_WORDS = r"今天|昨天|明天|前天|上午|下午|晚上|日前|近日|当天|当日|今年|去年|明年|季度|上半年|下半年|年度|年初|年底|年末|\d+[年月日号]|^[年月日号]$"
_TIME_TOKEN = re.compile(_TIME_WORDS + r"|^\d+$")
_TIME_TOKEN_NAME = re.compile(_TIME_WORDS)
_TITLE_TOKEN = re.compile(
    r"书记|市长|区长|县长|主任|局长|部长|主席|董事长|总经理|总裁|省长|委员|常委|负责人|代表|记者|秘书长"
)


def _left_tokens(text: str, start: int, limit: int, stop: Callable[[list[str], int], bool]) -> int:
    return _left_walk(text, start, limit, stop)[0]


def _left_walk(
    text: str, start: int, limit: int, stop: Callable[[list[str], int], bool]
) -> tuple[int, list[str]]:
    """:func:`_walk` on a short window first (segmenting is the costly part), the full one if needed."""
    short = min(limit, 14)
    left, tokens = _walk(text, start, short, stop)
    if short < limit and left <= start - short + 1 and start - short > 0:
        return _walk(text, start, limit, stop)  # the name may go on: walk the whole window
    return left, tokens


def _walk(text: str, start: int, limit: int, stop: Callable[[list[str], int], bool]) -> tuple[int, list[str]]:
    """Walk left from ``start`` over jieba tokens until a boundary; return the new start.

    Hard punctuation ends the walk; a balanced (…) / （…） just before is kept, so
    巴斯夫（中国）有限公司 stays whole. ``stop(tokens_right_to_left, i)`` decides the rest.
    """
    lo = max(0, start - limit)
    j = start
    while j > lo:
        c = text[j - 1]
        if c in "）)":
            k = max(text.rfind("（", lo, j - 1), text.rfind("(", lo, j - 1))
            if k < 0 or j - k > 12 or any(ch in HARD_BOUNDARY for ch in text[k + 1 : j - 1]):
                break
            j = k
            continue
        if c in HARD_BOUNDARY or c in "（(":
            break
        j -= 1
    segment = text[j:start]
    if not segment:
        return start, []
    tokens = list(lx.tokenizer().cut(segment, HMM=False))
    kept = 0
    rev = tokens[::-1]
    n = 0
    for i, tok in enumerate(rev):
        if stop(rev, i):
            break
        kept += len(tok)
        n = i + 1
    return start - kept, tokens[len(tokens) - n :]


# --- firms --------------------------------------------------------------------------------

_SUFFIX_RE = re.compile(lx.alternation(lx.ORG_SUFFIXES))
_ALIAS_RE = re.compile(r"(?:以下)?(?:简称|下称)[:：]?[“\"‘]([^”\"’]{1,12})[”\"’]")
_STOCK_NAME_RE = re.compile(r"(?:证券|股票)简称[:：]\s*([^\s，。；,]{2,8})")
# a short name with its stock code, as financial news cites a listed firm: 恩捷股份（002812）,
# 宁德时代(300750.SZ), 中国旭阳集团（股份代号：1907）
_STOCK_CODE_RE = re.compile(
    rf"(?:^|(?<=[，。；：、\n“”与和及由]))(?P<name>[{CJK}A-Za-z]{{2,8}})[（(]\s*(?:(?:股票|证券)代码|股份代号)?[:：]?\s*"
    r"(?:\d{6}(?:\.(?:SH|SZ|BJ))?|\d{4,5}(?:\.HK)?|[0-9]{4,6}\.(?:HK|SH|SZ))\s*[）)]"
)
_GENERIC_BRANDS = frozenset(
    """产业 行业 企业 高端 绿色 精细 石油 现代 新型 先进 重点 全市 我市 生物 化学 医药 特色 传统 优势 新兴 战略性 相关 上下游 配套 民营
    外资 本土 龙头 骨干 智能 数字 循环 低碳 清洁 海洋 临港 港口 科技 技术 大型 中小 该 本 其 这家 一家 国内 国际 全球 中国 江苏 省内
    市内 区内 县内 园区 开发区 新区 高新 光伏 能源 材料 化工 医疗 健康 装备 电子 信息 汽车 钢铁 纺织 食品 物流 金融 投资 招商
    制造 生产 研发 创新 民族 国有 地方 社会 工业 农业 服务 商业 该公司 公司 集团 企业集团 合资 独资 子 分 母 上市 控股 参股 多家
    各 上述 下游 上游 中游 新 老 大 小 原 现 专业 知名 头部 优质 化学原料 原料""".split()
)
_SUBJECT_NEXT = (
    "与",
    "和",
    "同",
    "、",
    "将",
    "拟",
    "计划",
    "投资",
    "签约",
    "签署",
    "在",
    "于",
    "总投资",
    "牵头",
    "宣布",
    "公告",
    "联合",
    "携手",
    "共同",
    "正式",
    "成功",
    "已",
    "等",
    "董事长",
    "总经理",
    "总裁",
    "负责人",
    "落户",
    "布局",
    "新建",
    "建设",
    "扩建",
    "增资",
    "出资",
)
# a short form is an industry ending right before a subject cue (荣泰科技将…, 与恒瑞医药签约);
# its brand is found by the same left walk as full names, and must start after a boundary
_SHORT_END_RE = re.compile(
    rf"(?<=[{CJK}A-Za-z])(?P<end>{lx.alternation(lx.SHORT_FORM_ENDINGS)})(?=(?:{'|'.join(_SUBJECT_NEXT)}))"
)
_STRONG_NEXT = (
    "与",
    "将",
    "拟",
    "计划",
    "投资",
    "签约",
    "签署",
    "总投资",
    "宣布",
    "公告",
    "落户",
    "新建",
    "投建",
    "增资",
    "出资",
    "牵头",
    "董事长",
    "总经理",
    "总裁",
)
_SHORT_BEFORE = frozenset("，。；：、\n“”与和同由及是就对在将了：: ")


_REFERENCE_TAIL = re.compile(
    r"(?:^|的|其|该|之|本|这家|一家|上市|合资|项目)(?:子|分|孙|母)?$|(?:全资|控股|下属|所属|旗下|参股)(?:子|分|孙)$"
)


_PLACE_HEAD = re.compile(
    "^(?:"
    + "|".join(
        re.escape(p) for p in sorted({*lx.PROVINCES, *lx.CITIES, "中国", "连云港"}, key=len, reverse=True)
    )
    + ")[省市]?"
)
_INDUSTRY_TAIL = re.compile(
    "(?:"
    + "|".join(
        re.escape(w)
        for w in sorted(
            set(lx.SHORT_FORM_ENDINGS)
            | {"生物技术", "新材料科技", "技术", "智能装备", "光电科技", "汽车电子"},
            key=len,
            reverse=True,
        )
    )
    + ")+$"
)


_NAME_ENDINGS = tuple(
    w for w in lx.SHORT_FORM_ENDINGS if w not in ("投资", "资本", "基金", "银行", "智能", "制造")
)
_ENDING_AT = re.compile(lx.alternation(_NAME_ENDINGS))
_ENDS_WITH_ENDING = re.compile(f"(?:{lx.alternation(lx.SHORT_FORM_ENDINGS)})$")
_AFTER_ENDING = re.compile(rf"[，。；：、\n“”（(]|年产|\d|(?:{'|'.join(_STRONG_NEXT)})")


@lru_cache(maxsize=64)
def _known_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(lx.alternation(names))


def _brand_of(full: str) -> str | None:
    """The trade name inside a registered name, which news uses on later mentions:
    天津华海清科集团有限公司 → 华海清科, 上海凯赛生物技术股份有限公司 → 凯赛."""
    m = _SUFFIX_RE.search(full)
    core = full[: m.start()] if m else full
    core = re.sub(r"[（(][^）)]*[）)]$", "", core)
    core = _PLACE_HEAD.sub("", core)
    brand = _INDUSTRY_TAIL.sub("", core)
    if not 2 <= len(brand) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in brand):
        return None
    if lx.tokenizer().FREQ.get(brand, 0) >= 2000 or brand in _GENERIC_BRANDS or brand in _chain_words():
        return None  # 中国, 国际, 东方: too common to stand for one firm
    return brand


def _abbreviates(short: str, full: str) -> bool:
    """Every character of the short form appears, in order, in the full name."""
    pos = 0
    for ch in short:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


# function characters that end a name when jieba leaves them on their own
_ORG_STOP_CHARS = frozenset("的了着与和及同由为是在于对向把被将让使从自经据等并且或又也都就已")
_CONJ = frozenset("和与及同")
# words that are part of registered names even though they are ordinary words (XX投资集团)
_ORG_BODY = frozenset(
    """投资 发展 建设 科技 实业 控股 管理 贸易 能源 新能源 材料 新材料 化工 医药 生物 制药 电子 机械 产业 开发 环保 技术 工程
    物流 置业 企业 运营 国际 中国 股份 工业 石化 化学 药业 重工 电气 智能 精工 新能 光电 海洋 航运 港口 资源 矿业 钢铁 纺织""".split()
)


_SERVICE_LEFT = frozenset(
    "科技 技术 信息 管理 咨询 物流 商务 金融 数据 供应链 医疗 健康 环境 能源 工程 企业 综合 物业 人力资源 投资 生物科技 港口 航运 检测".split()
)


def _org_stop(rev: list[str], i: int) -> bool:
    tok = rev[i]
    if tok in _ORG_BODY:
        return False
    if tok == "服务" and i + 1 < len(rev) and rev[i + 1] in _SERVICE_LEFT:
        return False  # 生物科技服务控股有限公司: 服务 is part of the name after 科技/技术/物流 …
    if len(tok) == 1:
        if tok in _CONJ and _brand_char(rev, i + 1):
            return False  # 日本/东/和/精工: jieba split an unknown brand, the 和 is part of it
        if not tok.isalnum() and tok not in "·&-（）()":
            return True  # "1." of a numbered list, a stray symbol
        if tok in "年月日号":  # 18日 ends a name; 日升光电, 月星 are names
            nxt = rev[i + 1] if i + 1 < len(rev) else ""
            return (
                not nxt
                or nxt[-1:].isdigit()
                or nxt[-1:] in "零〇一二两三四五六七八九十廿卅"
                or nxt in _ORG_STOP_CHARS
            )
        return tok in _ORG_STOP_CHARS or bool(_TIME_TOKEN.search(tok))
    if tok in lx.NAME_STOPWORDS or _TIME_TOKEN.search(tok) or _TITLE_TOKEN.search(tok):
        return True
    return any(g in tok for g in ("管委会", "人民政府", "委员会", "办公室"))


def _brand_char(rev: list[str], j: int) -> bool:
    """rev[j] is a lone hanzi that starts a name: what is left of it is a boundary or a place."""
    if j >= len(rev) or len(rev[j]) != 1 or not "\u4e00" <= rev[j] <= "\u9fff" or rev[j] in _ORG_STOP_CHARS:
        return False
    before = rev[j + 1] if j + 1 < len(rev) else ""
    return (
        not before
        or before in lx.NAME_STOPWORDS
        or before in _ORG_STOP_CHARS
        or before in lx.COUNTRIES
        or before in lx.PROVINCES
        or not before.strip()
    )


_PARK_PREFIX = re.compile(rf"[{CJK}]{{2,8}}?(?:{lx.alternation(lx.PLACE_SUFFIXES)})")
_NAME_BODY_START = (
    "投资",
    "发展",
    "建设",
    "开发",
    "管理",
    "运营",
    "实业",
    "产业",
    "城市",
    "资产",
    "控股",
    "集团",
    "国有",
)


_NATIONAL = (
    "国家",
    "国立",
    "国营",
    "皇家",
    "联邦",
    "国际",
    "阿拉伯",
)  # 沙特阿拉伯国家石油公司 keeps its country


_ORIGIN = ("外资", "台资", "港资", "澳资", "侨资", "日资", "韩资", "美资", "德资", "欧资")


def _trim_org(text: str, left: int, end: int) -> int:
    """Drop descriptors a walk may keep at the front: 企业巴斯夫集团, 日本东和精工株式会社,
    苏州工业园区信达生物制药(苏州)有限公司 (the park is where the firm is, not its name),
    and a bracket closed before it opens ((中央社记者台北报导)台塑集团: the dateline ends there)."""
    depth = 0
    for k in range(left, end):
        ch = text[k]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                left = k + 1
            else:
                depth -= 1
    m = _PARK_PREFIX.match(text, left, end)
    if m and end - m.end() >= 4 and not text.startswith(_NAME_BODY_START, m.end()):
        left = m.end()
    if left > 0 and text[left - 1 : left + 1] in _ORIGIN:
        left += 1  # 5月9日，日资企业东丽…: the walk stopped at 日, the date's character
    origin = text[left - 2 : left] in _ORIGIN
    changed = True
    while changed:
        changed = False
        for word in ("企业", "公司", "集团", *_ORIGIN, *sorted(lx.COUNTRIES, key=len, reverse=True)):
            rest = left + len(word)
            # no registered name starts with 台资 or 日资企业: a two-character 字号 may follow them
            shortest = 2 if word in _ORIGIN or (origin and word == "企业") else 4
            if (
                text.startswith(word, left)
                and end - rest >= shortest
                and word != "中国"
                and not text.startswith(_NATIONAL, rest)
            ):
                left += len(word)
                origin = origin or word in _ORIGIN
                changed = True
    return left


@register
class CompanyExtractor(Extractor):
    """Firm names: registered-style full names, declared short forms, known brands."""

    kind = "company"

    def find(self, doc: Doc, found: Found) -> list[Mention]:
        text = doc.text
        out: list[Mention] = []
        for m in _SUFFIX_RE.finditer(text):
            s, e = m.start(), m.end()
            # absorb chained endings: 控股集团 + 有限公司, 有限公司 + (有限合伙)
            while True:
                nxt = _SUFFIX_RE.match(text, e)
                if not nxt:
                    break
                e = nxt.end()
            if out and s < out[-1].end:
                continue
            left = _trim_org(text, _left_tokens(text, s, 30, _org_stop), s)
            core = text[left:s]
            name = text[left:e]
            if not self._valid(core, text[s:e]):
                continue
            while out and out[-1].attrs.get("full") and left <= out[-1].start < s:
                out.pop()  # 中国能源建设集团江苏省电力建设第一工程有限公司: the group's name heads its subsidiary's
            if out and out[-1].end == left and out[-1].attrs.get("full"):
                prev = out.pop()
                left, name = prev.start, text[prev.start : e]
            out.append(Mention(self.kind, left, e, name, value=name, attrs={"full": True}))
        self._extend_by_stock_name(text, out)
        taken = Spans(out)
        for m in _LATIN_ORG_RE.finditer(text):
            s, e = m.span()
            if not taken.overlaps(s, e):
                mention = Mention(
                    self.kind, s, e, m.group(), value=m.group(), attrs={"full": True, "latin": True}
                )
                out.append(mention)
                taken.add(mention)
        for m in _STOCK_CODE_RE.finditer(text):
            s, e = m.span("name")
            name = m.group("name")
            if taken.overlaps(s, e) or not _valid_party(name) or name in _GENERIC_BRANDS:
                continue
            mention = Mention(self.kind, s, e, name, value=name, attrs={"full": False, "strong": True})
            out.append(mention)
            taken.add(mention)
        aliases = self._aliases(text, out)
        for full in {m.value for m in out}:
            brand = _brand_of(full)
            if brand and brand not in aliases:
                aliases[brand] = full
        known = sorted(set(lx.known_firms()) | set(aliases), key=len, reverse=True)
        if known:
            pattern = _known_regex(tuple(known))
            places = Spans(Mention("place", p.start(), p.end(), p.group()) for p in _LYG_RE.finditer(text))
            for m in pattern.finditer(text):
                if taken.overlaps(m.start(), m.end()) or places.overlaps(m.start(), m.end()):
                    continue
                if m.group()[:1].isascii() and _glued_latin(text, m.start(), m.end()):
                    continue  # TCL in TCLX, BASF in BASFX: latin brands are whole words
                if (
                    m.group() == "公司"
                    and m.start() > 0
                    and text[m.start() - 1] not in "，。；：、\n与和由及将为以即“”本"
                ):
                    continue
                end = m.end()
                if m.group() not in aliases and not _ENDS_WITH_ENDING.search(m.group()):
                    # 华峰 known, 华峰化学年产…/华峰化学与… written: the firm as the text names it
                    ending = _ENDING_AT.match(text, end)
                    if ending and _AFTER_ENDING.match(text, ending.end()):
                        end = ending.end()
                name = text[m.start() : end]
                value = aliases.get(name, name)
                mention = Mention(self.kind, m.start(), end, name, value=value, attrs={"full": False})
                out.append(mention)
                taken.add(mention)
        for m in _SHORT_END_RE.finditer(text):
            s, e = m.span("end")
            if taken.overlaps(s, e):
                continue
            left = _left_tokens(text, s, 8, _org_stop)
            before = text[left - 1] if left > 0 else "，"
            name = text[left:e]
            if before not in _SHORT_BEFORE or taken.overlaps(left, e):
                continue
            if self._valid_short(name, text[s:e]):
                strong = text.startswith(_STRONG_NEXT, e)
                mention = Mention(
                    self.kind, left, e, name, value=name, attrs={"full": False, "strong": strong}
                )
                out.append(mention)
                taken.add(mention)
        for m in _PARTY_RE.finditer(text):
            x = m.group("x1") or m.group("x2")
            s = m.start("x1") if m.group("x1") else m.start("x2")
            e = s + len(x)
            if taken.overlaps(s, e) or not _valid_party(x):
                continue
            mention = Mention(
                self.kind, s, e, x, value=x, attrs={"full": False, "strong": True, "party": True}
            )
            out.append(mention)
            taken.add(mention)
        out.sort(key=lambda x: x.start)
        self._named_before_latin(text, out)
        self._resolve(out)
        self._bracket_aliases(text, out)
        for firm in out:
            firm.attrs["role"] = _firm_role(text, firm)
        return out

    @staticmethod
    def _extend_by_stock_name(text: str, mentions: list[Mention]) -> None:
        """证券简称：华是新材 … 浙江华是新材料股份有限公司: the walk stopped at 是 (a function word
        elsewhere); the stock short name says the characters before the cut belong to the name."""
        stock = [m.group(1) for m in _STOCK_NAME_RE.finditer(text)]
        if not stock:
            return
        for i, m in enumerate(mentions):
            if not m.attrs.get("full"):
                continue
            for short in stock:
                for k in range(len(short) - 1, 0, -1):
                    head, rest = short[:k], short[k:]
                    if text.startswith(head, m.start - k) and _abbreviates(rest, m.text):
                        left = m.start - k
                        left = _trim_org(text, _left_tokens(text, left, 12, _org_stop), left)
                        name = text[left : m.end]
                        mentions[i] = Mention(m.kind, left, m.end, name, value=name, attrs=m.attrs)
                        break
                else:
                    continue
                break

    @staticmethod
    def _named_before_latin(text: str, mentions: list[Mention]) -> None:
        """新加坡丰益国际（Wilmar International Limited）: the Chinese name before the bracket is the firm's
        name as the text uses it, the latin registered name its alias."""
        ends = {m.end for m in mentions}
        for i, m in enumerate(mentions):
            k = m.start - 1
            if not m.attrs.get("latin") or k < 2 or text[k] not in "（(" or k in ends:
                continue
            if text[m.end : m.end + 1] not in ("）", ")") or not "\u4e00" <= text[k - 1] <= "\u9fff":
                continue
            left = _trim_org(text, _left_tokens(text, k, 12, _org_stop), k)
            while left < k and text[left : left + 2] in ("旗下", "所属", "下属"):
                left += 2
            for country in sorted(lx.COUNTRIES, key=len, reverse=True):
                if text.startswith(country, left) and k - left - len(country) >= 2:
                    left += len(country)
                    break
            name = text[left:k]
            if 2 <= len(name) <= 10 and _valid_party(name):
                mentions[i] = Mention(
                    "company", left, k, name, value=name, attrs={"full": True, "alias": m.value}
                )

    @staticmethod
    def _bracket_aliases(text: str, mentions: list[Mention]) -> None:
        """Linde plc（林德集团）, 科思创（Covestro AG）: a firm's other name in brackets right after it."""
        drop: set[int] = set()
        alias_of: dict[str, str] = {}
        for a, b in zip(mentions, mentions[1:], strict=False):
            between = text[a.end : b.start]
            opened = between[:1] in ("（", "(") and (len(between) == 1 or between[1:] in lx.COUNTRIES)
            bracketed = opened and text[b.end : b.end + 1] in ("）", ")")  # …, Inc.（美国空气化工产品公司）
            glued = (
                between in ("", " ") and a.text[-1:].isascii() != b.text[:1].isascii()
            )  # 科思创Covestro AG
            if bracketed or glued:
                drop.add(id(b))
                alias_of[b.value] = a.value
                if b.attrs.get("full") and not a.attrs.get("full"):
                    a.attrs["full"] = True  # a known brand with its registered name as alias is a firm
        if drop:
            mentions[:] = [m for m in mentions if id(m) not in drop]
        for m in mentions:
            if m.value in alias_of and m.value != alias_of[m.value]:
                m.value = alias_of[m.value]  # the alias said elsewhere (the headline) is the same firm

    @staticmethod
    def _resolve(mentions: list[Mention]) -> None:
        """A short form (诺康生物, 工投集团) stands for the one full name in the text it abbreviates."""
        full = list(dict.fromkeys(m.value for m in mentions if m.attrs.get("full")))
        for m in mentions:
            if m.attrs.get("full") or m.value in full:
                continue
            owners = [f for f in full if _abbreviates(m.value, f)]
            if len(owners) == 1:
                m.value = owners[0]
                m.attrs["strong"] = True
        # a short form nobody declared and that is not the subject of a deal is a guess: drop it
        mentions[:] = [m for m in mentions if m.attrs.get("full") or m.attrs.get("strong", True)]

    @staticmethod
    def _valid(core: str, suffix: str) -> bool:
        if len(core) < 2 and suffix in ("公司", "集团", "集团公司", "研究院", "研究所", "设计院"):
            return False
        if not core or core in lx.GENERIC_ORG_HEADS:
            return False
        if suffix in ("公司", "集团", "集团公司", "有限公司") and _REFERENCE_TAIL.search(core):
            return False  # …的全资子公司, 其控股子公司, 该公司: a reference, not a name
        if core in lx.PROVINCES or core in lx.CITIES or core.rstrip("省市") in lx.CITIES + lx.PROVINCES:
            return False  # 江苏公司, 上海公司: a branch, not a name
        if re.fullmatch(r"[\d\W]+", core):
            return False
        if suffix in ("研究院", "研究所", "设计院") and not core.startswith(
            (*lx.PROVINCES, *lx.CITIES, "中国", "中科", "国家", "中船", "中石", "中化")
        ):
            return False  # 先进材料研究院 is usually the project being built, not the investor
        if core.startswith(("进一步", "推动", "支持", "鼓励", "引导", "帮助")):
            return False
        if (
            suffix in ("公司", "集团")
            and lx.tokenizer().FREQ.get(core, 0) >= 2000
            and core not in lx.KNOWN_FIRMS
        ):
            return False  # 同意公司, 附属公司: an everyday word, not a firm's name
        return not any(w in core for w in ("管委会", "人民政府", "政府"))

    @staticmethod
    def _aliases(text: str, full: list[Mention]) -> dict[str, str]:
        """简称“恒瑞医药” → the full name declared just before it."""
        aliases: dict[str, str] = {}
        for m in _ALIAS_RE.finditer(text):
            alias = m.group(1).strip()
            prior = [f for f in full if f.end <= m.start() and m.start() - f.end <= 6]
            if prior and alias not in ("本公司",):
                aliases[alias] = prior[-1].value
            elif alias and alias not in ("公司", "本公司", "项目"):
                aliases[alias] = alias
        for m in _STOCK_NAME_RE.finditer(text):
            alias = m.group(1)
            owner = next((f.value for f in full if all(c in f.value for c in alias)), alias)
            aliases.setdefault(alias, owner)
        return aliases

    @staticmethod
    def _valid_short(name: str, ending: str) -> bool:
        brand = name[: -len(ending)]
        if (
            not 2 <= len(brand) <= 5
            or brand in _GENERIC_BRANDS
            or any(g in brand for g in ("产业", "行业", "企业"))
        ):
            return False
        if (
            brand in lx.CITIES
            or brand in lx.PROVINCES
            or brand in lx.COUNTRIES
            or name in _chain_words()
            or brand in _chain_words()
        ):
            return False
        if brand in _LYG_ALIAS or any(
            brand.startswith(w) for w in ("全市", "我市", "该", "这", "其", "各", "全", "本")
        ):
            return False
        for prefix in (*lx.PROVINCES, "连云港"):
            if brand.startswith(prefix):
                rest = brand[len(prefix) :]
                if len(rest) < 2 or rest in _GENERIC_BRANDS:
                    return False  # 江苏医药: a sector, 江苏盛虹: a firm
        return all("\u4e00" <= c <= "\u9fff" or c.isalnum() for c in brand)


# Latin-script registered names: Linde plc, Covestro AG, Air Products and Chemicals, Inc., SK Innovation Co., Ltd.
_LATIN_ORG_RE = re.compile(
    r"(?<![A-Za-z0-9&])(?:[A-Z][A-Za-z0-9&'’\-.]*(?: (?:and|of|&|[A-Z][A-Za-z0-9&'’\-.]*)){0,6})"
    r",? (?:Co\., ?Ltd\.?|Co\., ?Limited|Company Limited|Ltd\.?|Limited|Inc\.?|Incorporated|Corp\.?|Corporation|GmbH|AG|SE|"
    r"S\.A\.|N\.V\.|B\.V\.|plc|PLC|LLC|L\.P\.|Pte\.? Ltd\.?|K\.K\.|A/S|AB|ASA|Oyj|S\.p\.A\.|Holdings|Group)(?![A-Za-z])"
)
# Who a firm is in the deal: only investors become a project's firms. A bank lends, a design
# institute designs, a contractor builds, a witness witnesses, an agent introduces.
_NOT_INVESTOR_NAME = re.compile(
    r"银行|分行|支行|信用社|律师事务所|会计师事务所|资产评估|招商代理|设计院|设计研究院|勘察|监理|证券|交易所|结算所"
)
_NOT_INVESTOR_AFTER = re.compile(
    r"^[）)]?(?:的)?(?:负责|作为|担任|承担|为项目|为该项目|向项目|对项目)?(?:项目)?"
    r"(?:设计|承建|施工|总承包|总包|EPC|监理|勘察|中标|代建|见证|提供(?:了)?[^，。；]{0,8}?(?:授信|贷款|融资|资金支持|技术|设计|设备|服务)"
    r"|授信|贷款|推荐|牵线|引荐|代理|对本公告)"
)
_NOT_INVESTOR_BEFORE = re.compile(
    r"(?:见证方|见证单位|承建方|承建单位|施工方|施工单位|设计方|设计单位|总承包方|总包方|监理方|监理单位|"
    r"中介机构|推荐方|代理机构|财务顾问|保荐机构|律师)(?:为|是|：|:)?$"
)


# The other party of a signing with a 连云港 unit or a government is the investor, even when it is named
# by a bare brand the lexicon does not know: 东海县与晶澳太阳能签约, 远景与赣榆区签署合作协议.
_GOV_PARTY = (
    "(?:"
    + lx.alternation(
        {
            *(a for als in lx.LYG_UNITS.values() for a in als),
            *lx.LYG_UNITS,
            "连云港市",
            "连云港",
            "我市",
            "市政府",
            "县政府",
            "区政府",
        }
    )
    + ")(?:管委会|管理委员会|人民政府|政府)?"
)
_SIGN = "(?:签约|签署|签订|正式签|举行|达成|就)"
_PARTY_RE = re.compile(
    rf"{_GOV_PARTY}与(?P<x1>[{CJK}A-Za-z]{{2,8}}?){_SIGN}"
    rf"|(?:^|(?<=[，。；：\n“” ]))(?P<x2>[{CJK}A-Za-z]{{2,8}}?)与{_GOV_PARTY}{_SIGN}",
    re.M,
)


def _valid_party(x: str) -> bool:
    if (
        x in _GENERIC_BRANDS
        or x in lx.NAME_STOPWORDS
        or x in _LYG_ALIAS
        or x.rstrip("省市县区") in _PLACE_NAMES
    ):
        return False
    if any(
        w in x
        for w in (
            "项目",
            "企业",
            "公司",
            "集团",
            "客商",
            "双方",
            "政府",
            "管委",
            "单位",
            "部门",
            "机构",
            "商会",
            "协会",
            "大学",
            "学院",
            "医院",
            "银行",
            "市",
            "县",
            "区",
            "镇",
        )
    ):
        return False  # named firms with these endings are found as full names; the rest are not investors
    if _TIME_TOKEN_NAME.search(x) or re.search(r"\d", x):
        return False
    return not any(
        x.startswith(p) for p in ("该", "这", "其", "各", "全", "我", "与", "和", "并", "将", "已", "正在")
    )


def _glued_latin(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    return (before.isascii() and before.isalnum()) or (
        after.isascii() and after.isalnum() and text[end - 1].isascii()
    )


def _firm_role(text: str, m: Mention) -> str:
    """investor, or the other part a firm plays (lender, designer, contractor, witness, agent)."""
    if _NOT_INVESTOR_NAME.search(m.value):
        return "service"
    if _NOT_INVESTOR_AFTER.search(text[m.end : m.end + 14]):
        return "service"
    if _NOT_INVESTOR_BEFORE.search(text[max(0, m.start - 8) : m.start]):
        return "service"
    return "investor"


@lru_cache(maxsize=1)
def _chain_words() -> frozenset[str]:
    words: set[str] = set()
    for kws in lx.chain_keywords().values():
        words.update(kws)
    for kws in lx.INDUSTRY_KEYWORDS.values():
        words.update(kws)
    return frozenset(words)


# --- money --------------------------------------------------------------------------------

_TOTAL_CUES = (
    "总投资",
    "投资总额",
    "计划总投资",
    "协议总投资",
    "总投资额",
    "项目总投资",
    "总金额",
    "签约金额",
    "签约额",
    "合同金额",
    "协议金额",
)
_INVEST_CUES = _TOTAL_CUES + (
    "投资",
    "投入",
    "出资",
    "建设资金",
    "资金",
    "增资",
    "扩产",
    "募集资金",
    "募资",
    "金额",
)
_OTHER_CUES = (
    "产值",
    "营业收入",
    "营收",
    "销售收入",
    "销售额",
    "收入",
    "利税",
    "税收",
    "纳税",
    "利润",
    "净利润",
    "市值",
    "出口额",
    "进出口",
    "交易额",
    "贸易额",
    "订单",
    "增加值",
    "GDP",
    "补贴",
    "奖励",
    "授信",
    "贷款",
    "基金规模",
    "规模",
    "注册资本",
    "注册资金",
    "营业额",
    "产能",
    "效益",
    "年销售",
    "成交额",
    "融资",
    "估值",
    "资产",
    "亏损",
    "分红",
    "价格",
    "成本",
    "节约",
    "带动",
    "研发投入",
    "研发费用",
    "研发支出",
    "净利",
    "归母",
    "亩均",
    "投资强度",
    "强度",
    "认缴出资",
    "实缴出资",
    "单价",
    "使用外资",
    "利用外资",
    "到位外资",
    "到账外资",
    "工业投资",
)
_CUE_RE = re.compile(lx.alternation(_INVEST_CUES + _OTHER_CUES))


@register
class AmountExtractor(Extractor):
    """Money amounts with the role the words before them give: investment, other, threshold."""

    kind = "amount"

    def find(self, doc: Doc, found: Found) -> list[Mention]:
        text = doc.text
        out: list[Mention] = []
        for a in find_amounts(text):
            role, total = self._role(text, a)
            out.append(
                Mention(self.kind, a.start, a.end, a.text, value=a, attrs={"role": role, "total": total})
            )
        self._equivalents(text, out)
        if _TABLE_HEADER.search(text):
            taken = Spans(out)
            out.extend(m for m in _table_amounts(text) if not taken.overlaps(m.start, m.end))
            out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _equivalents(text: str, out: list[Mention]) -> None:
        """2亿美元（约合人民币14亿元）: the platform counts in 万元, so the stated CNY equivalent is the amount."""
        for a, b in zip(out, out[1:], strict=False):
            fa, fb = a.value, b.value
            if fa.currency == "CNY" or fb.currency != "CNY" or b.start - a.end > 8:
                continue
            between = text[a.end : b.start].strip("（(，, ")
            if between in ("", "约合", "折合", "合", "约", "相当于", "即") and b.text.startswith(
                ("约合", "折合", "人民币", "合", "约", "RMB")
            ):
                b.attrs.update(role=a.attrs["role"], total=a.attrs["total"])
                a.attrs["role"] = "converted"

    @staticmethod
    def _role(text: str, a: Amount) -> tuple[str, bool]:
        # threshold: "10亿元以上项目", "亿元以上的产业项目"
        after = text[a.end : a.end + 8]
        if a.qualifier == "以上" and re.match(r"(?:的)?[^，。；]{0,4}(?:项目|企业)", after):
            before = text[max(0, a.start - 4) : a.start]
            if not any(c in before for c in ("总投资", "投资")):
                return "threshold", False
        if re.match(r"\s*(?:-|~|—|至|到)\s*[\d一二三四五六七八九十百]", after) or (
            a.start > 0
            and text[a.start - 1] in "-~—至到"
            and re.match(r"(?:的)?[^，。；]{0,4}(?:项目|企业)", after)
        ):
            return "threshold", False  # 10亿-50亿元 buckets
        if after.startswith("以下"):
            return "threshold", False
        if re.match(
            r"(?:的)?(?:[^，。；、\d]{0,4})?项目\d+个|(?:的)?项目(?:有)?[\d一二两三四五六七八九十]+个", after
        ):
            before = text[max(0, a.start - 3) : a.start]
            if "投资" not in before:
                return "threshold", False  # 超10亿元项目11个: a size class, not an investment
        # nearest cue to the left within the clause
        lo = a.start
        while lo > 0 and a.start - lo < 16 and text[lo - 1] not in "，。；：！？\n,;":
            lo -= 1
        window = text[lo : a.start]
        cues = list(_CUE_RE.finditer(window))
        if not cues:
            return "neutral", False
        cue = cues[-1].group()
        if cue in _OTHER_CUES and cue not in _INVEST_CUES:
            return "other", False
        return "investment", any(c.group() in _TOTAL_CUES for c in cues)


_TABLE_HEADER = re.compile(
    r"(?P<label>项目总投资|计划总投资|协议总投资|总投资额?|投资总额|协议投资额?|计划投资额?|投资额|投资金额|签约金额|合同金额)"
    r"[ ]?[（(](?P<unit>亿元人民币|亿元|万元|亿美元|万美元|亿|万)[）)]"
)
_CELL_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_TABLE_UNITS = {
    "亿元人民币": (10**8, "CNY"),
    "亿元": (10**8, "CNY"),
    "亿": (10**8, "CNY"),
    "万元": (10**4, "CNY"),
    "万": (10**4, "CNY"),
    "亿美元": (10**8, "USD"),
    "万美元": (10**4, "USD"),
}


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of one table line: split at '|' when the line has them, else at spaces."""
    line = text[start:end]
    pattern = r"[^|]+" if "|" in line else r"\S+"
    out = []
    for m in re.finditer(pattern, line):
        s, e = m.span()
        while s < e and line[s] == " ":
            s += 1
        while e > s and line[e - 1] == " ":
            e -= 1
        if e > s:
            out.append((start + s, start + e))
    return out


def _table_amounts(text: str) -> list[Mention]:
    """Bare numbers in a table column whose header gives the unit: 总投资（亿元） … 15."""
    from decimal import Decimal

    from .amounts import _wan

    out: list[Mention] = []
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    i = 0
    while i < len(lines):
        ls, le = lines[i]
        head = _TABLE_HEADER.search(text, ls, le)
        i += 1
        if head is None:
            continue
        header = _cells(text, ls, le)
        col = next((k for k, (s, e) in enumerate(header) if s <= head.start() < e), None)
        if col is None or len(header) < 2:
            continue
        scale, currency = _TABLE_UNITS[head.group("unit")]
        total = "总" in head.group("label")
        while i < len(lines):
            cells = _cells(text, *lines[i])
            if len(cells) == len(header):
                cell = cells[col]
            elif col == len(header) - 1 and len(cells) > 1:
                cell = cells[-1]  # a name cell written with a space: the amount is still the last one
            else:
                break
            s, e = cell
            if not _CELL_NUMBER.fullmatch(text, s, e):
                if _TABLE_HEADER.search(text, *lines[i]):
                    break
                i += 1
                continue  # a total row or an empty cell; the table goes on
            value = Decimal(text[s:e].replace(",", "")) * scale
            amount = Amount(
                start=s,
                end=e,
                text=text[s:e],
                value=value,
                currency=currency,
                qualifier=None,
                bare=False,
                wan_cny=_wan(value, currency),
            )
            out.append(
                Mention(
                    "amount",
                    s,
                    e,
                    amount.text,
                    value=amount,
                    attrs={"role": "investment", "total": total, "table": True},
                )
            )
            i += 1
    return out


# --- places -------------------------------------------------------------------------------

_LYG_ALIAS = {alias: unit for unit, aliases in lx.LYG_UNITS.items() for alias in (unit, *aliases)}
_LYG_RE = re.compile(lx.alternation(_LYG_ALIAS))
_LYG_CITY_RE = re.compile(r"连云港市?|港城")
_AMBIG_OK_BEFORE = frozenset(
    "，。；：、\n“在于市港区县和与及的到赴全该我入至为对向把被将让使从自经据等并且或又也都就已由是户驻址 ｜|"
)
_PLACE_SUFFIX = lx.alternation(lx.PLACE_SUFFIXES)
_CITY_RE = re.compile(
    rf"(?P<prov>{lx.alternation(lx.PROVINCES)})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?"
    rf"|(?P<city>{lx.alternation(set(lx.CITIES) - {'连云港'})})(?:市)?"
    rf"|(?P<country>{lx.alternation(lx.COUNTRIES)})"
)
_PARK_RE = re.compile(rf"(?P<park>[{CJK}A-Za-z]{{0,10}}?(?:{_PLACE_SUFFIX}))")
# a banner (旗) is a county of Inner Mongolia, 旗下 / 旗舰 are not (长春集团旗下…)
_COUNTY_RE = re.compile(rf"(?P<county>[{CJK}]{{2,3}}?(?:县|区|市|旗(?![下舰])))(?![{CJK}]{{0,1}}(?:园|开发|新区))")
_LOCATIVE_RE = re.compile(
    rf"(?:落户|落地|位于|选址|入驻|布局|扎根|建于|坐落于|投资于|在)(?P<park>[{CJK}]{{2,10}}?(?:{_PLACE_SUFFIX}))"
)
_ORIGIN_BEFORE = ("来自", "总部位于", "总部在", "总部设在", "总部所在", "起源于", "发源于", "籍贯")
_ORIGIN_AFTER = ("商会", "籍", "客商", "企业家", "证券", "交易所", "大学", "人")
_NOT_COUNTY = frozenset(
    "城区 市区 园区 景区 港区 社区 片区 辖区 全区 本区 该区 地区 新区 小区 库区 厂区 矿区 校区 示范区 试验区 功能区 核心区 集聚区 保税区 开发区 高新区 经开区 我区 各区 一区 省市 城市 我市 全市 本市 该市 各市 县区 各县".split()
)


_PLACE_NAMES = frozenset(
    (
        *lx.CITIES,
        *lx.PROVINCES,
        *lx.COUNTRIES,
        *lx.REGIONS,
        "连云港",
        "全市",
        "我市",
        "全省",
        "全国",
        "全区",
        "全县",
        "我区",
        "我县",
    )
)


def _rank(unit: str, lyg: bool) -> int:
    if lyg:
        if unit == lx.LYG_CITY:
            return 2
        return 4 if unit in lx.LYG_PARENT else 3
    return 0


@register
class PlaceExtractor(Extractor):
    """连云港 units and parks by alias; other Chinese places by pattern."""

    kind = "place"

    def find(self, doc: Doc, found: Found) -> list[Mention]:
        text = doc.text
        out: list[Mention] = []
        for m in _LYG_RE.finditer(text):
            alias = m.group()
            if alias in lx.LYG_AMBIGUOUS:
                if not doc.about_lyg:
                    continue
                if m.start() > 0 and text[m.start() - 1] not in _AMBIG_OK_BEFORE:
                    continue  # 如东经济开发区: someone else's zone
            unit = _LYG_ALIAS[alias]
            out.append(
                Mention(
                    self.kind,
                    m.start(),
                    m.end(),
                    alias,
                    value=unit,
                    attrs={"rank": _rank(unit, True), "lyg": True},
                )
            )
        lyg = Spans(out)
        for m in _LYG_CITY_RE.finditer(text):
            if not lyg.overlaps(m.start(), m.end()):
                out.append(
                    Mention(
                        self.kind,
                        m.start(),
                        m.end(),
                        m.group(),
                        value=lx.LYG_CITY,
                        attrs={"rank": 2, "lyg": True},
                    )
                )
        out.extend(self._elsewhere(text, Spans(out)))
        firms = Spans(found.get("company", []))
        out = [
            p
            for p in out
            if not self._origin(text, p)
            and not firms.overlaps(p.start, p.end)
            and not (
                p.attrs["rank"] <= 2
                and firms.within(p.end, p.end + 30)
                and firms.within(p.end, p.end + 30)[0].start == p.end
            )
        ]  # 江苏 + 斯尔邦石化: the province is part of how the firm is named
        out.sort(key=lambda p: p.start)
        return out

    @staticmethod
    def _origin(text: str, p: Mention) -> bool:
        before = text[max(0, p.start - 5) : p.start]
        after = text[p.end : p.end + 3]
        return any(before.endswith(w) for w in _ORIGIN_BEFORE) or any(
            after.startswith(w) for w in _ORIGIN_AFTER
        )

    @staticmethod
    def _elsewhere(text: str, lyg: Spans) -> list[Mention]:
        out: list[Mention] = []
        for m in _CITY_RE.finditer(text):
            if _overlaps(m.start(), m.end(), lyg):
                continue
            rank = 1 if m.group("prov") or m.group("country") else 2
            name = m.group()
            out.append(
                Mention("place", m.start(), m.end(), name, value=name, attrs={"rank": rank, "lyg": False})
            )
            if m.group("country"):
                continue
            county = _COUNTY_RE.match(text, m.end())
            if (
                county
                and county.group() not in _NOT_COUNTY
                and not any(w in county.group() for w in _NOT_COUNTY)
            ):
                if not _overlaps(county.start(), county.end(), lyg):
                    piece = county.group()
                    out.append(
                        Mention(
                            "place",
                            county.start(),
                            county.end(),
                            piece,
                            value=piece,
                            attrs={"rank": 3, "lyg": False},
                        )
                    )
                continue
            park = _PARK_RE.match(text, m.end())
            if park and not _overlaps(park.start(), park.end(), lyg) and len(park.group()) <= 12:
                # 苏州 + 工业园区 is one name; 南昌市 + 南昌高新技术产业开发区 is a city and a park
                bare = park.group() in lx.PLACE_SUFFIXES
                full = text[m.start() if bare else park.start() : park.end()]
                out.append(
                    Mention(
                        "place",
                        park.end() - len(full),
                        park.end(),
                        full,
                        value=full,
                        attrs={"rank": 4, "lyg": False},
                    )
                )
        found = Spans(out)
        for m in _LOCATIVE_RE.finditer(text):
            s, e = m.span("park")
            if _overlaps(s, e, lyg):
                head = next((p for p in lyg.overlapping(s, e) if p.start == s and e - p.end >= 4), None)
                piece = text[head.end : e] if head is not None else ""
                if (
                    head is not None
                    and piece not in lx.PLACE_SUFFIXES
                    and not lyg.overlaps(head.end, e)
                    and not re.match(
                        r"建设|新建|扩建|投建|兴建|打造|建|投资|布局|规划|筹建|设立|落户|实施|开工", piece
                    )
                ):
                    # 连云区板桥工业园: a park of a 连云港 district the lexicon does not list
                    out.append(
                        Mention("place", head.end, e, piece, value=piece, attrs={"rank": 4, "lyg": True})
                    )
                continue
            changed = True
            while (
                changed
            ):  # 江西省南昌市南昌高新技术产业开发区: keep the park, the province and city are found
                changed = False
                for p in found.overlapping(s - 12, e):
                    if p.start <= s < p.end < e:
                        s, changed = p.end, True
                    elif text.startswith(p.value, s) and e - s - len(p.value) > 2:
                        s, changed = s + len(p.value), True
            if found.overlaps(s, e):
                continue
            piece = text[s:e]
            if piece in lx.PLACE_SUFFIXES or piece[:2] in ("该园", "园区", "我市", "全市"):
                continue
            mention = Mention("place", s, e, piece, value=piece, attrs={"rank": 4, "lyg": False})
            out.append(mention)
            found.add(mention)
        return out


# --- stages -------------------------------------------------------------------------------

_STAGE_OF = {w: stage for stage, words in lx.STAGE_WORDS.items() for w in words}
_STAGE_RE = re.compile(lx.alternation(_STAGE_OF))
_NOT_STAGE_AFTER = {
    "注册": ("资本", "资金", "地", "商标", "会计", "制", "登记", "成立"),
    "建成": ("区", "后", "以后", "之后", "时"),
    "对接": ("会", "机制", "平台"),
    "落户": ("奖励", "政策"),
    "考察": ("团",),
    "点火": (),
}
# 落户 is said of a project the day it is signed; 考察/对接 of a visit: evidence of the stage only
# when nothing stronger is said
_WEAK_STAGE = frozenset({"落户", "考察", "对接", "接洽", "走访", "拜访", "有意"})
_FUTURE_AFTER = ("后", "以后", "之后", "时", "前")
_FUTURE_STAGES = frozenset({"开工", "投产", "竣工", "落地"})
# words that make a following stage word a plan, a wish or a negation (将于明年开工, 推动早投产, 尚未开工)
_FUTURE_RE = re.compile(
    r"将|计划|预计|拟|力争|有望|争取|预期|确保|即将|打算|准备|目标|年内|明年|年底前|月底前|下半年|尚未|未能|暂未|没有|推迟|待|还未|未"
    r"|早|推动|加快|尽快|力促|促进|助推|希望|期待|以便|便于|进入|启动.*?前期"
)


@register
class StageExtractor(Extractor):
    """Stage words; a word in a plan (将于明年开工) or after 后 is marked ``future``."""

    kind = "stage"

    def find(self, doc: Doc, found: Found) -> list[Mention]:
        text = doc.text
        out: list[Mention] = []
        for m in _STAGE_RE.finditer(text):
            word = m.group()
            after = text[m.end() : m.end() + 3]
            if any(after.startswith(x) for x in _NOT_STAGE_AFTER.get(word, ())):
                if word != "建成" or not after.startswith(("后", "以后", "之后", "时")):
                    continue
            stage = _STAGE_OF[word]
            lo = m.start()
            while lo > 0 and m.start() - lo < 14 and text[lo - 1] not in "，。；：！？\n,;":
                lo -= 1
            before = text[lo : m.start()]
            future = bool(_FUTURE_RE.search(before))
            if stage in _FUTURE_STAGES or word in ("建成", "投产", "达产"):
                if any(after.startswith(x) for x in _FUTURE_AFTER):
                    future = True
            out.append(
                Mention(
                    self.kind,
                    m.start(),
                    m.end(),
                    word,
                    value=stage,
                    attrs={"future": future, "weak": word in _WEAK_STAGE},
                )
            )
        return out


# --- chains and industries ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _chain_regex() -> tuple[re.Pattern[str], dict[str, tuple[str, str | None]]]:
    """One alternation over chain and industry keywords → (industry, chain)."""
    owner: dict[str, tuple[str, str | None]] = {}
    for industry, words in lx.INDUSTRY_KEYWORDS.items():
        for w in words:
            owner[w] = (industry, None)
    for chain, words in lx.chain_keywords().items():
        for w in words:
            owner[w] = (chain, chain)
    return re.compile(lx.alternation(w for w in owner if not w.isascii())), owner


_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")


# words that contain a keyword but belong elsewhere (化学药 is pharma, 化工新材料 is materials)
_CHAIN_OVERRIDES = {
    "化学药": ("生物医药", "生物医药"),
    "化工新材料": ("新材料", "新材料"),
    "化学制药": ("生物医药", "生物医药"),
    "医药化工": ("生物医药", "生物医药"),
    "医药中间体": ("生物医药", "生物医药"),
}
_OVERRIDE_RE = re.compile(lx.alternation(_CHAIN_OVERRIDES))


@register
class ChainExtractor(Extractor):
    """Industry-chain keywords: value is the chain (or None) and attrs carry the industry."""

    kind = "chain"

    def find(self, doc: Doc, found: Found) -> list[Mention]:
        text = doc.text
        regex, owner = _chain_regex()
        out: list[Mention] = []
        overrides = [(m.start(), m.end(), _CHAIN_OVERRIDES[m.group()]) for m in _OVERRIDE_RE.finditer(text)]
        for s, e, (industry, chain) in overrides:
            out.append(Mention(self.kind, s, e, text[s:e], value=chain, attrs={"industry": industry}))
        places = Spans(found.get("place", []))
        covered = Spans(out)
        for m in regex.finditer(text):
            if covered.overlaps(m.start(), m.start() + 1) or places.overlaps(m.start(), m.end()):
                continue  # 石化产业基地, 化工产业园: a place, not what the project makes
            industry, chain_name = owner[m.group()]
            out.append(
                Mention(
                    self.kind, m.start(), m.end(), m.group(), value=chain_name, attrs={"industry": industry}
                )
            )
        for m in _ASCII_WORD.finditer(text):  # PX, PTA, EVA, CDMO: whole latin words only
            hit = owner.get(m.group()) if m.group().isascii() else None
            if hit is not None and not places.overlaps(m.start(), m.end()):
                out.append(
                    Mention(
                        self.kind, m.start(), m.end(), m.group(), value=hit[1], attrs={"industry": hit[0]}
                    )
                )
        out.sort(key=lambda x: x.start)
        return out


# --- project names ------------------------------------------------------------------------

PROJECT_STOP = frozenset(w for words in lx.STAGE_WORDS.values() for w in words) | frozenset(
    """的 与 和 及 同 等 是 为 了 在 于 对 将 拟 把 被 由 从 其中 包括 有 这 该 此 本 建设 新建 投资建设 投建 开工建设 实施 推进 引进 签约
    签下 签署 签订 落户 开工 动工 投产 竣工 开建 启动 洽谈 总投资 投资 助力 加快 确保 参观 考察 观摩 集中 举行 举办 一批 共有 个 项 批
    已 正在 全面 成功 正式 顺利 主要 今天 昨天 近日 日前 上午 下午 当天 今年 去年 目前 还 也 都 即 就 又 并 暨 到 至 向 给 让 使 以 用
    作为 属于 共 计 合计 累计 分别 涉及 涵盖 聚焦 围绕 瞄准 打造 布局 落地 新签约 新开工 签约仪式 仪式 现场 活动 据悉 据了解 了解
    获悉 介绍 表示 称 强调 指出 其 所 这个 这一 上述 各 多个 一个 该公司 公司 标志 标志着 意味着 视察 调研 走访 看望 察看 来到 深入
    宣布 坚持 存在 成立 再添 新添 迎来 喜迎 聚焦 抓好 谋划 招引 储备 保障 审批 督查 考核 调度 点评 评审 论证 申报 包装 生成 形成
    带来 带动 做大 壮大 优化 提升 推介 宣传 发布 汇报 听取 研究 部署 要 需要 应 应当 必须 能够 可以 主会场 分会场 部门 单位 县区 各地
    设在 位于 莅临 走进 安排 排定 梳理 筛选 遴选 确定 盘活 落实 交换意见 会谈 座谈 就 双方 三方 审议 通过 决定 同意 批准 备案 获批 取得 获得 公示 公布 评为 入选 列入 纳入
    对于 关于 围绕 推动 服务 跟踪 协调 解决 帮助 支持 加速 加力 全力 争取 力争 希望 要求 督促 按照 根据 通过 经过 完成 实现
    开展 进行 做好 抓好 抓 促进 加大 重点 大力 积极 持续 进一步 主动 全力以赴 计划 预计 将于 正式 一期 二期 三期 了解到 得知 当中
    负责 刷新 创造 创下 跑出 见证""".split()
) - {"一期", "二期", "三期"}
GENERIC_PROJECT_WORDS = frozenset(
    """重大 重点 产业 工业 制造业 新 新建 续建 在建 签约 开工 投产 竣工 招商 招商引资 外资 内资 优质 好 大 这些 其他 上述 全部 一批
    多个 各类 所有 储备 个 项 批 亿元 万元 以上 以下 该 本 此 这个 这一 这 些 省级 市级 省 市 县 区 重大产业 产业链 强链 补链 延链
    招引 引进 建设 合作 投资 示范 试点 民生 基础设施 社会事业 服务业 制造 先进 龙头 链主 百亿 十亿 亿元以上 千亿 类 级 各个 相关
    省重大 市重点 市级重点 省级重点 重点产业 产业类 工业类 服务业类 实体 实体经济 集中 开工项目 签约项目 落地 落户 新签约 新开工 在谈
    推进 总 增资 扩产 技改 技术改造 改造 外资项目 央企 国企 民营 上市公司 企业 高质量 优质 好项目 大项目 小项目 其余 剩余 同类
    意向 洽谈 履约 在手 入库 亿元级 十亿元 百亿元 项目 类项目 型 中 内 首批 第一批 第二批 一批次 批次 首个 单体 单个 另外 另有
    更多 主导 优势 特色 新兴 传统 骨干 优质 更 多 好 大型 中型 小型 各类 各项 两 三 四 五 几 数 若干 同日 同时 同步 当日 现场""".split()
) | frozenset(w for words in lx.STAGE_WORDS.values() for w in words)
# broad categories: "新能源项目" names a kind of project, not a project
_CATEGORY_WORDS = frozenset(
    (
        *lx.CHAINS,
        *lx.INDUSTRY_KEYWORDS,
        "医药",
        "化工",
        "装备制造",
        "制造业",
        "服务业",
        "现代服务业",
        "高新技术",
        "战略性新兴产业",
        "新兴产业",
        "光伏",
        "新型",
        "绿色",
        "低碳",
        "数字",
        "智能",
        "科技",
        "文化",
        "旅游",
        "农业",
        "商贸",
        "城建",
        "交通",
        "水利",
        "能源",
        "电力",
        "产业化",
        "高端",
        "石化产业",
        "化工产业",
        "医药产业",
        "材料",
    )
)
lx.extra_words.update(w for w in GENERIC_PROJECT_WORDS | PROJECT_STOP if len(w) >= 2)
_NAME_TAIL = re.compile(r"(?:[(（](?:一|二|三|四|首)期[)）]|[一二三四]期(?:工程)?)")
_COUNT_TOKEN = re.compile(
    r"^[\d.,]+$|^[零〇一二两三四五六七八九十百千万亿\d]+[个项批家]?$|^[十百千万亿\d]+[亿万]?(?:元)?级$"
)
_NOT_AFTER_PROJECT = (
    "为王",
    "专班",
    "库",
    "化",
    "制",
    "招引",
    "谋划",
    "储备",
    "名称",
    "编号",
    "类型",
    "类别",
    "地址",
    "单位",
    "代码",
    "公司",  # 设立项目公司: the company that will run the project, not a project
)
_THIS_TIME = ("此次", "本次", "这次", "此番")
_COREF_HEAD = ("该", "此", "这个", "这一", "上述", "本", "这些", "这", "前述", "该批", "两个", "各", "以上")


_DRESS_UP = ("积极", "加强", "加大", "精心", "科学", "深度", "认真", "全力", "大力", "着力", "持续", "重点", "统筹", "集中")


def _packaging_goods(tok: str) -> bool:
    """The word before 包装 names goods (纸箱, 食品, 医药), not how projects are promoted (精心, 谋划)."""
    return bool(tok.strip()) and tok not in PROJECT_STOP and tok not in _DRESS_UP and not tok.isdigit()


def _project_stop(rev: list[str], i: int) -> bool:
    tok = rev[i]
    if tok in ("及", "和", "与") and 0 < i < len(rev) - 1:
        # 海水淡化及综合利用项目: two nouns joined inside one name — unless the left one is itself a
        # project (A项目及B项目) or a firm or place (A公司与B项目)
        left = rev[i + 1]
        if (
            len(left) >= 2
            and left not in PROJECT_STOP
            and not left.endswith(("项目", "工程", "公司", "集团"))
            and not _TIME_TOKEN_NAME.search(left)
            and left not in _LYG_ALIAS
            and left not in _PLACE_NAMES
        ):
            return False
    if len(tok) == 1 and not tok.isalnum() and tok not in "·&-（）()/+.α":
        return True
    if tok == "包装" and i + 1 < len(rev) and _packaging_goods(rev[i + 1]):
        return False  # 纸箱包装项目 is packaging made; 谋划包装项目 is a project being dressed up
    # 基地建设项目, 技改项目: right before 项目 these words belong to the name
    if i == 0 and tok in (
        "建设",
        "新建",
        "扩建",
        "技改",
        "改造",
        "开发",
        "投资",
        "合作",
        "产业化",
        "一期",
        "二期",
        "三期",
    ):
        return False
    return tok in PROJECT_STOP or bool(_TIME_TOKEN_NAME.search(tok)) or bool(_TITLE_TOKEN.search(tok))


@register
class ProjectNameExtractor(Extractor):
    """``…项目`` mentions: a named project, a reference back (该项目), or a category (重大项目)."""

    kind = "project"

    def find(self, doc: Doc, found: Found) -> list[Mention]:
        text = doc.text
        amounts = Spans(found.get("amount", []))
        out: list[Mention] = []
        for m in re.finditer("项目", text):
            s, e = m.span()
            if text.startswith(_NOT_AFTER_PROJECT, e):
                continue  # 项目为王, 项目专班: about projects in general
            if s > 0 and text[s - 1] in "为对向给帮替" and _SERVE_AFTER.match(text, e):
                out.append(Mention(self.kind, s, e, "项目", value="项目", attrs={"type": "coref"}))
                continue  # 银行为项目提供授信, 为项目做好服务: the project already named
            tail = _NAME_TAIL.match(text, e)
            if tail:
                e = tail.end()
            if s > 0 and text[s - 1] in '”"':
                q = max(text.rfind("“", max(0, s - 40), s - 1), text.rfind('"', max(0, s - 40), s - 1))
                left = q if q >= 0 else s
                tokens = None
            else:
                left, tokens = _left_walk(text, s, 40, _project_stop)
                # an amount glued to the name (50亿元光伏项目) is not part of it
                for a in amounts.overlapping(left, s):
                    if left < a.end <= s:
                        left = max(left, a.end)
            name = text[left:e]
            kind = self._classify(text, left, s, name, tokens)
            if kind == "named" and _COUNT_AFTER.match(text, e):
                kind = "generic"  # 行业龙头企业投资项目11个: a count of a kind of project, not one project
            out.append(Mention(self.kind, left, e, name, value=name, attrs={"type": kind}))
            if kind == "generic":
                out.extend(self._listed(text, left, found))
        return out

    def _listed(self, text: str, left: int, found: Found) -> list[Mention]:
        """卫星化学绿色化学新材料产业园、虹景新材料高端聚烯烃等项目: each item before 等…项目 is a project."""
        m = _LIST_TAIL.search(text, max(0, left - 12), left)
        if m is None or m.end() != left:
            return []
        stop = m.start()  # the 等
        start = max(text.rfind(c, 0, stop) for c in "，。；：\n") + 1
        parts = [(a, b) for a, b in _split_spans(text, start, stop, "、")]
        if len(parts) < 2:
            return []
        first_s, first_e = parts[0]
        parts[0] = (_left_tokens(text, first_e, 40, _project_stop), first_e)
        firms = Spans(found.get("company", []))
        out: list[Mention] = []
        for a, b in parts:
            item = text[a:b].strip()
            if not 3 <= len(item) <= 30 or item.endswith(("项目", "工程")):
                return []  # items that are named projects already, or not a list of projects
            if any(f.start <= a and b <= f.end for f in firms.overlapping(a, b)):
                return []  # 走访了A公司、B公司等: firms, not projects
            if self._classify(text, a, b, item) != "named":
                return []
            named = firms.overlapping(a, b) or _name_brand(text, a, b) is not None or re.search(r"\d", item)
            if not named:
                return []  # 污水处理、道路提升等民生项目: kinds of work, not named projects
            out.append(Mention(self.kind, a, b, item, value=item, attrs={"type": "named", "listed": True}))
        return out

    @staticmethod
    def _classify(text: str, left: int, s: int, name: str, walked: list[str] | None = None) -> str:
        head_ctx = text[max(0, left - 3) : left]
        core = text[left:s].strip('“”"（）() ')
        if not core:
            return (
                "coref"
                if any(head_ctx.endswith(h) for h in _COREF_HEAD)
                or not head_ctx
                or head_ctx[-1] in "，。；：\n、"
                or not (head_ctx[-1].isalnum() or head_ctx[-1] in "的之")  # 👉项目总投资…, ● 项目…: a bullet
                else "generic"
            )
        if any(head_ctx.endswith(h) for h in ("该", "此", "这个", "这一", "上述", "本", *_THIS_TIME)) and len(core) <= 6:
            return "coref"
        if core.startswith(_THIS_TIME) and len(core) <= 8:
            return "coref"  # 此次增资扩产项目: the project the text is about, named by what it is
        if re.fullmatch(r"(?:其中)?(?:[一二三四五六首]|第[一二三四五六])期", core):
            return "coref"  # 一期项目预计明年投产: a phase of the project being reported
        if walked is None or "".join(walked) != text[left:s]:
            walked = list(lx.tokenizer().cut(core, HMM=False))
        tokens = [t for t in walked if t.strip()]
        content = [
            t
            for t in tokens
            if not _generic_token(t)
            and not _COUNT_TOKEN.match(t)
            and t not in _LYG_ALIAS
            and t.rstrip("省市县区") not in _PLACE_NAMES
            and t not in ("的", "、", "和", "及", "以上", "亿元", "万元", "元")
            and not _TIME_TOKEN_NAME.search(t)
        ]
        if not content or _generic_token("".join(content)):
            return "generic"  # 续/建 split by jieba is still 续建
        if all(len(t) == 1 and not t.isalnum() for t in content):
            return "generic"
        return "named"


_COUNT_AFTER = re.compile(r"(?:\d+|[一二两三四五六七八九十百]+)[个项]")
_SERVE_AFTER = re.compile(r"提供|服务|办理|争取|协调|解决|做好|开展|落实|配套|融资|授信|贷款")
_LIST_TAIL = re.compile(
    r"等(?:\d+|[一二两三四五六七八九十]+)?个?(?:重大|重点|产业|重大产业|工业|省重大|市重点)?$"
)


def _split_spans(text: str, start: int, end: int, sep: str) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos <= end:
        k = text.find(sep, pos, end)
        k = end if k < 0 else k
        if k > pos:
            out.append((pos, k))
        pos = k + 1
    return out


@register
class NameBrandExtractor(Extractor):
    """A firm's short name heading a project's name: 虹景新材料高端聚烯烃, 丰海新能源海水淡化项目."""

    kind = "company"

    def find(self, doc: Doc, found: Found) -> list[Mention]:
        text = doc.text
        firms = Spans(found.get("company", []))
        out: list[Mention] = []
        for p in found.get("project", []):
            if p.attrs.get("type") != "named" or firms.overlaps(p.start, p.start + 2):
                continue
            m = _name_brand(text, p.start, p.end)
            if m is None:
                continue
            out.append(
                Mention(
                    self.kind,
                    m.start(),
                    m.end(),
                    m.group(),
                    value=m.group(),
                    attrs={"full": False, "strong": True, "role": "investor", "in_name": True},
                )
            )
        return out


_NAME_BRAND_RE = re.compile(rf"(?P<brand>[{CJK}]{{2,4}}?)(?P<end>{lx.alternation(lx.SHORT_FORM_ENDINGS)})")


def _name_brand(text: str, start: int, end: int) -> re.Match[str] | None:
    """The brand + industry word a project name starts with (虹景新材料…), or None."""
    m = _NAME_BRAND_RE.match(text, start, end)
    if m is None:
        return None
    brand, ending = m.group("brand"), m.group("end")
    if len(text[m.end() : end].replace("项目", "")) < 2 or not CompanyExtractor._valid_short(
        brand + ending, ending
    ):
        return None
    if any(w in brand for w in _chain_words()) or lx.tokenizer().FREQ.get(brand, 0) >= 1000:
        return None  # 光学膜材料, 高端装备: words, not a brand
    if any(ch.isdigit() for ch in brand) or brand[:1] in "年高新大超特":
        return None
    return m


@lru_cache(maxsize=4096)
def _generic_token(tok: str) -> bool:
    """True when the token is made only of generic words: 主导产业, 重点产业, 新开工."""
    if tok in GENERIC_PROJECT_WORDS or tok in _CATEGORY_WORDS or tok in _LYG_ALIAS or tok in _PLACE_NAMES:
        return True
    n = len(tok)
    ok = [True] + [False] * n
    for i in range(1, n + 1):
        for j in range(max(0, i - 5), i):
            piece = tok[j:i]
            if ok[j] and (
                piece in GENERIC_PROJECT_WORDS
                or piece in _CATEGORY_WORDS
                or piece in _LYG_ALIAS
                or piece in _PLACE_NAMES
            ):
                ok[i] = True
                break
    return ok[n] and n >= 2


# --- counts for aggregate statements ---------------------------------------------------------

_NUM = r"\d+|[一二两三四五六七八九十百千]+"
COUNT_RE = re.compile(
    rf"(?P<q>共|共计|合计|累计|总计|近|超|逾|达)?(?P<n>{_NUM})(?P<unit>个|项|批|家)(?P<mid>[^，。；：,;]{{0,12}}?)(?P<what>项目|企业)"
    rf"|(?P<what2>项目|企业)(?:数量|总数|数)?(?:共|共计|合计|累计|总计|达|达到|为|有|近|超|逾|超过){{0,2}}(?P<n2>{_NUM})(?:个|项|家)"
)


_FIRM_COUNT_CONTEXT = re.compile(r"签约|开工|投产|落户|入驻|引进|招引|总投资|投资总额")


@register
class CountExtractor(Extractor):
    """Counts of projects or firms (139个项目, 项目116个): the heart of an aggregate statement."""

    kind = "count"

    def find(self, doc: Doc, found: Found) -> list[Mention]:
        from .amounts import parse_number

        out: list[Mention] = []
        for m in COUNT_RE.finditer(doc.text):
            raw = m.group("n") or m.group("n2")
            value = parse_number(raw)
            if value is None or value < 2 or value != int(value):
                continue
            what = m.group("what") or m.group("what2")
            if what == "企业" and not _FIRM_COUNT_CONTEXT.search(
                doc.text, max(0, m.start() - 12), min(len(doc.text), m.end() + 12)
            ):
                continue  # 走访8家企业, 新设外资企业45家: firms, not projects
            out.append(
                Mention(self.kind, m.start(), m.end(), m.group(), value=int(value), attrs={"what": what})
            )
        return out
