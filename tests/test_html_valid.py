"""Every public page type is valid HTML: 0 errors from the W3C Nu HTML Checker (issue 19).

One page of each type is rendered from the demo cluster (small scale) and all are checked in
one run of vnu.jar (its JVM takes seconds to start). vnu.jar comes from the npm package
``vnu-jar`` pinned in tools/vnu/package-lock.json and runs on Debian's Java; `make test`
(bin/test) installs both (docs/adr/0013-output-validation.md). Every page also carries a
meta description.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

import pytest

from govportal.accessibility import display
from govportal.cluster.models import ArticlePage, ClusterNavPage, ColumnLayout, ColumnPage, SiteHomePage, SiteKind
from govportal.demo.loader import load_demo

VNU_JAR = Path(settings.BASE_DIR) / "tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(TASKS=QUEUED_TASKS):
        with transaction.atomic():
            yield load_demo(scale=0.01)
            transaction.set_rollback(True)
        cache.clear()


def _pages() -> dict[str, tuple[str, str, dict]]:
    """name → (host, path, cookies): one page of every type a citizen reaches."""
    from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage
    from govportal.enterprise.models import Enterprise, InvestmentProject
    from govportal.interaction.models import Letter, Mailbox
    from govportal.interviews.models import Interview
    from govportal.servicehall import selectors as service_selectors

    portal = "localhost"

    def where(page) -> tuple[str, str]:
        site_id, root_url, path = page.get_url_parts()
        host = root_url.split("://", 1)[1].split(":")[0]
        return host, path

    def home(kind):
        return where(SiteHomePage.objects.live().filter(kind=kind).first())

    article = ArticlePage.objects.live().filter(cover_image__isnull=False).first()
    column = ColumnPage.objects.live().filter(layout=ColumnLayout.LIST).exact_type(ColumnPage).first()
    single = ColumnPage.objects.live().filter(layout=ColumnLayout.SINGLE).exact_type(ColumnPage).first()
    index = DisclosureIndexPage.objects.live().first()
    index_host, index_path = where(index)
    document = DisclosureDocumentPage.objects.live().first()
    mailbox = Mailbox.objects.filter(is_active=True).first()
    letter = Letter.objects.filter(is_published=True).first()
    # An item applied for on this platform: online, with a published form.
    item = next(i for i in service_selectors.public_items() if service_selectors.current_form(i) is not None)
    enterprise = Enterprise.objects.filter(state="approved").first()
    project = InvestmentProject.objects.filter(is_published=True).first()
    elder = {display.ELDER_COOKIE: "1"}
    hant = {display.SCRIPT_COOKIE: display.HANT}
    # 便民服务 (govportal/convenience): 旅游文化 and the directory
    from govportal.convenience.models import DirectoryEntry, TourismEventPage, TourismIndexPage, TourismPage

    tourism = TourismIndexPage.objects.live().first()
    spot = TourismPage.objects.live().exclude(pk__in=TourismEventPage.objects.values("pk")).first()
    event = TourismEventPage.objects.live().first()
    entry = DirectoryEntry.objects.filter(is_published=True).first()
    bianmin = {
        "bianmin-home": (portal, "/bianmin/", {}),
        "directory": (portal, "/bianmin/minglu/?category=hotel", {}),
        "directory-map": (portal, "/bianmin/minglu/ditu/", {}),
        "directory-entry": (portal, f"/bianmin/minglu/{entry.pk}/", {}),
        "directory-correction": (portal, f"/bianmin/minglu/{entry.pk}/jiucuo/", {}),
        "tourism": (*where(tourism), {}),
        "tourism-calendar": (where(tourism)[0], where(tourism)[1] + "rili/", {}),
        "tourism-item": (*where(spot), {}),
        "tourism-event": (*where(event), {}),
        "elder-tourism-item": (*where(spot), elder),
        "zh-hant-directory-entry": (portal, f"/bianmin/minglu/{entry.pk}/", hant),
    }
    # 政府网站工作年度报表 (govportal/monitor/yearly): the demo publishes last year's reports.
    from govportal.monitor.yearly.models import YearlyReport

    yearly = YearlyReport.objects.filter(status="published").select_related("site").first()
    pages = {
        "yearly-reports": (portal, f"/nianbao/{yearly.site_id}/", {}),
        "yearly-report": (portal, f"/nianbao/{yearly.site_id}/{yearly.year}/", {}),
        "portal-home": (portal, "/", {}),
        "department-home": (*home(SiteKind.DEPARTMENT), {}),
        "township-home": (*home(SiteKind.TOWNSHIP), {}),
        "village-home": (*home(SiteKind.VILLAGE), {}),
        "cluster-nav": (*where(ClusterNavPage.objects.first()), {}),
        "column": (*where(column), {}),
        "single-page-column": (*where(single), {}),
        "article": (*where(article), {}),
        "disclosure-home": (portal, "/zwgk/", {}),
        "disclosure-catalogue": (index_host, index_path, {}),
        "disclosure-guide": (index_host, index_path + "zn/", {}),
        "disclosure-document": (*where(document), {}),
        "disclosure-request-form": (portal, "/zwgk/apply/", {}),
        "service-list": (portal, "/banshi/", {}),
        "service-guide": (portal, f"/banshi/shixiang/{item.code}/", {}),
        "service-apply": (portal, f"/banshi/shixiang/{item.code}/shenqing/", {}),
        "mailboxes": (portal, "/hudong/", {}),
        "letter-list": (portal, f"/hudong/{mailbox.slug}/", {}),
        "letter-form": (portal, f"/hudong/{mailbox.slug}/xiexin/", {}),
        "letter-detail": (portal, f"/hudong/xin/{letter.case.tracking_number}/", {}),
        "faq": (portal, "/hudong/rdjd/", {}),
        "interviews": (portal, "/fangtan/", {}),
        "interview-transcript": (portal, f"/fangtan/{Interview.objects.filter(state='ended').first().pk}/", {}),
        "interview-announced": (portal, f"/fangtan/{Interview.objects.get(state='announced').pk}/", {}),
        "case-lookup": (portal, "/cases/", {}),
        "search": (portal, "/search/?q=%E7%A4%BE%E4%BF%9D", {}),
        "search-nothing-found": (portal, "/search/?q=zzzzqqqq", {}),
        "accessibility": (portal, "/accessibility/", {}),
        "not-found": (portal, "/no-such-page/", {}),
        "elder-home": (portal, "/", elder),
        "elder-article": (*where(article), elder),
        "zh-hant-home": (portal, "/", hant),
        "zh-hant-letter-form": (portal, f"/hudong/{mailbox.slug}/xiexin/", hant),
        # 企业风采 and 招商引资 (govportal/enterprise)
        "enterprise-list": (portal, "/qiye/", {}),
        "enterprise-page": (portal, f"/qiye/{enterprise.pk}/", {}),
        "enterprise-apply": (portal, "/qiye/shenbao/", {}),
        "products": (portal, "/qiye/chanpin/", {}),
        "investment": (portal, "/qiye/zhaoshang/", {}),
        "investment-project": (portal, f"/qiye/zhaoshang/{project.pk}/", {}),
        "investment-enquiry": (portal, "/qiye/zhaoshang/zixun/", {}),
    }
    return pages | bianmin


def _render_all(client, tmp_path) -> dict[str, str]:
    rendered = {}
    for name, (host, path, cookies) in _pages().items():
        client.cookies.clear()
        for key, value in cookies.items():
            client.cookies[key] = value
        response = client.get(path, HTTP_HOST=host)
        expected = 404 if name == "not-found" else 200
        assert response.status_code == expected, (name, host, path, response.status_code)
        html = response.content.decode()
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
        rendered[name] = html
    return rendered


def _vnu(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is missing: make test (bin/test) installs default-jre-headless"
    assert VNU_JAR.exists(), "vnu.jar is missing: make test (bin/test) installs it with npm ci in tools/vnu"
    run = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(run.stderr)["messages"]


def test_every_page_type_is_valid_html_and_has_a_meta_description(client, db, demo, tmp_path):
    pages = _render_all(client, tmp_path)
    messages = _vnu(sorted(tmp_path.glob("*.html")))
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')} — {m.get('extract', '')!r}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
    # The checker did check them: one message list for all, no file it could not read.
    assert not [m for m in messages if m.get("type") == "non-document-error"]

    for name, html in pages.items():
        match = re.search(r'<meta name="description" content="([^"]*)"', html, re.IGNORECASE)
        assert match and len(match.group(1).strip()) >= 10, name
