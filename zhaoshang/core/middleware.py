"""Turn a BusinessError that escaped a view into a readable 4xx page, never a 500."""

from __future__ import annotations

from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .errors import BusinessError


class BusinessErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, IntegrityError):
            exception = BusinessError("数据与已有记录冲突（可能重复），未保存任何内容。", status=409)
        if not isinstance(exception, BusinessError):
            return None
        if request.headers.get("Accept", "").startswith("application/json") or request.path.startswith("/api/"):
            return JsonResponse({"error": exception.message}, status=exception.status)
        template = "404.html" if exception.status == 404 else "errors/business_error.html"
        return render(request, template, {"message": exception.message}, status=exception.status)


class LanguageMiddleware:
    """Chinese unless the user chose otherwise: the browser's Accept-Language is ignored, because
    an intranet PC with an English browser must still show the platform in Chinese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):  # restored afterwards: no language leaks between requests
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
