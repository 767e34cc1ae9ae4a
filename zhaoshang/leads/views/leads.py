"""Pages of leads: the list (filters, sorting, export), entry, and the lead page with its timeline,
研判, conversion, rejection, feedback and hand-over."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.htmx import template_for

from .. import selectors, services
from ..enums import AssessmentDimension, ChannelKind, LeadStatus
from ..forms import (
    AssessForm,
    AttachProjectForm,
    ConvertForm,
    DeadlineForm,
    FeedbackForm,
    LeadForm,
    ReasonForm,
    TransferForm,
    business_units,
)
from ..models import Lead
from ..services.leads import EDITABLE_FIELDS


def business_only(request: HttpRequest) -> None:
    if not request.user.sees_business_data:
        raise PermissionDenied


def writers_only(request: HttpRequest) -> None:
    if not request.user.writes_business_data:
        raise PermissionDenied


def form_error(form, exc: BusinessError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def lead_list(request: HttpRequest) -> HttpResponse:
    business_only(request)
    qs = selectors.lead_list(user=request.user, filters=request.GET, sort=request.GET.get("sort"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "statuses": LeadStatus.choices, "kinds": ChannelKind.choices,
           "channels": selectors.channel_queryset(user=request.user).filter(is_active=True).order_by("name"),
           "units": business_units(request.user)}
    return render(request, template_for(request, "leads/lead_list.html", "results"), ctx)


def lead_export(request: HttpRequest) -> HttpResponse:
    business_only(request)
    from ..exports import lead_export_response

    return lead_export_response(user=request.user, params=request.GET.dict())


def _lead_data(form) -> dict:
    data = dict(form.cleaned_data)
    for key in ("industry", "planned_timing"):
        data[key] = data.get(key) or ""
    return data


def lead_create(request: HttpRequest) -> HttpResponse:
    writers_only(request)
    form = LeadForm(request.POST or None, user=request.user,
                    initial={"received_on": timezone.localdate(), "unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        data = _lead_data(form)
        try:
            lead = services.lead_create(user=request.user, **data)
        except BusinessError as exc:
            form_error(form, exc)
        else:
            conflicts = selectors.conflicts_for(user=request.user, lead=lead)
            if conflicts:
                others = "、".join(p.unit.display_name for c in conflicts for p in c.parties.all()
                                  if p.unit_id != lead.unit_id and not lead.unit.path.startswith(p.unit.path))
                messages.warning(request, f"重复招商提醒：“{lead.firm.name}”{others or '其他单位'}也在跟进，"
                                          "已通知市级招商管理员裁定归属。")
            messages.success(request, f"线索 {lead.code} 已录入。")
            return redirect("leads:detail", id=lead.id)
    return render(request, "leads/lead_form.html", {"form": form, "title": "录入线索"},
                  status=400 if form.errors else 200)


def lead_edit(request: HttpRequest, id: int) -> HttpResponse:
    writers_only(request)
    lead = selectors.lead_get(user=request.user, id=id)
    initial = {f: getattr(lead, f) for f in EDITABLE_FIELDS}
    form = LeadForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in _lead_data(form).items() if k in EDITABLE_FIELDS}
        try:
            _, changed = services.lead_update(user=request.user, lead=lead, data=data)
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "已保存。" if changed else "没有修改。")
            return redirect("leads:detail", id=lead.id)
    return render(request, "leads/lead_form.html", {"form": form, "title": f"修改线索 {lead.code}", "lead": lead},
                  status=400 if form.errors else 200)


def _detail_context(request: HttpRequest, lead: Lead, **forms) -> dict:
    today = timezone.localdate()
    initial_name = f"{lead.firm_name}{lead.industry or ''}项目" if lead.firm_name else ""
    ratings = {a.dimension: a for a in lead.assessments.all()}
    ctx = {
        "lead": lead,
        "today": today,
        "events": selectors.lead_timeline(lead=lead),
        "assessments": [(d, ratings.get(d.value)) for d in AssessmentDimension],
        "overdue": selectors.lead_overdue_steps(lead, today),
        "conflicts": selectors.conflicts_for(user=request.user, lead=lead),
        "transfers": selectors.transfers_for(lead=lead),
        "can_write": request.user.writes_business_data,
        "assess_form": AssessForm(initial={**{f"rating_{d}": a.rating for d, a in ratings.items()},
                                           **{f"comment_{d}": a.comment for d, a in ratings.items()},
                                           "conclusion": lead.assessment_conclusion}),
        "reject_form": ReasonForm(),
        "feedback_form": FeedbackForm(initial={"on": today}),
        "convert_form": ConvertForm(initial={"name": initial_name[:200], "total_investment": lead.planned_investment}),
        "attach_form": AttachProjectForm(),
        "transfer_form": TransferForm(exclude_unit=lead.unit),
    }
    ctx.update(forms)
    return ctx


def lead_detail(request: HttpRequest, id: int) -> HttpResponse:
    business_only(request)
    lead = selectors.lead_get(user=request.user, id=id)
    return render(request, "leads/lead_detail.html", _detail_context(request, lead))


def _action(request: HttpRequest, id: int, *, run, form_class=None, form_key: str = "") -> HttpResponse:
    """POST a form of the lead page: run the service and confirm, or show the page again with errors (400)."""
    lead = selectors.lead_get(user=request.user, id=id)
    if request.method != "POST":
        return redirect("leads:detail", id=id)
    form = form_class(request.POST) if form_class else None
    if form is None or form.is_valid():
        try:
            message = run(lead, form)
        except BusinessError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("leads:detail", id=id)
            form_error(form, exc)
        else:
            messages.success(request, message)
            return redirect("leads:detail", id=id)
    lead = selectors.lead_get(user=request.user, id=id)
    return render(request, "leads/lead_detail.html", _detail_context(request, lead, **{form_key: form}), status=400)


def lead_acknowledge(request: HttpRequest, id: int) -> HttpResponse:
    def run(lead, form):
        services.lead_acknowledge(user=request.user, lead=lead)
        return "已受理。"
    return _action(request, id, run=run)


def lead_assess(request: HttpRequest, id: int) -> HttpResponse:
    def run(lead, form):
        services.lead_assess(user=request.user, lead=lead, ratings=form.ratings(),
                             conclusion=form.cleaned_data["conclusion"])
        return "研判已保存，线索有效。"
    return _action(request, id, run=run, form_class=AssessForm, form_key="assess_form")


def lead_reject(request: HttpRequest, id: int) -> HttpResponse:
    def run(lead, form):
        services.lead_reject(user=request.user, lead=lead, reason=form.cleaned_data["reason"])
        return "线索已否决。别忘了向推荐方反馈。"
    return _action(request, id, run=run, form_class=ReasonForm, form_key="reject_form")


def lead_feedback(request: HttpRequest, id: int) -> HttpResponse:
    def run(lead, form):
        services.lead_feedback(user=request.user, lead=lead, note=form.cleaned_data["note"],
                               on=form.cleaned_data.get("on"))
        return "已记录向推荐方的反馈。"
    return _action(request, id, run=run, form_class=FeedbackForm, form_key="feedback_form")


def lead_convert(request: HttpRequest, id: int) -> HttpResponse:
    def run(lead, form):
        data = form.cleaned_data
        lead = services.lead_convert(user=request.user, lead=lead, name=data["name"],
                                     total_investment=data["total_investment"], chain=data.get("chain") or "",
                                     description=data.get("description") or "")
        return f"已转为项目 {lead.project.code}。"
    return _action(request, id, run=run, form_class=ConvertForm, form_key="convert_form")


def lead_attach(request: HttpRequest, id: int) -> HttpResponse:
    def run(lead, form):
        from zhaoshang.projects.selectors import project_queryset

        code = form.cleaned_data["code"].strip()
        project = project_queryset(user=request.user).filter(code=code).first()
        if project is None:
            raise BusinessError(f"没有找到编号为 {code} 的项目（或无权查看）", field="code")
        services.lead_attach_project(user=request.user, lead=lead, project=project)
        return f"已关联项目 {project.code}。"
    return _action(request, id, run=run, form_class=AttachProjectForm, form_key="attach_form")


def lead_transfer(request: HttpRequest, id: int) -> HttpResponse:
    lead = selectors.lead_get(user=request.user, id=id)
    if request.method != "POST":
        return redirect("leads:detail", id=id)
    form = TransferForm(request.POST, exclude_unit=lead.unit)
    if form.is_valid():
        try:
            services.transfer_request(user=request.user, lead=lead, to_unit=form.cleaned_data["to_unit"],
                                      reason=form.cleaned_data["reason"])
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"已发起流转，等待{form.cleaned_data['to_unit']}接收。")
            return redirect("leads:detail", id=id)
    return render(request, "leads/lead_detail.html", _detail_context(request, lead, transfer_form=form), status=400)


def deadlines(request: HttpRequest) -> HttpResponse:
    """The response deadlines: everyone in the business reads them, the city admin changes them."""
    business_only(request)
    current = services.deadline_days()
    form = DeadlineForm(request.POST or None, initial=current)
    if request.method == "POST":
        if not request.user.is_city_admin:
            raise PermissionDenied
        if form.is_valid():
            try:
                n = services.response_deadline_set(user=request.user, days=form.cleaned_data)
            except BusinessError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"响应时限已保存，{n} 条在办线索的期限已重新计算。")
                return redirect("leads:deadlines")
    return render(request, "leads/deadlines.html", {"form": form, "current": current},
                  status=400 if form.errors else 200)
