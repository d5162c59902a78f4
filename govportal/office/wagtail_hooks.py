"""协同办公 in the Wagtail admin: the menu item and its screens (`admin_views`)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from govportal.office import access, admin_views


@hooks.register("register_admin_urls")
def register_office_urls():
    return [path("office/", include((admin_views.urlpatterns, "office_admin"), namespace="office_admin"))]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use_office(request.user)


@hooks.register("register_admin_menu_item")
def register_office_menu_item():
    return OfficeMenuItem(_("协同办公"), reverse("office_admin:index"), icon_name="doc-full-inverse", order=270)
