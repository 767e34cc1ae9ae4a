"""Demo data of the projects app, added after the demo builder has made projects and follow-ups.

Sections (each idempotent and deterministic with random.Random(f"{seed}-projects-…"), each writing
through the services only):
  - task forces (招商专班): ~15 major demo projects and the three chain task forces;
  - leaders' activities (一把手招商): ~80 outbound visits and receptions across units and the year;
  - a few open, overdue next steps logged by the task-force member 林峰 (taskforce).
The lead engineer may add further sections below; keep each one behind its own "already there?" check.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.utils import timezone

from zhaoshang.accounts.models import User
from zhaoshang.demo.lianyungang import DISTRICTS
from zhaoshang.organizations.models import Unit

from .enums import ACTIVE_STAGES, LeaderActivityKind, TaskForceKind
from .models import FollowUp, LeaderActivity, Project, TaskForce

Progress = Callable[[str], None] | None


def extend_demo(*, scale: str, seed: int, today: date, progress: Progress = None) -> dict[str, int]:
    users = {u.username: u for u in User.objects.select_related("unit")}
    if "city_admin" not in users:
        return {}
    created = {
        "task_forces": _task_forces(seed=seed, users=users),
        "leader_activities": _leader_activities(seed=seed, today=today, users=users),
    }
    created["follow_ups"] = _overdue_next_steps(seed=seed, today=today, users=users)
    if progress:
        progress(f"招商专班 {created['task_forces']} 个，领导招商活动 {created['leader_activities']} 次")
    return created


# ---- task forces -------------------------------------------------------------------------------------------

PROJECT_TASK_FORCES = 15
TASKFORCE_ON_XUWEI = 4  # 林峰 serves on the largest 徐圩新区 projects…
CROSS_UNIT = "kaifaqu"  # …and on one 市开发区 project: a member from another unit sees it
DEPARTMENT_DUTIES = [("land_dept", "用地保障"), ("approval_dept", "审批代办")]
CHAIN_TASK_FORCES = [
    # chain, lead username, [(member username, duty)]
    ("石化", "city_admin", [("xuwei", "徐圩新区对接"), ("taskforce", "石化产业链招商"), ("ganyu", "赣榆区对接"),
                           ("guanyun", "灌云县对接"), ("guannan", "灌南县对接"), ("land_dept", "用地保障")]),
    ("生物医药", "city_admin", [("kaifaqu", "中华药港对接"), ("haizhou", "海州区对接"), ("gaoxin", "高新区对接"),
                             ("approval_dept", "审批代办")]),
    ("新材料", "city_admin", [("lianyun", "连云区对接"), ("donghai", "东海县对接"), ("kaifaqu", "市开发区对接"),
                            ("land_dept", "用地保障")]),
]


def _major_projects() -> list[Project]:
    """The largest open demo projects: four of 徐圩新区, one of 市开发区, then the largest elsewhere."""
    qs = (Project.objects.filter(is_demo=True, stage__in=list(ACTIVE_STAGES)).select_related("unit")
          .order_by("-total_investment", "code"))
    xuwei = list(qs.filter(unit__code="xuwei")[:TASKFORCE_ON_XUWEI])
    cross = list(qs.filter(unit__code=CROSS_UNIT)[:1])
    chosen = {p.pk for p in xuwei + cross}
    rest = [p for p in qs.exclude(pk__in=chosen)[:PROJECT_TASK_FORCES] if p.unit.code != "xuwei"]
    return (xuwei + cross + rest)[:PROJECT_TASK_FORCES]


def _task_forces(*, seed: int, users: dict[str, User]) -> int:
    from .services import task_force_create

    rng = random.Random(f"{seed}-projects-task-forces")
    admin = users["city_admin"]
    officers = {u.unit.code: u for u in users.values() if u.role == "unit_officer" and u.unit}
    made = 0
    projects = _major_projects()
    taskforce_on = {p.pk for p in projects if p.unit.code in ("xuwei", CROSS_UNIT)}
    for project in projects:
        department, duty = DEPARTMENT_DUTIES[rng.randrange(len(DEPARTMENT_DUTIES))]
        if TaskForce.objects.filter(project=project).exists():
            continue
        lead = officers.get(project.unit.code) or admin
        members: list[tuple[User, str]] = [(admin, "市级统筹"), (users[department], duty)]
        if project.pk in taskforce_on and users.get("taskforce"):
            members.append((users["taskforce"], "石化产业链对接" if project.unit.code == "xuwei" else "跨区配套协调"))
        task_force_create(user=admin, kind=TaskForceKind.PROJECT, unit=project.unit, lead=lead, project=project,
                          members=[(m, d) for m, d in members if m.pk != lead.pk])
        made += 1
    city = Unit.objects.get(code="lyg")
    for chain, lead_name, chain_members in CHAIN_TASK_FORCES:
        name = f"{chain}产业链招商专班"
        if TaskForce.objects.filter(kind=TaskForceKind.CHAIN, chain=chain, name=name).exists():
            continue
        task_force_create(user=admin, kind=TaskForceKind.CHAIN, chain=chain, unit=city, lead=users[lead_name],
                          name=name, members=[(users[u], d) for u, d in chain_members if u in users])
        made += 1
    return made


# ---- leaders' activities (一把手招商) -------------------------------------------------------------------------

LEADER_ACTIVITIES = 80
# Titles as the units use them; the names are synthetic (“某某”), not the real office holders.
TITLES = {"district": ("区委书记", "区长"), "county": ("县委书记", "县长"), "zone": ("党工委书记", "管委会主任")}
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
OUTBOUND_PLACES = ["上海", "深圳", "北京", "杭州", "苏州", "广州", "南京", "宁波", "香港", "新加坡", "东京", "首尔"]
COUNTERPARTS = ["某新材料集团", "某石化股份公司", "某生物医药集团", "某新能源科技公司", "某产业投资基金", "某央企总部",
                "某港资投资集团", "某高端装备公司", "某化工新材料上市公司", "某商会"]
SUMMARIES = ["介绍连云港投资环境，对方表示将实地考察", "就项目选址和用地达成初步意向", "推动框架协议签约",
             "对接产业链上下游配套需求", "协调项目落地中的要素保障问题", "邀请企业参加投资说明会", ""]


def _leaders(users: dict[str, User]) -> list[tuple[str, str, str, User | None]]:
    """(unit code, leader name, title, account): two per district/zone, and the 市领导 account."""
    rows: list[tuple[str, str, str, User | None]] = []
    surnames = iter(SURNAMES)
    for code, name, _short, kind, *_ in DISTRICTS:
        if code == "yuntaishan":
            continue
        titles = TITLES["county" if name.endswith("县") else kind]
        for title in titles:
            rows.append((code, f"{next(surnames)}某某", title, None))
    if users.get("leader"):
        rows.append(("lyg", users["leader"].full_name, users["leader"].title, users["leader"]))
    return rows


def _leader_activities(*, seed: int, today: date, users: dict[str, User]) -> int:
    from .services import leader_activity_create

    if LeaderActivity.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(f"{seed}-projects-leaders")
    units = {u.code: u for u in Unit.objects.all()}
    recorders = {u.unit.code: u for u in users.values() if u.role == "unit_officer" and u.unit}
    leaders = _leaders(users)
    projects: dict[int, list[Project]] = {}
    for p in Project.objects.filter(is_demo=True, stage__in=list(ACTIVE_STAGES)).order_by("-total_investment")[:400]:
        projects.setdefault(p.unit_id, []).append(p)
    start = today.replace(month=1, day=1)
    span = max(0, (today - start).days)
    for _ in range(LEADER_ACTIVITIES):
        code, name, title, account = leaders[rng.randrange(len(leaders))]
        unit = units[code]
        outbound = rng.random() < 0.55
        own = projects.get(unit.pk, [])
        linked = rng.sample(own[:12], k=min(len(own[:12]), rng.choice([0, 1, 1, 2]))) if code != "lyg" else []
        leader_activity_create(
            user=recorders.get(code, users["city_admin"]), unit=unit,
            kind=LeaderActivityKind.OUTBOUND_VISIT if outbound else LeaderActivityKind.INVESTOR_RECEPTION,
            happened_on=start + timedelta(days=rng.randint(0, span)), leader=account,
            leader_name="" if account else name, leader_title="" if account else title,
            place=rng.choice(OUTBOUND_PLACES) if outbound else f"连云港·{unit.display_name}",
            counterparts=f"{rng.choice(OUTBOUND_PLACES[:8])}{rng.choice(COUNTERPARTS)}",
            summary=rng.choice(SUMMARIES), projects=linked, is_demo=True, today=today)
    return LEADER_ACTIVITIES


# ---- overdue next steps of the task-force member -------------------------------------------------------------

NEXT_STEPS = ["协调用地预审意见", "对接环评批复进度", "陪同企业高管实地考察", "报送项目可研报告", "组织银企对接会"]


def _overdue_next_steps(*, seed: int, today: date, users: dict[str, User]) -> int:
    """林峰 logs a follow-up on each of his project task forces; most next steps are now overdue."""
    from .services import follow_up_create

    member = users.get("taskforce")
    if member is None or FollowUp.objects.filter(owner=member, is_demo=True).exists():
        return 0
    rng = random.Random(f"{seed}-projects-next-steps")
    latest = min(today, timezone.localdate())
    made = 0
    for tf in (TaskForce.objects.filter(memberships__user=member, kind=TaskForceKind.PROJECT, is_active=True)
               .select_related("project").order_by("project__code")):
        project = tf.project
        assert project is not None  # a project task force
        on = max(project.last_follow_up_on or project.negotiation_started_on or latest, latest - timedelta(days=30))
        on = min(on, latest)
        follow_up_create(user=member, project=project, happened_on=on, kind=rng.choice(["visit", "meeting", "call"]),
                         participants=f"{member.full_name}、{project.unit.display_name}招商局",
                         content="（演示数据）专班成员跟进项目进展，协调推进要素保障。",
                         next_step=rng.choice(NEXT_STEPS), next_step_due=on + timedelta(days=rng.choice([5, 7, 10])),
                         is_demo=True)
        made += 1
    return made
