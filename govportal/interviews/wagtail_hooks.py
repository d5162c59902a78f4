"""在线访谈 in the Wagtail admin.

- 访谈管理 (the interview list): the information office creates and edits interviews with
  their guests (no accounts), host, agency, video address and related policy pages.
- 访谈直播间 (menu): the responsible agency's host, moderator and typist work on their own
  agency's interviews (`admin_views`); another agency's interview is a 404.
"""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.core.admin_scope import AgencyScopedViewSetMixin
from govportal.interviews import access, actions, admin_views
from govportal.interviews.models import Interview


@hooks.register("register_admin_urls")
def register_console_urls():
    return [path("fangtan/", include((admin_views.urlpatterns, "interviews_admin"), namespace="interviews_admin"))]


class ConsoleMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_console(request.user)


@hooks.register("register_admin_menu_item")
def register_console_menu_item():
    return ConsoleMenuItem(_("访谈直播间"), reverse("interviews_admin:index"), icon_name="media", order=262)


Interview.panels = [
    FieldPanel("title"),
    FieldPanel("agency"),
    FieldPanel("host"),
    MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("访谈时间")),
    FieldPanel("intro"),
    FieldPanel("cover"),
    FieldPanel("video_url"),
    InlinePanel("guests", label=_("嘉宾"), min_num=1),
    InlinePanel("related_links", label=_("相关政策文件和解读"), panels=[FieldPanel("page")]),
    FieldPanel("is_published"),
]


class _SaveThroughAction:
    def save_instance(self):
        instance = super().save_instance()
        actions.interview_saved(interview=instance, actor=self.request.user)
        return instance


class InterviewCreate(_SaveThroughAction, generic.CreateView):
    pass


class InterviewEdit(_SaveThroughAction, generic.EditView):
    pass


class InterviewViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = Interview
    name = "interview_list"
    icon = "media"
    menu_label = _("访谈管理")
    menu_order = 263
    add_to_admin_menu = True
    add_view_class = InterviewCreate
    edit_view_class = InterviewEdit
    list_display = ["title", "agency", "starts_at", "state", "is_published"]
    list_filter = ["state", "is_published"]
    search_fields = ["title"]


register_permission_policy(Interview, access.INTERVIEW_POLICY)


@hooks.register("register_admin_viewset")
def register_interview_viewset():
    return InterviewViewSet()
