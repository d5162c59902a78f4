"""Who may see or do what in the cluster (sites, columns, articles, review, synchronised
publishing, images and documents in the admin) — the only place these rules are written.

- Page rights are Wagtail page permissions on each agency's permission roots
  (`permissions.py` grants them); a member of staff edits exactly the subtrees of their
  groups' roots. The information office edits every page.
- Staff see live pages (public anyway) and their own subtrees' drafts; another agency's
  page screen is a 404 (`admin_scope`).
- Nobody but the information office publishes around the agency's review workflow.
- Offers to the portal are decided by the portal agency's reviewers and leaders.
- Images and documents: the collections where the user may choose or change them.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from govportal.cluster.models import ColumnLayout, ColumnPage, SiteHomePage, SiteKind
from govportal.core import access as core
from govportal.core.models import Role


# --- pages -------------------------------------------------------------------------------
def can_edit_page(user, page) -> bool:
    """Whether the user may edit this page (Wagtail page permissions on the agency subtree)."""
    return user.is_active and page.permissions_for_user(user).can_edit()


def staff_edit_root_paths(user) -> list[str]:
    """Tree paths of the subtrees the user may edit (their agency's permission roots)."""
    from wagtail.models import GroupPagePermission

    if not user.is_active or not user.is_authenticated:
        return []
    return sorted(
        set(
            GroupPagePermission.objects.filter(
                group__user=user, permission__codename__in=["change_page", "publish_page"]
            ).values_list("page__path", flat=True)
        )
    )


def staff_visible_pages(user, pages: QuerySet) -> QuerySet:
    """Narrow an admin page queryset to what a member of staff may see: live pages (public
    anyway) and every page in the subtrees they may edit. Never another agency's drafts."""
    if core.is_information_office(user):
        return pages
    visible = Q(live=True)
    for path in staff_edit_root_paths(user):
        visible |= Q(path__startswith=path)
    return pages.filter(visible)


def restricted_in_admin(user) -> bool:
    """A signed-in member of staff whose admin is narrowed to their agency's pages."""
    return bool(user and user.is_authenticated and not core.is_information_office(user))


def sees_cluster_page_count(user) -> bool:
    """The dashboard's count of every page: the information office only (for an agency's
    staff it would count other agencies' drafts)."""
    return core.sees_cluster_wide(user)


def review_required(user, page) -> bool:
    """Whether publishing this page (or a new page under it) must go through its workflow."""
    if core.is_information_office(user):
        return False
    return page.get_workflow() is not None


def may_act_on_review_task(user, in_task_groups: bool) -> bool:
    """A review step of the agency's workflow: its group's members, or the information office."""
    return core.is_information_office(user) or in_task_groups


# --- images and documents -----------------------------------------------------------------
def media_visible_to(kind: str, user, queryset=None):
    """The images or documents in the collections where this user may choose or change them."""
    if kind == "images":
        from wagtail.images.permissions import permission_policy
    else:
        from wagtail.documents.permissions import permission_policy
    visible = permission_policy.instances_user_has_any_permission_for(user, ["choose", "change"])
    return visible if queryset is None else queryset.filter(pk__in=visible.values("pk"))


def media_for_admin_api(kind: str, user, queryset):
    """The admin API's images or documents: all for the information office, else the user's."""
    return queryset if core.is_information_office(user) else media_visible_to(kind, user, queryset)


# --- synchronised publishing --------------------------------------------------------------
def may_use_sync(user) -> bool:
    """The 同步发布 screen: the information office and anyone who edits some subtree."""
    return core.is_information_office(user) or bool(staff_edit_root_paths(user))


def portal_reviewable_columns(user) -> QuerySet[ColumnPage]:
    """Portal top-level list columns whose offers this user may decide. Offers are decided
    by the portal agency's reviewers and leaders (and the information office, superusers)."""
    homes = SiteHomePage.objects.filter(kind=SiteKind.PORTAL)
    if not user.is_active or not user.is_authenticated:
        return ColumnPage.objects.none()
    if not core.is_information_office(user):
        homes = homes.filter(agency_id__in=core.role_agency_ids(user, [Role.REVIEWER, Role.LEADER]))
    in_portal = Q(pk__in=[])
    for home in homes:
        in_portal |= Q(path__startswith=home.path, depth=home.depth + 1)
    return ColumnPage.objects.filter(in_portal, layout=ColumnLayout.LIST).order_by("path")


def can_decide_offer(user, offer) -> bool:
    return portal_reviewable_columns(user).filter(pk=offer.column_id).exists()


def own_offers(user, offers: QuerySet) -> QuerySet:
    """Offers of articles in subtrees the user may edit (their own agency's offers)."""
    if core.is_information_office(user):
        return offers
    own = Q(pk__in=[])
    for path in staff_edit_root_paths(user):
        own |= Q(article__path__startswith=path)
    return offers.filter(own)


# --- urgent information (紧急信息) ---------------------------------------------------------
def may_publish_urgent_notice(user) -> bool:
    """A notice about a 重大突发公共事件 on every site of the cluster: the information office
    and the leaders (签发领导) of the agency that owns the portal (the city government)."""
    if not core.is_signed_in(user):
        return False
    if core.is_information_office(user):
        return True
    portal_agencies = SiteHomePage.objects.filter(kind=SiteKind.PORTAL).values("agency_id")
    return core.role_agency_ids(user, [Role.LEADER]).filter(agency_id__in=portal_agencies).exists()
