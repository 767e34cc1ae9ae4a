"""The workbench (home page): reads other apps' selectors, owns no data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from zhaoshang.leads.selectors import lead_list
from zhaoshang.projects.enums import Stage
from zhaoshang.projects.selectors import follow_up_list, project_stage_summary


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.manages_accounts:
        return redirect("accounts:user_list")
    if user.manages_security:
        return redirect("accounts:security")
    if user.reads_audit_trail:
        return redirect("audit:log")
    summary = {row["stage"]: row for row in project_stage_summary(user=user)}
    stages = [(value, label, summary.get(value, {}).get("n", 0), summary.get(value, {}).get("total") or 0)
              for value, label in Stage.choices]
    ctx = {"stages": stages, "recent_follow_ups": follow_up_list(user=user, limit=10),
           "new_leads": lead_list(user=user, filters={"status": "new"})[:8]}
    return render(request, "cockpit/home.html", ctx)
