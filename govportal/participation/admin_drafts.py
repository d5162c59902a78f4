"""意见征集 and 网上听证 in the Wagtail admin (imported by wagtail_hooks).

- 意见征集 / 网上听证 (model viewsets): each agency edits its own drafts and hearings, the
  information office all; another agency's row is 404 on every screen (`AgencyScopedViewSetMixin`
  with the policies in `access`). The period rule is the model's `clean` (the form shows it).
- The work screens (`participation_drafts_admin`): one draft's comments — review (publish or
  not), the outcome of each, the feedback report; one hearing's registrations — selection,
  the record; and 未反馈 (drafts whose period ended without feedback: the office sees all).
"""

from __future__ import annotations

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.core.admin_scope import AgencyScopedViewSetMixin
from govportal.core.citizen_input import parse_int
from govportal.core.errors import GovPortalError, InvalidInput, NotFound
from govportal.participation import access, actions, selectors
from govportal.participation.models_drafts import (
    CommentOutcome,
    Hearing,
    HearingRegistration,
    Solicitation,
    SolicitationComment,
)

# --- model viewsets --------------------------------------------------------------------------

Solicitation.panels = [
    FieldPanel("agency"),
    FieldPanel("title"),
    FieldPanel("explanation"),
    FieldPanel("attachment"),
    FieldPanel("opens_at"),
    FieldPanel("closes_at"),
    FieldPanel("short_period_reason"),
    FieldPanel("contact"),
    InlinePanel("articles", label=gettext_lazy("条款（逐条征求意见）")),
    FieldPanel("final_document"),
    FieldPanel("is_published"),
]

Hearing.panels = [
    FieldPanel("agency"),
    FieldPanel("title"),
    FieldPanel("matter"),
    FieldPanel("held_at"),
    FieldPanel("place"),
    FieldPanel("registration_opens_at"),
    FieldPanel("registration_closes_at"),
    FieldPanel("capacity"),
    FieldPanel("selection"),
    FieldPanel("record_document"),
    FieldPanel("is_published"),
]


class _ScopedForm:
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        access.limit_agency_field(form, self.request.user)
        return form


class _SolicitationIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.solicitations_for_staff(self.request.user, super().get_base_queryset())


class _HearingIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.hearings_for_staff(self.request.user, super().get_base_queryset())


class _Create(_ScopedForm, generic.CreateView):
    pass


class _Edit(_ScopedForm, generic.EditView):
    pass


def _title_column(url_name: str):
    return TitleColumn("title", label=gettext_lazy("名称"), get_url=lambda obj: reverse(url_name, args=[obj.pk]))


class SolicitationViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = Solicitation
    name = "solicitations"
    icon = "doc-full"
    menu_label = gettext_lazy("意见征集")
    index_view_class = _SolicitationIndex
    add_view_class = _Create
    edit_view_class = _Edit
    list_display = [
        _title_column("participation_drafts_admin:solicitation"),
        "agency",
        "opens_at",
        "closes_at",
        "is_published",
    ]
    list_filter = ["is_published"]
    search_fields = ["title"]


class HearingViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    model = Hearing
    name = "hearings"
    icon = "group"
    menu_label = gettext_lazy("网上听证")
    index_view_class = _HearingIndex
    add_view_class = _Create
    edit_view_class = _Edit
    list_display = [
        _title_column("participation_drafts_admin:hearing"),
        "agency",
        "held_at",
        "capacity",
        "is_published",
    ]
    list_filter = ["is_published"]
    search_fields = ["title"]


class DraftsGroup(ViewSetGroup):
    menu_label = gettext_lazy("意见征集与听证")
    menu_icon = "doc-full"
    menu_order = 268
    items = (SolicitationViewSet, HearingViewSet)


register_permission_policy(Solicitation, access.SOLICITATION_POLICY)
register_permission_policy(SolicitationComment, access.COMMENT_POLICY)
register_permission_policy(Hearing, access.HEARING_POLICY)
register_permission_policy(HearingRegistration, access.REGISTRATION_POLICY)


@hooks.register("register_admin_viewset")
def register_drafts_viewsets():
    return DraftsGroup()


# --- work screens ----------------------------------------------------------------------------


def _solicitation(request, pk) -> Solicitation:
    try:
        return access.solicitation_for_staff(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _hearing(request, pk) -> Hearing:
    try:
        return access.hearing_for_staff(request.user, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _solicitation_context(solicitation) -> dict:
    return {
        "solicitation": solicitation,
        "comments": selectors.solicitation_comments_for_staff(solicitation),
        "counts": selectors.comment_counts(solicitation),
        "outcomes": [c for c in CommentOutcome.choices if c[0]],
        "ended": solicitation.has_ended(),
        "edit_url": reverse("solicitations:edit", args=[solicitation.pk]),
    }


def _post_solicitation(request, solicitation) -> None:
    op = request.POST.get("op", "")
    if op == "feedback":
        actions.solicitation_feedback_publish(
            solicitation=solicitation, actor=request.user, summary=request.POST.get("summary", "")
        )
        return
    comment_pk = parse_int(request.POST.get("comment", ""), minimum=1)
    comment = solicitation.comments.filter(pk=comment_pk).first() if comment_pk else None
    if comment is None:
        raise InvalidInput(_("请选择一条意见"))
    if op in ("publish", "hide"):
        actions.comment_review(comment=comment, actor=request.user, publish=op == "publish")
    elif op == "outcome":
        actions.comment_outcome(
            comment=comment,
            actor=request.user,
            outcome=request.POST.get("outcome", ""),
            reason=request.POST.get("reason", ""),
        )
    else:
        raise InvalidInput(_("未知的操作"))


def solicitation_screen(request, pk):
    solicitation = _solicitation(request, pk)
    template = "participation/drafts/admin/solicitation.html"
    if request.method == "POST":
        try:
            _post_solicitation(request, solicitation)
        except GovPortalError as exc:
            messages.error(request, exc.message)
            solicitation.refresh_from_db()
            return TemplateResponse(request, template, _solicitation_context(solicitation), status=exc.status_code)
        messages.success(request, _("已保存"))
        return redirect("participation_drafts_admin:solicitation", solicitation.pk)
    return TemplateResponse(request, template, _solicitation_context(solicitation))


def _hearing_context(hearing) -> dict:
    return {
        "hearing": hearing,
        "registrations": selectors.hearing_registrations(hearing),
        "counts": selectors.registration_counts(hearing),
        "edit_url": reverse("hearings:edit", args=[hearing.pk]),
    }


def hearing_screen(request, pk):
    hearing = _hearing(request, pk)
    template = "participation/drafts/admin/hearing.html"
    if request.method == "POST":
        op = request.POST.get("op", "")
        try:
            if op == "select":
                actions.hearing_select(hearing=hearing, actor=request.user)
            elif op == "record":
                actions.hearing_record_publish(
                    hearing=hearing, actor=request.user, record=request.POST.get("record", "")
                )
            else:
                raise InvalidInput(_("未知的操作"))
        except GovPortalError as exc:
            messages.error(request, exc.message)
            hearing.refresh_from_db()
            return TemplateResponse(request, template, _hearing_context(hearing), status=exc.status_code)
        messages.success(request, _("已保存"))
        return redirect("participation_drafts_admin:hearing", hearing.pk)
    return TemplateResponse(request, template, _hearing_context(hearing))


def without_feedback(request):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not access.may_manage_participation(request.user):
        raise Http404
    drafts = selectors.drafts_without_feedback(qs=access.solicitations_for_staff(request.user))
    context = {"drafts": drafts, "office": access.sees_every_agency(request.user)}
    return TemplateResponse(request, "participation/drafts/admin/without_feedback.html", context)


urlpatterns = [
    path("zhengji/weifankui/", without_feedback, name="without_feedback"),
    path("zhengji/<int:pk>/", solicitation_screen, name="solicitation"),
    path("tingzheng/<int:pk>/", hearing_screen, name="hearing"),
]


@hooks.register("register_admin_urls")
def register_drafts_urls():
    return [
        path("canyu/", include((urlpatterns, "participation_drafts_admin"), namespace="participation_drafts_admin"))
    ]


class _WithoutFeedbackItem(MenuItem):
    def is_shown(self, request):
        return access.may_manage_participation(request.user)


@hooks.register("register_admin_menu_item")
def register_without_feedback_item():
    return _WithoutFeedbackItem(
        gettext_lazy("征集未反馈"),
        reverse("participation_drafts_admin:without_feedback"),
        icon_name="warning",
        order=269,
    )


@hooks.register("register_log_actions")
def register_drafts_log_actions(actions_registry):
    for action, label in (
        ("participation.comment_review", gettext_lazy("审核征集意见")),
        ("participation.comment_outcome", gettext_lazy("填写意见采纳情况")),
        ("participation.feedback_publish", gettext_lazy("发布意见采纳情况反馈")),
        ("participation.final_document", gettext_lazy("关联正式文件")),
        ("participation.hearing_select", gettext_lazy("遴选听证参加人")),
        ("participation.hearing_record", gettext_lazy("发布听证报告")),
    ):
        actions_registry.register_action(action, label, label)
