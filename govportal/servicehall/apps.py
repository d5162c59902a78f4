from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicehallConfig(AppConfig):
    name = "govportal.servicehall"
    label = "servicehall"
    verbose_name = _("网上办事大厅")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported in ready(), not at the top: apps.py loads before the models exist.
        from govportal.servicehall import access, files, workflow  # noqa: F401 — the case type, its step rules

        files.register()
        # The detail block of the kernel's one citizen lookup; search sources and what a
        # change refreshes (pre-rendered guides and list).
        from govportal.servicehall import cases, publishing  # noqa: F401

        cases.register()
