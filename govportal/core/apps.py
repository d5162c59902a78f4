from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "govportal.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        # Registers the periodic jobs with the scheduler.
        from govportal.core import tasks  # noqa: F401
