from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "govportal.monitor"
    label = "monitor"
    verbose_name = _("网站监管")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported in ready(), not at the top: apps.py loads before the models exist.
        # veto: the single-veto indicators register; tasks: the periodic jobs; state_admin:
        # the 监测状态 screens in the 网站监管 submenu.
        from govportal.monitor import state_admin, tasks, veto  # noqa: F401
