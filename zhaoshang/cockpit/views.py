"""The workbench (home page) and the leaders' cockpit (驾驶舱): read other apps' selectors, own no data."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from zhaoshang.leads.selectors import lead_list
from zhaoshang.projects.enums import Stage
from zhaoshang.projects.selectors import follow_up_list, project_stage_summary

CARD_CODES = ("signed_count", "signed_ge_10yi", "contracted_investment", "capital_in_place", "fdi_utilised",
              "started_count", "production_count", "outbound_visits")
CHAIN_CACHE_SECONDS = 600


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.manages_accounts:
        return redirect("accounts:user_list")
    if user.manages_security:
        return redirect("accounts:security")
    if user.reads_audit_trail:
        return redirect("audit:log")
    if user.is_leader and user.sees_cockpit:  # a leader's home is the cockpit itself
        return cockpit(request)
    summary = {row["stage"]: row for row in project_stage_summary(user=user)}
    stages = [(value, label, summary.get(value, {}).get("n", 0), summary.get(value, {}).get("total") or 0)
              for value, label in Stage.choices]
    ctx = {"stages": stages, "recent_follow_ups": follow_up_list(user=user, limit=10),
           "new_leads": lead_list(user=user, filters={"status": "new"})[:8], "sees_cockpit": user.sees_cockpit}
    return render(request, "cockpit/home.html", ctx)


def chain_coverage(*, user) -> list[dict]:
    """Coverage of the key chains from the chains app, if it is there (cached: a city-wide, slow-moving figure)."""
    try:
        from zhaoshang.chains.selectors import chain_overview
    except ImportError:
        return []
    rows = cache.get("cockpit:chain-coverage")
    if rows is None:
        try:
            rows = [{"code": r["chain"].code, "name": r["chain"].name, "coverage": round(r["coverage"] * 100, 1),
                     "covered": r["covered"], "placeable": r["placeable"], "firms": r["firms"],
                     "leaders": r["leaders"], "gaps": sum(r["gaps"].values()), "fill": r["gaps"].get("fill", 0)}
                    for r in chain_overview(user=user)]
        except Exception:  # the chains app is being built beside us: its absence must not take the cockpit down
            rows = []
        cache.set("cockpit:chain-coverage", rows, CHAIN_CACHE_SECONDS)
    for r in rows:
        try:
            r["url"] = reverse("chains:map", kwargs={"code": r["code"]})
        except NoReverseMatch:
            r["url"] = ""
    return rows


def _as_of(request: HttpRequest) -> date:
    today = timezone.localdate()
    try:
        return min(date.fromisoformat(request.GET.get("as_of", "")), today)
    except ValueError:
        return today


def cockpit(request: HttpRequest) -> HttpResponse:
    """驾驶舱: the city's figures, the pipeline, major projects, chains, stalled projects, overdue requests and
    the rankings — each drilling down to a unit and its projects."""
    if not request.user.sees_cockpit:
        raise PermissionDenied
    from zhaoshang.assessment import presenters, selectors, services
    from zhaoshang.assessment.documents import percent

    board = services.board_for(as_of=_as_of(request), allow_stale=True)
    code = request.GET.get("indicator") or "signed_count"
    if code not in board.indicators:
        code = "signed_count"
    scheme = selectors.scheme_for(board.year)
    run = selectors.latest_run(scheme=scheme) if scheme else None
    scores = [s for s in selectors.run_scores(run=run) if s.rank] if run else []  # units without targets: unranked
    ctx = {
        "board": board, "as_of": board.as_of, "code": code, "time_share": percent(board.time_share), "indicator": board.indicators.get(code),
        "cards": presenters.city_cards(board, CARD_CODES) if board.cells else [],
        "indicators": [(c, i.label) for c, i in board.indicators.items()],
        "districts": presenters.group_rows(board, code, "district") if board.cells else [],
        "zones": presenters.group_rows(board, code, "zone") if board.cells else [],
        "funnel": board.extra.get("funnel", []), "major": board.extra.get("major", {}),
        "stalled": board.extra.get("stalled", {}), "overdue": board.extra.get("overdue", {}),
        "chains": chain_coverage(user=request.user), "run": run, "scores": scores[:20],
        "chart": {"district": presenters.ranking_chart(board, code, "district") if board.cells else {},
                  "zone": presenters.ranking_chart(board, code, "zone") if board.cells else {},
                  "funnel": [{"name": f["label"], "value": f["count"], "stage": f["stage"]}
                             for f in board.extra.get("funnel", []) if f["stage"] not in ("on_hold", "dropped")],
                  "major": board.extra.get("major", {}).get("by_stage", []),
                  "unit_url": reverse("assessment:unit", kwargs={"id": 0}).replace("/0/", "/{id}/"),
                  "projects_url": reverse("projects:list")},
    }
    return render(request, "cockpit/cockpit.html", ctx)
