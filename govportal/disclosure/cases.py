"""What 依申请公开 adds to the kernel's one citizen lookup (`core.cases.lookup`): the request's
detail block on /cases/ (the receiving agency, the outcome, the reply with its decision
letter and files, the correction form) and the ``detail`` of the API's case answer."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode

from govportal.core.cases import lookup
from govportal.core.cases.models import Case
from govportal.disclosure import selectors, workflow
from govportal.disclosure.choices import Outcome, SubReason
from govportal.disclosure.forms import CorrectionForm
from govportal.disclosure.models import DisclosureRequest


def request_of(case: Case) -> DisclosureRequest:
    return DisclosureRequest.objects.select_related("case", "agency").get(case=case)


def letter_url(req: DisclosureRequest) -> str:
    """The decision letter's link: no code in it (the page's session proof, or the API
    caller's X-Query-Code header, goes with it)."""
    if not (req.outcome and req.letter_number):
        return ""
    return f"{reverse('disclosure:letter')}?" + urlencode({"tracking_number": req.case.tracking_number})


def notice_links(req: DisclosureRequest) -> list[dict]:
    """The written notices addressed to the applicant, each with its download link (no code
    in it: the same proof as the decision letter's)."""
    base = reverse("disclosure:notice")
    return [
        {
            "kind": str(n.get_kind_display()),
            "number": n.number,
            "issued_on": n.issued_on,
            "url": f"{base}?" + urlencode({"tracking_number": req.case.tracking_number, "notice": n.pk}),
        }
        for n in selectors.request_notices(req, applicant_only=True)
    ]


def page_context(request, case: Case) -> dict:
    req = request_of(case)
    return {
        "detail_head": "disclosure/cases/head.html",
        "req": req,
        "correction_form": CorrectionForm() if case.state == workflow.State.CORRECTING else None,
        "linked_letter": selectors.linked_letter(req),
        "attachments": list(req.attachments.select_related("stored")),
        "letter_url": letter_url(req),
        "notices": notice_links(req),
    }


def api_detail(case: Case) -> dict:
    req = request_of(case)
    return {
        "agency": req.agency.name,
        "received_on": req.received_on,
        "outcome": str(Outcome(req.outcome).label) if req.outcome else "",  # a lazy label is no str
        "sub_reason": str(SubReason(req.sub_reason).label) if req.sub_reason else "",
        "replied_on": req.replied_on,
        "letter_url": letter_url(req),
        "linked_letter": selectors.linked_letter(req),
        "notices": notice_links(req),
    }


def register() -> None:
    lookup.register_detail(workflow.KEY, template="disclosure/cases/detail.html", context=page_context, api=api_detail)
