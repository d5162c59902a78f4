from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "govportal.monitor"
    label = "monitor"
    verbose_name = _("网站监管")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # --- 链接检查 and the scored indicators (govportal/monitor/links/) ---
        # --- end 链接检查 ---
        # 错敏词: the admin screens, the review's content check, the periodic sweep.
        # The dashboards' admin URLs, menu entries and the goals' screens.
        from govportal.monitor import (  # noqa: F401
            dashboard_hooks,  # noqa: F401
            wording_admin,
            wording_tasks,
        )
        from govportal.monitor.links import admin_views, indicators, tasks  # noqa: F401
