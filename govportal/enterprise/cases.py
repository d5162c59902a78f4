"""What an investment enquiry (投资咨询) adds to the kernel's one citizen lookup
(`core.cases.lookup`): its detail block on /cases/ and the ``detail`` of the API's answer."""

from __future__ import annotations

from govportal.core.cases import lookup
from govportal.core.cases.models import Case
from govportal.enterprise.models import Enquiry
from govportal.enterprise.workflow import KEY


def enquiry_of(case: Case) -> Enquiry:
    return Enquiry.objects.select_related("case", "project").get(case=case)


def page_context(request, case: Case) -> dict:
    return {"enquiry": enquiry_of(case)}


def api_detail(case: Case) -> dict:
    enquiry = enquiry_of(case)
    return {
        "project": enquiry.project.title if enquiry.project else "",
        "reply": enquiry.reply,
        "replied_at": enquiry.replied_at,
    }


def register() -> None:
    lookup.register_detail(KEY, template="enterprise/cases/detail.html", context=page_context, api=api_detail)
