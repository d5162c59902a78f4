"""A fixed query set against whichever database the suite runs on (CI runs SQLite and
PostgreSQL): the same queries must give the same hits on both engines."""

from __future__ import annotations

from django.db import connection

import pytest

from govportal.search import selectors


def titles(q, **kwargs) -> list[str]:
    return [h.entry.title for h in selectors.search(q, **kwargs).hits]


FIXED_QUERIES = [
    ("社保", {"社保缴费基数调整的通知", "人力资源工作动态"}),
    ("社会保险", {"社保缴费基数调整的通知", "人力资源工作动态"}),
    ("公积金", {"住房公积金提取办法解读"}),
    ("网站建设", {"青山镇推进网站建设工作", "學校網站建設與維護規範"}),
    ("網站建設", {"青山镇推进网站建设工作", "學校網站建設與維護規範"}),
    ("shebao", {"社保缴费基数调整的通知", "人力资源工作动态"}),
    ("she bao", {"社保缴费基数调整的通知", "人力资源工作动态"}),
    ('"保险政策"', {"保险政策宣传进村"}),
    ("保险 政策", {"保险政策宣传进村", "医疗政策问答"}),
    ("提取 住房公积金", {"住房公积金提取办法解读"}),
    ("宣讲", {"保险政策宣传进村"}),
]


@pytest.mark.parametrize(("q", "expected"), FIXED_QUERIES)
def test_fixed_query_set_finds_exactly_the_expected_items(corpus, q, expected):
    assert set(titles(q)) == expected


def test_title_match_outranks_body_match(corpus):
    # Both mention 社会保险/社保; the title hit is older (30 days vs 10) and still comes first.
    assert titles("社保")[:2] == ["社保缴费基数调整的通知", "人力资源工作动态"]


def test_recency_breaks_ties_between_equal_matches(cluster, publish):
    from tests.conftest import column

    col = column(cluster["homes"]["city"], "tzgg")
    publish(col, "防汛工作通知", "<p>做好准备。</p>", days_ago=700)
    publish(col, "防汛工作通知", "<p>做好准备。</p>", days_ago=2)
    hits = selectors.search("防汛").hits
    assert hits[0].entry.published_at > hits[1].entry.published_at


def test_single_character_query_matches_inside_words(corpus):
    assert "青山镇推进网站建设工作" in titles("镇")


def test_no_hit_query_returns_nearest_matches_not_a_dead_end(corpus):
    result = selectors.search("网站建设 火星探测")
    assert result.relaxed
    assert {h.entry.title for h in result.hits} == {"青山镇推进网站建设工作", "學校網站建設與維護規範"}


def test_search_mode_sub_words_find_long_words(corpus):
    # 医疗保险 is one word in the text; a query for 医疗 still finds it.
    assert titles("医疗") == ["医疗政策问答"]


def test_empty_or_punctuation_query_gives_no_results(corpus):
    assert selectors.search("").total == 0
    assert selectors.search("，。！").total == 0


def test_phrase_needs_adjacent_words_in_order(corpus):
    # 医疗政策问答 has 保险 … 政策 apart ("大病保险的政策"): found by the words, not the phrase.
    assert "医疗政策问答" in titles("保险 政策")
    assert "医疗政策问答" not in titles('"保险政策"')
    # Reversed order matches nothing exactly; what is shown is marked as nearest matches.
    assert selectors.search('"政策 保险"').relaxed


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimated-count plan is PostgreSQL's own")
def test_common_query_plan_gives_the_same_hits_as_the_exact_plan(corpus, monkeypatch):
    from govportal.search.backends import PostgresBackend

    queries = ["社保", "保险", '"保险政策"', "网站建设", "保险 政策", "宣讲"]
    exact = {q: (titles(q), titles(q, sort="date")) for q in queries}
    # Every query now counts as "very common": estimated counts, title ranking among the
    # newest items, body matches by walking the date index.
    monkeypatch.setattr(PostgresBackend, "EXACT_LIMIT", 0)
    monkeypatch.setattr(PostgresBackend, "PHRASE_EXACT_LIMIT", 0)
    for q in queries:
        result = selectors.search(q)
        assert not result.total_exact and result.total >= 1
        assert (titles(q), titles(q, sort="date")) == exact[q], q
