from django.db import migrations


def letters_keep_their_figures(apps, schema_editor):
    """Whether a reply was on time and how long it took now live on the case, stored by the
    kernel at close for every case type. Replied letters keep the values they stored."""
    Letter = apps.get_model("interaction", "Letter")
    Case = apps.get_model("core", "Case")
    batch = []
    rows = (
        Letter.objects.filter(case__is_open=False, replied_at__isnull=False)
        .values_list("case_id", "replied_on_time", "reply_days_taken")
        .iterator(chunk_size=5000)
    )
    for case_id, on_time, days in rows:
        case = Case(pk=case_id, closed_on_time=on_time, closed_working_days=days)
        batch.append(case)
        if len(batch) >= 1000:
            Case.objects.bulk_update(batch, ["closed_on_time", "closed_working_days"])
            batch = []
    if batch:
        Case.objects.bulk_update(batch, ["closed_on_time", "closed_working_days"])


def back(apps, schema_editor):
    Letter = apps.get_model("interaction", "Letter")
    for letter in Letter.objects.filter(case__is_open=False).select_related("case").iterator():
        letter.replied_on_time = letter.case.closed_on_time
        letter.reply_days_taken = letter.case.closed_working_days
        letter.save(update_fields=["replied_on_time", "reply_days_taken"])


class Migration(migrations.Migration):
    dependencies = [
        ("interaction", "0004_reminders_by_the_kernel"),
        ("core", "0013_case_close_and_rectification"),
    ]

    operations = [
        migrations.RunPython(letters_keep_their_figures, back),
        migrations.RemoveField(model_name="letter", name="replied_on_time"),
        migrations.RemoveField(model_name="letter", name="reply_days_taken"),
    ]
