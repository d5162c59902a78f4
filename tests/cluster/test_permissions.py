"""The permission matrix: roles × agencies × actions over HTTP (foundation issue, item 6).

An agency's staff edit only their own site or sub-site and never see another agency's
drafts — not in the explorer, the page chooser, admin search, previews or public URLs.
Publishing goes through the review (only the information office, superusers, may publish
directly); offers to the portal are made by the article's own agency and decided by the
portal's reviewers. Every cell of the table is computed over HTTP and compared at once.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page

import pytest

from govportal.cluster import actions
from govportal.cluster.models import SiteKind, SyncOffer, SyncStatus
from govportal.cluster.permissions import agency_collection
from govportal.core.models import AgencyKind, Role, User
from tests.cluster.admin_helpers import article_form_data, edit_url
from tests.conftest import column, draft_article, publish_article

OBJECTS = ["a_draft", "b_draft", "a_live", "village_draft", "town_draft"]
ACTIONS = ["edit", "explorer", "chooser", "search", "preview", "public", "publish", "offer", "decide"]
SUBJECTS = [
    "a_editor",
    "a_reviewer",
    "a_leader",
    "b_editor",
    "town_editor",
    "portal_editor",
    "portal_reviewer",
    "anonymous",
    "superuser",
]
# Whose subtree each object lies in: the subjects that may edit it.
EDITORS_OF = {
    "a_draft": {"a_editor", "a_reviewer", "a_leader"},
    "a_live": {"a_editor", "a_reviewer", "a_leader"},
    "b_draft": {"b_editor"},
    "town_draft": {"town_editor"},
    "village_draft": set(),  # the township's staff do not edit the village's page
}
PORTAL_DECIDERS = {"portal_reviewer", "superuser"}


def expected(subject: str, obj: str, action: str) -> bool:
    """The rule, cell by cell."""
    can_edit = subject == "superuser" or subject in EDITORS_OF[obj]
    live = obj == "a_live"
    staff = subject != "anonymous"
    return {
        "edit": can_edit,
        "explorer": can_edit,
        # The chooser links to pages: live pages (public anyway) for all staff, drafts only
        # inside the chooser's own subtrees.
        "chooser": staff and (live or can_edit),
        "search": can_edit,
        "preview": can_edit,
        "public": live,  # drafts are never served at their public URL, whoever asks
        "publish": subject == "superuser",  # everyone else goes through the review
        "offer": live and can_edit,  # only published articles, only by their own agency
        "decide": subject in PORTAL_DECIDERS,
    }[action]


class _Rollback(Exception):
    pass


def attempt(fn):
    """Run a write over HTTP and check its effect, then undo it for the next cell."""
    outcome = None
    try:
        with transaction.atomic():
            outcome = fn()
            raise _Rollback
    except _Rollback:
        pass
    return outcome


def text_of(response) -> str:
    body = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(response.json(), ensure_ascii=False)
    return body


@pytest.fixture
def world(cluster, make_agency, make_staff):
    agencies, homes = cluster["agencies"], cluster["homes"]
    b = make_agency(AgencyKind.DEPARTMENT, name="示例市财政局", short_name="财政局", code="D0002")
    b_home = actions.site_create(
        actor=None, agency=b, kind=SiteKind.DEPARTMENT, title="示例市财政局", slug="czj", hostname="czj.localhost"
    )
    users = {
        "a_editor": make_staff(agencies["edu"], Role.EDITOR),
        "a_reviewer": make_staff(agencies["edu"], Role.REVIEWER),
        "a_leader": make_staff(agencies["edu"], Role.LEADER),
        "b_editor": make_staff(b, Role.EDITOR),
        "town_editor": make_staff(agencies["town"], Role.EDITOR),
        "portal_editor": make_staff(agencies["city"], Role.EDITOR),
        "portal_reviewer": make_staff(agencies["city"], Role.REVIEWER),
        "anonymous": None,
        "superuser": User.objects.create_superuser("xxb", password="x-pass-123456"),
    }
    pages = {
        "a_draft": draft_article(column(homes["edu"], "gzdt"), "矩阵甲局草稿"),
        "b_draft": draft_article(column(b_home, "gzdt"), "矩阵乙局草稿"),
        "a_live": publish_article(column(homes["edu"], "tzgg"), "矩阵甲局已发布"),
        "village_draft": draft_article(column(homes["village"], "cwgk"), "矩阵村务草稿"),
        "town_draft": draft_article(column(homes["town"], "xzdt"), "矩阵乡镇草稿"),
    }
    portal_column = column(homes["city"], "bmdt")
    # Offers to decide, one per object (the offer action itself only takes live articles;
    # the decision rule does not depend on that).
    offers = {
        name: SyncOffer.objects.create(article=page, column=portal_column, offered_by=users["a_editor"])
        for name, page in pages.items()
    }
    return {"users": users, "pages": pages, "offers": offers, "offer_column": column(homes["city"], "zwyw")}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def observe(world, subject: str) -> dict[tuple[str, str], bool]:
    user = world["users"][subject]
    client = client_for(user)
    seen: dict[tuple[str, str], bool] = {}
    search = text_of(client.get(reverse("wagtailadmin_pages:search") + "?q=矩阵"))
    chooser_search = text_of(client.get(reverse("wagtailadmin_choose_page_search") + "?q=矩阵"))
    for name, page in world["pages"].items():
        title = page.title
        parent = page.get_parent()

        response = client.get(edit_url(page))
        seen[name, "edit"] = response.status_code == 200 and title in text_of(response)

        response = client.get(reverse("wagtailadmin_explore", args=[parent.pk]))
        seen[name, "explorer"] = response.status_code == 200 and title in text_of(response)

        browse = client.get(reverse("wagtailadmin_choose_page_child", args=[parent.pk]))
        seen[name, "chooser"] = (browse.status_code == 200 and title in text_of(browse)) or title in chooser_search

        seen[name, "search"] = title in search

        response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        seen[name, "preview"] = response.status_code == 200 and title in text_of(response)

        host = "jyj.localhost" if name.startswith("a_") else ("czj.localhost" if name == "b_draft" else "localhost")
        response = client.get(page.get_url(), HTTP_HOST=host)
        seen[name, "public"] = response.status_code == 200 and title in text_of(response)

        def publish(page=page):
            data = article_form_data(page, title=page.title + "（改）", **{"action-publish": "1"})
            client.post(edit_url(page), data)
            page_now = type(page).objects.get(pk=page.pk)
            return page_now.live and page_now.title.endswith("（改）")

        seen[name, "publish"] = attempt(publish)

        def offer(page=page):
            client.post(reverse("cluster_sync:offer", args=[page.pk]), {"columns": [world["offer_column"].pk]})
            return SyncOffer.objects.filter(
                article=page, column=world["offer_column"], status=SyncStatus.OFFERED
            ).exists()

        seen[name, "offer"] = attempt(offer)

        def decide(offer=world["offers"][name]):
            client.post(reverse("cluster_sync:accept", args=[offer.pk]))
            return SyncOffer.objects.get(pk=offer.pk).status == SyncStatus.ACCEPTED

        seen[name, "decide"] = attempt(decide)
    return seen


@pytest.mark.parametrize("subject", SUBJECTS)
def test_permission_matrix(world, subject):
    actual = observe(world, subject)
    wanted = {(obj, action): expected(subject, obj, action) for obj in OBJECTS for action in ACTIONS}
    assert actual == wanted


# --- Every other place a draft could show: dashboard, reports, revisions, choosers --------


@pytest.fixture
def a_draft_in_review(world):
    """A's draft, submitted to A's workflow and locked by A's leader; an image and a
    document in A's collection."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    users, page = world["users"], world["pages"]["a_draft"]
    page.get_workflow().start(page, users["a_editor"])
    Page.objects.filter(pk=page.pk).update(locked=True, locked_by=users["a_leader"], locked_at=timezone.now())
    collection = agency_collection(users["a_editor"].agency)
    get_image_model().objects.create(title="矩阵甲局图片", file=get_test_image_file(), collection=collection)
    document = get_document_model()(title="矩阵甲局文件", collection=collection)
    document.file.save("jiaju.txt", ContentFile(b"draft attachment"), save=True)
    # The latest edit of any article: the page-types report names it.
    page.save_revision(user=users["a_editor"])
    page.refresh_from_db()
    return page


def staff_listing_urls(page) -> dict[str, str]:
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "locked pages report": reverse("wagtailadmin_reports:locked_pages"),
        "workflow report": reverse("wagtailadmin_reports:workflow"),
        "workflow tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "page types usage": reverse("wagtailadmin_reports:page_types_usage"),
        "bulk publish": reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}",
        "bulk delete": reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}",
        "bulk unpublish": reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + f"?id={page.pk}",
        "bulk move": reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"]) + f"?id={page.pk}",
    }


def page_object_urls(page) -> dict[str, str]:
    revision = page.latest_revision
    task_state = page.current_workflow_task_state
    return {
        "revision view": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]),
        "revisions compare": reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]),
        "page history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "workflow history": reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        "workflow preview": reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]),
        "usage": reverse("wagtailadmin_pages:usage", args=[page.pk]),
        "view draft": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        "preview on edit": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
    }


def test_listings_show_the_draft_to_the_information_office(world, a_draft_in_review):
    client = client_for(world["users"]["superuser"])
    for place, url in staff_listing_urls(a_draft_in_review).items():
        assert a_draft_in_review.title in text_of(client.get(url)), place


def test_own_agency_sees_its_draft_on_its_dashboard_and_locked_report(world, a_draft_in_review):
    reviewer = client_for(world["users"]["a_reviewer"])
    assert a_draft_in_review.title in text_of(reviewer.get(reverse("wagtailadmin_home")))
    leader = client_for(world["users"]["a_leader"])
    assert a_draft_in_review.title in text_of(leader.get(reverse("wagtailadmin_reports:locked_pages")))


@pytest.mark.parametrize("subject", ["b_editor", "town_editor", "portal_reviewer"])
def test_other_agencies_never_see_the_draft_in_any_listing(world, a_draft_in_review, subject):
    client = client_for(world["users"][subject])
    leaks = [
        place
        for place, url in staff_listing_urls(a_draft_in_review).items()
        if a_draft_in_review.title in text_of(client.get(url))
    ]
    assert leaks == []


@pytest.mark.parametrize("subject", ["b_editor", "town_editor", "portal_reviewer"])
def test_other_agencies_are_turned_away_from_the_drafts_own_pages(world, a_draft_in_review, subject):
    client = client_for(world["users"][subject])
    for place, url in page_object_urls(a_draft_in_review).items():
        response = client.get(url)
        assert response.status_code in (302, 403, 404), place
        assert a_draft_in_review.title not in text_of(response), place


def test_own_agency_opens_the_drafts_revisions_and_history(world, a_draft_in_review):
    client = client_for(world["users"]["a_reviewer"])
    urls = page_object_urls(a_draft_in_review)
    for place in ["revision view", "page history", "workflow history", "workflow preview", "view draft"]:
        response = client.get(urls[place])
        assert response.status_code == 200, place


def test_bulk_publish_by_a_leader_leaves_reviewed_pages_alone(world, a_draft_in_review):
    leader = client_for(world["users"]["a_leader"])
    url = staff_listing_urls(a_draft_in_review)["bulk publish"]
    leader.post(url, {"include_descendants": ""})
    a_draft_in_review.refresh_from_db()
    assert not a_draft_in_review.live


@pytest.mark.parametrize(
    "chooser, title",
    [("wagtailimages_chooser:choose", "矩阵甲局图片"), ("wagtaildocs_chooser:choose", "矩阵甲局文件")],
)
def test_image_and_document_choosers_show_only_the_agencys_collection(world, a_draft_in_review, chooser, title):
    url = reverse(chooser)
    assert title in text_of(client_for(world["users"]["a_editor"]).get(url))
    assert title not in text_of(client_for(world["users"]["b_editor"]).get(url))
    assert title not in text_of(client_for(world["users"]["town_editor"]).get(url))
    assert Collection.objects.filter(name__contains="教育局").count() == 1


# --- The agency registry is the information office's ------------------------------------


def test_information_office_keeps_the_agency_registry(world):
    client = client_for(world["users"]["superuser"])
    listing = client.get(reverse("agencies:index"))
    assert listing.status_code == 200
    assert "示例市财政局" in listing.content.decode()
    assert reverse("agencies:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    edu = world["users"]["a_editor"].agency
    form = client.get(reverse("agencies:edit", args=[edu.pk])).content.decode()
    for label in ["机构代码", "全称", "简称", "主要负责人", "办公时间"]:
        assert label in form


@pytest.mark.parametrize("subject", ["a_leader", "portal_reviewer", "town_editor"])
def test_agency_staff_cannot_open_or_change_the_registry(world, subject):
    client = client_for(world["users"][subject])
    edu = world["users"]["a_editor"].agency
    assert reverse("agencies:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    for url in [reverse("agencies:index"), reverse("agencies:edit", args=[edu.pk]), reverse("agencies:add")]:
        assert client.get(url).status_code in (302, 403), url
    client.post(reverse("agencies:edit", args=[edu.pk]), {"name": "被篡改的名称"})
    edu.refresh_from_db()
    assert edu.name == "示例市教育局"


def test_dashboard_page_count_is_for_the_information_office_only(world, a_draft_in_review):
    """Wagtail's summary counts every page under the user's common root — for the portal's
    staff that includes township drafts — so only the information office gets it."""

    def shows_page_count(user) -> bool:
        html = client_for(user).get(reverse("wagtailadmin_home")).content.decode()
        # The pages summary item is the one rendered with the doc-empty icon.
        return "#icon-doc-empty" in html

    assert shows_page_count(world["users"]["superuser"])
    assert not shows_page_count(world["users"]["portal_reviewer"])
    assert not shows_page_count(world["users"]["a_editor"])
