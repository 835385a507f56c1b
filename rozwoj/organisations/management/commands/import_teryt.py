from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rozwoj.organisations.services import DEFAULT_TERC_FILE, TercImportError, teryt_import


class Command(BaseCommand):
    help = "Load the TERC catalogue of GUS TERYT (voivodeships, powiats, gminas). Idempotent and atomic."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(DEFAULT_TERC_FILE),
            help="TERC_Urzedowy CSV file (UTF-8, ';'); defaults to the file shipped with Rozwój.",
        )

    def handle(self, *args, path, **options):
        if not Path(path).is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            result = teryt_import(path)
        except TercImportError as exc:
            lines = "\n".join(f"  {error}" for error in exc.errors)
            raise CommandError(
                _("Nothing was imported: %(count)d bad row(s) in %(path)s:\n%(lines)s")
                % {"count": len(exc.errors), "path": path, "lines": lines}
            ) from exc
        self.stdout.write(
            _(
                "TERYT import from %(path)s: %(created)d created, %(updated)d updated, "
                "%(unchanged)d unchanged, %(skipped)d parts of units skipped."
            )
            % {
                "path": path,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "skipped": result.skipped,
            }
        )
        if result.absent:
            self.stdout.write(
                _("%(count)d unit(s) in the registry are not in this file; they were kept.")
                % {"count": result.absent}
            )
