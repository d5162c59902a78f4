"""The agency registry (单位名录) in the Wagtail admin, for the information office only.

Agencies' staff must not edit the registry: the viewset's policy is
`core.access.information_office_only`, so the menu item and every screen are the
information office's alone.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from govportal.core.access import InformationOfficeOnlyPolicy, information_office_only
from govportal.core.models import Agency

__all__ = ["InformationOfficeOnlyPolicy", "AgencyViewSet"]


class AgencyViewSet(ModelViewSet):
    model = Agency
    icon = "group"
    menu_label = _("单位名录")
    menu_order = 900
    add_to_admin_menu = True
    name = "agencies"
    form_fields = [
        "code",
        "name",
        "short_name",
        "kind",
        "parent",
        "head",
        "functions",
        "address",
        "postcode",
        "office_hours",
        "phone",
        "fax",
        "email",
        "established_on",
        "disclosure_office",
        "disclosure_address",
        "disclosure_postcode",
        "disclosure_hours",
        "disclosure_phone",
        "disclosure_fax",
        "disclosure_email",
        "disclosure_online",
        "sort_order",
        "is_active",
    ]
    list_display = ["name", "short_name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["sort_order", "code"]


register_permission_policy(Agency, information_office_only(Agency))


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return AgencyViewSet()
