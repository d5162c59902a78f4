"""The index follows publishing (signal → on_commit → task), and the rebuild command."""

from __future__ import annotations

import io

from django.core.management import call_command

from govportal.search import selectors
from govportal.search.models import SearchEntry, SynonymGroup
from tests.conftest import column


def found(q) -> list[str]:
    return [h.entry.title for h in selectors.search(q).hits]


def test_published_article_is_found_after_commit(cluster, publish):
    publish(column(cluster["homes"]["edu"], "tzgg"), "秋季学期义务教育招生公告")
    assert found("招生") == ["秋季学期义务教育招生公告"]


def test_edit_republished_updates_the_index(cluster, publish, django_capture_on_commit_callbacks):
    article = publish(column(cluster["homes"]["edu"], "tzgg"), "秋季学期招生公告")
    article.title = "春季学期招生公告"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert found("招生") == ["春季学期招生公告"]
    assert found("秋季") == []


def test_unpublished_article_is_gone(cluster, publish, django_capture_on_commit_callbacks):
    article = publish(column(cluster["homes"]["edu"], "tzgg"), "秋季学期招生公告")
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert found("招生") == []


def test_deleted_article_is_gone(cluster, publish, django_capture_on_commit_callbacks):
    article = publish(column(cluster["homes"]["edu"], "tzgg"), "秋季学期招生公告")
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert found("招生") == []
    assert not SearchEntry.objects.exists()


def test_moved_article_follows_its_new_site(cluster, publish, django_capture_on_commit_callbacks):
    article = publish(column(cluster["homes"]["edu"], "tzgg"), "秋季学期招生公告")
    target = column(cluster["homes"]["town"], "tzgg")
    with django_capture_on_commit_callbacks(execute=True):
        article.move(target, pos="last-child")
    entry = SearchEntry.objects.get()
    assert entry.site_id == cluster["homes"]["town"].pk and entry.column_id == target.pk


def test_nothing_is_indexed_before_the_transaction_commits(cluster, django_capture_on_commit_callbacks):
    from tests.conftest import publish_article

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_article(column(cluster["homes"]["edu"], "tzgg"), "秋季学期招生公告")
        assert found("招生") == []
    assert callbacks  # the index task waits for the commit


def test_rebuild_indexes_everything_public_and_drops_stale_rows(cluster, publish):
    from tests.conftest import draft_article, publish_article

    edu = column(cluster["homes"]["edu"], "tzgg")
    publish_article(edu, "未经信号发布的公告")  # not indexed: no commit hooks ran
    draft_article(edu, "草稿公告")
    SearchEntry.objects.create(source="article", object_id=999999, title="残留", url="/x/")
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=io.StringIO())
    assert found("公告") == ["未经信号发布的公告"]
    assert not SearchEntry.objects.filter(object_id=999999).exists()
    assert "文章" in out.getvalue()


def test_rebuild_indexes_single_page_columns(cluster):
    from govportal.cluster.models import ColumnLayout, ColumnPage

    page = ColumnPage.objects.filter(layout=ColumnLayout.SINGLE).first()
    page.body = "<p>本单位负责全市饮用水源保护工作。</p>"
    page.save_revision().publish()
    call_command("rebuild_search_index", stdout=io.StringIO(), stderr=io.StringIO())
    hits = selectors.search("饮用水源").hits
    assert [h.entry.object_id for h in hits] == [page.pk] and hits[0].type_label == "栏目页面"


def test_synonym_added_in_admin_takes_effect_on_the_next_query(admin_client, cluster, publish):
    publish(column(cluster["homes"]["city"], "tzgg"), "新能源汽车充电桩建设")
    assert found("电动汽车") == []
    response = admin_client.post("/admin/search-synonyms/new/", {"terms": "电动汽车 = 新能源汽车", "note": ""})
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="电动汽车 = 新能源汽车").exists()
    assert found("电动汽车") == ["新能源汽车充电桩建设"]


def test_agency_staff_cannot_open_the_synonym_admin(client, cluster, make_staff):
    editor = make_staff(cluster["agencies"]["edu"])
    client.force_login(editor)
    response = client.get("/admin/search-synonyms/")
    assert response.status_code in (302, 403)
