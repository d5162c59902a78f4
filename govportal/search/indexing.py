"""Writing the index: documents in, rows upserted; items gone, rows deleted.

Idempotent by design: `sync_pages` looks at the page as it is now, so a late or repeated
task can never resurrect an unpublished page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
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
    "names",
    "action_url",
    "action_label",
]


def title_pinyin(title_words: list[str]) -> set[str]:
    """Toneless pinyin of each title word and adjacent pair (营商 环境 → yingshanghuanjing),
    and their initials where they are long enough to mean something (在线 访谈 → zxft)."""
    cjk = [w for w in title_words if text.is_cjk(w)]
    pairs = [a + b for a, b in zip(cjk, cjk[1:], strict=False)]
    out = {text.pinyin(w) for w in cjk} | {text.pinyin(p) for p in pairs}
    out |= {text.initials(w) for w in [*cjk, *pairs] if len(w) >= 3}
    return {p for p in out if p}


def body_pinyin(body_words: list[str]) -> list[str]:
    """Toneless pinyin of each distinct body word of two characters or more (在线 → zaixian):
    `zaixianfangtan` then finds 在线访谈 in running text (query.pinyin_split)."""
    return sorted({text.pinyin(w) for w in set(body_words) if len(w) >= 2 and text.is_cjk(w)} - {""})


def names_of(doc: sources.Document) -> str:
    """ "|title|alias|…|" normalised without spaces, for exact-name matches (direct answers)."""
    names = [doc.title, *doc.aliases]
    return "|" + "|".join(dict.fromkeys("".join(text.normalize(n).split()) for n in names if n)) + "|"


def entry_for(source_key: str, doc: sources.Document, now=None) -> SearchEntry:
    title_words = text.words(text.normalize(" ".join([doc.title, *doc.keywords, *doc.aliases])))
    body_words = text.words(text.normalize(doc.body))
    source = sources.get(source_key)
    with_names = bool(doc.aliases) or (source is not None and source.direct_answer)
    alias_initials = [text.initials(a) for a in doc.aliases if text.is_cjk(a)]
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
        title_extra=" ".join(
            [*text.extra_words(title_words), *sorted(title_pinyin(title_words) | set(filter(None, alias_initials)))]
        ),
        body_seg=" ".join(body_words),
        body_extra=" ".join([*text.extra_words(body_words), *body_pinyin(body_words)]),
        indexed_at=now or timezone.now(),
        names=names_of(doc) if with_names else "",
        action_url=doc.action_url[:1000],
        action_label=doc.action_label[:30],
    )


# PostgreSQL: COPY the batch into a session-local temporary table, then one INSERT … SELECT
# computing both tsvectors from the segmented text (migration 0005; body_extra feeds the
# vector only and is not stored). Measured 1.3-1.5x the rows/s of a multi-row VALUES insert.
_PG_COLUMNS = [
    ("source", "text"),
    ("object_id", "bigint"),
    ("site_id", "bigint"),
    ("site_name", "text"),
    ("agency_id", "bigint"),
    ("column_id", "bigint"),
    ("title", "text"),
    ("body", "text"),
    ("url", "text"),
    ("published_at", "timestamptz"),
    ("is_repealed", "boolean"),
    ("title_seg", "text"),
    ("title_extra", "text"),
    ("body_seg", "text"),
    ("body_extra", "text"),
    ("indexed_at", "timestamptz"),
    ("names", "text"),
    ("action_url", "text"),
    ("action_label", "text"),
]
_PG_NAMES = [name for name, _type in _PG_COLUMNS]
_PG_LOAD_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS search_load ("
    + ", ".join(f"{name} {sql_type}" for name, sql_type in _PG_COLUMNS)
    + ")"
)
_PG_INSERT = (
    f"INSERT INTO {SearchEntry._meta.db_table} ({', '.join(_PG_NAMES)}, search_vector, title_vector) "
    f"SELECT {', '.join(f'v.{n}' if n != 'body_extra' else chr(39) * 2 for n in _PG_NAMES)}, "
    "t.tv || setweight(to_tsvector('simple', v.body_seg), 'C') "
    "|| setweight(to_tsvector('simple', v.body_extra), 'D'), t.tv "
    "FROM search_load v "
    "CROSS JOIN LATERAL (SELECT setweight(to_tsvector('simple', v.title_seg), 'A') "
    "|| setweight(to_tsvector('simple', v.title_extra), 'B') AS tv) AS t "
    "ON CONFLICT (source, object_id) DO UPDATE SET "
    + ", ".join(f"{n} = EXCLUDED.{n}" for n in [*_PG_NAMES[2:], "search_vector", "title_vector"])
)


@transaction.atomic
def _upsert_postgres(entries: list[SearchEntry]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_PG_LOAD_TABLE)
        cursor.execute("TRUNCATE search_load")
        with cursor.cursor.copy(f"COPY search_load ({', '.join(_PG_NAMES)}) FROM STDIN") as copy:
            for entry in entries:
                copy.write_row([getattr(entry, name) for name in _PG_NAMES])
        cursor.execute(_PG_INSERT)


def upsert(entries: Iterable[SearchEntry]) -> int:
    # The same item twice in one batch: the last version wins (ON CONFLICT cannot touch a
    # row twice in one statement).
    entries = list({(e.source, e.object_id): e for e in entries}.values())
    if not entries:
        return 0
    if connection.vendor == "postgresql":
        _upsert_postgres(entries)
    else:
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
            # Indexed under an older, less specific source before: not twice.
            SearchEntry.objects.filter(source__in=page_keys, object_id=page_id).exclude(source=source.key).delete()
    for entries in keep.values():
        upsert(entries)


@transaction.atomic
def sync_items(source_key: str, object_ids: Iterable[int]) -> None:
    """Bring the index in line with these items of a (non-page) source as they are now.

    An item no longer listed by `items()`, or whose `document()` is None (draft, withdrawn,
    private), is removed; the others are upserted.
    """
    source = sources.get(source_key)
    object_ids = set(object_ids)
    if source is None:  # the type is no longer registered: nothing of it may be found
        delete(source_key, object_ids)
        return
    items = source.items()
    if hasattr(items, "filter"):
        current = {obj.pk: obj for obj in items.filter(pk__in=object_ids)}
    else:
        current = {obj.pk: obj for obj in items if obj.pk in object_ids}
    entries, gone = [], []
    for object_id in object_ids:
        obj = current.get(object_id)
        doc = source.document(obj) if obj is not None else None
        if doc is None:
            gone.append(object_id)
        else:
            entries.append(entry_for(source_key, doc))
    delete(source_key, gone)
    upsert(entries)


def rebuild(keys=None, *, batch_size: int = 200, progress=None) -> list[tuple[object, int, int]]:
    """Index every public item of every registered source (or of the sources ``keys``) in
    batches, then delete the rows this run did not touch (items no longer public). Safe while
    serving: rows are upserted in place; rows written by publishing tasks during the run carry
    a later ``indexed_at`` and are kept. Returns ``(source, kept, stale)`` per source.

    ``progress(source, done, total)`` is called every batch (the command's progress bar)."""
    started = timezone.now()
    done_sources = []
    for src in sources.all_sources():
        if keys and src.key not in keys:
            continue
        items = src.items()
        total = items.count() if hasattr(items, "count") else len(items)
        done, batch = 0, []
        iterator = items.iterator(chunk_size=batch_size) if hasattr(items, "iterator") else iter(items)
        for item in iterator:
            doc = src.document(item) if sources.claims(src, item) else None
            if doc is not None:
                batch.append(entry_for(src.key, doc))
            done += 1
            if len(batch) >= batch_size:
                upsert(batch)
                batch = []
            if progress is not None and done % batch_size == 0:
                progress(src, done, total)
        upsert(batch)
        if progress is not None:
            progress(src, done, total)
        stale = SearchEntry.objects.filter(source=src.key, indexed_at__lt=started).delete()[0]
        kept = SearchEntry.objects.filter(source=src.key).count()
        done_sources.append((src, kept, stale))
    finish_bulk()
    return done_sources


def finish_bulk() -> None:
    """After a rebuild or a bulk load: merge the GIN pending lists (every query otherwise
    scans them linearly) and refresh the planner's statistics — its estimates decide the
    PostgreSQL query plan (see backends.PostgresBackend). On SQLite, merge the FTS5 b-trees."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT gin_clean_pending_list('search_entry_vector_gin'::regclass)")
            cursor.execute("SELECT gin_clean_pending_list('search_entry_title_gin'::regclass)")
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
        elif connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('optimize')")
