"""Check every published page against the 错敏词 dictionaries now and record the hits (the
same sweep the scheduler runs every ``MONITOR_WORDING_SWEEP_HOURS``)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from govportal.monitor.wording_actions import wording_sweep


class Command(BaseCommand):
    help = "错敏词巡检：检查全部已发布页面并记录结果"

    def handle(self, *args, **options):
        result = wording_sweep(now=timezone.now())
        self.stdout.write(f"错敏词巡检：检查 {result['pages']} 个页面，发现 {result['findings']} 处待处理。")
