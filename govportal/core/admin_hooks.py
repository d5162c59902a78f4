"""Wagtail admin for the case kernel: the working-day calendar (editable by the information
office, with Wagtail's per-object history of who changed what), cases and their read-only
event log, and the outbox (failures visible, retry on demand).

Imported from ``CoreConfig.ready()`` because ``wagtail_hooks.py`` belongs to the registry.
"""

from __future__ import annotations

from wagtail import hooks
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
        from govportal.core.calendar_actions import calendar_changed

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
