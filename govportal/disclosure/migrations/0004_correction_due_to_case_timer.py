"""The extra clocks of open requests move to the kernel's timer table: a running
consultation (15 WD from the consultation) and a running correction period (its stored
``correction_due``) each get a `core.CaseTimer` row; then ``correction_due`` goes (the
request reads its correction timer instead)."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

CONSULTATION_DAYS = 15


def _calendar(apps):
    from govportal.core.calendar import WorkCalendar

    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarYear = apps.get_model("core", "CalendarYear")
    overrides = {d: kind == "workday" for d, kind in CalendarDay.objects.values_list("date", "kind")}
    confirmed = frozenset(CalendarYear.objects.filter(status="confirmed").values_list("year", flat=True))
    return WorkCalendar(overrides=overrides, confirmed_years=confirmed)


def _explain(label, started, days, due):
    return f"{label}自 {started:%Y-%m-%d} 起 {days} 个工作日，截止 {due:%Y-%m-%d}"


def forwards(apps, schema_editor):
    DisclosureRequest = apps.get_model("disclosure", "DisclosureRequest")
    CaseEvent = apps.get_model("core", "CaseEvent")
    CaseTimer = apps.get_model("core", "CaseTimer")
    requests = DisclosureRequest.objects.filter(case__state__in=["correcting", "consulting"]).select_related("case")
    if not requests.exists():
        return
    cal = _calendar(apps)
    tz = ZoneInfo(settings.TIME_ZONE)
    for req in requests:
        if CaseTimer.objects.filter(case_id=req.case_id, stopped_on__isnull=True).exists():
            continue
        if req.case.state == "correcting":
            kind, label, event_type = "correction", "补正期限", "request_correction"
        else:
            kind, label, event_type = "consultation", "征求意见", "consult"
        event = CaseEvent.objects.filter(case_id=req.case_id, type=event_type).order_by("-created_at", "-id").first()
        if event is None:
            continue
        started = event.created_at.astimezone(tz).date()
        if kind == "correction":
            due = req.correction_due or cal.add_working_days(started, settings.GOVPORTAL_DISCLOSURE_CORRECTION_DAYS)
            days = cal.working_days_between(started, due)
        else:
            days = CONSULTATION_DAYS
            due = cal.add_working_days(started, days)
        CaseTimer.objects.create(
            case_id=req.case_id,
            kind=kind,
            label=label,
            started_on=started,
            days=days,
            working_days=True,
            due_on=due,
            due_explanation=_explain(label, started, days, due),
            start_event_id=event.pk,
        )


def backwards(apps, schema_editor):
    DisclosureRequest = apps.get_model("disclosure", "DisclosureRequest")
    CaseTimer = apps.get_model("core", "CaseTimer")
    for timer in CaseTimer.objects.filter(kind="correction", case__case_type="disclosure_request"):
        DisclosureRequest.objects.filter(case_id=timer.case_id).update(correction_due=timer.due_on)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_case_timer"),
        ("disclosure", "0003_stored_files"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="disclosurerequest", name="correction_due"),
    ]
