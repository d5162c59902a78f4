"""PostgreSQL only: vectors written by the indexer, a title GIN index, a date index, lz4.

Measured at 20,000 bench documents (docs/search.md): the generated columns made every
insert parse the stored body twice and store the body's segmented text and sub-word list
(~2 KB compressed per row) only to feed them; ranking every match and counting them
exactly made a common word's query cost linear time. Now:

- `search_vector` and `title_vector` are plain columns that `indexing.upsert` computes in
  the same INSERT from the segmented text it passes as parameters (`body_extra` is then
  not stored on PostgreSQL);
- a GIN index on the short `title_vector`, so that title matches (ranked first) are found
  without reading any body;
- a `(published_at DESC NULLS LAST, id DESC)` index, so that "newest matches first" can
  walk by date and stop after one page when a query matches a large share of the index;
- lz4 (not pglz) for the large TOASTed columns: several times faster to compress and to
  read back when a phrase is checked against a document's positions.

Existing rows are converted in place from the segmented text they still hold.
"""

from django.db import migrations

VECTOR = """setweight(to_tsvector('simple'::regconfig, title_seg), 'A') ||
    setweight(to_tsvector('simple'::regconfig, title_extra), 'B') ||
    setweight(to_tsvector('simple'::regconfig, body_seg), 'C') ||
    setweight(to_tsvector('simple'::regconfig, body_extra), 'D')"""
TITLE_VECTOR = """setweight(to_tsvector('simple'::regconfig, title_seg), 'A') ||
    setweight(to_tsvector('simple'::regconfig, title_extra), 'B')"""

UP = [
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_searchentry ADD COLUMN search_vector_new tsvector",
    "ALTER TABLE search_searchentry ADD COLUMN title_vector_new tsvector",
    f"UPDATE search_searchentry SET search_vector_new = {VECTOR}, title_vector_new = {TITLE_VECTOR}, body_extra = ''",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchentry RENAME COLUMN search_vector_new TO search_vector",
    "ALTER TABLE search_searchentry RENAME COLUMN title_vector_new TO title_vector",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_entry_title_gin ON search_searchentry USING gin (title_vector)",
    "CREATE INDEX search_entry_newest ON search_searchentry (published_at DESC NULLS LAST, id DESC)",
]


LZ4 = [
    "ALTER TABLE search_searchentry ALTER COLUMN search_vector SET COMPRESSION lz4",
    "ALTER TABLE search_searchentry ALTER COLUMN body SET COMPRESSION lz4",
    "ALTER TABLE search_searchentry ALTER COLUMN body_seg SET COMPRESSION lz4",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in UP:
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        has_lz4 = cursor.fetchone() is not None
    if has_lz4:  # a server built without lz4 keeps pglz
        for statement in LZ4:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pg_four_weights")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
