from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = "Create the PostgreSQL database named in DATABASE_URL when it does not exist yet (SQLite needs nothing)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            return
        name = connection.settings_dict["NAME"]
        with connection._nodb_cursor() as cursor:  # the server's maintenance database
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                quoted = connection.ops.quote_name(name)
                cursor.execute(f"CREATE DATABASE {quoted}")  # noqa: S608 — a quoted identifier from settings
                self.stdout.write(f"Created database {name}.")
