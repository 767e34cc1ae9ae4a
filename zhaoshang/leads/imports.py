"""Excel import of channels, contacts and leads (dataio kinds ``leads.channels``, ``leads.contacts``, ``leads``).

The same pipeline as projects: template, preview with each row's errors in Chinese, all or nothing,
and re-importing the same file changes nothing. Rows are written through the leads services, so a
lead imported is a lead entered: its firm resolved, its deadlines set, duplicate pursuit checked.

Keys (the 说明 sheet says the same): a channel is its 所属单位 + 渠道名称 (blank unit = city-wide);
a contact is its channel + 姓名; a lead is its 线索编号, or without one 所属单位 + 企业名称 + 收到日期.
Phones and e-mails are exported masked (personal data); a masked value imported keeps what is there.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from zhaoshang.dataio.cells import choice, fold, money, parse_date, text, yes_no
from zhaoshang.dataio.importers import ApplyResult, Column, Importer, Row, register
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from . import services
from .enums import ChannelKind, InstitutionOrigin
from .models import Channel, Contact, Lead

KIND_SYNONYMS = {"商会": "business_association", "协会": "business_association", "基金": "investment_institution",
                 "中介": "agent", "驻外机构": "outpost", "链主推荐": "chain_leader_referral", "展会": "fair",
                 "推介会": "fair", "新闻": "news"}
ORIGIN_SYNONYMS = {"国内": "domestic", "国外": "foreign", "海外": "foreign", "外资": "foreign"}
CITY_WIDE = ("全市共享", "全市", "市级")


def _units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for unit in Unit.objects.all():
        for name in (unit.name, unit.short_name, unit.code):
            if name:
                units.setdefault(fold(name), unit)
    return units


class _Base(Importer):
    """What the three importers share: unit lookup within the user's scope, and the planning of
    新增 / 更新 / 无变化 against the existing record the row's key finds."""

    def prepare(self, rows: list[Row]) -> None:
        self.today = timezone.localdate()
        self.visible = set(visible_unit_ids(user=self.user))
        self.units = _units()

    def _unit(self, name: str | None, errors: list[str], *, label: str = "所属单位", allow_city: bool = False
              ) -> Unit | None:
        if not name or (allow_city and fold(name) in {fold(w) for w in CITY_WIDE}):
            return None
        unit = self.units.get(fold(name))
        if unit is None:
            errors.append(f"{label}：“{name}”不存在，请填写单位全称或简称（见“说明”工作表）")
        elif unit.kind == "department":
            errors.append(f"{label}：“{unit}”是部门，请填写县区、功能板块或园区")
            return None
        elif unit.pk not in self.visible:
            errors.append(f"{label}：您不能导入“{unit}”的数据（只能导入本单位及下级单位的数据）")
            return None
        return unit

    def changes(self, existing, values: dict[str, Any]) -> list[str]:
        return [k for k, v in values.items() if getattr(existing, k) != v]

    def plan(self, rows: list[Row]) -> None:
        for row in rows:
            existing = row.cleaned.get("_existing")
            if existing is None:
                row.action = "新增"
                continue
            row.target = existing
            changed = self.changes(existing, row.cleaned["_values"])
            row.action = "更新" if changed else "无变化"
            row.changes = [str(existing._meta.get_field(f).verbose_name) for f in changed]

    def apply_rows(self, rows: list[Row], *, create, update) -> ApplyResult:
        """Create the new rows, update the changed ones through the services; count what happened."""
        result = ApplyResult()
        for row in rows:
            existing = row.cleaned["_existing"]
            if existing is None:
                create(row)
                result.created += 1
            elif row.action == "更新":
                update(row, existing)
                result.updated += 1
            else:
                result.unchanged += 1
        return result

    def business_units(self) -> list[str]:
        return [str(u) for u in Unit.objects.filter(id__in=visible_unit_ids(user=self.user), is_active=True)
                .exclude(kind="department").order_by("path")]


# --- channels -----------------------------------------------------------------------------------------

CHANNEL_COLUMNS: tuple[Column, ...] = (
    Column("渠道名称", "name", text(100), required=True, width=28),
    Column("渠道类型", "kind", choice(ChannelKind.choices, KIND_SYNONYMS), required=True, width=16),
    Column("所属单位", "unit", text(100), width=14, help="留空或填“全市共享”为全市共享渠道（仅市级招商管理员可导入）"),
    Column("所在地区", "region", text(60), width=12),
    Column("境内/境外", "origin", choice(InstitutionOrigin.choices, ORIGIN_SYNONYMS), width=10, help="投资机构必填"),
    Column("备注", "notes", text(1000), width=30),
    Column("启用", "is_active", yes_no, width=6, help="是 / 否（留空为是）"),
    Column("联系人数", "contacts_count", kind="int", read_only=True, width=8),
    Column("线索数", "leads_count", kind="int", read_only=True, width=8),
)


@register
class ChannelImporter(_Base):
    kind = "leads.channels"
    label = "招商渠道"
    columns = CHANNEL_COLUMNS
    sheet_title = "招商渠道"

    def prepare(self, rows: list[Row]) -> None:
        super().prepare(rows)
        self.existing = {(c.unit_id, c.name): c for c in Channel.objects.filter(
            name__in={str(r.raw.get("name") or "").strip() for r in rows})}

    def parse_row(self, raw: dict[str, object]) -> tuple[dict[str, Any], list[str]]:
        cleaned, errors = super().parse_row(raw)
        unit = self._unit(cleaned.get("unit"), errors, allow_city=True)
        if unit is None and not errors and not self.user.is_city_admin:
            errors.append("所属单位：全市共享渠道由市级招商管理员维护，请填写本单位")
        if cleaned.get("kind") == ChannelKind.INVESTMENT_INSTITUTION and not cleaned.get("origin"):
            errors.append("境内/境外：投资机构必须填写境内或境外")
        name = (cleaned.get("name") or "").strip()
        values = {"kind": cleaned.get("kind"), "name": name, "region": cleaned.get("region") or "",
                  "origin": cleaned.get("origin") or "" if cleaned.get("kind") == ChannelKind.INVESTMENT_INSTITUTION
                  else "", "notes": cleaned.get("notes") or "",
                  "is_active": True if cleaned.get("is_active") is None else cleaned["is_active"]}
        existing = self.existing.get((unit.pk if unit else None, name))
        cleaned.update({"_unit": unit, "_values": values, "_existing": existing})
        return cleaned, errors

    def key(self, cleaned: dict[str, Any]) -> Hashable | None:
        unit = cleaned.get("_unit")
        return (unit.pk if unit else None, fold(cleaned.get("name") or "")) if cleaned.get("name") else None

    def duplicate_error(self, key: Hashable, numbers: list[int]) -> str:
        return f"所属单位和渠道名称与第 {'、'.join(map(str, numbers))} 行相同，同一渠道只能出现一次"

    def apply(self, rows: list[Row], *, job) -> ApplyResult:
        def create(row: Row) -> None:
            values = dict(row.cleaned["_values"])
            active = values.pop("is_active")
            channel = services.channel_create(user=self.user, unit=row.cleaned["_unit"], **values)
            if not active:
                services.channel_update(user=self.user, channel=channel, data={"is_active": False})

        return self.apply_rows(rows, create=create, update=lambda row, existing: services.channel_update(
            user=self.user, channel=existing, data=row.cleaned["_values"]))

    def example_row(self) -> dict[str, object]:
        units = self.business_units()
        return {"name": "示例：上海连云港商会", "kind": "商协会", "unit": units[0] if units else "", "region": "上海"}

    def notes(self) -> list[str]:
        return ["1. 每行一个渠道；红色列必填。所属单位＋渠道名称相同的行更新已有渠道，否则新增；重复导入同一文件不会重复新增。",
                "2. 所属单位留空或填“全市共享”为全市共享渠道，只有市级招商管理员可以导入。",
                "3. 投资机构须填写境内或境外。联系人请用“渠道联系人导入”。",
                "4. 先预览并逐行检查，全部正确才能确认导入，要么全部导入，要么都不导入。"]

    def allowed_values(self) -> list[tuple[str, list[str]]]:
        return [("渠道类型", [label for _, label in ChannelKind.choices]), ("所属单位", self.business_units()),
                ("境内/境外", [label for _, label in InstitutionOrigin.choices]), ("启用", ["是", "否"])]

    def upload_url(self) -> str:
        return reverse("leads:channel_import")

    def done_url(self) -> str:
        return reverse("leads:channel_list")


# --- contacts -------------------------------------------------------------------------------------------

CONTACT_COLUMNS: tuple[Column, ...] = (
    Column("渠道名称", "channel", text(100), required=True, width=28),
    Column("渠道所属单位", "channel_unit", text(100), width=14, help="同名渠道在多个单位时填写；全市共享渠道留空"),
    Column("姓名", "name", text(50), required=True, width=10),
    Column("职务", "title", text(60), width=16),
    Column("手机", "phone", text(30), width=14, help="导出的号码是脱敏的；保持脱敏号码不变导入时不会修改原号码"),
    Column("电子邮箱", "email", text(100), width=22),
    Column("微信", "wechat", text(60), width=14),
    Column("备注", "notes", text(300), width=24),
)


@register
class ContactImporter(_Base):
    kind = "leads.contacts"
    label = "渠道联系人"
    columns = CONTACT_COLUMNS
    sheet_title = "渠道联系人"

    def check_permission(self) -> None:
        super().check_permission()
        if not self.user.sees_personal_data:
            from zhaoshang.core.errors import BusinessError

            raise BusinessError("您的角色不能导入联系人", status=403)

    def prepare(self, rows: list[Row]) -> None:
        super().prepare(rows)
        from .selectors import channel_queryset

        self.channels: dict[str, list[Channel]] = {}
        for channel in channel_queryset(user=self.user).select_related("unit"):
            self.channels.setdefault(fold(channel.name), []).append(channel)
        self.contacts = {(c.channel_id, c.name): c for c in Contact.objects.filter(
            name__in={str(r.raw.get("name") or "").strip() for r in rows})}

    def _channel(self, cleaned: dict, errors: list[str]) -> Channel | None:
        name = cleaned.get("channel")
        if not name:
            return None
        found = self.channels.get(fold(name), [])
        if cleaned.get("channel_unit"):
            unit = self.units.get(fold(cleaned["channel_unit"]))
            found = [c for c in found if unit is not None and c.unit_id == unit.pk]
        if not found:
            errors.append(f"渠道名称：没有找到渠道“{name}”（请先登记或导入渠道）")
            return None
        if len(found) > 1:
            errors.append(f"渠道名称：“{name}”在多个单位都有，请填写渠道所属单位")
            return None
        channel = found[0]
        if channel.unit_id is None and not self.user.is_city_admin:
            errors.append(f"渠道名称：“{name}”是全市共享渠道，联系人由市级招商管理员维护")
            return None
        return channel

    def parse_row(self, raw: dict[str, object]) -> tuple[dict[str, Any], list[str]]:
        cleaned, errors = super().parse_row(raw)
        channel = self._channel(cleaned, errors)
        name = (cleaned.get("name") or "").strip()
        existing = self.contacts.get((channel.pk, name)) if channel else None
        values = {"name": name, **{f: (cleaned.get(f) or "").strip() for f in ("title", "phone", "email", "wechat",
                                                                                "notes")}}
        for field in ("phone", "email", "wechat"):
            if "*" in values[field]:
                if existing is not None:
                    values.pop(field)  # the masked export of the value already there: keep it
                else:
                    errors.append(f"{Contact._meta.get_field(field).verbose_name}：“{values[field]}”是脱敏显示的，"
                                  "请填写完整内容或留空")
        if values.get("email"):
            from django.core.exceptions import ValidationError
            from django.core.validators import validate_email

            try:
                validate_email(values["email"])
            except ValidationError:
                errors.append(f"电子邮箱：“{values['email']}”格式不正确")
        cleaned.update({"_channel": channel, "_values": values, "_existing": existing})
        return cleaned, errors

    def key(self, cleaned: dict[str, Any]) -> Hashable | None:
        channel = cleaned.get("_channel")
        return (channel.pk, fold(cleaned.get("name") or "")) if channel and cleaned.get("name") else None

    def duplicate_error(self, key: Hashable, numbers: list[int]) -> str:
        return f"渠道和姓名与第 {'、'.join(map(str, numbers))} 行相同，同一联系人只能出现一次"

    def apply(self, rows: list[Row], *, job) -> ApplyResult:
        return self.apply_rows(
            rows, create=lambda row: services.contact_create(user=self.user, channel=row.cleaned["_channel"],
                                                             **row.cleaned["_values"]),
            update=lambda row, existing: services.contact_update(user=self.user, contact=existing,
                                                                 data=row.cleaned["_values"]))

    def example_row(self) -> dict[str, object]:
        return {"channel": "示例：上海连云港商会", "name": "张三", "title": "秘书长", "phone": "13800000000"}

    def notes(self) -> list[str]:
        return ["1. 每行一个联系人；渠道须已登记。渠道＋姓名相同的行更新已有联系人，否则新增；重复导入不会重复新增。",
                "2. 联系人的手机、邮箱、微信是个人信息：导出时脱敏显示；脱敏的内容原样导入时保留原值。",
                "3. 先预览并逐行检查，全部正确才能确认导入，要么全部导入，要么都不导入。"]

    def upload_url(self) -> str:
        return reverse("leads:contact_import")

    def done_url(self) -> str:
        return reverse("leads:channel_list")


# --- leads -----------------------------------------------------------------------------------------------

LEAD_COLUMNS: tuple[Column, ...] = (
    Column("线索编号", "code", text(32), aliases=("编号",), width=16,
           help="更新已有线索时填写平台编号；新线索留空由平台生成"),
    Column("企业名称", "firm_name", text(200), required=True, aliases=("企业", "投资方"), width=28),
    Column("统一社会信用代码", "credit_code", text(30), aliases=("信用代码",), width=22),
    Column("所属单位", "unit", text(100), required=True, aliases=("单位",), width=14),
    Column("渠道类型", "channel_kind", choice(ChannelKind.choices, KIND_SYNONYMS), width=14,
           help="填写来源渠道时可留空（按渠道的类型）"),
    Column("来源渠道", "channel", text(100), aliases=("渠道",), width=22),
    Column("推荐人", "contact", text(50), width=10, help="来源渠道的联系人姓名"),
    Column("投资意向", "summary", text(2000), required=True, width=36),
    Column("行业", "industry", text(60), width=12),
    Column("拟投资额", "planned_investment", money(), unit="万元", kind="money", total=True, width=14),
    Column("计划投资时间", "planned_timing", text(60), width=14),
    Column("用地需求（亩）", "land_mu", money(2, 10), width=10),
    Column("年综合能耗（吨标准煤）", "energy_tce", money(2, 12), width=12),
    Column("收到日期", "received_on", parse_date, required=True, kind="date", width=12),
    Column("保密", "is_confidential", yes_no, width=6, help="是 / 否（留空为否）"),
    Column("状态", "status", read_only=True, width=8),
    Column("受理时间", "acknowledged_at", read_only=True, width=16),
    Column("研判时间", "assessed_at", read_only=True, width=16),
    Column("研判结论", "assessment_conclusion", read_only=True, width=24),
    Column("否决原因", "rejection_reason", read_only=True, width=20),
    Column("转化项目", "project", read_only=True, width=16),
    Column("超时", "overdue", read_only=True, width=6),
)
LEAD_VALUE_FIELDS = ["firm_name", "summary", "industry", "planned_investment", "planned_timing", "land_mu",
                     "energy_tce", "received_on", "is_confidential", "channel", "contact"]
SYSTEM_PREFIX = "XS-"


@register
class LeadImporter(_Base):
    kind = "leads"
    label = "线索"
    columns = LEAD_COLUMNS
    sheet_title = "线索"

    def prepare(self, rows: list[Row]) -> None:
        super().prepare(rows)
        from .selectors import channel_queryset

        self.channels: dict[str, list[Channel]] = {}
        for channel in channel_queryset(user=self.user).filter(is_active=True):
            self.channels.setdefault(fold(channel.name), []).append(channel)
        codes = {str(r.raw.get("code") or "").strip() for r in rows} - {""}
        self.by_code = {lead.code: lead for lead in Lead.objects.filter(code__in=codes)}
        names = {str(r.raw.get("firm_name") or "").strip() for r in rows}
        self.by_name: dict[tuple, Lead] = {}
        for lead in Lead.objects.filter(firm_name__in=names, unit_id__in=self.visible).select_related("channel",
                                                                                                  "contact"):
            self.by_name[(lead.unit_id, fold(lead.firm_name), lead.received_on)] = lead

    def _channel(self, cleaned: dict, unit: Unit | None, errors: list[str]) -> tuple[Channel | None, Contact | None]:
        name = cleaned.get("channel")
        if not name:
            if cleaned.get("contact"):
                errors.append("推荐人：填写推荐人时须填写来源渠道")
            return None, None
        found = self.channels.get(fold(name), [])
        if len(found) > 1 and unit is not None:
            found = [c for c in found if c.unit_id == unit.pk] or [c for c in found if c.unit_id is None]
        if len(found) != 1:
            errors.append(f"来源渠道：{'没有找到' if not found else '有多个同名的'}渠道“{name}”")
            return None, None
        channel = found[0]
        contact = None
        if cleaned.get("contact"):
            contact = channel.contacts.filter(name=cleaned["contact"].strip(), is_active=True).first()
            if contact is None:
                errors.append(f"推荐人：渠道“{channel}”没有联系人“{cleaned['contact']}”")
        return channel, contact

    def parse_row(self, raw: dict[str, object]) -> tuple[dict[str, Any], list[str]]:
        cleaned, errors = super().parse_row(raw)
        unit = self._unit(cleaned.get("unit"), errors)
        channel, contact = self._channel(cleaned, unit, errors)
        if channel is None and not cleaned.get("channel_kind") and not any("来源渠道" in e for e in errors):
            errors.append("渠道类型：未填写来源渠道时，须填写渠道类型")
        received = cleaned.get("received_on")
        if isinstance(received, date) and received > self.today:
            errors.append("收到日期：不能晚于今天")
        if cleaned.get("credit_code"):
            from zhaoshang.firms.credit_code import credit_code_error

            if error := credit_code_error(cleaned["credit_code"]):
                errors.append(f"统一社会信用代码：{error}")
        existing = self._existing(cleaned, unit, errors)
        values = {"firm_name": (cleaned.get("firm_name") or "").strip(), "summary": (cleaned.get("summary") or "").strip(),
                  "industry": cleaned.get("industry") or "", "planned_investment": cleaned.get("planned_investment"),
                  "planned_timing": cleaned.get("planned_timing") or "", "land_mu": cleaned.get("land_mu"),
                  "energy_tce": cleaned.get("energy_tce"), "received_on": received,
                  "is_confidential": bool(cleaned.get("is_confidential")), "channel": channel, "contact": contact}
        if existing is not None and not existing.is_open and self.changes(existing, values):
            errors.append(f"线索编号：线索 {existing.code} {existing.get_status_display()}，不能再修改")
        cleaned.update({"_unit": unit, "_values": values, "_existing": existing})
        return cleaned, errors

    def _existing(self, cleaned: dict, unit: Unit | None, errors: list[str]) -> Lead | None:
        code = (cleaned.get("code") or "").strip()
        if code:
            lead = self.by_code.get(code)
            if lead is None:
                if code.upper().startswith(SYSTEM_PREFIX):
                    errors.append(f"线索编号：“{code}”在平台中不存在；以“{SYSTEM_PREFIX}”开头的编号由平台生成，新线索请留空")
                return None
            if lead.unit_id not in self.visible:
                errors.append(f"线索编号：“{code}”是其他单位的线索，您不能修改")
                return None
            if unit is not None and lead.unit_id != unit.pk:
                errors.append(f"所属单位：与平台中的不一致（平台中为“{lead.unit}”）；调整单位请使用项目流转")
            return lead
        if unit is None or not cleaned.get("firm_name") or not isinstance(cleaned.get("received_on"), date):
            return None
        return self.by_name.get((unit.pk, fold(cleaned["firm_name"]), cleaned["received_on"]))

    def key(self, cleaned: dict[str, Any]) -> Hashable | None:
        if cleaned.get("code"):
            return ("code", cleaned["code"])
        if cleaned.get("_existing") is not None:
            return ("id", cleaned["_existing"].pk)
        unit = cleaned.get("_unit")
        if unit is None or not cleaned.get("firm_name"):
            return None
        return ("name", unit.pk, fold(cleaned["firm_name"]), cleaned.get("received_on"))

    def duplicate_error(self, key: Hashable, numbers: list[int]) -> str:
        what = f"线索编号“{key[1]}”" if key[0] == "code" else "所属单位、企业名称和收到日期"
        return f"{what}与第 {'、'.join(map(str, numbers))} 行相同，同一线索只能出现一次"

    def apply(self, rows: list[Row], *, job) -> ApplyResult:
        def create(row: Row) -> None:
            services.lead_create(user=self.user, unit=row.cleaned["_unit"],
                                 code=(row.cleaned.get("code") or "").strip() or None,
                                 channel_kind=row.cleaned.get("channel_kind") or "",
                                 credit_code=row.cleaned.get("credit_code") or None, **row.cleaned["_values"])

        def update(row: Row, existing: Lead) -> None:
            changed = {k: v for k, v in row.cleaned["_values"].items() if getattr(existing, k) != v}
            services.lead_update(user=self.user, lead=existing, data=changed)

        return self.apply_rows(rows, create=create, update=update)

    def example_row(self) -> dict[str, object]:
        units = self.business_units()
        return {"code": "示例（本行不导入）", "firm_name": "上海某某新材料科技有限公司", "unit": units[0] if units else "",
                "channel_kind": "商协会", "summary": "拟投资建设高性能碳纤维复合材料生产基地", "industry": "新材料",
                "planned_investment": 100000, "planned_timing": "2026年下半年", "land_mu": 200,
                "received_on": date(2026, 3, 1), "is_confidential": "否"}

    def notes(self) -> list[str]:
        return [
            "1. 每行一条线索；红色列必填。线索编号留空的行按“所属单位＋企业名称＋收到日期”识别：已有就更新，没有就新增，"
            "所以重复导入同一文件不会重复新增。",
            "2. 来源渠道填写已登记的渠道名称（推荐人填该渠道联系人的姓名）；未登记具体渠道时填写渠道类型。",
            "3. 导入的线索与页面录入一样：识别企业、计算响应时限、检查是否与其他单位重复招商（发现时通知相关单位和市级管理员）。",
            "4. 状态、研判、转化等由平台生成的列导入时忽略；受理、研判、转化、否决请在线索页面操作。",
            "5. 先预览并逐行检查，全部正确才能确认导入，要么全部导入，要么都不导入。",
        ]

    def allowed_values(self) -> list[tuple[str, list[str]]]:
        return [("所属单位", self.business_units()), ("渠道类型", [label for _, label in ChannelKind.choices]),
                ("保密", ["是", "否"])]

    def upload_url(self) -> str:
        return reverse("leads:import")

    def done_url(self) -> str:
        return reverse("leads:list")


def lead_row(lead: Lead, *, overdue: bool) -> list[Any]:
    """One lead as a row of LEAD_COLUMNS (the export), labels as the importer accepts them."""
    local = timezone.localtime
    values = {
        "code": lead.code, "firm_name": lead.firm_name, "credit_code": "", "unit": str(lead.unit),
        "channel_kind": lead.get_channel_kind_display(), "channel": lead.channel.name if lead.channel_id else "",
        "contact": lead.contact.name if lead.contact_id else "", "summary": lead.summary, "industry": lead.industry,
        "planned_investment": lead.planned_investment, "planned_timing": lead.planned_timing,
        "land_mu": lead.land_mu, "energy_tce": lead.energy_tce, "received_on": lead.received_on,
        "is_confidential": "是" if lead.is_confidential else "否", "status": lead.get_status_display(),
        "acknowledged_at": local(lead.acknowledged_at).strftime("%Y-%m-%d %H:%M") if lead.acknowledged_at else "",
        "assessed_at": local(lead.assessed_at).strftime("%Y-%m-%d %H:%M") if lead.assessed_at else "",
        "assessment_conclusion": lead.assessment_conclusion, "rejection_reason": lead.rejection_reason,
        "project": lead.project.code if lead.project_id else "", "overdue": "是" if overdue else "",
    }
    return [values[c.field] for c in LEAD_COLUMNS]


def channel_row(channel: Channel) -> list[Any]:
    values = {"name": channel.name, "kind": channel.get_kind_display(), "unit": str(channel.unit) if channel.unit_id
              else "全市共享", "region": channel.region, "origin": channel.get_origin_display() if channel.origin else "",
              "notes": channel.notes, "is_active": "是" if channel.is_active else "否",
              "contacts_count": channel.contacts_count, "leads_count": channel.leads_count}
    return [values[c.field] for c in CHANNEL_COLUMNS]


def contact_row(contact: Contact) -> list[Any]:
    from zhaoshang.core.templatetags.zs import mask_phone

    channel = contact.channel
    values = {"channel": channel.name, "channel_unit": str(channel.unit) if channel.unit_id else "",
              "name": contact.name, "title": contact.title, "phone": mask_phone(contact.phone),
              "email": mask_phone(contact.email), "wechat": mask_phone(contact.wechat), "notes": contact.notes}
    return [values[c.field] for c in CONTACT_COLUMNS]

