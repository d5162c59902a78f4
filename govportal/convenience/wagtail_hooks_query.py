"""公共查询 in the Wagtail admin (imported by wagtail_hooks)."""

from __future__ import annotations

# --- 公共查询 (public query systems) ------------------------------------------
# - 公共查询设置: each agency configures its own query systems (name, data source, fields,
#   masks) — another agency's is a 404 on every screen (AgencyScopedViewSetMixin); a
#   configuration breaking the privacy rules is refused with the reason.
# - 查询数据: import a table, the import log, the query audit (`admin_views_query`).
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.convenience import access, admin_views_query, querying, selectors
from govportal.convenience.models import QueryField, QuerySource, QuerySystem
from govportal.core.admin_scope import AgencyScopedViewSetMixin


class QuerySystemForm(WagtailAdminModelForm):
    """Refuses a configuration that breaks the privacy rules (`selectors.config_problems`):
    a personal query with fewer than two asked fields, a personal mask on a public query …"""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("fields")
        if formset is None or not formset.is_valid():
            return cleaned
        fields = [
            QueryField(**{k: f.cleaned_data.get(k) for k in ("column", "asked", "shown", "mask")})
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        probe = QuerySystem(
            is_personal=cleaned.get("is_personal", True),
            source=cleaned.get("source", QuerySource.UPLOAD),
            connector_url=cleaned.get("connector_url", ""),
        )
        for problem in selectors.config_problems(probe, fields):
            self.add_error(None, problem)
        url = cleaned.get("connector_url")
        if url and not querying.connector_host_allowed(url):
            self.add_error(
                "connector_url", _("该主机不在允许的接口主机名单（QUERY_CONNECTOR_HOSTS）中，请联系市信息办")
            )
        return cleaned


QuerySystem.base_form_class = QuerySystemForm
QuerySystem.panels = [
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldRowPanel([FieldPanel("agency"), FieldPanel("provider")]),
            FieldPanel("intro"),
            FieldPanel("result_note"),
            FieldRowPanel([FieldPanel("service_phone"), FieldPanel("sort_order")]),
        ],
        heading=_("查询"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("is_personal"),
            FieldPanel("source"),
            FieldRowPanel([FieldPanel("connector_url"), FieldPanel("connector_timeout")]),
        ],
        heading=_("数据和隐私"),
    ),
    InlinePanel(
        "fields",
        heading=_("查询字段"),
        label=_("字段"),
        min_num=1,
        help_text=_("“查询条件”是群众必须填写且须完全一致的项；其余勾选“显示在结果中”的项按遮蔽规则显示。"),
    ),
    FieldPanel("is_published"),
]
QueryField.panels = [
    FieldRowPanel([FieldPanel("column"), FieldPanel("label"), FieldPanel("hint")]),
    FieldRowPanel([FieldPanel("asked"), FieldPanel("shown"), FieldPanel("mask")]),
]


class _QueryIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.query_systems_for_staff(self.request.user, super().get_base_queryset())


class _QueryObject:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not access.may_manage_query_system(self.request.user, obj):
            raise Http404
        return obj

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        access.limit_agency_field(form, self.request.user)
        return form


class _QueryCreate(_QueryObject, generic.CreateView):
    def get_object(self, *args, **kwargs):  # no object yet
        return generic.CreateView.get_object(self, *args, **kwargs)


class _QueryEdit(_QueryObject, generic.EditView):
    pass


class _QueryDelete(_QueryObject, generic.DeleteView):
    pass


class QuerySystemViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = QuerySystem
    name = "query_systems"
    icon = "search"
    menu_label = _("公共查询设置")
    menu_order = 275
    add_to_admin_menu = True
    index_view_class = _QueryIndex
    add_view_class = _QueryCreate
    edit_view_class = _QueryEdit
    delete_view_class = _QueryDelete
    list_display = ["name", "provider", "agency", "source", "is_personal", "is_published"]
    list_filter = ["source", "is_published"]
    search_fields = ["name", "provider"]


register_permission_policy(QuerySystem, access.QUERY_SYSTEM_POLICY)


@hooks.register("register_admin_viewset")
def register_query_viewset():
    return QuerySystemViewSet()


@hooks.register("register_admin_urls")
def register_query_data_urls():
    return [
        path(
            "query-data/",
            include((admin_views_query.urlpatterns, "convenience_query_admin"), namespace="convenience_query_admin"),
        )
    ]


class QueryDataMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_query_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_query_data_menu_item():
    return QueryDataMenuItem(_("查询数据"), reverse("convenience_query_admin:systems"), icon_name="table", order=276)


# --- end 公共查询 ------------------------------------------------------------------------------
