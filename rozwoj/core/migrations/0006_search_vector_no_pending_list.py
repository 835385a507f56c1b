"""PostgreSQL: the search index's GIN index without a pending list (`fastupdate = off`).

With the default, new entries wait in an unsorted pending list until it fills up (4 MB) or a vacuum runs, and every
search reads the whole list: after 500 entries were reindexed, a search for a common word took two to three times
as long until the next vacuum. Each write now updates the index itself (reindexing a few entries costs a little
more; a full rebuild more), so a search costs the same between vacuums. What is pending is moved in first."""

from django.db import migrations

FORWARD = [
    "SELECT gin_clean_pending_list('core_searchentry_vector'::regclass)",
    "ALTER INDEX core_searchentry_vector SET (fastupdate = off)",
]
REVERSE = ["ALTER INDEX core_searchentry_vector RESET (fastupdate)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0005_content_change")]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE))]
