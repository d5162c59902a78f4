"""`manage.py generate_load_data [--scale 0.05]` — a large cluster for the render benchmark
(500 department sites, 200,000 articles at scale 1; see govportal/demo/loadgen.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from govportal.demo import loadgen


class Command(BaseCommand):
    help = "生成大规模负载测试网站群（500个网站、20万篇文章；--scale 缩小规模），用于性能测试。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="规模倍数（1 = 500个网站、20万篇文章）")
        parser.add_argument("--sites", type=int, default=None, help="网站数（默认 500 × scale）")

    def handle(self, *args, **options):
        scale = options["scale"]
        if scale <= 0:
            raise CommandError("--scale 必须大于 0")
        sites = options["sites"] or max(1, round(500 * scale))
        per_site = max(5, round(200_000 * scale / sites))
        enabled, settings.PRERENDER_DIR = settings.PRERENDER_DIR, ""  # bulk rows: no page signals anyway
        try:
            result = loadgen.generate(sites=sites, articles_per_site=per_site, log=self.stdout.write)
        finally:
            settings.PRERENDER_DIR = enabled
        self.stdout.write(
            f"已生成 {result['sites']} 个网站、{result['articles']:,} 篇文章，用时 {result['seconds']:.1f} 秒。"
        )
