"""Staff side of 政府信息公开 in the Wagtail admin (menu 政府信息公开: 申请办理, 登记申请,
申请登记台账, 年度报告, 主动公开时限), and the hook that gives every new site its disclosure column."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from govportal.cluster.admin_views import ReviewPageViewSet
from govportal.disclosure import admin_views, report, selectors
from govportal.disclosure.access import handles_requests, sees_all_requests
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


# --- the office's alarm: annual reports late or due soon (Art. 49) ----------------------------
REPORT_ALARM_DAYS = 15  # from this many days before a deadline, an unpublished report is listed


class ReportDeadlinePanel(Component):
    """On the admin dashboard of the information office: the agencies whose report of last
    year is past its deadline (31 January for departments, 31 March for governments) and not
    published, and those due within `REPORT_ALARM_DAYS`."""

    name = "disclosure_report_deadlines"
    template_name = "disclosure/admin/report_deadline_panel.html"
    order = 90

    def __init__(self, *, year: int, late: list, soon: list):
        self.year, self.late, self.soon = year, late, soon

    def get_context_data(self, parent_context=None):
        return {"year": self.year, "late": self.late, "soon": self.soon}


@hooks.register("construct_homepage_panels")
def add_report_deadline_panel(request, panels):
    if not sees_all_requests(request.user):
        return
    year = timezone.localdate().year - 1
    statuses = report.statuses(list(selectors.request_agencies().order_by("sort_order")), year)
    late = [s for s in statuses if s.overdue]
    soon = [
        s for s in statuses if s.state in ("draft", "missing") and not s.overdue and s.days_left <= REPORT_ALARM_DAYS
    ]
    if late or soon:
        panels.append(ReportDeadlinePanel(year=year, late=late, soon=soon))
