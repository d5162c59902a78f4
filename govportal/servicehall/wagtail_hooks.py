"""网上办事大厅 in the Wagtail admin.

Every agency's staff manage their own agency's service items, forms and rollout plans
(snippets, scoped by the policies of `access`); the window and the departments work applications
and tasks in 办件受理 (admin_views), bad ratings in the kernel's 差评整改; the completeness check and
statistics are under the same menu. Who sees what is `access`: superusers (the information
office) and holders of ``servicehall.supervise_servicehall`` see every agency.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup

import django_filters

from govportal.cluster.models import ColumnPage, SiteHomePage, SiteKind
from govportal.core.admin_scope import AgencyScopedViewSetMixin
from govportal.servicehall import access, admin_views
from govportal.servicehall.models import RolloutPlan, ServiceForm, ServiceItem, ServiceTopic
from govportal.servicehall.publishing import item_reindex


class AgencyScopedForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        access.limit_form_fields(self, self.for_user)


ServiceItem.base_form_class = AgencyScopedForm
ServiceForm.base_form_class = AgencyScopedForm
RolloutPlan.base_form_class = AgencyScopedForm


register_permission_policy(ServiceItem, access.ITEM_POLICY)
register_permission_policy(ServiceForm, access.FORM_POLICY)
register_permission_policy(RolloutPlan, access.PLAN_POLICY)


class _InstanceChecked:
    """Another agency's row is a 404; a published form version is read-only (403)."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        user = self.request.user
        if not self.permission_policy.instances_user_has_permission_for(user, "change").filter(pk=obj.pk).exists():
            raise Http404
        if not self.permission_policy.user_has_permission_for_instance(user, "change", obj):
            raise PermissionDenied
        return obj


class ScopedEditView(_InstanceChecked, EditView):
    pass


class ScopedDeleteView(_InstanceChecked, DeleteView):
    pass


class _Scoped(AgencyScopedViewSetMixin, SnippetViewSet):
    """Another agency's row is a 404 on every screen (history, usage, copy, the chooser…);
    the listing and the chooser show the user's rows only."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView


class ServiceItemFilterSet(WagtailFilterSet):
    """可网上办理 filters on the one definition (`ServiceItem.objects.with_online`)."""

    online = django_filters.BooleanFilter(label=_("可网上办理"), method="filter_online")

    class Meta:
        model = ServiceItem
        fields = ["item_type", "audience", "is_published"]

    def filter_online(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.with_online().filter(online_now=value)


class ServiceItemViewSet(_Scoped):
    model = ServiceItem
    icon = "doc-full"
    menu_label = _("办事事项")
    list_display = ["name", "code", "agency", "item_type", "is_online", "is_published"]
    filterset_class = ServiceItemFilterSet
    search_fields = ["name", "code"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_online()


class ServiceFormViewSet(_Scoped):
    model = ServiceForm
    icon = "form"
    menu_label = _("申请表")
    list_display = ["item", "version", "status", "published_at"]
    list_filter = ["status"]


class ServiceTopicViewSet(SnippetViewSet):
    model = ServiceTopic
    icon = "tag"
    menu_label = _("主题和人生事件")
    list_display = ["name", "kind", "slug"]


class RolloutPlanViewSet(_Scoped):
    model = RolloutPlan
    icon = "date"
    menu_label = _("推进计划")
    list_display = ["agency", "year", "planned_online_items", "actual_online_items", "supervisor_note"]
    list_filter = ["year"]


class ServiceHallGroup(SnippetViewSetGroup):
    menu_label = _("网上办事")
    menu_icon = "tasks"
    menu_order = 320
    items = (ServiceItemViewSet, ServiceFormViewSet, RolloutPlanViewSet, ServiceTopicViewSet)


register_snippet(ServiceHallGroup)


def _reindex(instance):
    if isinstance(instance, ServiceItem):
        item_reindex([instance.pk])


@hooks.register("after_create_snippet")
def _after_create(request, instance):
    _reindex(instance)


@hooks.register("after_edit_snippet")
def _after_edit(request, instance):
    _reindex(instance)


@hooks.register("after_delete_snippet")
def _after_delete(request, instances):
    item_reindex([i.pk for i in instances if isinstance(i, ServiceItem)])


@hooks.register("register_admin_urls")
def register_urls():
    return [path("banshi/", include((admin_views.urlpatterns, "servicehall_admin"), namespace="servicehall_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_hall_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_applications_menu():
    return StaffMenuItem(_("办件受理"), reverse("servicehall_admin:index"), icon_name="tasks", order=321)


@hooks.register("register_admin_menu_item")
def register_check_menu():
    return StaffMenuItem(_("办事指南检查"), reverse("servicehall_admin:completeness"), icon_name="list-ul", order=323)


@hooks.register("before_serve_page")
def wsbs_leads_to_hall(page, request, serve_args, serve_kwargs):
    """The portal's single-page column 网上办事 (wsbs) leads to the hall."""
    from django.shortcuts import redirect

    if isinstance(page, ColumnPage) and page.slug == "wsbs":
        parent = page.get_parent().specific
        if isinstance(parent, SiteHomePage) and parent.kind == SiteKind.PORTAL:
            return redirect("servicehall:index")
    return None
