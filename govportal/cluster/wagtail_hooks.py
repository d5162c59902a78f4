"""Wagtail admin integration for the cluster.

- log actions of our own writes (site creation, synchronised publishing, imports);
- the review rule (STANDARDS §2): where an agency's workflow applies, nobody but the
  information office (superusers) publishes without it — the publish button is hidden and
  a crafted POST (edit, create, copy, bulk publish) is refused; approving the
  confidentiality step needs the checkbox, requesting changes needs a reason;
- what staff see: never another agency's drafts, in the page chooser, bulk-action
  confirmations and the page-types report (the explorer, search, dashboard, previews,
  revisions and the other reports already follow Wagtail's page permissions);
- the synchronised-publishing menu, views and the "推送到门户" page buttons.
"""

from __future__ import annotations

import json

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem, PublishMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from govportal.cluster import access, admin_views, review
from govportal.cluster.admin_scope import collection_scoped_api_endpoint
from govportal.cluster.admin_views import ReviewPageViewSet
from govportal.cluster.models import ArticlePage, ClusterNavPage, ColumnPage, ConfidentialityCheckTask, SiteHomePage

LOG_ACTIONS = {
    "govportal.site_create": _("开设网站"),
    "govportal.sync_offer": _("推送到门户栏目"),
    "govportal.sync_accepted": _("门户采用推送文章"),
    "govportal.sync_declined": _("门户不予采用推送文章"),
    "govportal.sync_withdrawn": _("撤回推送"),
    "govportal.import": _("导入文章"),
    "govportal.urgent_publish": _("发布紧急信息"),
    "govportal.urgent_withdraw": _("撤下紧急信息"),
}


@hooks.register("register_log_actions")
def register_govportal_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)


# --- Review: no publishing around the workflow -----------------------------------------


review_required = access.review_required


@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    page = context.get("page") if context.get("view") == "edit" else context.get("parent_page")
    if page is not None and review_required(request.user, page):
        menu_items[:] = [item for item in menu_items if not isinstance(item, PublishMenuItem)]


def _refuse(request, page: Page, message: str):
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page")
def guard_edit_post(request, page):
    if request.method != "POST":
        return None
    if request.POST.get("action-publish") and review_required(request.user, page):
        return _refuse(request, page, gettext("本页面须经审核流程签发后发布，请点击“提交审核”。"))
    if request.POST.get("action-workflow-action"):
        return _check_workflow_action_data(request, page)
    return None


def _check_workflow_action_data(request, page):
    # The edit view hands the modal's data to the task without validating it again.
    task = page.current_workflow_task
    action = request.POST.get("workflow-action-name")
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    if (
        action == "approve"
        and isinstance(task, ConfidentialityCheckTask)
        and data.get("confidentiality_checked") is not True
    ):
        return _refuse(request, page, gettext("请先勾选“已完成保密审查”再审核通过。"))
    if action == "reject" and not str(data.get("comment") or "").strip():
        return _refuse(request, page, gettext("退回修改时请填写理由。"))
    if action == "approve":
        problems = review.blocking_problems(page)
        if problems:
            return _refuse(request, page, review.blocking_message(problems))
    return None


@hooks.register("before_create_page")
def guard_create_post(request, parent_page, page_class):
    if request.method == "POST" and request.POST.get("action-publish") and review_required(request.user, parent_page):
        messages.error(request, gettext("新页面须经审核流程签发后发布，请保存草稿后提交审核。"))
        return redirect("wagtailadmin_pages:add_subpage", parent_page.pk)
    return None


@hooks.register("before_copy_page")
def guard_copy_publish(request, page):
    if request.method == "POST" and request.POST.get("publish_copies") and review_required(request.user, page):
        messages.error(request, gettext("复制的页面须经审核流程签发后发布，请不要勾选“发布副本”。"))
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


# --- Bulk actions: no foreign drafts in the confirmation, no bulk publishing around review


class _ScopedPageBulkAction:
    """Leaves out of the confirmation page the pages the user may not see at all."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        visible = set(
            access.staff_visible_pages(
                user, Page.objects.filter(pk__in=[p.pk for p in extra["items_with_no_access"]])
            ).values_list("pk", flat=True)
        )
        extra["items_with_no_access"] = [p for p in extra["items_with_no_access"] if p.pk in visible]
        return objects, extra


class ScopedDeleteBulkAction(_ScopedPageBulkAction, DeleteBulkAction):
    pass


class ScopedMoveBulkAction(_ScopedPageBulkAction, MoveBulkAction):
    pass


class ScopedUnpublishBulkAction(_ScopedPageBulkAction, UnpublishBulkAction):
    pass


class ReviewedPublishBulkAction(_ScopedPageBulkAction, PublishBulkAction):
    def check_perm(self, page):
        return super().check_perm(page) and not review_required(self.request.user, page)


# order=100: registered after Wagtail's own, so these replace them in the registry.
for _action_class in (
    ScopedDeleteBulkAction,
    ScopedMoveBulkAction,
    ScopedUnpublishBulkAction,
    ReviewedPublishBulkAction,
):
    hooks.register("register_bulk_action", _action_class, order=1000)


# --- What staff see ------------------------------------------------------------------


@hooks.register("construct_page_chooser_queryset")
def chooser_without_foreign_drafts(pages, request):
    return access.staff_visible_pages(request.user, pages)


_page_types_decorate = PageTypesUsageReportView.decorate_paginated_queryset


def _page_types_without_foreign_drafts(self, page_types):
    # The report names each type's last edited page, whoever's draft it is; hide the ones
    # this user may not see. (Wagtail offers no hook for this report.)
    page_types = _page_types_decorate(self, page_types)
    ids = [item.last_edited_page.pk for item in page_types if getattr(item, "last_edited_page", None)]
    visible = set(
        access.staff_visible_pages(self.request.user, Page.objects.filter(pk__in=ids)).values_list("pk", flat=True)
    )
    for item in page_types:
        if getattr(item, "last_edited_page", None) and item.last_edited_page.pk not in visible:
            item.last_edited_page = None
    return page_types


PageTypesUsageReportView.decorate_paginated_queryset = _page_types_without_foreign_drafts


@hooks.register("construct_admin_api", order=1000)
def admin_api_media_by_collection(router):
    """The admin API's images and documents: only those in the user's collections (registered
    after Wagtail's own endpoints, so these replace them)."""
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    router.register_endpoint("images", collection_scoped_api_endpoint(ImagesAdminAPIViewSet, "images"))
    router.register_endpoint("documents", collection_scoped_api_endpoint(DocumentsAdminAPIViewSet, "documents"))


# --- Synchronised publishing -----------------------------------------------------------


@hooks.register("register_admin_urls")
def register_sync_urls():
    return [path("sync/", include((admin_views.urlpatterns, "cluster_sync"), namespace="cluster_sync"))]


@hooks.register("register_admin_urls")
def register_urgent_urls():
    return [path("jinji/", include((admin_views.urgent_urlpatterns, "cluster_urgent"), namespace="cluster_urgent"))]


class UrgentMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_publish_urgent_notice(request.user)


@hooks.register("register_admin_menu_item")
def register_urgent_menu_item():
    return UrgentMenuItem(_("紧急信息"), reverse("cluster_urgent:index"), icon_name="warning", order=240)


class SyncMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_sync(request.user)


@hooks.register("register_admin_menu_item")
def register_sync_menu_item():
    return SyncMenuItem(_("同步发布"), reverse("cluster_sync:index"), icon_name="resubmit", order=250)


class OfferToPortalButton(PageMenuItem):
    label = _("推送到门户")
    icon_name = "resubmit"
    url_name = "cluster_sync:offer"
    priority = 45

    def is_shown(self, user):
        page = self.page
        return page.live and issubclass(page.specific_class or Page, ArticlePage) and access.can_edit_page(user, page)


@hooks.register("register_page_header_buttons")
def page_header_offer_button(page, user, view_name=None, next_url=None):
    yield OfferToPortalButton(page=page)


class OfferToPortalAction(ActionMenuItem):
    """推送到门户 as a labelled action in the edit page's action menu (issue 19): before it
    was only an icon-less entry in the header's “更多” dropdown."""

    label = _("推送到门户")
    name = "action-offer-to-portal"
    icon_name = "resubmit"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context.get("view") == "edit"
            and page is not None
            and page.live
            and isinstance(page.specific, ArticlePage)
            and access.can_edit_page(context["request"].user, page)
        )

    def get_url(self, parent_context):
        return reverse("cluster_sync:offer", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_offer_to_portal_action():
    return OfferToPortalAction(order=30)


@hooks.register("register_page_listing_more_buttons")
def page_listing_offer_button(page, user, next_url=None):
    yield OfferToPortalButton(page=page)


# --- Review-step views with our rules, for every cluster page type --------------------


@hooks.register("register_admin_viewset")
def register_review_page_viewsets():
    return [
        ReviewPageViewSet(f"cluster_{model._meta.model_name}_pages", model=model)
        for model in (ArticlePage, ColumnPage, SiteHomePage, ClusterNavPage)
    ]


@hooks.register("construct_homepage_summary_items", order=100)
def hide_page_count_from_agency_staff(request, summary_items):
    """Wagtail counts every page under the user's common explorable root, which for the
    portal's staff includes the townships' and villages' drafts. Only the information
    office (superusers) sees the cluster-wide count."""
    from wagtail.admin.site_summary import PagesSummaryItem

    if not access.sees_cluster_page_count(request.user):
        summary_items[:] = [item for item in summary_items if not isinstance(item, PagesSummaryItem)]
