"""The cluster-wide link checker on built pages: links of published pages collected from
their stored content, internal ones resolved without the network (live and deleted pages,
documents, images, routes), external ones checked against a local server with per-host
pauses, a cap per run, results cached and re-checked after N days, a link broken after N
failures in a row — through the daily job, the command and the admin's recheck."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine

from govportal.core.scheduler import registered_jobs
from govportal.monitor.links import checker
from govportal.monitor.links.models import LinkKind, LinkOccurrence, LinkTarget
from tests.conftest import column, publish_article
from tests.monitor import linkserver

pytestmark = pytest.mark.django_db
T0 = timezone.datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(480))


@pytest.fixture(scope="module")
def server():
    httpd, url = linkserver.start()
    yield url
    httpd.shutdown()


@pytest.fixture
def knobs(settings):
    settings.GOVPORTAL_LINKCHECK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    settings.GOVPORTAL_LINKCHECK_TIMEOUT = 1
    settings.GOVPORTAL_MONITOR_LINK_HOST_DELAY = 3
    settings.GOVPORTAL_MONITOR_LINK_FAILURES = 2
    settings.GOVPORTAL_MONITOR_LINK_RECHECK_DAYS = 7
    settings.GOVPORTAL_MONITOR_LINK_MAX_PER_RUN = 100
    return settings


def _target(url: str) -> LinkTarget:
    return LinkTarget.objects.get(url=url)


def _run(pauses: list | None = None):
    return checker.run(sleep=(pauses if pauses is not None else []).append, clock=lambda: 0.0)


def test_external_and_internal_links_are_checked_cached_and_broken_after_two_failures(cluster, server, knobs):
    edu = cluster["homes"]["edu"]
    with time_machine.travel(T0, tick=False):
        live = publish_article(column(edu, "gzdt"), "仍在的文章")
        gone = publish_article(column(edu, "gzdt"), "将被删除的文章")
        body = (
            f'<p><a href="{server}/ok">正常</a> <a href="{server}/missing">失效</a> '
            f'<a href="{server}/nohead">只认GET</a> <a href="{server}/moved">已搬家</a> '
            f'<a linktype="page" id="{live.pk}">站内文章</a> <a linktype="page" id="{gone.pk}">已删文章</a> '
            f'<a href="http://jyj.localhost{live.url_path[len(edu.url_path) - 1 :]}">站内网址</a> '
            '<a href="/no-such-column/">站内错误网址</a> <a href="mailto:jyj@example.gov.cn">邮件</a></p>'
        )
        linker = publish_article(column(edu, "tzgg"), "含链接的通知", body=body)
        gone.delete()
        linkserver.SEEN.clear()
        pauses: list[float] = []
        summary = _run(pauses)

    assert summary.external == 4
    assert pauses == [3, 3, 3]  # one host: every request after the first waited
    assert {p for _m, p in linkserver.SEEN} == {"/ok", "/missing", "/nohead", "/moved"}
    ok, missing = _target(f"{server}/ok"), _target(f"{server}/missing")
    assert ok.ok and ok.kind == LinkKind.EXTERNAL and ok.checked_at == T0
    assert missing.ok is False and missing.failures == 1 and not missing.broken  # one failure: not yet
    assert missing.status == 404 and missing.first_failed_at == T0
    assert _target(f"{server}/nohead").ok and _target(f"{server}/moved").ok
    assert _target(f"page:{live.pk}").ok
    assert _target(f"page:{gone.pk}").broken  # internal: broken at once
    assert _target(f"page:{gone.pk}").error == "页面不存在或未发布"
    assert _target(f"http://jyj.localhost{live.url_path[len(edu.url_path) - 1 :]}").ok
    assert _target("http://jyj.localhost/no-such-column/").broken
    assert not LinkTarget.objects.filter(url__startswith="mailto").exists()
    assert LinkOccurrence.objects.filter(page=linker, site=edu, agency=edu.agency).count() == 8

    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        linkserver.SEEN.clear()
        summary = _run()
    assert linkserver.SEEN == [("HEAD", "/missing")]  # the working ones are cached
    missing.refresh_from_db()
    assert missing.broken and missing.failures == 2 and missing.first_failed_at == T0

    with time_machine.travel(T0 + timedelta(days=8), tick=False):
        linkserver.SEEN.clear()
        _run()
    assert ("HEAD", "/ok") in linkserver.SEEN  # re-checked after MONITOR_LINK_RECHECK_DAYS


def test_a_slow_host_times_out_and_the_cap_leaves_the_rest_for_the_next_run(cluster, server, knobs):
    knobs.GOVPORTAL_MONITOR_LINK_MAX_PER_RUN = 2
    edu = cluster["homes"]["edu"]
    with time_machine.travel(T0, tick=False):
        publish_article(
            column(edu, "gzdt"),
            "三个外链",
            body=f'<p><a href="{server}/slow">慢</a><a href="{server}/error">错</a><a href="{server}/ok">好</a></p>',
        )
        assert _run().external == 2
        assert LinkTarget.objects.filter(kind=LinkKind.EXTERNAL, checked_at__isnull=True).count() == 1
    slow = _target(f"{server}/slow")
    assert slow.error == "连接超时" or slow.checked_at is None
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        _run()
    for url, error in ((f"{server}/slow", "连接超时"), (f"{server}/error", "HTTP 500")):
        assert _target(url).error == error


def test_unpublished_pages_no_longer_count_and_their_addresses_are_forgotten(cluster, server, knobs):
    edu = cluster["homes"]["edu"]
    article = publish_article(column(edu, "gzdt"), "将撤下", body=f'<p><a href="{server}/missing">失效</a></p>')
    _run()
    assert LinkTarget.objects.filter(url=f"{server}/missing").exists()
    article.unpublish()
    _run()
    assert not LinkTarget.objects.filter(url=f"{server}/missing").exists()


def test_images_documents_and_external_images_are_collected(cluster, server, knobs):
    edu = cluster["homes"]["edu"]
    publish_article(
        column(edu, "gzdt"),
        "图片",
        body=f'<p><img src="{server}/missing" alt="外图"></p><embed embedtype="image" id="999999" format="fullwidth" alt="x"/>'
        '<p><a linktype="document" id="999998">附件</a></p>',
    )
    _run()
    assert LinkOccurrence.objects.get(target__url=f"{server}/missing").tag == "img"
    assert _target("image:999999").broken and _target("image:999999").error == "图片不存在"
    assert _target("document:999998").broken


def test_a_link_that_answers_again_is_no_longer_broken(cluster, server, knobs):
    knobs.GOVPORTAL_MONITOR_LINK_FAILURES = 1
    linkserver.STATE["toggle"] = 404
    edu = cluster["homes"]["edu"]
    publish_article(column(edu, "gzdt"), "时好时坏", body=f'<p><a href="{server}/toggle">链接</a></p>')
    _run()
    assert _target(f"{server}/toggle").broken
    linkserver.STATE["toggle"] = 200
    try:
        _run()  # a failing address is due every run
    finally:
        linkserver.STATE["toggle"] = 404
    target = _target(f"{server}/toggle")
    assert target.ok and not target.broken and target.failures == 0 and target.first_failed_at is None


def test_the_daily_job_and_the_command(cluster, server, knobs):
    assert "monitor_link_check" in {job.name for job in registered_jobs()}
    edu = cluster["homes"]["edu"]
    publish_article(column(edu, "gzdt"), "命令", body=f'<p><a href="{server}/missing">失效</a></p>')
    out = StringIO()
    call_command("check_links", stdout=out)
    assert "链接检查完成" in out.getvalue()
    assert LinkTarget.objects.get(url=f"{server}/missing").failures == 1


def test_addresses_refused_before_a_request_cost_no_pause(cluster, knobs):
    edu = cluster["homes"]["edu"]
    publish_article(
        column(edu, "gzdt"),
        "旧网站链接",
        body='<p><a href="http://old.shili.invalid/a.html">旧1</a><a href="http://old.shili.invalid/b.html">旧2</a></p>',
    )
    pauses: list[float] = []
    summary = _run(pauses)
    assert summary.external == 2 and pauses == []  # nothing was sent to the host: no politeness owed
    assert set(LinkTarget.objects.filter(host="old.shili.invalid").values_list("error", flat=True)) == {"域名不存在"}
