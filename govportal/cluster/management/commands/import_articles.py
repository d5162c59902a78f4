"""manage.py import_articles FILE.jsonl --site SITE --column SLUG (see cluster/importing.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from govportal.cluster import importing
from govportal.core.errors import GovPortalError
from govportal.core.models import User


class Command(BaseCommand):
    help = (
        "从 JSON Lines 文件导入文章并按原发布时间发布。每行一个 JSON 对象：title、body（HTML）、"
        "published_at（YYYY-MM-DD HH:MM，北京时间），可选 source、author、summary、column、"
        "attachments（文件路径，相对 JSONL 文件或绝对路径）。有错误的行会报告行号并跳过；"
        "任何一行失败时退出码为 1。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSONL 文件路径")
        parser.add_argument("--site", required=True, help="网站首页 ID 或网站标识码")
        parser.add_argument("--column", required=True, help="栏目标识（slug），如 zwyw；子栏目写作 zcwj/gfxwj")
        parser.add_argument("--user", help="记为导入人的用户名（写入操作日志）")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件“{path}”不存在。")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"用户“{options['user']}”不存在。")
        try:
            site = importing.resolve_site(options["site"])
            column = importing.resolve_column(site, options["column"])
        except GovPortalError as exc:
            raise CommandError(exc.message) from exc

        report = importing.import_articles(actor=actor, path=path, site=site, column=column)
        for error in report.errors:
            self.stderr.write(str(error))
        if report.ok:
            self.stdout.write(self.style.SUCCESS(report.summary()))
            return
        self.stdout.write(report.summary())
        raise CommandError(f"{len(report.errors)} 行未导入，详见上方错误。", returncode=1)
