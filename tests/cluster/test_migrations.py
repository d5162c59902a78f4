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


def test_wagtail_default_task_is_gone(db):
    from wagtail.models import Task

    assert not Task.objects.filter(name="Moderators approval").exists()


def test_earlier_leader_steps_become_sign_off_tasks_in_place(db):
    """Migration 0007: an agency's 领导签发 made as a plain GroupApprovalTask keeps its row,
    groups and place in the workflow, and becomes a SignOffTask (its buttons say 签发)."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from wagtail.models import GroupApprovalTask, Task, WorkflowTask

    from govportal.cluster.models import SignOffTask

    leaders = Group.objects.create(name="某局·签发领导")
    old = GroupApprovalTask.objects.create(name="某局·领导签发")
    old.groups.set([leaders])
    other = GroupApprovalTask.objects.create(name="某局·其他环节")
    workflow = Workflow.objects.create(name="某局信息发布审核", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=old, sort_order=1)

    migration = importlib.import_module("govportal.cluster.migrations.0007_sign_off_task")
    migration.existing_sign_off_steps(apps, SimpleNamespace(connection=connection))

    task = Task.objects.get(pk=old.pk).specific
    assert isinstance(task, SignOffTask) and task.name == "某局·领导签发"
    assert list(task.groups.all()) == [leaders]
    assert not GroupApprovalTask.objects.filter(pk=old.pk).exists()
    assert WorkflowTask.objects.get(workflow=workflow).task_id == old.pk
    assert isinstance(Task.objects.get(pk=other.pk).specific, GroupApprovalTask)  # other steps untouched
