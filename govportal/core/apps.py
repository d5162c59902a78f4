from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "govportal.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self) -> None:
        # The case kernel keeps its models beside its code (calendar, cases, outbox, antiabuse);
        # importing them here registers them with the `core` app.
        from govportal.core import admin_hooks, calendar_models, signin_admin, tasks  # noqa: F401
        from govportal.core.antiabuse import models as antiabuse_models  # noqa: F401
        from govportal.core.antiabuse import tasks as antiabuse_tasks  # noqa: F401
        from govportal.core.cases import models as case_models  # noqa: F401
        from govportal.core.cases import rectification  # noqa: F401  (registers its case type)

        # Their periodic jobs (outbox retry sweep, case deadline sweep) register on import: a
        # scheduler-only process (run_worker --no-queue) would otherwise never run them.
        from govportal.core.cases import tasks as case_tasks  # noqa: F401
        from govportal.core.files import models as file_models  # noqa: F401
        from govportal.core.outbox import models as outbox_models  # noqa: F401
        from govportal.core.outbox import tasks as outbox_tasks  # noqa: F401
