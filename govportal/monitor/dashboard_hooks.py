"""The dashboards' admin wiring (imported by ``MonitorConfig.ready``): their URLs, their
entries in the 网站监管 submenu, and the information office's screens for the construction
goals (a model viewset: list, add, edit, history — Wagtail logs each change)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.core.access import information_office_only
from govportal.monitor import access, dashboard_views
from govportal.monitor.models import ConstructionGoal


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    return [
        path("monitor/dashboards/", include((dashboard_views.urlpatterns, "monitor_dash"), namespace="monitor_dash"))
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_see_dashboards(request.user)


class GoalsAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_edit_goals(request.user)


@hooks.register("register_monitor_menu_item")
def register_overview_menu():
    return DashboardMenuItem(_("监管总览"), reverse("monitor_dash:overview"), icon_name="view", order=10)


@hooks.register("register_monitor_menu_item")
def register_goals_menu():
    return DashboardMenuItem(_("建设目标"), reverse("monitor_dash:goals"), icon_name="tick-inverse", order=300)


@hooks.register("register_monitor_menu_item")
def register_licensing_menu():
    return DashboardMenuItem(_("网上可办率"), reverse("monitor_dash:licensing"), icon_name="form", order=310)


@hooks.register("register_monitor_menu_item")
def register_replies_menu():
    return DashboardMenuItem(_("互动回复时间"), reverse("monitor_dash:replies"), icon_name="mail", order=320)


@hooks.register("register_monitor_menu_item")
def register_goals_admin_menu():
    return GoalsAdminMenuItem(_("建设目标设置"), reverse("monitor_goals:index"), icon_name="cog", order=330)


class ConstructionGoalViewSet(ModelViewSet):
    model = ConstructionGoal
    icon = "tick-inverse"
    menu_label = _("建设目标设置")
    add_to_admin_menu = False
    name = "monitor_goals"
    url_prefix = "monitor/goals"
    form_fields = [
        "name",
        "agency_kind",
        "requirement",
        "target_percent",
        "deadline",
        "basis",
        "sort_order",
        "is_active",
    ]
    list_display = ["name", "agency_kind", "requirement", "target_percent", "deadline", "is_active"]
    list_filter = ["agency_kind", "is_active"]
    ordering = ["sort_order", "deadline", "pk"]


register_permission_policy(ConstructionGoal, information_office_only(ConstructionGoal))


@hooks.register("register_admin_viewset")
def register_goal_viewset():
    return ConstructionGoalViewSet()
