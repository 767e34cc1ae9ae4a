from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.htmx import template_for
from zhaoshang.organizations.selectors import unit_list, visible_unit_ids

from .. import selectors, services
from ..enums import STAGE_ORDER, ChainName, Stage
from ..exports import project_export_response
from ..forms import (
    AdvanceForm,
    AnnualActualForm,
    CapitalEntryForm,
    DropForm,
    FollowUpForm,
    MilestoneDoneForm,
    ProjectEditForm,
    ProjectForm,
    ReasonForm,
)
from ..selectors_task_forces import task_force_for_project
from ..services.scoring import project_scores


def _business_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def project_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    qs = selectors.project_list(user=request.user, filters=request.GET, sort=request.GET.get("sort"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    from zhaoshang.accounts.models import User

    from ..models import TierThreshold

    ctx = {"page_obj": page, "stages": Stage.choices, "chains": ChainName.choices,
           "units": unit_list(user=request.user).exclude(kind="department"),
           "tiers": TierThreshold.objects.values_list("label", flat=True),
           "leaders": User.objects.filter(role="leader", is_active=True)}
    return render(request, template_for(request, "projects/project_list.html", "results"), ctx)


def project_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as a 台账 .xlsx — the same selector as the page, so the same scope;
    a large list becomes an export job with a progress page."""
    _business_only(request)
    return project_export_response(user=request.user, params=request.GET.dict())


def _next_stage(project) -> str | None:
    if project.stage in STAGE_ORDER and project.stage != STAGE_ORDER[-1]:
        return STAGE_ORDER[STAGE_ORDER.index(project.stage) + 1]
    return None


def _factor_context(request: HttpRequest, project, today) -> dict:
    """The project's factor requests (要素保障) as the factors app scopes them, for the side card."""
    from zhaoshang.factors.selectors import factor_request_list

    requests = factor_request_list(user=request.user, filters={"project": project.id}, today=today)
    return {"factor_requests": list(requests[:8]), "factor_request_count": requests.count(),
            "can_raise_factor": request.user.raises_factor_requests and project.stage != Stage.DROPPED}


def _detail_context(request: HttpRequest, project, **forms) -> dict:
    """Everything the project page shows; forms passed in (with errors) replace the blank ones."""
    today = timezone.localdate()
    target = _next_stage(project)
    own_unit = project.unit_id in visible_unit_ids(user=request.user)  # not a task-force member's project
    ctx = {
        "project": project,
        "next_stage": Stage(target).label if target else None,
        "follow_ups": selectors.follow_up_list(user=request.user, project=project),
        "events": project.events.select_related("actor")[:50],
        "scores": project_scores(project),
        "fulfilment": selectors.project_fulfilment(project=project, today=today),
        "capital_entries": project.capital_entries.order_by("-entry_date", "-id"),
        "milestones": project.milestones.all(),
        "warnings": project.warnings.filter(resolved_on=None),
        "transitions": project.transitions.select_related("actor"),
        "investors": project.investors.select_related("firm"),
        # Project edits belong to the owning unit's chain of command; task-force members from
        # other units see the project and log follow-ups, but do not see forms that would refuse them.
        "can_write": request.user.writes_business_data and own_unit,
        "can_follow_up": request.user.writes_business_data,
        "can_move_back": request.user.is_city_admin,
        "task_force": task_force_for_project(user=request.user, project=project),
        "can_form_task_force": request.user.manages_task_forces and own_unit,
        **_factor_context(request, project, today),
        "today": today,
        "follow_up_form": FollowUpForm(initial={"happened_on": today}),
        "advance_form": AdvanceForm(target=target, initial={
            "signed_on": today, "registered_on": today, "construction_started_on": today,
            "production_started_on": today, "contracted_amount": project.total_investment}) if target else None,
        "hold_form": ReasonForm(), "back_form": ReasonForm(), "drop_form": DropForm(),
        "capital_form": CapitalEntryForm(initial={"entry_date": today}),
        "milestone_form": MilestoneDoneForm(initial={"done_on": today}),
        "actual_form": AnnualActualForm(initial={"year": today.year - 1}),
    }
    ctx.update(forms)
    return ctx


def project_detail(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    project = selectors.project_get(user=request.user, id=id)
    return render(request, "projects/project_detail.html", _detail_context(request, project))


def _action(request: HttpRequest, id: int, *, form_class=None, form_key: str = "", run,
            form_kwargs=None) -> HttpResponse:
    """POST a form on the project page: run the service and confirm what it did, or show the page
    again with the errors (400). ``run(project, data)`` returns the confirmation message."""
    project = selectors.project_get(user=request.user, id=id)
    if request.method != "POST":
        return redirect("projects:detail", id=id)
    form = form_class(request.POST, **(form_kwargs(project) if form_kwargs else {})) if form_class else None
    if form is None or form.is_valid():
        try:
            message = run(project, form.cleaned_data if form else {})
        except BusinessError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("projects:detail", id=id)
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, message)
            return redirect("projects:detail", id=id)
    project.refresh_from_db()
    return render(request, "projects/project_detail.html", _detail_context(request, project, **{form_key: form}),
                  status=400)


def project_advance(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        p = services.project_advance_stage(user=request.user, project=project, evidence=data)
        return f"项目已推进到“{p.get_stage_display()}”阶段。"
    return _action(request, id, form_class=AdvanceForm, form_key="advance_form", run=run,
                   form_kwargs=lambda p: {"target": _next_stage(p)})


def project_move_back(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        p = services.project_move_back(user=request.user, project=project, reason=data["reason"])
        return f"项目已回退到“{p.get_stage_display()}”阶段。"
    return _action(request, id, form_class=ReasonForm, form_key="back_form", run=run)


def project_hold(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        services.project_put_on_hold(user=request.user, project=project, reason=data["reason"])
        return "项目已暂缓。"
    return _action(request, id, form_class=ReasonForm, form_key="hold_form", run=run)


def project_resume(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        p = services.project_resume(user=request.user, project=project)
        return f"项目已恢复推进，回到“{p.get_stage_display()}”阶段。"
    return _action(request, id, run=run)


def project_drop(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        services.project_drop(user=request.user, project=project, reason=data["reason"], note=data["note"])
        return "项目已终止。"
    return _action(request, id, form_class=DropForm, form_key="drop_form", run=run)


def capital_add(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        e = services.capital_entry_add(user=request.user, project=project, **data)
        return f"已登记到位资金 {e.amount.normalize():f} 万元。"
    return _action(request, id, form_class=CapitalEntryForm, form_key="capital_form", run=run)


def milestone_plan(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        if not project.signed_on:
            raise BusinessError("签约后才能制定建设计划")
        plan = services.milestone_default_plan(signed_on=project.signed_on)
        services.milestone_plan_set(user=request.user, project=project, plan=plan)
        return f"已生成建设计划（{len(plan)} 个节点），可逐项登记完成日期。"
    return _action(request, id, run=run)


def milestone_done(request: HttpRequest, id: int, milestone_id: int) -> HttpResponse:
    def run(project, data):
        milestone = project.milestones.filter(id=milestone_id).first()
        if milestone is None:
            raise BusinessError("建设节点不存在")
        services.milestone_complete(user=request.user, milestone=milestone, done_on=data["done_on"])
        return f"已登记“{milestone.name}”完成。"
    return _action(request, id, form_class=MilestoneDoneForm, form_key="milestone_form", run=run)


def actual_add(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        a = services.annual_actual_set(user=request.user, project=project, **data)
        return f"已登记 {a.year} 年度实绩。"
    return _action(request, id, form_class=AnnualActualForm, form_key="actual_form", run=run)


def project_edit(request: HttpRequest, id: int) -> HttpResponse:
    """Edit with optimistic locking: the form carries the version it was opened with."""
    project = selectors.project_get(user=request.user, id=id)
    if not request.user.writes_business_data:
        raise PermissionDenied
    from zhaoshang.accounts.models import User

    leaders = User.objects.filter(role="leader", is_active=True)
    fields = [f for f in ProjectEditForm.base_fields if f not in ("version", "unit")]
    initial = {f: getattr(project, f) for f in fields}
    initial["version"] = project.version
    form = ProjectEditForm(request.POST or None, initial=initial, leaders=leaders)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        data = {k: ("" if v is None and k in ("chain", "industry", "description", "contact_name", "contact_phone",
                                              "investor_name") else v) for k, v in data.items()}
        try:
            _, changed = services.project_update(user=request.user, project=project,
                                                 version=form.cleaned_data["version"], data=data)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已保存（修改了 {len(changed)} 项）。" if changed else "没有修改任何内容。")
            return redirect("projects:detail", id=id)
    return render(request, "projects/project_edit.html", {"form": form, "project": project},
                  status=400 if request.method == "POST" else 200)


def project_create(request: HttpRequest) -> HttpResponse:
    if not request.user.writes_business_data:
        raise PermissionDenied
    units = unit_list(user=request.user).exclude(kind="department")
    form = ProjectForm(request.POST or None, units=units,
                       initial={"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已录入项目“{project.name}”（编号 {project.code}）。")
            return redirect("projects:detail", id=project.id)
    return render(request, "projects/project_form.html", {"form": form})


def follow_up_create(request: HttpRequest, id: int) -> HttpResponse:
    def run(project, data):
        services.follow_up_create(user=request.user, project=project, **data)
        return "已记录跟踪服务。"
    return _action(request, id, form_class=FollowUpForm, form_key="follow_up_form", run=run)
