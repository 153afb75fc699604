"""Full-text machinery beside the search_searchentry table, per database.

PostgreSQL: the `unaccent` and `pg_trgm` extensions; `congso_unaccent(text)`, an IMMUTABLE
wrapper (unaccent() itself is only STABLE, so it cannot appear in an index or a generated
column); a stored generated column `vector` (title weight A, text weight B, 'simple'
configuration: no stemming, Vietnamese has none) with a GIN index; a trigram GIN index on
`title_folded` for the fuzzy fallback.

SQLite: an external-content FTS5 table over the folded columns and three triggers that
keep it in step with the table.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, congso_unaccent(title_folded)), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, congso_unaccent(text_folded)), 'B')"
)

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # The dictionary is named with its schema so the function does not depend on the
    # caller's search_path (which is what makes IMMUTABLE safe here).
    """CREATE OR REPLACE FUNCTION congso_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    f"ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX search_entry_vector_idx ON search_searchentry USING gin (vector)",
    "CREATE INDEX search_entry_title_trgm_idx ON search_searchentry "
    "USING gin (title_folded gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_trgm_idx",
    "DROP INDEX IF EXISTS search_entry_vector_idx",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
    "DROP FUNCTION IF EXISTS congso_unaccent(text)",
]

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_entry_fts USING fts5(
         title_folded, text_folded,
         content='search_searchentry', content_rowid='id',
         tokenize='unicode61 remove_diacritics 2'
       )""",
    """CREATE TRIGGER search_entry_fts_ai AFTER INSERT ON search_searchentry BEGIN
         INSERT INTO search_entry_fts(rowid, title_folded, text_folded)
         VALUES (new.id, new.title_folded, new.text_folded);
       END""",
    """CREATE TRIGGER search_entry_fts_ad AFTER DELETE ON search_searchentry BEGIN
         INSERT INTO search_entry_fts(search_entry_fts, rowid, title_folded, text_folded)
         VALUES ('delete', old.id, old.title_folded, old.text_folded);
       END""",
    """CREATE TRIGGER search_entry_fts_au AFTER UPDATE ON search_searchentry BEGIN
         INSERT INTO search_entry_fts(search_entry_fts, rowid, title_folded, text_folded)
         VALUES ('delete', old.id, old.title_folded, old.text_folded);
         INSERT INTO search_entry_fts(rowid, title_folded, text_folded)
         VALUES (new.id, new.title_folded, new.text_folded);
       END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_fts_au",
    "DROP TRIGGER IF EXISTS search_entry_fts_ad",
    "DROP TRIGGER IF EXISTS search_entry_fts_ai",
    "DROP TABLE IF EXISTS search_entry_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
