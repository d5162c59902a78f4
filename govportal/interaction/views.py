"""Public pages of 互动交流 under /hudong/: mailboxes, writing, answered letters, the
writer's status page with rating, statistics and the FAQ. Thin: parse, select, act, render.
All work without JavaScript; `suggest` serves the optional typing suggestions."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from govportal.core.antiabuse.guard import FormGuard, client_key
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError
from govportal.core.files.citizen import remember_case
from govportal.core.models import Agency
from govportal.interaction import actions, selectors
from govportal.interaction.forms import LetterForm, LookupForm, RatingForm
from govportal.interaction.models import MailboxKind

PER_PAGE = 15


def _page(request, qs, per_page=PER_PAGE):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def index(request):
    boxes = list(selectors.public_mailboxes())
    leaders = [b for b in boxes if b.kind in (MailboxKind.SECRETARY, MailboxKind.MAYOR, MailboxKind.SUPERVISION)]
    channels = [b for b in boxes if b.kind in (MailboxKind.CONSULTATION, MailboxKind.ERROR_REPORT)]
    agencies = [b for b in boxes if b.kind == MailboxKind.AGENCY]
    latest = [selectors.public_letter(x) for x in selectors.published_letters()[:8]]
    faq = selectors.published_faq()[:8]
    context = {
        "leaders": leaders,
        "channels": channels,
        "agency_boxes": agencies,
        "latest": latest,
        "faq": faq,
        "page_title": _("互动交流"),
    }
    return TemplateResponse(request, "interaction/index.html", context)


def mailbox(request, slug):
    box = selectors.public_mailbox(slug)
    q = request.GET.get("q", "").strip()[:50]
    page = _page(request, selectors.published_letters(mailbox=box, q=q))
    context = {
        "mailbox": box,
        "limits": [(label, box.reply_days(value)) for value, label in box.category_choices()],
        "q": q,
        "page_obj": page,
        "letters": [selectors.public_letter(x) for x in page.object_list],
        "faq": selectors.published_faq(agency_id=box.agency_id)[:5],
        "page_title": box.name,
    }
    return TemplateResponse(request, "interaction/mailbox.html", context)


def _write_context(request, box, form, guard):
    return {
        "mailbox": box,
        "form": form,
        **guard.context(),
        "captcha_error": form.errors.get("captcha_answer", [""])[0] if form.is_bound else "",
        "petition_url": settings.GOVPORTAL_PETITION_URL,
        "max_mb": settings.GOVPORTAL_LETTER_MAX_ATTACHMENT_BYTES // (1024 * 1024),
        "max_files": settings.GOVPORTAL_LETTER_MAX_ATTACHMENTS,
        "page_title": _("写信") + " - " + box.name,
    }


def _submitted(request, box, body: dict):
    letter = selectors.submitted_letter(body["tracking_number"])
    context = {"mailbox": box, "letter": letter, "query_code": body["query_code"], "page_title": _("来信已提交")}
    return _no_store(TemplateResponse(request, "interaction/submitted.html", context))


@never_cache
def write(request, slug):
    """The letter form under the submission policy (`core.antiabuse`): CAPTCHA, limits and a
    one-time form token — a double click or a refresh shows the first letter's page again."""
    box = selectors.public_mailbox(slug)
    guard = FormGuard(request, phone_field="phone")
    if request.method != "POST":
        form = LetterForm(mailbox=box)
        return TemplateResponse(request, "interaction/write.html", _write_context(request, box, form, guard))
    if guard.wants_sms_code:  # the form shown again, as typed, without judging it yet
        guard.send_sms_code()
        form = LetterForm(initial=request.POST.dict(), mailbox=box)
        response = TemplateResponse(
            request, "interaction/write.html", _write_context(request, box, form, guard), status=guard.status_code
        )
        return _no_store(response)
    form = LetterForm(request.POST, request.FILES, mailbox=box)
    status = 400
    if form.is_valid():
        data = form.cleaned_data

        def run() -> tuple[int, dict]:
            letter, code = actions.letter_submit(
                mailbox=box,
                category=data["category"],
                title=data["title"],
                content=data["content"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                may_publish=data["may_publish"],
                attachments=data["attachments"],
            )
            return 200, {"tracking_number": letter.case.tracking_number, "query_code": code}

        try:
            outcome = guard.submit(run=run)
        except GovPortalError as exc:
            status = exc.status_code
            field = exc.field if exc.field in form.fields or exc.field == "captcha_answer" else None
            if field == "captcha_answer":
                form.errors["captcha_answer"] = form.error_class([exc.message])
            else:
                form.add_error(field, exc.message)
        else:
            return _submitted(request, box, outcome.body)
    response = TemplateResponse(
        request, "interaction/write.html", _write_context(request, box, form, guard), status=status
    )
    return _no_store(response)


def letter(request, tracking_number):
    view = selectors.published_letter(tracking_number)
    context = {"letter": view, "page_title": view.title}
    return TemplateResponse(request, "interaction/letter.html", context)


@never_cache
def status(request):
    """The writer's page: tracking number + query code (POST, so the code stays out of
    URLs and logs), the reply, and the rating form."""
    context = {"page_title": _("信件查询"), "view": None, "error": None, "rated": False}
    code = 200
    if request.method == "POST":
        rating = "rating" in request.POST
        form = (RatingForm if rating else LookupForm)(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                found = selectors.letter_for_writer(
                    tracking_number=data["tracking_number"], query_code=data["query_code"], client=client_key(request)
                )
                if rating:
                    actions.letter_rate(
                        letter=found, rating=data["rating"], resolved=data["resolved"], comment=data["comment"]
                    )
                    found.refresh_from_db()
                    found.case.refresh_from_db()
                    context["rated"] = True
                remember_case(request, found.case)  # the file links below carry no code
                context["view"] = selectors.writer_view(found)
                context["rating_form"] = RatingForm(
                    initial={"tracking_number": data["tracking_number"], "query_code": data["query_code"]}
                )
            except GovPortalError as exc:  # NotFound, TooManyAttempts, Conflict, InvalidInput
                context["error"] = exc.message
                code = exc.status_code
        else:
            context["error"] = _("请填写信件编号、查询码和评价")
            code = 400
        context["form"] = LookupForm(request.POST)
    else:
        context["form"] = LookupForm()
    response = TemplateResponse(request, "interaction/status.html", context, status=code)
    response["X-Robots-Tag"] = "noindex"
    return _no_store(response)


def stats(request):
    by_mailbox = selectors.statistics(by="mailbox")
    by_agency = selectors.statistics(by="agency")
    top = max([r.received for r in by_mailbox + by_agency] or [1])
    context = {"by_mailbox": by_mailbox, "by_agency": by_agency[:30], "top": top, "page_title": _("来信统计")}
    return TemplateResponse(request, "interaction/stats.html", context)


def faq_list(request):
    q = request.GET.get("q", "").strip()[:50]
    agency_id = request.GET.get("agency", "")
    agency_id = parse_int(agency_id, minimum=1)
    topic = request.GET.get("topic", "").strip()[:40]
    page = _page(request, selectors.published_faq(q=q, agency_id=agency_id, topic=topic))
    agencies = Agency.objects.filter(pk__in=selectors.published_faq().values("agency_id")).order_by("sort_order")
    context = {
        "q": q,
        "agency_id": agency_id,
        "topic": topic,
        "agencies": agencies,
        "page_obj": page,
        "page_title": _("热点解答"),
    }
    return TemplateResponse(request, "interaction/faq_list.html", context)


def faq_detail(request, pk):
    entry = selectors.public_faq(pk)
    return TemplateResponse(request, "interaction/faq_detail.html", {"entry": entry, "page_title": entry.question})


@require_GET
def suggest(request):
    data = selectors.suggestions(request.GET.get("q", ""))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=60"
    return response
