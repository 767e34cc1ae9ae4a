"""Briefings (通报) as files: a Word document in the layout of a government briefing and an Excel workbook
with the same tables, charts drawn with matplotlib in a Chinese font found at run time.

Layout (after GB/T 9704 党政机关公文格式, simplified): a red masthead “招商引资工作通报”, the issue
number “第X期”, the issuing office and the date in Chinese, a red rule; a title; numbered
sections 一、二、三… in 黑体 with body text in 仿宋; tables with 县区 and 功能板块 rows; chart images;
and the 版记 (distribution and printing line) at the end. Every number comes from the ``Board``
of the briefing's date — the cockpit's board — formatted by the indicators' own ``format``.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.money import format_yi

from .enums import BriefingKind, Rag
from .indicators import CORE_CODES
from .progress import Board, Cell

ISSUER = "连云港市招商引资工作领导小组办公室"
MASTHEAD = "招商引资工作通报"
RAG_TEXT = {Rag.GREEN: "绿（达到序时）", Rag.AMBER: "黄（略低于序时）", Rag.RED: "红（明显滞后）", Rag.NONE: "—"}
RAG_SHORT = {Rag.GREEN: "绿", Rag.AMBER: "黄", Rag.RED: "红", Rag.NONE: "—"}
UNIT_COLUMNS = ("signed_count", "contracted_investment", "capital_in_place", "started_count")
CHINESE_NUMBERS = "一二三四五六七八九十"
FONT_CANDIDATES = ("Noto Sans CJK SC", "Noto Sans CJK", "Source Han Sans SC", "WenQuanYi Zen Hei",
                   "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "Noto Serif CJK SC", "AR PL UMing CN")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"), "C:/Windows/Fonts")


def chinese_date(day: date) -> str:
    """2026年11月26日: how a government document dates itself (Arabic numerals, per GB/T 9704-2012)."""
    return f"{day.year}年{day.month}月{day.day}日"


@lru_cache(maxsize=1)
def cjk_font_path() -> str:
    """A font file with Chinese glyphs, found at run time; without one, charts would show empty boxes."""
    from matplotlib import font_manager

    fonts = font_manager.fontManager.ttflist
    for candidate in FONT_CANDIDATES:  # in order of preference: a sans font reads best in charts
        for f in fonts:
            if f.name.startswith(candidate):
                return f.fname
    for folder in FONT_DIRS:
        root = Path(folder)
        if root.is_dir():
            for pattern in ("*CJK*", "*wqy*", "*SourceHan*", "simhei*", "msyh*"):
                hits = sorted(root.rglob(pattern))
                if hits:
                    return str(hits[0])
    raise BusinessError("未找到中文字体：通报中的图表无法显示中文。请安装 fonts-noto-cjk"
                        "（Debian/Ubuntu：apt-get install fonts-noto-cjk）后重新生成。", status=500)


# ------------------------------------------------------------------------------------------ numbers

def percent(value: Decimal | None) -> str:
    """0.545455 → 54.5%: one decimal, rounded half up (as officers round)."""
    if value is None:
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def cell_row(board: Board, cell: Cell) -> list[str]:
    """指标 | 单位 | 年度目标 | 累计完成 | 完成率 | 序时进度 | 状态 | 预计年末 | 区间(P10–P90)."""
    ind = board.indicators[cell.indicator]
    fc = cell.forecast
    return [ind.label, ind.display_unit, ind.format(cell.target), ind.format(cell.value), percent(cell.completion),
            percent(cell.time_share), RAG_SHORT.get(cell.rag, "—"), ind.format_estimate(fc.mean) if fc else "—",
            f"{ind.format_estimate(fc.low)}–{ind.format_estimate(fc.high)}" if fc else "—"]


def shown_codes(board: Board) -> list[str]:
    """The indicators a briefing lists: the core ones, and any other the city set a target for."""
    return [c for c in board.indicators if c in CORE_CODES or board.city(c).target]


def shown_units(board: Board, kind: str) -> list[Cell]:
    """A group's units in rank order, without units that have neither a target nor anything counted."""
    out = []
    for c in board.group("signed_count", kind):
        cells = [board.cells.get((c.unit_id, code)) for code in board.indicators]
        if any(x is not None and (x.target or x.value) for x in cells):
            out.append(c)
    return out


def figures_of(board: Board) -> dict:
    """The briefing's main numbers, kept on the record (and compared with the cockpit's in the tests)."""
    out: dict = {"as_of": board.as_of.isoformat(), "time_share": str(board.time_share), "city": {}, "units": {}}
    for code in board.indicators:
        c = board.city(code)
        out["city"][code] = {"value": str(c.value), "target": None if c.target is None else str(c.target),
                             "rag": c.rag}
    for (unit_id, code), c in board.cells.items():
        if unit_id != board.city_id:
            out["units"].setdefault(str(unit_id), {})[code] = str(c.value)
    out["funnel"] = {f["stage"]: f["count"] for f in board.extra.get("funnel", [])}
    out["stalled"] = board.extra.get("stalled", {}).get("count", 0)
    out["overdue"] = board.extra.get("overdue", {}).get("count", 0)
    return out


# ------------------------------------------------------------------------------------------ charts

def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    plt.rcParams["font.family"] = [name]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buffer.getvalue()


def chart_completion(board: Board, code: str) -> bytes:
    """Completion rate per unit (县区 and 功能板块) against 序时进度, coloured red/amber/green."""
    plt = _pyplot()
    colours = {Rag.GREEN: "#2fb344", Rag.AMBER: "#f59f00", Rag.RED: "#d63939", Rag.NONE: "#adb5bd"}
    keep = {c.unit_id for c in shown_units(board, "district") + shown_units(board, "zone")}
    cells = [c for c in board.group(code, "district") + board.group(code, "zone") if c.unit_id in keep]
    names = [board.unit_name(c.unit_id) for c in cells]
    values = [float(c.completion or 0) * 100 for c in cells]
    fig, ax = plt.subplots(figsize=(6.3, 3.2))
    ax.bar(names, values, color=[colours.get(c.rag, "#adb5bd") for c in cells])
    ax.axhline(float(board.time_share) * 100, color="#206bc4", linestyle="--", linewidth=1)
    ax.text(len(cells) - 0.5, float(board.time_share) * 100, f" 序时进度 {board.time_share * 100:.1f}%",
            va="bottom", ha="right", fontsize=8, color="#206bc4")
    ax.set_ylabel("完成率（%）")
    ax.set_title(f"{board.indicators[code].label}完成率", fontsize=11)
    for i, v in enumerate(values):
        ax.text(i, v, f"{v:.0f}%", ha="center", va="bottom", fontsize=7)
    ax.tick_params(axis="x", labelsize=8, rotation=30)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def chart_funnel(board: Board) -> bytes:
    plt = _pyplot()
    rows = [f for f in board.extra.get("funnel", []) if f["stage"] not in ("on_hold", "dropped")]
    fig, ax = plt.subplots(figsize=(6.3, 2.6))
    labels = [f["label"] for f in rows][::-1]
    counts = [f["count"] for f in rows][::-1]
    ax.barh(labels, counts, color="#206bc4")
    for i, (n, f) in enumerate(zip(counts, rows[::-1], strict=True)):
        ax.text(n, i, f" {n} 个 / {format_yi(Decimal(f['total']))} 亿元", va="center", fontsize=8)
    ax.set_title("项目推进漏斗（在库项目）", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(counts + [1]) * 1.45)
    return _png(fig)


# ------------------------------------------------------------------------------------------ Word

def _fonts(run, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _para(doc, text: str = "", *, font: str = "仿宋", size: float = 16, bold: bool = False, color: str | None = None,
          align: str = "left", indent: bool = False, space_after: float = 0, line: float | None = 28):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    p = doc.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if line:
        fmt.line_spacing = Pt(line)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if text:
        run = p.add_run(text)
        _fonts(run, font)
        run.font.size = Pt(size)
        run.font.bold = bold
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
    return p


def _border(paragraph, *, side: str = "bottom", color: str = "FF0000", size: int = 12) -> None:
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = ppr.makeelement(qn("w:pBdr"), {})
        ppr.append(borders)
    edge = borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "single", qn("w:sz"): str(size),
                                                  qn("w:space"): "1", qn("w:color"): color})
    borders.append(edge)


def _table(doc, headers: list[str], rows: list[list[str]], *, widths: list[float] | None = None,
           size: float = 9, caption: str = ""):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    if caption:
        _para(doc, caption, font="黑体", size=12, align="center", line=22, space_after=4)
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, text in enumerate(headers):
        cell = table.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        _fonts(run, "黑体")
        run.font.size = Pt(size)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for values in rows:
        cells = table.add_row().cells
        for i, text in enumerate(values):
            cells[i].text = ""
            run = cells[i].paragraphs[0].add_run(str(text))
            _fonts(run, "仿宋")
            run.font.size = Pt(size)
            cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT if i == 0 or (
                headers[i] in ("项目名称", "问题", "事项", "主要失分原因")) else WD_ALIGN_PARAGRAPH.CENTER
    if widths:
        for row in table.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)
    _para(doc, "", line=12)
    return table


def _picture(doc, png: bytes, width_cm: float = 15.0) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _heading(doc, number: int, text: str) -> None:
    _para(doc, f"{CHINESE_NUMBERS[number - 1]}、{text}", font="黑体", size=16, indent=True)


def _masthead(doc, briefing, issued: date) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _para(doc, MASTHEAD, font="方正小标宋简体", size=36, bold=True, color="FF0000", align="center", line=None,
          space_after=12)
    _para(doc, f"第{briefing.number}期", font="仿宋", size=16, align="center", line=28, space_after=6)
    p = _para(doc, "", line=28)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(15.6), WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run(f"{ISSUER}\t{chinese_date(issued)}")
    _fonts(run, "仿宋")
    run.font.size = Pt(14)
    _border(p, side="bottom", color="FF0000", size=18)
    _para(doc, "", line=16)


def _closing(doc, issued: date) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    _para(doc, "", line=28)
    p = _para(doc, "抄送：市委、市人大、市政府、市政协领导，各县区、功能板块，市各有关部门。", size=14, line=28)
    _border(p, side="top", color="000000", size=8)
    p = _para(doc, "", line=28)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(15.6), WD_TAB_ALIGNMENT.RIGHT)
    run = p.add_run(f"{ISSUER}\t{chinese_date(issued)}印发")
    _fonts(run, "仿宋")
    run.font.size = Pt(14)
    _border(p, side="top", color="000000", size=4)
    _border(p, side="bottom", color="000000", size=8)


def _summary_sentence(board: Board, code: str) -> str:
    c = board.city(code)
    ind = board.indicators[code]
    text = f"{ind.label}{ind.format(c.value)}{ind.display_unit}"
    if c.target:
        behind = "，达到序时进度" if c.rag == Rag.GREEN else (
            "，略低于序时进度" if c.rag == Rag.AMBER else "，落后于序时进度")
        text += f"，完成年度目标的 {percent(c.completion)}{behind}"
    return text


def unit_table_rows(board: Board, kind: str) -> list[list[str]]:
    """序号 | 单位 | 签约项目 完成/目标 | 完成率 | 签约额 | 完成率 | 到位资金 | 完成率 | 新开工 | 排名 | 状态."""
    rows = []
    for i, c in enumerate(shown_units(board, kind), start=1):
        row = [str(i), board.unit_name(c.unit_id)]
        for code in UNIT_COLUMNS:
            if code not in board.indicators:
                row += ["—", "—"]
                continue
            cell = board.cell(c.unit_id, code)
            ind = board.indicators[code]
            row += [f"{ind.format(cell.value)}/{ind.format(cell.target)}", percent(cell.completion)]
        row += [str(c.rank) if c.rank else "—", RAG_SHORT.get(c.rag, "—")]
        rows.append(row)
    return rows


UNIT_HEADERS = ["序号", "单位", "签约项目（个）完成/目标", "完成率", "签约额（亿元）完成/目标", "完成率",
                "到位资金（亿元）完成/目标", "完成率", "新开工（个）完成/目标", "完成率", "排名", "状态"]
CITY_HEADERS = ["指标", "单位", "年度目标", "累计完成", "完成率", "序时进度", "状态", "预计年末", "预计区间"]


def _progress_sections(doc, board: Board, start: int = 1) -> int:
    n = start
    _heading(doc, n, "全市总体情况")
    sentences = "；".join(_summary_sentence(board, c) for c in CORE_CODES if c in board.indicators)
    _para(doc, f"截至{chinese_date(board.as_of)}（序时进度 {percent(board.time_share)}），全市{sentences}。",
          indent=True)
    _table(doc, CITY_HEADERS, [cell_row(board, board.city(c)) for c in shown_codes(board)],
           caption="表1  全市招商引资主要指标完成情况")
    n += 1
    _heading(doc, n, "各县区、功能板块进展情况")
    for j, (kind, label) in enumerate((("district", "县区"), ("zone", "功能板块")), start=2):
        red = [board.unit_name(c.unit_id) for c in shown_units(board, kind) if c.rag == Rag.RED]
        green = [board.unit_name(c.unit_id) for c in shown_units(board, kind) if c.rag == Rag.GREEN]
        _para(doc, f"{label}中，签约项目达到序时进度的有{'、'.join(green) or '0 个单位'}；"
                   f"明显滞后的有{'、'.join(red) or '0 个单位'}。", indent=True)
        _table(doc, UNIT_HEADERS, unit_table_rows(board, kind), size=7.5,
               caption=f"表{j}  {label}招商引资主要指标完成情况（按签约项目完成率排名）")
    if "signed_count" in board.indicators:
        _picture(doc, chart_completion(board, "signed_count"))
    return n + 1


def _pipeline_sections(doc, board: Board, start: int) -> int:
    n = start
    major = board.extra.get("major", {})
    _heading(doc, n, "重大项目推进情况")
    stages = "，".join(f"{s['label']} {s['count']} 个" for s in major.get("by_stage", []))
    _para(doc, f"全市在库总投资 {format_yi(Decimal(major.get('threshold', '100000')))} 亿元以上重大项目按阶段分布："
               f"{stages}。", indent=True)
    _table(doc, ["项目名称", "单位", "总投资（亿元）", "阶段"],
           [[p["name"], p["unit"], format_yi(Decimal(p["total"])), p["stage_label"]] for p in major.get("top", [])],
           caption="表4  在库重大项目（按总投资排序）")
    _picture(doc, chart_funnel(board))
    n += 1
    stalled, overdue = board.extra.get("stalled", {}), board.extra.get("overdue", {})
    _heading(doc, n, "存在的问题")
    _para(doc, f"一是部分项目推进迟缓。全市有 {stalled.get('count', 0)} 个项目存在体检预警，其中红色预警 "
               f"{stalled.get('red', 0)} 个。二是要素保障仍有超期。全市超期未办结的要素保障需求 "
               f"{overdue.get('count', 0)} 件" + (
                   "，主要集中在" + "、".join(f"{d}（{k} 件）" for d, k in overdue.get("by_department", [])[:3])
                   if overdue.get("by_department") else "") + "。", indent=True)
    if stalled.get("top"):
        _table(doc, ["项目名称", "单位", "总投资（亿元）", "问题"],
               [[p["name"], p["unit"], format_yi(Decimal(p["total"])), "；".join(p["messages"])]
                for p in stalled["top"]], caption="表5  重点预警项目")
    if overdue.get("top"):
        _table(doc, ["编号", "事项", "项目", "责任部门", "超期天数"],
               [[r["code"], r["title"], r["project"], r["department"], str(r["days"])] for r in overdue["top"]],
               caption="表6  超期要素保障需求")
    n += 1
    _heading(doc, n, "全年预计完成情况")
    lines = []
    for code in CORE_CODES:
        if code not in board.indicators:
            continue
        c, ind = board.city(code), board.indicators[code]
        if c.forecast and c.target:
            lines.append(f"{ind.label}预计 {ind.format_estimate(c.forecast.mean)}{ind.display_unit}"
                         f"（{ind.format_estimate(c.forecast.low)}–{ind.format_estimate(c.forecast.high)}），"
                         f"预计完成年度目标的 {percent(c.forecast_completion)}")
    _para(doc, "按当前项目库各阶段转化率和历时测算，" + ("；".join(lines) or "暂无可测算的指标") + "。", indent=True)
    return n + 1


def _next_steps(doc, n: int) -> None:
    _heading(doc, n, "下一步工作要求")
    for text in ("各县区、功能板块要对照年度目标和序时进度，逐项分析差距，明确追赶措施，确保全年目标任务完成。",
                 "对签约未落地、落地未开工的预警项目，包挂领导和招商专班要逐一会商，限期解决堵点问题。",
                 "各要素保障部门要对超期需求限时办结，市领导小组办公室将持续跟踪督办并定期通报。"):
        _para(doc, text, indent=True)


def _red_black_sections(doc, board: Board, run, scores: list, lines_by_unit: dict) -> None:
    scheme = run.scheme
    _para(doc, f"根据《{scheme.name}》，按截至{chinese_date(run.as_of)}的数据计分，现将各县区、功能板块招商引资"
               f"工作红黑榜通报如下。", indent=True)
    for n, (kind, label) in enumerate((("district", "县区"), ("zone", "功能板块")), start=1):
        group = [s for s in scores if s.group == kind and s.rank]
        k_red, k_black = red_black_counts(len(group), scheme)
        _heading(doc, n, f"{label}红黑榜")
        red = "、".join(f"{s.unit.display_name}（{s.total} 分）" for s in group[:k_red]) or "无"
        black = "、".join(f"{s.unit.display_name}（{s.total} 分）" for s in group[len(group) - k_black:]) if k_black else "无"
        _para(doc, f"红榜：{red}。黑榜：{black}。", indent=True)
        _table(doc, ["名次", "单位", "得分", "主要失分原因"],
               [[str(s.rank), s.unit.display_name, str(s.total), lost_text(lines_by_unit.get(s.unit_id, []))]
                for s in group], caption=f"表{n}  {label}考核得分")


def red_black_counts(n: int, scheme) -> tuple[int, int]:
    """Red and black places of a group: the scheme's numbers, at most half the group each (no unit on both)."""
    half = n // 2
    return min(scheme.red_count, half), min(scheme.black_count, half)


def lost_text(lines: list) -> str:
    lost = []
    for line in lines:
        if line.kind == "cap":  # a cap trims a bonus: not a shortfall of the unit's work
            continue
        gap = (line.full_points - line.points) if line.full_points is not None else (
            -line.points if line.points < 0 else Decimal(0))
        if gap > 0:
            lost.append((gap, line.label))
    lost.sort(key=lambda x: -x[0])
    return "；".join(f"{label}失 {gap.quantize(Decimal('0.01'))} 分" for gap, label in lost[:3]) or "—"


def build_docx(*, briefing, board: Board, run=None, scores=None, lines_by_unit=None,
               issued: date | None = None) -> bytes:
    from docx import Document

    issued = issued or board.as_of
    doc = Document()
    _masthead(doc, briefing, issued)
    if briefing.kind == BriefingKind.RED_BLACK:
        _para(doc, f"关于{briefing.year}年{briefing.period_end.month}月招商引资工作红黑榜的通报", font="方正小标宋简体",
              size=22, align="center", line=None, space_after=12)
        _red_black_sections(doc, board, run, scores or [], lines_by_unit or {})
    else:
        _para(doc, f"关于{briefing.title.removesuffix('通报')}情况的通报", font="方正小标宋简体", size=22, align="center",
              line=None, space_after=12)
        _para(doc, "各县区、功能板块，市各有关部门：", line=28)
        _para(doc, f"现将{briefing.title.removesuffix('招商引资工作通报')}全市招商引资工作进展情况通报如下。", indent=True)
        n = _progress_sections(doc, board)
        n = _pipeline_sections(doc, board, n)
        _next_steps(doc, n)
    _closing(doc, issued)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------ Excel

def _sheet(wb, title: str, heading: str, headers: list[str], rows: list[list], widths: list[int] | None = None):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append([heading])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(headers)
    for i in range(1, len(headers) + 1):
        c = ws.cell(row=2, column=i)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(i)].width = (widths or [])[i - 1] if widths and i <= len(widths) else 14
    for r in rows:
        ws.append([float(v) if isinstance(v, Decimal) else v for v in r])
    ws.freeze_panes = "B3"
    return ws


def _num(value: Decimal | None):
    return None if value is None else value


def city_sheet_rows(board: Board) -> list[list]:
    """Numbers, not text: 指标, 单位, 目标, 完成, 完成率, 序时进度, 状态, 预计年末, P10, P90 (display units)."""
    rows = []
    for code, ind in board.indicators.items():
        c = board.city(code)
        fc = c.forecast
        rows.append([ind.label, ind.display_unit, _num(ind.to_display(c.target)), _num(ind.to_display(c.value)),
                     _num(c.completion), c.time_share, RAG_SHORT.get(c.rag, "—"),
                     _num(ind.to_display(fc.mean)) if fc else None, _num(ind.to_display(fc.low)) if fc else None,
                     _num(ind.to_display(fc.high)) if fc else None])
    return rows


def unit_sheet_rows(board: Board, kind: str) -> list[list]:
    rows = []
    for c in shown_units(board, kind):
        row = [board.unit_name(c.unit_id)]
        for code, ind in board.indicators.items():
            cell = board.cell(c.unit_id, code)
            row += [_num(ind.to_display(cell.value)), _num(ind.to_display(cell.target)), _num(cell.completion)]
        row += [c.rank, RAG_SHORT.get(c.rag, "—")]
        rows.append(row)
    return rows


def build_xlsx(*, briefing, board: Board, run=None, scores=None, lines_by_unit=None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    when = chinese_date(board.as_of)
    if briefing.kind == BriefingKind.RED_BLACK and run is not None:
        rows = [[s.unit.display_name, {"district": "县区", "zone": "功能板块"}.get(s.group, s.group), s.rank, s.total,
                 lost_text((lines_by_unit or {}).get(s.unit_id, []))] for s in (scores or []) if s.rank]
        _sheet(wb, "红黑榜", f"{briefing.title}（截至{when}）", ["单位", "分组", "名次", "得分", "主要失分原因"], rows,
               [16, 10, 8, 10, 60])
        detail = [[board.unit_name(line.unit_id), line.label, line.points, line.full_points, line.reason]
                  for lines in (lines_by_unit or {}).values() for line in lines]
        _sheet(wb, "得分明细", "得分明细（每一分的来由）", ["单位", "规则", "得分", "满分", "说明"], detail, [16, 20, 10, 10, 90])
    city_headers = ["指标", "单位", "年度目标", "累计完成", "完成率", "序时进度", "状态", "预计年末", "预计下限(P10)",
                    "预计上限(P90)"]
    _sheet(wb, "全市指标", f"{briefing.title}：全市主要指标（截至{when}）", city_headers, city_sheet_rows(board),
           [22, 8, 12, 12, 10, 10, 8, 12, 12, 12])
    unit_headers = ["单位"]
    for ind in board.indicators.values():
        unit_headers += [f"{ind.label}（{ind.display_unit}）", "目标", "完成率"]
    unit_headers += ["排名（签约项目）", "状态"]
    _sheet(wb, "县区", f"县区主要指标（截至{when}）", unit_headers, unit_sheet_rows(board, "district"))
    _sheet(wb, "功能板块", f"功能板块主要指标（截至{when}）", unit_headers, unit_sheet_rows(board, "zone"))
    major = board.extra.get("major", {})
    _sheet(wb, "重大项目", f"在库重大项目（截至{when}）", ["项目名称", "单位", "总投资（亿元）", "阶段"],
           [[p["name"], p["unit"], Decimal(p["total"]) / Decimal(10000), p["stage_label"]] for p in major.get("top", [])],
           [40, 14, 14, 10])
    _sheet(wb, "项目漏斗", f"项目推进漏斗（截至{when}）", ["阶段", "项目数", "总投资（亿元）"],
           [[f["label"], f["count"], Decimal(f["total"]) / Decimal(10000)] for f in board.extra.get("funnel", [])])
    stalled = board.extra.get("stalled", {})
    _sheet(wb, "预警项目", f"体检预警项目（共 {stalled.get('count', 0)} 个，截至{when}）",
           ["项目名称", "单位", "总投资（亿元）", "级别", "问题"],
           [[p["name"], p["unit"], Decimal(p["total"]) / Decimal(10000), "红" if p["severity"] == "red" else "黄",
             "；".join(p["messages"])] for p in stalled.get("top", [])], [40, 14, 14, 8, 60])
    overdue = board.extra.get("overdue", {})
    _sheet(wb, "超期要素", f"超期要素保障需求（共 {overdue.get('count', 0)} 件，截至{when}）",
           ["编号", "事项", "项目", "责任部门", "期限", "超期天数"],
           [[r["code"], r["title"], r["project"], r["department"], r["due_on"], r["days"]] for r in overdue.get("top", [])],
           [18, 30, 30, 18, 12, 10])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def render(*, briefing, board: Board, run=None, issued: date | None = None) -> tuple[bytes, bytes, dict]:
    """Both files and the main figures of a briefing (a 红黑榜 also lists the score run's lines).

    ``issued`` is the date printed in the masthead (the day it is generated); the figures are the
    board's, as of the briefing's data date.
    """
    scores, lines_by_unit = None, None
    if run is not None:
        from .selectors import run_scores

        scores = run_scores(run=run)
        lines_by_unit = {}
        for line in run.lines.order_by("unit_id", "id"):
            lines_by_unit.setdefault(line.unit_id, []).append(line)
    docx_bytes = build_docx(briefing=briefing, board=board, run=run, scores=scores, lines_by_unit=lines_by_unit,
                            issued=issued)
    xlsx_bytes = build_xlsx(briefing=briefing, board=board, run=run, scores=scores, lines_by_unit=lines_by_unit)
    figures = figures_of(board)
    if run is not None:
        figures["scores"] = {str(s.unit_id): str(s.total) for s in scores}
        figures["score_run"] = run.pk
    return docx_bytes, xlsx_bytes, figures
