"""Maps the application error hierarchy to HTML for public and staff views.

A view that lets a `GovPortalError` escape gets the shared error page in the chrome of the
site asked for, with the error's Chinese message and its status code (400/403/404/409) —
never a 500. The API has its own handler (`govportal.api.errors`); views that want to show
the error inside their own form (re-rendering what the citizen typed) catch it themselves.
"""

from __future__ import annotations

from django.shortcuts import render

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
