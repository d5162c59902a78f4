"""The citizen's case page: a GET form (tracking number + query code) and the answer."""

from __future__ import annotations

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from govportal.core.cases.selectors import TooManyAttempts, case_for_citizen, citizen_view
from govportal.core.errors import NotFound


def client_key(request) -> str:
    """Who is asking, for rate limits: the connecting address — or, when that is one of our
    own proxies (`TRUSTED_PROXIES`, e.g. the nginx of `make serve`), the address the proxy
    saw (`X-Real-IP`, which nginx sets and a client cannot pass through it)."""
    remote = request.META.get("REMOTE_ADDR", "")
    if remote and remote in settings.GOVPORTAL_TRUSTED_PROXIES:
        real = request.META.get("HTTP_X_REAL_IP", "").strip()
        if real:
            return real
    return remote or "unknown"


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
