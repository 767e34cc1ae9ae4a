"""Demo data of the leads app: channels of every kind with contacts, the generated leads linked to them
and worked on, duplicate pursuit (open and decided), a repeated signing, hand-overs in every state and
some overdue leads. Synthetic (is_demo), deterministic (random.Random(f"{seed}-leads")), idempotent,
written through the services."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhaoshang.accounts.models import User
from zhaoshang.organizations.models import Unit

from . import services
from .enums import AssessmentDimension, LeadStatus, TransferStatus
from .models import Channel, Contact, Lead, LeadAssessment, PursuitConflict, Transfer

# (kind, name, region, origin, owner unit code or None for city-wide)
CHANNELS: list[tuple[str, str, str, str, str | None]] = [
    ("business_association", "上海连云港商会", "上海", "", None),
    ("business_association", "深圳连云港商会", "深圳", "", None),
    ("business_association", "北京连云港企业商会", "北京", "", None),
    ("business_association", "苏州连云港商会", "苏州", "", None),
    ("business_association", "广州连云港商会", "广州", "", None),
    ("business_association", "杭州连云港商会", "杭州", "", None),
    ("business_association", "江苏省石化产业协会（演示）", "南京", "", None),
    ("business_association", "长三角生物医药产业联盟（演示）", "上海", "", "kaifaqu"),
    ("investment_institution", "长三角新材料产业投资基金（演示）", "上海", "domestic", None),
    ("investment_institution", "江苏沿海发展投资基金（演示）", "南京", "domestic", None),
    ("investment_institution", "港城产业引导基金（演示）", "连云港", "domestic", None),
    ("investment_institution", "新加坡亚太基础设施基金（演示）", "新加坡", "foreign", None),
    ("investment_institution", "日韩精细化工投资合伙企业（演示）", "东京", "foreign", "xuwei"),
    ("investment_institution", "欧洲医药健康产业基金（演示）", "巴塞尔", "foreign", "haizhou"),
    ("native_entrepreneur", "在沪港城籍企业家联谊会", "上海", "", None),
    ("native_entrepreneur", "在深港城籍企业家联谊会", "深圳", "", None),
    ("native_entrepreneur", "赣榆籍在外企业家联络站", "苏州", "", "ganyu"),
    ("native_entrepreneur", "东海籍在京企业家联络站", "北京", "", "donghai"),
    ("native_entrepreneur", "灌云籍在苏企业家联络站", "无锡", "", "guanyun"),
    ("agent", "华东产业招商顾问有限公司（演示）", "上海", "", None),
    ("agent", "粤港澳产业对接服务中心（演示）", "广州", "", "lianyun"),
    ("agent", "京津冀项目信息服务社（演示）", "北京", "", "gaoxin"),
    ("agent", "苏南产业转移促进会（演示）", "苏州", "", "guannan"),
    ("outpost", "连云港驻上海招商中心", "上海", "", None),
    ("outpost", "连云港驻深圳招商中心", "深圳", "", None),
    ("outpost", "京津冀招商中心", "北京", "", None),
    ("outpost", "连云港驻日本招商代表处", "东京", "", None),
    ("outpost", "连云港驻韩国招商代表处", "首尔", "", None),
    ("outpost", "徐圩新区驻上海招商联络处", "上海", "", "xuwei"),
    ("outpost", "市开发区驻苏州招商联络处", "苏州", "", "kaifaqu"),
    ("chain_leader_referral", "链主企业以商招商联盟（演示）", "连云港", "", None),
    ("chain_leader_referral", "盛虹炼化（链主推荐）", "连云港", "", "xuwei"),
    ("chain_leader_referral", "恒瑞医药（链主推荐）", "连云港", "", "kaifaqu"),
    ("chain_leader_referral", "中复神鹰（链主推荐）", "连云港", "", "haizhou"),
    ("chain_leader_referral", "卫星化学（链主推荐）", "连云港", "", "xuwei"),
    ("fair", "中国（连云港）丝绸之路国际物流博览会", "连云港", "", None),
    ("fair", "石化产业链招商推介会（上海）", "上海", "", None),
    ("fair", "生物医药产业链招商推介会（深圳）", "深圳", "", None),
    ("fair", "新材料产业链对接会（苏州）", "苏州", "", "lianyun"),
    ("news", "新闻与公告信息挖掘", "", "", None),
    ("targeting", "产业链精准招商推荐", "", "", None),
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹"
GIVEN = ["建华", "志强", "海燕", "立新", "晓东", "丽萍", "国栋", "文静", "振宇", "春华", "明辉", "雪梅", "永刚", "佳怡"]
TITLES = {"business_association": ["会长", "常务副会长", "秘书长"], "investment_institution": ["投资总监", "合伙人", "投资经理"],
          "native_entrepreneur": ["联络员", "企业家代表"], "agent": ["项目经理", "总经理"],
          "outpost": ["主任", "副主任", "招商专员"], "chain_leader_referral": ["采购总监", "战略发展部部长"],
          "fair": ["组委会联络人", "对接专员"]}
# Synthetic investors pursued by two units at once: (firm, first unit, second unit, second is a project)
PURSUITS = [
    ("上海瀚澜新材料科技有限公司", "lianyun", "xuwei", False),
    ("苏州泓岳生物医药有限公司", "kaifaqu", "haizhou", False),
    ("深圳锐拓新能源科技有限公司", "ganyu", "donghai", True),
    ("杭州晟睿化学有限公司", "xuwei", "guanyun", True),
    ("北京璟铭精密装备有限公司", "gaoxin", "haizhou", False),
]
SIGNING_FIRM = "宁波博泰高分子材料有限公司"


def _when(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)) + timedelta(minutes=rng.randint(0, 480)))


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _channels(rng: random.Random, admin: User, officers: dict[str, User], units: dict[str, Unit]) -> int:
    created = 0
    for kind, name, region, origin, unit_code in CHANNELS:
        unit = units.get(unit_code) if unit_code else None
        if Channel.objects.filter(name=name, unit=unit).exists():
            continue
        user = officers.get(unit_code, admin) if unit_code else admin
        channel = services.channel_create(user=user, kind=kind, name=name, unit=unit, region=region, origin=origin,
                                          notes="（演示数据）合成渠道，用于展示平台功能。", is_demo=True)
        created += 1
        if kind in ("news", "targeting"):
            continue
        for i in range(rng.randint(1, 3)):
            person = _person(rng)
            if channel.contacts.filter(name=person).exists():
                continue
            services.contact_create(user=user, channel=channel, name=person, title=rng.choice(TITLES[kind]),
                                    phone=f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}",
                                    email=f"demo{channel.pk}{i}@example.com", is_demo=True,
                                    wechat=f"demo_{channel.pk}_{i}" if rng.random() < 0.5 else "")
    return created


def _work_on_leads(rng: random.Random, admin: User, today: date) -> tuple[int, int]:
    """Generated leads: a channel and contact of their kind, and the dates each step was done — most on
    time, some late, about a quarter of the new ones not yet assessed (overdue)."""
    channels: dict[str, list[Channel]] = {}
    for channel in Channel.objects.filter(is_demo=True).prefetch_related("contacts"):
        channels.setdefault(channel.kind, []).append(channel)
    leads = list(Lead.objects.filter(is_demo=True, channel__isnull=True, code__startswith="XS-DEMO")
                 .exclude(code__startswith="XS-DEMO-CH").select_related("unit").order_by("code"))
    assessments = []
    for lead in leads:
        options = [c for c in channels.get(lead.channel_kind, []) if c.unit_id in (None, lead.unit_id)]
        if options:
            lead.channel = rng.choice(options)
            contacts = list(lead.channel.contacts.all())
            lead.contact = rng.choice(contacts) if contacts else None
        received = lead.received_on
        lead.acknowledged_at = _when(min(today, received + timedelta(days=rng.choice([0, 0, 1, 1, 2]))), rng)
        if lead.status in (LeadStatus.QUALIFIED, LeadStatus.CONVERTED):
            lead.assessed_at = _when(min(today, received + timedelta(days=rng.randint(1, 5))), rng)
            lead.assessed_by = admin
            lead.assessment_conclusion = "（演示数据）符合本地产业定位，建议跟进。"
            assessments += [LeadAssessment(lead=lead, dimension=d.value, rating=rng.choice([3, 4, 4, 5]),
                                           comment="（演示）") for d in AssessmentDimension]
        if lead.status == LeadStatus.REJECTED:
            lead.rejection_reason = rng.choice(["企业投资意向不明确", "不符合园区产业定位", "能耗指标无法保障",
                                                "企业已落户外地"])
        late_new = lead.status == LeadStatus.NEW and rng.random() < 0.25
        if lead.feedback_due_on and not late_new and received + timedelta(days=2) <= today:
            lead.feedback_at = _when(min(today, received + timedelta(days=rng.randint(2, 9))), rng)
        if late_new:
            lead.acknowledged_at = None
    services.lead_bulk_update(user=admin, leads=leads, assessments=assessments,
                              fields=["channel", "contact", "acknowledged_at", "assessed_at", "assessed_by",
                                      "assessment_conclusion", "feedback_at", "rejection_reason"])
    return len(leads), len(assessments)


def _attach_converted(admin: User, limit: int = 500) -> int:
    """Converted generated leads get a project of their unit (the generator made them separately)."""
    from zhaoshang.projects.models import Project

    attached = 0
    taken = set(Lead.objects.exclude(project=None).values_list("project_id", flat=True))
    for lead in Lead.objects.filter(is_demo=True, status=LeadStatus.CONVERTED, project__isnull=True) \
            .select_related("unit").order_by("code")[:limit]:
        project = Project.objects.filter(unit=lead.unit, is_demo=True, chain=lead.industry) \
            .exclude(pk__in=taken).order_by("negotiation_started_on", "id").first()
        if project is None:
            continue
        taken.add(project.pk)
        services.lead_attach_project(user=admin, lead=lead, project=project)
        attached += 1
    return attached


def _pursuits(rng: random.Random, admin: User, officers: dict[str, User], units: dict[str, Unit],
              today: date) -> int:
    """Synthetic investors entered by two units: the notices go out; two of them decided."""
    from zhaoshang.projects.services import project_create

    made = 0
    for i, (firm, first, second, as_project) in enumerate(PURSUITS, start=1):
        code = f"XS-DEMO-CH-{i:02d}"
        if Lead.objects.filter(code=code).exists():
            continue
        services.lead_create(user=officers[first], unit=units[first], firm_name=firm, code=code, channel_kind="fair",
                             summary="（演示数据）在长三角推介会上接触，拟布局生产基地", is_demo=True,
                             received_on=today - timedelta(days=20 + i), planned_investment=Decimal(150000 + i * 10000))
        if as_project:
            project = project_create(user=officers[second], unit=units[second], name=f"（演示）{firm[2:6]}生产基地项目",
                                     total_investment=Decimal(160000 + i * 10000), investor_name=firm, is_demo=True,
                                     code=f"LYG-DEMO-CH-{i:02d}", negotiation_started_on=today - timedelta(days=10))
            services.pursuit_check(project=project, user=officers[second])
        else:
            services.lead_create(user=officers[second], unit=units[second], firm_name=firm[2:], code=f"{code}B",
                                 channel_kind="business_association", is_demo=True, is_confidential=i == 5,
                                 summary="（演示数据）经商会推荐，企业有意在本地投资",
                                 received_on=today - timedelta(days=5 + i))
        made += 1
    if not made:
        return 0
    conflicts = list(PursuitConflict.objects.filter(is_demo=True, status="open", firm__name__in=[p[0] for p in PURSUITS])
                     .prefetch_related("parties").order_by("id"))
    for conflict, how in zip(conflicts[:2], ["one_owner", "joint"], strict=False):
        parties = list(conflict.parties.all())
        if len(parties) != 2:
            continue
        if how == "one_owner":
            services.conflict_decide(user=admin, conflict=conflict, decision=how, owner_unit_id=parties[1].unit_id,
                                     reason="（演示）企业意向选址在后一单位，由其负责跟进")
        else:
            services.conflict_decide(user=admin, conflict=conflict, decision=how, reason="（演示）两地共同引进，按贡献分成",
                                     shares={parties[0].unit_id: Decimal(40), parties[1].unit_id: Decimal(60)})
    return made


def _signing(admin: User, officers: dict[str, User], units: dict[str, Unit], today: date) -> int:
    """One investment signed twice, at two events: a 重复签约 waiting for the city admin."""
    from zhaoshang.projects.models import Project
    from zhaoshang.projects.services import project_advance_stage, project_create

    if Project.objects.filter(code="LYG-DEMO-SIGN-1").exists():
        return 0
    officer, unit = officers["xuwei"], units["xuwei"]
    projects = []
    for i, (name, signed, amount) in enumerate([("年产10万吨高性能聚酯纤维项目", 75, 200000),
                                                ("10万吨高性能聚酯纤维项目", 12, 206000)], start=1):
        project = project_create(user=officer, unit=unit, name=f"（演示）{name}", total_investment=Decimal(amount),
                                 investor_name=SIGNING_FIRM, is_demo=True, code=f"LYG-DEMO-SIGN-{i}",
                                 negotiation_started_on=today - timedelta(days=120))
        projects.append(project_advance_stage(user=officer, project=project, today=today, evidence={
            "signed_on": today - timedelta(days=signed), "agreement_kind": "framework",
            "contracted_amount": Decimal(amount)}))
    services.signing_check(project=projects[0], user=admin)
    return 1 if services.signing_check(project=projects[1], user=admin) else 0


def _transfers(admin: User, officers: dict[str, User], units: dict[str, Unit], today: date) -> int:
    """Hand-overs in every state: pending, accepted, declined, cancelled."""
    if Transfer.objects.filter(is_demo=True).exists():
        return 0
    plans = [("lianyun", "ganyu", TransferStatus.PENDING, "企业拟选址赣榆海洋经济开发区"),
             ("haizhou", "donghai", TransferStatus.ACCEPTED, "企业主营硅基材料，更契合东海产业定位"),
             ("kaifaqu", "gaoxin", TransferStatus.DECLINED, "项目以研发为主，建议高新区承接"),
             ("guanyun", "guannan", TransferStatus.CANCELLED, "企业尚未确定选址")]
    made = 0
    for source, target, status, reason in plans:
        lead = Lead.objects.filter(is_demo=True, unit=units[source], status=LeadStatus.NEW, project__isnull=True) \
            .exclude(transfers__isnull=False).exclude(conflict_records__isnull=False).order_by("code").first()
        if lead is None:
            continue
        transfer = services.transfer_request(user=officers[source], lead=lead, to_unit=units[target], reason=reason,
                                             is_demo=True)
        if status == TransferStatus.ACCEPTED:
            services.transfer_accept(user=officers[target], transfer=transfer, note="同意接收")
        elif status == TransferStatus.DECLINED:
            services.transfer_decline(user=officers[target], transfer=transfer, note="项目以生产为主，仍由原单位跟进")
        elif status == TransferStatus.CANCELLED:
            services.transfer_cancel(user=officers[source], transfer=transfer)
        made += 1
    return made


def _identity(admin: User, officers: dict[str, User], units: dict[str, Unit], today: date) -> int:
    """One firm written two ways by two units (a one-character slip in a long 字号): two firm rows, offered
    on the merge-candidates page; merging them turns up the duplicate pursuit."""
    made = 0
    for code, unit, name in (("XS-DEMO-FM-1", "lianyun", "南通中科联创医药股份有限公司"),
                             ("XS-DEMO-FM-2", "haizhou", "南通中科连创医药股份有限公司")):
        if Lead.objects.filter(code=code).exists():
            continue
        services.lead_create(user=officers[unit], unit=units[unit], firm_name=name, code=code, channel_kind="agent",
                             summary="（演示数据）中介推荐，拟建设原料药及制剂一体化基地", is_demo=True,
                             received_on=today - timedelta(days=3))
        made += 1
    from zhaoshang.firms.services import firm_candidates_refresh

    return firm_candidates_refresh(user=admin)["new"] if made else 0


def extend_demo(*, scale: str, seed: int, today: date, progress=None) -> dict[str, int]:
    today = today or timezone.localdate()
    rng = random.Random(f"{seed}-leads")
    admin = User.objects.get(username="city_admin")
    units = {u.code: u for u in Unit.objects.all()}
    officers = {u.unit.code: u for u in User.objects.filter(role="unit_officer", is_active=True).select_related("unit")}
    with transaction.atomic():
        channels = _channels(rng, admin, officers, units)
    worked, rated = _work_on_leads(rng, admin, today)
    attached = _attach_converted(admin)
    if progress:
        progress(f"渠道 {channels} 个，线索关联渠道 {worked} 条，研判 {rated // 6} 条，关联项目 {attached} 个")
    # The generated projects linked to their firms, and duplicate pursuit among them found (no notices:
    # bulk). Projects other apps add to the demo later are left to the periodic scan, so that a second
    # build adds nothing.
    from zhaoshang.demo.generator import SCALES
    from zhaoshang.projects.models import Project

    prefix = {"demo": "DEMO", "city": "DEMO-C", "province": "DEMO-P"}.get(scale, "DEMO")  # as generator.py numbers them
    ids = list(Project.objects.filter(is_demo=True, pursuit_scan__isnull=True, code__regex=rf"^{prefix}-[0-9]+$")
               .values_list("pk", flat=True)[:SCALES.get(scale, SCALES["demo"])[0]])
    natural = services.pursuit_scan(project_ids=ids, notify=False) if ids else 0
    with transaction.atomic():
        crafted = _pursuits(rng, admin, officers, units, today)
    with transaction.atomic():
        signing = _signing(admin, officers, units, today)
    with transaction.atomic():
        transfers = _transfers(admin, officers, units, today)
    with transaction.atomic():
        candidates = _identity(admin, officers, units, today)
    return {"渠道": channels, "联系人": Contact.objects.filter(is_demo=True).count(), "线索关联渠道": worked,
            "线索关联项目": attached, "重复招商（演示）": crafted, "重复招商（生成数据中发现）": natural,
            "重复签约": signing, "项目流转": transfers,
            "疑似重复企业": candidates}
