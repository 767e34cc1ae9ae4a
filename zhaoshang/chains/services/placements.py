"""Placing firms on chain nodes: the classifier over the stored chains, batch classification,
officers' corrections (kept forever and learnt from), and firm signals.

Rule: the classifier never overwrites an officer. A firm with any correction is skipped by
every later automatic run; its placements are whatever the officers left.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.firms.models import Firm

from .. import bulk
from ..catalog import ChainSpec
from ..classifier import LabelledExample, NodeClassifier
from ..enums import CorrectionAction, PlacementSource, SignalKind
from ..models import ChainNode, FirmPlacement, FirmSignal, PlacementCorrection, TargetScore
from ..selectors_specs import chain_specs

_lock = threading.Lock()
_cache: dict[str, object] = {}


def classifier_examples(specs: Sequence[ChainSpec] | None = None) -> list[LabelledExample]:
    """Officers' corrections as labelled examples: the latest judgement per firm and node.

    Replaying the corrections in order gives each corrected firm's current labels: placed on
    these nodes (positive examples), or in no chain (a negative example).
    """
    specs = chain_specs() if specs is None else specs
    placeable = {n.code for c in specs for n in c.nodes if n.placeable or n.alias_of}
    state: dict[int, dict] = {}
    for firm_id, action, code, scope, industry in PlacementCorrection.objects.order_by("created_at", "id") \
            .values_list("firm_id", "action", "node__code", "business_scope", "industry_code"):
        s = state.setdefault(firm_id, {"nodes": {}, "none": None})
        if action == CorrectionAction.PLACE:
            s["nodes"][code] = (scope, industry)
            s["none"] = None
        elif action == CorrectionAction.REMOVE:
            s["nodes"].pop(code, None)
        else:
            s["nodes"].clear()
            s["none"] = (scope, industry)
    out: list[LabelledExample] = []
    for s in state.values():
        for code, (scope, industry) in s["nodes"].items():
            if scope and code in placeable:
                out.append(LabelledExample(scope=scope, node=code, industry_code=industry or None))
        if s["none"] and s["none"][0]:
            out.append(LabelledExample(scope=s["none"][0], node=None, industry_code=s["none"][1] or None))
    return out


def classifier_state_key() -> tuple:
    nodes = ChainNode.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    corrections = PlacementCorrection.objects.aggregate(n=Count("id"), m=Max("id"))
    return nodes["n"], nodes["t"], corrections["n"], corrections["m"]


def classifier_inputs() -> tuple[list[ChainSpec], list[LabelledExample]]:
    specs = chain_specs()
    return specs, classifier_examples(specs)


def classifier_get() -> NodeClassifier:
    """The classifier fitted on the stored chains and the corrections, cached per process until
    a node or a correction changes (fitting takes well under a second)."""
    key = classifier_state_key()
    with _lock:
        if _cache.get("key") != key:
            specs, examples = classifier_inputs()
            _cache["clf"] = NodeClassifier().fit(specs, extra_examples=examples)
            _cache["key"] = key
        return _cache["clf"]  # type: ignore[return-value]


def corrected_firm_ids(firm_ids: Iterable[int] | None = None) -> set[int]:
    qs = PlacementCorrection.objects.all()
    if firm_ids is not None:
        qs = qs.filter(firm_id__in=list(firm_ids))
    return set(qs.values_list("firm_id", flat=True).distinct())


PLACEMENT_COLUMNS = ["firm_id", "node_id", "confidence", "rank", "source", "placed_at"]


def placement_rows(firm_ids: Sequence[int], predictions: Sequence[Sequence[tuple[str, float]]],
                   node_ids: dict[str, int], now) -> list[tuple]:
    rows = []
    for firm_id, preds in zip(firm_ids, predictions, strict=True):
        for rank, (code, confidence) in enumerate(preds, start=1):
            rows.append((firm_id, node_ids[code], confidence, rank, PlacementSource.AUTO, now))
    return rows


def placements_replace_auto(firm_ids: Sequence[int], rows: Sequence[tuple]) -> int:
    """Swap the automatic placements of these firms for ``rows`` (officer placements stay)."""
    table = FirmPlacement._meta.db_table
    bulk.delete_in(table, "firm_id", list(firm_ids), extra=f"AND source = '{PlacementSource.AUTO}'")
    return bulk.insert_rows(table, PLACEMENT_COLUMNS, rows)


def node_ids_by_code() -> dict[str, int]:
    """Code → id of the placeable targets (a link row resolves to the node it stands for)."""
    ids = dict(ChainNode.objects.filter(is_active=True).values_list("code", "id"))
    return ids


def firms_classify(*, firm_ids: Sequence[int] | None = None, batch_size: int = 20_000,
                   progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Place firms (all, or the given ones) with the current classifier, in batches of
    ``batch_size`` read by id order, skipping firms an officer corrected."""
    clf = classifier_get()
    node_ids = node_ids_by_code()
    skip = corrected_firm_ids(firm_ids)
    classified = placed = 0
    last = 0
    wanted = sorted(set(firm_ids)) if firm_ids is not None else None
    offset = 0
    while True:
        if wanted is not None:
            part = wanted[offset:offset + batch_size]
            offset += batch_size
            if not part:
                break
            qs = Firm.objects.filter(id__in=part)
        else:
            qs = Firm.objects.filter(id__gt=last)
        rows = list(qs.order_by("id").values_list("id", "business_scope", "industry_code")[:batch_size])
        if not rows:
            if wanted is None:
                break
            continue
        last = rows[-1][0]
        rows = [r for r in rows if r[0] not in skip]
        ids = [r[0] for r in rows]
        predictions = clf.predict([r[1] or "" for r in rows], [r[2] or None for r in rows]) if rows else []
        with transaction.atomic():
            placements_replace_auto(ids, placement_rows(ids, predictions, node_ids, timezone.now()))
        classified += len(rows)
        placed += sum(1 for p in predictions if p)
        if progress:
            progress(f"已识别 {classified:,} 家企业，其中 {placed:,} 家放到产业链节点")
    return {"classified": classified, "placed": placed}


@transaction.atomic
def placement_correct(*, user, firm: Firm, action: str, node: ChainNode | None = None,
                      note: str = "") -> PlacementCorrection:
    """An officer places a firm on a node, takes it off one, or says it is in no chain.

    The correction is kept forever (with the scope as it was) and teaches the classifier; the
    firm's placements change at once and its stale target scores are dropped.
    """
    if not user.writes_business_data:
        raise BusinessError("您没有修正企业节点的权限", status=403)
    if action not in CorrectionAction.values:
        raise BusinessError("未知的修正操作")
    if action == CorrectionAction.NONE:
        node = None
    elif node is None:
        raise BusinessError("请选择节点", field="node")
    elif action == CorrectionAction.PLACE:
        if not node.is_active:
            raise BusinessError(f"节点 {node.code} 已停用，不能放置企业", field="node")
        if node.alias_of_id:
            raise BusinessError(f"节点 {node.code} 是关联节点，请放到它代表的节点 {node.alias_of.code}", field="node")
        if not node.placeable:
            raise BusinessError(f"节点 {node.code} 没有关键词和行业代码，不能放置企业", field="node")
    elif not FirmPlacement.objects.filter(firm=firm, node=node).exists():
        raise BusinessError(f"该企业不在节点 {node.code} 上", field="node")
    correction = PlacementCorrection(firm=firm, node=node, action=action, business_scope=firm.business_scope,
                                     industry_code=firm.industry_code, note=note.strip()[:300], created_by=user)
    correction.full_clean()
    correction._history_user = user
    correction.save()
    if action == CorrectionAction.PLACE:
        FirmPlacement.objects.update_or_create(
            firm=firm, node=node,
            defaults={"confidence": 1.0, "rank": 1, "source": PlacementSource.OFFICER})
    elif action == CorrectionAction.REMOVE:
        FirmPlacement.objects.filter(firm=firm, node=node).delete()
        TargetScore.objects.filter(firm=firm, node=node).delete()
    else:
        FirmPlacement.objects.filter(firm=firm).delete()
        TargetScore.objects.filter(firm=firm).delete()
    return correction


@transaction.atomic
def signal_create(*, user, firm: Firm, happened_on: date, kind: str, text: str, place: str = "",
                  amount: Decimal | None = None, source: str = "") -> FirmSignal:
    """Record a growth signal (融资 / 扩产 / 新建工厂) of a firm."""
    if not user.writes_business_data:
        raise BusinessError("您没有登记企业动态的权限", status=403)
    if kind not in SignalKind.values:
        raise BusinessError("动态类型必须是融资、扩产或新建工厂", field="kind")
    if happened_on > timezone.localdate():
        raise BusinessError("动态日期不能晚于今天", field="happened_on")
    if amount is not None and amount < 0:
        raise BusinessError("金额不能为负数", field="amount")
    signal = FirmSignal(firm=firm, happened_on=happened_on, kind=kind, text=text.strip(), place=place.strip(),
                        amount=amount, source=source.strip())
    signal.full_clean()
    signal._history_user = user
    signal.save()
    return signal


def signals_bulk_create(*, user, signals: list[FirmSignal], batch_size: int = 5000) -> int:
    """Many signals at once (imports, demo), each with its history row."""
    from simple_history.utils import bulk_create_with_history

    bulk_create_with_history(signals, FirmSignal, batch_size=batch_size, default_user=user)
    return len(signals)
