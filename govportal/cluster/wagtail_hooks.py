"""Wagtail admin integration for the cluster: log actions, and (elsewhere in this module)
the menus and views of synchronised publishing and the limits on what staff see."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

LOG_ACTIONS = {
    "govportal.site_create": _("开设网站"),
    "govportal.sync_offer": _("推送到门户栏目"),
    "govportal.sync_accepted": _("门户采用推送文章"),
    "govportal.sync_declined": _("门户不予采用推送文章"),
    "govportal.sync_withdrawn": _("撤回推送"),
    "govportal.import": _("导入文章"),
}


@hooks.register("register_log_actions")
def register_govportal_log_actions(actions):
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
