"""紧急信息 (issue 19, point 5): an authorised leader publishes a notice that every site of
the cluster shows at once — every page loads it from /jinji.json (the browser test in
tests/e2e/test_front_door_browser.py), site homes also render it without JavaScript — and
the site homes' pre-rendered files are refreshed, the portal's first."""

from __future__ import annotations

from django.core.cache import cache

import pytest

from govportal.cluster import actions
from govportal.cluster.models import UrgentNotice
from govportal.core.errors import InvalidInput, NotAllowed
from govportal.core.models import Role, User
from tests.conftest import column, publish_article


@pytest.fixture(autouse=True)
def _no_cached_notices():
    cache.clear()
    yield
    cache.clear()


def _notice_form(**fields):
    return {"title": "暴雨红色预警", "body": "全市中小学今日停课，请市民减少外出。", "link": "", **fields}


def test_the_city_s_leader_publishes_and_every_page_and_home_shows_the_notice(
    client, cluster, make_staff, django_capture_on_commit_callbacks
):
    leader = make_staff(cluster["agencies"]["city"], Role.LEADER)
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/jinji/", _notice_form())
    assert response.status_code == 302
    client.logout()

    payload = client.get("/jinji.json", HTTP_HOST="jyj.localhost").json()
    assert [n["title"] for n in payload["notices"]] == ["暴雨红色预警"]
    # The portal home and a department's home show it without JavaScript (re-rendered homes).
    for host, path in (("localhost", "/"), ("jyj.localhost", "/"), ("localhost", "/qsz/")):
        html = client.get(path, HTTP_HOST=host).content.decode()
        banner = html.split('id="urgent-banner"', 1)[1].split("</div></div>", 1)[0]
        assert "暴雨红色预警" in banner and "全市中小学今日停课" in banner and " hidden" not in banner.split(">")[0]
    # The portal home shows it first: before the header and everything in the page.
    portal = client.get("/", HTTP_HOST="localhost").content.decode()
    assert portal.index("暴雨红色预警") < portal.index('class="site-header"')
    # Other pages carry the banner's place and the address it is loaded from (site.js).
    article = publish_article(column(cluster["homes"]["edu"], "tzgg"), "关于秋季开学的通知")
    html = client.get(article.get_url_parts()[2], HTTP_HOST="jyj.localhost").content.decode()
    assert 'id="urgent-banner"' in html and 'data-src="/jinji.json"' in html


def test_withdrawing_the_notice_removes_the_banner(client, cluster, make_staff, django_capture_on_commit_callbacks):
    leader = make_staff(cluster["agencies"]["city"], Role.LEADER)
    with django_capture_on_commit_callbacks(execute=True):
        notice = actions.urgent_notice_publish(actor=leader, title="停水通知", body="中心区今晚停水。")
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/jinji/{notice.pk}/withdraw/").status_code == 302
    client.logout()
    assert client.get("/jinji.json", HTTP_HOST="localhost").json() == {"notices": []}
    html = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "停水通知" not in html
    assert UrgentNotice.objects.get(pk=notice.pk).withdrawn_by == leader


@pytest.mark.parametrize(
    ("who", "role"), [("edu", Role.LEADER), ("city", Role.EDITOR), ("city", Role.REVIEWER), ("town", Role.LEADER)]
)
def test_only_the_city_s_leaders_may_publish(client, cluster, make_staff, who, role):
    user = make_staff(cluster["agencies"][who], role)
    client.force_login(user)
    assert client.get("/admin/jinji/").status_code == 404
    assert client.post("/admin/jinji/", _notice_form()).status_code == 404
    assert not UrgentNotice.objects.exists()
    with pytest.raises(NotAllowed):
        actions.urgent_notice_publish(actor=user, title="x", body="y")


def test_the_information_office_may_publish(client, cluster):
    office = User.objects.create_superuser("office", password="demo-pass-123")
    client.force_login(office)
    assert client.get("/admin/jinji/").status_code == 200
    assert client.post("/admin/jinji/", _notice_form()).status_code == 302
    assert UrgentNotice.objects.filter(published_by=office).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "请填写紧急信息的标题"),
        ({"title": "标" * 61}, "标题"),
        ({"body": ""}, "请填写紧急信息的内容"),
        ({"body": "内" * 501}, "内容"),
        ({"link": "javascript:alert(1)"}, "详情链接"),
        ({"title": "\x00"}, ""),
    ],
)
def test_bad_input_is_refused_in_chinese(client, cluster, make_staff, fields, message):
    client.force_login(make_staff(cluster["agencies"]["city"], Role.LEADER))
    response = client.post("/admin/jinji/", _notice_form(**fields))
    assert 400 <= response.status_code < 500
    assert message in response.content.decode()
    assert not UrgentNotice.objects.exists()


def test_the_action_checks_its_input_too(cluster, make_staff):
    leader = make_staff(cluster["agencies"]["city"], Role.LEADER)
    with pytest.raises(InvalidInput):
        actions.urgent_notice_publish(actor=leader, title="  ", body="内容")


def test_publishing_refreshes_every_site_home_s_file_portal_first(cluster, make_staff, purged, commit):
    leader = make_staff(cluster["agencies"]["city"], Role.LEADER)
    commit(actions.urgent_notice_publish, actor=leader, title="暴雨红色预警", body="全市中小学今日停课。")
    purged_entries = set().union(*purged)
    for host, path in (("localhost", "/"), ("jyj.localhost", "/"), ("localhost", "/qsz/"), ("localhost", "/qsz/dpc/")):
        assert any(e[0] == host and e[1] == path for e in purged_entries), (host, path)
    first = purged[0]
    assert ("localhost", "/") in {(e[0], e[1]) for e in first}
