"""Excel exports of leads, channels and contacts (台账 layout, the importers' columns so a file can be
edited and imported again), and of the channel-yield tables."""

from __future__ import annotations

from io import BytesIO
from typing import IO

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from zhaoshang.dataio.exporters import SYNC_EXPORT_LIMIT, Exporter, register
from zhaoshang.dataio.services import export_job_create
from zhaoshang.dataio.views import xlsx_response
from zhaoshang.dataio.workbooks import LedgerColumn, LedgerWriter, ledger_bytes

from . import selectors
from .imports import CHANNEL_COLUMNS, CONTACT_COLUMNS, LEAD_COLUMNS, channel_row, contact_row, lead_row


def _ledger(columns) -> list[LedgerColumn]:
    return [LedgerColumn(c.title, width=c.width, kind=c.kind, total=c.total) for c in columns]


@register
class LeadExporter(Exporter):
    """The filtered lead list (the list page's filters and sort) as a 台账, scoped to the user."""

    kind = "leads"
    label = "线索台账"

    def queryset(self):
        return selectors.lead_list(user=self.user, filters=self.params, sort=self.params.get("sort")) \
            .select_related("contact", "project")

    def count(self) -> int:
        return self.queryset().count()

    def title(self) -> str:
        return f"{self.user.unit}线索台账（{timezone.localdate():%Y年%m月%d日}导出）"

    def filename(self) -> str:
        return f"线索台账-{timezone.localdate():%Y%m%d}.xlsx"

    def write(self, target: IO[bytes], *, progress=None) -> int:
        writer = LedgerWriter(target, title=self.title(), columns=_ledger(LEAD_COLUMNS), sheet="线索台账")
        for lead in self.queryset().iterator(chunk_size=2000):
            writer.row(lead_row(lead, overdue=lead.overdue))
            if progress and writer.count % 1000 == 0:
                progress(writer.count)
        writer.close()
        return writer.count


def lead_export_response(*, user, params: dict) -> HttpResponse:
    exporter = LeadExporter(user=user, params=params)
    exporter.check_permission()
    if exporter.count() > SYNC_EXPORT_LIMIT:
        job = export_job_create(user=user, kind=LeadExporter.kind, params=params)
        return redirect("dataio:export_detail", id=job.id)
    buffer = BytesIO()
    exporter.write(buffer)
    return xlsx_response(buffer.getvalue(), exporter.filename())


def channel_export_response(*, user, params: dict) -> HttpResponse:
    channels = selectors.channel_list(user=user, filters=params, sort=params.get("sort"))
    today = timezone.localdate()
    content = ledger_bytes(title=f"{user.unit}招商渠道（{today:%Y年%m月%d日}导出）", sheet="招商渠道",
                            columns=_ledger(CHANNEL_COLUMNS), rows=(channel_row(c) for c in channels))
    return xlsx_response(content, f"招商渠道-{today:%Y%m%d}.xlsx")


def contact_export_response(*, user, params: dict) -> HttpResponse:
    """Contacts with phone, e-mail and WeChat masked: a file travels further than a page."""
    from .models import Contact

    channels = selectors.channel_list(user=user, filters=params)
    contacts = Contact.objects.filter(channel__in=channels.values("pk")).select_related("channel__unit") \
        .order_by("channel__name", "name")
    today = timezone.localdate()
    content = ledger_bytes(title=f"{user.unit}渠道联系人（{today:%Y年%m月%d日}导出，联系方式已脱敏）", sheet="渠道联系人",
                            columns=_ledger(CONTACT_COLUMNS), rows=(contact_row(c) for c in contacts))
    return xlsx_response(content, f"渠道联系人-{today:%Y%m%d}.xlsx")


YIELD_HEADERS = ["线索数", "研判有效", "转化项目", "签约项目", "签约金额（万元）", "转化率（%）"]


def channel_yield_xlsx(data: dict) -> bytes:
    """The channel-yield tables (per kind, per channel, per unit, per month) as one workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from zhaoshang.dataio.workbooks import FORMATS, HEADER_FILL

    wb = Workbook()
    wb.remove(wb.active)

    def sheet(title: str, first: str, rows) -> None:
        ws = wb.create_sheet(title)
        ws.append([f"{data['year']}年渠道成效：{title}"])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([first, *YIELD_HEADERS])
        for cell in ws[2]:
            cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL.fgColor.rgb)
        for label, row in rows:
            ws.append([label, row["leads"], row["qualified"], row["converted"], row["signed"], row["signed_amount"],
                       row["rate"]])
            ws.cell(row=ws.max_row, column=6).number_format = FORMATS["money"]
        ws.column_dimensions["A"].width = 30
        for letter in "BCDEFG":
            ws.column_dimensions[letter].width = 14

    sheet("按渠道类型", "渠道类型", [(r["label"], r) for r in data["by_kind"]] + [("合计", data["totals"])])
    sheet("按渠道", "渠道", [(r["label"], r) for r in data["by_channel"]])
    sheet("按单位", "单位", [(r["label"], r) for r in data["by_unit"]])
    sheet("按月份", "月份", [(f"{r['month']}月", r) for r in data["by_month"]])
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
