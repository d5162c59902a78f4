"""互动交流 in the Wagtail admin.

- 来信办理 (menu): the agency's work queue, letter screens and export (`admin_views`).
- 信箱设置: mailboxes with their categories and limits — the information office only.
- 热点解答 and 答复模板: each agency edits its own rows; the information office all.
  Another agency's row is a 404, never a 403.
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
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from govportal.core.admin_scope import AgencyScopedViewSetMixin
from govportal.core.models import Agency
from govportal.interaction.models import FaqEntry, Mailbox, ReplyTemplate


@hooks.register("register_admin_urls")
def register_letter_urls():
    from govportal.interaction import admin_views

    return [path("letters/", include((admin_views.urlpatterns, "interaction_admin"), namespace="interaction_admin"))]


class LettersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or bool(request.user.agency_id)


@hooks.register("register_admin_menu_item")
def register_letters_menu_item():
    return LettersMenuItem(_("来信办理"), reverse("interaction_admin:queue"), icon_name="mail", order=260)


# --- Mailboxes: the information office only --------------------------------------------------
class InformationOfficeOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return user.is_active and user.is_superuser


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
class OwnAgencyPolicy(ModelPermissionPolicy):
    """Staff of an agency may manage their agency's rows; the information office all."""

    def user_has_permission(self, user, action):
        return user.is_active and (user.is_superuser or bool(user.agency_id))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, "change")

    def user_has_permission_for_instance(self, user, action, instance):
        return user.is_active and (user.is_superuser or instance.agency_id == user.agency_id)

    def instances_user_has_permission_for(self, user, action):
        qs = self.model._default_manager.all()
        return qs if user.is_superuser else qs.filter(agency_id=user.agency_id)


class _ScopedIndex(generic.IndexView):
    def get_base_queryset(self):
        qs = super().get_base_queryset()
        user = self.request.user
        return qs if user.is_superuser else qs.filter(agency_id=user.agency_id)


class _ScopedObject:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        user = self.request.user
        if not user.is_superuser and obj.agency_id != user.agency_id:
            raise Http404
        return obj

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        user = self.request.user
        if "agency" in form.fields and not user.is_superuser:
            form.fields["agency"].queryset = Agency.objects.filter(pk=user.agency_id)
            form.fields["agency"].required = True
            form.fields["agency"].empty_label = None
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


register_permission_policy(Mailbox, InformationOfficeOnlyPolicy(Mailbox))
register_permission_policy(FaqEntry, OwnAgencyPolicy(FaqEntry))
register_permission_policy(ReplyTemplate, OwnAgencyPolicy(ReplyTemplate))


@hooks.register("register_admin_viewset")
def register_interaction_viewsets():
    return InteractionGroup()
