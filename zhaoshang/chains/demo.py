"""Demo data of the chains app: the three chains of 连云港 with their real leaders, a synthetic
firm universe (demo ≈ 3,000 firms, city ≈ 50,000, province 5,000,000), placements, signals,
target scores, a few outcomes of recommendations, and cluster snapshots for past months.

Idempotent: the chains load by code, the universe is skipped once its firms exist, signals,
outcomes and snapshots are only added where missing. Deterministic from the seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from zhaoshang.accounts.models import User
from zhaoshang.firms.models import Firm

from .enums import OutcomeStatus, SignalKind
from .models import Chain, ClusterSnapshot, FirmPlacement, FirmSignal, GapSnapshot, TargetOutcome
from .services import (
    chains_load_reference,
    cluster_snapshots_take,
    firms_import_universe,
    signals_bulk_create,
    target_make_lead,
    target_outcome_set,
    targets_rescore,
)
from .synthetic import SCALES, UniverseGenerator
from .targeting import SIMILAR_PLACES

SIGNAL_SHARE = 0.08
OTHER_PLACES = ["苏州", "无锡", "常州", "合肥", "武汉", "成都", "西安", "郑州", "长沙", "重庆"]
SIGNAL_TEXT = {
    SignalKind.FINANCING: ["完成新一轮融资", "获得战略投资", "发行债券募集资金", "定向增发获批"],
    SignalKind.EXPANSION: ["公告扩产计划", "新增生产线投产", "技改扩能项目开工", "产能扩建项目环评公示"],
    SignalKind.NEW_PLANT: ["新建生产基地签约", "新工厂项目开工", "拟投资建设新基地", "新基地项目备案"],
}
#: Who makes the demo leads for a chain: the officer of the unit where the chain's base is.
CHAIN_OFFICER = {"PC": "xuwei", "BP": "kaifaqu", "NM": "donghai"}


def _signals(rng: random.Random, admin: User, today: date) -> int:
    if FirmSignal.objects.filter(is_demo=True).exists():
        return 0
    firm_ids = sorted(set(FirmPlacement.objects.filter(firm__is_local=False, firm__is_demo=True)
                          .values_list("firm_id", flat=True)))
    chosen = rng.sample(firm_ids, int(len(firm_ids) * SIGNAL_SHARE)) if firm_ids else []
    kinds = [SignalKind.FINANCING, SignalKind.EXPANSION, SignalKind.NEW_PLANT]
    signals = []
    for firm_id in sorted(chosen):
        kind = rng.choices(kinds, weights=[0.4, 0.35, 0.25])[0]
        place = ""
        if kind != SignalKind.FINANCING:
            place = rng.choice(sorted(SIMILAR_PLACES)) if rng.random() < 0.5 else rng.choice(OTHER_PLACES)
        text = rng.choice(SIGNAL_TEXT[kind]) + (f"（{place}）" if place else "")
        signals.append(FirmSignal(
            firm_id=firm_id, happened_on=today - timedelta(days=rng.randint(5, 900)), kind=kind, text=text,
            place=place, amount=Decimal(rng.randint(5, 500) * 1000), source="（演示数据）企业公告", is_demo=True))
    return signals_bulk_create(user=admin, signals=signals) if signals else 0


def _project_nodes(rng: random.Random, today: date) -> int:
    """Give demo projects of the three chains a node code, so the map shows pipeline projects."""
    from zhaoshang.projects.models import Project
    from zhaoshang.projects.services import project_update

    from .selectors_specs import chain_specs

    if Project.objects.filter(is_demo=True).exclude(chain_node="").exists():
        return 0  # done by an earlier build: projects added since by other apps stay as they are
    nodes = {c.name: [n.code for n in c.nodes if n.placeable] for c in chain_specs()}
    changed = 0
    admin = User.objects.get(username="city_admin")
    for project in Project.objects.filter(is_demo=True, chain__in=list(nodes), chain_node="").order_by("id")[:400]:
        project_update(user=admin, project=project, version=project.version,
                       data={"chain_node": rng.choice(nodes[project.chain])})
        changed += 1
    return changed


def _outcomes(rng: random.Random, today: date) -> int:
    """A few recommended firms followed up, so the hit rate is not empty in the demo."""
    if TargetOutcome.objects.exists():
        return 0
    done = 0
    snapshots = list(GapSnapshot.objects.filter(taken_on=today).select_related("node__chain")
                     .order_by("-priority", "node__code"))
    for snap in snapshots[:12]:
        firms = snap.recommended[:6]
        if not firms:
            continue
        officer = User.objects.get(username=CHAIN_OFFICER.get(snap.node.chain.code, "city_admin"))
        for i, firm_id in enumerate(firms[:3]):
            firm = Firm.objects.get(pk=firm_id)
            if i == 0 and rng.random() < 0.7:
                target_make_lead(user=officer, node=snap.node, firm=firm, note="（演示数据）", is_demo=True)
            else:
                status = rng.choice([OutcomeStatus.CONTACTED, OutcomeStatus.VISITED])
                target_outcome_set(user=officer, node=snap.node, firm=firm, status=status,
                                   happened_on=today - timedelta(days=rng.randint(1, 60)), note="（演示数据）")
            done += 1
    return done


def _snapshots(today: date, months: int = 6) -> int:
    written = 0
    for k in range(months, 0, -1):
        first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        for _ in range(k - 1):
            first = (first - timedelta(days=1)).replace(day=1)
        if not ClusterSnapshot.objects.filter(taken_on=first).exists():
            written += cluster_snapshots_take(taken_on=first, as_of=first)
    written += cluster_snapshots_take(taken_on=today)
    return written


def extend_demo(*, scale: str, seed: int, today: date, progress=None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-chains")
    admin = User.objects.get(username="city_admin")
    chains_load_reference(user=admin)
    expected = SCALES.get(scale, SCALES["demo"])
    have = Firm.objects.filter(is_demo=True).count()
    imported = 0
    if have < expected:
        gen = UniverseGenerator(scale=scale, seed=seed, today=today)
        big = expected > 100_000
        result = firms_import_universe(batches=gen.frames(), user=admin, demo=True, today=today,
                                       workers=2 if big else 0, initial=big and have < expected // 10,
                                       progress=progress)
        imported = result.inserted
    signals = _signals(rng, admin, today)
    projects = _project_nodes(rng, today)
    run = targets_rescore(today=today, progress=progress)
    outcomes = _outcomes(rng, today)
    snapshots = _snapshots(today)
    return {"产业链": Chain.objects.count(), "企业库新增企业": imported, "企业动态": signals, "项目挂节点": projects,
            "目标企业得分": run.targets, "推荐跟进": outcomes, "集群快照": snapshots}
