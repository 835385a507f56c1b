from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

# The full-text structures each database keeps in step with core_searchentry by triggers, so that every write
# of the index (rozwoj.core.search.index) updates them without further code.
POSTGRESQL = [
    "ALTER TABLE core_searchentry ADD COLUMN vector tsvector",
    "CREATE INDEX core_searchentry_vector ON core_searchentry USING GIN (vector)",
    """CREATE FUNCTION core_searchentry_vector() RETURNS trigger AS $$
    BEGIN
        NEW.vector := setweight(to_tsvector('simple', unaccent(NEW.title_terms)), 'A')
            || setweight(to_tsvector('simple', unaccent(NEW.text_terms)), 'B');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_searchentry_vector BEFORE INSERT OR UPDATE ON core_searchentry
    FOR EACH ROW EXECUTE FUNCTION core_searchentry_vector()""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS core_searchentry_vector ON core_searchentry",
    "DROP FUNCTION IF EXISTS core_searchentry_vector()",
    "DROP INDEX IF EXISTS core_searchentry_vector",
    "ALTER TABLE core_searchentry DROP COLUMN IF EXISTS vector",
]
SQLITE = [
    """CREATE VIRTUAL TABLE core_searchentry_fts USING fts5(
        title_terms, text_terms, content='core_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE TRIGGER core_searchentry_fts_insert AFTER INSERT ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(rowid, title_terms, text_terms)
        VALUES (new.id, new.title_terms, new.text_terms);
    END""",
    """CREATE TRIGGER core_searchentry_fts_delete AFTER DELETE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
    END""",
    """CREATE TRIGGER core_searchentry_fts_update AFTER UPDATE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, title_terms, text_terms)
        VALUES ('delete', old.id, old.title_terms, old.text_terms);
        INSERT INTO core_searchentry_fts(rowid, title_terms, text_terms)
        VALUES (new.id, new.title_terms, new.text_terms);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_searchentry_fts_insert",
    "DROP TRIGGER IF EXISTS core_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS core_searchentry_fts_update",
    "DROP TABLE IF EXISTS core_searchentry_fts",
]


def _run(statements: dict):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_periodic_job_run"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40)),
                ("object_id", models.BigIntegerField()),
                ("language", models.CharField(blank=True, max_length=8)),
                ("title", models.CharField(max_length=500)),
                ("text", models.TextField(blank=True)),
                ("url", models.CharField(max_length=500)),
                ("date", models.DateTimeField(blank=True, null=True)),
                ("title_terms", models.TextField(blank=True)),
                ("text_terms", models.TextField(blank=True)),
            ],
            options={
                "verbose_name": "search index entry",
                "verbose_name_plural": "search index entries",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id", "language"), name="search_entry_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind", ""), _negated=True), name="search_entry_kind_set"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchGrant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=80)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE, related_name="grants", to="core.searchentry"
                    ),
                ),
            ],
            options={
                "verbose_name": "search grant",
                "verbose_name_plural": "search grants",
                "constraints": [
                    models.UniqueConstraint(fields=("token", "entry"), name="search_grant_unique")
                ],
            },
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
