from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "govportal.monitor"
    label = "monitor"
    verbose_name = _("网站监管")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # --- 链接检查 and the scored indicators (govportal/monitor/links/) ---
        from govportal.monitor.links import admin_views, indicators, tasks  # noqa: F401
        # --- end 链接检查 ---
        # 错敏词: the admin screens, the review's content check, the periodic sweep.
        from govportal.monitor import wording_admin, wording_tasks  # noqa: F401
