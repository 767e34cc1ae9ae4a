"""The project list as an .xlsx 台账: Chinese headers, amounts in 万元, one row per project."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import Project

COLUMNS: list[tuple[str, int]] = [
    ("项目编号", 16), ("项目名称", 36), ("投资方", 30), ("所属单位", 12), ("产业链", 10), ("阶段", 10),
    ("总投资（万元）", 16), ("签约日期", 12), ("开工日期", 12), ("包挂领导", 10), ("保密", 6), ("演示数据", 8),
]


def project_ledger_xlsx(projects: Iterable[Project], *, title: str) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = "项目台账"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([name for name, _ in COLUMNS])
    for i, (_, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=2, column=i)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = width
    for p in projects:
        ws.append([
            p.code, p.name, p.investor_name, str(p.unit), p.chain, p.get_stage_display(),
            p.total_investment, p.signed_on, p.construction_started_on,
            str(p.responsible_leader) if p.responsible_leader_id else "", "是" if p.is_confidential else "",
            "是" if p.is_demo else "",
        ])
    for row in ws.iter_rows(min_row=3, min_col=7, max_col=7):
        for cell in row:
            cell.number_format = "#,##0.00"
    ws.freeze_panes = "A3"
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
