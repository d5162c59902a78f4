"""Public pages of 在线访谈 under /fangtan/: the list (upcoming, live, past), one interview
(announcement → live page → 文字实录), asking a question, and the live snapshot readers'
browsers poll (`live.py`, ADR 0015). All work without JavaScript: the live page shows the
latest state on every load; `live.js` only refreshes it in place."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from govportal.core.antiabuse.guard import FormGuard
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError
from govportal.interviews import actions, live, selectors
from govportal.interviews.forms import QuestionForm

PER_PAGE = 10


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _pk(raw) -> int:
    pk = parse_int(raw, minimum=1)
    if pk is None:
        raise Http404
    return pk


def index(request):
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.past(q=q), PER_PAGE).get_page(request.GET.get("page"))
    context = {"upcoming": list(selectors.upcoming()[:6]), "page_obj": page, "q": q, "page_title": _("在线访谈")}
    return TemplateResponse(request, "interviews/index.html", context)


def _detail_context(request, interview, form, guard):
    posts = [live.post_view(p) for p in live.posts_of(interview)]
    taken = list(live.taken_questions(interview))
    return {
        "interview": interview,
        "guests": list(interview.guests.all()),
        "posts": posts,
        "taken": taken,
        "written": list(selectors.written_answers(interview)) if interview.state == "ended" else [],
        "advance": list(selectors.advance_questions(interview)) if interview.is_upcoming else [],
        "related": [link.page for link in interview.related_links.all() if link.page.live],
        "form": form,
        **(guard.context() if guard is not None else {}),
        "captcha_error": form.errors.get("captcha_answer", [""])[0] if form is not None and form.is_bound else "",
        "poll_ms": live.POLL_MS,
        "page_title": interview.title,
    }


@never_cache
def detail(request, pk):
    interview = selectors.public_interview(_pk(pk))
    form = guard = None
    if interview.accepts_questions:
        form, guard = QuestionForm(), FormGuard(request, phone_field="phone")
    return TemplateResponse(request, "interviews/detail.html", _detail_context(request, interview, form, guard))


@never_cache
def ask(request, pk):
    """The question form (on the interview's page, and here when it must be shown again):
    CAPTCHA, limits and a one-time token (`core.antiabuse`) — a retry shows the first
    question's page again, never a second question."""
    interview = selectors.public_interview(_pk(pk))
    if not interview.accepts_questions:
        context = {"interview": interview, "closed": True, "page_title": _("网友提问")}
        return TemplateResponse(request, "interviews/ask.html", context, status=409)
    guard = FormGuard(request, phone_field="phone")
    if request.method != "POST":
        context = {"interview": interview, "form": QuestionForm(), **guard.context(), "page_title": _("网友提问")}
        return TemplateResponse(request, "interviews/ask.html", context)
    if guard.wants_sms_code:
        guard.send_sms_code()
        form = QuestionForm(initial=request.POST.dict())
        context = {"interview": interview, "form": form, **guard.context(), "page_title": _("网友提问")}
        return _no_store(TemplateResponse(request, "interviews/ask.html", context, status=guard.status_code))
    form = QuestionForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data

        def run() -> tuple[int, dict]:
            question = actions.question_submit(
                interview=interview, name=data["name"], phone=data["phone"], content=data["content"]
            )
            return 200, {"question": question.pk, "merged": question.duplicate_of_id is not None}

        try:
            outcome = guard.submit(run=run)
        except GovPortalError as exc:
            status = exc.status_code
            if exc.field == "captcha_answer":
                form.errors["captcha_answer"] = form.error_class([exc.message])
            else:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            context = {"interview": interview, "merged": outcome.body.get("merged"), "page_title": _("问题已提交")}
            return _no_store(TemplateResponse(request, "interviews/asked.html", context))
    context = {
        "interview": interview,
        "form": form,
        **guard.context(),
        "captcha_error": form.errors.get("captcha_answer", [""])[0],
        "page_title": _("网友提问"),
    }
    return _no_store(TemplateResponse(request, "interviews/ask.html", context, status=status))


@require_GET
def live_json(request, pk):
    """The live snapshot (nginx serves the file in production; this answers a miss and the
    embedded default)."""
    content = live.current_bytes(_pk(pk))
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
