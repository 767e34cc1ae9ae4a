"""Importing projects from the officers' Excel 台账 (the dataio pipeline's ``projects`` kind).

The stable key, in words an officer can follow (also in the template's 说明 sheet):
a row with a 项目编号 updates that project (a code the platform does not know yet creates a
project under that code); a row without one is recognised by 所属单位 + 项目名称 + 投资方 —
an identical project already there is updated, otherwise one is created and numbered by the
platform. So importing the same file twice never creates a project twice.

``COLUMNS`` is the 台账 layout too: ``exports.py`` writes these headers, so an exported file
can be edited and imported again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from zhaoshang.core.templatetags.zs import mask_phone
from zhaoshang.dataio.cells import (
    CellError,
    as_text,
    choice,
    fold,
    money,
    parse_date,
    positive_int,
    text,
    yes_no,
)
from zhaoshang.dataio.importers import ApplyResult, Column, Importer, Row, register
from zhaoshang.firms.credit_code import credit_code_error, normalize_credit_code
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import visible_unit_ids

from .enums import AgreementKind, ChainName, ProjectKind, Stage
from .models import DropReason, Project
from .services.imports import (
    IMPORT_FIELDS,
    ProjectImportRow,
    project_import_apply,
    project_import_changes,
    project_import_normalize,
    project_import_row_errors,
)

STAGE_SYNONYMS = {"在谈": "negotiating", "洽谈中": "negotiating", "已签约": "signed", "注册": "registered",
                  "落地": "registered", "已注册": "registered", "已落地": "registered", "在建": "under_construction",
                  "已开工": "under_construction", "竣工": "in_production", "已投产": "in_production",
                  "竣工投产": "in_production"}
KIND_SYNONYMS = {"新引进": "new", "新建": "new", "新项目": "new", "增资": "expansion", "扩产": "expansion"}
AGREEMENT_SYNONYMS = {"框架": "framework", "正式": "formal", "正式协议": "formal", "合同": "formal"}
OWN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,31}")
SYSTEM_PREFIX = "LYG-"


def credit_code(value: object, factor: Decimal = Decimal(1)) -> str:
    code = normalize_credit_code(as_text(value))
    error = credit_code_error(code)
    if error:
        raise CellError(error)
    return code


COLUMNS: tuple[Column, ...] = (
    Column("项目编号", "code", text(32), aliases=("编号",), width=16,
           help="更新已有项目时填写平台编号（可先导出台账获取）；新项目可留空，由平台生成"),
    Column("项目名称", "name", text(200), required=True, width=34),
    Column("项目类型", "kind", choice(ProjectKind.choices, KIND_SYNONYMS), width=12,
           help="新引进项目或增资扩产；留空时新项目按新引进项目"),
    Column("投资方", "investor_name", text(200), aliases=("投资主体", "投资企业"), width=28),
    Column("所属单位", "unit", text(100), required=True, aliases=("单位", "属地"), width=14,
           help="本单位或下级单位的名称或简称，见“说明”工作表"),
    Column("产业链", "chain", choice(ChainName.choices), width=10),
    Column("行业", "industry", text(60), aliases=("所属行业",), width=12),
    Column("阶段", "stage", choice(Stage.choices, STAGE_SYNONYMS), required=True, width=10,
           help="洽谈、签约、注册落地、开工、投产、暂缓、终止"),
    Column("总投资", "total_investment", money(), unit="万元", required=True, kind="money", total=True, width=16),
    Column("固定资产投资", "fixed_asset_investment", money(), unit="万元", kind="money", total=True, width=16),
    Column("外资", "foreign_investment_usd", money(2, 14), unit="万美元", kind="usd", total=True, width=14),
    Column("洽谈开始日期", "negotiation_started_on", parse_date, kind="date", width=13,
           help="留空：已有项目保持原值，新项目取最早的阶段日期或今天"),
    Column("签约日期", "signed_on", parse_date, kind="date", width=12),
    Column("协议类型", "agreement_kind", choice(AgreementKind.choices, AGREEMENT_SYNONYMS), width=10),
    Column("签约金额", "contracted_amount", money(), unit="万元", kind="money", total=True, width=16),
    Column("注册日期", "registered_on", parse_date, aliases=("落地日期",), kind="date", width=12),
    Column("落地公司名称", "local_company_name", text(200), aliases=("落地公司",), width=28),
    Column("统一社会信用代码", "local_credit_code", credit_code, aliases=("信用代码",), width=22),
    Column("项目选址", "site", text(200), width=20),
    Column("开工日期", "construction_started_on", parse_date, kind="date", width=12),
    Column("投产日期", "production_started_on", parse_date, aliases=("竣工日期", "投产竣工日期"), kind="date",
           width=12),
    Column("暂缓原因", "hold_reason", text(300), width=16),
    Column("终止原因", "drop_reason", text(60), width=14, help="从平台的终止原因列表中选择，见“说明”工作表"),
    Column("项目联系人", "contact_name", text(50), aliases=("联系人",), width=10),
    Column("联系电话", "contact_phone", text(30), width=14),
    Column("到位资金合计", "capital_in_place", unit="万元", kind="money", total=True, read_only=True, width=16),
    Column("包挂领导", "responsible_leader", read_only=True, width=10),
    Column("重大项目等级", "tier", read_only=True, width=12),
    Column("体量得分", "scale_score", kind="int", read_only=True, width=8),
    Column("层次得分", "tier_score", kind="int", read_only=True, width=8),
    Column("成熟度得分", "maturity_score", kind="int", read_only=True, width=9),
    Column("预警数", "warning_count", kind="int", read_only=True, width=7),
    Column("最近跟踪日期", "last_follow_up_on", kind="date", read_only=True, width=12),
    Column("保密", "is_confidential", yes_no, aliases=("保密项目",), width=6, help="是 / 否（留空为否）"),
    Column("演示数据", "is_demo", read_only=True, width=8),
    Column("版本", "version", positive_int, kind="int", width=6, in_template=False,
           help="导出时项目的版本号：导出后他人又修改过的项目不会被覆盖；请勿改动"),
)


def _unit_names(unit: Unit) -> set[str]:
    return {fold(n) for n in (unit.name, unit.short_name, unit.code) if n}


def natural_key(unit_id: int, name: str, investor: str) -> tuple:
    return ("name", unit_id, fold(name or ""), fold(investor or ""))


@register
class ProjectImporter(Importer):
    kind = "projects"
    label = "项目"
    columns = COLUMNS
    sheet_title = "项目"

    # --- lookups ----------------------------------------------------------------------------------
    def prepare(self, rows: list[Row]) -> None:
        self.today = timezone.localdate()
        self.visible = set(visible_unit_ids(user=self.user))
        self.units: dict[str, Unit] = {}
        for unit in Unit.objects.all():
            for name in _unit_names(unit):
                self.units.setdefault(name, unit)
        self.drop_reasons = {fold(r.name): r for r in DropReason.objects.filter(is_active=True)}
        codes = {as_text(r.raw["code"]) for r in rows if r.raw.get("code") not in (None, "")}
        self.by_code: dict[str, Project] = {}
        code_list = sorted(codes)
        for i in range(0, len(code_list), 2000):
            self.by_code.update({p.code: p for p in Project.objects.filter(code__in=code_list[i:i + 2000])})
        names = {as_text(r.raw["name"]) for r in rows if r.raw.get("name") not in (None, "")}
        self.by_name: dict[tuple, list[Project]] = defaultdict(list)
        name_list = sorted(names)
        for i in range(0, len(name_list), 2000):
            for p in Project.objects.filter(name__in=name_list[i:i + 2000], unit_id__in=self.visible):
                self.by_name[natural_key(p.unit_id, p.name, p.investor_name)].append(p)

    # --- one row ----------------------------------------------------------------------------------
    def parse_row(self, raw: dict[str, object]) -> tuple[dict[str, Any], list[str]]:
        cleaned, errors = super().parse_row(raw)
        failed = {c.field for c in self.columns if c.field in raw and c.field not in cleaned}
        for name in failed:
            cleaned[name] = None
        unit = self._unit(cleaned, errors)
        existing = self._existing(cleaned, unit, errors)
        values = self._values(cleaned, existing, errors)
        # Cross-field rules (stage evidence, dates in order); a cell that could not be read is
        # reported once, not again as "missing" by these rules.
        checks = project_import_row_errors(values=values, existing=existing, user=self.user, today=self.today)
        labels = [c.header for c in self.columns if c.field in failed]
        errors += [m for m in checks if not any(label in m for label in labels)]
        cleaned.update({"_unit": unit, "_existing": existing, "_values": values})
        return cleaned, errors

    def _unit(self, cleaned: dict, errors: list[str]) -> Unit | None:
        name = cleaned.get("unit")
        if not name:
            return None
        unit = self.units.get(fold(name))
        if unit is None:
            errors.append(f"所属单位：“{name}”不存在，请填写单位全称或简称（见“说明”工作表）")
        elif unit.kind == "department":
            errors.append(f"所属单位：“{unit}”是部门，不能作为项目的所属单位")
            unit = None
        elif unit.pk not in self.visible:
            errors.append(f"所属单位：您不能导入“{unit}”的项目（只能导入本单位及下级单位的项目）")
            unit = None
        return unit

    def _existing(self, cleaned: dict, unit: Unit | None, errors: list[str]) -> Project | None:
        code = cleaned.get("code") or ""
        if code:
            project = self.by_code.get(code)
            if project is None:
                if code.upper().startswith(SYSTEM_PREFIX):
                    errors.append(f"项目编号：“{code}”在平台中不存在；以“{SYSTEM_PREFIX}”开头的编号由平台生成，"
                                  "新项目请将项目编号留空")
                elif not OWN_CODE.fullmatch(code):
                    errors.append(f"项目编号：“{code}”只能由字母、数字、“-”和“_”组成")
                elif unit is not None and cleaned.get("name"):
                    twins = self.by_name.get(natural_key(unit.pk, cleaned["name"], cleaned.get("investor_name")))
                    if twins:
                        errors.append(f"项目编号：“{code}”在平台中不存在，但{unit}已有同名、同投资方的项目"
                                      f"（编号 {twins[0].code}）：如要更新该项目请改正编号，如确为新项目请修改项目名称")
                return None
            if project.unit_id not in self.visible:
                errors.append(f"项目编号：“{code}”已被其他单位的项目使用，您不能修改该项目")
                return None
            if unit is not None and project.unit_id != unit.pk:
                errors.append(f"所属单位：与平台中的不一致（平台中为“{project.unit}”）；调整所属单位请联系市级招商管理员")
            return project
        if unit is None or not cleaned.get("name"):
            return None
        twins = self.by_name.get(natural_key(unit.pk, cleaned["name"], cleaned.get("investor_name")), [])
        if len(twins) > 1:
            codes = "、".join(p.code for p in twins)
            errors.append(f"项目编号：平台中有 {len(twins)} 个同名、同投资方的项目（编号 {codes}），请填写项目编号指明更新哪一个")
            return None
        return twins[0] if twins else None

    def _values(self, cleaned: dict, existing: Project | None, errors: list[str]) -> dict[str, Any]:
        values = {k: v for k, v in cleaned.items() if k in IMPORT_FIELDS}
        if "drop_reason" in values and values["drop_reason"]:
            reason = self.drop_reasons.get(fold(values["drop_reason"]))
            if reason is None:
                errors.append(f"终止原因：“{values['drop_reason']}”不在终止原因列表中（见“说明”工作表）")
            values["drop_reason"] = reason
        if values.get("is_confidential") is None and "is_confidential" in values:
            values["is_confidential"] = False
        if "kind" in values and not values["kind"]:
            if existing is None:
                values["kind"] = ProjectKind.NEW
            else:
                values.pop("kind")
        phone = values.get("contact_phone") or ""
        if "*" in phone:
            if existing is not None and existing.contact_phone and mask_phone(existing.contact_phone) == phone:
                values.pop("contact_phone")  # the masked export of the number already there: keep it
            else:
                errors.append(f"联系电话：“{phone}”是脱敏后的号码，请填写完整号码或留空")
        return project_import_normalize(values, existing=existing, today=self.today)

    def key(self, cleaned: dict[str, Any]) -> Hashable | None:
        if cleaned.get("code"):
            return ("code", cleaned["code"])
        if cleaned.get("_existing") is not None:
            return ("id", cleaned["_existing"].pk)
        unit = cleaned.get("_unit")
        if unit is None or not cleaned.get("name"):
            return None
        return natural_key(unit.pk, cleaned["name"], cleaned.get("investor_name"))

    def duplicate_error(self, key: Hashable, numbers: list[int]) -> str:
        what = f"项目编号“{key[1]}”" if key[0] == "code" else "所属单位、项目名称和投资方"
        return f"{what}与第 {'、'.join(map(str, numbers))} 行相同，同一项目只能出现一次"

    def plan(self, rows: list[Row]) -> None:
        by_target: dict[int, list[Row]] = defaultdict(list)
        for row in rows:
            existing = row.cleaned["_existing"]
            if existing is None:
                row.action = "新增"
                continue
            by_target[existing.pk].append(row)
            row.target = existing
            changes = project_import_changes(existing, row.cleaned["_values"])
            row.action = "更新" if changes else "无变化"
            row.changes = [str(Project._meta.get_field(n).verbose_name) for n in changes]
            version = row.cleaned.get("version")
            if changes and version is not None and version != existing.version:
                row.errors.append(f"版本：该项目在您导出台账后已被修改（导出时版本 {version}，现为 {existing.version}），"
                                  "为避免覆盖他人的修改，请重新导出后再修改")
        for target_rows in by_target.values():
            if len(target_rows) > 1:
                numbers = [r.number for r in target_rows]
                for row in target_rows:
                    others = "、".join(str(n) for n in numbers if n != row.number)
                    row.errors.append(f"与第 {others} 行是平台中的同一个项目，同一项目只能出现一次")

    def snapshot(self, rows: list[Row]) -> dict:
        return {"versions": {str(r.target.pk): r.target.version for r in rows if r.action == "更新"}}

    def apply(self, rows: list[Row], *, job) -> ApplyResult:
        items = [ProjectImportRow(number=r.number, unit=r.cleaned["_unit"], values=r.cleaned["_values"],
                                  code=r.cleaned.get("code") or "",
                                  existing_id=r.cleaned["_existing"].pk if r.cleaned["_existing"] else None,
                                  expected_version=r.cleaned.get("version"))
                 for r in rows]
        result = project_import_apply(user=self.user, rows=items, preview_versions=job.plan.get("versions"),
                                      job_id=job.pk, today=self.today)
        return ApplyResult(created=result.created, updated=result.updated, unchanged=result.unchanged)

    # --- template ---------------------------------------------------------------------------------
    def importable_units(self) -> list[Unit]:
        return list(Unit.objects.filter(id__in=visible_unit_ids(user=self.user), is_active=True)
                    .exclude(kind="department").order_by("path"))

    def example_row(self) -> dict[str, object]:
        units = self.importable_units()
        return {"code": "示例（本行不导入）", "name": "年产5万吨高性能碳纤维复合材料项目", "kind": "新引进项目",
                "investor_name": "上海某某新材料科技有限公司", "unit": str(units[0]) if units else "",
                "chain": "新材料", "industry": "复合材料", "stage": "签约", "total_investment": 250000,
                "fixed_asset_investment": 180000, "negotiation_started_on": date(2025, 11, 3),
                "signed_on": date(2026, 3, 1), "agreement_kind": "正式合同", "contracted_amount": 250000,
                "contact_name": "张三", "contact_phone": "13800000000", "is_confidential": "否"}

    def notes(self) -> list[str]:
        return [
            "1. 每行一个项目。第 2 行为表头，请勿修改列名；不需要的列可以删去（删去的列导入时不修改），红色列必填。",
            "2. 项目编号：更新已有项目请填写平台编号（可先在项目列表“导出 Excel”获取）；新项目可留空，由平台生成编号，"
            "也可填写本单位自己的编号（字母、数字、-、_，不能以 LYG- 开头）。",
            "3. 编号留空的行按“所属单位＋项目名称＋投资方”识别：平台中已有完全相同的项目就更新它，没有就新增。"
            "所以同一个文件重复导入不会重复新增项目。",
            "4. 单元格留空表示清空该项；项目类型、洽谈开始日期留空时保持原值（新项目：新引进项目、最早的阶段日期）。",
            "5. 金额按表头单位填写数字（万元）；也可把表头改成“总投资（亿元）”并按亿元填写，平台自动换算。"
            "日期可写 2026-03-01、2026/3/1 或 2026年3月1日。",
            "6. 阶段要件与平台录入一致：签约需签约日期、协议类型、签约金额；注册落地还需注册日期、落地公司名称、"
            "统一社会信用代码、项目选址；开工需开工日期；投产需投产日期。各阶段日期不得早于上一阶段、不得晚于今天，"
            "后续阶段的日期不应提前填写。暂缓需填暂缓原因，终止需填终止原因。",
            "7. 只能导入本单位及下级单位的项目；阶段回退只有市级招商管理员可以操作。",
            "8. 导入分两步：上传后先预览并逐行检查；全部正确才能“确认导入”，要么全部导入，要么都不导入。"
            "有错误时可下载带“错误原因”列的文件，改正后重新上传。",
            "9. 以“示例”开头的行和“合计”行不会导入；包挂领导、得分、预警数等由平台生成的列导入时忽略。",
            "10. 从平台导出的台账可以直接修改后导入；“版本”列用于发现导出后他人的修改，请勿改动。",
        ]

    def allowed_values(self) -> list[tuple[str, list[str]]]:
        return [
            ("所属单位", [str(u) for u in self.importable_units()]),
            ("阶段", [label for _, label in Stage.choices]),
            ("项目类型", [label for _, label in ProjectKind.choices]),
            ("产业链", [label for _, label in ChainName.choices]),
            ("协议类型", [label for _, label in AgreementKind.choices]),
            ("终止原因", list(DropReason.objects.filter(is_active=True).values_list("name", flat=True))),
            ("保密", ["是", "否"]),
        ]

    def upload_url(self) -> str:
        return reverse("projects:import")

    def done_url(self) -> str:
        return reverse("projects:list")
