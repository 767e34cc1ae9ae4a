"""Demo data of factor guarantees: routing to the real departments, the 2026 holiday calendar,
sites across the districts and zones, and requests in every state on demo projects.

Idempotent (routing rules are only set where missing, sites by unit and name, requests by code)
and deterministic (random.Random(f"{seed}-factors")). Every write goes through the services,
back-dated with their ``now`` argument so the timelines and the department record look lived-in.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from zhaoshang.accounts.models import Notification, User
from zhaoshang.accounts.services import notification_mark_read, user_create
from zhaoshang.demo.lianyungang import DEMO_PASSWORD
from zhaoshang.organizations.models import Unit
from zhaoshang.projects.models import Project

from . import services
from .enums import CLOSED_STATUSES, FactorKind, SiteKind, SiteStatus
from .models import CalendarDay, FactorRequest, JointReview, RoutingRule, Site
from .selectors import work_calendar
from .workdays import at as _moment

# kind, department code, working days, what the department does for it
DEFAULT_ROUTING = [
    (FactorKind.LAND, "dept-land", 15, "用地预审与选址、供地计划、土地出让"),
    (FactorKind.FINANCE, "dept-finance", 10, "银企对接、融资担保、产业基金"),
    (FactorKind.APPROVAL, "dept-approval", 5, "项目审批代办、并联审批"),
    (FactorKind.ENERGY, "dept-ndrc", 15, "节能审查、能耗指标"),
    (FactorKind.ENVIRONMENT, "dept-ecology", 15, "环评审批、排污总量指标"),
    (FactorKind.LABOUR, "dept-hr", 10, "招聘对接、技能培训、用工补贴"),
    (FactorKind.UTILITIES, "dept-industry", 10, "供水、供电、供气接入协调"),
    (FactorKind.OTHER, "dept-commerce", 10, "其他需协调事项，由市商务局统筹"),
]

# 2026 statutory holidays falling on weekdays and the weekend days worked in their place, checked
# against 国务院办公厅关于2026年部分节假日安排的通知 (4 November 2025); the city admin extends this
# list on the routing page every year.
HOLIDAYS_2026 = {
    "元旦": (["2026-01-01", "2026-01-02"], ["2026-01-04"]),
    "春节": (["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23"],
           ["2026-02-14", "2026-02-28"]),
    "清明节": (["2026-04-06"], []),
    "劳动节": (["2026-05-01", "2026-05-04", "2026-05-05"], ["2026-05-09"]),
    "端午节": (["2026-06-19"], []),
    "中秋节": (["2026-09-25"], []),
    "国庆节": (["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
            ["2026-09-20", "2026-10-10"]),
}

# Officers for the departments the reference accounts do not cover: (username, name, department, title)
DEPARTMENT_OFFICERS = [
    ("ndrc_dept", "许文涛", "dept-ndrc", "市发改委能源与节能科"),
    ("ecology_dept", "沈佳", "dept-ecology", "市生态环境局环评与排放管理科"),
    ("finance_dept", "韩磊", "dept-finance", "市金融监管局银行保险科"),
    ("hr_dept", "唐敏", "dept-hr", "市人社局就业促进科"),
    ("industry_dept", "冯涛", "dept-industry", "市工信局电力能源科"),
    ("commerce_dept", "曹颖", "dept-commerce", "市商务局投资促进科"),
]

# unit code, name, kind, place, area (亩 or ㎡), price, suitable industries, status, available in N days
SITES = [
    ("xuwei-petrochem", "石化产业基地 D-12 地块", "land", "港前大道以北、纬五路以东", "356", "22.5", "石化、新材料", "available", 0),
    ("xuwei-petrochem", "石化产业基地 E-03 地块", "land", "江苏大道以南、经三路以西", "180", "22.5", "石化", "available", 60),
    ("xuwei", "高端装备产业园 A-07 地块", "land", "方洋路以西、纬二路以北", "95", "18", "高端装备、新材料", "available", 0),
    ("xuwei-sinochem", "循环经济产业园二期地块", "land", "园区规划二路以东", "420", "20", "石化", "negotiating", 0),
    ("xuwei", "徐圩新区标准厂房 3 号楼", "standard_factory", "方洋路 88 号", "12000", "12", "新材料、高端装备", "available", 0),
    ("kaifaqu-pharma", "中华药港 B-05 地块", "land", "新浦路以东、昆仑山路以北", "120", "30", "生物医药", "available", 0),
    ("kaifaqu-pharma", "中华药港标准厂房 6 号楼", "standard_factory", "中华药港科创路 6 号", "8600", "18", "生物医药",
     "available", 30),
    ("kaifaqu", "临港产业区 C-21 地块", "land", "黄河路以南、东方大道以东", "210", "25", "新材料、新能源", "available", 0),
    ("kaifaqu", "开发区科创大厦", "office_building", "花果山大道 17 号", "4500", "35", "软件、研发设计", "available", 0),
    ("kaifaqu-bonded", "综保区 2 号标准厂房", "standard_factory", "综合保税区中云台路 2 号", "15000", "15",
     "跨境电商、物流", "negotiating", 0),
    ("gaoxin", "智能装备产业园 A-02 地块", "land", "高新区振华路以北", "80", "28", "装备制造、电子信息", "available", 0),
    ("gaoxin", "高新区科技孵化器", "office_building", "花果山大道 601 号", "6800", "30", "电子信息、生物医药",
     "available", 0),
    ("haizhou-etdz", "医疗器械产业园地块", "land", "海州经开区新坝路以西", "65", "32", "生物医药、医疗器械", "available", 45),
    ("haizhou-industrial", "海州工业园标准厂房 1 号", "standard_factory", "海州工业园创业路 1 号", "6000", "10",
     "装备制造", "available", 0),
    ("lianyun", "碳纤维产业园 02 地块", "land", "连云区板桥工业园纬一路", "150", "24", "新材料", "available", 0),
    ("ganyu-zhewang", "柘汪临港产业区 G-08 地块", "land", "柘汪镇临港大道以东", "500", "16", "钢铁冶金、装备制造、石化",
     "available", 0),
    ("ganyu-marine", "海洋经开区标准厂房 5 号", "standard_factory", "赣榆海洋经开区海兴路 5 号", "9000", "9",
     "海洋装备、新能源", "available", 0),
    ("donghai-hitech", "硅材料产业园地块", "land", "东海高新区晶都大道以南", "110", "15", "新材料、光伏", "available", 0),
    ("donghai-etdz", "光伏产业园标准厂房", "standard_factory", "东海经开区光伏路 9 号", "20000", "8", "新材料、光伏",
     "taken", 0),
    ("guanyun-port", "临港产业区 H-15 地块", "land", "灌云临港产业区纬八路以北", "300", "14", "石化、新材料", "available", 90),
    ("guannan-chempark", "化工产业园 F-06 地块", "land", "化工园区经二路以东", "160", "15", "石化、生物医药", "available", 0),
    ("guannan-industrial", "灌南工业园标准厂房 2 号", "standard_factory", "灌南工业园长江路 2 号", "7500", "8",
     "装备制造、物流", "available", 0),
]

REQUESTS_PER_SCALE = {"demo": 40, "city": 150, "province": 600}
KIND_WEIGHTS = [("land", 30), ("approval", 18), ("finance", 14), ("energy", 10), ("environment", 10),
                ("utilities", 8), ("labour", 6), ("other", 4)]
SCENARIOS = [("resolved_on_time", 30), ("resolved_late", 10), ("accepted", 12), ("submitted", 10),
             ("info_requested", 8), ("answered", 6), ("overdue", 12), ("declined", 8), ("withdrawn", 6)]

TITLES = {
    "land": ["项目用地预审与选址", "二期项目新增工业用地", "厂区扩建用地指标", "项目建设用地挂牌出让", "租用标准厂房"],
    "finance": ["项目建设贷款银企对接", "固定资产贷款授信", "产业基金股权投资对接", "融资担保增信"],
    "approval": ["施工许可并联审批", "项目核准及规划许可", "工程建设项目审批提速", "消防设计审查与施工许可"],
    "energy": ["节能审查及能耗指标", "新增能耗指标保障", "用能权交易指标"],
    "environment": ["项目环评批复", "排污总量指标平衡", "危废经营许可协调"],
    "labour": ["技术工人招聘对接", "投产前用工保障", "校企合作定向培养"],
    "utilities": ["220kV 专线接入", "天然气管网接入", "工业用水扩容", "蒸汽管网接入"],
    "other": ["外籍技术人员工作许可协调", "港口岸线使用协调", "项目周边道路配套"],
}
APPROVAL_ITEMS = ["建设用地规划许可证", "建设工程规划许可证", "施工图审查合格书", "建筑工程施工许可证",
                  "消防设计审查意见", "人防设计审查", "项目核准批复"]
INFO_ASKS = {
    "land": "请补充项目可行性研究报告、总平面布置图及投资强度测算。",
    "finance": "请补充企业近三年财务报表及项目资本金到位证明。",
    "approval": "请补充施工图审查合格书及建设单位授权委托书。",
    "energy": "请补充节能报告（含主要用能设备清单）及能耗等量替代方案。",
    "environment": "请补充环境影响报告书（送审稿）及污染物排放总量来源说明。",
    "labour": "请补充分工种用工需求表和岗位薪酬标准。",
    "utilities": "请补充用电（用气）负荷测算及接入点位示意图。",
    "other": "请补充需协调事项的具体诉求和相关材料。",
}
ANSWERS = ["已补充相关材料，详见附件说明。", "材料已按要求补齐，并已电话告知经办人。", "已补充，项目单位同时提交了承诺书。"]
OUTCOMES = {
    "land": "已纳入年度供地计划，完成用地预审，拟于下月挂牌出让。",
    "finance": "已组织三家银行对接，授信方案已报审批，首笔贷款已放款。",
    "approval": "已启动并联审批，相关许可证已核发。",
    "energy": "节能审查已通过，能耗指标已在全市统筹中解决。",
    "environment": "环评批复已出具，总量指标已通过区域削减平衡。",
    "labour": "已组织专场招聘会两场，对接技术工人和校企合作订单班。",
    "utilities": "供电公司已出具接入方案，工程列入本年度配套建设计划。",
    "other": "已协调相关部门和单位，形成解决方案并落实。",
}
DECLINES = ["该事项不属于本部门职责，请向属地县区申请。", "拟选地块不符合国土空间规划，建议另行选址后重新提出。",
            "项目尚未完成前置手续，暂不具备办理条件，请完善后重新提出。"]
WITHDRAWALS = ["企业调整建设方案，需求暂缓。", "该事项已由属地自行解决。"]


def at(day: date, hour: int) -> datetime:
    """A back-dated moment for a demo step, never later than the real clock (today's steps stay in the past)."""
    return min(_moment(day, hour), timezone.now())


def calendar_ensure(actor: User) -> int:
    """The statutory holidays and worked weekend days of HOLIDAYS_2026 (real data, used by ``zhaoshang init`` too)."""
    existing = set(CalendarDay.objects.values_list("day", flat=True))
    created = 0
    for note, (holidays, workdays) in HOLIDAYS_2026.items():
        for text, working in [(d, False) for d in holidays] + [(d, True) for d in workdays]:
            day = date.fromisoformat(text)
            if day not in existing:
                services.calendar_day_set(user=actor, day=day, is_working_day=working, note=note)
                created += 1
    return created


def routing_ensure(actor: User, units: dict[str, Unit]) -> int:
    """Each request kind to its responsible department with a deadline (DEFAULT_ROUTING), once."""
    existing = set(RoutingRule.objects.values_list("kind", flat=True))
    created = 0
    for kind, code, days, note in DEFAULT_ROUTING:
        if kind not in existing:
            services.routing_rule_set(user=actor, kind=kind, department=units[code], deadline_days=days, note=note)
            created += 1
    return created


def _officers(units: dict[str, Unit]) -> int:
    existing = set(User.objects.values_list("username", flat=True))
    created = 0
    for username, name, code, title in DEPARTMENT_OFFICERS:
        if username not in existing:
            user_create(username=username, full_name=name, role="department_officer", unit=units[code],
                        password=DEMO_PASSWORD, title=title)
            created += 1
    return created


def _sites(actor: User, units: dict[str, Unit], today: date) -> int:
    existing = set(Site.objects.values_list("unit__code", "name"))
    created = 0
    for code, name, kind, place, area, price, industries, status, days in SITES:
        if (code, name) in existing:
            continue
        unit = units[code]
        project = None
        if status == SiteStatus.TAKEN:
            project = (Project.objects.filter(unit__path__startswith=unit.parent.path if unit.parent else unit.path,
                                              is_demo=True, stage__in=["registered", "under_construction",
                                                                       "in_production"])
                       .order_by("code").first())
            status = SiteStatus.TAKEN if project else SiteStatus.NEGOTIATING
        services.site_create(user=actor, name=name, kind=kind, unit=unit, address=place,
                             area=Decimal(area), price=Decimal(price), suitable_industries=industries, status=status,
                             available_from=today + timedelta(days=days) if days else None, project=project,
                             note="（演示数据）", is_demo=True)
        created += 1
    return created


def _details(kind: str, rng: random.Random, project: Project, title: str) -> dict:
    if kind == "land":
        if "厂房" in title:
            return {"site_kind": SiteKind.STANDARD_FACTORY,
                    "floor_area_sqm": Decimal(rng.choice([5000, 6000, 8000, 10000, 12000])),
                    "place": f"{project.unit.display_name}标准厂房"}
        return {"site_kind": SiteKind.LAND, "land_mu": Decimal(rng.choice([50, 60, 80, 100, 120, 150, 200, 300])),
                "place": f"{project.unit.display_name}产业园区"}
    if kind == "finance":
        return {"finance_amount": Decimal(rng.choice([5000, 10000, 20000, 30000, 50000, 80000])),
                "finance_kind": rng.choice(["loan", "loan", "guarantee", "equity", "leasing"])}
    if kind == "approval":
        return {"approval_items": "\n".join(rng.sample(APPROVAL_ITEMS, rng.randint(1, 3)))}
    if kind == "energy":
        return {"energy_tce": Decimal(rng.choice([8000, 15000, 30000, 52000, 120000]))}
    if kind == "labour":
        return {"workers": rng.choice([80, 120, 200, 350, 600])}
    return {}


def _pick(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _play(*, code: str, project: Project, raiser: User, officers: dict[int, User], rules: dict[str, RoutingRule],
          rng: random.Random, today: date) -> FactorRequest:
    """Raise one request back in time and walk it to its scenario's state."""
    kind = _pick(rng, KIND_WEIGHTS)
    scenario = _pick(rng, SCENARIOS)
    rule = rules[kind]
    calendar = work_calendar()
    if scenario in ("submitted", "accepted", "info_requested", "answered"):
        start = today - timedelta(days=rng.randint(1, max(2, rule.deadline_days // 2)))
    elif scenario == "overdue":
        start = today - timedelta(days=rule.deadline_days * 7 // 5 + rng.randint(4, 20))
    else:
        start = today - timedelta(days=rng.randint(30, 300))
    day = lambda n: min(calendar.add_working_days(start, n), today)  # noqa: E731
    title = rng.choice(TITLES[kind])
    fr = services.factor_request_submit(
        user=raiser, project=project, kind=kind, title=title, code=code, is_demo=True, now=at(start, 9),
        urgency=rng.choice(["normal", "normal", "urgent", "critical"]),
        needed_by=start + timedelta(days=rng.randint(30, 120)),
        description=f"（演示数据）{project.name}推进中需要{FactorKind(kind).label}保障：{title}。",
        **_details(kind, rng, project, title))
    officer = officers[fr.department_id]
    if scenario == "submitted":
        return fr
    if scenario == "withdrawn":
        return services.factor_request_withdraw(user=raiser, request=fr, text=rng.choice(WITHDRAWALS),
                                                now=at(day(1), 15))
    fr = services.factor_request_accept(user=officer, request=fr, text="已受理，安排专人对接。", now=at(day(1), 10))
    if scenario in ("info_requested", "answered"):
        fr = services.factor_request_ask_info(user=officer, request=fr, text=INFO_ASKS[kind], now=at(day(2), 11))
        if scenario == "answered":
            fr = services.factor_request_answer(user=raiser, request=fr, text=rng.choice(ANSWERS),
                                                now=at(day(3), 16))
        return fr
    if scenario in ("accepted", "overdue"):
        return fr
    if scenario == "declined":
        return services.factor_request_decline(user=officer, request=fr, reason=rng.choice(DECLINES),
                                               now=at(day(2), 14))
    if scenario == "resolved_late":
        late = calendar.add_working_days(fr.due_on, rng.randint(1, 6))
        services.factor_request_escalate_overdue(now=at(calendar.add_working_days(fr.due_on, 1), 8))
        return services.factor_request_resolve(user=officer, request=fr, outcome=OUTCOMES[kind],
                                               now=at(min(late, today), 17))
    return services.factor_request_resolve(user=officer, request=fr, outcome=OUTCOMES[kind],
                                           now=at(day(rng.randint(2, max(2, rule.deadline_days - 1))), 17))


JOINT_KINDS = [("land", "项目建设用地挂牌出让"), ("energy", "新增能耗指标保障"), ("environment", "项目环评批复")]


def _joint_reviews(*, actor: User, raisers: dict[int, User], officers: dict[int, User], today: date) -> int:
    """The two largest signed projects each need land, energy and an environmental permit at once:
    their requests go to three departments, who meet in a 联审 and record who does what by when."""
    rng = random.Random("factors-joint-reviews")
    created = 0
    big = (Project.objects.filter(is_demo=True, unit_id__in=raisers, stage__in=["signed", "registered"])
           .select_related("unit").order_by("-total_investment", "code")[:2])
    for n, project in enumerate(big, start=1):
        title = f"{project.name}要素保障联审会"
        if JointReview.objects.filter(title=title).exists():
            continue
        requests = []
        for j, (kind, item) in enumerate(JOINT_KINDS, start=1):
            code = f"YS-DEMO-J{n}{j}"
            fr = FactorRequest.objects.filter(code=code).first()
            if fr is None:
                fr = services.factor_request_submit(
                    user=raisers[project.unit_id], project=project, kind=kind, title=item, code=code, is_demo=True,
                    urgency="urgent", needed_by=today + timedelta(days=60), now=at(today - timedelta(days=6), 9),
                    description=f"（演示数据）{project.name}签约后需同步解决用地、能耗和环评，申请联审。",
                    **_details(kind, rng, project, item))
                fr = services.factor_request_accept(user=officers[fr.department_id], request=fr,
                                                    now=at(today - timedelta(days=5), 10))
            requests.append(fr)
        decisions = "；".join(f"{i}. {r.department}牵头办理“{r.title}”，{r.due_on:%m月%d日}前办结"
                             for i, r in enumerate(requests, start=1))
        services.joint_review_create(user=actor, title=title, held_on=today - timedelta(days=2), place="市政府 3 楼会议室",
                                     departments=[r.department for r in requests], requests=requests,
                                     decisions=f"{decisions}。各部门每周五前报送进展，市商务局跟踪督办。",
                                     now=at(today - timedelta(days=2), 15), is_demo=True)
        created += 1
    return created


def extend_demo(*, scale: str, seed: int, today: date, progress=None) -> dict[str, int]:
    rng = random.Random(f"{seed}-factors")
    actor = User.objects.get(username="city_admin")
    units = {u.code: u for u in Unit.objects.all()}
    report = {"calendar_days": calendar_ensure(actor), "routing_rules": routing_ensure(actor, units),
              "department_officers": _officers(units), "sites": _sites(actor, units, today)}
    rules = {r.kind: r for r in RoutingRule.objects.select_related("department")}
    officers: dict[int, User] = {}
    for user in User.objects.filter(unit__kind="department", is_active=True).order_by("id"):
        if user.handles_factor_requests:
            officers.setdefault(user.unit_id, user)
    raisers = {u.unit_id: u for u in User.objects.filter(role="unit_officer", is_active=True).order_by("id")}
    count = REQUESTS_PER_SCALE.get(scale, REQUESTS_PER_SCALE["demo"])
    pool = list(Project.objects.filter(is_demo=True, unit_id__in=raisers,
                                       stage__in=["signed", "registered", "under_construction"])
                .select_related("unit").order_by("code")[:count * 3])
    projects = rng.sample(pool, min(count, len(pool)))
    existing = set(FactorRequest.objects.filter(code__startswith="YS-DEMO-").values_list("code", flat=True))
    first_notification = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    created = 0
    for i, project in enumerate(projects, start=1):
        code = f"YS-DEMO-{i:04d}"
        if code in existing:
            continue
        _play(code=code, project=project, raiser=raisers[project.unit_id], officers=officers, rules=rules,
              rng=random.Random(f"{seed}-factors-{i}"), today=today)
        created += 1
    report["requests"] = created
    report["joint_reviews"] = _joint_reviews(actor=actor, raisers=raisers, officers=officers, today=today)
    # What was announced about requests long closed has been read; what is still open stays unread.
    closed = [reverse("factors:detail", args=[pk]) for pk in FactorRequest.objects.filter(
        is_demo=True, status__in=CLOSED_STATUSES).values_list("id", flat=True)]
    for recipient_id in set(Notification.objects.filter(id__gt=first_notification, url__in=closed)
                            .values_list("recipient_id", flat=True)):
        ids = list(Notification.objects.filter(id__gt=first_notification, url__in=closed,
                                               recipient_id=recipient_id).values_list("id", flat=True))
        notification_mark_read(user=User.objects.get(pk=recipient_id), ids=ids)
    report["escalated"] = services.factor_request_escalate_overdue(now=at(today, 8))
    if progress:
        progress("要素保障：" + "，".join(f"{k} {v}" for k, v in report.items()))
    return report
