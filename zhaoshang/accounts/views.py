from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhaoshang.core.errors import BusinessError, NotVisible

from . import selectors, services
from .enums import Role
from .forms import LoginForm, PasswordChangeForm, UserForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["failure_limit"] = settings.AXES_FAILURE_LIMIT
        ctx["timeout_minutes"] = settings.SESSION_COOKIE_AGE // 60
        return ctx


class LogoutView(auth_views.LogoutView):
    pass


def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not request.user.check_password(form.cleaned_data["old_password"]):
            form.add_error("old_password", "当前密码不正确")
        else:
            try:
                services.user_set_password(user=request.user, password=form.cleaned_data["new_password"])
            except BusinessError as exc:
                form.add_error("new_password", exc.message)
            else:
                update_session_auth_hash(request, request.user)
                messages.success(request, "密码已修改。")
                return redirect("home")
    return render(request, "accounts/password_change.html", {"form": form})


def _require(flag: bool) -> None:
    if not flag:
        raise PermissionDenied


def user_list(request: HttpRequest) -> HttpResponse:
    _require(request.user.manages_accounts or request.user.manages_security)
    qs = selectors.user_list(user=request.user, filters=request.GET)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page_obj": page, "roles": Role.choices})


def user_create(request: HttpRequest) -> HttpResponse:
    _require(request.user.manages_accounts)
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data.get("password"):
            form.add_error("password", "新建用户必须设置初始密码")
        else:
            try:
                user = services.user_create(
                    username=data["username"], full_name=data["full_name"], role=data["role"],
                    unit=data["unit"], password=data["password"], title=data["title"], phone=data["phone"],
                    email=data["email"])
            except BusinessError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, f"已创建用户“{user.full_name}”（{user.get_role_display()}）。")
                return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": "新建用户"})


def user_edit(request: HttpRequest, id: int) -> HttpResponse:
    _require(request.user.manages_accounts)
    target = selectors.user_get(user=request.user, id=id)
    initial = {"username": target.username, "full_name": target.full_name, "role": target.role,
               "unit": target.unit, "title": target.title, "phone": target.phone, "email": target.email,
               "is_active": target.is_active}
    form = UserForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(user=target, full_name=data["full_name"], role=data["role"], unit=data["unit"],
                                 title=data["title"], phone=data["phone"], email=data["email"],
                                 is_active=data["is_active"])
            if data.get("password"):
                services.user_set_password(user=target, password=data["password"])
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已保存用户“{target.full_name}”。")
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "title": f"编辑用户：{target.full_name}"})


def security(request: HttpRequest) -> HttpResponse:
    """Security administrator: who is locked out, recent failed logins, the policy in force."""
    _require(request.user.manages_security)
    locked = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    failures = AccessFailureLog.objects.order_by("-attempt_time")[:50]
    policy = {
        "密码最短长度": settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"],
        "密码复杂度": "大写字母、小写字母、数字、特殊字符中至少 3 类",
        "连续失败锁定次数": settings.AXES_FAILURE_LIMIT,
        "锁定时长（分钟）": int(settings.AXES_COOLOFF_TIME * 60),
        "会话超时（分钟）": settings.SESSION_COOKIE_AGE // 60,
    }
    return render(request, "accounts/security.html", {"locked": locked, "failures": failures, "policy": policy})


@require_POST
def unlock(request: HttpRequest) -> HttpResponse:
    _require(request.user.manages_security)
    username = request.POST.get("username", "")
    count = reset(username=username)
    messages.success(request, f"已解除账号“{username}”的锁定（清除 {count} 条记录）。")
    return redirect("accounts:security")


def notification_list(request: HttpRequest) -> HttpResponse:
    """Everyone's own in-app notifications (the bell in the header)."""
    qs = selectors.notification_list(user=request.user, unread_only=request.GET.get("unread") == "1")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "accounts/notification_list.html", {"page_obj": page})


@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (and follow its link) or all of them read."""
    raw = request.POST.get("id", "")
    if not raw.isdigit():
        count = services.notification_mark_read(user=request.user)
        messages.success(request, f"已将 {count} 条通知标为已读。")
        return redirect("accounts:notifications")
    notification = selectors.notification_list(user=request.user).filter(id=int(raw)).first()
    if notification is None:
        raise NotVisible()
    services.notification_mark_read(user=request.user, ids=[notification.id])
    # Only our own paths are followed: a notification can never send anyone off-site.
    if notification.url.startswith("/") and not notification.url.startswith("//"):
        return redirect(notification.url)
    return redirect("accounts:notifications")
