"""Exit 0 when the demo cluster is present, 1 when not (used by bin/run-embedded)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from govportal.demo.loader import demo_is_loaded


class Command(BaseCommand):
    help = "检查示例市演示数据是否已载入：已载入时退出码为 0，否则为 1。"

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="不输出文字，只返回退出码")

    def handle(self, *args, **options):
        loaded = demo_is_loaded()
        if not options["quiet"]:
            self.stdout.write("示例市演示数据已载入。" if loaded else "示例市演示数据尚未载入。")
        if not loaded:
            sys.exit(1)
