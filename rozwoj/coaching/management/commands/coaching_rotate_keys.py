"""Key rotation for coaches' private notes (docs/coaching.md):

manage.py coaching_rotate_keys --new-key   prints a fresh key to put first in COACHING_NOTES_KEYS
manage.py coaching_rotate_keys             re-encrypts every note with the first key of COACHING_NOTES_KEYS
"""

from django.core.management.base import BaseCommand, CommandError

from rozwoj.coaching import crypto
from rozwoj.coaching.services import rotate_notes_keys


class Command(BaseCommand):
    help = "Re-encrypt coaches' private notes with the first key of COACHING_NOTES_KEYS (or print a new key)."

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="Print a new key and change nothing.")

    def handle(self, *args, new_key=False, **options):
        if new_key:
            self.stdout.write(crypto.generate_key())
            return
        problem = crypto.keys_problem()
        if problem:
            raise CommandError(problem)
        try:
            count = rotate_notes_keys()
        except crypto.NotesKeyError as error:
            raise CommandError(
                f"{error} Keep the old key in COACHING_NOTES_KEYS until rotation is done."
            ) from error
        self.stdout.write(f"Notes re-encrypted with the first key: {count}.")
