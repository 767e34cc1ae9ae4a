"""Importing the target table (年度目标任务表) from Excel: the dataio pipeline's ``assessment.targets`` kind.

One row per unit and year, one column per indicator (the layout of the export, so an exported
table can be edited and imported again). A filled cell sets that target, a blank cell leaves it
as it is. Money columns are in 万元 (or 亿元 if the header says so), foreign investment in 万美元.
"""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.dataio.cells import CellError, fold, money, positive_int, text
from zhaoshang.dataio.importers import ApplyResult, Column, Importer, Row, register

from . import selectors
from .indicators import Indicator


def _count(value: object, factor: Decimal = Decimal(1)) -> Decimal:
    parsed = money(2, 12)(value, factor)
    return parsed


def indicator_columns(indicators: dict[str, Indicator]) -> list[Column]:
    out = []
    for code, ind in indicators.items():
        if ind.measure == "万元":
            out.append(Column(ind.label, code, money(), unit="万元", kind="money", width=16, total=True))
        elif ind.measure == "万美元":
            out.append(Column(ind.label, code, money(2, 14), unit="万美元", kind="usd", width=14, total=True))
        else:
            out.append(Column(ind.label, code, _count, unit=ind.measure, kind="int", width=12, total=True))
    return out


BASE_COLUMNS = (
    Column("年度", "year", positive_int, required=True, kind="int", width=8),
    Column("单位", "unit", text(100), required=True, aliases=("县区", "单位名称", "县区（功能板块）"), width=16,
           help="市、县区、功能板块或市级部门的名称或简称"),
)


@register
class TargetImporter(Importer):
    kind = "assessment.targets"
    label = "年度目标"
    columns = BASE_COLUMNS
    sheet_title = "年度目标"

    def __init__(self, *, user) -> None:
        super().__init__(user=user)
        self.indicators = selectors.indicator_catalog()
        self.columns = BASE_COLUMNS + tuple(indicator_columns(self.indicators))

    def importable_columns(self) -> list[Column]:  # type: ignore[override]
        return [c for c in self.columns if not c.read_only]

    def required_columns(self) -> list[Column]:  # type: ignore[override]
        return [c for c in self.columns if c.required]

    def check_permission(self) -> None:
        if not self.user.manages_assessment:
            raise BusinessError("只有市级招商管理员可以导入年度目标", status=403)

    def prepare(self, rows: list[Row]) -> None:
        units, _ = selectors.target_table(year=timezone.localdate().year)
        self.units: dict[str, Any] = {}
        for unit in units:
            for name in {unit.name, unit.short_name, unit.display_name, unit.code}:
                if name:
                    self.units.setdefault(fold(name), unit)
        years = {r.raw.get("year") for r in rows}
        self.existing: dict[tuple[int, int, str], Decimal] = {}
        for year in {y for y in years if isinstance(y, int | float) or (isinstance(y, str) and y.strip().isdigit())}:
            for (u, c), v in selectors.targets_for(int(year)).items():
                self.existing[(int(year), u, c)] = v

    def parse_row(self, raw: dict[str, object]) -> tuple[dict[str, Any], list[str]]:
        cleaned, errors = super().parse_row(raw)
        year = cleaned.get("year")
        if year is not None and not 2000 <= year <= 2100:
            errors.append(f"年度：“{year}”不是有效年度")
        name = cleaned.get("unit")
        unit = self.units.get(fold(name)) if name else None
        if name and unit is None:
            errors.append(f"单位：“{name}”不是可下达目标的单位（市、县区、功能板块或市级部门），请填写全称或简称")
        cleaned["_unit"] = unit
        return cleaned, errors

    def key(self, cleaned: dict[str, Any]) -> Hashable | None:
        unit = cleaned.get("_unit")
        return (cleaned.get("year"), unit.pk) if unit is not None and cleaned.get("year") else None

    def duplicate_error(self, key: Hashable, numbers: list[int]) -> str:
        return f"同一年度、同一单位与第 {'、'.join(map(str, numbers))} 行重复"

    def plan(self, rows: list[Row]) -> None:
        for row in rows:
            year, unit = row.cleaned["year"], row.cleaned["_unit"]
            changes = [ind.label for code, ind in self.indicators.items()
                       if row.cleaned.get(code) is not None
                       and self.existing.get((year, unit.pk, code)) != row.cleaned[code]]
            fresh = not any((year, unit.pk, code) in self.existing for code in self.indicators)
            # a row left blank (a unit without targets in the exported table) changes nothing
            row.action = "无变化" if not changes else ("新增" if fresh else "更新")
            row.changes = changes

    def apply(self, rows: list[Row], *, job) -> ApplyResult:
        from .services import targets_set

        result = ApplyResult()
        by_year: dict[int, dict[tuple[int, str], Decimal]] = {}
        for row in rows:
            if row.action == "无变化":
                result.unchanged += 1
                continue
            result.created += row.action == "新增"
            result.updated += row.action == "更新"
            values = by_year.setdefault(row.cleaned["year"], {})
            for code in self.indicators:
                if row.cleaned.get(code) is not None:
                    values[(row.cleaned["_unit"].pk, code)] = row.cleaned[code]
        for year, values in by_year.items():
            targets_set(user=self.user, year=year, values=values)
        return result

    def example_row(self) -> dict[str, object]:
        return {"year": "示例（本行不导入）", "unit": "海州区", "signed_count": 120, "contracted_investment": 3000000}

    def notes(self) -> list[str]:
        return [
            "1. 每行一个单位一个年度；第 2 行为表头，请勿修改列名，不需要的指标列可以删去。",
            "2. 单位填写市、县区、功能板块或市级部门的全称或简称（见“说明”工作表）。",
            "3. 填了数字的单元格设为该指标的目标值；留空的单元格不修改已有目标（整行留空的单位不变）。",
            "4. 金额按表头单位填写数字（万元）；也可把表头改成“签约额（亿元）”并按亿元填写，平台自动换算；"
            "实际使用外资按万美元填写。",
            "5. 可先在“年度目标”页面导出当年目标表，修改后再导入。",
        ]

    def allowed_values(self) -> list[tuple[str, list[str]]]:
        units, _ = selectors.target_table(year=timezone.localdate().year)
        return [("单位", [u.display_name for u in units])]

    def upload_url(self) -> str:
        return reverse("assessment:target_import")

    def done_url(self) -> str:
        return reverse("assessment:targets")


def check_cell(value: object) -> Decimal:
    """A target typed on the page (not a file): the same rules as a cell."""
    try:
        return money(4, 18)(value, Decimal(1))
    except CellError as exc:
        raise BusinessError(f"目标值：{exc}") from exc
