from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "govportal.disclosure"
    label = "disclosure"
    verbose_name = _("政府信息公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported in ready(), not at the top: apps.py loads before the models exist.
        from govportal.disclosure import access, files, tasks, workflow  # noqa: F401 (periodic jobs, step rules)

        workflow.ensure_registered()
        files.register()
        # The detail block of the kernel's one citizen lookup; search sources, pre-render
        # rules, the index number on publishing.
        from govportal.disclosure import cases, publishing  # noqa: F401

        cases.register()
