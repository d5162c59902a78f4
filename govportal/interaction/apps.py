from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "govportal.interaction"
    label = "interaction"
    verbose_name = _("互动交流")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The case type, the hand-off, the periodic reminder job. Imported in ready(), not at
        # the top: apps.py loads before the models exist.
        from govportal.interaction import access, actions, files, tasks, workflow  # noqa: F401

        files.register()
        # The detail block of the kernel's one citizen lookup; search sources and the cached
        # mailbox's refresh.
        from govportal.interaction import cases, publishing  # noqa: F401

        cases.register()
