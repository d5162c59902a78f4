"""Seed a year's holidays and 调休 working days from the maintained data sources (a year that
already exists is left as it is — the information office's edits win)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from govportal.core.calendar_actions import calendar_changed
from govportal.core.calendar_models import CalendarDay, CalendarYear
from govportal.core.calendar_seed import seed


class Command(BaseCommand):
    help = "从节假日数据源导入某年的节假日与调休上班日（已有年度不覆盖）"

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="+", type=int)

    def handle(self, *args, years, **options):
        for year in years:
            created = seed(year, CalendarYear=CalendarYear, CalendarDay=CalendarDay)
            self.stdout.write(f"{year}: {created} days")
        calendar_changed(actor=None)
