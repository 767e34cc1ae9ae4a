"""招商专班 pages: list, page, form, edit, members, close; and everyone's open next steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError, NotVisible
from zhaoshang.core.htmx import template_for
from zhaoshang.organizations.selectors import unit_list

from .. import selectors, services
from .. import selectors_task_forces as tf_selectors
from ..enums import ChainName, TaskForceKind
from ..forms_task_forces import CloseForm, TaskForceEditForm, TaskForceForm, TaskForceMemberForm
from ..services.task_forces import task_force_may_manage


def _business_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def _form_error(form, exc: BusinessError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def task_force_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    qs = tf_selectors.task_force_list(user=request.user, filters=request.GET)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "kinds": TaskForceKind.choices, "chains": ChainName.choices,
           "units": unit_list(user=request.user)}
    return render(request, template_for(request, "projects/task_force_list.html", "results"), ctx)


def task_force_create(request: HttpRequest) -> HttpResponse:
    if not request.user.manages_task_forces:
        raise PermissionDenied
    project = None
    if str(request.GET.get("project", "")).isdigit():
        project = selectors.project_get(user=request.user, id=int(request.GET["project"]))
    initial = {"kind": TaskForceKind.PROJECT, "project": project,
               "unit": project.unit_id if project else request.user.unit_id,
               "lead": request.user.pk}
    form = TaskForceForm(request.POST or None, initial=initial, units=unit_list(user=request.user),
                         projects=tf_selectors.task_force_project_choices(user=request.user), users=tf_selectors.task_force_candidates())
    if request.method == "POST" and form.is_valid():
        try:
            task_force = services.task_force_create(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"已成立招商专班“{task_force.name}”，成员 {task_force.memberships.count()} 人。")
            return redirect("projects:task_force_detail", id=task_force.id)
    return render(request, "projects/task_force_form.html", {"form": form, "project": project},
                  status=400 if form.errors else 200)


def task_force_detail(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    task_force = tf_selectors.task_force_get(user=request.user, id=id)
    return render(request, "projects/task_force_detail.html", _detail_context(request, task_force))


def _detail_context(request: HttpRequest, task_force, **forms) -> dict:
    manageable = task_force_may_manage(user=request.user, task_force=task_force)
    project_visible = bool(task_force.project_id) and selectors.project_queryset(user=request.user) \
        .filter(pk=task_force.project_id).exists()
    ctx = {
        "task_force": task_force, "today": timezone.localdate(),
        "members": tf_selectors.task_force_members(task_force=task_force),
        "follow_ups": tf_selectors.task_force_follow_ups(user=request.user, task_force=task_force,
                                                         limit=30 if task_force.project_id else 10),
        "next_steps": tf_selectors.task_force_next_steps(user=request.user, task_force=task_force),
        "project_visible": project_visible, "can_manage": manageable,
        "member_form": TaskForceMemberForm(users=tf_selectors.task_force_candidates()) if manageable else None,
        "close_form": CloseForm() if manageable else None,
    }
    ctx.update(forms)
    return ctx


def _managed(request: HttpRequest, id: int):
    _business_only(request)
    task_force = tf_selectors.task_force_get(user=request.user, id=id)
    if not request.user.manages_task_forces:
        raise PermissionDenied
    return task_force


def task_force_edit(request: HttpRequest, id: int) -> HttpResponse:
    task_force = _managed(request, id)
    form = TaskForceEditForm(request.POST or None, initial={"name": task_force.name, "lead": task_force.lead_id},
                             users=tf_selectors.task_force_candidates())
    if request.method == "POST" and form.is_valid():
        try:
            services.task_force_update(user=request.user, task_force=task_force, **form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "已保存专班信息。")
            return redirect("projects:task_force_detail", id=task_force.id)
    return render(request, "projects/task_force_form.html", {"form": form, "task_force": task_force},
                  status=400 if form.errors else 200)


@require_POST
def task_force_member_add(request: HttpRequest, id: int) -> HttpResponse:
    task_force = _managed(request, id)
    form = TaskForceMemberForm(request.POST, users=tf_selectors.task_force_candidates())
    if form.is_valid():
        try:
            row = services.task_force_add_member(user=request.user, task_force=task_force, **form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"已将 {row.user} 加入专班。")
            return redirect("projects:task_force_detail", id=task_force.id)
    return render(request, "projects/task_force_detail.html", _detail_context(request, task_force, member_form=form),
                  status=400)


@require_POST
def task_force_member_remove(request: HttpRequest, id: int, user_id: int) -> HttpResponse:
    task_force = _managed(request, id)
    row = tf_selectors.task_force_members(task_force=task_force).filter(user_id=user_id).first()
    if row is None:
        raise NotVisible()
    member = row.user
    try:
        services.task_force_remove_member(user=request.user, task_force=task_force, member=member)
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已将 {member} 移出专班。")
    return redirect("projects:task_force_detail", id=task_force.id)


@require_POST
def task_force_close(request: HttpRequest, id: int) -> HttpResponse:
    task_force = _managed(request, id)
    form = CloseForm(request.POST)
    form.is_valid()
    try:
        services.task_force_close(user=request.user, task_force=task_force,
                                  reason=form.cleaned_data.get("reason", ""))
    except BusinessError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已撤销招商专班“{task_force.name}”。")
    return redirect("projects:task_force_detail", id=task_force.id)


def next_step_list(request: HttpRequest) -> HttpResponse:
    """我的下一步: the user's open next steps (or all on the projects they may see), overdue first."""
    _business_only(request)
    who = "unit" if request.GET.get("who") == "unit" else "mine"
    today = timezone.localdate()
    qs = tf_selectors.next_step_list(user=request.user, who=who, overdue_only=request.GET.get("overdue") == "1",
                                     today=today)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, template_for(request, "projects/task_force_next_steps.html", "results"),
                  {"page_obj": page, "who": who, "today": today})
