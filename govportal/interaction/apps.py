from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "govportal.interaction"
    label = "interaction"
    verbose_name = _("互动交流")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The case type, the hand-off, the periodic reminder job and the search sources.
        from govportal.interaction import actions, tasks, workflow  # noqa: F401
        from govportal.interaction.search import connect, register_sources

        register_sources()
        connect()
