"""manage.py rebuild_search_index — re-index every registered source, safe while serving.

Rows are upserted in place (readers keep finding everything during the run), then the rows
not touched by this run — items no longer public — are deleted. Rows that the publishing
tasks write during the run carry a later `indexed_at` and are kept.
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from govportal.search import indexing, sources
from govportal.search.models import SearchEntry


class Progress:
    def __init__(self, label: str, total: int, stream, enabled: bool):
        self.label, self.total, self.stream, self.enabled = label, max(total, 1), stream, enabled
        self.started = time.monotonic()

    def show(self, done: int) -> None:
        if not self.enabled:
            return
        width = 30
        filled = int(width * done / self.total)
        rate = done / max(time.monotonic() - self.started, 1e-6)
        self.stream.write(
            f"\r{self.label:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} {rate:,.0f}/s"
        )
        self.stream.flush()

    def end(self) -> None:
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "重建站内搜索索引（可在网站运行时执行）。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument("--source", action="append", help="只重建这些类型（可重复）")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, batch_size, source, no_progress, verbosity, **options):
        started = timezone.now()
        chosen = [s for s in sources.all_sources() if not source or s.key in source]
        show = not no_progress and verbosity > 0
        for src in chosen:
            items = src.items()
            total = items.count() if hasattr(items, "count") else len(items)
            bar = Progress(str(src.label), total, sys.stderr, show)
            done, batch = 0, []
            iterator = items.iterator(chunk_size=batch_size) if hasattr(items, "iterator") else iter(items)
            for item in iterator:
                doc = src.document(item) if sources.claims(src, item) else None
                if doc is not None:
                    batch.append(indexing.entry_for(src.key, doc))
                done += 1
                if len(batch) >= batch_size:
                    indexing.upsert(batch)
                    batch = []
                if done % batch_size == 0:
                    bar.show(done)
            indexing.upsert(batch)
            bar.show(done)
            bar.end()
            stale = SearchEntry.objects.filter(source=src.key, indexed_at__lt=started).delete()[0]
            kept = SearchEntry.objects.filter(source=src.key).count()
            if verbosity > 0:
                self.stdout.write(f"{src.label}: {kept} 条已索引，删除过期 {stale} 条")
        indexing.finish_bulk()
