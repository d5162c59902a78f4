"""manage.py complete_site_columns [--kind village]: add to existing sites the standard
columns of their kind they lack (`actions.site_columns_complete`)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from govportal.cluster import actions
from govportal.cluster.models import SiteHomePage, SiteKind


class Command(BaseCommand):
    help = "为已有网站补建其类型的标准栏目（如村页面的农技知识、致富信息、生活常识）；已有同名标识的栏目不重复创建。"

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=SiteKind.values, help="只处理这一类网站，如 village")

    def handle(self, *args, **options):
        homes = SiteHomePage.objects.all().order_by("path")
        if options["kind"]:
            homes = homes.filter(kind=options["kind"])
        if not homes.exists():
            raise CommandError("没有符合条件的网站")
        total = 0
        for home in homes:
            added = actions.site_columns_complete(actor=None, home=home)
            if added:
                total += len(added)
                self.stdout.write(f"{home.title}：新增栏目 " + "、".join(c.title for c in added))
        self.stdout.write(f"共新增 {total} 个栏目")
