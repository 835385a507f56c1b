import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from rozwoj.core.search import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the site search index from every registered source (after an import, a change of the "
        "stemming, or a restore). Idempotent; `make setup` runs it."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = rebuild()
        for kind, count in counts.items():
            self.stdout.write(_("%(kind)s: %(count)d entries") % {"kind": kind, "count": count})
        if options["verbosity"] > 0:
            self.stdout.write(
                _("Search index rebuilt: %(count)d entries in %(seconds).1f s.")
                % {"count": sum(counts.values()), "seconds": time.monotonic() - started}
            )
