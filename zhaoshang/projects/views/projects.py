from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.htmx import template_for
from zhaoshang.organizations.selectors import unit_list

from .. import selectors, services
from ..enums import ChainName, Stage
from ..exports import project_ledger_xlsx
from ..forms import FollowUpForm, ProjectForm


def _business_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def project_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    qs = selectors.project_list(user=request.user, filters=request.GET, sort=request.GET.get("sort"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "stages": Stage.choices, "chains": ChainName.choices,
           "units": unit_list(user=request.user).exclude(kind="department")}
    return render(request, template_for(request, "projects/project_list.html", "results"), ctx)


def project_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as a 台账 .xlsx — the same selector as the page, so the same scope."""
    _business_only(request)
    qs = selectors.project_list(user=request.user, filters=request.GET, sort=request.GET.get("sort"))
    today = timezone.localdate()
    content = project_ledger_xlsx(qs.iterator(chunk_size=2000),
                                  title=f"{request.user.unit}项目台账（{today:%Y年%m月%d日}导出）")
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=projects-{today:%Y%m%d}.xlsx"
    return response


def project_detail(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    project = selectors.project_get(user=request.user, id=id)
    ctx = {"project": project, "follow_ups": selectors.follow_up_list(user=request.user, project=project),
           "events": project.events.select_related("actor")[:50], "follow_up_form": FollowUpForm(
               initial={"happened_on": timezone.localdate()})}
    return render(request, "projects/project_detail.html", ctx)


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
    if request.method != "POST":
        return redirect("projects:detail", id=id)
    project = selectors.project_get(user=request.user, id=id)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_create(user=request.user, project=project, **form.cleaned_data)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已记录跟踪服务。")
            return redirect("projects:detail", id=id)
    ctx = {"project": project, "follow_ups": selectors.follow_up_list(user=request.user, project=project),
           "events": project.events.select_related("actor")[:50], "follow_up_form": form}
    return render(request, "projects/project_detail.html", ctx, status=400)
