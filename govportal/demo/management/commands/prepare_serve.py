"""Everything `make serve` does before starting the servers, in one Django start: migrate,
load the demo cluster into an empty database (unless --no-demo), point the demo *.localhost
sites at nginx's port, collect static files, and empty the pre-rendered pages (they were
rendered by the code and data of the last run).

The demo goes only into a database with no account at all: a database with real staff (a
production one pointed at by mistake) gets no demo superuser. Under production settings the
demo accounts' password is a random one kept in var/demo_password, never the published
demo password (`govportal.demo.loader.demo_password`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from govportal.demo.loader import demo_is_loaded
from govportal.prerender import store


class Command(BaseCommand):
    help = "make serve 的准备步骤：迁移数据库、空库时载入演示数据、设置演示网站端口、收集静态文件、清空静态化页面。"

    def add_arguments(self, parser):
        parser.add_argument("port", type=int, help="nginx 对外端口")
        parser.add_argument("--no-demo", action="store_true", help="空数据库时不载入演示数据")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"] and not demo_is_loaded() and get_user_model().objects.exists():
            self.stdout.write("数据库中已有用户账号而没有演示数据：不载入演示数据（不会创建演示管理员）。")
        elif not options["no_demo"] and not demo_is_loaded():
            self.stdout.write("空数据库：正在载入示例市网站群演示数据（约需一两分钟）……")
            enabled, settings.PRERENDER_DIR = settings.PRERENDER_DIR, ""  # nothing is stored yet
            try:
                call_command("load_demo", stdout=self.stdout, stderr=self.stderr)
            finally:
                settings.PRERENDER_DIR = enabled
        call_command("demo_set_port", options["port"])
        call_command("collectstatic", interactive=False, verbosity=0)
        if store.enabled():
            store.purge_all()
        if demo_is_loaded():
            call_command("demo_logins", stdout=self.stdout)
