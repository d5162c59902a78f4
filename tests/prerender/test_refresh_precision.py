"""Which pre-rendered files are refreshed when something is published, edited, unpublished,
moved or renamed — exactly the pages that show it, and nothing else."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

import pytest

from govportal.cluster import actions
from govportal.cluster.models import ArticlePage
from govportal.core.models import Role
from tests.conftest import column, publish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def edu(cluster, commit, settings, prerender_dir):
    """The education bureau's 工作动态 with 5 articles, 2 per list page (pages 1–3)."""
    settings.GOVPORTAL_ARTICLES_PER_PAGE = 2
    enabled, settings.PRERENDER_DIR = settings.PRERENDER_DIR, ""  # build without refreshing
    home = cluster["homes"]["edu"]
    col = column(home, "gzdt")
    base = timezone.now() - timedelta(days=10)
    articles = []
    for i in range(5):
        article = commit(publish_article, col, f"教育动态{i}")
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=base + timedelta(days=i))
        article.refresh_from_db()
        articles.append(article)
    settings.PRERENDER_DIR = enabled
    # newest first: articles[4] is position 0 (page 1), articles[0] position 4 (page 3)
    return {"home": home, "column": col, "articles": articles, "cluster": cluster}


def flat(purged) -> set:
    return set().union(*purged) if purged else set()


H = "jyj.localhost"


def test_publishing_a_new_article_refreshes_it_every_list_page_the_feed_and_the_home(edu, commit, purged):
    article = commit(publish_article, edu["column"], "新发布的教育动态")
    assert flat(purged) == {
        (H, f"/gzdt/{article.slug}/", "index.html"),
        (H, "/", "index.html"),
        (H, "/gzdt/", "index.html"),
        (H, "/gzdt/", "index-p2.html"),
        (H, "/gzdt/", "index-p3.html"),
        (H, "/gzdt/rss/", "index.xml"),
    }


def test_editing_an_article_refreshes_only_its_own_list_page(edu, commit, purged):
    oldest = edu["articles"][0]  # position 4 → page 3
    oldest.title = "教育动态0（更正）"
    commit(lambda: oldest.save_revision().publish())
    assert flat(purged) == {
        (H, f"/gzdt/{oldest.slug}/", "index.html"),
        (H, "/", "index.html"),
        (H, "/gzdt/", "index-p3.html"),
        (H, "/gzdt/rss/", "index.xml"),
    }


def test_saving_a_draft_of_a_live_article_refreshes_nothing(edu, commit, purged):
    article = edu["articles"][2]
    article.title = "尚未发布的修改"
    commit(article.save_revision)
    assert flat(purged) == set()


def test_unpublishing_refreshes_from_its_list_page_to_the_last(edu, commit, purged):
    middle = edu["articles"][2]  # position 2 → page 2; 5 articles → 4: page 3 disappears
    commit(middle.unpublish)
    assert flat(purged) == {
        (H, f"/gzdt/{middle.slug}/", "index.html"),
        (H, "/", "index.html"),
        (H, "/gzdt/", "index-p2.html"),
        (H, "/gzdt/", "index-p3.html"),
        (H, "/gzdt/rss/", "index.xml"),
        (H, "/", "index.html"),
    }


def test_moving_an_article_refreshes_both_columns_and_both_urls(edu, commit, purged):
    newest = edu["articles"][4]
    target = column(edu["home"], "tzgg")
    commit(newest.move, target, pos="last-child")
    assert flat(purged) == {
        (H, f"/gzdt/{newest.slug}/", "index.html"),
        (H, f"/tzgg/{newest.slug}/", "index.html"),
        (H, "/", "index.html"),
        (H, "/gzdt/", "index.html"),
        (H, "/gzdt/", "index-p2.html"),
        (H, "/gzdt/", "index-p3.html"),
        (H, "/gzdt/rss/", "index.xml"),
        (H, "/tzgg/", "index.html"),
        (H, "/tzgg/rss/", "index.xml"),
    }


def test_renaming_a_top_level_column_refreshes_its_site_but_not_its_sub_sites(
    cluster, client, commit, purged, prerender_dir
):
    portal = cluster["homes"]["city"]
    assert client.get("/qsz/", HTTP_HOST="localhost").status_code == 200
    assert client.get("/", HTTP_HOST="localhost").status_code == 200
    stored = {p.relative_to(prerender_dir).as_posix() for p in prerender_dir.rglob("*.html")}
    assert {"std/localhost/index.html", "std/localhost/qsz/index.html"} <= stored
    col = column(portal, "tzgg")
    col.title = "通知公告（新）"
    commit(lambda: col.save_revision().publish())
    entries = flat(purged)
    assert ("localhost", "/", "*") in entries  # the navigation bar of every portal page
    assert ("localhost", "/tzgg/", "*") in entries
    assert not any(host == "jyj.localhost" for host, _p, _n in entries)
    # The portal home was rendered again with the new name; the township's file was kept.
    assert "通知公告（新）" in (prerender_dir / "std/localhost/index.html").read_text()
    assert (prerender_dir / "std/localhost/qsz/index.html").exists()


def test_accepting_a_sync_offer_refreshes_the_portal_column_and_home_not_the_article(
    cluster, commit, purged, make_staff
):
    agencies, homes = cluster["agencies"], cluster["homes"]
    article = commit(publish_article, column(homes["edu"], "gzdt"), "全市中小学秋季开学平稳有序")
    editor = make_staff(agencies["edu"], Role.EDITOR)
    reviewer = make_staff(agencies["city"], Role.REVIEWER)
    portal_column = column(homes["city"], "bmdt")
    [offer] = commit(actions.article_offer, actor=editor, article=article, columns=[portal_column])
    purged.clear()
    commit(actions.sync_offer_accept, actor=reviewer, offer=offer)
    assert flat(purged) == {
        ("localhost", "/bmdt/", "index.html"),
        ("localhost", "/bmdt/rss/", "index.xml"),
        ("localhost", "/", "index.html"),
    }
    # …and unpublishing the original refreshes the portal column too.
    purged.clear()
    commit(article.unpublish)
    assert ("localhost", "/bmdt/", "index.html") in flat(purged)
    assert ("jyj.localhost", f"/gzdt/{article.slug}/", "index.html") in flat(purged)


def test_rolled_back_changes_refresh_nothing(edu, purged, commit):
    from django.db import transaction

    article = edu["articles"][1]
    try:
        with transaction.atomic():
            article.title = "回滚"
            article.save_revision().publish()
            raise RuntimeError
    except RuntimeError:
        pass
    commit(lambda: None)
    assert flat(purged) == set()


def test_a_change_after_a_rolled_back_one_is_still_refreshed(edu, purged, commit):
    """The rollback drops the scheduled refresh; the next change must schedule its own (the
    transaction marker is the same atomic object again, as for any decorated action)."""
    from django.db import transaction

    article = edu["articles"][4]  # position 0: page 1
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title = "回滚"
        article.save_revision().publish()
        raise RuntimeError
    article.refresh_from_db()
    article.title = "教育动态4（更正）"

    def publish():
        article.save_revision().publish()

    commit(publish)
    assert (H, f"/gzdt/{article.slug}/", "index.html") in flat(purged)
    assert (H, "/gzdt/", "index.html") in flat(purged)
