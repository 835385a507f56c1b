"""PostgreSQL: a small `title_vector` beside the whole entry's `vector`, kept by the same trigger. The search
orders its matches by "the title matches" before ranking the best of them; testing that against the whole vector
decompressed every long entry (most of a search's time for a common word)."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE core_searchentry ADD COLUMN title_vector tsvector",
    """CREATE OR REPLACE FUNCTION core_searchentry_vector() RETURNS trigger AS $$
    BEGIN
        NEW.title_vector := to_tsvector('simple', unaccent(NEW.title_terms));
        NEW.vector := setweight(NEW.title_vector, 'A')
            || setweight(to_tsvector('simple', unaccent(NEW.text_terms)), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql""",
    "UPDATE core_searchentry SET title_vector = to_tsvector('simple', unaccent(title_terms))",
]
REVERSE = [
    """CREATE OR REPLACE FUNCTION core_searchentry_vector() RETURNS trigger AS $$
    BEGIN
        NEW.vector := setweight(to_tsvector('simple', unaccent(NEW.title_terms)), 'A')
            || setweight(to_tsvector('simple', unaccent(NEW.text_terms)), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql""",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS title_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_search_index")]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE))]
