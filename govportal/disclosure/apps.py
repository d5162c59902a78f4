from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "govportal.disclosure"
    label = "disclosure"
    verbose_name = _("政府信息公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from govportal.disclosure import access, search, signals, tasks, workflow  # noqa: F401 (periodic jobs, step rules)

        workflow.ensure_registered()
        from govportal.disclosure import files

        files.register()
        search.register_source()
        page_published.connect(signals.on_published, dispatch_uid="disclosure_index_number")
        from govportal.disclosure.prerender import register_rules

        register_rules()
