"""The normalised text with every extracted value marked from its evidence span.

Spans may nest (a firm inside a project name) or be shared (one firm in two projects); the
text is cut at every span boundary and each piece is marked with the most specific kind
active there, plus an underline when it lies inside a project name. Pure: text and the
extraction JSON in, escaped HTML out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

#: kind → label; the order is the priority when spans overlap (a firm beats the chain word inside it)
KINDS: dict[str, str] = {
    "company": "投资企业",
    "amount": "金额",
    "stage": "阶段",
    "location": "地点",
    "chain": "产业链/行业",
    "aggregate": "汇总数据",
}
NAME = "name"
_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}
_FIELD_KIND = {
    "companies": "company",
    "amount": "amount",
    "stage": "stage",
    "location": "location",
    "chain": "chain",
    "name": NAME,
}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    label: str


def _spans(value: Any) -> list[tuple[int, int]]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        span = item.get("span") if isinstance(item, dict) else None
        if span and len(span) == 2 and 0 <= int(span[0]) < int(span[1]):
            out.append((int(span[0]), int(span[1])))
    return out


def marks_from(projects: list[dict[str, Any]], aggregates: list[dict[str, Any]]) -> list[Mark]:
    """Marks for every value of every project (labelled 项目1, 项目2 …) and every aggregate."""
    marks: list[Mark] = []
    for n, project in enumerate(projects, start=1):
        for field, ev in (project.get("evidence") or {}).items():
            kind = _FIELD_KIND.get(field)
            if kind is None:
                continue
            label = "项目名称" if kind == NAME else KINDS[kind]
            marks.extend(Mark(s, e, kind, f"项目{n}·{label}") for s, e in _spans(ev))
    for n, agg in enumerate(aggregates, start=1):
        for ev in (agg.get("evidence") or {}).values():
            marks.extend(Mark(s, e, "aggregate", f"汇总{n}") for s, e in _spans(ev))
    return marks


def highlight_html(text: str, marks: list[Mark]) -> SafeString:
    """``text`` escaped, with each marked piece in a ``<mark class="hl hl-<kind>">``."""
    marks = [m for m in marks if m.end <= len(text)]
    if not marks:
        return mark_safe(escape(text))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        kinds = [m for m in active if m.kind != NAME]
        in_name = len(kinds) < len(active)
        labels = "、".join(dict.fromkeys(m.label for m in active))
        if not kinds:
            out.append(f'<span class="hl-name" title="{escape(labels)}">{piece}</span>')
            continue
        kind = min(kinds, key=lambda m: _PRIORITY[m.kind]).kind
        name = " hl-name" if in_name else ""
        out.append(
            f'<mark class="hl hl-{kind}{name}" data-testid="hl-{kind}" title="{escape(labels)}">{piece}</mark>'
        )
    return mark_safe("".join(out))
