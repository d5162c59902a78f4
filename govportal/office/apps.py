from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    name = "govportal.office"
    label = "office"
    verbose_name = _("协同办公")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The case types, step rules, the hand-off back from 政府信息公开, the file rule and
        # the purge job, the check of the PDF fonts. Staff-only: no search source, no public page, no navigation entry.
        # Imported in ready(), not at the top: apps.py loads before the models exist.
        from govportal.office import access, actions, checks, files, tasks, workflow  # noqa: F401

        files.register()
