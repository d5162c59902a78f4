"""Public pages of 互动交流 under /hudong/: mailboxes, writing, answered letters, the
writer's rating (the status page itself is the kernel's /cases/ with `interaction.cases`'
detail block), statistics and the FAQ. Thin: parse, select, act, render.
All work without JavaScript; `suggest` serves the optional typing suggestions."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from govportal.core.antiabuse.guard import FormGuard
from govportal.core.cases.lookup import proven_case, remember_proof
from govportal.core.cases.views import old_lookup_url, render_lookup
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError
from govportal.core.models import Agency
from govportal.interaction import actions, selectors
from govportal.interaction.cases import letter_of
from govportal.interaction.forms import LetterForm, RatingForm
from govportal.interaction.models import MailboxKind
from govportal.interaction.workflow import KEY

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
    """The old 信件查询 URL: the lookup is the kernel's (/cases/, the letter's detail block is
    `interaction.cases`); a GET is redirected there, a lookup is answered by it. What stays
    here is the letter's own action posted from the detail block: the writer's rating, for
    the letter this session proved (or, from an old form, with its query code)."""
    if request.method == "POST" and "rating" in request.POST:
        return _rate(request)
    return old_lookup_url(request)


def _rate(request):
    code = request.POST.get("query_code", "").strip()
    case = proven_case(request, request.POST.get("tracking_number", ""), case_type=KEY, code=code)
    if code:
        remember_proof(request, case.tracking_number)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return render_lookup(request, case=case, rating_form=form, error=_("请填写信件编号、查询码和评价"), status=400)
    data = form.cleaned_data
    try:
        actions.letter_rate(
            letter=letter_of(case), rating=data["rating"], resolved=data["resolved"], comment=data["comment"]
        )
    except GovPortalError as exc:  # Conflict (rated already, not answered), InvalidInput
        return render_lookup(request, case=case, error=exc.message, status=exc.status_code)
    case.refresh_from_db()
    return render_lookup(request, case=case, rated=True)


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
