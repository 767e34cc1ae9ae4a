"""Which firm names name the same firm: pair judgements, grouping and duplicate candidates.

The rules, in the order they apply (`pair_score` explains each in Chinese):

1. The credit code, when both names have one, decides: equal → same, different → different.
2. A branch (…上海分公司) is never its head office, and two branches are two entities.
3. Names with the same key (字号 + 行业表述, see names.py) are the same firm unless their
   places of registration conflict (上海恒瑞医药 / 江苏恒瑞医药).
4. A brand-only name (恒瑞, 中复神鹰) or one without a generic word (国能联合动力 for
   国能联合动力技术) is a short form of the longer name — unless the short one is a group
   or holding (盛虹集团 is not 盛虹炼化: parent and subsidiary are different entities).
5. The same 字号 with different industry words are different firms (恒瑞医药 / 恒瑞新材料).
6. What might be a typo (a one-character difference in a long 字号, an unknown word after
   the 字号) is "maybe": found as a candidate for review, never merged automatically.
7. A group and a company limited by shares of one key (中国铝业集团有限公司 / 中国铝业股份有限公司)
   are "maybe": most often the group and its listed company, sometimes a rename.

Grouping (`match_names`) applies rules 1–4 with union-find, and one more guard: a short form
joins a firm only when exactly one firm fits it. 恒瑞 alone, next to 恒瑞医药 and
恒瑞新材料, stays on its own (and is offered for review) instead of chaining the two.

Blocking keeps this linear: exact keys and short forms are dictionary look-ups; typo
candidates come from a one-deletion neighbourhood of the 字号 (two names share a block
when deleting one character from each gives the same string — every substitution,
insertion, deletion and swap), verified with rapidfuzz's Levenshtein distance.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .credit_code import credit_code_is_valid, normalize_credit_code
from .names import NameKey, gc_paused, normalize_firm_name, normalize_many, region_paths_compatible

__all__ = [
    "DuplicateCandidate",
    "MatchResult",
    "PairJudgement",
    "Verdict",
    "find_duplicate_candidates",
    "judge_keys",
    "match_names",
    "pair_score",
]

#: Buckets larger than this are skipped when looking for typos: a shared string that
#: common is a generic pattern (X科技), not a sign of one firm written twice.
MAX_TYPO_BUCKET = 64
#: A short form that fits more firms than this is not worth listing against each.
MAX_AMBIGUOUS_LISTED = 20
#: Where the platform runs. A name without a place that fits firms in several places is
#: read as the local one when exactly one of them is local (康缘药业 → 江苏康缘药业, not
#: 北京康缘药业): officers of 连云港 write the local firm's name without its place. This is the
#: default of the pure functions; the platform passes its ``HOME_REGION`` setting
#: (``firms.services.home_region()``).
HOME_REGION: tuple[str, ...] = ("江苏", "连云港")


class Verdict(enum.StrEnum):
    SAME = "same"
    DIFFERENT = "different"
    MAYBE = "maybe"

    @property
    def label(self) -> str:
        return {"same": "同一企业", "different": "不同企业", "maybe": "待人工确认"}[self.value]


@dataclass(frozen=True, slots=True)
class PairJudgement:
    """The matcher's view of two names, for the review screen."""

    verdict: Verdict
    #: string similarity of the two keys, 0–100 (rapidfuzz ratio); the verdict is structural
    score: float
    #: why, in Chinese
    reason: str

    @property
    def is_same(self) -> bool:
        return self.verdict is Verdict.SAME


@dataclass(frozen=True, slots=True)
class MatchResult:
    """One input name with its key and its group (the index of the group's first name)."""

    index: int
    name: str
    key: str
    group: int


class DuplicateCandidate(NamedTuple):
    """Two names (indices into the input) that may or do name the same firm."""

    i: int
    j: int
    score: float
    verdict: Verdict
    reason: str


# ---------------------------------------------------------------------------
# Pair judgement
# ---------------------------------------------------------------------------


def _words(k: NameKey) -> str:
    return "、".join(k.industry + k.generic) or "无"


def _place(path: Sequence[str]) -> str:
    return path[-1] if path else "未注明"


def judge_keys(a: NameKey, b: NameKey) -> tuple[Verdict, str]:
    """Rules 2–6 on two parsed names (no credit codes): the verdict and its reason."""
    if a.branch != b.branch:
        if not a.branch or not b.branch:
            branch = a.branch or b.branch
            return Verdict.DIFFERENT, f"“{branch}”是分支机构，与总公司不是同一登记主体"
        return Verdict.DIFFERENT, f"分支机构不同（{a.branch} / {b.branch}）"

    kind_a, kind_b = _legal_kind(a), _legal_kind(b)
    if kind_a and kind_b and kind_a != kind_b:
        return Verdict.DIFFERENT, f"组织形式不同（{kind_a} / {kind_b}），是不同的登记主体"
    verdict, reason = _judge_heads(a, b)
    if verdict is Verdict.SAME and not _kinds_compatible(_company_kind(a), _company_kind(b)):
        # 中国铝业集团有限公司 / 中国铝业股份有限公司: most often the group and its listed
        # company; sometimes one firm renamed (豪森药业股份 → 豪森药业集团). Only a reviewer or
        # the credit code can tell.
        verdict, reason = Verdict.MAYBE, (
            f"名称主体相同（{a.key}），但一为集团公司、一为股份公司，常是集团与其上市公司，"
            "也可能是更名，需人工确认"
        )
    if verdict is not Verdict.DIFFERENT and not region_paths_compatible(a.region_path, b.region_path):
        return Verdict.DIFFERENT, (
            f"名称主体相同但注册地不同（{_place(a.region_path)} / {_place(b.region_path)}），是不同登记主体"
        )
    return verdict, reason


def _legal_kind(k: NameKey) -> str:
    """公司, 合伙企业 or 合作社 for a registered name (one kind is rarely converted into another:
    嘉和投资有限公司 manages 嘉和投资合伙企业); "" when the form does not tell."""
    form = k.org_form
    if "合伙" in form:
        return "合伙企业"
    if "合作社" in form:
        return "合作社"
    if "公司" in form:
        return "公司"
    return ""


def _company_kind(k: NameKey) -> str:
    """The legal kind, with 公司 told apart into a group (集团有限公司) and a company limited by
    shares (股份有限公司) when the form says which: "公司:集团", "公司:股份", else `_legal_kind`.
    A 集团股份有限公司 is both and says neither."""
    kind = _legal_kind(k)
    if kind not in ("公司", ""):
        return kind
    shares = "股份" in k.org_form
    if (k.is_group or "总公司" in k.org_form) and not shares:
        # 连云港港口集团 written without 有限公司 is the group too; a 总公司 is what state groups
        # were registered as before they were restructured (中国石油化工总公司), never a listed company.
        return "公司:集团"
    if shares and not k.is_parent_like:
        # 远航国际控股股份有限公司 is the group's own holding company, not a listed member.
        return "公司:股份"
    return kind


def _kinds_compatible(a: str, b: str) -> bool:
    """Kinds that may name one entity: equal, one unknown, or one refining the other."""
    return not a or not b or a == b or a.startswith(b + ":") or b.startswith(a + ":")


def _judge_heads(a: NameKey, b: NameKey) -> tuple[Verdict, str]:
    if a.key == b.key:
        return Verdict.SAME, f"规范化名称相同（{a.key}）"
    if a.brand == b.brand:
        return _judge_same_brand(a, b)
    return _judge_other_brand(a, b)


def _judge_same_brand(a: NameKey, b: NameKey) -> tuple[Verdict, str]:
    if a.industry == b.industry:
        shorter, longer = sorted((a, b), key=lambda k: len(k.generic))
        if not set(shorter.generic) <= set(longer.generic):
            return Verdict.DIFFERENT, f"字号相同，但经营特点不同（{_words(a)} / {_words(b)}）"
        added = [w for w in longer.generic if w not in shorter.generic]
        extra = added or list(longer.generic)
        if added and shorter.is_group and not longer.is_parent_like:
            # 中化集团 / 中化国际: the group and a member firm named with its 字号.
            return Verdict.DIFFERENT, (
                f"“{shorter.name}”是集团，“{longer.name}”是字号相同的成员企业，不是同一主体"
            )
        if _is_registered(shorter) and _is_registered(longer):
            # Two complete registered names: 新创生物医药有限公司 and 新创生物医药发展有限公司
            # can both exist.
            return Verdict.MAYBE, (
                f"两个完整登记名称仅差通用词“{'、'.join(extra)}”，可能是两家企业，需人工确认"
            )
        return Verdict.SAME, f"名称仅差通用词“{'、'.join(extra)}”，视为同一企业"
    if not a.industry or not b.industry:
        short, long = (a, b) if not a.industry else (b, a)
        if short.is_parent_like:
            kind = "集团" if short.is_group else "控股公司"
            return Verdict.DIFFERENT, (
                f"“{short.name}”是{kind}，“{long.name}”是字号相同的下属企业，不是同一主体"
            )
        if short.generic and not set(short.generic) <= set(long.generic):
            return Verdict.DIFFERENT, f"字号相同，但经营特点不同（{_words(short)} / {_words(long)}）"
        return Verdict.SAME, f"“{short.key}”是“{long.key}”的简称（字号相同，省略了行业表述）"
    short, long = sorted((a, b), key=lambda k: len("".join(k.industry)))
    if "".join(long.industry).startswith("".join(short.industry)):  # 医疗 / 医疗器材
        if not _is_registered(short) and not short.branch and set(short.generic) <= set(long.generic):
            # Written without an organisation form it is a reference, not a registered name:
            # 中金医药 for 连云港中金医药包装有限公司.
            return Verdict.SAME, f"“{short.key}”是“{long.key}”的简称（省略了部分行业表述）"
        return Verdict.MAYBE, (
            f"字号相同，行业表述“{''.join(short.industry)}”与“{''.join(long.industry)}”"
            "部分相同，需人工确认"
        )
    return Verdict.DIFFERENT, f"字号相同但行业不同（{_words(a)} / {_words(b)}），是不同企业"


def _is_registered(k: NameKey) -> bool:
    """Written as a registered name (…有限公司, …厂), not as a reference (盛虹集团, 恒瑞医药)."""
    return any(form in k.org_form for form in ("公司", "厂", "企业", "合作社", "合伙"))


def _judge_other_brand(a: NameKey, b: NameKey) -> tuple[Verdict, str]:
    short, long = sorted((a, b), key=lambda k: len(k.brand))
    if (
        not long.industry
        and len(short.brand) >= 2
        and long.brand.startswith(short.brand)
        and len(long.brand) - len(short.brand) >= 2
    ):
        return Verdict.MAYBE, (
            f"字号“{long.brand}”以“{short.brand}”开头，后面可能是未识别的行业表述或笔误，需人工确认"
        )
    if (
        min(len(a.brand), len(b.brand)) >= 4
        and a.industry == b.industry
        and Levenshtein.distance(a.brand, b.brand, score_cutoff=1) <= 1
    ):
        return Verdict.MAYBE, f"字号仅一字之差（{a.brand} / {b.brand}），可能是笔误，需人工确认"
    return Verdict.DIFFERENT, f"字号不同（{a.brand} / {b.brand}）"


def _valid_code(code: str | None) -> str | None:
    if not code:
        return None
    code = normalize_credit_code(code)
    return code if credit_code_is_valid(code) else None


def pair_score(
    a: str | NameKey,
    b: str | NameKey,
    *,
    credit_code_a: str | None = None,
    credit_code_b: str | None = None,
) -> PairJudgement:
    """Same firm, different firms, or maybe — with a similarity score and the reason in Chinese."""
    ka = a if isinstance(a, NameKey) else normalize_firm_name(a)
    kb = b if isinstance(b, NameKey) else normalize_firm_name(b)
    score = round(fuzz.ratio(ka.key + ka.branch, kb.key + kb.branch), 1)
    code_a, code_b = _valid_code(credit_code_a), _valid_code(credit_code_b)
    if code_a and code_b:
        if code_a == code_b:
            return PairJudgement(Verdict.SAME, score, f"统一社会信用代码相同（{code_a}）")
        return PairJudgement(Verdict.DIFFERENT, score, f"统一社会信用代码不同（{code_a} / {code_b}）")
    verdict, reason = judge_keys(ka, kb)
    return PairJudgement(verdict, score, reason)


# ---------------------------------------------------------------------------
# Grouping
# ---------------------------------------------------------------------------


class _UnionFind:
    """Union-find over nodes that each may carry one credit code; never joins two codes."""

    __slots__ = ("parent", "code")

    def __init__(self, codes: list[str | None]) -> None:
        self.parent = list(range(len(codes)))
        self.code = list(codes)

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ca, cb = self.code[ra], self.code[rb]
        if ca and cb and ca != cb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.code[ra] = ca or cb
        return True


@dataclass(slots=True)
class _Class:
    """Nodes with the same key and branch whose places and legal kinds agree: one firm unless
    codes differ."""

    nodes: list[int]
    path: tuple[str, ...]
    key: NameKey
    kind: str = ""


class _Grouping:
    """Everything `match_names` and `find_duplicate_candidates` share."""

    def __init__(
        self,
        names: Sequence[str],
        credit_codes: Sequence[str | None] | None,
        home_region: Sequence[str] | None = HOME_REGION,
    ) -> None:
        self.home = tuple(home_region) if home_region else None
        if credit_codes is not None and len(credit_codes) != len(names):
            raise ValueError("credit_codes must be as long as names")
        codes = [_valid_code(c) for c in credit_codes] if credit_codes is not None else [None] * len(names)
        node_of_pair: dict[tuple[str, str | None], int] = {}
        self.node_of: list[int] = []
        node_names: list[str] = []
        node_codes: list[str | None] = []
        self.node_first: list[int] = []
        for i, (name, code) in enumerate(zip(names, codes, strict=True)):
            node = node_of_pair.get((name, code))
            if node is None:
                node = node_of_pair[(name, code)] = len(node_names)
                node_names.append(name)
                node_codes.append(code)
                self.node_first.append(i)
            self.node_of.append(node)
        self.keys: list[NameKey] = normalize_many(node_names)
        self.uf = _UnionFind(node_codes)
        self.merge_reason: dict[int, str] = {}
        self.ambiguous: list[tuple[int, int, str]] = []  # (node, node, reason) left for review

        # 1. The credit code decides.
        by_code: dict[str, int] = {}
        for node, code in enumerate(node_codes):
            if code is None:
                continue
            first = by_code.setdefault(code, node)
            if first != node:
                self.uf.union(first, node)
                self.merge_reason[node] = f"统一社会信用代码相同（{code}）"

        # 2. Same key and branch, places compatible.
        blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
        for node, k in enumerate(self.keys):
            blocks[k.identity].append(node)
        self.classes: list[_Class] = []
        for nodes in blocks.values():
            self.classes.extend(self._partition(nodes))
        for cls in self.classes:
            self._join_class(cls)

        # 3. Short forms join the one firm they fit.
        self._attach_short_forms()

    # -- step 2 ------------------------------------------------------------------

    def _partition(self, nodes: list[int]) -> list[_Class]:
        """Split one key block by place and legal kind: 上海… and 江苏… apart, a company and a
        partnership apart; a name without a place (or form) joins the block's one place (or
        kind), and stays alone when there are several."""
        if len(nodes) == 1:
            k = self.keys[nodes[0]]
            return [_Class([nodes[0]], k.region_path, k, _company_kind(k))]
        by_part: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
        for node in nodes:
            k = self.keys[node]
            by_part[(k.region_path, _company_kind(k))].append(node)
        if len(by_part) > 1:
            # In one place, the names without a form belong to its one legal kind.
            kinds: dict[tuple[str, ...], list[str]] = defaultdict(list)
            for path, kind in by_part:
                if kind:
                    kinds[path].append(kind)
            for path, found in kinds.items():
                if len(found) == 1 and (path, "") in by_part:
                    by_part[(path, found[0])].extend(by_part.pop((path, "")))
        if len(by_part) == 1:
            (path, kind), members = next(iter(by_part.items()))
            return [_Class(members, path, self.keys[members[0]], kind)]
        classes: list[_Class] = []
        # Deepest places first, then known kinds, the refined ones (公司:集团) before 公司.
        for path, kind in sorted(by_part, key=lambda p: (-len(p[0]), p[0], not p[1], ":" not in p[1], p[1])):
            members = by_part[(path, kind)]
            fits = self._prefer_home(
                [c for c in classes if region_paths_compatible(c.path, path) and _kinds_compatible(c.kind, kind)],
                lambda c: c.path, lambda c: c.nodes[0], members[0])
            if len(fits) == 1:
                fits[0].nodes.extend(members)
                fits[0].kind = max(fits[0].kind, kind, key=len)
            else:
                cls = _Class(list(members), path, self.keys[members[0]], kind)
                why = "未注明注册地" if all(c.path != path for c in fits) else "组织形式不同或未注明"
                for other in fits[:MAX_AMBIGUOUS_LISTED]:
                    self.ambiguous.append((members[0], other.nodes[0], (
                        f"名称主体相同（{cls.key.key}），但{why}，可能对应多家不同的企业，需人工确认"
                    )))
                for other in classes:
                    if (kind.partition(":")[0] == other.kind.partition(":")[0]
                            and not _kinds_compatible(kind, other.kind)
                            and region_paths_compatible(other.path, path)):
                        # 集团 and 股份 of one key: the group and its listed company, or a rename.
                        self.ambiguous.append((members[0], other.nodes[0], judge_keys(
                            self.keys[members[0]], self.keys[other.nodes[0]])[1]))
                classes.append(cls)
        return classes

    def _prefer_home(self, fits: list, path_of, node_of=None, node: int | None = None) -> list:
        """Of several fits, the one local fit when there is exactly one; else all of them.

        The fits passed over are kept for review (``node_of`` gives a fit's node)."""
        if len(fits) > 1 and self.home:
            local = [f for f in fits if path_of(f) and region_paths_compatible(path_of(f), self.home)]
            if len(local) == 1:
                if node_of is not None and node is not None:
                    for other in fits[:MAX_AMBIGUOUS_LISTED]:
                        if other is not local[0]:
                            self.ambiguous.append((node, node_of(other), (
                                "未注明注册地，已按本地企业归并；也可能是这家外地企业，需人工确认"
                            )))
                return local
        return fits

    def _join_class(self, cls: _Class) -> None:
        nodes = cls.nodes
        if len(nodes) == 1:
            return
        codes = {self.uf.code[self.uf.find(n)] for n in nodes} - {None}
        if len(codes) <= 1:
            first = nodes[0]
            for node in nodes[1:]:
                if self.uf.union(first, node) and node not in self.merge_reason:
                    self.merge_reason[node] = f"规范化名称相同（{cls.key.key}）"
        else:
            # Several codes: the names are several firms; a name without a code could be any.
            first_of_code: dict[str, int] = {}
            for node in nodes:
                code = self.uf.code[self.uf.find(node)]
                if code is None:
                    continue
                first = first_of_code.setdefault(code, node)
                if first != node:
                    self.uf.union(first, node)
            for node in nodes:
                if self.uf.code[self.uf.find(node)] is None:
                    for first in list(first_of_code.values())[:MAX_AMBIGUOUS_LISTED]:
                        self.ambiguous.append((node, first, "名称相同，但同名企业有多个不同的统一社会信用代码，需人工确认"))

    # -- step 3 ------------------------------------------------------------------

    @staticmethod
    def _short_forms(k: NameKey) -> set[str]:
        """The keys of this name's short forms: brand only, the first industry words, and
        without its generic words."""
        forms = set()
        if k.industry or k.generic:
            forms.add(k.brand)
        for cut in range(1, len(k.industry)):
            forms.add(k.brand + "".join(k.industry[:cut]))
        if k.generic:
            # Any generic words left out (信息技术 for 信息技术科技), in the key's order.
            generic = list(dict.fromkeys(k.generic))[:4]
            for mask in range(1, 2 ** len(generic)):
                dropped = {w for bit, w in enumerate(generic) if mask >> bit & 1}
                forms.add(k.brand + "".join(w for w in k.words if w not in dropped))
        forms.discard(k.key)
        return forms

    def _attach_short_forms(self) -> None:
        longer_of: dict[tuple[str, str], list[int]] = defaultdict(list)
        for ci, cls in enumerate(self.classes):
            for form in self._short_forms(cls.key):
                longer_of[(form, cls.key.branch)].append(ci)
        shorts = [ci for ci, cls in enumerate(self.classes) if cls.key.identity in longer_of]
        shorts.sort(key=lambda ci: -len(self.classes[ci].key.key))
        for ci in shorts:
            self._attach_one(ci, longer_of)
        for ci in shorts:
            self._offer_placeless(ci, longer_of)

    def _offer_placeless(self, ci: int, longer_of: dict[tuple[str, str], list[int]]) -> None:
        """A spelling without a place joined its key's located firm (源江石化 → 南京源江石化);
        the other firms it is the short form of (安徽源江石化技术) are offered for review."""
        cls = self.classes[ci]
        if not cls.path:
            return
        placeless = [n for n in cls.nodes if not self.keys[n].region_path]
        if not placeless:
            return
        node, root = placeless[0], self.uf.find(cls.nodes[0])
        for li in longer_of[cls.key.identity][:MAX_AMBIGUOUS_LISTED]:
            target = self.classes[li]
            if self.uf.find(target.nodes[0]) != root and judge_keys(self.keys[node], target.key)[0] is Verdict.SAME:
                self.ambiguous.append((node, target.nodes[0], (
                    f"“{self.keys[node].name}”未注明注册地，已按名称相同归并；也可能是“{target.key.key}”的简称，需人工确认"
                )))

    def _attach_one(self, ci: int, longer_of: dict[tuple[str, str], list[int]]) -> None:
        """Join short class ``ci`` to the one firm it is the short form of, or list the several."""
        cls = self.classes[ci]
        # Every spelling in the class must fit: 鹰游 and 鹰游集团有限公司 share a key, but
        # the group's spelling says it is not 鹰游纺机's short form.
        spellings = list({self.keys[n].name: self.keys[n] for n in cls.nodes}.values())[:MAX_AMBIGUOUS_LISTED]
        fits = [
            li for li in longer_of[cls.key.identity]
            if region_paths_compatible(cls.path, self.classes[li].path)
            and all(judge_keys(k, self.classes[li].key)[0] is Verdict.SAME for k in spellings)
        ]
        if not fits:
            return
        roots = {self.uf.find(self.classes[li].nodes[0]) for li in fits}
        if len(roots) > 1:
            fits = self._prefer_home(fits, lambda li: self.classes[li].path,
                                     lambda li: self.classes[li].nodes[0], cls.nodes[0])
            roots = {self.uf.find(self.classes[li].nodes[0]) for li in fits}
        node = cls.nodes[0]
        if len(roots) == 1:
            target = self.classes[fits[0]]
            if self.uf.union(node, target.nodes[0]) and node not in self.merge_reason:
                self.merge_reason[node] = judge_keys(cls.key, target.key)[1]
        else:
            for li in fits[:MAX_AMBIGUOUS_LISTED]:
                self.ambiguous.append((node, self.classes[li].nodes[0], (
                    f"“{cls.key.key}”可能是多家企业的简称（共{len(roots)}家），需人工确认"
                )))

    # -- results -------------------------------------------------------------------

    def groups(self) -> list[int]:
        """For each input index, the index of the first input name of its group."""
        first_of_root: dict[int, int] = {}
        out = []
        for i, node in enumerate(self.node_of):
            root = self.uf.find(node)
            out.append(first_of_root.setdefault(root, i))
        return out


def _as_list(names: Iterable[str]) -> list[str]:
    return names if isinstance(names, list) else list(names)


def match_names(
    names: Iterable[str],
    *,
    credit_codes: Sequence[str | None] | Mapping[int, str] | None = None,
    home_region: Sequence[str] | None = HOME_REGION,
) -> list[MatchResult]:
    """Group names into firms; each result's ``group`` is the index of its group's first name.

    ``credit_codes`` (one per name, None where unknown; or index → code) decide where known.
    ``home_region`` breaks ties for names without a place (None: never guess).
    """
    names = _as_list(names)
    with gc_paused():
        grouping = _Grouping(names, _codes_list(credit_codes, len(names)), home_region)
        groups = grouping.groups()
        return [
            MatchResult(i, name, grouping.keys[grouping.node_of[i]].key, groups[i])
            for i, name in enumerate(names)
        ]


def _codes_list(codes: Sequence[str | None] | Mapping[int, str] | None, n: int) -> list[str | None] | None:
    if codes is None:
        return None
    if isinstance(codes, Mapping):
        return [codes.get(i) for i in range(n)]
    return list(codes)


# ---------------------------------------------------------------------------
# Duplicate candidates for review
# ---------------------------------------------------------------------------


def find_duplicate_candidates(
    names: Iterable[str],
    *,
    credit_codes: Sequence[str | None] | Mapping[int, str] | None = None,
    include_same: bool = True,
    home_region: Sequence[str] | None = HOME_REGION,
) -> list[DuplicateCandidate]:
    """Pairs of names to review: those judged the same firm and those that may be.

    Names grouped as one firm are listed once each against the group's first name (not every
    pair); names that may be the same firm (ambiguous short forms, names without a place,
    typos, partly shared industry words) are listed against one name of each firm they may
    be. Indices refer to ``names``; pairs are sorted.
    """
    names = _as_list(names)
    with gc_paused():
        return _find_duplicate_candidates(names, credit_codes, include_same, home_region)


def _find_duplicate_candidates(
    names: list[str],
    credit_codes: Sequence[str | None] | Mapping[int, str] | None,
    include_same: bool,
    home_region: Sequence[str] | None,
) -> list[DuplicateCandidate]:
    g = _Grouping(names, _codes_list(credit_codes, len(names)), home_region)
    keys, uf = g.keys, g.uf
    out: dict[tuple[int, int], DuplicateCandidate] = {}

    def add(node_a: int, node_b: int, verdict: Verdict, reason: str) -> None:
        i, j = sorted((g.node_first[node_a], g.node_first[node_b]))
        if i == j or (i, j) in out:
            return
        ka, kb = keys[node_a], keys[node_b]
        score = 100.0 if ka.identity == kb.identity else round(fuzz.ratio(ka.key + ka.branch, kb.key + kb.branch), 1)
        out[(i, j)] = DuplicateCandidate(i, j, score, verdict, reason)

    # Same firm: each name against its group's first name (repeats of one name included).
    if include_same:
        first_node_of_root: dict[int, int] = {}
        for i, node in enumerate(g.node_of):
            root = uf.find(node)
            first = first_node_of_root.setdefault(root, node)
            if g.node_first[node] != i:
                first_i = g.node_first[first]
                if first_i != i:
                    out.setdefault((first_i, i), DuplicateCandidate(first_i, i, 100.0, Verdict.SAME, "名称完全相同"))
            elif first != node:
                add(first, node, Verdict.SAME, _same_reason(g, first, node))

    # Maybe: left apart by the grouping's guards.
    for node_a, node_b, reason in g.ambiguous:
        if uf.find(node_a) != uf.find(node_b):
            add(node_a, node_b, Verdict.MAYBE, reason)

    # Maybe: typos, unknown words after the brand, partly shared industry words.
    for ca, cb in _fuzzy_class_pairs(g.classes):
        a, b = g.classes[ca].nodes[0], g.classes[cb].nodes[0]
        if uf.find(a) == uf.find(b):
            continue
        verdict, reason = judge_keys(keys[a], keys[b])
        if verdict is not Verdict.DIFFERENT:
            add(a, b, Verdict.MAYBE if verdict is Verdict.SAME else verdict, reason)
    return sorted(out.values())


def _same_reason(g: _Grouping, a: int, b: int) -> str:
    """Why two grouped names are one firm; the recorded merge when the link was indirect."""
    verdict, reason = judge_keys(g.keys[a], g.keys[b])
    if verdict is Verdict.SAME:
        return reason
    return g.merge_reason.get(b) or g.merge_reason.get(a) or "经同组其他名称传递判定为同一企业"


def _fuzzy_class_pairs(classes: list[_Class]) -> set[tuple[int, int]]:
    """Blocked candidate pairs of classes that exact keys and short forms do not catch."""
    pairs: set[tuple[int, int]] = set()
    by_brand: dict[str, list[int]] = defaultdict(list)
    by_industry: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    typo_block: dict[str, list[int]] = defaultdict(list)
    for ci, cls in enumerate(classes):
        k = cls.key
        by_brand[k.brand].append(ci)
        by_industry[(k.brand, k.industry)].append(ci)
        if len(k.brand) >= 4:
            tail = "|" + "".join(k.industry) + "|" + k.branch
            typo_block[k.brand + tail].append(ci)
            for p in range(len(k.brand)):
                typo_block[k.brand[:p] + k.brand[p + 1:] + tail].append(ci)

    def add(a: int, b: int) -> None:
        if a != b:
            pairs.add((a, b) if a < b else (b, a))

    # One edit in a long brand (deletion neighbourhood), verified by Levenshtein distance.
    for members in typo_block.values():
        if 2 <= len(members) <= MAX_TYPO_BUCKET:
            for x in range(len(members)):
                bx = classes[members[x]].key.brand
                for y in range(x + 1, len(members)):
                    by = classes[members[y]].key.brand
                    if bx != by and Levenshtein.distance(bx, by, score_cutoff=1) <= 1:
                        add(members[x], members[y])
    for ci, cls in enumerate(classes):
        k = cls.key
        # An unknown word after a known brand (中复神鹰碳纤 / 中复神鹰).
        if not k.industry and len(k.brand) >= 4:
            for cut in range(2, len(k.brand) - 1):
                for other in by_brand.get(k.brand[:cut], ())[:MAX_AMBIGUOUS_LISTED]:
                    add(ci, other)
        # Industry words of which one is the start of the other (中金医药 / 中金医药包装).
        for cut in range(1, len(k.industry)):
            for other in by_industry.get((k.brand, k.industry[:cut]), ())[:MAX_AMBIGUOUS_LISTED]:
                add(ci, other)
    return pairs
