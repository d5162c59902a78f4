"""Public pages of 意见征集 (/canyu/zhengji/) and 网上听证 (/canyu/tingzheng/). Thin: parse,
select, act, render. Everything works without JavaScript."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from govportal.core.antiabuse.guard import FormGuard
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError, NotFound
from govportal.core.models import Agency
from govportal.participation import actions, selectors
from govportal.participation.forms_drafts import CommentForm, RegistrationForm
from govportal.participation.models_drafts import Hearing, Solicitation

PER_PAGE = 15


def _no_store(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _pk(value) -> int:
    pk = parse_int(value, minimum=1)
    if pk is None:
        raise NotFound(_("没有找到该页面"))
    return pk


def _list_filters(request, model):
    q = request.GET.get("q", "").strip()[:50]
    agency_id = parse_int(request.GET.get("agency", ""), minimum=1)
    agencies = Agency.objects.filter(pk__in=model.objects.filter(is_published=True).values("agency_id")).order_by(
        "sort_order", "pk"
    )
    extra = f"agency={agency_id}&" if agency_id else ""
    return q, agency_id, agencies, extra


# --- 意见征集 -------------------------------------------------------------------------------


def solicitation_list(request):
    q, agency_id, agencies, extra = _list_filters(request, Solicitation)
    now = timezone.now()
    qs = selectors.published_solicitations(agency_id=agency_id, q=q)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "q": q,
        "agency_id": agency_id,
        "agencies": agencies,
        "extra_query": extra,
        "now": now,
        "page_title": _("意见征集"),
    }
    return TemplateResponse(request, "participation/drafts/solicitation_list.html", context)


def _comment_context(request, solicitation, form, guard):
    return {
        "solicitation": solicitation,
        "form": form,
        **guard.context(),
        "captcha_error": form.errors.get("captcha_answer", [""])[0] if form.is_bound else "",
        "page_title": _("提交意见") + " - " + solicitation.title,
    }


def solicitation_detail(request, pk):
    solicitation = selectors.public_solicitation(_pk(pk))
    context = {
        "solicitation": solicitation,
        "articles": selectors.articles_with_counts(solicitation),
        "comments": selectors.published_comments(solicitation),
        "feedback": selectors.feedback_report(solicitation),
        "is_open": solicitation.is_open(),
        "not_started": solicitation.opens_at > timezone.now(),
        "final_document": solicitation.final_document
        if solicitation.final_document_id and solicitation.final_document.live
        else None,
        "page_title": solicitation.title,
    }
    return TemplateResponse(request, "participation/drafts/solicitation_detail.html", context)


@never_cache
def solicitation_comment(request, pk):
    """The comment form (``?tiao=<n>`` picks an article) under the submission policy."""
    solicitation = selectors.public_solicitation(_pk(pk))
    template = "participation/drafts/comment_form.html"
    if not solicitation.is_open():
        context = {
            "solicitation": solicitation,
            "closed": True,
            "page_title": _("提交意见") + " - " + solicitation.title,
        }
        return _no_store(TemplateResponse(request, template, context, status=200 if request.method == "GET" else 409))
    guard = FormGuard(request, phone_field="phone")
    if request.method != "POST":
        number = parse_int(request.GET.get("tiao", ""), minimum=1)
        initial = {"article": str(number)} if number and solicitation.articles.filter(number=number).exists() else {}
        form = CommentForm(initial=initial, solicitation=solicitation)
        return _no_store(TemplateResponse(request, template, _comment_context(request, solicitation, form, guard)))
    if guard.wants_sms_code:
        guard.send_sms_code()
        form = CommentForm(initial=request.POST.dict(), solicitation=solicitation)
        context = _comment_context(request, solicitation, form, guard)
        return _no_store(TemplateResponse(request, template, context, status=guard.status_code))
    form = CommentForm(request.POST, solicitation=solicitation)
    status = 400
    if form.is_valid():
        data = form.cleaned_data

        def run() -> tuple[int, dict]:
            comment = actions.solicitation_comment_submit(
                solicitation=solicitation,
                article_number=form.article_number(),
                content=data["content"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
            )
            return 200, {"comment": comment.pk}

        try:
            guard.submit(run=run)
        except GovPortalError as exc:
            status = exc.status_code
            if exc.field == "captcha_answer":
                form.errors["captcha_answer"] = form.error_class([exc.message])
            else:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            context = {"solicitation": solicitation, "page_title": _("意见已提交")}
            return _no_store(TemplateResponse(request, "participation/drafts/comment_done.html", context))
    context = _comment_context(request, solicitation, form, guard)
    return _no_store(TemplateResponse(request, template, context, status=status))


# --- 网上听证 -------------------------------------------------------------------------------


def hearing_list(request):
    q, agency_id, agencies, extra = _list_filters(request, Hearing)
    page = Paginator(selectors.published_hearings(agency_id=agency_id, q=q), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "q": q,
        "agency_id": agency_id,
        "agencies": agencies,
        "extra_query": extra,
        "now": timezone.now(),
        "page_title": _("网上听证"),
    }
    return TemplateResponse(request, "participation/drafts/hearing_list.html", context)


def hearing_detail(request, pk):
    hearing = selectors.public_hearing(_pk(pk))
    context = {
        "hearing": hearing,
        "counts": selectors.registration_counts(hearing),
        "participants": selectors.selected_participants(hearing) if hearing.selected_at else [],
        "registration_open": hearing.registration_is_open(),
        "page_title": hearing.title,
    }
    return TemplateResponse(request, "participation/drafts/hearing_detail.html", context)


def _register_context(request, hearing, form, guard):
    return {
        "hearing": hearing,
        "form": form,
        **guard.context(),
        "captcha_error": form.errors.get("captcha_answer", [""])[0] if form.is_bound else "",
        "page_title": _("听证报名") + " - " + hearing.title,
    }


@never_cache
def hearing_register(request, pk):
    hearing = selectors.public_hearing(_pk(pk))
    template = "participation/drafts/register_form.html"
    if not hearing.registration_is_open():
        context = {"hearing": hearing, "closed": True, "page_title": _("听证报名") + " - " + hearing.title}
        return _no_store(TemplateResponse(request, template, context, status=200 if request.method == "GET" else 409))
    guard = FormGuard(request, phone_field="phone")
    if request.method != "POST":
        form = RegistrationForm()
        return _no_store(TemplateResponse(request, template, _register_context(request, hearing, form, guard)))
    if guard.wants_sms_code:
        guard.send_sms_code()
        form = RegistrationForm(initial=request.POST.dict())
        context = _register_context(request, hearing, form, guard)
        return _no_store(TemplateResponse(request, template, context, status=guard.status_code))
    form = RegistrationForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data

        def run() -> tuple[int, dict]:
            registration = actions.hearing_register(
                hearing=hearing,
                kind=data["kind"],
                name=data["name"],
                organisation=data["organisation"],
                phone=data["phone"],
                statement=data["statement"],
            )
            return 200, {"registration": registration.pk}

        try:
            guard.submit(run=run)
        except GovPortalError as exc:
            status = exc.status_code
            if exc.field == "captcha_answer":
                form.errors["captcha_answer"] = form.error_class([exc.message])
            else:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            context = {"hearing": hearing, "page_title": _("报名已提交")}
            return _no_store(TemplateResponse(request, "participation/drafts/register_done.html", context))
    context = _register_context(request, hearing, form, guard)
    return _no_store(TemplateResponse(request, template, context, status=status))
