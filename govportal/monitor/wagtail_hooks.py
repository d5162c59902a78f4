"""The 网站监管 submenu of the admin. Each part of the area registers its own entries with
``@hooks.register("register_monitor_menu_item")`` from its own admin module."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from govportal.monitor import access

monitor_menu = Menu(register_hook_name="register_monitor_menu_item", construct_hook_name="construct_monitor_menu")


class MonitorSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return access.may_use_monitor(request.user)


@hooks.register("register_admin_menu_item")
def register_monitor_menu():
    return MonitorSubmenu(_("网站监管"), monitor_menu, icon_name="warning", order=900)
