"""年度报表 in the 网站监管 submenu of the admin, and its screens' URLs."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from govportal.monitor import access
from govportal.monitor.yearly import admin_views


@hooks.register("register_admin_urls")
def register_yearly_urls():
    return [
        path(
            "monitor/reports/",
            include((admin_views.urlpatterns, "monitor_yearly_admin"), namespace="monitor_yearly_admin"),
        )
    ]


class YearlyMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_reports(request.user)


@hooks.register("register_monitor_menu_item")
def register_yearly_menu_item():
    return YearlyMenuItem(_("年度报表"), reverse("monitor_yearly_admin:index"), icon_name="table", order=500)
