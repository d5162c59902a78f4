"""GET /search (cluster-wide search) and GET /search/suggest (suggestions while typing)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.utils import timezone

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from govportal.search import selectors, sources
from govportal.search.backends import Filters

router = Router(tags=["搜索"])
MAX_ID = 2**63 - 1


class SearchSite(Schema):
    id: int | None = Field(description="网站 ID；不属于某个网站的内容（信件、热点解答）为 null", examples=[14])
    name: str = Field(description="网站或主办单位名称", examples=["示例市教育局"])


class SearchHitOut(Schema):
    title: str = Field(description="标题", examples=["市教育局部署秋季开学工作"])
    url: str = Field(description="地址（绝对地址）", examples=["http://jyj.localhost/gzdt/20260828-00012/"])
    site: SearchSite = Field(description="所属网站", examples=[{"id": 14, "name": "示例市教育局"}])
    type: str = Field(
        description="类型代码：article 文章、page 栏目页面、disclosure 信息公开、service 办事服务、faq 热点解答、letter 互动回复",
        examples=["article"],
    )
    type_label: str = Field(description="类型名称", examples=["文章"])
    snippet: str = Field(
        description="摘录，命中词以 <mark> 标出", examples=["全市各级各类学校9月1日正常<mark>开学</mark>。"]
    )
    published_at: datetime | None = Field(
        description="发布时间（北京时间，ISO 8601）；无发布时间时为 null", examples=["2026-08-28T09:30:00+08:00"]
    )
    is_repealed: bool = Field(description="是否已废止（信息公开文件）", examples=[False])


class FacetOut(Schema):
    type: str = Field(description="类型代码", examples=["article"])
    label: str = Field(description="类型名称", examples=["文章"])
    count: int = Field(description="该类型的结果数", examples=[36])
    count_exact: bool = Field(description="count 是否精确；false 时为估计值", examples=[True])


class AnswerOut(Schema):
    kind: Literal["direct", "best_bet"] = Field(
        description="direct：搜索词点名的办事事项或信箱；best_bet：推荐结果", examples=["direct"]
    )
    title: str = Field(description="标题", examples=["企业设立登记"])
    url: str = Field(description="详情地址", examples=["/banshi/item/12/"])
    label: str = Field(description="类型名称", examples=["办事事项"])
    summary: str = Field(description="摘要", examples=["申请营业执照（开公司、办执照）"])
    site_name: str = Field(description="所属网站", examples=["示例市人民政府"])
    action_url: str = Field(description="办理入口地址；没有时为空", examples=["/banshi/item/12/apply/"])
    action_label: str = Field(description="办理入口按钮文字", examples=["在线办理"])


class SearchOut(Schema):
    query: str = Field(description="搜索词（规范化后）", examples=["开学"])
    total: int = Field(description="结果总数", examples=[42])
    total_exact: bool = Field(description="total 是否精确；false 时为估计值", examples=[True])
    page: int = Field(description="当前页码，从 1 开始", examples=[1])
    pages: int = Field(description="总页数", examples=[5])
    relaxed: bool = Field(description="没有同时含全部词语的结果时为 true：列出的是含部分词语的结果", examples=[False])
    facets: list[FacetOut] = Field(
        description="按类型的结果数",
        examples=[[{"type": "article", "label": "文章", "count": 36, "count_exact": True}]],
    )
    results: list[SearchHitOut] = Field(description="本页结果", examples=[[]])
    suggestions: list[str] = Field(description="没有结果时建议的搜索词", examples=[["社保"]])
    direct_answers: list[AnswerOut] = Field(
        description="直达结果：搜索词点名的办事事项或信箱，带办理入口", examples=[[]]
    )
    best_bets: list[AnswerOut] = Field(description="推荐结果：信息办或部门为该搜索词设定，排在最前", examples=[[]])


class SuggestOut(Schema):
    suggestions: list[str] = Field(description="建议的搜索词（热门搜索词和标题）", examples=[["社保卡", "社保缴费"]])


class SearchParams(Schema):
    q: str = Query(
        ..., min_length=1, max_length=100, description="搜索词；支持简繁体、拼音、引号短语", examples=["开学"]
    )
    site: int | None = Query(None, ge=1, le=MAX_ID, description="网站 ID", examples=[14])
    column: int | None = Query(None, ge=1, le=MAX_ID, description="栏目 ID", examples=[15])
    agency: int | None = Query(None, ge=1, le=MAX_ID, description="单位 ID", examples=[2])
    type: str | None = Query(
        None, max_length=30, description="类型：article（文章）、page（栏目页面）等", examples=["article"]
    )
    from_: date | None = Query(None, alias="from", description="发布日期起（YYYY-MM-DD）", examples=["2026-01-01"])
    to: date | None = Query(None, description="发布日期止（YYYY-MM-DD，含当日）", examples=["2026-12-31"])
    sort: Literal["relevance", "date"] = Query(
        "relevance", description="relevance 按相关度；date 按时间", examples=["relevance"]
    )
    page: int = Query(1, ge=1, le=selectors.MAX_PAGE, description="页码，从 1 开始", examples=[1])


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
