from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClusterConfig(AppConfig):
    name = "govportal.cluster"
    label = "cluster"
    verbose_name = _("网站群")

    def ready(self):
        # Imported in ready(), not at the top: apps.py loads before the models exist.
        from wagtail.signals import page_published

        # Search sources, pre-render rules, the cached site directory's refresh.
        from govportal.cluster import publishing  # noqa: F401

        # A draft's files in the agency's private collection become public with the page.
        from govportal.cluster.permissions import publish_private_attachments

        page_published.connect(publish_private_attachments, dispatch_uid="publish_private_attachments")
