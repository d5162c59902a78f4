"""Open pauses of applications (awaiting a supplement, in a special procedure) get their
row in the kernel's timer table (`core.CaseTimer`), started on the day of the event that
began them."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

PAUSES = {
    "awaiting_supplement": ("supplement", "补正", "request_supplement"),
    "suspended": ("special_procedure", "特别程序", "suspend"),
}


def forwards(apps, schema_editor):
    Case = apps.get_model("core", "Case")
    CaseEvent = apps.get_model("core", "CaseEvent")
    CaseTimer = apps.get_model("core", "CaseTimer")
    tz = ZoneInfo(settings.TIME_ZONE)
    for case in Case.objects.filter(case_type="application", state__in=list(PAUSES)):
        kind, label, event_type = PAUSES[case.state]
        if CaseTimer.objects.filter(case_id=case.pk, kind=kind, stopped_on__isnull=True).exists():
            continue
        event = CaseEvent.objects.filter(case_id=case.pk, type=event_type).order_by("-created_at", "-id").first()
        if event is None:
            continue
        started = event.created_at.astimezone(tz).date()
        CaseTimer.objects.create(
            case_id=case.pk,
            kind=kind,
            label=label,
            started_on=started,
            working_days=True,
            due_explanation=f"{label}自 {started:%Y-%m-%d} 起",
            start_event_id=event.pk,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_case_timer"),
        ("servicehall", "0002_stored_files"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
