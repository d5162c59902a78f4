"""Maps the application error hierarchy to HTML for public and staff views.

A view that lets a `GovPortalError` escape gets the shared error page in the chrome of the
site asked for, with the error's Chinese message and its status code (400/403/404/409) —
never a 500. The API has its own handler (`govportal.api.errors`); views that want to show
the error inside their own form (re-rendering what the citizen typed) catch it themselves.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import Resolver404, get_resolver

from govportal.core.errors import GovPortalError


class GovPortalErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, GovPortalError):
            return None
        response = render(
            request,
            "error.html",
            {"page": None, "error": exception, "status": exception.status_code},
            status=exception.status_code,
        )
        response["Cache-Control"] = "private, no-store"
        return response


class NotFoundPageMiddleware:
    """With DEBUG on (the embedded default of `make run`), a page that does not exist still
    gets the project's own Chinese 404 page (``handler404``, in the asked site's chrome) —
    not Django's technical "Page not found" listing every URL pattern (issue 19). DEBUG off
    (production, tests), Django calls ``handler404`` itself and this does nothing.

    Two ways to a 404: no URL pattern matches (checked here before the view, as Django's
    resolver would), or a view raises Http404 (Wagtail's page serving, get_object_or_404).
    Placed after CommonMiddleware and Wagtail's redirects, so a missing slash and a
    configured redirect still win. The API's 404s are JSON responses, not exceptions, and
    pass through unchanged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            try:
                get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
            except Resolver404 as exc:
                return self._page(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return self._page(request, exception)
        return None

    @staticmethod
    def _page(request, exception):
        handler = get_resolver(getattr(request, "urlconf", None)).resolve_error_handler(404)
        return handler(request, exception)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def request_has_nul(request) -> bool:
    """A NUL byte anywhere a view might read it: the path, the query string, the cookies, a
    form field or a JSON body. File contents are not read here (uploads are checked by type)."""
    import json

    if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
        return True
    if _has_nul(dict(request.GET.lists())) or _has_nul(request.COOKIES):
        return True
    if request.method not in ("POST", "PUT", "PATCH"):
        return False
    content_type = request.content_type or ""
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        names = [f.name for files in request.FILES.lists() for f in files[1]]
        return _has_nul(dict(request.POST.lists())) or _has_nul(names)
    if content_type.endswith("json"):
        try:
            return _has_nul(json.loads(request.body))
        except ValueError:
            return b"\x00" in request.body
    return False


class RefuseNulMiddleware:
    """400 with a Chinese message for any request carrying a NUL byte (issue 15).

    A backstop at the edge: PostgreSQL refuses NUL in any text (a 500 from the first query
    that sees it), and no citizen types one. The citizen-input fields strip other control
    characters (`govportal.core.citizen_input`); NUL is refused before any view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_has_nul(request):
            from django.http import HttpResponseBadRequest, JsonResponse
            from django.utils.html import escape
            from django.utils.translation import gettext as _

            message = _("请求中含有不允许的空字符（NUL），请检查后重新提交。")

            if request.path.startswith("/api/"):
                response = JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})
            else:
                response = HttpResponseBadRequest(
                    f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{escape(_("请求有误"))}</title>'
                    f"<h1>{escape(_('请求有误'))}</h1><p>{escape(message)}</p></html>",
                    content_type="text/html; charset=utf-8",
                )
            response["Cache-Control"] = "private, no-store"
            return response
        return self.get_response(request)
