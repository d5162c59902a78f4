"""Search fixtures: a small hand-made corpus published through Wagtail, indexed by the real
signal → on_commit → task path (the test settings run tasks immediately)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

import pytest

from tests.conftest import column, publish_article


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish an article and run the commit hooks, as a real request would."""

    def do(col, title, body="<p>正文内容。</p>", *, days_ago=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            article = publish_article(col, title, body=body, **fields)
        if days_ago is not None:
            # first_published_at is immutable in the UI; the corpus back-dates it directly.
            when = timezone.now() - timedelta(days=days_ago)
            type(article).objects.filter(pk=article.pk).update(first_published_at=when)
            with django_capture_on_commit_callbacks(execute=True):
                from govportal.search.signals import schedule

                schedule([article.pk])
            article.refresh_from_db()
        return article

    return do


@pytest.fixture
def corpus(cluster, publish):
    homes = cluster["homes"]
    city_news = column(homes["city"], "tzgg")
    edu_news = column(homes["edu"], "tzgg")
    town_news = column(homes["town"], "tzgg")
    a = {
        "shebao_title": publish(
            city_news, "社保缴费基数调整的通知", "<p>今年起按新标准缴纳，请相关单位知悉。</p>", days_ago=30
        ),
        "shebao_body": publish(
            city_news,
            "人力资源工作动态",
            "<p>本月召开会议，研究社会保险扩面工作，并部署就业创业服务。</p>",
            days_ago=10,
        ),
        "gjj": publish(edu_news, "住房公积金提取办法解读", "<p>职工购房可以申请提取住房公积金。</p>", days_ago=60),
        "website": publish(town_news, "青山镇推进网站建设工作", "<p>镇政府门户网站完成改版。</p>", days_ago=90),
        "traditional": publish(edu_news, "學校網站建設與維護規範", "<p>各學校應當加強網站內容管理。</p>", days_ago=5),
        "phrase_split": publish(
            city_news, "医疗政策问答", "<p>城乡居民医疗保险和大病保险的政策有所调整。</p>", days_ago=3
        ),
        "phrase_exact": publish(town_news, "保险政策宣传进村", "<p>宣讲新的保险政策，发放资料。</p>", days_ago=7),
    }
    return a


@pytest.fixture(autouse=True)
def fresh_synonyms():
    """Each test reads the synonym table anew (the per-process cache outlives a rollback)."""
    from govportal.search.selectors import forget_synonyms

    forget_synonyms()
    yield
    forget_synonyms()
