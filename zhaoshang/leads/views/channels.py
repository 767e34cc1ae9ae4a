"""Pages of channels and their contacts; the logged "显示" of a contact's phone, e-mail or WeChat."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError
from zhaoshang.core.htmx import template_for

from .. import selectors, services
from ..enums import ChannelKind, ContactField, InstitutionOrigin
from ..forms import ChannelForm, ContactForm, business_units
from .leads import business_only, form_error, writers_only


def channel_list(request: HttpRequest) -> HttpResponse:
    business_only(request)
    qs = selectors.channel_list(user=request.user, filters=request.GET, sort=request.GET.get("sort"))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    ctx = {"page_obj": page, "kinds": ChannelKind.choices, "origins": InstitutionOrigin.choices,
           "units": business_units(request.user)}
    return render(request, template_for(request, "leads/channel_list.html", "results"), ctx)


def channel_create(request: HttpRequest) -> HttpResponse:
    writers_only(request)
    form = ChannelForm(request.POST or None, user=request.user, initial={"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            channel = services.channel_create(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"渠道“{channel}”已登记，可以继续添加联系人。")
            return redirect("leads:channel_detail", id=channel.id)
    return render(request, "leads/channel_form.html", {"form": form, "title": "登记渠道"},
                  status=400 if form.errors else 200)


def channel_edit(request: HttpRequest, id: int) -> HttpResponse:
    writers_only(request)
    channel = selectors.channel_get(user=request.user, id=id)
    initial = {f: getattr(channel, f) for f in services.channels.CHANNEL_FIELDS}
    form = ChannelForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_update(user=request.user, channel=channel, data=dict(form.cleaned_data))
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("leads:channel_detail", id=channel.id)
    return render(request, "leads/channel_form.html", {"form": form, "title": f"修改渠道：{channel}", "channel": channel},
                  status=400 if form.errors else 200)


def channel_detail(request: HttpRequest, id: int) -> HttpResponse:
    business_only(request)
    channel = selectors.channel_get(user=request.user, id=id)
    leads = selectors.lead_list(user=request.user, filters={"channel": str(channel.pk)})
    ctx = {"channel": channel, "contacts": selectors.contact_list(user=request.user, channel=channel),
           "leads": leads[:20], "lead_count": leads.count(), "contact_form": ContactForm(),
           "can_edit": request.user.writes_business_data and (channel.unit_id or request.user.is_city_admin),
           "fields": ContactField}
    return render(request, "leads/channel_detail.html", ctx)


def contact_create(request: HttpRequest, id: int) -> HttpResponse:
    business_only(request)
    channel = selectors.channel_get(user=request.user, id=id)
    if request.method != "POST":
        return redirect("leads:channel_detail", id=id)
    form = ContactForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("is_active", None)
        try:
            services.contact_create(user=request.user, channel=channel, **data)
        except BusinessError as exc:
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            form_error(form, exc)
        else:
            messages.success(request, "联系人已添加。")
            return redirect("leads:channel_detail", id=id)
    ctx = {"channel": channel, "contacts": selectors.contact_list(user=request.user, channel=channel),
           "leads": [], "lead_count": 0, "contact_form": form, "can_edit": True, "fields": ContactField}
    return render(request, "leads/channel_detail.html", ctx, status=400)


def contact_edit(request: HttpRequest, id: int) -> HttpResponse:
    writers_only(request)
    contact = selectors.contact_get(user=request.user, id=id)
    if not request.user.sees_personal_data:
        raise PermissionDenied
    form = ContactForm(request.POST or None, initial={f: getattr(contact, f) for f in services.channels.CONTACT_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(user=request.user, contact=contact, data=dict(form.cleaned_data))
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "联系人已保存。")
            return redirect("leads:channel_detail", id=contact.channel_id)
    return render(request, "leads/contact_form.html", {"form": form, "contact": contact},
                  status=400 if form.errors else 200)


@require_POST
def contact_reveal(request: HttpRequest, id: int, field: str) -> HttpResponse:
    """htmx: the unmasked value in place of the masked one; every call is logged (ContactReveal)."""
    business_only(request)
    contact = selectors.contact_get(user=request.user, id=id)
    try:
        value = services.contact_reveal(user=request.user, contact=contact, field=field)
    except BusinessError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        raise
    return HttpResponse(format_html('<span class="text-reset" data-testid="revealed-{}">{}</span>', field,
                                    value or "—"))
