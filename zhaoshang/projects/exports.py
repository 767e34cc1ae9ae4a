"""The project 台账 as .xlsx, in the layout officers keep: title row, Chinese headers with units,
amounts in 万元, frozen header, 合计 row.

The columns are the importer's (``imports.COLUMNS``), so an exported file can be edited and
imported again. Rows are streamed (openpyxl write-only), so 100,000 projects take constant
memory; more than ``SYNC_EXPORT_LIMIT`` rows run as an export job with a progress page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from io import BytesIO
from typing import IO, Any

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from zhaoshang.core.templatetags.zs import mask_phone
from zhaoshang.dataio.exporters import SYNC_EXPORT_LIMIT, Exporter, register
from zhaoshang.dataio.services import export_job_create
from zhaoshang.dataio.views import xlsx_response
from zhaoshang.dataio.workbooks import LedgerColumn, LedgerWriter

from . import selectors
from .imports import COLUMNS
from .models import CapitalEntry, Project

LEDGER_COLUMNS = [LedgerColumn(c.title, width=c.width, kind=c.kind, total=c.total) for c in COLUMNS]


def _yes(value: bool) -> str:
    return "是" if value else "否"


# How each column reads a project (choice fields as their Chinese labels, as the importer accepts them).
GETTERS: dict[str, Callable[[Project], Any]] = {
    "kind": lambda p: p.get_kind_display(),
    "unit": lambda p: str(p.unit),
    "stage": lambda p: p.get_stage_display(),
    "agreement_kind": lambda p: p.get_agreement_kind_display() if p.agreement_kind else "",
    "drop_reason": lambda p: p.drop_reason.name if p.drop_reason_id else "",
    "responsible_leader": lambda p: str(p.responsible_leader) if p.responsible_leader_id else "",
    "capital_in_place": lambda p: p.capital_in_place,
    "is_confidential": lambda p: _yes(p.is_confidential),
    "is_demo": lambda p: "是" if p.is_demo else "",
}
FIELDS = [c.field for c in COLUMNS]


def ledger_queryset(qs: QuerySet[Project]) -> QuerySet[Project]:
    """What the 台账 needs in one query: related names and the capital in place, summed."""
    capital = (CapitalEntry.objects.filter(project=OuterRef("pk")).order_by().values("project")
               .annotate(total=Sum("amount")).values("total"))
    return (qs.select_related("unit", "responsible_leader", "drop_reason")
            .annotate(capital_in_place=Subquery(capital, output_field=DecimalField(max_digits=18, decimal_places=4))))


def ledger_row(project: Project, *, mask: bool) -> list[Any]:
    row = [GETTERS[f](project) if f in GETTERS else getattr(project, f) for f in FIELDS]
    if mask:
        i = FIELDS.index("contact_phone")
        row[i] = mask_phone(row[i])
    return row


def project_ledger_xlsx(projects: Iterable[Project], *, title: str, user, target: IO[bytes] | None = None,
                        progress: Callable[[int], None] | None = None) -> bytes | int:
    """Write the 台账; phones are masked for roles that may not see personal data.

    With ``target`` the file is streamed there and the row count returned; without, the bytes.
    """
    mask = not user.sees_personal_data
    buffer = BytesIO() if target is None else None
    writer = LedgerWriter(target if target is not None else buffer, title=title, columns=LEDGER_COLUMNS,
                          sheet="项目台账")
    for project in projects:
        writer.row(ledger_row(project, mask=mask))
        if progress and writer.count % 1000 == 0:
            progress(writer.count)
    writer.close()
    return buffer.getvalue() if buffer is not None else writer.count


@register
class ProjectExporter(Exporter):
    """The filtered project list (the list page's filters and sort) as a 台账, scoped to the user."""

    kind = "projects"
    label = "项目台账"

    def queryset(self) -> QuerySet[Project]:
        return selectors.project_list(user=self.user, filters=self.params, sort=self.params.get("sort"))

    def count(self) -> int:
        return self.queryset().count()

    def title(self) -> str:
        return f"{self.user.unit}项目台账（{timezone.localdate():%Y年%m月%d日}导出）"

    def filename(self) -> str:
        return f"项目台账-{timezone.localdate():%Y%m%d}.xlsx"

    def write(self, target: IO[bytes], *, progress: Callable[[int], None] | None = None) -> int:
        rows = ledger_queryset(self.queryset()).iterator(chunk_size=2000)
        return project_ledger_xlsx(rows, title=self.title(), user=self.user, target=target, progress=progress)


def project_export_response(*, user, params: dict) -> HttpResponse:
    """The 台账 of the filtered list: written in the request up to ``SYNC_EXPORT_LIMIT`` rows,
    otherwise queued as an export job whose progress page the user is sent to."""
    exporter = ProjectExporter(user=user, params=params)
    exporter.check_permission()
    if exporter.count() > SYNC_EXPORT_LIMIT:
        job = export_job_create(user=user, kind=ProjectExporter.kind, params=params)
        return redirect("dataio:export_detail", id=job.id)
    buffer = BytesIO()
    exporter.write(buffer)
    return xlsx_response(buffer.getvalue(), exporter.filename())
