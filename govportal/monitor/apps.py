from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "govportal.monitor"
    label = "monitor"
    verbose_name = _("网站监管")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The dashboards' admin URLs, menu entries and the goals' screens.
        from govportal.monitor import dashboard_hooks  # noqa: F401
