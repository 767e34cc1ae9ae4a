"""Targeting writes: the batch job that scores every target, leads made from a target in one
click, and what became of each recommended firm.

The scoring job reads every placement of a firm outside the city with the firm's facts (one
streamed query), scores them with ``targeting.score_targets`` (numpy) and rewrites
``TargetScore`` in one transaction (DELETE + COPY on PostgreSQL): readers keep seeing the old
scores until the new ones are committed. It also records the day's gaps with the firms it
recommends for them (``GapSnapshot``), the denominator of the hit rate.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
import polars as pl
from django.db import transaction
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.firms.enums import REVENUE_BAND_ORDER
from zhaoshang.firms.models import Firm
from zhaoshang.leads.enums import ChannelKind
from zhaoshang.leads.models import Lead
from zhaoshang.leads.services import lead_create
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from .. import bulk, selectors
from ..enums import GapKind, OutcomeStatus, SignalKind
from ..models import ChainNode, FirmPlacement, FirmSignal, GapSnapshot, TargetOutcome, TargetRun, TargetScore
from ..selectors_specs import chain_specs
from ..targeting import (
    SIGNAL_WINDOW_DAYS,
    SIMILAR_PLACES,
    FirmTable,
    TargetInputs,
    node_relations,
    normalise_province,
    score_targets,
    segment_of,
    signal_strength,
)

Progress = Callable[[str], None]
SCORE_COLUMNS = ["node_id", "firm_id", "total", "fit", "size", "growth", "proximity", "relation", "precedent",
                 "province", "size_band", "is_listed", "is_high_tech", "is_specialized", "is_global500",
                 "has_signal", "computed_at"]

_CANDIDATES_SQL = """
SELECT p.firm_id, p.node_id, p.confidence, f.province,
       CAST(f.registered_capital AS DOUBLE PRECISION), f.revenue_band, f.employees,
       CAST(f.is_listed AS INTEGER), CAST(f.is_high_tech AS INTEGER), CAST(f.is_specialized AS INTEGER),
       CAST(f.is_global500 AS INTEGER)
FROM {placement} p JOIN {firm} f ON f.id = p.firm_id
WHERE f.is_local = %s
"""
_CANDIDATE_SCHEMA = {
    "firm_id": pl.Int64, "node_id": pl.Int64, "confidence": pl.Float64, "province": pl.Utf8, "capital": pl.Float64,
    "revenue_band": pl.Utf8, "employees": pl.Float64, "is_listed": pl.Int8, "is_high_tech": pl.Int8,
    "is_specialized": pl.Int8, "is_global500": pl.Int8,
}


def _precedent_counts(index: dict, segment_cache: dict[str, str], today: date) -> dict[tuple[str, str], int]:
    """(segment, province) → distinct firms that already invested here (projects, signed or later)
    or built a plant in a similar place (new-plant signals) in the last five years."""
    from zhaoshang.projects.enums import Stage
    from zhaoshang.projects.models import Project

    def seg(code: str) -> str:
        if code not in segment_cache:
            segment_cache[code] = segment_of(code, index)
        return segment_cache[code]

    seen: dict[tuple[str, str], set] = defaultdict(set)
    by_code, by_name = selectors._project_node_index()
    code_of = {v: k for k, v in by_code.items()}
    landed = [Stage.SIGNED, Stage.REGISTERED, Stage.UNDER_CONSTRUCTION, Stage.IN_PRODUCTION]
    rows = list(Project.objects.filter(stage__in=landed).exclude(chain_node="").order_by().values_list(
        "chain_node", "chain", "investor_id", "investor_name"))
    keys = {r[3] for r in rows if r[2] is None and r[3]}
    from zhaoshang.firms.services import firm_name_key

    key_of = {name: firm_name_key(name) for name in keys}
    province_by_key = dict(Firm.objects.filter(name_key__in=set(key_of.values()), is_local=False).order_by()
                           .values_list("name_key", "province"))
    province_by_id = dict(Firm.objects.filter(id__in={r[2] for r in rows if r[2]}).values_list("id", "province"))
    for chain_node, chain, investor_id, investor_name in rows:
        nid = selectors._node_of_project(chain_node, chain, by_code, by_name)
        province = province_by_id.get(investor_id) if investor_id else province_by_key.get(key_of.get(investor_name))
        if nid and province:
            seen[(seg(code_of[nid]), province)].add(("f", investor_id or investor_name))
    plants = FirmSignal.objects.filter(kind=SignalKind.NEW_PLANT, place__in=SIMILAR_PLACES,
                                       happened_on__gte=today - timedelta(days=5 * 365), firm__is_local=False)
    firm_province = dict(plants.order_by().values_list("firm_id", "firm__province"))
    for firm_id, code in FirmPlacement.objects.filter(firm_id__in=list(firm_province)).values_list(
            "firm_id", "node__code"):
        seen[(seg(code), firm_province[firm_id])].add(("s", firm_id))
    return {k: len(v) for k, v in seen.items()}


def targets_rescore(*, today: date | None = None, progress: Progress | None = None,
                    top_n: int = selectors.TOP_N) -> TargetRun:
    """Score every target (firm outside the city × node it is placed on) and record the gaps."""
    today = today or timezone.localdate()
    t0 = time.perf_counter()
    run = TargetRun.objects.create(started_at=timezone.now())
    specs = chain_specs()
    index = {n.code: n for c in specs for n in c.nodes}
    node_rows = list(ChainNode.objects.filter(is_active=True).order_by("id").values_list("id", "code"))
    node_codes = [c for _, c in node_rows]
    node_at = {nid: i for i, (nid, _) in enumerate(node_rows)}
    node_id_arr = np.array([nid for nid, _ in node_rows], dtype=np.int64)

    sql = _CANDIDATES_SQL.format(placement=FirmPlacement._meta.db_table, firm=Firm._meta.db_table)
    df = bulk.read_frame(sql, [False], schema=_CANDIDATE_SCHEMA)
    df = df.filter(pl.col("node_id").is_in(list(node_at)))
    if progress:
        progress(f"读取目标 {df.height:,} 个（{time.perf_counter() - t0:.1f} 秒）")
    firm_ids_all = df["firm_id"].to_numpy()
    uniq, first, inverse = np.unique(firm_ids_all, return_index=True, return_inverse=True)
    firms_df = df[first] if len(first) else df.head(0)
    band_rank = {b: i for i, b in enumerate(REVENUE_BAND_ORDER)}
    provinces = np.array([normalise_province(p) for p in firms_df["province"].fill_null("").to_list()], dtype=object)
    firms = FirmTable(
        ids=uniq,
        province=provinces,
        capital=firms_df["capital"].fill_null(np.nan).to_numpy().astype(np.float64),
        revenue_rank=np.array([band_rank.get(b, -1) for b in firms_df["revenue_band"].fill_null("").to_list()],
                              dtype=np.int8),
        employees=firms_df["employees"].fill_null(np.nan).to_numpy().astype(np.float64),
        is_listed=firms_df["is_listed"].to_numpy().astype(bool),
        is_high_tech=firms_df["is_high_tech"].to_numpy().astype(bool),
        is_specialized=firms_df["is_specialized"].to_numpy().astype(bool),
        is_global500=firms_df["is_global500"].to_numpy().astype(bool),
    )
    since = today - timedelta(days=SIGNAL_WINDOW_DAYS)
    sig = bulk.read_frame(
        f"SELECT firm_id, kind, CAST(happened_on AS VARCHAR(10)) FROM {FirmSignal._meta.db_table} "
        "WHERE happened_on >= %s", [since], schema={"firm_id": pl.Int64, "kind": pl.Utf8, "happened_on": pl.Utf8})
    sig_pos = _positions(uniq, sig["firm_id"].to_numpy())
    ages = (np.datetime64(today) - sig["happened_on"].str.to_date().to_numpy().astype("datetime64[D]")) \
        .astype(np.int64) if sig.height else np.zeros(0, dtype=np.int64)
    strength = signal_strength(sig_pos, sig["kind"].to_list(), ages, len(uniq))

    relations = node_relations(specs, selectors.leader_links())
    seg_cache: dict[str, str] = {}
    inputs = TargetInputs(
        nodes=node_codes, firms=firms, firm_pos=inverse.astype(np.int64),
        node_pos=np.array([node_at[n] for n in df["node_id"].to_list()], dtype=np.int64),
        confidence=df["confidence"].to_numpy(), signal_strength=strength,
        node_relation=np.array([relations.get(c, (0.0, ""))[0] for c in node_codes], dtype=np.float64),
        node_segment=[segment_of(c, index) for c in node_codes],
        precedent=_precedent_counts(index, seg_cache, today),
    )
    scores = score_targets(inputs)
    if progress:
        progress(f"计算得分（{time.perf_counter() - t0:.1f} 秒）")

    now = timezone.now()
    fp = inputs.firm_pos
    has_signal = strength > 0
    bands = firms_df["revenue_band"].fill_null("").to_list()
    cols = [node_id_arr[inputs.node_pos].tolist(), firm_ids_all.tolist(), scores.total.tolist(),
            *(scores.points[k].tolist() for k in ("fit", "size", "growth", "proximity", "relation", "precedent"))]
    prov_row = provinces[fp].tolist()
    band_row = [bands[i] for i in fp.tolist()]
    flags = [firms.is_listed[fp].tolist(), firms.is_high_tech[fp].tolist(), firms.is_specialized[fp].tolist(),
             firms.is_global500[fp].tolist(), has_signal[fp].tolist()]
    rows = (
        (cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i], cols[5][i], cols[6][i], cols[7][i], cols[8][i],
         prov_row[i][:20], band_row[i], flags[0][i], flags[1][i], flags[2][i], flags[3][i], flags[4][i], now)
        for i in range(len(fp))
    )
    gaps = selectors.gaps_current(specs=specs)
    top = _top_per_node(inputs.node_pos, scores.total, firm_ids_all, top_n)
    with transaction.atomic():
        _delete_scores()
        written = bulk.insert_rows(TargetScore._meta.db_table, SCORE_COLUMNS, rows)
        for gap in gaps:
            nid = next((n for n, c in node_rows if c == gap.node), None)
            if nid is None:
                continue
            GapSnapshot.objects.update_or_create(
                node_id=nid, kind=gap.kind, taken_on=today,
                defaults={"priority": gap.priority, "reasons": gap.reasons,
                          "numbers": {k: v for k, v in gap.numbers.items()},
                          "recommended": top.get(node_at[nid], [])})
    if bulk.is_postgres():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TargetScore._meta.db_table}")
    run.finished_at = timezone.now()
    run.targets, run.gaps, run.seconds = written, len(gaps), round(time.perf_counter() - t0, 2)
    run.save(update_fields=["finished_at", "targets", "gaps", "seconds"])
    if progress:
        progress(f"写入目标企业得分 {written:,} 条，缺口 {len(gaps)} 个（{run.seconds:.1f} 秒）")
    return run


def _delete_scores() -> None:
    """One DELETE (not TRUNCATE: readers must not wait for the new scores to be written)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TargetScore._meta.db_table}")


def _positions(sorted_ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Position of each value in ``sorted_ids``, −1 where absent."""
    if not len(sorted_ids):
        return np.full(len(values), -1, dtype=np.int64)
    pos = np.minimum(np.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return np.where(sorted_ids[pos] == values, pos, -1)


def _top_per_node(node_pos: np.ndarray, total: np.ndarray, firm_ids: np.ndarray, n: int) -> dict[int, list[int]]:
    """node position → the ``n`` best firm ids (by total, then firm id), as the list page orders them."""
    if not len(node_pos):
        return {}
    order = np.lexsort((firm_ids, -total, node_pos))
    sorted_nodes = node_pos[order]
    starts = np.flatnonzero(np.r_[True, sorted_nodes[1:] != sorted_nodes[:-1]])
    out = {}
    for s, e in zip(starts, np.r_[starts[1:], len(order)], strict=True):
        out[int(sorted_nodes[s])] = [int(x) for x in firm_ids[order[s:min(e, s + n)]]]
    return out


# ---------------------------------------------------------------------------- outcomes and leads


def _gap_kind(node: ChainNode) -> str:
    snap = GapSnapshot.objects.filter(node=node).order_by("-taken_on").values_list("kind", flat=True).first()
    return snap or ""


def _lead_unit(user, unit: Unit | None) -> Unit:
    if unit is None or unit.pk == user.unit_id:
        return user.unit
    if unit.pk not in visible_unit_ids(user=user):
        raise BusinessError("只能为本单位或下级单位生成线索", field="unit")
    return unit


@transaction.atomic
def target_make_lead(*, user, node: ChainNode, firm: Firm, unit: Unit | None = None, note: str = "",
                     is_demo: bool = False) -> Lead:
    """One click: the recommended firm becomes a lead of the user's unit (the city admin may pick a
    unit), channel 产业链精准招商, and the outcome of the recommendation is recorded. The lead is made by
    ``leads.services.lead_create``, so duplicate pursuit by another unit is detected as for any lead."""
    if not user.writes_business_data:
        raise BusinessError("您没有生成线索的权限", status=403)
    if firm.is_local:
        raise BusinessError("本市企业不是招商目标，不能生成招商线索")
    unit = _lead_unit(user, unit)
    outcome = TargetOutcome.objects.select_for_update(of=("self",)).filter(firm=firm, node=node).select_related(
        "lead", "unit").first()
    if outcome is not None and outcome.lead_id:
        raise BusinessError(f"该企业已由{outcome.unit}生成线索（{outcome.lead.code}），请勿重复生成")
    score = TargetScore.objects.filter(node=node, firm=firm).first()
    today = timezone.localdate()
    kind = _gap_kind(node)
    kind_label = f"（{GapKind(kind).label}）" if kind else ""
    summary = (f"产业链精准招商：{node.chain.name}·{node.name}{kind_label}的推荐目标企业"
               + (f"，综合得分 {score.total:.1f}" if score else "") + (f"。{note.strip()}" if note.strip() else "。"))
    lead = lead_create(user=user, unit=unit, firm_name=firm.name, credit_code=firm.credit_code, summary=summary,
                       channel_kind=ChannelKind.TARGETING, industry=node.chain.name[:60], received_on=today,
                       is_demo=is_demo)
    _outcome_save(user=user, outcome=outcome, firm=firm, node=node, status=OutcomeStatus.LEAD, day=today,
                  unit=unit, lead=lead, gap_kind=kind, score=score.total if score else None, note=note)
    return lead


def _outcome_save(*, user, outcome: TargetOutcome | None, firm: Firm, node: ChainNode, status: str, day: date,
                  unit: Unit, gap_kind: str, score: float | None, note: str, lead: Lead | None = None) -> TargetOutcome:
    if outcome is None:
        outcome = TargetOutcome(firm=firm, node=node, unit=unit, gap_kind=gap_kind, score=score)
    outcome.status = status
    outcome.updated_by = user
    setattr(outcome, f"{status}_on", day)
    if lead is not None:
        outcome.lead = lead
        outcome.unit = unit
    if note.strip():
        outcome.note = note.strip()[:300]
    outcome.full_clean()
    outcome._history_user = user
    outcome.save()
    return outcome


@transaction.atomic
def target_outcome_set(*, user, node: ChainNode, firm: Firm, status: str, happened_on: date | None = None,
                       note: str = "") -> TargetOutcome:
    """Record that a recommended firm was contacted, visited or signed (a lead is made by
    :func:`target_make_lead`)."""
    if not user.writes_business_data:
        raise BusinessError("您没有记录跟进结果的权限", status=403)
    if status not in OutcomeStatus.values:
        raise BusinessError("进展必须是已联系、已拜访、已生成线索或已签约之一", field="status")
    if status == OutcomeStatus.LEAD:
        raise BusinessError("请用“生成线索”按钮生成线索", field="status")
    day = happened_on or timezone.localdate()
    if day > timezone.localdate():
        raise BusinessError("日期不能晚于今天", field="happened_on")
    outcome = TargetOutcome.objects.select_for_update().filter(firm=firm, node=node).first()
    score = TargetScore.objects.filter(node=node, firm=firm).values_list("total", flat=True).first()
    return _outcome_save(user=user, outcome=outcome, firm=firm, node=node, status=status, day=day,
                         unit=outcome.unit if outcome else user.unit, gap_kind=outcome.gap_kind if outcome
                         else _gap_kind(node), score=outcome.score if outcome else score, note=note)
