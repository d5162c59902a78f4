"""网上办事大厅 pages for anonymous readers: the list and each 办事指南 are stored like
published pages and refreshed, once per transaction, when what they show changes."""

from __future__ import annotations

import pytest

from govportal.servicehall.models import ServiceFAQ, ServiceTopic

pytestmark = pytest.mark.django_db

GUIDE = "/banshi/shixiang/430100-SJ-0001/"


@pytest.fixture
def host(db):
    """A site for the files to be refreshed on (the hall's pages are on every host)."""
    from wagtail.models import Page, Site

    from tests.conftest import ensure_wagtail_base

    ensure_wagtail_base()
    return Site.objects.create(hostname="localhost", root_page=Page.objects.get(depth=1))


def paths(purged) -> set:
    return {(path, name) for batch in purged for (_host, path, name) in batch}


def test_an_anonymous_guide_and_the_list_are_stored(hall, host, client, prerender_dir):
    from govportal.prerender import store

    assert client.get(GUIDE, HTTP_HOST="localhost").status_code == 200
    assert client.get("/banshi/", HTTP_HOST="localhost").status_code == 200
    for path in (GUIDE, "/banshi/"):
        entry = store.file_path(store.variant_of(elder=False, traditional=False), "localhost", path, "index.html")
        assert entry is not None and entry.exists(), path


def test_editing_an_item_refreshes_its_guide_and_the_list_once(hall, host, commit, purged):
    item = hall["item"]

    def edit():
        item.fees = "免费"
        item.save()
        ServiceFAQ.objects.create(item=item, question="需要现场核查吗？", answer="需要。")
        ServiceFAQ.objects.create(item=item, question="多久办结？", answer="10个工作日。")

    commit(edit)
    assert len(purged) == 1  # one refresh for the whole transaction
    assert paths(purged) == {(GUIDE, "index*"), ("/banshi/", "index*")}


def test_a_new_code_refreshes_the_old_guide_too(hall, host, commit, purged):
    item = hall["item"]

    def recode():
        item.code = "430100-SJ-0009"
        item.save()

    commit(recode)
    assert {(GUIDE, "index*"), ("/banshi/shixiang/430100-SJ-0009/", "index*")} <= paths(purged)


def test_a_theme_refreshes_the_list_and_an_agency_its_guides(hall, host, commit, purged):
    commit(ServiceTopic.objects.create, slug="xyjz", name="新建住宅", kind="theme")
    assert paths(purged) == {("/banshi/", "index*")}
    purged.clear()
    fire = hall["agencies"]["fire"]  # co-handles the item

    def rename():
        fire.name = "示例市消防救援支队（更名）"
        fire.save()

    commit(rename)
    assert (GUIDE, "index*") in paths(purged)


def test_a_rolled_back_edit_refreshes_nothing_and_the_next_one_does(hall, host, commit, purged):
    from django.db import transaction

    item = hall["item"]
    with pytest.raises(RuntimeError), transaction.atomic():
        item.fees = "回滚"
        item.save()
        raise RuntimeError
    commit(lambda: None)
    assert purged == []

    def edit():
        item.fees = "免费"
        item.save()

    commit(edit)
    assert (GUIDE, "index*") in paths(purged)


def test_with_nothing_pre_rendered_an_edit_costs_no_extra_queries(hall, settings):
    """The embedded default (no PRERENDER_DIR) pays nothing for the refresh receivers."""
    from django.db import connection
    from django.db.models.signals import post_save, pre_save
    from django.test.utils import CaptureQueriesContext

    from govportal.core.models import Agency
    from govportal.servicehall import publishing
    from govportal.servicehall.models import ServiceItem

    settings.PRERENDER_DIR = ""
    item, agency = hall["item"], hall["agencies"]["fire"]

    def cost() -> int:
        with CaptureQueriesContext(connection) as q:
            item.save()
            agency.save()
        return len(q.captured_queries)

    with_receivers = cost()
    pre_save.disconnect(sender=ServiceItem, dispatch_uid="servicehall_prerender_item_pre")
    post_save.disconnect(sender=Agency, dispatch_uid="servicehall_prerender_agency_save")
    try:
        without = cost()
    finally:
        publishing.connect()
    assert with_receivers == without
