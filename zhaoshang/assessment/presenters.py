"""A board turned into rows and chart data for the pages (the cockpit, progress pages), formatted once.

The numbers shown are formatted by the indicators' own ``format`` — the same function the
briefing documents use — so a figure reads the same on the screen and in the Word file.
"""

from __future__ import annotations

from decimal import Decimal

from .documents import percent, shown_units
from .enums import Rag
from .indicators import CORE_CODES, Indicator
from .progress import Board, Cell

RAG_BADGE = {Rag.GREEN: "bg-green text-green-fg", Rag.AMBER: "bg-yellow text-yellow-fg", Rag.RED: "bg-red text-red-fg",
             Rag.NONE: "bg-secondary-lt"}
RAG_LABEL = {Rag.GREEN: "绿", Rag.AMBER: "黄", Rag.RED: "红", Rag.NONE: "无目标"}


def cell_view(board: Board, cell: Cell) -> dict:
    ind: Indicator = board.indicators[cell.indicator]
    fc = cell.forecast
    return {
        "code": cell.indicator, "label": ind.label, "display_unit": ind.display_unit, "unit_id": cell.unit_id,
        "unit_name": board.unit_name(cell.unit_id),
        "value": ind.format(cell.value), "target": ind.format(cell.target), "completion": percent(cell.completion),
        "completion_raw": float(cell.completion or 0), "pace": percent(cell.pace), "rag": str(cell.rag),
        "rag_badge": RAG_BADGE.get(cell.rag, "bg-secondary-lt"), "rag_label": RAG_LABEL.get(cell.rag, "—"),
        "rank": cell.rank, "forecast": ind.format_estimate(fc.mean) if fc else "—",
        "forecast_range": f"{ind.format_estimate(fc.low)}–{ind.format_estimate(fc.high)}" if fc else "—",
        "forecast_completion": percent(cell.forecast_completion),
        "gap": ind.format(cell.gap_to_schedule) if cell.gap_to_schedule is not None and cell.gap_to_schedule > 0
        else "",
        "raw": cell.value, "display_value": float(ind.to_display(cell.value) or 0),
    }


def city_cards(board: Board, codes: tuple[str, ...] = CORE_CODES) -> list[dict]:
    return [cell_view(board, board.city(c)) for c in codes if c in board.indicators and (board.city_id, c) in board.cells]


def _shown(board: Board, code: str, kind: str) -> list[Cell]:
    keep = {c.unit_id for c in shown_units(board, kind)}
    return [c for c in board.group(code, kind) if c.unit_id in keep]


def group_rows(board: Board, code: str, kind: str) -> list[dict]:
    """A group's units ranked on one indicator (units with no target and nothing counted left out)."""
    return [cell_view(board, c) for c in _shown(board, code, kind)]


def unit_rows(board: Board, unit_id: int) -> list[dict]:
    return [cell_view(board, board.cell(unit_id, c)) for c in board.indicators if (unit_id, c) in board.cells]


def monthly_chart(board: Board, unit_id: int, code: str) -> dict:
    """Cumulative actual by month against the time-proportional target line (序时目标)."""
    cell = board.cell(unit_id, code)
    ind = board.indicators[code]
    months = [f"{m}月" for m in range(1, len(cell.monthly) + 1)]
    values = [float(ind.to_display(v) or 0) for v in cell.monthly]
    schedule = []
    if cell.target:
        import calendar
        from datetime import date

        for m in range(1, len(cell.monthly) + 1):
            end = date(board.year, m, calendar.monthrange(board.year, m)[1])
            end = min(end, board.as_of)
            days = 366 if calendar.isleap(board.year) else 365
            share = Decimal(end.timetuple().tm_yday) / Decimal(days)
            schedule.append(float(ind.to_display(cell.target * share) or 0))
    return {"months": months, "values": values, "schedule": schedule, "unit": ind.display_unit, "label": ind.label}


def ranking_chart(board: Board, code: str, kind: str) -> dict:
    cells = _shown(board, code, kind)
    return {"names": [board.unit_name(c.unit_id) for c in cells], "ids": [c.unit_id for c in cells],
            "values": [round(float(c.completion or 0) * 100, 1) for c in cells], "rags": [str(c.rag) for c in cells],
            "time_share": round(float(board.time_share) * 100, 1)}
