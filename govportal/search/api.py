"""GET /search (cluster-wide search) and GET /search/suggest (suggestions while typing)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.utils import timezone

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from govportal.search import selectors, sources
from govportal.search.backends import Filters

router = Router(tags=["搜索"])
MAX_ID = 2**63 - 1


class SearchSite(Schema):
    id: int | None
    name: str


class SearchHitOut(Schema):
    title: str
    url: str
    site: SearchSite
    type: str
    type_label: str
    snippet: str
    published_at: datetime | None
    is_repealed: bool


class FacetOut(Schema):
    type: str
    label: str
    count: int
    count_exact: bool


class AnswerOut(Schema):
    kind: str  # "direct" (the query names this service or mailbox) or "best_bet" (推荐结果)
    title: str
    url: str
    label: str
    summary: str
    site_name: str
    action_url: str
    action_label: str


class SearchOut(Schema):
    query: str
    total: int
    total_exact: bool
    page: int
    pages: int
    relaxed: bool
    facets: list[FacetOut]
    results: list[SearchHitOut]
    suggestions: list[str]
    direct_answers: list[AnswerOut]
    best_bets: list[AnswerOut]


class SuggestOut(Schema):
    suggestions: list[str]


class SearchParams(Schema):
    q: str = Query(..., min_length=1, max_length=100, description="搜索词；支持简繁体、拼音、引号短语")
    site: int | None = Query(None, ge=1, le=MAX_ID, description="网站 ID")
    column: int | None = Query(None, ge=1, le=MAX_ID, description="栏目 ID")
    agency: int | None = Query(None, ge=1, le=MAX_ID, description="单位 ID")
    type: str | None = Query(None, max_length=30, description="类型：article（文章）、page（栏目页面）等")
    from_: date | None = Query(None, alias="from", description="发布日期起（YYYY-MM-DD）")
    to: date | None = Query(None, description="发布日期止（YYYY-MM-DD，含当日）")
    sort: Literal["relevance", "date"] = Query("relevance", description="relevance 按相关度；date 按时间")
    page: int = Query(1, ge=1, le=selectors.MAX_PAGE)


@router.get("/search", response=SearchOut, summary="站内搜索（全网站群）")
def search(request, params: Query[SearchParams]):
    start, end = selectors.day_range(params.from_, params.to)
    source = params.type if params.type and sources.get(params.type) else None
    if params.type and source is None:
        raise HttpError(422, f"未知的类型：{params.type}")
    result = selectors.search(
        params.q,
        filters=Filters(
            site_id=params.site,
            agency_id=params.agency,
            column_id=params.column,
            source=source,
            date_from=start,
            date_to=end,
        ),
        sort=params.sort,
        page=params.page,
    )
    return {
        "query": result.query,
        "total": result.total,
        "total_exact": result.total_exact,
        "page": result.page,
        "pages": result.pages,
        "relaxed": result.relaxed,
        "facets": [
            {"type": f["key"], "label": f["label"], "count": f["count"], "count_exact": f["exact"]}
            for f in result.facets
        ],
        "results": [
            {
                "title": h.entry.title,
                "url": request.build_absolute_uri(h.entry.url),
                "site": {"id": h.entry.site_id, "name": h.entry.site_name},
                "type": h.entry.source,
                "type_label": h.type_label,
                "snippet": h.snippet_text,
                "published_at": timezone.localtime(h.entry.published_at).replace(microsecond=0)
                if h.entry.published_at
                else None,
                "is_repealed": h.entry.is_repealed,
            }
            for h in result.hits
        ],
        "suggestions": result.suggestions,
        "direct_answers": [_answer(request, a) for a in result.direct_answers],
        "best_bets": [_answer(request, a) for a in result.best_bets],
    }


def _answer(request, a) -> dict:
    absolute = lambda u: request.build_absolute_uri(u) if u else ""  # noqa: E731
    return {
        "kind": a.kind,
        "title": a.title,
        "url": absolute(a.url),
        "label": a.label,
        "summary": a.summary,
        "site_name": a.site_name,
        "action_url": absolute(a.action_url),
        "action_label": a.action_label,
    }


@router.get("/search/suggest", response=SuggestOut, url_name="search_suggest", summary="搜索建议（输入时提示）")
def suggest(request, q: str = Query(..., max_length=50)):
    return {"suggestions": selectors.suggest(q)}
