"""Demo data of 站内搜索: what citizens of 示例市 searched (hot searches, suggestions).

Loaded by `govportal.demo.loader` after the other areas, inside its transaction — before
the index is built (in bulk, at the end of the load: `govportal.demo.indexes`). So
``last_hits`` is the number of live articles whose title has the query's first word: hot
searches are only shown when they found something, and these do.

Also best bets (推荐结果) of the information office and of two agencies (they point at
addresses; each is tied to its indexed item the first time it is shown), and a week of
queries for the 搜索分析 screen: some that found nothing, some abandoned.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse

from govportal.cluster.models import ArticlePage, ColumnPage
from govportal.search import text
from govportal.search.models import BestBet, SearchQueryStat, SearchQueryWeek

QUERIES = [
    "社保",
    "公积金提取",
    "义务教育招生",
    "医保",
    "不动产登记",
    "居住证",
    "营商环境",
    "养老服务",
    "就业创业",
    "低保",
    "垃圾分类",
    "政务公开",
    "防汛",
    "人才引进",
    "老旧小区改造",
]


def load(builder) -> None:
    rows = []
    for rank, query in enumerate(QUERIES):
        hits = ArticlePage.objects.live().filter(title__contains=text.words(query)[0]).count()
        count = int((len(QUERIES) - rank) * 37 + builder.rng.randint(0, 30))
        when = builder.now - timedelta(hours=builder.rng.uniform(0.5, 72))
        rows.append(SearchQueryStat(query=query, count=count, last_hits=hits, last_searched_at=when))
    SearchQueryStat.objects.bulk_create(rows, ignore_conflicts=True)
    load_best_bets(builder)


# (agency code or None for the office, keywords, service item name / mailbox slug / None)
BEST_BETS = [
    (None, "12345 投诉 举报 反映问题", ("mailbox", "szxx")),
    (None, "政务公开 信息公开", ("disclosure", None)),
    ("SLS-GJJ", "公积金 提取公积金 公积金怎么取", ("service", "住房公积金提取")),
    ("SLS-RSJ", "医疗保险 医保卡 参保", ("service", "城乡居民基本医疗保险参保登记")),
]
# Queries of the last week that found nothing (the office turns them into synonyms or best
# bets) or found something nobody opened: (query, searches, zero hits, clicks).
WEEK = [
    ("暂住证明", 14, 14, 0),
    ("生小孩补贴", 9, 9, 0),
    ("老年证", 7, 7, 0),
    ("驾照换证", 6, 6, 0),
    ("公司年报", 12, 0, 2),
    ("退休工资", 10, 0, 1),
]


def _target(kind: str, key) -> str | None:
    from govportal.interaction.models import Mailbox
    from govportal.servicehall.models import ServiceItem

    if kind == "mailbox":
        return reverse("interaction:mailbox", args=[key]) if Mailbox.objects.filter(slug=key).exists() else None
    if kind == "service":
        item = ServiceItem.objects.filter(name=key, is_published=True).first()
        return reverse("servicehall:guide", args=[item.code]) if item else None
    portal_columns = ColumnPage.objects.filter(slug="xxgk").order_by("depth", "pk")
    column = portal_columns.first()
    return (column.get_url() or column.url_path) if column else None


def load_best_bets(builder) -> None:
    for code, keywords, (kind, key) in BEST_BETS:
        url = _target(kind, key)
        if url is None:
            continue
        agency = builder.agencies.get(code) if code else None
        BestBet.objects.create(keywords=keywords, target_url=url, agency=agency)
    week = builder.now.date() - timedelta(days=builder.now.weekday())
    SearchQueryWeek.objects.bulk_create(
        [
            SearchQueryWeek(query=q, week=week, searches=n, zero_hits=z, clicks=c, last_hits=0 if z else 5)
            for q, n, z, c in WEEK
        ],
        ignore_conflicts=True,
    )
