"""Writing the index: documents in, rows upserted; items gone, rows deleted.

Idempotent by design: `sync_pages` looks at the page as it is now, so a late or repeated
task can never resurrect an unpublished page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from govportal.search import sources, text
from govportal.search.models import SearchEntry

_UPDATE_FIELDS = [
    "site_id",
    "site_name",
    "agency_id",
    "column_id",
    "title",
    "body",
    "url",
    "published_at",
    "is_repealed",
    "title_seg",
    "title_extra",
    "body_seg",
    "body_extra",
    "indexed_at",
]


def entry_for(source_key: str, doc: sources.Document, now=None) -> SearchEntry:
    title_words = text.words(text.normalize(" ".join([doc.title, *doc.keywords])))
    body_words = text.words(text.normalize(doc.body))
    cjk_title = [w for w in title_words if text.is_cjk(w)]
    # Each word's pinyin, and each adjacent pair's (营商 环境 → yingshanghuanjing).
    title_pinyin = {text.pinyin(w) for w in cjk_title}
    title_pinyin |= {text.pinyin(a) + text.pinyin(b) for a, b in zip(cjk_title, cjk_title[1:], strict=False)}
    return SearchEntry(
        source=source_key,
        object_id=doc.object_id,
        site_id=doc.site_id,
        site_name=doc.site_name[:255],
        agency_id=doc.agency_id,
        column_id=doc.column_id,
        title=doc.title[:500],
        body=doc.body,
        url=doc.url[:1000],
        published_at=doc.published_at,
        is_repealed=doc.is_repealed,
        title_seg=" ".join(title_words),
        title_extra=" ".join([*text.extra_words(title_words), *sorted(p for p in title_pinyin if p)]),
        body_seg=" ".join(body_words),
        body_extra=" ".join(text.extra_words(body_words)),
        indexed_at=now or timezone.now(),
    )


def upsert(entries: Iterable[SearchEntry]) -> int:
    entries = list(entries)
    if entries:
        SearchEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["source", "object_id"],
            update_fields=_UPDATE_FIELDS,
        )
    return len(entries)


def delete(source_key: str, object_ids: Iterable[int]) -> int:
    return SearchEntry.objects.filter(source=source_key, object_id__in=list(object_ids)).delete()[0]


@transaction.atomic
def sync_pages(page_ids: Iterable[int]) -> None:
    """Bring the index in line with these pages as they are now (and their descendants)."""
    from wagtail.models import Page

    page_ids = set(page_ids)
    page_keys = [s.key for s in sources.page_sources()]
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()}
    # Gone, or no longer of an indexed kind: remove from every page-based source.
    keep: dict[str, list[SearchEntry]] = {}
    for page_id in page_ids:
        page = pages.get(page_id)
        source = sources.source_for_page(page) if page is not None else None
        doc = source.document(page) if source is not None else None
        if doc is None:
            SearchEntry.objects.filter(source__in=page_keys, object_id=page_id).delete()
        else:
            keep.setdefault(source.key, []).append(entry_for(source.key, doc))
    for entries in keep.values():
        upsert(entries)
