"""Reads of the cluster whose result depends on who asks or what is public.

Public readers see live pages only. Staff visibility of drafts is decided by Wagtail's
page permissions on each agency's subtree (see `permissions.py`); listings we add
ourselves are scoped here.
"""

from __future__ import annotations

from collections import OrderedDict

from django.db.models import Q, QuerySet

from govportal.cluster.models import (
    ArticlePage,
    ColumnLayout,
    ColumnPage,
    SiteHomePage,
    SiteKind,
    SyncStatus,
)

HOME_ARTICLES_PER_COLUMN = 8


def column_articles(column: ColumnPage) -> QuerySet[ArticlePage]:
    """Live articles a column lists: its own, plus originals accepted by synchronised
    publishing (a reference, so the original's edits and unpublishing show at once).
    Pinned first, then newest first."""
    own = Q(path__startswith=column.path, depth=column.depth + 1)
    synced = Q(sync_offers__column=column, sync_offers__status=SyncStatus.ACCEPTED)
    ids = ArticlePage.objects.live().filter(own | synced).values("pk")
    return (
        ArticlePage.objects.filter(pk__in=ids)
        .order_by("-is_pinned", "-first_published_at", "-pk")
        .defer_streamfields()
        .defer("body")
    )


def child_columns(page) -> QuerySet[ColumnPage]:
    return ColumnPage.objects.child_of(page).live().public()


def home_columns(home: SiteHomePage) -> list[dict]:
    """The columns a site home shows, each with its latest articles."""
    blocks = []
    for column in child_columns(home).filter(show_on_home=True):
        articles = []
        if column.layout == ColumnLayout.LIST:
            articles = list(column_articles(column)[:HOME_ARTICLES_PER_COLUMN])
        blocks.append({"column": column, "articles": articles})
    return blocks


def headline_articles(home: SiteHomePage, limit: int = 5) -> QuerySet[ArticlePage]:
    """Headline articles with a picture in this site's subtree (or synced into it)."""
    columns = ColumnPage.objects.descendant_of(home)
    synced_ids = ArticlePage.objects.filter(
        sync_offers__column__in=columns, sync_offers__status=SyncStatus.ACCEPTED
    ).values("pk")
    return (
        ArticlePage.objects.live()
        .filter(is_headline=True, cover_image__isnull=False)
        .filter(Q(path__startswith=home.path) | Q(pk__in=synced_ids))
        .select_related("cover_image")
        .order_by("-first_published_at")[:limit]
    )


def sub_sites(home: SiteHomePage) -> QuerySet[SiteHomePage]:
    return SiteHomePage.objects.child_of(home).live().public().select_related("agency")


def home_page_context(home: SiteHomePage) -> dict:
    return {
        "column_blocks": home_columns(home),
        "headlines": headline_articles(home),
        "sub_sites": sub_sites(home),
    }


def cluster_directory() -> OrderedDict:
    """Every live site of the cluster grouped by kind, in the order of `SiteKind`."""
    groups: OrderedDict = OrderedDict((kind, {"label": label, "sites": []}) for kind, label in SiteKind.choices)
    for home in SiteHomePage.objects.live().public().select_related("agency").order_by("agency__sort_order", "path"):
        groups[home.kind]["sites"].append(home)
    return OrderedDict((k, v) for k, v in groups.items() if v["sites"])


def can_edit_page(user, page) -> bool:
    """Whether the user may edit this page (Wagtail page permissions on the agency subtree)."""
    return user.is_active and page.permissions_for_user(user).can_edit()


def portal_reviewable_columns(user) -> QuerySet[ColumnPage]:
    """Portal top-level list columns whose offers this user may decide: those where the user
    has publish permission, or is an approver of the column's workflow (reviewer/leader)."""
    portal_homes = SiteHomePage.objects.filter(kind=SiteKind.PORTAL)
    candidates = ColumnPage.objects.none()
    for home in portal_homes:
        candidates = candidates | ColumnPage.objects.child_of(home).filter(layout=ColumnLayout.LIST)
    if user.is_superuser:
        return candidates
    allowed = [c.pk for c in candidates if _user_can_review(user, c)]
    return ColumnPage.objects.filter(pk__in=allowed)


def _user_can_review(user, column: ColumnPage) -> bool:
    from govportal.core.models import Role

    if column.permissions_for_user(user).can_publish():
        return True
    roles = set(
        user.groups.filter(agency_role__isnull=False)
        .values_list("agency_role__role", flat=True)
    )
    return bool(roles & {Role.REVIEWER, Role.LEADER}) and column.permissions_for_user(user).can_edit()


def can_decide_offer(user, offer) -> bool:
    return user.is_active and portal_reviewable_columns(user).filter(pk=offer.column_id).exists()


def offers_for_reviewer(user) -> QuerySet:
    from govportal.cluster.models import SyncOffer

    return (
        SyncOffer.objects.filter(column__in=portal_reviewable_columns(user))
        .select_related("article", "column", "offered_by", "decided_by")
        .order_by("status", "-offered_at")
    )


def offers_by_user_agency(user) -> QuerySet:
    """Offers of articles in subtrees the user may edit (their own agency's offers)."""
    from govportal.cluster.models import SyncOffer

    offers = SyncOffer.objects.select_related("article", "column", "offered_by", "decided_by")
    if user.is_superuser:
        return offers
    visible = [o.pk for o in offers if can_edit_page(user, o.article)]
    return offers.filter(pk__in=visible)
