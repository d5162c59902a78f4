from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterpriseConfig(AppConfig):
    name = "govportal.enterprise"
    label = "enterprise"
    verbose_name = _("企业风采")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Rules, search sources, refresh rules and navigation entries are imported here, not at
        # the top: apps.py loads before the models exist.
        # --- enterprise area (issue 24) ---
        from govportal.enterprise import access, cases, files, publishing, tasks, workflow  # noqa: F401

        files.register()
        cases.register()
        # --- end enterprise area ---
