"""领导招商 pages: leaders' activities (list, Excel, form) and the 一把手招商 statistics."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.htmx import template_for
from zhaoshang.organizations.selectors import unit_list

from .. import selectors, services
from .. import selectors_leaders as la_selectors
from ..enums import LeaderActivityKind
from ..forms_task_forces import LeaderActivityForm
from ..services.leaders import LEADER_ACTIVITY_FIELDS


def _business_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def _filter_context(request: HttpRequest) -> dict:
    return {"kinds": LeaderActivityKind.choices, "units": unit_list(user=request.user),
            "leader_names": la_selectors.leader_names(user=request.user)}


def leader_activity_list(request: HttpRequest) -> HttpResponse:
    _business_only(request)
    qs = la_selectors.leader_activity_list(user=request.user, filters=request.GET).prefetch_related("projects")
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, **_filter_context(request)}
    return render(request, template_for(request, "projects/leader_activity_list.html", "results"), ctx)


COLUMNS = [("日期", 12), ("类型", 10), ("领导", 10), ("职务", 16), ("所属单位", 14), ("地点", 16),
           ("对接企业/机构", 36), ("成果", 40), ("相关项目", 36), ("录入人", 10), ("演示数据", 8)]


def leader_activity_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as .xlsx with Chinese headers — the same selector as the page, so the same scope."""
    _business_only(request)
    qs = la_selectors.leader_activity_list(user=request.user, filters=request.GET).prefetch_related("projects")
    today = timezone.localdate()
    wb = Workbook()
    ws = wb.active
    ws.title = "领导招商活动"
    ws.append([f"领导招商活动（{today:%Y年%m月%d日}导出）"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([name for name, _ in COLUMNS])
    for i, (_, width) in enumerate(COLUMNS, start=1):
        ws.cell(row=2, column=i).font = Font(bold=True)
        ws.cell(row=2, column=i).fill = PatternFill("solid", fgColor="DDEBF7")
        ws.column_dimensions[get_column_letter(i)].width = width
    for a in qs:
        ws.append([a.happened_on, a.get_kind_display(), a.leader_name, a.leader_title, str(a.unit), a.place,
                   a.counterparts, a.summary, "、".join(p.name for p in a.projects.all()),
                   str(a.created_by) if a.created_by_id else "", "是" if a.is_demo else ""])
    for (cell,) in ws.iter_rows(min_row=3, max_col=1):
        cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A3"
    buf = BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f"attachment; filename=leader-activities-{today:%Y%m%d}.xlsx"
    return response


def _form(request: HttpRequest, activity=None) -> LeaderActivityForm:
    user = request.user
    selected = list(activity.projects.all()) if activity else []
    initial = ({f: getattr(activity, f) for f in LEADER_ACTIVITY_FIELDS} | {"projects": selected}
               if activity else {"happened_on": timezone.localdate(), "unit": user.unit_id})
    return LeaderActivityForm(request.POST or None, initial=initial, units=unit_list(user=user),
                              leaders=la_selectors.leader_accounts(),
                              projects=selectors.project_queryset(user=user).select_related("unit"),
                              selected_projects=selected)


def leader_activity_create(request: HttpRequest) -> HttpResponse:
    if not request.user.records_leader_activities:
        raise PermissionDenied
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.leader_activity_create(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已录入 {activity.leader_name} 的{activity.get_kind_display()}活动。")
            return redirect("projects:leader_activity_list")
    return render(request, "projects/leader_activity_form.html", {"form": form}, status=400 if form.errors else 200)


def leader_activity_edit(request: HttpRequest, id: int) -> HttpResponse:
    _business_only(request)
    activity = la_selectors.leader_activity_get(user=request.user, id=id)
    if not request.user.records_leader_activities:
        raise PermissionDenied
    form = _form(request, activity)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        projects = data.pop("projects")
        try:
            services.leader_activity_update(user=request.user, activity=activity, data=data, projects=projects)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存修改。")
            return redirect("projects:leader_activity_list")
    return render(request, "projects/leader_activity_form.html", {"form": form, "activity": activity},
                  status=400 if form.errors else 200)


def leader_stats(request: HttpRequest) -> HttpResponse:
    """一把手招商: visits and receptions per leader and per unit for this month, this year or a period."""
    _business_only(request)
    today = timezone.localdate()
    period = request.GET.get("period", "")
    period = period if period in ("month", "year", "custom") else "year"
    date_from, date_to = la_selectors.period_bounds(
        period=period, today=today, date_from=la_selectors.parse_day(request.GET.get("date_from")),
        date_to=la_selectors.parse_day(request.GET.get("date_to")))
    unit = None
    if str(request.GET.get("unit", "")).isdigit():
        unit = unit_list(user=request.user).filter(id=int(request.GET["unit"])).first()
    stats = la_selectors.leader_activity_stats(user=request.user, date_from=date_from, date_to=date_to, unit=unit)
    ctx = {"stats": stats, "chart": la_selectors.leader_stats_chart(stats), "period": period, "unit": unit,
           "units": unit_list(user=request.user), "today": today}
    return render(request, "projects/leader_stats.html", ctx)
