"""manage.py restore SRC — a backup made by `manage.py backup` into the database and file
roots, then checks that every counted row is back (bin/restore)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from govportal.core import backup


class Command(BaseCommand):
    help = "从备份目录恢复数据库和文件目录，并核对各类记录数量"

    def add_arguments(self, parser):
        parser.add_argument("src", type=Path, help="备份目录")
        parser.add_argument("--database-url", default="", help="恢复到此数据库（默认：DATABASE_URL）；不存在则创建")
        parser.add_argument(
            "--root", action="append", default=[], metavar="NAME=DIR", help="把备份中的文件目录 NAME 恢复到 DIR"
        )
        parser.add_argument("--force", action="store_true", help="覆盖已有数据的数据库和非空文件目录")

    def handle(self, *args, src: Path, database_url: str, root: list[str], force: bool, **options):
        roots = {}
        for item in root:
            name, sep, directory = item.partition("=")
            if not sep or not directory:
                raise CommandError(f"--root 应为 NAME=DIR，收到 {item!r}")
            roots[name] = Path(directory)
        try:
            manifest, after = backup.restore(src, database_url=database_url or None, roots=roots, force=force)
        except backup.BackupError as exc:
            raise CommandError(exc.message) from exc
        differences = backup.compare(manifest, after)
        if differences:
            raise CommandError("恢复后数量不符：" + "；".join(differences))
        self.stdout.write(f"恢复完成（备份时间 {manifest['created_at']}），各类记录数量与备份一致：")
        for label, n in after.items():
            self.stdout.write(f"  {label}: {n}")
        self.stdout.write(
            "预渲染页面由新数据重新生成：请运行 manage.py prerender_clear（make serve 启动时会自动清空）。"
        )
