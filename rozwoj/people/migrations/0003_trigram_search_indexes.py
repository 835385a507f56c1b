"""PostgreSQL only: trigram indexes for the people search (`icontains` on names and e-mail).

Django's icontains becomes UPPER(column) LIKE UPPER(%term%), which a B-tree cannot serve; a GIN trigram index on
the same expression can. SQLite has no such index and needs none at its scale. Where the database role may not
create the pg_trgm extension, the search still works, only without these indexes.
"""

from django.db import migrations

COLUMNS = ("first_name", "last_name", "email")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            cursor.execute("SAVEPOINT trgm")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception:  # noqa: BLE001 — no right to create extensions: keep going without the indexes
                cursor.execute("ROLLBACK TO SAVEPOINT trgm")
                return
            cursor.execute("RELEASE SAVEPOINT trgm")
        for column in COLUMNS:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS person_{column}_trgm "  # noqa: S608 — fixed column names
                f"ON people_person USING gin (UPPER({column}::text) gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for column in COLUMNS:
            cursor.execute(f"DROP INDEX IF EXISTS person_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_list_order_index")]

    operations = [migrations.RunPython(create, drop)]
