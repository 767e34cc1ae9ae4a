"""Writing .xlsx files officers open: the 台账 layout, import templates, failed-rows files.

The 台账 layout is a title row, a header row with units (frozen), one row per record with
number and date formats, and a 合计 row. ``LedgerWriter`` streams it (``xlsxstream``), so
100,000 rows take constant memory; templates and failed-rows files are small and use openpyxl.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .importers import ERROR_COLUMN, Importer, Parsed
from .xlsxstream import XlsxStream

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
EXAMPLE_FONT = Font(italic=True, color="808080")
FORMATS = {"money": "#,##0.00##", "usd": "#,##0.00", "date": "yyyy-mm-dd", "int": "0", "text": "@"}


@dataclass(frozen=True)
class LedgerColumn:
    title: str  # with its unit, e.g. "总投资（万元）"
    width: int = 14
    kind: str = "text"  # text, money, usd, date, int: the cell's number format
    total: bool = False  # summed in the 合计 row


class LedgerWriter:
    """Stream a 台账 sheet into ``target``: ``writer.row(values)`` per record, then ``writer.close()``
    (which adds the 合计 row). Written by ``XlsxStream``: constant memory, ~10× openpyxl's speed."""

    def __init__(self, target: str | IO[bytes], *, title: str, columns: Sequence[LedgerColumn],
                 sheet: str = "台账") -> None:
        self.columns = list(columns)
        self.count = 0
        self.totals = {i: Decimal(0) for i, c in enumerate(self.columns) if c.total}
        self.kinds = [c.kind for c in self.columns]
        self.stream = XlsxStream(target, sheet=sheet, widths=[c.width for c in self.columns], freeze=(3, 3))
        self.stream.row([title], ["title"], bold=True)
        self.stream.row([c.title for c in self.columns], ["header"] * len(self.columns), bold=True)

    def row(self, values: Sequence[Any]) -> None:
        for i in self.totals:
            if values[i] is not None:
                self.totals[i] += Decimal(values[i])
        self.stream.row(values, self.kinds)
        self.count += 1

    def close(self) -> None:
        total_row: list[Any] = [f"合计（{self.count} 条）"] + [None] * (len(self.columns) - 1)
        for i, amount in self.totals.items():
            total_row[i] = amount
        self.stream.row(total_row, ["text", *self.kinds[1:]], bold=True)
        self.stream.close()


def ledger_bytes(*, title: str, columns: Sequence[LedgerColumn], rows: Iterable[Sequence[Any]],
                 sheet: str = "台账", progress: Callable[[int], None] | None = None, every: int = 1000) -> bytes:
    buffer = BytesIO()
    writer = LedgerWriter(buffer, title=title, columns=columns, sheet=sheet)
    for values in rows:
        writer.row(values)
        if progress and writer.count % every == 0:
            progress(writer.count)
    writer.close()
    return buffer.getvalue()


def _style_header(ws, row: int, titles: Sequence[str], widths: Sequence[int], required: set[str]) -> None:
    for i, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=i, value=title)
        cell.font = Font(bold=True, color="C00000" if title in required else None)
        cell.fill = REQUIRED_FILL if title in required else HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = width


def template_bytes(importer: Importer) -> bytes:
    """The import template: title, the header (required columns in red), one example row that is
    never imported, drop-down lists, and a 说明 sheet with the rules and every allowed value."""
    columns = [c for c in importer.importable_columns() if c.in_template]
    required = {c.title for c in columns if c.required}
    wb = Workbook()
    ws = wb.active
    ws.title = importer.sheet_title
    ws["A1"] = f"{importer.label}导入模板：第 2 行为表头，请勿修改；红色列为必填；以“示例”开头的行不会导入。填写说明见“说明”工作表。"
    ws["A1"].font = Font(bold=True, size=12)
    _style_header(ws, 2, [c.title for c in columns], [c.width for c in columns], required)
    for i, column in enumerate(columns, start=1):
        if column.help:
            ws.cell(row=2, column=i).comment = Comment(column.help, "招商引资服务平台", width=260, height=120)
    example = importer.example_row()
    for i, column in enumerate(columns, start=1):
        value = example.get(column.field)
        cell = ws.cell(row=3, column=i, value=value)
        cell.font = EXAMPLE_FONT
        if column.kind in FORMATS and column.kind != "text":
            cell.number_format = FORMATS[column.kind]
    ws.freeze_panes = "C3"

    notes = wb.create_sheet("说明")
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 8
    notes.column_dimensions["C"].width = 70
    notes["A1"] = f"{importer.label}导入说明"
    notes["A1"].font = Font(bold=True, size=14)
    line = 3
    for text in importer.notes():
        notes.cell(row=line, column=1, value=text)
        line += 1
    line += 1
    for i, title in enumerate(["列名", "必填", "填写说明"], start=1):
        cell = notes.cell(row=line, column=i, value=title)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for column in columns:
        line += 1
        notes.cell(row=line, column=1, value=column.title)
        notes.cell(row=line, column=2, value="是" if column.required else "")
        notes.cell(row=line, column=3, value=column.help).alignment = Alignment(wrap_text=True)
    # Allowed values, one list per column from E on; the data sheet's drop-downs point at them.
    letters = {c.title: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    for j, (title, values) in enumerate(importer.allowed_values(), start=5):
        letter = get_column_letter(j)
        notes.column_dimensions[letter].width = max(12, min(30, max((len(v) for v in values), default=4) * 2))
        head = notes.cell(row=3, column=j, value=f"{title}可填")
        head.font, head.fill = Font(bold=True), HEADER_FILL
        for k, value in enumerate(values, start=4):
            notes.cell(row=k, column=j, value=value)
        if title in letters and values:
            rule = DataValidation(type="list", formula1=f"'说明'!${letter}$4:${letter}${3 + len(values)}",
                                  allow_blank=True, showErrorMessage=False)
            rule.add(f"{letters[title]}3:{letters[title]}5000")
            ws.add_data_validation(rule)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def errors_bytes(parsed: Parsed, errors: dict[int, list[str]], *, only_errors: bool) -> bytes:
    """The uploaded rows again with an added 错误原因 column (error rows shaded): fix and upload again."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("错误原因" if only_errors else "校验结果")
    header = list(parsed.header_cells)
    while header and header[-1] in (None, ""):
        header.pop()
    width = len(header)
    for i in range(1, width + 2):
        ws.column_dimensions[get_column_letter(i)].width = 16
    ws.column_dimensions[get_column_letter(width + 1)].width = 60
    head = []
    for title in [*header, ERROR_COLUMN]:
        cell = WriteOnlyCell(ws, title)
        cell.font = Font(bold=True, color="C00000" if title == ERROR_COLUMN else None)
        cell.fill = HEADER_FILL
        head.append(cell)
    ws.append(head)
    ws.freeze_panes = "A2"
    for row in parsed.rows:
        reasons = errors.get(row.number, [])
        if only_errors and not reasons:
            continue
        values = list(row.cells[:width]) + [None] * max(0, width - len(row.cells))
        cells = []
        for value in [*values, "；".join(reasons)]:
            cell = WriteOnlyCell(ws, value)
            if reasons:
                cell.fill = ERROR_FILL
            if isinstance(value, date):
                cell.number_format = FORMATS["date"]
            cells.append(cell)
        ws.append(cells)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
