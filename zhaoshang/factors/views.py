"""Pages of factor guarantees: thin views — parse, one selector or service, render."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.htmx import template_for
from zhaoshang.organizations.enums import UnitKind
from zhaoshang.organizations.models import Unit
from zhaoshang.organizations.selectors import unit_list, visible_unit_ids
from zhaoshang.projects.selectors import project_get, project_queryset

from . import selectors, services
from .attachments import content_type_for
from .enums import OPEN_STATUSES, FactorKind, RequestStatus, SiteKind, SiteStatus, Urgency
from .exports import factor_request_ledger_xlsx
from .forms import (
    ACTION_LABELS,
    CalendarDayForm,
    FactorRequestForm,
    JointReviewForm,
    ReassignForm,
    RoutingForm,
    SiteForm,
    StepForm,
)


def _business_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def _require(flag: bool) -> None:
    if not flag:
        raise PermissionDenied


def _form_error(form, exc: BusinessError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _filter_units(user):
    """Units offered in the 'project unit' filter: a department officer's requests come from anywhere."""
    kinds = [UnitKind.DISTRICT, UnitKind.ZONE, UnitKind.PARK]
    if user.is_city_level or user.handles_factor_requests:
        return Unit.objects.filter(kind__in=kinds, is_active=True).order_by("path")
    return unit_list(user=user, kinds=kinds)


# ---------------------------------------------------------------- requests

def request_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    qs = selectors.factor_request_list(user=request.user, filters=request.GET, sort=request.GET.get("sort"),
                                       today=timezone.localdate())
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "statuses": RequestStatus.choices, "kinds": FactorKind.choices,
           "urgencies": Urgency.choices, "departments": selectors.department_units(),
           "units": _filter_units(request.user)}
    return render(request, template_for(request, "factors/request_list.html", "results"), ctx)


def request_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as a 台账 .xlsx — the same selector as the page, so the same scope."""
    _business_only(request)
    today = timezone.localdate()
    qs = selectors.factor_request_list(user=request.user, filters=request.GET, sort=request.GET.get("sort"),
                                       today=today)
    content = factor_request_ledger_xlsx(qs.iterator(chunk_size=2000),
                                         title=f"{request.user.unit}要素保障台账（{today:%Y年%m月%d日}导出）")
    response = HttpResponse(content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=factor-requests-{today:%Y%m%d}.xlsx"
    return response


def request_create(request: HttpRequest) -> HttpResponse:
    """为项目提出要素需求: the project picker lists the projects the user may raise requests on."""
    _require(request.user.raises_factor_requests)
    initial = {"needed_by": timezone.localdate() + timedelta(days=30), "urgency": Urgency.NORMAL,
               "project": request.GET.get("project"), "kind": request.GET.get("kind") or FactorKind.LAND}
    form = FactorRequestForm(request.POST or None, request.FILES or None, initial=initial,
                             projects=selectors.raisable_projects(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            created = services.factor_request_submit(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"已提出需求 {created.code}，由{created.department}办理，"
                                      f"期限 {created.due_on:%Y-%m-%d}。")
            return redirect("factors:detail", id=created.id)
    return render(request, "factors/request_form.html", {"form": form}, status=400 if form.errors else 200)


def _detail_context(request: HttpRequest, fr, failed: tuple[str, object] | None = None) -> dict:
    user = request.user
    actions = selectors.request_actions(user=user, request=fr)
    forms = {}
    for action in actions:
        if failed and failed[0] == action:
            forms[action] = failed[1]
        elif action == "reassign":
            forms[action] = ReassignForm(departments=selectors.department_units().exclude(pk=fr.department_id))
        else:
            forms[action] = StepForm(action=action, auto_id=f"id_{action}_%s")
    need = selectors.need_of_request(fr)
    return {
        "fr": fr, "steps": selectors.request_steps(request=fr), "today": timezone.localdate(),
        "failed_action": failed[0] if failed else None,
        "action_forms": [(a, ACTION_LABELS[a][0], forms[a]) for a in actions],
        "can_open_project": not user.handles_factor_requests,
        "matches": selectors.site_matches(user=user, need=need, limit=5) if need and fr.is_open else [],
        "joint_reviews": selectors.joint_review_queryset(user=user).filter(requests=fr).order_by("-held_on"),
        "working_days_left": selectors.work_calendar().working_days_between(timezone.localdate(), fr.due_on),
    }


def request_detail(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    fr = selectors.factor_request_get(user=request.user, id=id)
    return render(request, "factors/request_detail.html", _detail_context(request, fr))


ACTION_SERVICES = {
    "accept": (services.factor_request_accept, "text"),
    "ask_info": (services.factor_request_ask_info, "text"),
    "answer": (services.factor_request_answer, "text"),
    "resolve": (services.factor_request_resolve, "outcome"),
    "decline": (services.factor_request_decline, "reason"),
    "withdraw": (services.factor_request_withdraw, "text"),
    "comment": (services.factor_request_comment, "text"),
}
ACTION_DONE = {"accept": "已受理", "ask_info": "已要求补充材料，办理时限暂停计算", "answer": "已提交补充材料",
               "resolve": "已办结", "decline": "已退回", "withdraw": "已撤回", "comment": "已留言",
               "reassign": "已改派"}


def request_act(request: HttpRequest, id: int, action: str) -> HttpResponse:
    """One action on a request (POST): the action names the service; errors come back on the page."""
    if request.method != "POST":
        return redirect("factors:detail", id=id)
    _business_only(request)
    if action not in ACTION_SERVICES and action != "reassign":
        raise Http404
    fr = selectors.factor_request_get(user=request.user, id=id)
    if action == "reassign":
        form = ReassignForm(request.POST, departments=selectors.department_units())
    else:
        form = StepForm(request.POST, request.FILES, action=action, auto_id=f"id_{action}_%s")
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if action == "reassign":
                services.factor_request_reassign(user=request.user, request=fr, **data)
            else:
                service, text_arg = ACTION_SERVICES[action]
                kwargs = {text_arg: data.pop("text")}
                if "files" in data:
                    kwargs["files"] = data["files"]
                service(user=request.user, request=fr, **kwargs)
        except BusinessError as exc:
            if exc.status in (403, 404):
                raise
            _form_error(form, exc)
        else:
            messages.success(request, f"{fr.code}：{ACTION_DONE[action]}。")
            return redirect("factors:detail", id=id)
    fr = selectors.factor_request_get(user=request.user, id=id)
    ctx = _detail_context(request, fr, failed=(action, form))
    return render(request, "factors/request_detail.html", ctx, status=400)


def attachment_download(request: HttpRequest, id: int, attachment_id: int) -> FileResponse:
    """Files leave only through here, after the request's scope check; always as a download."""
    _business_only(request)
    attachment = selectors.attachment_get(user=request.user, request_id=id, id=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise BusinessError("附件文件已不存在，请联系系统管理员", status=404) from exc
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name,
                            content_type=content_type_for(attachment.extension))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def escalation_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    qs = selectors.escalation_list(user=request.user, filters=request.GET, today=timezone.localdate())
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "factors/escalation_list.html", {"page_obj": page, "today": timezone.localdate()})


# ---------------------------------------------------------------- routing and calendar

def routing(request: HttpRequest) -> HttpResponse:
    """The routing table: everyone reads it (who answers what, in how long); the city admin edits it."""
    _business_only(request)
    rows = selectors.routing_table()
    form = None
    if request.user.manages_factor_routing:
        form = RoutingForm(request.POST or None, rows=rows, departments=selectors.department_units())
        if request.method == "POST" and form.is_valid():
            try:
                changed = services.routing_table_update(user=request.user,
                                                        rows=form.rows([r.kind for r in rows]))
            except BusinessError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, f"已保存分办规则（{changed} 项有变化），对此后提出的需求生效。")
                return redirect("factors:routing")
    elif request.method == "POST":
        raise PermissionDenied
    today = timezone.localdate()
    form_rows = [(r, form[f"department_{r.kind}"], form[f"days_{r.kind}"], form[f"note_{r.kind}"])
                 for r in rows] if form else []
    ctx = {"rows": rows, "form": form, "form_rows": form_rows, "calendar_form": CalendarDayForm(),
           "calendar_days": selectors.calendar_day_list(since=today.replace(month=1, day=1))}
    return render(request, "factors/routing.html", ctx)


@require_POST
def calendar_day(request: HttpRequest) -> HttpResponse:
    _require(request.user.manages_factor_routing)
    if request.POST.get("delete"):
        form = CalendarDayForm({"day": request.POST["delete"], "is_working_day": "0"})
        if form.is_valid():
            services.calendar_day_delete(user=request.user, day=form.cleaned_data["day"])
            messages.success(request, f"已删除 {form.cleaned_data['day']:%Y-%m-%d} 的节假日调整。")
        return redirect("factors:routing")
    form = CalendarDayForm(request.POST)
    if form.is_valid():
        try:
            entry = services.calendar_day_set(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已记录 {entry.day:%Y-%m-%d}："
                                      f"{'调休上班' if entry.is_working_day else '放假'}。")
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("factors:routing")


# ---------------------------------------------------------------- sites

def site_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    qs = selectors.site_list(user=request.user, filters=request.GET, sort=request.GET.get("sort"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "kinds": SiteKind.choices, "statuses": SiteStatus.choices,
           "units": Unit.objects.filter(kind__in=services.SITE_UNIT_KINDS, is_active=True).order_by("path"),
           "editable_units": set(visible_unit_ids(user=request.user)) if request.user.manages_sites else set()}
    return render(request, template_for(request, "factors/site_list.html", "results"), ctx)


def _site_form(request: HttpRequest, initial: dict | None = None) -> SiteForm:
    units = unit_list(user=request.user, kinds=list(services.SITE_UNIT_KINDS))
    projects = project_queryset(user=request.user).exclude(stage="dropped").order_by("name")
    return SiteForm(request.POST or None, initial=initial, units=units, projects=projects)


def site_create(request: HttpRequest) -> HttpResponse:
    _require(request.user.manages_sites)
    form = _site_form(request, initial={"status": SiteStatus.AVAILABLE, "unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            site = services.site_create(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"已发布载体“{site.name}”。")
            return redirect("factors:sites")
    return render(request, "factors/site_form.html", {"form": form, "title": "发布载体"})


def site_edit(request: HttpRequest, id: int) -> HttpResponse:
    _require(request.user.manages_sites)
    site = selectors.site_get(user=request.user, id=id)
    _require(selectors.site_editable(user=request.user, site=site))
    form = _site_form(request, initial={f: getattr(site, f) for f in services.SITE_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(user=request.user, site=site, data=form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"已保存载体“{site.name}”。")
            return redirect("factors:sites")
    return render(request, "factors/site_form.html", {"form": form, "title": f"编辑载体：{site.name}"})


def site_match(request: HttpRequest) -> HttpResponse:
    """Sites for a request's space need (?request=) or a project's land need (?project=)."""
    _business_only(request)
    fr = project = need = None
    if request.GET.get("request", "").isdigit():
        fr = selectors.factor_request_get(user=request.user, id=int(request.GET["request"]))
        need = selectors.need_of_request(fr)
    elif request.GET.get("project", "").isdigit():
        project = project_get(user=request.user, id=int(request.GET["project"]))
        need = selectors.need_of_project(project)
    matches = selectors.site_matches(user=request.user, need=need) if need else []
    ctx = {"fr": fr, "project": project, "need": need, "matches": matches,
           "open_land_requests": selectors.factor_request_list(
               user=request.user, filters={"kind": FactorKind.LAND, "status": "open"},
               today=timezone.localdate())[:50] if need is None else []}
    return render(request, "factors/site_match.html", ctx)


# ---------------------------------------------------------------- department record

def record(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    today = timezone.localdate()
    kind = request.GET.get("period") if request.GET.get("period") in selectors.PERIODS else "year"
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else today.year
    default_number = today.month if kind == "month" else (today.month - 1) // 3 + 1
    number = int(request.GET["n"]) if request.GET.get("n", "").isdigit() else default_number
    period = selectors.record_period(kind=kind, year=min(max(year, 2000), 2100), number=number)
    rows = selectors.department_record(user=request.user, period=period, today=today)
    chart = {"names": [str(r.department) for r in rows],
             "on_time": [float(r.on_time_pct) if r.on_time_pct is not None else None for r in rows],
             "mean_days": [float(r.mean_days) if r.mean_days is not None else None for r in rows]}
    ctx = {"rows": rows, "period": period, "periods": selectors.PERIODS, "chart": chart,
           "years": range(today.year - 3, today.year + 1), "months": range(1, 13), "quarters": range(1, 5)}
    return render(request, "factors/record.html", ctx)


# ---------------------------------------------------------------- joint reviews

def joint_review_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    page = Paginator(selectors.joint_review_list(user=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "factors/joint_review_list.html", {"page_obj": page})


def joint_review_create(request: HttpRequest) -> HttpResponse:
    _require(request.user.manages_factor_routing)
    open_requests = (selectors.factor_request_queryset(user=request.user).filter(status__in=OPEN_STATUSES)
                     .select_related("department").order_by("-submitted_on"))
    initial = {"held_on": timezone.localdate(), "requests": request.GET.getlist("request")}
    form = JointReviewForm(request.POST or None, initial=initial, departments=selectors.department_units(),
                           requests=open_requests)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.joint_review_create(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, f"已登记联审“{review.title}”。")
            return redirect("factors:joint_review_detail", id=review.id)
    return render(request, "factors/joint_review_form.html", {"form": form})


def joint_review_detail(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    review = selectors.joint_review_get(user=request.user, id=id)
    ctx = {"review": review, "requests": selectors.joint_review_requests(user=request.user, review=review)}
    return render(request, "factors/joint_review_detail.html", ctx)
