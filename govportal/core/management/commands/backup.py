"""manage.py backup DEST — the database (pg_dump) and the file roots into DEST (bin/backup)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from govportal.core import backup


class Command(BaseCommand):
    help = "备份数据库（pg_dump）和文件目录（MEDIA_ROOT 等）到一个目录，附清单与校验和"

    def add_arguments(self, parser):
        parser.add_argument("dest", type=Path, help="备份目录（不存在或为空）")

    def handle(self, *args, dest: Path, **options):
        try:
            manifest = backup.backup(dest)
        except backup.BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"备份完成：{dest}")
        for label, n in manifest["counts"].items():
            self.stdout.write(f"  {label}: {n}")
        for name, info in manifest["file_roots"].items():
            self.stdout.write(f"  {name} ({info['root']}): {info['files']} 个文件")
