"""Remove Wagtail's default "Editors"/"Moderators" groups and its "Moderators approval"
workflow on the root page: GovPortal gives every agency its own groups and workflow
(`cluster.permissions`), and a permission on the root page would reach every agency's
drafts the moment somebody was added to those groups."""

from django.db import migrations


def remove_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group is not None and not group.user_set.exists():
            group.delete()
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        if not workflow.workflow_states.exists():
            WorkflowPage.objects.filter(workflow=workflow).delete()
            workflow.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cluster", "0003_remove_wagtail_welcome_site"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(remove_defaults, migrations.RunPython.noop)]
