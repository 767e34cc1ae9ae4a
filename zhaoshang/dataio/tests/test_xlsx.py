"""The fast .xlsx reader returns what openpyxl returns; the streaming writer's files open in openpyxl."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from zhaoshang.dataio.importers import NOT_XLSX, FileError, open_workbook
from zhaoshang.dataio.xlsxread import FastWorkbook, open_fast
from zhaoshang.dataio.xlsxstream import XlsxStream

NOON = datetime(2026, 3, 1, 12, 30)  # noqa: DTZ001 (Excel cells carry no time zone)


def _sample() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "项目"
    ws.append(["名称", "日期", "金额", "布尔", None, "公式"])
    ws.append(["甲 & <乙>", date(2026, 3, 1), 1.5, True, None, "=1+1"])
    ws.append([])
    ws.append([None, NOON, 12345678901234, False])
    ws["B5"] = 46082
    ws["B5"].number_format = "yyyy年m月d日"
    ws["C5"] = 46082
    wb.create_sheet("说明").append(["说明文字"])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rows(sheet) -> list[tuple]:
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    trimmed = []
    for r in rows:
        while r and r[-1] is None:
            r = r[:-1]
        trimmed.append(r)
    return trimmed


def test_the_fast_reader_returns_what_openpyxl_returns():
    data = _sample()
    fast = open_fast(BytesIO(data))
    slow = load_workbook(BytesIO(data), read_only=True, data_only=True)
    assert isinstance(fast, FastWorkbook)
    assert [s.title for s in fast.worksheets] == [s.title for s in slow.worksheets] == ["项目", "说明"]
    assert _rows(fast.worksheets[0]) == _rows(slow.worksheets[0])
    assert _rows(fast.worksheets[0])[4] == (None, datetime(2026, 3, 1), 46082)  # noqa: DTZ001
    assert list(fast.worksheets[0].iter_rows(min_row=3, max_row=4)) == [(), (None, NOON, 12345678901234, False)]


def test_files_the_fast_reader_does_not_know_go_to_openpyxl_and_damage_is_reported():
    assert open_fast(BytesIO(b"not a zip")) is None
    with pytest.raises(FileError) as exc:
        open_workbook(BytesIO(b"not a zip"))
    assert exc.value.message == NOT_XLSX
    # a workbook whose sheet part is missing is not the fast reader's to judge
    src = zipfile.ZipFile(BytesIO(_sample()))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet2.xml":
                dst.writestr(item, src.read(item.filename))
    assert open_fast(BytesIO(out.getvalue())) is None


def test_the_streaming_writer_escapes_text_and_keeps_types():
    buf = BytesIO()
    stream = XlsxStream(buf, sheet="台账", widths=[10, 12, 12, 12, 8], freeze=(3, 3))
    stream.row(["标题"], ["title"], bold=True)
    stream.row(["A & B <c>\x07", Decimal("1E+3"), date(2026, 3, 1), 7, True], ["text", "money", "date", "int", "text"])
    stream.close()
    ws = load_workbook(BytesIO(buf.getvalue())).active
    assert [c.value for c in ws[2]] == ["A & B <c>", 1000, datetime(2026, 3, 1), 7, True]  # noqa: DTZ001
    assert (ws.title, ws.freeze_panes, ws["A1"].font.b, ws.column_dimensions["B"].width) == ("台账", "C3", True, 12)
    assert _rows(open_fast(BytesIO(buf.getvalue())).worksheets[0]) == _rows(ws)
