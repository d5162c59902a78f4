"""Full-text structures for the database in use (see govportal.search.backends).

SQLite: an FTS5 virtual table with external content over search_searchentry, kept in step
by triggers. PostgreSQL: a generated tsvector column (title weight A, body weight B, the
'simple' configuration over pre-segmented text) with a GIN index. Also seeds the synonyms
the information office asked for.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_seg, title_extra, body_seg, body_extra,
        content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_seg, title_extra, body_seg, body_extra)
        VALUES (new.id, new.title_seg, new.title_extra, new.body_seg, new.body_extra);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_seg, title_extra, body_seg, body_extra)
        VALUES ('delete', old.id, old.title_seg, old.title_extra, old.body_seg, old.body_extra);
    END""",
    """CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_seg, title_extra, body_seg, body_extra)
        VALUES ('delete', old.id, old.title_seg, old.title_extra, old.body_seg, old.body_extra);
        INSERT INTO search_fts(rowid, title_seg, title_extra, body_seg, body_extra)
        VALUES (new.id, new.title_seg, new.title_extra, new.body_seg, new.body_extra);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_UP = [
    """ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_seg || ' ' || title_extra), 'A') ||
        setweight(to_tsvector('simple'::regconfig, body_seg || ' ' || body_extra), 'B')
    ) STORED""",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]

SEED_SYNONYMS = [
    ("社保 社会保险", "信息办初始同义词"),
    ("公积金 住房公积金", "信息办初始同义词"),
    ("医保 医疗保险", "信息办初始同义词"),
    ("低保 最低生活保障", "信息办初始同义词"),
]


def _run(schema_editor, statements):
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_UP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_UP)
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, note in SEED_SYNONYMS:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DOWN)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
