from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "govportal.monitor"
    label = "monitor"
    verbose_name = _("网站监管")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # 政府网站工作年度报表: the admin screens in the 网站监管 submenu, the footer link of
        # every site, the daily reminder before 31 January.
        from govportal.monitor.yearly import admin_hooks, publishing, tasks  # noqa: F401
