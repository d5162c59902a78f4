"""Data migrations of the cluster app, checked on the migrated test database."""

from django.contrib.auth.models import Group

from wagtail.models import Page, Site, Workflow


def test_wagtail_default_groups_and_root_workflow_are_gone(db):
    # A permission on the root page would reach every agency's drafts.
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()


def test_wagtail_welcome_site_is_gone(db):
    assert not Site.objects.exists()
    assert list(Page.objects.values_list("depth", flat=True)) == [1]
