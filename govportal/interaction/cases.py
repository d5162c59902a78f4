"""What a letter (来信) adds to the kernel's one citizen lookup (`core.cases.lookup`): its
detail block on /cases/ (mailbox, content, attachments, the reply and the writer's rating
form) and the ``detail`` of the API's case answer."""

from __future__ import annotations

from govportal.core.cases import lookup
from govportal.core.cases.models import Case
from govportal.interaction import selectors
from govportal.interaction.forms import RatingForm
from govportal.interaction.models import Letter
from govportal.interaction.workflow import KEY


def letter_of(case: Case) -> Letter:
    return Letter.objects.select_related("case", "mailbox", "reply_agency", "handling_agency").get(case=case)


def page_context(request, case: Case) -> dict:
    writer = selectors.writer_view(letter_of(case))
    return {
        "detail_head": "interaction/cases/head.html",
        "writer": writer,
        "rating_form": RatingForm(initial={"tracking_number": case.tracking_number}) if writer.can_rate else None,
    }


def api_detail(case: Case) -> dict:
    letter = letter_of(case)
    return {
        "mailbox": letter.mailbox.name,
        "reply": letter.reply,
        "reply_agency": letter.reply_agency.name if letter.reply_agency else "",
        "replied_at": letter.replied_at,
    }


def register() -> None:
    lookup.register_detail(KEY, template="interaction/cases/detail.html", context=page_context, api=api_detail)
