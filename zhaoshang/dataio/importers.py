"""The generic import pipeline: parse → validate each row → preview → apply all or nothing.

An app describes its spreadsheet with an ``Importer`` subclass in ``<app>/imports.py``
(columns with Chinese headers, how a row is checked, its stable key, how rows are written
through the app's service) and registers it with ``@register``; the dataio views, the
template download and the failed-rows file work for every registered kind.

Reading is tolerant the way officers' files are: the header row is found among the first
rows (the 台账 export has a title row above it), headers match with or without blanks,
full-width brackets or a ``*``, money headers may say 万元 or 亿元, rows saying 合计/总计
or starting with 示例 are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any, ClassVar
from zipfile import BadZipFile

from zhaoshang.core.errors import BusinessError

from .cells import CellError, as_text, is_blank, text


class FileError(BusinessError):
    """The file as a whole cannot be imported (not an xlsx, no header, a required column missing)."""


# Units a money column may be written in, and what one of them is in the column's own unit.
UNIT_FACTORS: dict[str, dict[str, Decimal]] = {
    "万元": {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")},
    "万美元": {"万美元": Decimal(1), "亿美元": Decimal(10000), "美元": Decimal("0.0001")},
}
SKIP_MARKERS = ("合计", "总计", "小计", "示例")
HEADER_SCAN_ROWS = 10
PREVIEW_ROWS = 50
ERROR_COLUMN = "错误原因"


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its Chinese header (without the unit), the cleaned field it fills."""

    header: str
    field: str
    parser: Callable[[object, Decimal], Any] = text(200)
    unit: str = ""
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""
    width: int = 14
    kind: str = "text"  # the cell format in exports and templates: text, money, usd, date, int
    total: bool = False  # summed in an export's 合计 row
    read_only: bool = False  # written by exports, ignored by imports (scores, counts…)
    in_template: bool = True  # False: accepted on import but left out of the blank template

    @property
    def title(self) -> str:
        return f"{self.header}（{self.unit}）" if self.unit else self.header


_BRACKETS = str.maketrans({"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")", "<": "(", ">": ")"})


def split_header(value: object) -> tuple[str, str]:
    """'总投资 （亿元）*' → ('总投资', '亿元'): the name and the unit in brackets, typography ignored."""
    t = unicodedata.normalize("NFKC", as_text(value)).translate(_BRACKETS)
    t = "".join(t.split()).replace("*", "")
    m = re.fullmatch(r"(.+?)\(([^()]*)\)", t)
    return (m[1], m[2]) if m else (t, "")


@dataclass
class Row:
    number: int  # the Excel row number the officer sees
    cells: tuple  # the whole row as read, for the failed-rows file
    raw: dict[str, object]  # field → raw cell value, for the columns present
    cleaned: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    action: str = ""  # 新增 / 更新 / 无变化, set by Importer.plan
    changes: list[str] = field(default_factory=list)  # labels of the fields an update changes
    target: Any = None  # what Importer.plan matched (e.g. the existing record)


@dataclass
class Parsed:
    columns: list[Column]  # the importable columns present, in file order
    rows: list[Row]
    skipped: int = 0
    notices: list[str] = field(default_factory=list)
    header_row: int = 1
    sheet: str = ""
    header_cells: tuple = ()

    @property
    def invalid(self) -> list[Row]:
        return [r for r in self.rows if r.errors]

    @property
    def valid(self) -> list[Row]:
        return [r for r in self.rows if not r.errors]


@dataclass
class ApplyResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


class Importer:
    """Describe one kind of import; subclasses set the class attributes and the hooks they need."""

    kind: ClassVar[str]
    label: ClassVar[str]  # what is imported, e.g. "项目"
    columns: ClassVar[tuple[Column, ...]]
    sheet_title: ClassVar[str] = "导入数据"

    def __init__(self, *, user) -> None:
        self.user = user
        self._factors: dict[str, Decimal] = {}  # field → unit factor of the file's header (亿元 → 10000)

    # --- who may import -------------------------------------------------------------------------
    def check_permission(self) -> None:
        if not self.user.writes_business_data:
            raise BusinessError("您的角色不能导入数据", status=403)

    # --- per-row hooks ----------------------------------------------------------------------------
    def prepare(self, rows: list[Row]) -> None:
        """Load what checking the rows needs in a few queries (lookups, existing records by key)."""

    def parse_row(self, raw: dict[str, object]) -> tuple[dict[str, Any], list[str]]:
        """Parse the cells of the present columns; each error names its column."""
        cleaned: dict[str, Any] = {}
        errors: list[str] = []
        factors = self._factors
        for column in self.importable_columns():
            if column.field not in raw:
                continue
            value = raw[column.field]
            if is_blank(value):
                if column.required:
                    errors.append(f"{column.title}：必填")
                cleaned[column.field] = None
                continue
            try:
                cleaned[column.field] = column.parser(value, factors.get(column.field, Decimal(1)))
            except CellError as exc:
                errors.append(f"{column.title}：{exc}")
        return cleaned, errors

    def key(self, cleaned: dict[str, Any]) -> Hashable | None:
        """The stable key of a row: two rows with the same key in one file are an error."""
        return None

    def duplicate_error(self, key: Hashable, numbers: list[int]) -> str:
        return f"与第 {'、'.join(map(str, numbers))} 行重复"

    def plan(self, rows: list[Row]) -> None:
        """Decide for each valid row: 新增, 更新 (and which fields) or 无变化; may add errors."""
        for row in rows:
            row.action = "新增"

    def snapshot(self, rows: list[Row]) -> dict:
        """What must not change between preview and apply (e.g. record versions), kept on the job."""
        return {}

    def apply(self, rows: list[Row], *, job) -> ApplyResult:
        raise NotImplementedError

    # --- the template ---------------------------------------------------------------------------
    def example_row(self) -> dict[str, object]:
        return {}

    def notes(self) -> list[str]:
        """Rules shown on the upload page and in the template's 说明 sheet."""
        return []

    def allowed_values(self) -> list[tuple[str, list[str]]]:
        """(column header, allowed values) lists for the 说明 sheet and the template's drop-downs."""
        return []

    def upload_url(self) -> str:
        raise NotImplementedError

    def done_url(self) -> str:
        raise NotImplementedError

    # --- helpers ----------------------------------------------------------------------------------
    @classmethod
    def importable_columns(cls) -> list[Column]:
        return [c for c in cls.columns if not c.read_only]

    @classmethod
    def required_columns(cls) -> list[Column]:
        return [c for c in cls.columns if c.required]


def discover_kind(kind: str, module: str) -> None:
    """Kinds are named after their app ("projects", "leads.channels"): import that app's module."""
    from importlib import import_module
    from importlib.util import find_spec

    name = f"zhaoshang.{kind.split('.')[0]}.{module}"
    try:
        found = find_spec(name) is not None
    except ModuleNotFoundError:
        found = False
    if found:
        import_module(name)


_REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    _REGISTRY[cls.kind] = cls
    return cls


def importer_for(kind: str, *, user) -> Importer:
    if kind not in _REGISTRY:
        discover_kind(kind, "imports")
    try:
        return _REGISTRY[kind](user=user)
    except KeyError:
        raise BusinessError(f"不支持的导入类型：{kind}", status=404) from None


# --- reading the file -----------------------------------------------------------------------------

NOT_XLSX = ("文件无法读取：请上传 Excel 2007 及以上版本的 .xlsx 文件（.xls、.csv 或加密的文件请先在 Excel 中"
            "“另存为” .xlsx）")


def open_workbook(fileobj: IO[bytes]):
    """The fast reader (``xlsxread``) where it understands the file, openpyxl's read-only mode otherwise."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from .xlsxread import open_fast

    fast = open_fast(fileobj)
    if fast is not None:
        return fast
    try:
        fileobj.seek(0)
        return load_workbook(fileobj, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
        raise FileError(NOT_XLSX) from exc


def _match_headers(importer: Importer, cells: tuple) -> tuple[dict[int, Column], list[str], list[str]]:
    """Map cell positions to columns; returns (positions, unknown headers, unit notices)."""
    by_name: dict[str, Column] = {}
    for column in importer.columns:
        for name in (column.header, *column.aliases):
            by_name[split_header(name)[0]] = column
    found: dict[int, Column] = {}
    unknown: list[str] = []
    notices: list[str] = []
    factors: dict[str, Decimal] = {}
    seen: dict[str, str] = {}
    for i, cell in enumerate(cells):
        if is_blank(cell):
            continue
        name, unit = split_header(cell)
        if name == ERROR_COLUMN:
            continue
        column = by_name.get(name)
        if column is None:
            unknown.append(as_text(cell))
            continue
        if column.field in seen:
            raise FileError(f"表头“{as_text(cell)}”与“{seen[column.field]}”是同一列，重复出现，请删除其中一列")
        seen[column.field] = as_text(cell)
        if column.unit in UNIT_FACTORS:
            if not unit:
                notices.append(f"“{as_text(cell)}”未注明单位，按{column.unit}读取")
                unit = column.unit
            factor = UNIT_FACTORS[column.unit].get(unit)
            if factor is None:
                allowed = "、".join(UNIT_FACTORS[column.unit])
                raise FileError(f"“{as_text(cell)}”的单位“{unit}”无法识别，本列可用单位：{allowed}")
            if unit != column.unit:
                notices.append(f"“{as_text(cell)}”按{unit}读取，已换算为{column.unit}")
            factors[column.field] = factor
        found[i] = column
    importer._factors = factors
    return found, unknown, notices


def iter_sheet_rows(fileobj: IO[bytes], importer: Importer) -> tuple[dict[int, Column], list[str], int, str,
                                                                     tuple, Iterator[tuple[int, tuple]]]:
    """Find the sheet and its header row; yield (row number, cells) of the data rows after it."""
    workbook = open_workbook(fileobj)
    best = None
    known = {split_header(n)[0] for c in importer.columns for n in (c.header, *c.aliases)}
    enough = min(2, len(importer.required_columns()) or 1)  # a header row names at least this many columns
    try:
        for ws in workbook.worksheets:
            if ws.title.strip() in ("说明", "填写说明"):
                continue
            for number, cells in enumerate(ws.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True), start=1):
                names = {split_header(c)[0] for c in cells if not is_blank(c)}
                hits = len(names & known)
                if hits >= enough and (best is None or hits > best[0]):
                    best = (hits, ws, number, cells)
            if best:
                break
    except (SyntaxError, ValueError, KeyError, OSError) as exc:
        raise FileError(NOT_XLSX) from exc
    if best is None:
        required = "、".join(c.title for c in importer.required_columns())
        raise FileError(f"没有找到表头：请使用“{importer.label}导入模板”，表头须包含 {required}")
    _, ws, header_row, header_cells = best
    positions, unknown, notices = _match_headers(importer, header_cells)
    present = {c.field for c in positions.values()}
    missing = [c.title for c in importer.required_columns() if c.field not in present]
    if missing:
        raise FileError(f"缺少必填列：{'、'.join(missing)}（请使用导入模板的表头）")
    ignored = [c.title for c in positions.values() if c.read_only]
    if ignored:
        notices.append(f"以下列由系统生成，导入时忽略：{'、'.join(ignored)}")
    if unknown:
        notices.append(f"以下列不在模板中，已忽略：{'、'.join(unknown)}")

    rows = enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1)
    return positions, notices, header_row, ws.title, tuple(header_cells), rows


def _skip_reason(cells: tuple) -> str | None:
    """Blank rows, and rows whose first text (after a 序号) says 合计/总计/小计/示例."""
    values = [c for c in cells if not is_blank(c)]
    if not values:
        return "empty"
    words = [c for c in values if isinstance(c, str)]
    if words and words[0].strip().startswith(SKIP_MARKERS):
        return "marker"
    return None


def read(importer: Importer, fileobj: IO[bytes]) -> Parsed:
    """Read the rows of the file (no checks beyond the header): what the failed-rows file needs."""
    positions, notices, header_row, sheet, header_cells, rows = iter_sheet_rows(fileobj, importer)
    importable = {i: c for i, c in positions.items() if not c.read_only}
    parsed = Parsed(columns=list(importable.values()), rows=[], notices=notices, header_row=header_row,
                    sheet=sheet, header_cells=header_cells)
    try:
        for number, cells in rows:
            _take(parsed, importable, number, cells)
    except (SyntaxError, ValueError, KeyError, OSError) as exc:  # a damaged sheet (lxml's XMLSyntaxError is a SyntaxError)
        raise FileError(NOT_XLSX) from exc
    return parsed


def _take(parsed: Parsed, importable: dict[int, Column], number: int, cells: tuple) -> None:
    reason = _skip_reason(cells)
    if reason == "empty":
        return
    if reason == "marker":
        parsed.skipped += 1
        return
    raw = {c.field: (cells[i] if i < len(cells) else None) for i, c in importable.items()}
    parsed.rows.append(Row(number=number, cells=tuple(cells), raw=raw))


def check(importer: Importer, fileobj: IO[bytes]) -> Parsed:
    """Read and check every row; rows with errors keep every reason found, in Chinese."""
    importer.check_permission()
    parsed = read(importer, fileobj)
    if not parsed.rows:
        raise FileError("文件中没有数据行：请在表头下方逐行填写（示例行不会导入）")
    importer.prepare(parsed.rows)
    for row in parsed.rows:
        row.cleaned, row.errors = importer.parse_row(row.raw)
    by_key: dict[Hashable, list[Row]] = defaultdict(list)
    for row in parsed.rows:
        key = importer.key(row.cleaned)
        if key is not None:
            by_key[key].append(row)
    for key, rows in by_key.items():
        if len(rows) > 1:
            for row in rows:
                others = [r.number for r in rows if r is not row]
                row.errors.append(importer.duplicate_error(key, others))
    importer.plan(parsed.valid)
    return parsed


def preview_of(parsed: Parsed, limit: int = PREVIEW_ROWS) -> dict:
    """The first rows as the officer typed them, with their errors and planned action, for the page."""
    headers = [c.title for c in parsed.columns]
    fields = [c.field for c in parsed.columns]
    rows = [{"row": r.number, "values": ["" if is_blank(r.raw.get(f)) else as_text(r.raw.get(f)) for f in fields],
             "errors": r.errors, "action": r.action, "changes": r.changes}
            for r in parsed.rows[:limit]]
    return {"headers": headers, "rows": rows, "sheet": parsed.sheet, "header_row": parsed.header_row}
