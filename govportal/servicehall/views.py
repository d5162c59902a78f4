"""Public pages of the hall: browse, guide, apply (with drafts), the application's own citizen
actions (result, rating, supplement, withdraw — the status page is the kernel's /cases/ with
`servicehall.cases`' detail block),
my applications, citizen sign-up/sign-in and the published statistics. Thin: parse, check
through a selector, call one action, render. Everything works without JavaScript."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from govportal.core.antiabuse.guard import FormGuard
from govportal.core.cases.lookup import proven_case, remember_proof
from govportal.core.cases.views import case_page_url, old_lookup_url, render_lookup
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError, NotFound
from govportal.core.models import Agency
from govportal.prerender.middleware import cacheable
from govportal.servicehall import actions, documents, selectors, stats, workflow
from govportal.servicehall.cases import KEY, application_of
from govportal.servicehall.forms import RATING_QUESTIONS, ApplicationForm, CitizenSignInForm, RatingForm, SignUpForm
from govportal.servicehall.models import Audience, ItemType, ServiceTopic, TopicKind


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


@cacheable  # stored for anonymous readers; refreshed by servicehall/publishing.py
def index(request):
    items = selectors.public_items()
    dept = request.GET.get("dept", "")
    theme = request.GET.get("theme", "")
    audience = request.GET.get("audience", "")
    q = request.GET.get("q", "").strip()[:50]
    online = request.GET.get("online", "") == "1"
    if online:
        items = items.filter(online_now=True)
    if parse_int(dept, minimum=1):
        items = items.filter(agency_id=parse_int(dept, minimum=1))
    if theme:
        items = items.filter(themes__slug=theme)
    if audience in Audience.values:
        items = items.filter(audience__in=[audience, Audience.BOTH] if audience != Audience.BOTH else [audience])
    if q:
        items = items.filter(Q(name__icontains=q) | Q(code__icontains=q))
    page = Paginator(items.distinct().order_by("agency__sort_order", "code"), 20).get_page(request.GET.get("page"))
    agencies = (
        Agency.objects.filter(pk__in=selectors.public_items().values("agency_id"))
        .annotate(n=Count("pk"))
        .order_by("sort_order", "code")
    )
    topics = (
        ServiceTopic.objects.filter(items__is_published=True).annotate(n=Count("items")).order_by("kind", "sort_order")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "servicehall/index.html",
        {
            "page_title": "网上办事大厅",
            "items": page,
            "agencies": agencies,
            "themes": [t for t in topics if t.kind == TopicKind.THEME],
            "life_events": [t for t in topics if t.kind == TopicKind.LIFE_EVENT],
            "audiences": Audience.choices,
            "current": {"dept": dept, "theme": theme, "audience": audience, "q": q, "online": online},
            "querystring": query.urlencode(),
            "online_count": selectors.public_items().filter(online_now=True).count(),
            "total_count": selectors.public_items().count(),
        },
    )


@cacheable
def guide(request, code: str):
    item = selectors.public_item(code)
    form = selectors.current_form(item)
    return TemplateResponse(
        request,
        "servicehall/guide.html",
        {"page_title": item.name, "item": item, "form": form, "is_licence": item.item_type == ItemType.LICENCE},
    )


def _identity(request, application) -> selectors.Identity:
    """As typed (a form shown again), else the draft's, else the signed-in citizen's."""
    if request.method == "POST":
        return selectors.Identity(
            name=request.POST.get("applicant_name", ""),
            id_number=request.POST.get("applicant_id_number", ""),
            phone=request.POST.get("applicant_phone", ""),
        )
    if application is not None:
        return selectors.Identity(
            application.applicant_name, application.applicant_id_number, application.applicant_phone
        )
    return selectors.identity_of(request.user)


def _render_apply(request, item, form, service_form, application=None, error=None, status=200, guard=None):
    guard = guard or FormGuard(request, phone_field="applicant_phone")
    response = TemplateResponse(
        request,
        "servicehall/apply.html",
        {
            "page_title": f"在线申请：{item.name}",
            "item": item,
            "form": form,
            "service_form": service_form,
            "application": application,
            "error": error,
            "identity": _identity(request, application),
            "enterprise": item.audience == Audience.ENTERPRISE,
            **guard.context(),
        },
        status=status,
    )
    return _no_store(response)


def _handle_apply(request, item, service_form, application=None):
    """Drafts are saved as they are; a submission goes through the one submission policy
    (`core.antiabuse`): CAPTCHA, limits and the one-time form token — a double click or a
    refresh shows the first application's page again."""
    draft = request.POST.get("action") == "draft"
    guard = FormGuard(request, phone_field="applicant_phone")
    if guard.wants_sms_code:  # the form shown again, as typed, without judging it yet
        guard.send_sms_code()
        form = ApplicationForm(initial=request.POST.dict(), service_form=service_form)
        return _render_apply(request, item, form, service_form, application, guard.error, guard.status_code, guard)
    form = ApplicationForm(request.POST, request.FILES, service_form=service_form, draft=draft)
    name = request.POST.get("applicant_name", "")
    phone = request.POST.get("applicant_phone", "")
    id_number = request.POST.get("applicant_id_number", "")
    if not form.is_valid():
        return _render_apply(
            request, item, form, service_form, application, "请按提示修改后再提交。", status=400, guard=guard
        )
    try:
        if draft:
            application = actions.application_save_draft(
                item=item,
                actor=request.user,
                data=form.values(),
                uploads=form.uploads(),
                applicant_name=name,
                applicant_phone=phone,
                applicant_id_number=id_number,
                application=application,
            )
            return redirect(reverse("servicehall:draft", args=[application.draft_key]) + "?saved=1")

        def run() -> tuple[int, dict]:
            submitted, code = actions.application_submit(
                item=item,
                actor=request.user,
                data=form.values(),
                uploads=form.uploads(),
                applicant_name=name,
                applicant_phone=phone,
                applicant_id_number=id_number,
                application=application,
            )
            return 200, {"tracking_number": submitted.case.tracking_number, "query_code": code}

        outcome = guard.submit(run=run)
    except GovPortalError as exc:
        if exc.field and exc.field in form.fields:
            form.add_error(exc.field, exc.message)
        return _render_apply(
            request, item, form, service_form, application, exc.message, status=exc.status_code, guard=guard
        )
    number = outcome.body["tracking_number"]
    remember_proof(request, number)  # the submitted page's link to the case page needs no code
    return _no_store(
        TemplateResponse(
            request,
            "servicehall/submitted.html",
            {
                "page_title": "申请已提交",
                "application": selectors.submitted_application(number),
                "query_code": outcome.body["query_code"],
            },
        )
    )


def apply(request, code: str):
    item = selectors.public_item(code)
    service_form = selectors.current_form(item)
    if service_form is None:
        raise NotFound("该事项暂不支持网上申请")
    if request.method == "POST":
        return _handle_apply(request, item, service_form)
    form = ApplicationForm(service_form=service_form)
    return _render_apply(request, item, form, service_form, guard=FormGuard(request, phone_field="applicant_phone"))


def draft(request, key):
    application = selectors.draft_by_key(key)
    item, service_form = application.item, application.form
    if request.method == "POST":
        return _handle_apply(request, item, service_form, application)
    form = ApplicationForm(initial=application.data, service_form=service_form)
    return _render_apply(request, item, form, service_form, application)


def _verified(request, tracking_number: str):
    """The application this caller may act on: the kernel's proof in this session, or the
    signed-in applicant's own (`cases.owner_may_view`); one 404 otherwise."""
    return application_of(proven_case(request, tracking_number, case_type=KEY))


@require_http_methods(["GET", "POST"])
def status(request):
    """The old 办件进度查询 URL: the lookup is the kernel's (/cases/, the application's detail
    block is `servicehall.cases`); a GET is redirected there, a lookup is answered by it."""
    return old_lookup_url(request)


def _back_to_status(app):
    return redirect(case_page_url(app.case.tracking_number))


def result_pdf(request, tracking_number: str):
    app = _verified(request, tracking_number)
    pdf = documents.result_pdf(app)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{app.case.tracking_number}.pdf"'
    return _no_store(response)


@require_POST
def rate(request, tracking_number: str):
    app = _verified(request, tracking_number)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return render_lookup(
            request, case=app.case, rating_form=form, can_rate=True, error="请完成评价的每一项。", status=400
        )
    actions.rating_submit(
        application=app,
        actor=request.user,
        level=form.cleaned_data["level"],
        answers=form.answers(),
        comment=form.cleaned_data["comment"],
        real_name=True,
    )
    return _back_to_status(app)


@require_POST
def supplement(request, tracking_number: str):
    app = _verified(request, tracking_number)
    form = ApplicationForm(request.POST, request.FILES, service_form=app.form, draft=True)
    if not form.is_valid():
        raise GovPortalError("补正内容有误：" + "；".join(str(e[0]) for e in form.errors.values()))
    actions.application_supplement(application=app, actor=request.user, data=form.values(), uploads=form.uploads())
    return _back_to_status(app)


@require_POST
def withdraw(request, tracking_number: str):
    app = _verified(request, tracking_number)
    actions.application_withdraw(application=app, actor=request.user)
    return _back_to_status(app)


def mine(request):
    if not request.user.is_authenticated:
        return redirect(reverse("servicehall:login") + "?next=" + reverse("servicehall:mine"))
    apps = selectors.applications_of(request.user)
    return _no_store(
        TemplateResponse(
            request,
            "servicehall/mine.html",
            {"page_title": "我的办件", "applications": apps, "states": workflow.APPLICATION.states},
        )
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or reverse("servicehall:mine")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return reverse("servicehall:mine")
    return target


def signin(request):
    form = CitizenSignInForm(request, data=request.POST or None)
    form.fields["username"].label = "手机号码"
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect(_next(request))
    status_code = 400 if request.method == "POST" else 200
    return _no_store(
        TemplateResponse(
            request,
            "servicehall/signin.html",
            {"page_title": "登录", "form": form, "next": _next(request)},
            status=status_code,
        )
    )


def signup(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = actions.citizen_sign_up(
            phone=form.cleaned_data["phone"], name=form.cleaned_data["name"], password=form.cleaned_data["password"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_next(request))
    status_code = 400 if request.method == "POST" else 200
    return _no_store(
        TemplateResponse(request, "servicehall/signup.html", {"page_title": "注册", "form": form}, status=status_code)
    )


@require_POST
def signout(request):
    logout(request)
    return redirect("servicehall:index")


def _year(request) -> int:
    raw = request.GET.get("year", "")
    today = timezone.localdate()
    return parse_int(raw, minimum=2000, maximum=today.year + 1) or today.year


def statistics(request):
    rep = stats.report(_year(request))
    return TemplateResponse(
        request,
        "servicehall/statistics.html",
        {
            "page_title": "网上办事统计和好差评结果",
            "report": rep,
            "levels": stats.RatingLevel.choices,
            "questions": RATING_QUESTIONS,
        },
    )


def statistics_xlsx(request):
    rep = stats.report(_year(request))
    response = HttpResponse(
        stats.xlsx(rep), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="servicehall-{rep.year}.xlsx"'
    return response
