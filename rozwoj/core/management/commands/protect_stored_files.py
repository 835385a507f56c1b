from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from rozwoj.core.files import rename_guessable_files


class Command(BaseCommand):
    help = (
        "Move uploaded files stored under a guessable name (before random names were introduced) to a name with "
        "a random part. Idempotent; `make setup` runs it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would move; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        result = rename_guessable_files(dry_run=dry_run)
        for old, new in result.moved:
            self.stdout.write(f"{old} -> {new}")
        for name in result.missing:
            self.stderr.write(_("Missing from the storage, left as it is: %(name)s") % {"name": name})
        if result.moved or result.missing or options["verbosity"] > 1:
            message = (
                _("%(moved)d file(s) would be moved; %(missing)d missing.")
                if dry_run
                else _("%(moved)d file(s) moved; %(missing)d missing.")
            )
            self.stdout.write(message % {"moved": len(result.moved), "missing": len(result.missing)})
