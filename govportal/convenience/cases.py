"""What a 纠错 (directory correction) adds to the kernel's one citizen lookup: its detail
block on /cases/ (the entry, what was reported, the agency's answer)."""

from __future__ import annotations

from govportal.convenience.models import DirectoryCorrection
from govportal.convenience.workflow import KEY
from govportal.core.cases import lookup
from govportal.core.cases.models import Case


def correction_of(case: Case) -> DirectoryCorrection:
    return DirectoryCorrection.objects.select_related("entry__agency").get(case=case)


def page_context(request, case: Case) -> dict:
    return {"correction": correction_of(case)}


def api_detail(case: Case) -> dict:
    c = correction_of(case)
    return {"entry": c.entry.name, "reply": c.reply}


def register() -> None:
    lookup.register_detail(KEY, template="convenience/cases/detail.html", context=page_context, api=api_detail)
