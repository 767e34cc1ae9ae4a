"""Every page needs a login, except the login page itself and static assets."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/accounts/login/", "/static/", "/i18n/", "/healthz")


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            if request.path.startswith("/api/"):
                from django.http import JsonResponse

                return JsonResponse({"error": "未登录或会话已超时"}, status=401)
            login = reverse(settings.LOGIN_URL)
            return redirect(f"{login}?next={request.get_full_path()}")
        return self.get_response(request)
