from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicehallConfig(AppConfig):
    name = "govportal.servicehall"
    label = "servicehall"
    verbose_name = _("网上办事大厅")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from govportal.servicehall import access, search, workflow  # noqa: F401 — the case type, its step rules

        search.register_source()
        from govportal.servicehall import files

        files.register()
        from govportal.servicehall import prerender

        prerender.connect()
