"""企业风采 and 招商引资 in the Wagtail admin (menu 企业风采):

- 形象窗口 (image windows): the office and the portal's agency; saved through
  `actions.window_save` (a change sends the window back to 草稿), reviewed on its own screen
  (`admin_views.window`: submit, approve, return — never one's own).
- 企业 (enterprises), 招商项目, 招商政策: the investment bureau (and the office); the bureau's
  queue of applications and enquiries (`admin_views`). Another agency's staff: 404.
"""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.core.admin_scope import AgencyScopedViewSetMixin
from govportal.enterprise import access, actions, admin_views
from govportal.enterprise.models import (
    Enterprise,
    EnterpriseProduct,
    ImageWindow,
    InvestmentPolicy,
    InvestmentProject,
)

LOG_ACTIONS = {
    "enterprise.approve": _("企业风采审核通过"),
    "enterprise.reject": _("企业风采退回"),
    "enterprise.withdraw": _("企业风采撤下"),
    "enterprise.link_hidden": _("企业网站无法访问，链接已隐藏"),
    "enterprise.link_restored": _("企业网站恢复访问，链接已恢复"),
    "enterprise.window_submit": _("形象窗口提交审核"),
    "enterprise.window_approve": _("形象窗口审核通过"),
    "enterprise.window_reject": _("形象窗口退回修改"),
}


@hooks.register("register_log_actions")
def register_enterprise_log_actions(actions_registry):
    for action, label in LOG_ACTIONS.items():
        actions_registry.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_enterprise_urls():
    return [path("qiye/", include((admin_views.urlpatterns, "enterprise_admin"), namespace="enterprise_admin"))]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_bureau_admin(request.user)


# --- 形象窗口 ----------------------------------------------------------------------------------
ImageWindow.panels = [
    FieldPanel("home"),
    FieldRowPanel([FieldPanel("slogan"), FieldPanel("sort_order")]),
    FieldPanel("caption"),
    FieldPanel("image"),
    FieldPanel("alt_text"),
    FieldRowPanel([FieldPanel("video"), FieldPanel("captions")]),
    FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
    FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
]


class _WindowForm:
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if "home" in form.fields:
            form.fields["home"].queryset = access.homes_for(self.request.user)
        return form

    def save_instance(self):
        return actions.window_save(window=self.form.save(commit=False), actor=self.request.user)

    def get_success_url(self):
        return reverse("enterprise_admin:window", args=[self.object.pk])


class _WindowIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.windows_visible(self.request.user, super().get_base_queryset())


class _WindowCreate(_WindowForm, generic.CreateView):
    pass


class _WindowEdit(_WindowForm, generic.EditView):
    pass


class ImageWindowViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = ImageWindow
    name = "image_windows"
    icon = "image"
    menu_label = _("形象窗口")
    index_view_class = _WindowIndex
    add_view_class = _WindowCreate
    edit_view_class = _WindowEdit
    list_display = ["slogan", "home", "state", "starts_at", "ends_at", "sort_order"]
    list_filter = ["state"]
    search_fields = ["slogan", "caption"]


# --- 企业, 招商项目, 招商政策: the bureau -------------------------------------------------------------
Enterprise.panels = [
    FieldPanel("name"),
    FieldRowPanel([FieldPanel("kind"), FieldPanel("industry"), FieldPanel("township")]),
    FieldPanel("profile"),
    FieldPanel("honours"),
    FieldRowPanel([FieldPanel("logo"), FieldPanel("logo_alt")]),
    FieldPanel("address"),
    FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("email")]),
    FieldPanel("website"),
    FieldPanel("sort_order"),
    InlinePanel("products", label=_("产品")),
]
EnterpriseProduct.panels = [
    FieldRowPanel([FieldPanel("name"), FieldPanel("category"), FieldPanel("is_featured")]),
    FieldPanel("image"),
    FieldPanel("description"),
    FieldPanel("sort_order"),
]


class _EnterpriseIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.enterprises_visible(self.request.user, super().get_base_queryset())


class _EnterpriseEdit(generic.EditView):
    def get_success_url(self):
        return reverse("enterprise_admin:enterprise", args=[self.object.pk])


class EnterpriseViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = Enterprise
    name = "enterprises"
    icon = "site"
    menu_label = _("企业信息")
    index_view_class = _EnterpriseIndex
    edit_view_class = _EnterpriseEdit
    list_display = ["name", "state", "industry", "township", "link_ok"]
    list_filter = ["state", "industry", "kind"]
    search_fields = ["name", "credit_code"]


class _BureauIndex(generic.IndexView):
    def get_base_queryset(self):
        qs = super().get_base_queryset()
        return qs if access.may_use_bureau_admin(self.request.user) else qs.none()


class _BureauSave:
    def save_instance(self):
        return actions.bureau_row_save(instance=self.form.save(commit=False), actor=self.request.user)


class _BureauCreate(_BureauSave, generic.CreateView):
    pass


class _BureauEdit(_BureauSave, generic.EditView):
    pass


class InvestmentProjectViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = InvestmentProject
    name = "investment_projects"
    icon = "pick"
    menu_label = _("招商项目")
    index_view_class = _BureauIndex
    add_view_class = _BureauCreate
    edit_view_class = _BureauEdit
    form_fields = [
        "title",
        "sector",
        "location",
        "scale",
        "description",
        "terms",
        "contact_name",
        "contact_phone",
        "is_published",
        "published_at",
        "sort_order",
    ]
    list_display = ["title", "sector", "location", "is_published", "published_at"]
    list_filter = ["is_published", "sector"]
    search_fields = ["title", "location"]


InvestmentPolicy.panels = [
    FieldPanel("title"),
    FieldPanel("summary"),
    FieldPanel("document"),
    FieldPanel("url"),
    FieldRowPanel([FieldPanel("is_published"), FieldPanel("published_at")]),
]


class InvestmentPolicyViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = InvestmentPolicy
    name = "investment_policies"
    icon = "doc-full"
    menu_label = _("招商政策")
    index_view_class = _BureauIndex
    add_view_class = _BureauCreate
    edit_view_class = _BureauEdit
    list_display = ["title", "is_published", "published_at"]
    list_filter = ["is_published"]
    search_fields = ["title"]


class EnterpriseGroup(ViewSetGroup):
    menu_label = _("企业风采")
    menu_icon = "site"
    menu_order = 270
    items = (ImageWindowViewSet, EnterpriseViewSet, InvestmentProjectViewSet, InvestmentPolicyViewSet)


register_permission_policy(ImageWindow, access.WINDOW_POLICY)
register_permission_policy(Enterprise, access.ENTERPRISE_POLICY)
register_permission_policy(EnterpriseProduct, access.PRODUCT_POLICY)
register_permission_policy(InvestmentProject, access.PROJECT_POLICY)
register_permission_policy(InvestmentPolicy, access.POLICY_POLICY)


@hooks.register("register_admin_viewset")
def register_enterprise_viewsets():
    return EnterpriseGroup()


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(_("企业申报和投资咨询"), reverse("enterprise_admin:queue"), icon_name="site", order=268)
