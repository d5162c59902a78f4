"""PostgreSQL only: label the four token lists with the four tsvector weights.

A title words, B title sub-words and pinyin, C body words, D body sub-words — so that a
phrase query can be limited to running text (`'a':AC <-> 'b':AC`) the way FTS5 limits it
to the title_seg/body_seg columns, and ranking can still tell title from body.
"""

from django.db import migrations

UP = [
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
    """ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_seg), 'A') ||
        setweight(to_tsvector('simple'::regconfig, title_extra), 'B') ||
        setweight(to_tsvector('simple'::regconfig, body_seg), 'C') ||
        setweight(to_tsvector('simple'::regconfig, body_extra), 'D')) STORED""",
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    """ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_seg), 'A') ||
        setweight(to_tsvector('simple'::regconfig, title_extra), 'B')) STORED""",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in UP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pg_title_vector")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
