from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "govportal.interviews"
    label = "interviews"
    verbose_name = _("在线访谈")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Rules, search sources, refresh rules and navigation entries are imported here, not at
        # the top: apps.py loads before the models exist.
        from govportal.interviews import access, actions, publishing, workflow  # noqa: F401
