"""The full-text index behind /search/ (briefings.search): an FTS5 table on SQLite, a weighted
tsvector column with a GIN index on PostgreSQL. Django's models do not know either; the SQL
is written out here, frozen like any migration, and filled from the rows already there."""

from django.db import migrations

SQLITE_FORWARD = [
    # rowid = the update's id. The table keeps its own copy of the text: snippet() needs it,
    # and the briefing title lives in another table.
    "CREATE VIRTUAL TABLE briefings_update_fts USING fts5("
    "headline, body, title, tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO briefings_update_fts (rowid, headline, body, title) "
    "SELECT u.id, u.headline, u.body, b.title FROM briefings_update u "
    "JOIN briefings_briefing b ON b.id = u.briefing_id",
]
SQLITE_BACKWARD = ["DROP TABLE briefings_update_fts"]

POSTGRESQL_FORWARD = [
    # unaccent is a trusted extension (PostgreSQL ≥ 13): the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # No stemming, like SQLite's unicode61: a stemmed index breaks prefixes ("negotiat*"
    # misses "negotiations", indexed as "negoti") and would make the two databases disagree.
    "CREATE TEXT SEARCH CONFIGURATION newsroom_search (COPY = simple)",
    # "Orbán" is indexed and searched as "orban"; asciiword tokens have nothing to strip.
    "ALTER TEXT SEARCH CONFIGURATION newsroom_search "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    "ALTER TABLE briefings_update ADD COLUMN search_document tsvector",
    "UPDATE briefings_update u SET search_document = "
    "setweight(to_tsvector('newsroom_search', u.headline), 'A') || "
    "setweight(to_tsvector('newsroom_search', b.title), 'A') || "
    "setweight(to_tsvector('newsroom_search', u.body), 'B') "
    "FROM briefings_briefing b WHERE b.id = u.briefing_id",
    "CREATE INDEX briefings_update_search_document ON briefings_update "
    "USING gin (search_document)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX briefings_update_search_document",
    "ALTER TABLE briefings_update DROP COLUMN search_document",
    "DROP TEXT SEARCH CONFIGURATION newsroom_search",
]


def run_for_vendor(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("briefings", "0002_import_details")]

    operations = [
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            run_for_vendor({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
