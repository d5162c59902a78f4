"""互动交流 in the Wagtail admin.

- 来信办理 (menu): the agency's work queue, letter screens and export (`admin_views`).
- 信箱设置: mailboxes with their categories and limits — the information office only.
- 热点解答 and 答复模板: each agency edits its own rows; the information office all.
  Another agency's row is a 404, never a 403. The rules and policies are in `access`.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.core.admin_scope import AgencyScopedViewSetMixin
from govportal.interaction import access, admin_views
from govportal.interaction.models import FaqEntry, Mailbox, ReplyTemplate


@hooks.register("register_admin_urls")
def register_letter_urls():
    return [path("letters/", include((admin_views.urlpatterns, "interaction_admin"), namespace="interaction_admin"))]


class LettersMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_letters_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_letters_menu_item():
    return LettersMenuItem(_("来信办理"), reverse("interaction_admin:queue"), icon_name="mail", order=260)


# --- Mailboxes: the information office only --------------------------------------------------
Mailbox.panels = [
    FieldPanel("kind"),
    FieldPanel("name"),
    FieldPanel("slug"),
    FieldPanel("agency"),
    FieldPanel("triage_agency"),
    FieldPanel("intro"),
    FieldPanel("warning_days"),
    FieldPanel("red_days"),
    InlinePanel("categories", label=_("类别和答复期限")),
    FieldPanel("sort_order"),
    FieldPanel("is_active"),
]


class MailboxViewSet(ModelViewSet):
    model = Mailbox
    name = "mailboxes"
    icon = "mail"
    menu_label = _("信箱设置")
    list_display = ["name", "kind", "agency", "triage_agency", "warning_days", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


# --- Per-agency rows: FAQ and reply templates -------------------------------------------------
class _ScopedIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.own_agency_rows(self.request.user, super().get_base_queryset())


class _FaqIndex(generic.IndexView):
    def get_base_queryset(self):
        return access.faq_for_staff(self.request.user, super().get_base_queryset())


class _ScopedObject:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not access.may_edit_row(self.request.user, obj):
            raise Http404
        return obj

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        access.limit_agency_field(form, self.request.user)
        return form


class _ScopedCreate(_ScopedObject, generic.CreateView):
    def get_object(self, *args, **kwargs):  # no object yet
        return generic.CreateView.get_object(self, *args, **kwargs)


class _ScopedEdit(_ScopedObject, generic.EditView):
    pass


class _ScopedDelete(_ScopedObject, generic.DeleteView):
    pass


class _ScopedViewSet(AgencyScopedViewSetMixin, ModelViewSet):
    """History, usage, copy and every other screen of another agency's row: 404."""

    index_view_class = _ScopedIndex
    add_view_class = _ScopedCreate
    edit_view_class = _ScopedEdit
    delete_view_class = _ScopedDelete


class FaqViewSet(_ScopedViewSet):
    index_view_class = _FaqIndex
    model = FaqEntry
    name = "faq"
    icon = "help"
    menu_label = _("热点解答")
    form_fields = ["agency", "topic", "question", "answer", "is_published"]
    list_display = ["question", "topic", "agency", "is_published", "updated_at"]
    list_filter = ["is_published", "topic"]
    search_fields = ["question", "answer", "topic"]


class ReplyTemplateViewSet(_ScopedViewSet):
    model = ReplyTemplate
    name = "reply_templates"
    icon = "doc-full"
    menu_label = _("答复模板")
    form_fields = ["agency", "title", "body"]
    list_display = ["title", "agency"]
    search_fields = ["title", "body"]


class InteractionGroup(ViewSetGroup):
    menu_label = _("互动交流")
    menu_icon = "mail"
    menu_order = 265
    items = (FaqViewSet, ReplyTemplateViewSet, MailboxViewSet)


register_permission_policy(Mailbox, access.MAILBOX_POLICY)
register_permission_policy(FaqEntry, access.FAQ_POLICY)
register_permission_policy(ReplyTemplate, access.TEMPLATE_POLICY)


@hooks.register("register_admin_viewset")
def register_interaction_viewsets():
    return InteractionGroup()
