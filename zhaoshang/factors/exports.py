"""The request list as an .xlsx 台账: Chinese headers, one row per request, overdue marked."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import FactorRequest

COLUMNS: list[tuple[str, int]] = [
    ("编号", 16), ("项目", 34), ("项目所属单位", 14), ("要素类型", 10), ("需求事项", 36), ("需求量", 14),
    ("紧急程度", 9), ("责任部门", 18), ("状态", 11), ("提出日期", 12), ("办理期限", 12), ("需求日期", 12),
    ("办结/退回日期", 13), ("是否超期", 9), ("已督办", 8), ("办理结果或退回原因", 40),
]
OVERDUE_FILL = PatternFill("solid", fgColor="FDE2E1")


def _quantity(r: FactorRequest) -> str:
    if r.area_text:
        return r.area_text
    if r.finance_amount is not None:
        return f"{r.finance_amount.normalize():f} 万元"
    if r.energy_tce is not None:
        return f"{r.energy_tce.normalize():f} 吨标准煤"
    if r.workers:
        return f"{r.workers} 人"
    return ""


def factor_request_ledger_xlsx(requests: Iterable[FactorRequest], *, title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "要素保障台账"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([name for name, _ in COLUMNS])
    for i, (_, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=2, column=i)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(i)].width = width
    for r in requests:
        ws.append([
            r.code, r.project.name, str(r.project.unit), r.get_kind_display(), r.title, _quantity(r),
            r.get_urgency_display(), str(r.department), r.get_status_display(), r.submitted_on, r.due_on,
            r.needed_by, r.closed_on, "是" if r.overdue else "", "是" if r.escalated_at else "",
            r.outcome or r.decline_reason,
        ])
        if r.overdue:
            for cell in ws[ws.max_row]:
                cell.fill = OVERDUE_FILL
    for row in ws.iter_rows(min_row=3, min_col=10, max_col=13):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "C3"
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
