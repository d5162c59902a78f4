"""Only what an anonymous reader would see is stored: never a page rendered for a session
(a logged-in editor, a citizen with a CSRF or message cookie), never a query other than
?page=N, and each display variant (关怀版, 繁體) in its own tree."""

from __future__ import annotations

from django.test import Client

import pytest

from govportal.core.models import Role
from govportal.prerender import store
from tests.conftest import column, publish_article

pytestmark = pytest.mark.django_db


def stored(prerender_dir) -> set[str]:
    return store.stored_files()


def test_an_anonymous_read_is_stored_and_read_back_as_the_same_bytes(cluster, prerender_dir):
    response = Client().get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["X-Prerender"] == "stored"
    assert (prerender_dir / "std/localhost/index.html").read_bytes() == response.content


def test_a_logged_in_editor_gets_a_live_page_and_nothing_is_stored(cluster, prerender_dir, make_staff):
    editor = make_staff(cluster["agencies"]["city"], Role.EDITOR)
    client = Client()
    client.force_login(editor)
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "X-Prerender" not in response
    assert stored(prerender_dir) == set()


def test_a_request_with_a_personal_cookie_is_never_stored(cluster, prerender_dir):
    for cookie in ["sessionid", "csrftoken", "messages", "django_language"]:
        client = Client()
        client.cookies[cookie] = "x"
        assert client.get("/", HTTP_HOST="localhost").status_code == 200
        assert stored(prerender_dir) == set(), cookie


def test_a_page_rendered_for_another_browser_language_is_not_stored(cluster, prerender_dir):
    assert Client().get("/", HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="zh-TW").status_code == 200
    assert stored(prerender_dir) == set()
    assert Client().get("/", HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="zh-CN,en;q=0.5").status_code == 200
    assert stored(prerender_dir) == {"std/localhost/index.html"}


def test_display_variants_are_stored_apart(cluster, prerender_dir):
    elder = Client()
    elder.cookies["gp_elder"] = "1"
    hant = Client()
    hant.cookies["gp_script"] = "hant"
    both = Client()
    both.cookies["gp_elder"] = "1"
    both.cookies["gp_script"] = "hant"
    for client in (Client(), elder, hant, both):
        assert client.get("/", HTTP_HOST="localhost").status_code == 200
    assert stored(prerender_dir) == {
        "std/localhost/index.html",
        "elder/localhost/index.html",
        "hant/localhost/index.html",
        "elder-hant/localhost/index.html",
    }
    assert 'class="elder"' in (prerender_dir / "elder/localhost/index.html").read_text()
    assert 'class="elder"' not in (prerender_dir / "std/localhost/index.html").read_text()
    assert "無障礙聲明" in (prerender_dir / "hant/localhost/index.html").read_text()
    assert "无障碍声明" in (prerender_dir / "std/localhost/index.html").read_text()


def test_list_pages_and_feeds_are_stored_other_queries_are_not(cluster, prerender_dir, settings):
    settings.GOVPORTAL_ARTICLES_PER_PAGE = 1
    col = column(cluster["homes"]["edu"], "gzdt")
    enabled, settings.PRERENDER_DIR = settings.PRERENDER_DIR, ""
    publish_article(col, "第一篇")
    publish_article(col, "第二篇")
    settings.PRERENDER_DIR = enabled
    client = Client()
    for url in ["/gzdt/", "/gzdt/?page=2", "/gzdt/rss/", "/gzdt/?page=2&x=1", "/gzdt/?utm=1"]:
        assert client.get(url, HTTP_HOST="jyj.localhost").status_code == 200
    assert stored(prerender_dir) == {
        "std/jyj.localhost/gzdt/index.html",
        "std/jyj.localhost/gzdt/index-p2.html",
        "std/jyj.localhost/gzdt/rss/index.xml",
    }


def test_not_found_and_non_page_views_are_not_stored(cluster, prerender_dir):
    client = Client()
    assert client.get("/no-such-page/", HTTP_HOST="localhost").status_code == 404
    assert client.get("/accessibility/", HTTP_HOST="localhost").status_code == 200
    assert client.get("/search/?q=通知", HTTP_HOST="localhost").status_code == 200
    assert stored(prerender_dir) == set()


def test_a_page_behind_a_password_or_login_is_never_stored(cluster, prerender_dir):
    from wagtail.models import PageViewRestriction

    edu = cluster["homes"]["edu"]
    protected = column(edu, "gzdt")
    login_only = column(edu, "tzgg")
    PageViewRestriction.objects.create(page=protected, restriction_type="password", password="s3cret")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    client = Client()
    assert client.get("/gzdt/", HTTP_HOST="jyj.localhost").status_code == 200  # the password form
    assert client.get("/tzgg/", HTTP_HOST="jyj.localhost").status_code == 302  # to the login page
    assert stored(prerender_dir) == set()


def test_a_purge_during_a_render_keeps_the_stale_rendering_out(cluster, prerender_dir, monkeypatch):
    from govportal.prerender import middleware

    real = middleware.PrerenderMiddleware._store

    def purge_then_store(self, request, response, since):
        store.purge([store.Entry("localhost", "/", "index.html")])  # an edit committed meanwhile
        return real(self, request, response, since)

    monkeypatch.setattr(middleware.PrerenderMiddleware, "_store", purge_then_store)
    assert Client().get("/", HTTP_HOST="localhost").status_code == 200
    assert stored(prerender_dir) == set()


def test_embedded_default_stores_nothing(cluster, settings, tmp_path):
    settings.PRERENDER_DIR = ""
    response = Client().get("/", HTTP_HOST="localhost")
    assert response.status_code == 200 and "X-Prerender" not in response
    assert not any(tmp_path.iterdir())


def test_prerender_clear_empties_every_variant(cluster, prerender_dir):
    from django.core.management import call_command

    elder = Client()
    elder.cookies["gp_elder"] = "1"
    Client().get("/", HTTP_HOST="localhost")
    elder.get("/", HTTP_HOST="localhost")
    assert len(stored(prerender_dir)) == 2
    call_command("prerender_clear")
    assert stored(prerender_dir) == set()


def test_restricting_a_stored_page_drops_the_files_that_showed_it(
    cluster, prerender_dir, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    edu = cluster["homes"]["edu"]
    news = column(edu, "gzdt")
    publish_article(news, "内部通报")
    client = Client()
    for url in ("/", "/gzdt/"):
        assert client.get(url, HTTP_HOST="jyj.localhost").status_code == 200
    assert stored(prerender_dir)  # home and column stored for anonymous readers
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=news, restriction_type="login")
    assert stored(prerender_dir) == set()
    assert client.get("/gzdt/", HTTP_HOST="jyj.localhost").status_code == 302  # live: to the login page
    assert stored(prerender_dir) == set()


def test_only_registered_site_hostnames_get_stored_trees(cluster, prerender_dir):
    """`ALLOWED_HOSTS = .localhost` answers any made-up name with the default site; those
    answers must not each grow a new tree on the disk (issue 16)."""
    for n in range(3):
        response = Client().get("/", HTTP_HOST=f"made-up-{n}.localhost")
        assert response.status_code == 200 and "X-Prerender" not in response
    assert Client().get("/", HTTP_HOST="jyj.localhost")["X-Prerender"] == "stored"
    assert stored(prerender_dir) == {"std/jyj.localhost/index.html"}
