"""The firm universe file: reading CSV / Parquet / Excel in batches, checking and normalising each
row, and placing the valid firms on chain nodes — everything that needs no database.

Kept free of Django so that it runs in worker processes: the import service
(``services/universe.py``) hands batches to :func:`prepare_batch` in a process pool and writes
what comes back. A batch is a polars frame of strings; the result is a typed frame
(``FRAME_SCHEMA``, ready for COPY) plus the rejected rows with their Chinese reasons.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import numpy as np
import polars as pl

from zhaoshang.firms.credit_code import CREDIT_CODE_CHARSET, credit_code_error, normalize_credit_code
from zhaoshang.firms.enums import RevenueBand
from zhaoshang.firms.names import normalize_many

from .catalog import ChainSpec
from .classifier import LabelledExample, NodeClassifier, normalise_industry_code
from .targeting import normalise_province

#: Columns of a universe file: the field name or any of its Chinese headers.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "名称", "公司名称"),
    "credit_code": ("统一社会信用代码", "信用代码"),
    "province": ("省份", "所属省份", "省"),
    "city": ("城市", "所属城市", "市"),
    "district": ("区县", "所属区县", "区"),
    "industry_code": ("行业代码", "国标行业代码", "行业代码（GB/T 4754）"),
    "business_scope": ("经营范围",),
    "registered_capital": ("注册资本（万元）", "注册资本", "注册资本(万元)"),
    "founded_on": ("成立日期",),
    "is_listed": ("上市企业", "是否上市", "上市"),
    "is_high_tech": ("高新技术企业", "是否高新技术企业", "高新技术"),
    "is_specialized": ("专精特新", "是否专精特新"),
    "is_global500": ("世界500强", "是否世界500强"),
    "revenue_band": ("营收规模", "营业收入规模"),
    "employees": ("从业人数", "员工人数", "参保人数"),
}
REQUIRED = ("name", "credit_code")

CITY = "连云港市"
_CITY_FORMS = {"连云港", "连云港市", "江苏省连云港市"}
_TRUE = {"是", "1", "true", "t", "y", "yes", "√", "1.0"}
_FALSE = {"否", "0", "false", "f", "n", "no", "", "0.0"}
_BANDS = {b.value: b.value for b in RevenueBand} | {b.label: b.value for b in RevenueBand}
#: GB/T 2260 province codes (digits 3–4 of a credit code) → province: fills a missing 省份.
_PROVINCE_BY_CODE = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区", "21": "辽宁省", "22": "吉林省",
    "23": "黑龙江省", "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
    "37": "山东省", "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区", "61": "陕西省", "62": "甘肃省",
    "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
}
_CHAR_VALUE = np.full(256, -1, dtype=np.int64)
for _i, _ch in enumerate(CREDIT_CODE_CHARSET):
    _CHAR_VALUE[ord(_ch)] = _i
_WEIGHTS = np.array((1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28), dtype=np.int64)


#: The prepared rows as a typed frame: written by COPY (CSV) or executemany, in this column order.
FRAME_SCHEMA: dict[str, pl.DataType] = {
    "name": pl.Utf8, "name_key": pl.Utf8, "credit_code": pl.Utf8, "province": pl.Utf8, "city": pl.Utf8,
    "district": pl.Utf8, "industry_code": pl.Utf8, "business_scope": pl.Utf8,
    "registered_capital": pl.Decimal(16, 4), "founded_on": pl.Date, "is_local": pl.Boolean,
    "is_listed": pl.Boolean, "is_high_tech": pl.Boolean, "is_specialized": pl.Boolean, "is_global500": pl.Boolean,
    "revenue_band": pl.Utf8, "employees": pl.Int64, "is_demo": pl.Boolean, "unit_id": pl.Int64,
}


@dataclass
class PreparedBatch:
    total: int
    frame: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=FRAME_SCHEMA))
    predictions: list[list[tuple[str, float]]] | None = None
    rejected: list[tuple[int, str, dict]] = field(default_factory=list)  # (line, reasons, raw row)

    @property
    def rows(self) -> list[tuple]:
        return self.frame.rows()


def header_map(columns: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """File column → field name, and the required fields that are missing."""
    lookup = {f: f for f in COLUMNS} | {alias: f for f, aliases in COLUMNS.items() for alias in aliases}
    mapping: dict[str, str] = {}
    for col in columns:
        key = str(col).strip().replace("(", "（").replace(")", "）")
        target = lookup.get(key) or lookup.get(str(col).strip())
        if target and target not in mapping.values():
            mapping[col] = target
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in mapping.values()]
    return mapping, missing


def credit_codes_valid(codes: Sequence[str]) -> np.ndarray:
    """Vectorised GB 32100 check character (and digits 3–8) for codes already upper-cased."""
    n = len(codes)
    ok = np.zeros(n, dtype=bool)
    idx = [i for i, c in enumerate(codes) if c is not None and len(c) == 18 and c.isascii()]
    if not idx:
        return ok
    raw = np.frombuffer("".join(codes[i] for i in idx).encode("ascii"), dtype=np.uint8).reshape(-1, 18)
    vals = _CHAR_VALUE[raw]
    total = (vals[:, :17] * _WEIGHTS).sum(axis=1)
    expected = (31 - total % 31) % 31
    digits = ((raw[:, 2:8] >= 48) & (raw[:, 2:8] <= 57)).all(axis=1)
    good = (vals >= 0).all(axis=1) & (vals[:, 17] == expected) & digits
    ok[np.asarray(idx)] = good
    return ok


def _flag(values: pl.Series, label: str, errors: list[list[str]]) -> list[bool]:
    out = []
    for i, v in enumerate(values.to_list()):
        t = (v or "").strip().lower()
        if t in _TRUE:
            out.append(True)
        elif t in _FALSE:
            out.append(False)
        else:
            out.append(False)
            errors[i].append(f"{label}“{v}”应为“是”或“否”")
    return out


def _parse_date(text: str | None) -> date | None | str:
    t = (text or "").strip()
    if not t:
        return None
    t = t.split(" ")[0].split("T")[0].replace("/", "-").replace(".", "-")
    for ch in ("年", "月"):
        t = t.replace(ch, "-")
    t = t.rstrip("日")
    try:
        if len(t) == 8 and t.isdigit():
            return date(int(t[:4]), int(t[4:6]), int(t[6:]))
        y, m, d = (int(x) for x in t.split("-"))
        return date(y, m, d)
    except (ValueError, TypeError):
        return "bad"


def _dates(values: pl.Series, today: date, errors: list[list[str]]) -> list[date | None]:
    """Vectorised: ISO dates (the common case) parse in polars; the rest one by one."""
    text = values.fill_null("").str.slice(0, 10)
    parsed = text.str.to_date("%Y-%m-%d", strict=False).to_list()
    out: list[date | None] = []
    for i, (raw, d) in enumerate(zip(values.to_list(), parsed, strict=True)):
        if d is None and raw:
            d = _parse_date(raw)
        if d == "bad" or (isinstance(d, date) and (d > today or d.year < 1900)):
            errors[i].append(f"成立日期“{raw}”无效")
            d = None
        out.append(d)
    return out


def _decimal(text: str | None) -> Decimal | None | str:
    t = (text or "").strip().replace(",", "").replace("万元", "").replace("万", "")
    if not t:
        return None
    try:
        value = Decimal(t)
    except InvalidOperation:
        return "bad"
    if not value.is_finite():
        return "bad"
    return value.quantize(Decimal("0.0001"))


def prepare_batch(df: pl.DataFrame, *, first_line: int, today: date, demo: bool = False,
                  classifier: NodeClassifier | None = None, unit_ids: dict[str, int] | None = None) -> PreparedBatch:
    """Check and normalise one batch (a frame with the file's columns, any types).

    ``first_line`` is the file line of the batch's first row (for the error report). Valid rows
    come back as tuples; each rejected row with every reason, joined by "；".
    """
    mapping, _ = header_map(df.columns)
    df = df.select([pl.col(c).cast(pl.Utf8).alias(f) for c, f in mapping.items()])
    for f in COLUMNS:
        if f not in df.columns:
            df = df.with_columns(pl.lit(None, dtype=pl.Utf8).alias(f))
    n = df.height
    out = PreparedBatch(total=n)
    if n == 0:
        return out
    df = df.with_columns([pl.col(c).str.strip_chars() for c in COLUMNS])
    names = df["name"].fill_null("").to_list()
    codes = [normalize_credit_code(c) if c else "" for c in df["credit_code"].fill_null("").to_list()]
    valid_code = credit_codes_valid(codes)
    errors: list[list[str]] = [[] for _ in range(n)]
    seen: dict[str, int] = {}
    # A code whose check character passes can only fail on its first two characters
    # (authority and kind), so the full check runs once per prefix, not once per row.
    prefix_error: dict[str, str | None] = {}
    for i in range(n):
        if not names[i]:
            errors[i].append("缺少企业名称")
        elif len(names[i]) > 200:
            errors[i].append("企业名称超过200字")
        code = codes[i]
        reason = None
        if not code:
            errors[i].append("缺少统一社会信用代码")
        elif valid_code[i]:
            if code[:2] not in prefix_error:
                prefix_error[code[:2]] = credit_code_error(code)
            reason = prefix_error[code[:2]]
        else:
            reason = credit_code_error(code) or "校验不通过"
        if reason:
            errors[i].append(f"统一社会信用代码 {code}：{reason}")
        if code and code in seen:
            errors[i].append(f"统一社会信用代码 {code} 在文件中重复（第 {first_line + seen[code]} 行已出现）")
        elif code:
            seen[code] = i
    capitals = []
    for i, v in enumerate(df["registered_capital"].to_list()):
        c = _decimal(v)
        if c == "bad" or (isinstance(c, Decimal) and (c < 0 or c >= Decimal("1e12"))):
            errors[i].append(f"注册资本“{v}”不是有效的万元金额")
            c = None
        capitals.append(c)
    founded = _dates(df["founded_on"], today, errors)
    flags = {f: _flag(df[f], COLUMNS[f][0], errors)
             for f in ("is_listed", "is_high_tech", "is_specialized", "is_global500")}
    bands = []
    for i, v in enumerate(df["revenue_band"].fill_null("").to_list()):
        if v and v not in _BANDS:
            errors[i].append(f"营收规模“{v}”无效，应为：{'、'.join(b.label for b in RevenueBand)}")
        bands.append(_BANDS.get(v, ""))
    employees = []
    for i, v in enumerate(df["employees"].fill_null("").to_list()):
        if not v:
            employees.append(None)
            continue
        try:
            e = int(float(v))
            if e < 0:
                raise ValueError
        except ValueError:
            errors[i].append(f"从业人数“{v}”不是非负整数")
            e = None
        employees.append(e)

    provinces = df["province"].fill_null("").to_list()
    province_of = {p: normalise_province(p) for p in set(provinces)}
    cities = df["city"].fill_null("").to_list()
    districts = df["district"].fill_null("").to_list()
    industry = df["industry_code"].fill_null("").to_list()
    scopes = df["business_scope"].fill_null("").to_list()
    good = [i for i in range(n) if not errors[i]]
    keys = normalize_many([names[i] for i in good])
    for i in range(n):
        if errors[i]:
            out.rejected.append((first_line + i, "；".join(errors[i]), df.row(i, named=True)))
    cols: dict[str, list] = {name: [] for name in FRAME_SCHEMA}
    units = unit_ids or {}
    for i, key in zip(good, keys, strict=True):
        city = cities[i]
        is_local = bool(city in _CITY_FORMS or (not city and districts[i] and codes[i][2:6] == "3207"))
        values = (
            names[i], key.key[:200], codes[i], (province_of[provinces[i]] or _PROVINCE_BY_CODE.get(codes[i][2:4], ""))[:20],
            (CITY if is_local else city)[:20], districts[i][:30], normalise_industry_code(industry[i]) or "", scopes[i],
            capitals[i], founded[i], is_local, flags["is_listed"][i], flags["is_high_tech"][i],
            flags["is_specialized"][i], flags["is_global500"][i], bands[i], employees[i], demo,
            units.get(districts[i]) if is_local else None,
        )
        for name, value in zip(FRAME_SCHEMA, values, strict=True):
            cols[name].append(value)
    out.frame = pl.DataFrame(cols, schema=FRAME_SCHEMA)
    if classifier is not None and out.frame.height:
        out.predictions = classify(classifier, cols["business_scope"], [c or None for c in cols["industry_code"]])
    return out


def classify(classifier: NodeClassifier, scopes: list[str], codes: list[str | None]) -> list[list[tuple[str, float]]]:
    """Place firms, scoring fully only those that pass the classifier's cheap pre-test (about a
    third of a registry: the rest have no chain keyword and no chain industry code)."""
    keep = classifier.may_place(scopes, codes)
    out: list[list[tuple[str, float]]] = [[] for _ in scopes]
    idx = [i for i in range(len(scopes)) if keep[i]]
    if idx:
        for i, pred in zip(idx, classifier.predict([scopes[i] for i in idx], [codes[i] for i in idx]), strict=True):
            out[i] = pred
    return out


# ---------------------------------------------------------------------------- worker processes

_WORKER: dict[str, object] = {}


def worker_init(specs: Sequence[ChainSpec] | None, examples: Sequence[LabelledExample],
                unit_ids: dict[str, int]) -> None:
    """Process-pool initializer: fit the classifier once per worker."""
    _WORKER["clf"] = NodeClassifier().fit(list(specs), extra_examples=examples) if specs else None
    _WORKER["units"] = unit_ids


def worker_prepare(args: tuple[pl.DataFrame, int, date, bool]) -> PreparedBatch:
    df, first_line, today, demo = args
    return prepare_batch(df, first_line=first_line, today=today, demo=demo, classifier=_WORKER.get("clf"),  # type: ignore[arg-type]
                         unit_ids=_WORKER.get("units"))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- reading files


class UniverseFileError(ValueError):
    """The file cannot be read as a firm universe (Chinese message)."""


def _utf8_path(path: Path) -> Path:
    """CSV files from Chinese Excel are often GB18030: transcode once to a UTF-8 sibling."""
    with path.open("rb") as f:
        head = f.read(1 << 16)
    try:
        head.decode("utf-8")
        return path
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a character cut at the end of the sample
            return path
    target = path.with_suffix(".utf8.csv")
    with path.open("rb") as src, target.open("w", encoding="utf-8") as dst:
        for line in io.TextIOWrapper(src, encoding="gb18030", errors="replace"):
            dst.write(line)
    return target


def read_batches(path: str | Path, *, batch_rows: int = 50_000) -> Iterator[tuple[pl.DataFrame, int]]:
    """(frame, file line of its first row) for a .csv, .parquet or .xlsx file (or a folder of
    .parquet parts), in order."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():  # a folder of Parquet parts (as written by synthetic.write_parquet)
        path, suffix = path / "*.parquet", ".parquet"
    if suffix == ".csv":
        lf = pl.scan_csv(_utf8_path(path), infer_schema=False, encoding="utf8-lossy")
        first_line = 2
    elif suffix == ".parquet":
        lf = pl.scan_parquet(path)
        first_line = 1
    elif suffix == ".xlsx":
        yield from _xlsx_batches(path, batch_rows)
        return
    else:
        raise UniverseFileError("只支持 .csv、.parquet、.xlsx 文件")
    try:
        columns = lf.collect_schema().names()
    except Exception as exc:  # polars raises its own error types for unreadable files
        raise UniverseFileError(f"文件无法读取：{exc}") from exc
    _, missing = header_map(columns)
    if missing:
        raise UniverseFileError(f"文件缺少必需的列：{'、'.join(missing)}")
    for df in lf.collect_batches(chunk_size=batch_rows):
        if df.height:
            yield df, first_line
            first_line += df.height


def _xlsx_batches(path: Path, batch_rows: int) -> Iterator[tuple[pl.DataFrame, int]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a broken file
        raise UniverseFileError("文件不是有效的 Excel（.xlsx）文件") from exc
    rows = wb.active.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else f"列{i + 1}" for i, h in enumerate(next(rows, ()) or ())]
    _, missing = header_map(header)
    if missing:
        raise UniverseFileError(f"文件缺少必需的列：{'、'.join(missing)}")
    line = 2
    chunk: list[list[str | None]] = []

    def cell(v) -> str | None:
        if v is None:
            return None
        if isinstance(v, (date,)):
            return v.isoformat()[:10]
        return str(v)

    for values in rows:
        chunk.append([cell(v) for v in list(values)[:len(header)]] + [None] * (len(header) - len(values or ())))
        if len(chunk) >= batch_rows:
            yield pl.DataFrame(chunk, schema=dict.fromkeys(header, pl.Utf8), orient="row"), line
            line += len(chunk)
            chunk = []
    if chunk:
        yield pl.DataFrame(chunk, schema=dict.fromkeys(header, pl.Utf8), orient="row"), line
