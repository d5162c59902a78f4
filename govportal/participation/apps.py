from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "govportal.participation"
    label = "participation"
    verbose_name = _("调查征集")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Rules, search sources, refresh rules and navigation entries are imported here, not at
        # the top: apps.py loads before the models exist. Imported for their registrations.
        from govportal.participation import access, publishing, selectors, tasks  # noqa: F401
