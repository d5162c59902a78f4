"""调查征集 in the Wagtail admin.

- 网上调查 and 网上评议 (a group 调查评议): each agency edits its own; the information office
  all. Another agency's row is a 404 on every screen (`AgencyScopedViewSetMixin`). A survey's
  edit goes through `actions.survey_save` (refused once answered; audited once open).
- /admin/canyu/…: results, review of free text, closing, xlsx (`admin_views`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.core.admin_scope import AgencyScopedViewSetMixin
from govportal.core.errors import Conflict
from govportal.participation import (
    access,
    actions,
    admin_drafts,  # noqa: F401  (意见征集 and 网上听证: viewsets, work screens, menu items)
    admin_views,
)
from govportal.participation.models import Evaluation, EvaluationIndicator, Question, Survey

# --- surveys and evaluations --------------------------------------------------


@hooks.register("register_admin_urls")
def register_participation_urls():
    return [path("canyu/", include((admin_views.urlpatterns, "participation_admin"), namespace="participation_admin"))]


_WINDOW = [
    FieldPanel("agency"),
    FieldPanel("title"),
    FieldPanel("intro"),
    FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("时间")),
    FieldPanel("means"),
    FieldPanel("status"),
]
Question.panels = [
    FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
    FieldPanel("text"),
    FieldPanel("options"),
    FieldRowPanel([FieldPanel("show_if_question"), FieldPanel("show_if_option")], heading=_("条件题")),
]
Survey.panels = [
    *_WINDOW,
    FieldPanel("results_public_while_open"),
    MultiFieldPanel([InlinePanel("questions", label=_("题目"))], heading=_("问卷")),
]
EvaluationIndicator.panels = [FieldRowPanel([FieldPanel("target"), FieldPanel("name")])]
Evaluation.panels = [
    FieldPanel("year"),
    *_WINDOW,
    MultiFieldPanel([InlinePanel("indicators", label=_("评议指标"))], heading=_("被评议单位和指标")),
]


class _ScopedObject:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not access.may_manage(self.request.user, obj):
            raise Http404
        return obj

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        access.limit_agency_field(form, self.request.user)
        return form


class _Index(generic.IndexView):
    def get_base_queryset(self):
        return access.own_rows(self.request.user, super().get_base_queryset())


class _Create(_ScopedObject, generic.CreateView):
    def get_object(self, *args, **kwargs):  # no object yet
        return generic.CreateView.get_object(self, *args, **kwargs)


class _Edit(_ScopedObject, generic.EditView):
    def save_instance(self):
        return actions.survey_save(form=self.form, actor=self.request.user, is_new=False)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except Conflict as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)


class _EvaluationEdit(_ScopedObject, generic.EditView):
    def form_valid(self, form):
        if self.object.responses.exists():
            form.add_error(None, _("评议已有人参与，不能再修改；如需停止，请在评议结果页提前结束。"))
            return self.form_invalid(form)
        return super().form_valid(form)


class _Delete(_ScopedObject, generic.DeleteView):
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not access.may_delete(self.request.user, obj):
            raise PermissionDenied("已有人参与，不能删除；如需停止，请提前结束。")
        return obj


def _results_link(url_name, arg):
    def render(obj):
        return format_html('<a href="{}">{}</a>', reverse(url_name, kwargs={arg: obj.pk}), _("结果"))

    return render


class _ResultsColumn(Column):
    def __init__(self, name, url_name, arg, **kwargs):
        super().__init__(name, **kwargs)
        self.url_name, self.arg = url_name, arg

    def get_value(self, instance):
        return _results_link(self.url_name, self.arg)(instance)


class SurveyViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = Survey
    name = "surveys"
    icon = "list-ul"
    menu_label = _("网上调查")
    index_view_class = _Index
    add_view_class = _Create
    edit_view_class = _Edit
    delete_view_class = _Delete
    list_display = [
        "title",
        "agency",
        "opens_at",
        "closes_at",
        "status",
        _ResultsColumn("results", "participation_admin:survey_results", "survey_id", label=_("结果与审核")),
    ]
    list_filter = ["status", "means"]
    search_fields = ["title"]


class EvaluationViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = Evaluation
    name = "evaluations"
    icon = "list-ol"
    menu_label = _("网上评议")
    index_view_class = _Index
    add_view_class = _Create
    edit_view_class = _EvaluationEdit
    delete_view_class = _Delete
    list_display = [
        "title",
        "year",
        "agency",
        "closes_at",
        "status",
        _ResultsColumn("results", "participation_admin:evaluation_results", "evaluation_id", label=_("结果")),
    ]
    list_filter = ["status", "year"]
    search_fields = ["title"]


class ParticipationGroup(ViewSetGroup):
    menu_label = _("调查评议")
    menu_icon = "list-ul"
    menu_order = 268
    items = (SurveyViewSet, EvaluationViewSet)


register_permission_policy(Survey, access.SURVEY_POLICY)
register_permission_policy(Evaluation, access.EVALUATION_POLICY)


@hooks.register("register_admin_viewset")
def register_participation_viewsets():
    return ParticipationGroup()
