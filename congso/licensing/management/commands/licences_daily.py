"""`manage.py licences_daily [--now] [--date YYYY-MM-DD]`: the licences' daily run — mark
expired licences, lift suspensions whose period has ended, email holders 30 days before
expiry (once). By default it enqueues the background task (`tasks.licences_daily`); with
`--now` (or `--date`, for a catch-up) it runs here and prints what it did. Run it from
cron once a day."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from congso.licensing import services, tasks


class Command(BaseCommand):
    help = "Mark expired licences and send the 30-day expiry reminders."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run here, not as a task")
        parser.add_argument("--date", help="the day to run for (YYYY-MM-DD); implies --now")

    def handle(self, *args, now: bool, date: str | None, **options):
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD") from exc
        else:
            day = None
        if now or day:
            expired = services.licences_expire(today=day)
            reminded = services.licences_send_expiry_reminders(today=day)
            self.stdout.write(f"licences: {expired} expired, {reminded} reminders sent")
            return
        result = tasks.licences_daily.enqueue()
        self.stdout.write(f"licences daily task enqueued: {result.id}")
