"""Demo data of 站内搜索: what citizens of 示例市 searched (hot searches, suggestions).

Loaded by `govportal.demo.loader` after the other areas, inside its transaction — before
the index is built (in bulk, at the end of the load: `govportal.demo.indexes`). So
``last_hits`` is the number of live articles whose title has the query's first word: hot
searches are only shown when they found something, and these do.
"""

from __future__ import annotations

from datetime import timedelta

from govportal.cluster.models import ArticlePage
from govportal.search import text
from govportal.search.models import SearchQueryStat

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
