from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClusterConfig(AppConfig):
    name = "govportal.cluster"
    label = "cluster"
    verbose_name = _("网站群")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from govportal.cluster.models import SiteHomePage
        from govportal.cluster.selectors import sites_changed
        from govportal.core.models import Agency

        # What the cached site directory (`selectors.cluster_directory_html`) shows.
        for model in (SiteHomePage, Site, Agency, PageViewRestriction):
            post_save.connect(sites_changed, sender=model, dispatch_uid=f"sites_changed_save_{model.__name__}")
            post_delete.connect(sites_changed, sender=model, dispatch_uid=f"sites_changed_delete_{model.__name__}")
        post_page_move.connect(sites_changed, dispatch_uid="sites_changed_move")
        page_unpublished.connect(sites_changed, sender=SiteHomePage, dispatch_uid="sites_changed_unpublish")
        # A draft's files in the agency's private collection become public with the page.
        from govportal.cluster.permissions import publish_private_attachments

        page_published.connect(publish_private_attachments, dispatch_uid="publish_private_attachments")
