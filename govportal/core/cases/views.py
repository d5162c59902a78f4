"""The citizen's case page (/cases/), the one lookup of every case type: tracking number +
query code by POST, then POST-redirect-GET to ``?tracking_number=`` — the proof (that this
browser gave the right code) is kept in the session, so the code is never in a URL, a log,
the history or a Referer. An old link with ``query_code`` in it is checked once and
redirected the same way. The page shows the fields every case has and the case type's
detail block (`core.cases.lookup`).

`remember_proof` / `has_proof` (in `lookup`) are the kernel's one record of "this session
proved the code of that case"; the areas' actions on a case check it through
`lookup.proven_case`."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govportal.core.antiabuse.guard import client_key
from govportal.core.cases import lookup, rectification, workflow
from govportal.core.cases.lookup import MAX_PROOFS, PROOFS, has_proof, remember_proof  # noqa: F401 — old paths
from govportal.core.cases.models import Case
from govportal.core.cases.selectors import case_for_citizen, citizen_view
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError
from govportal.core.files.citizen import remember_case
from govportal.core.masking import mask_text


def lookup_redirect(viewname: str = "cases:lookup", tracking_number: str = ""):
    return redirect(reverse(viewname) + "?" + urlencode({"tracking_number": tracking_number}), permanent=False)


def case_page_url(tracking_number: str) -> str:
    return reverse("cases:lookup") + "?" + urlencode({"tracking_number": tracking_number})


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def render_lookup(request, *, case: Case | None = None, status: int = 200, **extra):
    """The kernel page: the form, and the case (common fields + its type's detail block)
    when given. ``extra`` goes over the detail block's context (an area action's bound form
    with its errors, a notice after an action)."""
    context = {
        "tracking_number": case.tracking_number if case else extra.pop("tracking_number", ""),
        "view": None,
        "error": None,
        "page_title": _("办件查询"),
    }
    if case is not None:
        remember_case(request, case)  # the file links of the detail block carry no code (core/files)
        context["view"] = citizen_view(case)
        context["case"] = case
        context.update(lookup.detail_context(request, case))
    context.update(extra)
    return _private(TemplateResponse(request, "core/cases/lookup.html", context, status=status))


@require_http_methods(["GET", "POST"])
def case_lookup(request):
    data = request.POST if request.method == "POST" else request.GET
    number = data.get("tracking_number", "").strip().upper()[:32]
    code = data.get("query_code", "").strip()
    if request.method == "POST" or code:
        try:
            case = case_for_citizen(tracking_number=number, query_code=code, client=client_key(request))
        except GovPortalError as exc:
            return render_lookup(request, tracking_number=number, error=exc.message, status=exc.status_code)
        remember_proof(request, case.tracking_number)
        return _private(lookup_redirect("cases:lookup", case.tracking_number))
    case = Case.objects.filter(tracking_number=number).first() if number else None
    if case is not None and lookup.may_view(request, case):
        return render_lookup(request, case=case)
    return render_lookup(request, tracking_number=number)


def old_lookup_url(request):
    """An area's old lookup URL (bookmarks, old forms, links with the code): a lookup (a POST,
    or a GET with the code) is answered by the kernel view; any other GET is sent to the
    kernel page with its query string (a permanent redirect: the kernel page is the one)."""
    if request.method == "POST" or request.GET.get("query_code"):
        return case_lookup(request)
    url = reverse("cases:lookup")
    number = request.GET.get("tracking_number", "").strip().upper()[:32]
    if number:
        url += "?" + urlencode({"tracking_number": number})
    return _private(HttpResponsePermanentRedirect(url))


def rectifications_public(request):
    """差评整改公示: the state of every rectification after a bad rating, masked (no name,
    phone, ID number or address of the rater; the comment and measures through
    `masking.mask_text`)."""
    paginator = Paginator(rectification.public_rectifications(), 30)
    number = parse_int(request.GET.get("page", "1"), minimum=1, maximum=paginator.num_pages)
    if number is None:
        raise Http404
    page = paginator.page(number)
    rows = []
    for r in page.object_list:
        rated = workflow.get(r.rated_case.case_type)
        rows.append(
            {
                "number": r.case.tracking_number,
                "rated_type": rated.name if rated else "",
                "agency": r.case.agency.name if r.case.agency else "",
                "level": r.get_level_display(),
                "opened": r.opened_at,
                "state": rectification.STATES.get(r.case.state, r.case.state),
                "comment": mask_text(r.comment),
                "measures": "" if r.excluded else mask_text(r.measures),
                "visited": r.return_visit_satisfied if r.case.state == rectification.S.VISITED else None,
                "excluded": r.excluded,
            }
        )
    return TemplateResponse(request, "core/cases/rectifications.html", {"rows": rows, "pager": page})
