"""Run the self-check now: every live site (or one, ``--site ID``), optionally probing the
sites first (``--probe``); prints each site's states."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from govportal.monitor import checks, selectors
from govportal.monitor.indicators import State


class Command(BaseCommand):
    help = "立即检测网站的监测指标（全部网站，或 --site 指定的一个）"

    def add_arguments(self, parser):
        parser.add_argument("--site", type=int, help="网站首页的页面 ID")
        parser.add_argument("--probe", action="store_true", help="检测前先探测一次可用性")

    def handle(self, *args, **options):
        sites = selectors.live_sites()
        if options["site"] is not None:
            sites = sites.filter(pk=options["site"])
            if not sites.exists():
                raise CommandError(f"没有 ID 为 {options['site']} 的已发布网站")
        for site in sites:
            if options["probe"]:
                checks.probe_site_id(site.pk)
            states = checks.check_site(site)
            line = "，".join(f"{key}={State(value).label}" for key, value in states.items())
            self.stdout.write(f"{site.pk} {site.title}：{line}")
