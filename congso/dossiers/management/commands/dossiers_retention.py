"""`manage.py dossiers_retention [--delete]`: closed dossiers past their retention period.

A dossier is past retention when it finished (result issued, refused, rejected, returned,
withdrawn) more than `DossierSettings.retention_years` years ago (default 10; Settings →
one-stop desk settings). Without --delete the command lists them; with it, it deletes each
with its documents, papers, events and files (docs/data-protection.md).
"""

from django.core.management.base import BaseCommand

from congso.dossiers.services import dossiers_past_retention, dossiers_purge


class Command(BaseCommand):
    help = "List (or, with --delete, delete) closed dossiers older than their retention period."

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="delete them, files included")

    def handle(self, *args, delete=False, **options):
        rows = list(dossiers_past_retention())
        for dossier in rows:
            self.stdout.write(f"{dossier.code}\tfinished {dossier.finished_at:%Y-%m-%d}")
        if delete:
            count = dossiers_purge(dossiers=rows)
            self.stdout.write(f"deleted {count} dossiers")
        else:
            self.stdout.write(f"{len(rows)} dossiers past retention (use --delete to delete them)")
