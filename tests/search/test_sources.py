"""A newly registered source needs nothing else from search: indexed after commit, faceted,
filterable by type, found by the API, rebuilt — shown with a test-only source over a model
that has nothing to do with search (core.Agency: name as title, functions as body)."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from govportal.core.models import Agency
from govportal.search import selectors, sources
from govportal.search.models import SearchEntry


def agency_document(agency):
    # "Public" when it has a description and is not marked internal; otherwise never found.
    if not agency.functions or agency.functions.startswith("内部"):
        return None
    return sources.Document(
        object_id=agency.pk,
        title=agency.name,
        body=agency.functions,
        url=f"/test-items/{agency.pk}/",
        published_at=timezone.now(),
        agency_id=agency.pk,
        site_name="测试来源",
        is_repealed="已废止" in agency.functions,
    )


@pytest.fixture
def test_source():
    sources.register(
        sources.SearchSource(
            key="testitem",
            label="测试事项",
            order=50,
            items=lambda: Agency.objects.exclude(functions="").order_by("pk"),
            document=agency_document,
            model=Agency,
        )
    )
    yield
    sources.unregister("testitem")


@pytest.fixture
def save(django_capture_on_commit_callbacks, make_agency):
    def do(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_agency(**fields)

    return do


def titles(q, **kwargs):
    return [h.entry.title for h in selectors.search(q, **kwargs).hits]


def test_saved_item_of_a_new_source_is_found_with_its_own_facet(test_source, save, client):
    save(name="示例市医疗保障局", functions="负责城乡居民医疗保险参保登记和待遇支付。")
    assert titles("医疗保险") == ["示例市医疗保障局"]
    data = client.get("/api/v1/search", {"q": "医保", "type": "testitem"}).json()
    assert [r["title"] for r in data["results"]] == ["示例市医疗保障局"]
    assert data["results"][0]["type_label"] == "测试事项"
    assert {"type": "testitem", "label": "测试事项", "count": 1, "count_exact": True} in data["facets"]
    html = client.get("/search/", {"q": "医疗保险"}).content.decode()
    assert "测试事项（1）" in html


def test_edit_withdraw_and_delete_follow_the_item(test_source, save, django_capture_on_commit_callbacks):
    agency = save(name="示例市退役军人事务局", functions="负责退役军人安置和优抚工作。")
    assert titles("优抚") == ["示例市退役军人事务局"]
    agency.functions = "负责退役军人就业创业服务。"
    with django_capture_on_commit_callbacks(execute=True):
        agency.save()
    assert titles("优抚") == [] and titles("就业创业") == ["示例市退役军人事务局"]
    agency.functions = "内部：就业创业服务台账"
    with django_capture_on_commit_callbacks(execute=True):
        agency.save()
    assert titles("就业创业") == []
    agency.functions = "负责退役军人就业创业服务。"
    with django_capture_on_commit_callbacks(execute=True):
        agency.save()
    assert titles("就业创业") == ["示例市退役军人事务局"]
    with django_capture_on_commit_callbacks(execute=True):
        agency.delete()
    assert not SearchEntry.objects.filter(source="testitem").exists()


def test_private_item_is_never_indexed(test_source, save):
    save(name="示例市保密办公室", functions="内部：涉密载体管理")
    assert titles("涉密") == []
    assert not SearchEntry.objects.filter(source="testitem").exists()


def test_rebuild_indexes_and_prunes_a_new_source(test_source, make_agency):
    # Created without running the commit hooks: only the rebuild can index them.
    make_agency(name="示例市数据局", functions="负责政务数据共享开放。")
    make_agency(name="示例市档案馆", functions="内部：档案数字化")
    SearchEntry.objects.create(source="testitem", object_id=999999, title="已删除的事项", url="/x/")
    out = io.StringIO()
    call_command("rebuild_search_index", "--source", "testitem", "--no-progress", stdout=out)
    assert titles("数据共享") == ["示例市数据局"]
    assert set(SearchEntry.objects.filter(source="testitem").values_list("title", flat=True)) == {"示例市数据局"}
    assert "测试事项: 1 条已索引" in out.getvalue()


def test_repealed_item_is_found_and_marked(test_source, save, client):
    save(name="示例市原物价局", functions="已废止：原负责价格监督检查工作。")
    data = client.get("/api/v1/search", {"q": "价格监督"}).json()
    assert [(r["title"], r["is_repealed"]) for r in data["results"]] == [("示例市原物价局", True)]
    assert "已废止" in client.get("/search/", {"q": "价格监督"}).content.decode()
