"""Deterministic synthetic data: projects, follow-ups and leads, flagged ``is_demo``.

Given the same seed and scale, the same rows come out in the same order, so a load can be
repeated or resumed and benchmarks are reproducible. Nothing here touches the database;
builder.py saves through the services.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

SCALES = {
    # name: (projects, follow-ups per project on average, leads)
    "demo": (240, 6, 90),
    "city": (2_000, 10, 600),
    "province": (100_000, 20, 20_000),
}

CHAIN_PRODUCTS = {
    "石化": ["年产30万吨聚碳酸酯", "年产20万吨EVA光伏料", "高端聚烯烃", "环氧乙烷精深加工", "特种工程塑料",
             "电子级化学品", "PETG共聚酯", "α-烯烃及POE弹性体", "碳三产业链延伸", "绿色溶剂及助剂"],
    "生物医药": ["创新药产业化基地", "原料药及制剂一体化", "高端医疗器械产业化", "生物药CDMO平台", "现代中药提取",
               "多肽药物生产", "医药包装材料", "ADC药物产业化", "体外诊断试剂", "医药研发外包服务"],
    "新材料": ["高性能碳纤维", "高纯石英材料", "球形硅微粉", "聚酰亚胺纤维", "风电叶片复合材料", "生物基氨纶",
             "半导体石英制品", "锂电隔膜材料", "高端聚酯纤维", "碳纤维复合材料制品"],
    "其他": ["智能装备制造", "光伏组件", "动力电池总成", "冷链物流中心", "海洋装备制造", "汽车零部件",
             "跨境电商产业园", "数据中心"],
}
CHAIN_WEIGHTS = [("石化", 30), ("生物医药", 25), ("新材料", 30), ("其他", 15)]
INDUSTRY_WORD = {"石化": ["化学", "石化", "化工", "新材料"], "生物医药": ["医药", "药业", "生物科技", "医疗器械"],
                 "新材料": ["新材料", "复合材料", "材料科技", "纤维"], "其他": ["科技", "智能装备", "新能源", "物流"]}
CITIES = ["苏州", "上海", "杭州", "南京", "无锡", "深圳", "宁波", "常州", "北京", "青岛", "广州", "合肥", "济南",
          "天津", "厦门", "成都"]
BRAND_CHARS = "华瑞泰恒嘉宏鼎盛联科德源信达通润博晟弘凯璟拓远航锦峰睿铭"
ORG_FORMS = ["有限公司", "股份有限公司", "有限公司", "集团有限公司"]
STAGE_WEIGHTS = [("negotiating", 34), ("signed", 24), ("registered", 14), ("under_construction", 16),
                 ("in_production", 6), ("on_hold", 4), ("dropped", 2)]
FOLLOW_UP_KINDS = ["visit", "call", "reception", "meeting", "site_inspection"]
FOLLOW_UP_TEXT = {
    "visit": "赴企业总部走访，介绍园区载体和产业政策，企业对{place}配套表示认可",
    "call": "电话沟通项目进展，企业正在内部决策，预计近期给出投资方案",
    "reception": "接待企业考察团一行，参观{place}，就用地和能耗指标进行座谈",
    "meeting": "召开项目推进会，协调用地、环评和能耗等要素保障事项",
    "site_inspection": "陪同企业实地考察拟选地块，现场对接水电气等配套",
}
NEXT_STEPS = ["提交项目可研报告", "确定拟选地块", "报送能耗评估材料", "商定投资协议条款", "安排主要领导会见",
              "办理企业注册手续", "完成环评批复", "组织施工图审查"]
LEAD_KINDS = ["business_association", "investment_institution", "native_entrepreneur", "agent", "outpost",
              "chain_leader_referral", "fair", "news"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


@dataclass(frozen=True)
class ProjectRow:
    index: int
    code: str
    name: str
    investor_name: str
    unit_code: str
    chain: str
    kind: str
    stage: str
    total_investment: Decimal
    foreign_investment_usd: Decimal | None
    is_confidential: bool
    negotiation_started_on: date
    signed_on: date | None
    registered_on: date | None
    construction_started_on: date | None
    production_started_on: date | None
    stage_changed_on: date
    contact_name: str
    contact_phone: str
    land_mu: Decimal | None = None
    fixed_asset_investment: Decimal | None = None
    expected_annual_output: Decimal | None = None
    expected_annual_tax: Decimal | None = None
    expected_jobs: int | None = None
    agreement_kind: str = ""
    contracted_amount: Decimal | None = None
    local_company_name: str = ""
    local_credit_code: str = ""
    site: str = ""
    hold_reason: str = ""
    capital: tuple[tuple[date, Decimal], ...] = ()


@dataclass(frozen=True)
class FollowUpRow:
    project_index: int
    happened_on: date
    kind: str
    content: str
    participants: str
    next_step: str
    next_step_due: date | None


@dataclass(frozen=True)
class LeadRow:
    code: str
    firm_name: str
    unit_code: str
    channel_kind: str
    summary: str
    industry: str
    planned_investment: Decimal
    received_on: date
    status: str


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def _firm_name(rng: random.Random, chain: str) -> str:
    brand = "".join(rng.sample(BRAND_CHARS, 2))
    return f"{rng.choice(CITIES)}{brand}{rng.choice(INDUSTRY_WORD[chain])}{rng.choice(ORG_FORMS)}"


def _amount(rng: random.Random) -> Decimal:
    """Total investment in 万元: log-uniform from 5000万 to 300亿, rounded to 100万 as announced."""
    value = 10 ** rng.uniform(3.7, 6.48)
    return Decimal(int(value / 100) * 100 or 5000)


def _dates(rng: random.Random, stage: str, today: date) -> dict:
    """Milestone dates consistent with the stage, all on or before today."""
    start = today - timedelta(days=rng.randint(20, 540))
    out = {"negotiation_started_on": start, "signed_on": None, "registered_on": None,
           "construction_started_on": None, "production_started_on": None}
    order = ["signed_on", "registered_on", "construction_started_on", "production_started_on"]
    reached = {"negotiating": 0, "signed": 1, "registered": 2, "under_construction": 3, "in_production": 4,
               "on_hold": rng.randint(0, 2), "dropped": rng.randint(0, 1)}[stage]
    current = start
    for name in order[:reached]:
        remaining = (today - current).days
        step = rng.randint(min(15, remaining), max(min(15, remaining), min(150, remaining))) if remaining > 0 else 0
        current = current + timedelta(days=step)
        out[name] = current
    out["stage_changed_on"] = current
    return out


SITES = {"haizhou": "海州经济开发区", "lianyun": "板桥工业园", "ganyu": "柘汪临港产业区", "donghai": "东海经济开发区",
         "guanyun": "灌云县临港产业区", "guannan": "江苏连云港化工产业园", "kaifaqu": "中华药港",
         "xuwei": "连云港石化产业基地", "gaoxin": "高新区花果山片区"}


def _credit_code(rng: random.Random) -> str:
    """A synthetic but valid 统一社会信用代码 (correct check character) for a demo company."""
    from zhaoshang.firms.credit_code import credit_code_check_char

    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    first17 = "913207" + f"{rng.randint(0, 99):02d}" + "".join(rng.choice(chars) for _ in range(9))
    return first17 + credit_code_check_char(first17)


def _evidence(rng: random.Random, *, investor: str, unit_code: str, total: Decimal, dates: dict,
              today: date) -> dict:
    """Stage evidence and commitments consistent with the dates the project reached."""
    land = Decimal(max(20, int(total / Decimal(rng.uniform(250, 700))))) if rng.random() < 0.85 else None
    out: dict = {
        "land_mu": land,
        "fixed_asset_investment": (total * Decimal(str(round(rng.uniform(0.55, 0.9), 2)))).quantize(Decimal(1)),
        "expected_annual_output": (total * Decimal(str(round(rng.uniform(0.8, 2.5), 2)))).quantize(Decimal(1)),
        "expected_annual_tax": (total * Decimal(str(round(rng.uniform(0.03, 0.09), 3)))).quantize(Decimal(1)),
        "expected_jobs": rng.randint(50, 1500),
    }
    if dates["signed_on"]:
        out["agreement_kind"] = "formal" if rng.random() < 0.7 else "framework"
        out["contracted_amount"] = total
    if dates["registered_on"]:
        out["local_company_name"] = f"连云港{investor[2:4]}{investor[4:-4] if len(investor) > 8 else '新材料'}有限公司"
        out["local_credit_code"] = _credit_code(rng)
        out["site"] = SITES.get(unit_code, "")
    if dates["construction_started_on"]:
        # Capital arrives in a few tranches after construction starts; some projects lag (health checks).
        entries, day = [], dates["construction_started_on"]
        share = Decimal(str(round(rng.uniform(0.05, 0.9), 2)))
        n = rng.randint(1, 6)
        for _ in range(n):
            day = day + timedelta(days=rng.randint(20, 90))
            if day > today:
                break
            entries.append((day, (total * share / n).quantize(Decimal(1))))
        out["capital"] = tuple(entries)
    return out


def project_rows(*, scale: str, seed: int, unit_codes: list[str], today: date) -> Iterator[ProjectRow]:
    count = SCALES[scale][0]
    rng = random.Random(f"{seed}-projects-{scale}")
    prefix = {"demo": "DEMO", "city": "DEMO-C", "province": "DEMO-P"}[scale]
    width = 7 if scale == "province" else 4
    for i in range(count):
        chain = _weighted(rng, CHAIN_WEIGHTS)
        stage = _weighted(rng, STAGE_WEIGHTS)
        investor = _firm_name(rng, chain)
        product = rng.choice(CHAIN_PRODUCTS[chain])
        kind = "expansion" if rng.random() < 0.18 else "new"
        name = f"{investor[:2]}{product}{'增资扩产' if kind == 'expansion' else ''}项目"
        foreign = Decimal(rng.randint(500, 20000)) if rng.random() < 0.08 else None
        unit_code = rng.choice(unit_codes)
        total = _amount(rng)
        dates = _dates(rng, stage, today)
        evidence = _evidence(rng, investor=investor, unit_code=unit_code, total=total, dates=dates, today=today)
        if stage == "on_hold":
            evidence["hold_reason"] = rng.choice(["企业资金安排调整", "等待能耗指标", "企业内部决策延后"])
        yield ProjectRow(
            index=i, code=f"{prefix}-{i + 1:0{width}d}", name=name, investor_name=investor,
            unit_code=unit_code, chain=chain, kind=kind, stage=stage,
            total_investment=total, foreign_investment_usd=foreign,
            is_confidential=rng.random() < 0.1,
            contact_name=rng.choice(SURNAMES) + rng.choice(["经理", "总监", "总", "主任"]),
            contact_phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
            **dates, **evidence,
        )


def follow_up_rows(*, scale: str, seed: int, project: ProjectRow, today: date, place: str) -> list[FollowUpRow]:
    """Follow-ups of one project, spread from its first talks to today."""
    rng = random.Random(f"{seed}-follow-ups-{scale}-{project.index}")
    mean = SCALES[scale][1]
    n = max(0, int(rng.gauss(mean, mean / 3)))
    span = max(1, (today - project.negotiation_started_on).days)
    rows = []
    for _ in range(n):
        day = project.negotiation_started_on + timedelta(days=rng.randint(0, span))
        kind = rng.choice(FOLLOW_UP_KINDS)
        due = day + timedelta(days=rng.randint(7, 45)) if rng.random() < 0.7 else None
        rows.append(FollowUpRow(project_index=project.index, happened_on=day, kind=kind,
                                content=FOLLOW_UP_TEXT[kind].format(place=place),
                                participants=f"{rng.choice(SURNAMES)}主任、{rng.choice(SURNAMES)}科长",
                                next_step=rng.choice(NEXT_STEPS) if due else "", next_step_due=due))
    rows.sort(key=lambda r: r.happened_on)
    return rows


def lead_rows(*, scale: str, seed: int, unit_codes: list[str], today: date) -> Iterator[LeadRow]:
    count = SCALES[scale][2]
    rng = random.Random(f"{seed}-leads-{scale}")
    prefix = {"demo": "XS-DEMO", "city": "XS-DEMO-C", "province": "XS-DEMO-P"}[scale]
    for i in range(count):
        chain = _weighted(rng, CHAIN_WEIGHTS)
        firm = _firm_name(rng, chain)
        product = rng.choice(CHAIN_PRODUCTS[chain])
        yield LeadRow(
            code=f"{prefix}-{i + 1:05d}", firm_name=firm, unit_code=rng.choice(unit_codes),
            channel_kind=rng.choice(LEAD_KINDS),
            summary=f"拟在长三角布局{product}项目，正在比选江苏沿海园区，关注用地、能耗指标和港口条件",
            industry=chain, planned_investment=_amount(rng),
            received_on=today - timedelta(days=rng.randint(0, 330)),
            status=rng.choices(["new", "qualified", "converted", "rejected"], weights=[40, 30, 15, 15])[0],
        )
