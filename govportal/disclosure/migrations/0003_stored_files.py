"""Reply files leave the public media root (disclosure/replies/<tracking number>/<name>) for the private store (core/files): random names, the extension from the detected type, served only by the checked view."""

import django.db.models.deletion
from django.db import migrations, models

import govportal.disclosure.models
from govportal.core.files.migrating import move_to_private, restore_to_public, settle_constraints


def forward(apps, schema_editor):
    Model = apps.get_model("disclosure", "ReplyAttachment")
    for row in Model.objects.select_related("request").order_by("pk").iterator():
        row.stored = move_to_private(
            apps, old_name=row.file.name, kind="disclosure.reply", case_id=row.request.case_id, display_name=row.name
        )
        row.save(update_fields=["stored"])
    settle_constraints(schema_editor)


def backward(apps, schema_editor):
    Model = apps.get_model("disclosure", "ReplyAttachment")
    for row in Model.objects.select_related("stored").order_by("pk").iterator():
        row.file = restore_to_public(row.stored, folder="disclosure")
        row.save(update_fields=["file"])
    settle_constraints(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_stored_files"),
        ("disclosure", "0002_letter_number_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="replyattachment",
            name="stored",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reply_attachment",
                to="core.storedfile",
                verbose_name="文件",
            ),
        ),
        migrations.RunPython(forward, backward),
        # A default first, so that rolling back can add the column again to a table with rows.
        migrations.AlterField(
            model_name="replyattachment", name="file", field=models.FileField(default="", upload_to=govportal.disclosure.models._reply_upload_to, verbose_name="文件")
        ),
        migrations.RemoveField(model_name="replyattachment", name="file"),
        migrations.AlterField(
            model_name="replyattachment",
            name="stored",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reply_attachment",
                to="core.storedfile",
                verbose_name="文件",
            ),
        ),
    ]
