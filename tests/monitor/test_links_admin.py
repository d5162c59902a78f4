"""链接检查 in the 网站监管 submenu: staff see the broken links of their own agency's sites with
the pages they appear on; another agency's address is a 404 (also for "recheck now"); the
information office sees every site; the export is an .xlsx; bad input answers 4xx."""

from __future__ import annotations

from io import BytesIO

from django.test import Client
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from govportal.core.linkcheck import LinkResult
from govportal.core.models import User
from govportal.monitor.links import actions
from govportal.monitor.links.collect import Reference
from govportal.monitor.links.models import LinkTarget
from tests.conftest import column, publish_article
from tests.monitor import linkserver

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def server():
    httpd, url = linkserver.start()
    yield url
    httpd.shutdown()


@pytest.fixture
def links(cluster, server, settings):
    settings.GOVPORTAL_LINKCHECK_ALLOW_PRIVATE_HOSTS = ["127.0.0.1"]
    settings.GOVPORTAL_MONITOR_LINK_FAILURES = 2
    edu, town = cluster["homes"]["edu"], cluster["homes"]["town"]
    edu_page = publish_article(column(edu, "gzdt"), "教育局含坏链文章")
    town_page = publish_article(column(town, town.get_children().live().first().slug), "青山镇含坏链文章")
    urls = {"edu": f"{server}/toggle", "town": "https://old.qsz.invalid/a.html"}
    actions.links_found(
        references=[
            Reference(edu_page.pk, edu.pk, edu.agency_id, "a", urls["edu"], False, urls["edu"]),
            Reference(town_page.pk, town.pk, town.agency_id, "a", urls["town"], False, urls["town"]),
        ]
    )
    found = {key: LinkTarget.objects.get(url=url) for key, url in urls.items()}
    for target in found.values():
        for _ in range(2):
            actions.link_checked(target_id=target.pk, result=LinkResult(ok=False, status=404, error="HTTP 404"))
    return {**found, "edu_page": edu_page}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_see_their_own_sites_broken_links_with_edit_links(cluster, links, make_staff):
    client = _client(make_staff(cluster["agencies"]["edu"]))
    body = client.get(reverse("monitor_links:index")).content.decode()
    assert links["edu"].url in body and "old.qsz.invalid" not in body
    assert reverse("wagtailadmin_pages:edit", args=[links["edu_page"].pk]) in body
    assert "HTTP 404" in body and "连续失败 2 次" in body


def test_another_agencys_address_is_a_404_even_for_recheck(cluster, links, make_staff):
    client = _client(make_staff(cluster["agencies"]["edu"]))
    assert client.post(reverse("monitor_links:recheck", args=[links["town"].pk])).status_code == 404
    town_site = cluster["homes"]["town"]
    assert client.get(reverse("monitor_links:index"), {"site": town_site.pk}).status_code == 404
    assert client.get(reverse("monitor_links:index"), {"site": "１２"}).status_code == 404  # full-width digits


def test_recheck_now_records_the_answer(cluster, links, make_staff):
    client = _client(make_staff(cluster["agencies"]["edu"]))
    linkserver.STATE["toggle"] = 200
    try:
        response = client.post(reverse("monitor_links:recheck", args=[links["edu"].pk]), follow=True)
    finally:
        linkserver.STATE["toggle"] = 404
    assert "链接已恢复可用" in response.content.decode()
    links["edu"].refresh_from_db()
    assert links["edu"].ok and not links["edu"].broken
    assert client.get(reverse("monitor_links:recheck", args=[links["edu"].pk])).status_code == 405


def test_the_information_office_sees_every_site_and_exports(cluster, links):
    office = User.objects.create_superuser("xxb_links", password=None)
    client = _client(office)
    body = client.get(reverse("monitor_links:index")).content.decode()
    assert links["edu"].url in body and "old.qsz.invalid" in body
    response = client.get(reverse("monitor_links:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][1] == "链接地址" and {r[1] for r in rows[1:]} == {links["edu"].url, links["town"].url}


def test_citizens_and_staff_without_an_agency_get_404(cluster, links):
    nobody = User.objects.create_user("nobody", password="x-1234567890")
    assert _client(nobody).get(reverse("monitor_links:index")).status_code in (302, 404)
