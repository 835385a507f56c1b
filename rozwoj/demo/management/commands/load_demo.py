from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rozwoj.demo.services import demo_is_loaded, demo_load


class Command(BaseCommand):
    help = "Load the demo data from the seed documents (TERYT, institutions, programmes, experts, accounts)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Do nothing if the demo data is already loaded."
        )

    def handle(self, *args, once=False, **options):
        if not settings.ROZWOJ_DEMO_ALLOWED:
            raise CommandError("Demo data is refused under production settings.")
        if demo_is_loaded():
            if once:
                self.stdout.write("Demo data is already loaded.")
                return
            raise CommandError("Demo data is already loaded; use a fresh database to load it again.")
        demo_load()
        self.stdout.write(
            self.style.SUCCESS("Demo data loaded. Log in as koordynator@example.org / rozwoj-demo.")
        )
