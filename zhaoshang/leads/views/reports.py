"""Channel yield (渠道成效): which channels pay, per channel, kind and unit, by month — tables,
charts (ECharts, served locally) and an Excel copy."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from zhaoshang.dataio.views import xlsx_response

from .. import selectors
from ..enums import ChannelKind
from ..forms import business_units
from .leads import business_only


def _params(request: HttpRequest) -> dict:
    today = timezone.localdate()
    year = request.GET.get("year", "")
    unit = request.GET.get("unit", "")
    return {"year": int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else today.year,
            "unit_id": int(unit) if unit.isdigit() else None,
            "kind": request.GET.get("kind") if request.GET.get("kind") in ChannelKind.values else None}


def channel_yield(request: HttpRequest) -> HttpResponse:
    business_only(request)
    params = _params(request)
    data = selectors.channel_yield(user=request.user, **params)
    chart = {
        "kinds": [r["label"] for r in data["by_kind"]],
        "series": {m: [r[m] for r in data["by_kind"]] for m in ("leads", "qualified", "converted", "signed")},
        "months": [f"{r['month']}月" for r in data["by_month"]],
        "monthly": {m: [r[m] for r in data["by_month"]] for m in ("leads", "converted", "signed")},
        "amount": [float(r["signed_amount"]) / 10000 for r in data["by_month"]],  # 亿元, for the chart only
    }
    this_year = timezone.localdate().year
    ctx = {"data": data, "chart": chart, "params": params, "years": list(range(this_year, this_year - 6, -1)),
           "units": business_units(request.user), "kinds": ChannelKind.choices}
    return render(request, "leads/channel_yield.html", ctx)


def channel_yield_export(request: HttpRequest) -> HttpResponse:
    business_only(request)
    from ..exports import channel_yield_xlsx

    params = _params(request)
    data = selectors.channel_yield(user=request.user, **params)
    return xlsx_response(channel_yield_xlsx(data), f"渠道成效-{params['year']}.xlsx")
