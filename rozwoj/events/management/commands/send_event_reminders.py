from django.core.management.base import BaseCommand

from rozwoj.events.services.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders due now (a configurable number of days before each event's first session). "
        "Safe to run often, e.g. from cron every 15 minutes: nobody is reminded twice."
    )

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"Reminders sent: {sent}")
