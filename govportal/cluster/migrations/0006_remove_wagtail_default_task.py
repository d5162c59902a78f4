"""Remove the task of Wagtail's default "Moderators approval" workflow (0004 removed the
workflow; its task stayed and was listed, in English, in the 审核环节 report and the workflow
editor). Every agency has its own tasks (`cluster.permissions`)."""

from django.db import migrations


def remove_default_task(apps, schema_editor):
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    for task in Task.objects.filter(name="Moderators approval"):
        if not TaskState.objects.filter(task=task).exists() and not WorkflowTask.objects.filter(task=task).exists():
            task.delete()


class Migration(migrations.Migration):
    dependencies = [("cluster", "0005_agency_private_collections")]

    operations = [migrations.RunPython(remove_default_task, migrations.RunPython.noop)]
