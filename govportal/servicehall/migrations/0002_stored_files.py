"""Application materials leave the public media root (servicehall/<random>.<ext>) for the private store (core/files), served only by the checked view."""

import django.db.models.deletion
from django.db import migrations, models

import govportal.servicehall.models
from govportal.core.files.migrating import move_to_private, restore_to_public, settle_constraints


def forward(apps, schema_editor):
    Model = apps.get_model("servicehall", "ApplicationFile")
    for row in Model.objects.select_related("application").order_by("pk").iterator():
        row.stored = move_to_private(
            apps, old_name=row.file.name, kind="servicehall.material", case_id=row.application.case_id, display_name=row.original_name
        )
        row.save(update_fields=["stored"])
    settle_constraints(schema_editor)


def backward(apps, schema_editor):
    Model = apps.get_model("servicehall", "ApplicationFile")
    for row in Model.objects.select_related("stored").order_by("pk").iterator():
        row.file = restore_to_public(row.stored, folder="servicehall")
        row.save(update_fields=["file"])
    settle_constraints(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_stored_files"),
        ("servicehall", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="applicationfile",
            name="stored",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="application_file",
                to="core.storedfile",
                verbose_name="文件",
            ),
        ),
        migrations.RunPython(forward, backward),
        # A default first, so that rolling back can add the column again to a table with rows.
        migrations.AlterField(
            model_name="applicationfile", name="file", field=models.FileField(default="", upload_to=govportal.servicehall.models._upload_to, verbose_name="文件")
        ),
        migrations.RemoveField(model_name="applicationfile", name="file"),
        migrations.AlterField(
            model_name="applicationfile",
            name="stored",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="application_file",
                to="core.storedfile",
                verbose_name="文件",
            ),
        ),
    ]
