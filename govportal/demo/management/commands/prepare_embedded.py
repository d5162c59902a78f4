"""Everything `make run` does before serving, in one process (each Django start costs
seconds): migrate, load the demo cluster the first time, point the demo *.localhost sites
at the port being served, print the demo logins."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from govportal.demo.loader import demo_is_loaded


class Command(BaseCommand):
    help = "make run 的准备步骤：迁移数据库、首次载入示例市演示数据、设置演示网站端口、列出演示账号。"

    def add_arguments(self, parser):
        parser.add_argument("port", type=int, help="开发服务器端口")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not demo_is_loaded():
            self.stdout.write("首次运行：正在生成示例市网站群演示数据（约需一两分钟）……")
            call_command("load_demo", stdout=self.stdout, stderr=self.stderr)
        call_command("demo_set_port", options["port"])
        call_command("demo_logins", stdout=self.stdout)
