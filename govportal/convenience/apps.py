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
        from govportal.convenience import access, publishing, tasks  # noqa: F401 — 公共查询 (helper "query")
