from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "govportal.participation"
    label = "participation"
    verbose_name = _("调查征集")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Rules, search sources, refresh rules and navigation entries are imported here, not at
        # the top: apps.py loads before the models exist.
        # 意见征集 and 网上听证 (helper "drafts"): access rules, search sources, nav entry.
        from govportal.participation import access, publishing  # noqa: F401
