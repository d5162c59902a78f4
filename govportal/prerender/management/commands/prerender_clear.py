"""Delete every pre-rendered page (after restoring a backup or changing templates); they
are rendered again on the next anonymous request."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from govportal.prerender import store


class Command(BaseCommand):
    help = "清空全部静态化页面（恢复备份或更换模板后使用），之后按访问重新生成。"

    def handle(self, *args, **options):
        if not store.enabled():
            self.stdout.write("未启用静态化页面（PRERENDER_DIR 为空），无需清空。")
            return
        count = len(store.stored_files())
        store.purge_all()
        self.stdout.write(f"已清空 {count} 个静态化页面。")
