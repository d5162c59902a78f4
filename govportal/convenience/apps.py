"""便民服务 — tourism and culture, the directory of services, public query systems (issue 23)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConvenienceConfig(AppConfig):
    name = "govportal.convenience"
    label = "convenience"
    verbose_name = _("便民服务")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Rules, search sources, refresh rules and navigation entries are imported here, not at
        # the top: apps.py loads before the models exist.
        # The 纠错 case type, its step rule and the tourism roots' permissions, the lookup's
        # detail block, search and navigation; the periodic import of 公共查询's file drop.
        from govportal.convenience import access, cases, publishing, tasks, workflow  # noqa: F401

        cases.register()
