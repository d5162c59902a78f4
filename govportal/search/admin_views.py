"""搜索分析 in the admin (information office only; anyone else gets a 404): the queries of a
week that found nothing or were abandoned, each turned into a synonym or a best bet in one
step (a small form on its row)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govportal.core.errors import GovPortalError
from govportal.search import access, actions, selectors


def _office(request) -> None:
    if not access.may_use_analysis(request.user):
        raise Http404


def _week(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def analysis(request):
    _office(request)
    report = selectors.week_report(_week(request.GET.get("week")))
    return TemplateResponse(request, "search/admin/analysis.html", {"report": report})


def _back(request):
    week = _week(request.POST.get("week"))
    url = "search-analysis:analysis"
    return redirect(f"{_reverse(url)}?week={week.isoformat()}" if week else _reverse(url))


def _reverse(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


@require_POST
def to_synonym(request):
    _office(request)
    try:
        group = actions.query_to_synonym(
            request.user, query=request.POST.get("query", ""), term=request.POST.get("term", "")
        )
    except GovPortalError as error:
        messages.error(request, error.message)
        return _back(request)
    messages.success(request, _("已添加同义词：%(terms)s") % {"terms": group})
    return _back(request)


@require_POST
def to_best_bet(request):
    _office(request)
    try:
        bet = actions.query_to_best_bet(
            request.user,
            query=request.POST.get("query", ""),
            target_url=request.POST.get("target_url", ""),
            title=request.POST.get("title", ""),
        )
    except GovPortalError as error:
        messages.error(request, error.message)
        return _back(request)
    messages.success(request, _("已添加推荐结果：%(bet)s") % {"bet": bet})
    return _back(request)


urlpatterns = [
    path("", analysis, name="analysis"),
    path("synonym/", to_synonym, name="to_synonym"),
    path("best-bet/", to_best_bet, name="to_best_bet"),
]
