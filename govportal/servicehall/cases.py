"""What an online application (网上办事申请) adds to the kernel's one citizen lookup
(`core.cases.lookup`): its detail block on /cases/ (the item, the promised and statutory
limits, each department's step, the materials, the result document, the rating, supplement
and withdraw forms — those post to this area's views), the ``detail`` of the API's case
answer, and the area's own rule that the signed-in applicant sees their application
without the code."""

from __future__ import annotations

from govportal.core.cases import lookup
from govportal.core.cases.models import Case
from govportal.servicehall import access, selectors, workflow
from govportal.servicehall.forms import ApplicationForm, RatingForm
from govportal.servicehall.models import Application

KEY = workflow.APPLICATION.key


def application_of(case: Case) -> Application:
    return selectors._applications().get(case=case)


def page_context(request, case: Case) -> dict:
    app = application_of(case)
    return {
        "detail_head": "servicehall/_head.html",
        "progress": selectors.progress(app),
        "files": list(app.files.select_related("stored")),
        "rating_form": RatingForm(),
        "can_rate": case.state in workflow.COMPLETED_STATES | {workflow.State.REFUSED},
        "supplement_form": (
            ApplicationForm(initial=app.data, service_form=app.form, draft=True)
            if case.state == workflow.State.AWAITING_SUPPLEMENT
            else None
        ),
    }


def api_detail(case: Case) -> dict:
    app = application_of(case)
    p = selectors.progress(app)
    return {
        "item": app.item.name,
        "form_version": app.form.version,
        "promised_due_date": p.promised_due,
        "promised_explanation": p.promised_explanation,
        "statutory_due_date": p.statutory_due,
        "overdue_level": p.level_label,
        "steps": [
            {
                "agency": s.agency,
                "role": s.role,
                "duty": s.duty,
                "days": s.days,
                "due_date": s.due_date,
                "decision": s.decision_label,
                "opinion": s.opinion,
                "decided_at": s.decided_at,
                "overdue_level": s.level_label,
            }
            for s in p.steps
        ],
        "result_number": app.result_number,
        "reason": app.decision_reason,
    }


def owner_may_view(request, case: Case) -> bool:
    """The signed-in applicant follows their own applications from 我的办件 without the code."""
    return access.is_applicant(getattr(request, "user", None), case)


def register() -> None:
    lookup.register_detail(
        KEY, template="servicehall/cases/detail.html", context=page_context, api=api_detail, may_view=owner_may_view
    )
