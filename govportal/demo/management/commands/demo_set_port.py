"""Point every *localhost Wagtail Site at the development server's port, so that links
between the portal and the departments' own hostnames work under `make run`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site


class Command(BaseCommand):
    help = "把主机名以 localhost 结尾的所有网站的端口设为 PORT（开发服务器用）。"

    def add_arguments(self, parser):
        parser.add_argument("port", type=int, help="端口号，例如 8000")

    def handle(self, *args, **options):
        port = options["port"]
        if not 1 <= port <= 65535:
            raise CommandError("端口号应在 1 到 65535 之间")
        updated = Site.objects.filter(hostname__endswith="localhost").exclude(port=port).update(port=port)
        if options["verbosity"] >= 2:
            self.stdout.write(f"已更新 {updated} 个网站的端口为 {port}。")
