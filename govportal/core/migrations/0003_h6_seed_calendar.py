"""Seed the working-day calendar for 2026 (confirmed) and 2027 (provisional)."""

from django.db import migrations


def seed(apps, schema_editor):
    from govportal.core.calendar_seed import seed as seed_year

    CalendarYear = apps.get_model("core", "CalendarYear")
    CalendarDay = apps.get_model("core", "CalendarDay")
    for year in (2026, 2027):
        seed_year(year, CalendarYear=CalendarYear, CalendarDay=CalendarDay)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_h6_work_calendar")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
