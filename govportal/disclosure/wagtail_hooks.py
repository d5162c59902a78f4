"""Staff side of 政府信息公开 in the Wagtail admin (menu 政府信息公开: 申请办理, 登记申请,
申请登记台账, 年度报告, 主动公开时限), and the hook that gives every new site its disclosure column."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from govportal.cluster.admin_views import ReviewPageViewSet
from govportal.disclosure import admin_views
from govportal.disclosure.access import handles_requests
from govportal.disclosure.actions import disclosure_column_ensure
from govportal.disclosure.models import DisclosureDocumentPage, DisclosureIndexPage


@hooks.register("govportal_site_columns")
def add_disclosure_column(*, home, actor):
    disclosure_column_ensure(home=home, actor=actor)


@hooks.register("register_admin_urls")
def register_disclosure_urls():
    return [path("zwgk/", include((admin_views.urlpatterns, "disclosure_admin"), namespace="disclosure_admin"))]


class _StaffItem(MenuItem):
    def is_shown(self, request):
        return handles_requests(request.user)


@hooks.register("register_admin_menu_item")
def register_disclosure_menu():
    menu = Menu(
        items=[
            _StaffItem(_("申请办理"), reverse("disclosure_admin:requests"), icon_name="tasks", order=10),
            _StaffItem(_("登记申请"), reverse("disclosure_admin:register"), icon_name="plus", order=20),
            _StaffItem(_("年度报告"), reverse("disclosure_admin:reports"), icon_name="table", order=30),
            _StaffItem(_("主动公开时限"), reverse("disclosure_admin:tracker"), icon_name="time", order=40),
            _StaffItem(_("申请登记台账"), reverse("disclosure_admin:ledger"), icon_name="list-ul", order=25),
        ]
    )
    return SubmenuMenuItem(_("政府信息公开"), menu, icon_name="doc-full", order=260)


@hooks.register("register_admin_viewset")
def register_review_page_viewsets():
    return [
        ReviewPageViewSet(f"disclosure_{model._meta.model_name}_pages", model=model)
        for model in (DisclosureDocumentPage, DisclosureIndexPage)
    ]
