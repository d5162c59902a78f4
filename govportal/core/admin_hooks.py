"""Wagtail admin for the case kernel: the working-day calendar (editable by the information
office, with Wagtail's per-object history of who changed what), cases and their read-only
event log, and the outbox (failures visible, retry on demand).

Imported from ``CoreConfig.ready()`` because ``wagtail_hooks.py`` belongs to the registry.
"""

from __future__ import annotations

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from govportal.core.calendar_models import CalendarDay, CalendarYear


class CalendarDayViewSet(SnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = "节假日/调休日"
    list_display = ["date", "kind", "note", "source"]
    list_filter = ["kind"]
    search_fields = ["note"]
    ordering = ["-date"]


class CalendarYearViewSet(SnippetViewSet):
    model = CalendarYear
    icon = "calendar-check"
    menu_label = "年度安排"
    list_display = ["year", "status", "notice", "source"]


class WorkCalendarGroup(SnippetViewSetGroup):
    menu_label = "工作日历"
    menu_icon = "date"
    menu_order = 310
    items = (CalendarDayViewSet, CalendarYearViewSet)


register_snippet(WorkCalendarGroup)


def _calendar_edited(request, instance):
    if isinstance(instance, CalendarDay | CalendarYear):
        calendar_changed(actor=request.user)


@hooks.register("after_create_snippet")
def _after_create(request, instance):
    _calendar_edited(request, instance)


@hooks.register("after_edit_snippet")
def _after_edit(request, instance):
    _calendar_edited(request, instance)


@hooks.register("after_delete_snippet")
def _after_delete(request, instances):
    for instance in instances:
        _calendar_edited(request, instance)


# --- Cases, their event log and the outbox: read-only in the admin --------------------------
# Every write goes through the actions (the transition function, the outbox); the admin only
# shows. Viewing needs the model's "change" permission (the information office, supervisors).

from wagtail.admin.viewsets.base import ViewSetGroup  # noqa: E402
from wagtail.admin.viewsets.model import ModelViewSet  # noqa: E402

from govportal.core import access  # noqa: E402
from govportal.core.calendar_actions import calendar_changed  # noqa: E402
from govportal.core.cases.models import Case, CaseEvent  # noqa: E402
from govportal.core.outbox.models import OutboxMessage  # noqa: E402


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    exclude_form_fields = []  # no create/edit views are reachable; the policy denies them


class CaseViewSet(ReadOnlyViewSet):
    model = Case
    name = "case_admin"
    url_prefix = "cases/all"
    icon = "folder-open-inverse"
    menu_label = "办件"
    list_display = ["tracking_number", "case_type", "title", "state", "due_date", "overdue_level"]
    list_filter = ["case_type", "is_open", "overdue_level"]
    search_fields = ["tracking_number", "title"]


class CaseEventViewSet(ReadOnlyViewSet):
    model = CaseEvent
    name = "case_events"
    url_prefix = "cases/events"
    icon = "list-ul"
    menu_label = "办件记录"
    list_display = ["case", "created_at", "type", "label", "actor_kind", "actor", "from_state", "to_state"]
    list_filter = ["type", "actor_kind", "is_public"]
    inspect_view_fields = [
        "case",
        "created_at",
        "type",
        "label",
        "actor_kind",
        "actor",
        "from_state",
        "to_state",
        "payload",
        "is_public",
    ]


class OutboxViewSet(ReadOnlyViewSet):
    model = OutboxMessage
    name = "outbox"
    icon = "mail"
    menu_label = "待发消息"
    list_display = ["key", "channel", "recipient", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "channel"]
    search_fields = ["key", "recipient"]


class CaseKernelGroup(ViewSetGroup):
    menu_label = "办件与消息"
    menu_icon = "folder-open-inverse"
    menu_order = 320
    items = (CaseViewSet, CaseEventViewSet, OutboxViewSet)


@hooks.register("register_admin_viewset")
def _register_case_kernel_viewsets():
    from wagtail.permissions import register_permission_policy

    for model in (Case, CaseEvent, OutboxMessage):
        register_permission_policy(model, access.read_only(model))
    return CaseKernelGroup()


# --- 差评整改: the kernel's rectification cases, for the agency that handles each --------------
@hooks.register("register_admin_urls")
def _rectification_urls():
    from django.urls import include, path

    from govportal.core.cases import admin_views

    return [path("zhenggai/", include((admin_views.urlpatterns, "cases_admin"), namespace="cases_admin"))]


class _RectificationMenuItem(MenuItem):
    def is_shown(self, request):
        from govportal.core.cases.access import may_open_rectifications

        return may_open_rectifications(request.user)


@hooks.register("register_admin_menu_item")
def _rectification_menu():
    from django.urls import reverse

    return _RectificationMenuItem("差评整改", reverse("cases_admin:rectifications"), icon_name="warning", order=322)


# --- next year's State Council holiday notice: the page, its menu item and the banner ---------
@hooks.register("register_admin_urls")
def _calendar_notice_urls():
    from django.urls import include, path

    from govportal.core import calendar_admin_views

    return [
        path(
            "gongzuorili/",
            include((calendar_admin_views.urlpatterns, "calendar_admin"), namespace="calendar_admin"),
        )
    ]


class _CalendarNoticeMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_information_office(request.user)


@hooks.register("register_admin_menu_item")
def _calendar_notice_menu():
    from django.urls import reverse

    return _CalendarNoticeMenuItem("录入节假日通知", reverse("calendar_admin:notice"), icon_name="date", order=311)


@hooks.register("construct_homepage_panels")
def _calendar_notice_banner(request, panels):
    from django.utils.safestring import mark_safe

    from wagtail.admin.ui.components import Component

    from govportal.core.calendar_admin_views import banner_html

    class CalendarNoticeBanner(Component):
        """The admin home's first panel from 1 November until next year is confirmed."""

        name = "calendar_notice"
        order = 1

        def render_html(self, parent_context=None):
            return mark_safe(banner_html(request))  # noqa: S308 — our own rendered template

    panels.insert(0, CalendarNoticeBanner())
