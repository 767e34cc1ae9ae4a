"""Lead mining: a document in, the projects and aggregate statements it reports out.

``extract_document`` is the one entry point for the CLI, the upload page and batch jobs. The
extractors (:mod:`.extractors`) find values with spans; this module groups them by sentence
and clause into projects, keeps aggregate statements (共签约项目139个，总投资1184亿元) apart
so they never become invented projects, and records the evidence span of every value.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import lexicon as lx
from .amounts import Amount, _wan
from .extractors import CJK, CLAUSE_END, SENTENCE_END, Doc, Mention, Spans, _abbreviates, run_extractors
from .normalize import ERR_EMPTY, MAX_CHARS, DecodedText, decode_bytes, normalize_with_info

WARN_TRUNCATED = "文本过长，只分析了前 {n} 个字符。"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value was read: [start, end) in the normalised text, and that substring."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, m: Mention) -> Evidence:
        return cls(m.start, m.end, m.text)

    def to_json(self) -> dict[str, Any]:
        return {"span": [self.start, self.end], "text": self.text}


@dataclass(slots=True)
class Project:
    name: str | None = None
    companies: list[str] = field(default_factory=list)
    amount_wan_cny: int | Decimal | None = None
    amount_raw: str | None = None
    currency: str | None = None
    qualifier: str | None = None
    industry: str | None = None
    chain: str | None = None
    location: str | None = None
    stage: str | None = None
    evidence: dict[str, Evidence | list[Evidence]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "companies": list(self.companies),
            "amount_wan_cny": _num(self.amount_wan_cny),
            "amount_raw": self.amount_raw,
            "currency": self.currency,
            "qualifier": self.qualifier,
            "industry": self.industry,
            "chain": self.chain,
            "location": self.location,
            "stage": self.stage,
            "evidence": _evidence_json(self.evidence),
        }


@dataclass(slots=True)
class Aggregate:
    count: int | None = None
    amount_wan_cny: int | Decimal | None = None
    amount_raw: str | None = None
    currency: str | None = None
    qualifier: str | None = None
    stage: str | None = None
    scope: str | None = None
    evidence: dict[str, Evidence | list[Evidence]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "amount_wan_cny": _num(self.amount_wan_cny),
            "amount_raw": self.amount_raw,
            "currency": self.currency,
            "qualifier": self.qualifier,
            "stage": self.stage,
            "scope": self.scope,
            "evidence": _evidence_json(self.evidence),
        }


@dataclass(slots=True)
class ExtractionResult:
    """What one document yields; spans index into ``text`` (the normalised text)."""

    doc: str
    text: str = ""
    projects: list[Project] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    encoding: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"doc": self.doc}
        if self.error:
            out["error"] = self.error
        if self.text or not self.error:
            # the spans refer to the normalised text: its length and hash let a reader check it
            out["text"] = (
                {"length": len(self.text), "sha1": hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]}
                if not include_text
                else {"length": len(self.text), "content": self.text}
            )
        if self.encoding:
            out["encoding"] = self.encoding
        if self.warnings:
            out["warnings"] = list(self.warnings)
        out["projects"] = [p.to_json() for p in self.projects]
        out["aggregates"] = [a.to_json() for a in self.aggregates]
        return out

    def to_json(self, *, include_text: bool = False) -> str:
        return json.dumps(self.to_dict(include_text=include_text), ensure_ascii=False)


def _num(value: int | Decimal | None) -> int | float | None:
    # JSON has one number type; whole 万元 (the usual case) stay exact ints. A fractional 万元
    # such as 0.5 is written from its Decimal text, which float reproduces exactly.
    if value is None or isinstance(value, int):
        return value
    return int(value) if value == value.to_integral_value() else float(str(value))


def _evidence_json(ev: dict[str, Evidence | list[Evidence]]) -> dict[str, Any]:
    return {k: [e.to_json() for e in v] if isinstance(v, list) else v.to_json() for k, v in ev.items()}


# --- public API ---------------------------------------------------------------------------


def extract_document(data: str | bytes, *, doc: str = "", html: bool | None = None) -> ExtractionResult:
    """Extract projects and aggregates from raw bytes (any supported encoding) or text.

    Never raises for bad input: an empty, binary or undecodable document gives a result with
    a Chinese ``error`` and no projects, so a batch goes on.
    """
    encoding: str | None = None
    if isinstance(data, bytes | bytearray):
        decoded: DecodedText = decode_bytes(bytes(data))
        if not decoded.ok:
            return ExtractionResult(doc=doc, error=decoded.error)
        text, encoding = decoded.text, decoded.encoding
    else:
        text = data
    warnings: list[str] = []
    norm, truncated = normalize_with_info(text, html=html)
    if truncated:
        warnings.append(WARN_TRUNCATED.format(n=MAX_CHARS))
    if not norm.strip():
        return ExtractionResult(doc=doc, text=norm, encoding=encoding, error=ERR_EMPTY, warnings=warnings)
    projects, aggregates = extract_normalized(norm)
    return ExtractionResult(
        doc=doc, text=norm, projects=projects, aggregates=aggregates, encoding=encoding, warnings=warnings
    )


def extract_normalized(text: str) -> tuple[list[Project], list[Aggregate]]:
    """Extraction on text that is already normalised (spans index into ``text``)."""
    doc = Doc.build(text)
    found = run_extractors(doc)
    return _Assembler(doc, found).run()


# --- assembly -----------------------------------------------------------------------------

_FACILITY_RE = re.compile(
    rf"(?:投资建设|投资兴建|建设|新建|投建|扩建|兴建|上马|布局|打造|建立|设立)(?P<obj>[{CJK}A-Za-z0-9.\-α-ω]{{2,30}}?"
    r"(?:基地|工厂|生产线|产线|产业园|总部|研发中心|中心|装置|工程|厂区|电站|码头|研究院))"
)
_BUILD_RE = re.compile(r"建设|新建|扩建|投建|兴建|建成|厂区|生产线|基地|工厂|增资|扩产")
_PHASE_BEFORE = re.compile(
    r"(?P<n>[一二三四五六首]|第[一二三四五六])期(?:工程|项目)?(?:计划|拟|预计)?(?:总)?(?:投资|投入)(?:约|额|为|达)?$"
)
_TARGET_RE = re.compile(r"力争|争取|目标|预计|计划(?!总投资|投资)|不低于|不少于|确保")
_TITLE_MAX = 60


@dataclass(slots=True)
class _Draft:
    name: Mention | None
    segments: list[tuple[int, int]] = field(default_factory=list)
    amount: Mention | None = None  # set by 分别 / 前者…后者 distribution
    firms: list[Mention] | None = None  # set by 分别由A和B
    place: Mention | None = None  # set by 分别落户A、B和C
    #: clauses about several projects at once (the sentence's lead, a list's shared predicate):
    #: a source of stage and place only, when the project's own clauses have none
    context: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _AggDraft:
    count: Mention | None
    clause: tuple[int, int]
    sentence: tuple[int, int]
    amount: Mention | None = None


def _same_aggregate(a: Aggregate, b: Aggregate) -> bool:
    """The same statement told twice, once with less detail (headline and lead)."""
    if a.count is not None and b.count is not None and a.count != b.count:
        return False
    if a.amount_wan_cny is not None and b.amount_wan_cny is not None:
        if a.amount_wan_cny == b.amount_wan_cny and a.currency == b.currency:
            return True
        # a headline rounds: 总投资突破400亿元 over the lead's 412亿元 is the same statement
        rounded = a if a.count is None else b if b.count is None else None
        if rounded is not None and rounded.qualifier in ("超", "近", "约", "逾", "达", "余", "多"):
            big, small = max(a.amount_wan_cny, b.amount_wan_cny), min(a.amount_wan_cny, b.amount_wan_cny)
            return bool(small >= big * Decimal("0.85"))
        return False
    return a.count is not None and a.count == b.count


def _split(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    pos = start
    for m in pattern.finditer(text, start, end):
        if m.start() > pos:
            parts.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        parts.append((pos, end))
    return parts


def _split_outside_brackets(
    text: str, start: int, end: int, pattern: re.Pattern[str]
) -> list[tuple[int, int]]:
    """:func:`_split`, but a separator inside （…） does not split: 项目（投资方：A公司，总投资12亿元）."""
    if "（" not in text[start:end] and "(" not in text[start:end]:
        return _split(text, start, end, pattern)
    parts: list[tuple[int, int]] = []
    pos = start
    depth = 0
    i = start
    seps = {m.start(): m.end() for m in pattern.finditer(text, start, end)}
    while i < end:
        c = text[i]
        if c in "（(":
            close = max(text.find("）", i, end), text.find(")", i, end))
            depth += 1 if close >= 0 else 0
        elif c in "）)" and depth:
            depth -= 1
        elif depth == 0 and i in seps:
            if i > pos:
                parts.append((pos, i))
            pos = seps[i]
            i = pos
            continue
        i += 1
    if pos < end:
        parts.append((pos, end))
    return parts


_ITEM_SEP = re.compile("、")


def _full_park_name(place: str) -> str:
    """徐州经开区 → 徐州经济技术开发区: the full name of another city's park."""
    for short, full in (("经开区", "经济技术开发区"), ("高新区", "高新技术产业开发区")):
        if place.endswith(short) and len(place) > len(short):
            return place[: -len(short)] + full
    return place

# 公司拟以自有资金向全资子公司…: in an announcement a bare 公司 opening a clause is the issuer
_COMPANY_SUBJECT = re.compile(r"(?:^|(?<=[，。；：\n]))公司(?=拟|将|以|向|于|已|计划|决定|与|在|全资|控股|通过)")
# a field line of a project list written as key–value lines (一、X项目 / 投资方：… / 总投资：…)
_FIELD_LINE = re.compile(
    r"\s*(?:投资方|投资主体|投资单位|投资企业|签约企业|签约单位|建设单位|实施主体|项目业主|项目单位|总投资|计划总投资"
    r"|投资总额|投资额|投资规模|建设地点|项目地点|项目选址|选址|落户地点|建设内容|建设规模|项目进展|进展情况)\s*[：:]"
)


def _name_words(key: str) -> set[str]:
    return set(re.sub(r"项目|工程|年产|万吨|[\d.]|[及和与的]", "", key))


def _name_numbers(name: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?|[一二三四五六首]期", name))


def _within(m: Mention, s: int, e: int) -> bool:
    return s <= m.start and m.end <= e


class _Assembler:
    def __init__(self, doc: Doc, found: dict[str, list[Mention]]) -> None:
        self.doc = doc
        self.text = doc.text
        self.found = found
        self.idx = {kind: Spans(items) for kind, items in found.items()}
        projects = found.get("project", [])
        self.named = [p for p in projects if p.attrs["type"] == "named"]
        self.coref = Spans(p for p in projects if p.attrs["type"] == "coref")
        self.generic = Spans(p for p in projects if p.attrs["type"] == "generic")
        self.amounts = self.idx.get("amount", Spans())
        self.counts = self.idx.get("count", Spans())
        self.claimed: set[int] = set()  # id() of amount mentions owned by aggregates
        self.drafts: list[_Draft] = []
        self.aggs: list[_AggDraft] = []
        self.loose: list[tuple[int, int]] = []  # non-aggregate clauses outside any project
        self._mark_statistics()
        self.title_end = self._title_end()
        self.head_end = self._head_end()
        self.named_idx = Spans(a for a in self.named if not self._predicate(a))
        places = found.get("place", [])
        lyg = sum(1 for p in places if p.attrs.get("lyg"))
        other = sum(1 for p in places if not p.attrs.get("lyg") and p.attrs["rank"] >= 2)
        self.lyg_doc = lyg > 0 and lyg >= other

    def _predicate(self, anchor: Mention) -> bool:
        """该项目是国内最大的碳纤维项目: the second 项目 describes the first, it is not another one."""
        for c in self.coref.overlapping(anchor.start - 30, anchor.start):
            if c.end <= anchor.start and anchor.start - c.end <= 30:
                between = self.text[c.end : anchor.start]
                if (
                    not CLAUSE_END.search(between)
                    and not SENTENCE_END.search(between)
                    and re.search("是|为|成为|属于|列为|作为", between)
                ):
                    return True
        return False

    # -- the walk over sentences ------------------------------------------------------------

    def run(self) -> tuple[list[Project], list[Aggregate]]:
        """Sentence by sentence: aggregates first (their clauses and amounts are taken out), then
        each named project collects the clauses up to the next one; 该项目 sentences follow the
        last project; what is left ("loose") can only fill gaps of a single-project document."""
        text = self.text
        sentences = _split(text, 0, len(text), SENTENCE_END)
        self._implicit_anchors(sentences)
        last: _Draft | None = None
        previous: list[_Draft] = []  # the drafts named in the previous sentence, for 前者/后者
        for ss, se in sentences:
            clauses = _split_outside_brackets(text, ss, se, CLAUSE_END)
            agg_idx = self._aggregates(clauses, (ss, se))
            anchors = self.named_idx.within(ss, se)
            if not anchors:
                kept = [c for i, c in enumerate(clauses) if i not in agg_idx]
                if self._former_latter(kept, previous) or self._respective_firms((ss, se), previous):
                    continue
                if len(previous) >= 2:
                    self._respectively(clauses, previous)
                refers = any(self._has(self.coref, c) for c in kept) or bool(_FIELD_LINE.match(text, ss, se))
                if refers and last is not None:
                    last.segments.extend(kept)
                else:
                    self.loose.extend(kept)
                continue
            in_sentence: list[_Draft] = []
            pending: list[tuple[int, int]] = []
            cur: _Draft | None = None
            for i, (cs, ce) in enumerate(clauses):
                if i in agg_idx:
                    continue
                in_clause = [a for a in anchors if cs <= a.start < ce]  # anchors of one sentence: few
                if not in_clause:
                    if cur is not None:
                        cur.segments.append((cs, ce))
                    else:
                        pending.append((cs, ce))
                    continue
                if len(in_clause) >= 2:
                    items = self._items(cs, ce, in_clause)
                    if items is not None:
                        shared = (
                            in_clause[-1].end,
                            ce,
                        )  # A项目、B项目开工建设: the predicate is both projects'
                        for draft, item in items:
                            if draft not in in_sentence:
                                in_sentence.append(draft)
                            draft.segments.append(item)
                            draft.segments.extend(pending)
                            draft.context.append(shared)
                            pending = []
                            cur = draft
                        continue
                pos = cs
                for a in in_clause:
                    draft = self._draft_for(a)
                    if draft not in in_sentence:
                        in_sentence.append(draft)
                    draft.segments.append((pos, max(a.end, pos)))
                    draft.segments.extend(pending)
                    pending = []
                    pos = a.end
                    cur = draft
                if pos < ce and cur is not None:
                    cur.segments.append((pos, ce))
            if pending:
                self.loose.extend(pending)
            lead = [c for i, c in enumerate(clauses) if i not in agg_idx and c[1] <= anchors[0].start]
            for draft in in_sentence:
                draft.context.extend(lead)  # 石化产业基地建设实现新突破，A项目…，B项目…
            self._respectively(clauses, in_sentence)
            last = cur
            previous = in_sentence
        self._merge_title_drafts()
        self._merge_restated()
        if not self.drafts:
            self._unnamed_project()
        projects = [p for p in (self._project(d) for d in self.drafts) if p is not None]
        aggregates = self._dedupe_aggs([self._aggregate(a) for a in self.aggs])
        return projects, aggregates

    def _items(self, cs: int, ce: int, anchors: list[Mention]) -> list[tuple[_Draft, tuple[int, int]]] | None:
        """A、B、C listed in one clause, each item with its own project: the whole item is that project's
        (江苏A公司X项目、B公司Y项目（投资方：…）). None when the items do not hold one project each."""
        parts = _split_outside_brackets(self.text, cs, ce, _ITEM_SEP)
        if len(parts) < 2:
            return None
        out: list[tuple[_Draft, tuple[int, int]]] = []
        lead: tuple[int, int] | None = None
        for k, (ps, pe) in enumerate(parts):
            inside = [a for a in anchors if ps <= a.start < pe]
            if len(inside) > 1:
                return None
            if not inside:
                if k == 0:
                    lead = (ps, pe)  # 签约项目包括：… before the first item
                    continue
                return None  # an item without a project: a list of something else
            out.append((self._draft_for(inside[0]), (ps, pe)))
        if lead is not None and out:
            self.loose.append(lead)
        return out if len(out) >= 2 else None

    def _respectively(self, clauses: list[tuple[int, int]], drafts: list[_Draft]) -> None:
        """…A项目、B项目也于当日开工，分别投资11亿元和4.5亿元: amounts go to the projects in order."""
        for cs, ce in clauses:
            k = self.text.find("分别", cs, ce)
            if k < 0:
                continue
            firms = [f for f in self.idx["company"].within(k, ce)] if "company" in self.idx else []
            before = [f for f in self.idx["company"].within(cs, k)] if "company" in self.idx else []
            if (
                not firms
                and before
                and before[-1].end == k
                and all(
                    self.text[a.end : b.start] in ("、", "和", "与", "及")
                    for a, b in zip(before, before[1:], strict=False)
                )
            ):
                firms = before  # 与A、B分别签约X项目和Y项目: the firms named just before 分别, in order
            if len(drafts) >= 2 and len(firms) == len(drafts):
                for draft, firm in zip(drafts, firms, strict=True):  # 分别由A公司和B公司投资建设
                    draft.firms = [firm]
            places = self._places([(k, ce)])
            if len(drafts) >= 2 and len(places) == len(drafts):
                for draft, place in zip(drafts, places, strict=True):  # 分别落户开发区、海州区和灌南县
                    draft.place = place
            amounts = [a for a in self._free_amounts((k, ce)) if a.attrs["role"] in ("investment", "neutral")]
            if len(amounts) >= 2 and len(amounts) == len(drafts):
                for draft, amount in zip(drafts, amounts, strict=True):
                    draft.amount = amount
                    self.claimed.add(id(amount))

    def _respective_firms(self, sentence: tuple[int, int], previous: list[_Draft]) -> bool:
        """两个项目的投资方分别为A和B: firms go to the projects just named, in order."""
        k = self.text.find("分别", *sentence)
        if k < 0 or len(previous) < 2:
            return False
        firms = self.idx["company"].within(k, sentence[1]) if "company" in self.idx else []
        if len(firms) != len(previous):
            return False
        for draft, firm in zip(previous, firms, strict=True):
            draft.segments.append((firm.start, firm.end))
        return True

    def _former_latter(self, clauses: list[tuple[int, int]], previous: list[_Draft]) -> bool:
        """前者总投资8.5亿元，后者总投资6亿元: clauses about the two projects just named."""
        if len(previous) != 2:
            return False
        used = False
        for clause in clauses:
            head = self.text[clause[0] : clause[0] + 4]
            target = previous[0] if "前者" in head else previous[1] if "后者" in head else None
            if target is not None:
                target.segments.append(clause)
                used = True
        return used

    def _merge_title_drafts(self) -> None:
        """A headline names the project more briefly than the body: fold it into the body's project."""
        title = [d for d in self.drafts if d.name is not None and d.name.end <= self.title_end]
        body = [d for d in self.drafts if d not in title]
        if not title or not body:
            return
        for t in title:
            key = set(self._name_key(t.name)) - set("项目")  # type: ignore[arg-type]
            best = max(body, key=lambda b: len(key & set(self._name_key(b.name))) if b.name else 0)
            best.segments.extend(t.segments)
            if best.amount is None:
                best.amount = t.amount
            self.drafts.remove(t)

    def _merge_restated(self) -> None:
        """就维生素及营养品中间体项目进行洽谈，…有意投资建设年产3万吨维生素中间体项目: one project told twice
        in one sentence, the second time more precisely (its name's words contained in the first's)."""
        for later in list(self.drafts):
            if later.name is None:
                continue
            for earlier in self.drafts:
                if earlier is later or earlier.name is None or earlier.name.start >= later.name.start:
                    continue
                if SENTENCE_END.search(self.text, earlier.name.end, later.name.start):
                    continue
                a, b = _name_words(self._name_key(earlier.name)), _name_words(self._name_key(later.name))
                numbers_a, numbers_b = _name_numbers(earlier.name.text), _name_numbers(later.name.text)
                if numbers_a and numbers_b and numbers_a != numbers_b:
                    continue  # 一期 / 二期, 5万吨 / 10万吨: two projects
                small, big = sorted((a, b), key=len)
                if len(small) >= 4 and len(small & big) >= 0.8 * len(small):
                    later.segments.extend(earlier.segments)
                    later.context.extend(earlier.context)
                    later.amount = later.amount or earlier.amount
                    self.drafts.remove(earlier)
                    break

    @staticmethod
    def _has(mentions: Spans, clause: tuple[int, int]) -> bool:
        return bool(mentions.within(*clause))

    def _draft_for(self, anchor: Mention) -> _Draft:
        """The draft for this name: the same project named twice (title and body) is one project."""
        key = self._name_key(anchor)
        for d in self.drafts:
            if d.name is None:
                continue
            other = self._name_key(d.name)
            if key == other or (
                min(len(key), len(other)) >= 5 and (key.endswith(other) or other.endswith(key))
            ):
                if other.endswith(key) is False and len(anchor.value) > len(d.name.value):
                    d.name = anchor
                elif d.name.end <= self.title_end < anchor.start:
                    d.name = anchor  # the body names the project in full; the headline shortens it
                return d
        draft = _Draft(anchor)
        self.drafts.append(draft)
        return draft

    def _name_key(self, name: Mention) -> str:
        """The name without the firms and places in it: 恒瑞医药创新药基地项目 ~ 江苏恒瑞医药股份有限公司创新药基地项目."""
        chars = list(self.text[name.start : name.end])
        for kind in ("company", "place"):
            for m in self.idx.get(kind, Spans()).within(name.start, name.end):
                if name.start <= m.start and m.end <= name.end:
                    for i in range(m.start - name.start, m.end - name.start):
                        chars[i] = ""
        return re.sub(r"[“”\"（）()\s]", "", "".join(chars))

    def _implicit_anchors(self, sentences: list[tuple[int, int]]) -> None:
        """A firm investing a sum to build a base/plant is a project even without the word 项目."""
        firms = self.idx.get("company", Spans())
        named = Spans(self.named)
        extra: list[Mention] = []
        for ss, se in sentences:
            if named.within(ss, se) or self.counts.within(ss, se):
                continue
            if not firms.within(ss, se):
                continue
            money = any(a.attrs["role"] in ("investment", "neutral") for a in self.amounts.within(ss, se))
            stated = any(not m.attrs["future"] for m in self.idx.get("stage", Spans()).within(ss, se))
            if not (money or stated):
                continue  # a firm and a plant but neither a sum nor a step: not enough for a project
            for m in _FACILITY_RE.finditer(self.text, ss, se):
                s, e = m.span("obj")
                # the object starts after any amount inside the match (投资50亿元建设 …)
                for a in self.amounts.overlapping(s, e):
                    if s < a.end <= e:
                        s = a.end
                obj = self.text[s:e].lstrip("的了")
                s = e - len(obj)
                if len(obj) >= 4:
                    extra.append(
                        Mention("project", s, e, obj, value=obj, attrs={"type": "named", "implicit": True})
                    )
                    break
        self.named = sorted(self.named + extra, key=lambda m: m.start)
        self.named_idx = Spans(a for a in self.named if not self._predicate(a))

    def _aggregates(self, clauses: list[tuple[int, int]], sentence: tuple[int, int]) -> set[int]:
        """Find aggregate statements in a sentence; return the indexes of their clauses."""
        used: set[int] = set()
        target = False
        for i, clause in enumerate(clauses):
            if target or _TARGET_RE.search(self.text, clause[0], clause[1]):
                target = True  # 力争全年新签约项目420个，新开工项目310个: targets, to the end of the sentence
                continue
            counts = self.counts.within(*clause)
            has_named = bool(self.named_idx.within(*clause))
            if counts:
                # 超10亿元项目11个、超50亿元项目3个: one aggregate per count, each with its own part
                bounds = [clause[0]] + [c.end for c in counts[:-1]] + [clause[1]]
                parts: list[tuple[Mention | None, tuple[int, int]]] = [
                    (counts[k], (bounds[k], bounds[k + 1])) for k in range(len(counts))
                ]
            else:
                category = self.generic.within(*clause)
                total = [a for a in self._free_amounts(clause) if a.attrs.get("total")]
                if not (category and total and not has_named and not self.coref.within(*clause)):
                    continue
                parts = [(None, clause)]
            used.add(i)
            for count, part in parts:
                agg = _AggDraft(count, part, sentence)
                closes_list = count is not None and self.text[max(0, count.start - 1) : count.start] == "等"
                own = not has_named or closes_list  # A项目、B项目等12个项目，总投资356亿元: the list's total
                amount = (
                    None
                    if not own
                    else next(
                        (a for a in self._free_amounts(part) if a.attrs["role"] in ("investment", "neutral")),
                        None,
                    )
                )
                if amount is None and own and len(parts) == 1:
                    for j in range(i + 1, len(clauses)):
                        nxt = clauses[j]
                        if self.named_idx.within(*nxt) or self.counts.within(*nxt):
                            break
                        amount = next(
                            (a for a in self._free_amounts(nxt) if a.attrs["role"] == "investment"), None
                        )
                        if amount is not None:
                            used.add(j)
                            break
                if amount is not None and amount.value.qualifier in ("以上", "以下") and count is None:
                    continue  # 总投资10亿元以上的制造业项目: a size class in a policy, not a total
                if amount is not None and "分别" in self.text[sentence[0] : sentence[1]]:
                    amount = None  # 总投资分别为42亿元、6.8亿元: the projects' own amounts
                if amount is not None:
                    agg.amount = amount
                    self.claimed.add(id(amount))
                self.aggs.append(agg)
            if has_named:
                used.discard(i)  # the clause still reports a named project; only its count is aggregate
        return used

    def _free_amounts(self, clause: tuple[int, int]) -> list[Mention]:
        return [
            a
            for a in self.amounts.within(*clause)
            if id(a) not in self.claimed and a.attrs["role"] != "threshold"
        ]

    def _unnamed_project(self) -> None:
        """No project is named but a firm commits a sum in plain words: one unnamed project."""
        if self.aggs and not self.coref:
            return
        clauses = self.loose
        firms = [f for c in clauses for f in self.idx.get("company", Spans()).within(*c)]
        money = [a for c in clauses for a in self._free_amounts(c) if a.attrs["role"] == "investment"]
        acts = any(_BUILD_RE.search(self.text, *c) for c in clauses) or any(
            not m.attrs["future"] for c in clauses for m in self.idx.get("stage", Spans()).within(*c)
        )
        if firms and money and acts:  # a firm, a sum and something built or signed: not a results report
            self.drafts.append(_Draft(None, list(clauses)))
            self.loose = []

    # -- one project from its clauses -----------------------------------------------------------

    def _in(self, kind: str, segments: list[tuple[int, int]]) -> list[Mention]:
        index = self.idx.get(kind)
        if index is None:
            return []
        seen: dict[int, Mention] = {}
        for s, e in segments:
            for m in index.within(s, e):
                seen[id(m)] = m
        return sorted(seen.values(), key=lambda m: m.start)

    def _project(self, draft: _Draft) -> Project | None:
        segs = draft.segments
        single = len(self.drafts) == 1
        p = Project()
        if draft.name is not None:
            name = self._bare_name(draft.name)
            p.name = name.value
            p.evidence["name"] = Evidence.of(name)
        firms = self._companies(draft.firms if draft.firms is not None else self._in("company", segs))
        issuer = self._issuer()
        if (
            issuer is not None
            and issuer not in firms
            and any(
                re.search("本公司|本集团", self.text[a:b])
                or (self._announcement() and _COMPANY_SUBJECT.search(self.text, a, b))
                for a, b in segs
            )
        ):
            firms.insert(0, issuer)  # 本公司之全资附属公司…: the announcing company is a party
        if not firms and single:
            firms = self._companies(self._in("company", self.loose))
        if firms:
            p.companies = [f.value for f in firms]
            p.evidence["companies"] = [Evidence.of(f) for f in firms]
        amount = draft.amount or self._amount(segs) or (self._amount(self.loose) if single else None)
        if amount is not None:
            a: Amount = amount.value
            p.amount_wan_cny, p.amount_raw, p.currency, p.qualifier = (
                a.wan_cny,
                a.text,
                a.currency,
                a.qualifier,
            )
            p.evidence["amount"] = Evidence.of(amount)
        own = self._in("stage", segs)
        own = [m for m in own if not m.attrs.get("stat")]
        shared = [m for m in self._in("stage", draft.context) if not m.attrs.get("stat")]
        stage = (
            self._stage(own, weak=False) or self._stage(shared, weak=False) or self._doc_stage(projects=True)
        )
        stage = (
            stage
            or (
                self._stage([m for m in self._in("stage", self.loose) if not m.attrs.get("stat")], weak=False)
                if single
                else None
            )
            or self._stage(own)
        )
        if stage is not None:
            p.stage = stage.value
            p.evidence["stage"] = Evidence.of(stage)
        place = draft.place or self._place(self._places(segs))
        shared_place = self._place(self._places(draft.context))
        if shared_place is not None and (
            place is None or place.attrs["rank"] <= 2 < shared_place.attrs["rank"]
        ):
            place = shared_place  # the city said in passing (连云港分行) is less than the zone the sentence opened with
        doc_place = self._doc_place()
        if place is not None and doc_place is not None and lx.LYG_PARENT.get(doc_place.value) == place.value:
            place = doc_place  # 徐圩新区 in the body, 石化基地 in the headline: the park within the zone
        if place is None or (
            place.attrs["rank"] <= 2
            and doc_place is not None
            and doc_place.attrs["rank"] > place.attrs["rank"]
        ):
            place = doc_place or (self._place(self._places(self.loose)) if single else None)
        if place is not None:
            if not place.attrs.get("lyg") and _full_park_name(place.value) != place.value:
                full = _full_park_name(place.value)  # 徐州经开区 in the headline, its full name in the body
                place = next((m for m in self.found.get("place", []) if m.value == full), place)
            p.location = place.value
            p.evidence["location"] = Evidence.of(place)
        chain = self._chain(self._in("chain", segs), draft.name)
        if chain is None and single:
            chain = self._chain(self._in("chain", self.loose), None)
        if chain is not None:
            p.chain = chain.value
            p.industry = chain.attrs["industry"]
            p.evidence["chain"] = Evidence.of(chain)
        if p.name is None and not (
            p.companies and p.amount_wan_cny is not None or p.companies and p.currency
        ):
            return None
        return p

    def _announcement(self) -> bool:
        """A listed firm's announcement or record: its header carries the stock code or 公告."""
        return bool(re.search("证券代码|证券简称|股票代码|股份代号|公告编号", self.text[: self.head_end]))

    def _issuer(self) -> Mention | None:
        """The firm an announcement is issued by: the first investor named in its header."""
        return next(
            (
                f
                for f in self.idx.get("company", Spans()).items
                if f.end <= self.head_end
                and f.attrs.get("full")
                and f.attrs.get("role", "investor") == "investor"
            ),
            None,
        )

    def _bare_name(self, name: Mention) -> Mention:
        """江苏立达医药集团有限公司生物制剂产业化项目 → 生物制剂产业化项目: the firm is in ``companies``."""
        for firm in self.idx.get("company", Spans()).within(name.start, name.end):
            if firm.start == name.start and firm.attrs.get("full") and name.end - firm.end >= 4:
                rest = self.text[firm.end : name.end]
                return Mention("project", firm.end, name.end, rest, value=rest, attrs=name.attrs)
        return name

    def _places(self, segs: list[tuple[int, int]]) -> list[Mention]:
        """Places in these clauses; in a 连云港 story only 连云港 places (others are visits, origins)."""
        found = self._in("place", segs)
        return [p for p in found if p.attrs.get("lyg")] if self.lyg_doc else found

    @staticmethod
    def _companies(mentions: list[Mention]) -> list[Mention]:
        seen: dict[str, Mention] = {}
        for m in mentions:
            if m.attrs.get("role", "investor") != "investor":
                continue  # the bank, the design institute, the contractor, the witness
            if m.value not in seen or (m.attrs.get("full") and not seen[m.value].attrs.get("full")):
                seen[m.value] = m  # the registered name, where written, is the better evidence
        values = list(seen)
        # a short form next to its full name ("恒瑞医药" / "盛虹集团" and the registered name) is one firm
        keep = [
            m
            for v, m in seen.items()
            if not any(
                v != o and len(v) < len(o) and (v in o or (len(v) <= 6 and _abbreviates(v, o)))
                for o in values
            )
        ]
        return keep

    def _amount(self, segs: list[tuple[int, int]]) -> Mention | None:
        cands = [
            a
            for a in self._in("amount", segs)
            if id(a) not in self.claimed and a.attrs["role"] in ("investment", "neutral")
        ]
        total = next((a for a in cands if a.attrs.get("total")), None)
        if total is not None:
            return total
        phases = self._phases(cands)
        if phases is not None:
            return phases
        for test in (lambda a: a.attrs["role"] == "investment", lambda a: True):
            hit = next((a for a in cands if test(a)), None)
            if hit is not None:
                return hit
        return None

    def _phases(self, cands: list[Mention]) -> Mention | None:
        """一期投资8亿元，二期投资12亿元 and no total: the project's amount is the sum of its phases."""
        phases: dict[str, Mention] = {}
        for a in cands:
            m = _PHASE_BEFORE.search(self.text, max(0, a.start - 12), a.start)
            if m and a.attrs["role"] == "investment" and m.group("n") not in phases:
                phases[m.group("n")] = a
        found = list(phases.values())
        if len(found) < 2 or len({a.value.currency for a in found}) != 1:
            return None
        first, last = found[0], found[-1]
        value = sum((a.value.value for a in found), Decimal(0))
        raw = "+".join(a.value.text for a in found)
        amount = Amount(
            start=first.start,
            end=last.end,
            text=raw,
            value=value,
            currency=first.value.currency,
            qualifier=None,
            bare=False,
            wan_cny=_wan(value, first.value.currency),
        )
        return Mention(
            "amount",
            first.start,
            last.end,
            self.text[first.start : last.end],
            value=amount,
            attrs={"role": "investment", "total": False, "phases": True},
        )

    @staticmethod
    def _stage(mentions: list[Mention], *, weak: bool = True) -> Mention | None:
        """The most advanced stage stated as a fact (签约 then 开工 → 开工); plans don't count."""
        facts = [m for m in mentions if not m.attrs["future"] and (weak or not m.attrs.get("weak"))]
        if not facts:
            return None
        strong = [m for m in facts if not m.attrs.get("weak")]
        return max(strong or facts, key=lambda m: (lx.STAGE_ORDER.index(m.value), -m.start))

    @staticmethod
    def _place(mentions: list[Mention]) -> Mention | None:
        """The most specific place; of two equally specific, the one written inside the other
        (连云港港徐圩港区 → 徐圩港区), else the first."""
        if not mentions:
            return None
        ends = {m.end for m in mentions}
        return max(mentions, key=lambda m: (m.attrs["rank"], m.start in ends, -m.start))

    def _chain(self, mentions: list[Mention], name: Mention | None) -> Mention | None:
        if not mentions:
            return None
        score: dict[str, float] = {}
        first: dict[str, Mention] = {}
        firms = self.idx.get("company", Spans())
        for m in mentions:
            key = m.value or "~" + m.attrs["industry"]
            if any(f.start <= m.start and m.end <= f.end for f in firms.overlapping(m.start, m.end)):
                weight = 0.5  # 精细化工 in a firm's name says less than the product the project makes
            else:
                weight = 2.0 if name is not None and _within(m, name.start, name.end) else 1.0
            weight *= 1.0 if m.value else 0.5  # a chain keyword beats a broad industry word
            score[key] = score.get(key, 0.0) + weight
            first.setdefault(key, m)
        best = max(score, key=lambda k: (score[k], -first[k].start))
        return first[best]

    # -- document-level context -------------------------------------------------------------------

    def _title_end(self) -> int:
        nl = self.text.find("\n")
        first = self.text[: nl if nl >= 0 else len(self.text)]
        if 0 < len(first) <= _TITLE_MAX and "。" not in first:
            return len(first)
        m = SENTENCE_END.search(self.text)
        return m.start() if m else len(self.text)

    def _head_end(self) -> int:
        """End of the headline and the lead sentence: where news states the event and its place.

        Date and source lines of web pages (2024年06月18日 来源：新华日报) are skipped: the lead is
        the first sentence with some substance.
        """
        pos = self.title_end + 1
        while pos < len(self.text):
            m = SENTENCE_END.search(self.text, pos)
            end = m.start() if m else len(self.text)
            if len(re.findall(f"[{CJK}]", self.text[pos:end])) >= 15:
                return end
            pos = end + 1
        return len(self.text)

    def _doc_stage(self, *, projects: bool = False) -> Mention | None:
        """The event the headline and lead report; for projects, not a statistic (新开工项目298个)."""
        return self._stage(
            [
                m
                for m in self.found.get("stage", [])
                if m.end <= self.head_end and not (projects and m.attrs.get("stat"))
            ]
        )

    def _mark_statistics(self) -> None:
        """新签约亿元以上项目386个, 新开工项目298个: a stage word that counts projects is not an event."""
        for m in self.found.get("stage", []):
            if self.text[m.start - 1 : m.start] != "新":
                continue
            end = CLAUSE_END.search(self.text, m.end)
            stop = SENTENCE_END.search(self.text, m.end)
            limit = min(x.start() if x else len(self.text) for x in (end, stop))
            if self.counts.within(m.end, limit):
                m.attrs["stat"] = True

    def _doc_place(self) -> Mention | None:
        return self._place(self._places([(0, self.head_end)]))

    # -- aggregates ---------------------------------------------------------------------------------

    def _aggregate(self, d: _AggDraft) -> Aggregate:
        g = Aggregate()
        if d.count is not None:
            g.count = d.count.value
            g.evidence["count"] = Evidence.of(d.count)
        if d.amount is not None:
            a: Amount = d.amount.value
            g.amount_wan_cny, g.amount_raw, g.currency, g.qualifier = (
                a.wan_cny,
                a.text,
                a.currency,
                a.qualifier,
            )
            g.evidence["amount"] = Evidence.of(d.amount)
        stage = (
            self._stage(self._in("stage", [d.clause]))
            or self._stage(self._in("stage", [d.sentence]))
            or self._doc_stage()
        )
        if stage is not None:
            g.stage = stage.value
            g.evidence["stage"] = Evidence.of(stage)
        place = self._place(self._in("place", [d.sentence]))
        if place is None:
            s, e = d.sentence
            k = self.text.find("全市", s, e)
            if k >= 0 and self.doc.about_lyg:
                place = Mention("place", k, k + 2, "全市", value=lx.LYG_CITY, attrs={"rank": 2})
        place = place or self._doc_place()
        if place is not None:
            g.scope = place.value
            g.evidence["scope"] = Evidence.of(place)
        return g

    @staticmethod
    def _dedupe_aggs(aggs: list[Aggregate]) -> list[Aggregate]:
        """The title and the body often state the same total: keep it once, with the most detail."""
        out: list[Aggregate] = []
        for a in aggs:
            twin = next((o for o in out if _same_aggregate(o, a)), None)
            if twin is None:
                out.append(a)
            elif (twin.amount_raw is None and a.amount_raw is not None) or (
                twin.count is None and a.count is not None
            ):
                out[out.index(twin)] = a
        return out
