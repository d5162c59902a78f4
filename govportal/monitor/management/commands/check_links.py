"""Run the cluster-wide link checker once, now (the daily job does the same)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from govportal.monitor.links import checker


class Command(BaseCommand):
    help = "检查网站群所有已发布页面中的站内和外部链接（外部链接按主机限速，结果缓存）。"

    def handle(self, *args, **options):
        summary = checker.run()
        self.stdout.write(
            f"链接检查完成：链接出现 {summary.occurrences} 处，站内地址 {summary.internal} 个，"
            f"检查外部地址 {summary.external} 个，不可用地址共 {summary.broken} 个。"
        )
