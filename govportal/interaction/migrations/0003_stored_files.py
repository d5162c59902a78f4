"""Letter attachments leave the public media root (letters/YYYY/MM/<citizen's name>) for the private store (core/files): random names, the extension from the detected type, served only by the checked view."""

import django.db.models.deletion
from django.db import migrations, models

from govportal.core.files.migrating import move_to_private, restore_to_public, settle_constraints


def forward(apps, schema_editor):
    Model = apps.get_model("interaction", "LetterAttachment")
    for row in Model.objects.select_related("letter").order_by("pk").iterator():
        row.stored = move_to_private(
            apps, old_name=row.file.name, kind="interaction.letter", case_id=row.letter.case_id, display_name=row.original_name
        )
        row.save(update_fields=["stored"])
    settle_constraints(schema_editor)


def backward(apps, schema_editor):
    Model = apps.get_model("interaction", "LetterAttachment")
    for row in Model.objects.select_related("stored").order_by("pk").iterator():
        row.file = restore_to_public(row.stored, folder="letters")
        row.save(update_fields=["file"])
    settle_constraints(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_stored_files"),
        ("interaction", "0002_fewer_indexes_on_submission_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="letterattachment",
            name="stored",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="letter_attachment",
                to="core.storedfile",
                verbose_name="文件",
            ),
        ),
        migrations.RunPython(forward, backward),
        # A default first, so that rolling back can add the column again to a table with rows.
        migrations.AlterField(
            model_name="letterattachment", name="file", field=models.FileField(default="", upload_to='letters/%Y/%m/', verbose_name="文件")
        ),
        migrations.RemoveField(model_name="letterattachment", name="file"),
        migrations.AlterField(
            model_name="letterattachment",
            name="stored",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="letter_attachment",
                to="core.storedfile",
                verbose_name="文件",
            ),
        ),
    ]
