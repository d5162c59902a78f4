from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "govportal.interaction"
    label = "interaction"
    verbose_name = _("互动交流")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The case type, the hand-off, the periodic reminder job and the search sources.
        from govportal.interaction import access, actions, files, tasks, workflow  # noqa: F401
        from govportal.interaction.search import connect, register_sources

        files.register()
        register_sources()
        connect()
        self._connect_mailbox_cache()

    @staticmethod
    def _connect_mailbox_cache() -> None:
        """What the cached mailbox (`selectors.public_mailbox`) holds."""
        from django.db.models.signals import post_delete, post_save

        from govportal.core.models import Agency
        from govportal.interaction.models import Mailbox, MailboxCategory
        from govportal.interaction.selectors import mailboxes_changed

        for model in (Mailbox, MailboxCategory, Agency):
            name = model.__name__
            post_save.connect(mailboxes_changed, sender=model, dispatch_uid=f"mailboxes_changed_save_{name}")
            post_delete.connect(mailboxes_changed, sender=model, dispatch_uid=f"mailboxes_changed_delete_{name}")
