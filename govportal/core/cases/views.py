"""The citizen's case page (/cases/): tracking number + query code by POST, then
POST-redirect-GET to ``?tracking_number=`` — the proof (that this browser gave the right
code) is kept in the session, so the code is never in a URL, a log, the history or a
Referer. An old link with ``query_code`` in it is checked once and redirected the same way.

`remember_proof` / `has_proof` are the kernel's one record of "this session proved the
code of that case", for the areas' status pages too."""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govportal.core.antiabuse.guard import client_key  # noqa: F401 — the old import path
from govportal.core.cases.models import Case
from govportal.core.cases.selectors import case_for_citizen, citizen_view
from govportal.core.errors import GovPortalError

PROOFS = "case_proofs"
MAX_PROOFS = 20


def remember_proof(request, tracking_number: str) -> None:
    proofs = [n for n in request.session.get(PROOFS, []) if n != tracking_number]
    request.session[PROOFS] = [*proofs[-(MAX_PROOFS - 1) :], tracking_number]


def has_proof(request, tracking_number: str) -> bool:
    return (tracking_number or "").strip().upper() in request.session.get(PROOFS, [])


def lookup_redirect(viewname: str, tracking_number: str):
    return redirect(reverse(viewname) + "?" + urlencode({"tracking_number": tracking_number}), permanent=False)


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def case_lookup(request):
    data = request.POST if request.method == "POST" else request.GET
    number = data.get("tracking_number", "").strip().upper()[:32]
    code = data.get("query_code", "").strip()
    context = {"tracking_number": number, "view": None, "error": None, "page_title": _("办件查询")}
    status = 200
    if request.method == "POST" or code:
        try:
            case = case_for_citizen(tracking_number=number, query_code=code, client=client_key(request))
        except GovPortalError as exc:
            context["error"] = exc.message
            status = exc.status_code
        else:
            remember_proof(request, case.tracking_number)
            return _private(lookup_redirect("cases:lookup", case.tracking_number))
    elif number and has_proof(request, number):
        case = Case.objects.filter(tracking_number=number).first()
        if case is not None:
            context["view"] = citizen_view(case)
    return _private(TemplateResponse(request, "core/cases/lookup.html", context, status=status))
