from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from govportal.search import actions, selectors, sources
from govportal.search.backends import Filters
from govportal.search.forms import SearchForm


def _page_url(params: dict, **changes) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "", 1) or k == "q"}
    return "?" + urlencode(merged)


@require_GET
def search_page(request):
    """站内搜索 — a plain GET form and server-rendered results; works without JavaScript."""
    form = SearchForm(request.GET)
    data = form.cleaned()
    q = (data.get("q") or "").strip()
    start, end = selectors.day_range(data.get("start"), data.get("end"))
    filters = Filters(
        site_id=data.get("site"),
        agency_id=data.get("agency"),
        column_id=data.get("column"),
        source=data.get("type") or None,
        date_from=start,
        date_to=end,
    )
    result = None
    if q:
        result = selectors.search(q, filters=filters, sort=data.get("sort") or "relevance", page=data.get("page") or 1)
        if result.page == 1:
            selectors.record_query(q, result.total)
    params = {k: request.GET.get(k, "") for k in ("q", "site", "column", "agency", "type", "start", "end", "sort")}
    params = {k: v for k, v in params.items() if v}
    scope_column = None
    if data.get("column"):
        from wagtail.models import Page

        scope_column = Page.objects.live().public().filter(pk=data["column"]).first()
    context = {
        "page": None,
        "scope_column": scope_column,
        "form": form,
        "q": q,
        "result": result,
        "sites": sources.site_list(),
        "hot_queries": selectors.hot_queries(),
        "selected_site": data.get("site"),
        "selected_type": data.get("type") or "",
        "sort": data.get("sort") or "relevance",
        "all_types_url": _page_url(params, type=None, page=None),
        "prev_url": None,
        "next_url": None,
    }
    if result is not None:
        for facet in result.facets:
            facet["url"] = _page_url(params, type=facet["key"], page=None)
        if result.page > 1:
            context["prev_url"] = _page_url(params, page=result.page - 1)
        if result.page < result.pages:
            context["next_url"] = _page_url(params, page=result.page + 1)
        context["sort_urls"] = {
            "relevance": _page_url(params, sort=None, page=None),
            "date": _page_url(params, sort="date", page=None),
        }
    return render(request, "search/results.html", context)


@require_GET
def open_result(request, entry_id: int):
    """A result link: counts that the query led somewhere (not abandoned), then goes there.
    Only to an indexed item's own address — never an open redirect."""
    url = selectors.entry_url(entry_id)
    if url is None:
        raise Http404
    q = (request.GET.get("q") or "")[:100]
    if q:
        actions.count_click(q)
    return redirect(url)
