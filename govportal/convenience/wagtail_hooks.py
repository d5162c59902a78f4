"""便民服务 (travel, culture and the directory) in the Wagtail admin.

- 便民服务目录: each agency edits its own entries (another agency's is a 404); import and
  export (xlsx/CSV); the 纠错 cases of its entries (`admin_views`).
- 旅游文化 pages are Wagtail pages: saving the root re-synchronises its maintainers' page
  permissions (`actions.tourism_maintainers_sync`).
"""

from __future__ import annotations

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.convenience import (
    access,
    actions,
    admin_views,
    wagtail_hooks_query,  # noqa: F401  (公共查询: its viewsets and screens)
)
from govportal.convenience.models import DirectoryEntry, TourismIndexPage
from govportal.core.admin_scope import AgencyScopedViewSetMixin


@hooks.register("register_admin_urls")
def register_convenience_urls():
    return [path("bianmin/", include((admin_views.urlpatterns, "convenience_admin"), namespace="convenience_admin"))]


class _StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_directory_admin(request.user)


class _EntryIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.entries_for_staff(self.request.user, super().get_base_queryset())


class _ScopedObject:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not access.may_edit_entry(self.request.user, obj):
            raise Http404
        return obj

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        access.limit_agency_field(form, self.request.user)
        return form


class _EntryCreate(_ScopedObject, generic.CreateView):
    def get_object(self, *args, **kwargs):  # no object yet
        return generic.CreateView.get_object(self, *args, **kwargs)


class _EntryEdit(_ScopedObject, generic.EditView):
    pass


class _EntryDelete(_ScopedObject, generic.DeleteView):
    pass


class DirectoryEntryViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = DirectoryEntry
    name = "directory"
    icon = "list-ul"
    menu_label = _("目录条目")
    index_view_class = _EntryIndex
    add_view_class = _EntryCreate
    edit_view_class = _EntryEdit
    delete_view_class = _EntryDelete
    form_fields = [
        "agency",
        "category",
        "name",
        "township",
        "address",
        "phone",
        "hours",
        "services",
        "latitude",
        "longitude",
        "is_published",
    ]
    list_display = ["name", "category", "township", "phone", "is_published", "updated_at"]
    list_filter = ["category", "is_published"]
    search_fields = ["name", "address", "phone"]


class ConvenienceGroup(ViewSetGroup):
    menu_label = _("便民服务")
    menu_icon = "list-ul"
    menu_order = 268
    items = (DirectoryEntryViewSet,)


register_permission_policy(DirectoryEntry, access.DIRECTORY_POLICY)


@hooks.register("register_admin_viewset")
def register_convenience_viewsets():
    return ConvenienceGroup()


@hooks.register("register_admin_menu_item")
def register_corrections_menu_item():
    return _StaffMenuItem(_("目录纠错"), reverse("convenience_admin:corrections"), icon_name="warning", order=269)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _StaffMenuItem(_("目录导入导出"), reverse("convenience_admin:import"), icon_name="upload", order=270)


def _sync_maintainers(request, page):
    if isinstance(page.specific, TourismIndexPage):
        actions.tourism_maintainers_sync(index=page.specific, actor=request.user)


hooks.register("after_create_page", _sync_maintainers)
hooks.register("after_edit_page", _sync_maintainers)


@hooks.register("register_log_actions")
def register_convenience_log_actions(actions_registry):
    for action, label in {
        "govportal.tourism_maintainers": _("旅游文化维护单位变更"),
        "govportal.directory_import": _("便民服务目录导入"),
    }.items():
        actions_registry.register_action(action, label, label)
