"""A small streaming .xlsx writer for large 台账 exports.

openpyxl's write-only mode spends ~25 µs per cell in Python; a 10,000-project 台账 has
360,000 cells, ~10 s on a busy 2-core server. Exports only need text, numbers, dates, a few
fixed styles, column widths and a frozen header, so this writer formats each row as one XML
string and streams it into the zip entry: ~10× faster, constant memory. Files are read back by
openpyxl in the tests and open in Excel and WPS (inline strings, styles by index).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

# Cell styles by index in styles.xml below: (kind, bold) → xf index.
STYLES = {("text", False): 0, ("title", True): 1, ("header", True): 2, ("money", False): 3, ("usd", False): 4,
          ("date", False): 5, ("int", False): 6, ("text", True): 7, ("money", True): 8, ("usd", True): 9,
          ("int", True): 10, ("date", True): 5}
_STYLES_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00##"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="14"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="11">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>
<xf numFmtId="4" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f]")
_EPOCH = date(1899, 12, 30)


def _text(value: str) -> str:
    return escape(_ILLEGAL.sub("", value))


class XlsxStream:
    """One sheet: ``row(values, kinds)`` as many times as needed, then ``close()``.

    ``kinds`` name each cell's style (text, money, usd, date, int, title, header); ``bold``
    makes a whole row bold (the 合计 row).
    """

    def __init__(self, target: str | IO[bytes], *, sheet: str, widths: Sequence[float],
                 freeze: tuple[int, int] | None = None) -> None:
        self.zip = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=4)
        self.zip.writestr("[Content_Types].xml", _CONTENT_TYPES)
        self.zip.writestr("_rels/.rels", _ROOT_RELS)
        self.zip.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        self.zip.writestr("xl/styles.xml", _STYLES_XML)
        self.zip.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{_text(sheet[:31])}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        self.sheet = self.zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self.letters = [get_column_letter(i) for i in range(1, len(widths) + 1)]
        view = ""
        if freeze:
            col, row = freeze  # cells left of/above (col, row) stay in place, 1-based like "C3"
            cell = f"{get_column_letter(col)}{row}"
            view = (f'<pane xSplit="{col - 1}" ySplit="{row - 1}" topLeftCell="{cell}" activePane="bottomRight" '
                    f'state="frozen"/><selection pane="bottomRight" activeCell="{cell}" sqref="{cell}"/>')
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
        self._write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    f'<sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
                    f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')
        self.rows = 0
        self._style_attrs: dict[tuple, list[str]] = {}

    def _write(self, text: str) -> None:
        self.sheet.write(text.encode("utf-8"))

    def _styles(self, kinds: Sequence[str], bold: bool) -> list[str]:
        key = (tuple(kinds), bold)
        if key not in self._style_attrs:
            ids = [STYLES.get((k, bold), STYLES.get((k, True), 0)) for k in kinds]
            self._style_attrs[key] = [f' s="{i}"' if i else "" for i in ids]
        return self._style_attrs[key]

    def row(self, values: Sequence[Any], kinds: Sequence[str], *, bold: bool = False) -> None:
        self.rows += 1
        n = self.rows
        parts = [f'<row r="{n}">']
        add = parts.append
        for letter, value, s in zip(self.letters, values, self._styles(kinds, bold), strict=False):
            if value is None:
                continue
            t = type(value)
            if t is str:
                if value:
                    if _SPECIAL.search(value):
                        value = _text(value)
                    add(f'<c r="{letter}{n}"{s} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>')
            elif t is Decimal:
                add(f'<c r="{letter}{n}"{s}><v>{value:f}</v></c>')
            elif t is int or t is float:
                add(f'<c r="{letter}{n}"{s}><v>{value!r}</v></c>')
            elif t is date:
                add(f'<c r="{letter}{n}"{s}><v>{(value - _EPOCH).days}</v></c>')
            elif t is bool:
                add(f'<c r="{letter}{n}"{s} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, datetime):
                delta = value - datetime(1899, 12, 30, tzinfo=value.tzinfo)
                add(f'<c r="{letter}{n}"{s}><v>{delta.days + delta.seconds / 86400!r}</v></c>')
            elif isinstance(value, date):
                add(f'<c r="{letter}{n}"{s}><v>{(value - _EPOCH).days}</v></c>')
            elif isinstance(value, Decimal | int | float):
                add(f'<c r="{letter}{n}"{s}><v>{value}</v></c>')
            else:
                add(f'<c r="{letter}{n}"{s} t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>')
        add("</row>")
        self._write("".join(parts))

    def close(self) -> None:
        self._write("</sheetData></worksheet>")
        self.sheet.close()
        self.zip.close()
