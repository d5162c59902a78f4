"""The citizen's case page: a GET form (tracking number + query code) and the answer."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from govportal.core.cases.selectors import TooManyAttempts, case_for_citizen, citizen_view
from govportal.core.errors import NotFound


def client_key(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def case_lookup(request):
    number = request.GET.get("tracking_number", "").strip()
    code = request.GET.get("query_code", "").strip()
    context = {"tracking_number": number, "view": None, "error": None}
    status = 200
    if number or code:
        try:
            case = case_for_citizen(tracking_number=number, query_code=code, client=client_key(request))
            context["view"] = citizen_view(case)
        except (NotFound, TooManyAttempts) as exc:
            context["error"] = exc.message
            status = exc.status_code
    context["page_title"] = _("办件查询")
    response = TemplateResponse(request, "core/cases/lookup.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
