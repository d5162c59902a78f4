from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "govportal.monitor"
    label = "monitor"
    verbose_name = _("网站监管")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported in ready(), not at the top: apps.py loads before the models exist.
        # - veto: the single-veto indicators register; tasks: the periodic jobs; state_admin: the
        #   监测状态 screens in the 网站监管 submenu;
        # - links: the link checker, the scored indicators and the 链接检查 screens;
        # - wording_*: the 错敏词 screens, the review's content check, the periodic sweep;
        # - yearly: 政府网站工作年度报表 — its admin screens, the footer link of every site, the daily
        #   reminder before 31 January;
        # - dashboard_hooks: the dashboards' admin URLs, menu entries and the goals' screens.
        import govportal.monitor.links.admin_views
        import govportal.monitor.links.indicators
        import govportal.monitor.links.tasks
        import govportal.monitor.yearly.admin_hooks
        import govportal.monitor.yearly.publishing
        import govportal.monitor.yearly.tasks  # noqa: F401
        from govportal.monitor import (  # noqa: F401
            dashboard_hooks,
            state_admin,
            tasks,
            veto,
            wording_admin,
            wording_tasks,
        )
