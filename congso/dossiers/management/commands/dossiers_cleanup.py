"""`manage.py dossiers_cleanup [--older-than SECONDS]`: remove files no row refers to.

Files are written before the transaction that records them (congso/dossiers/files.py), so
a submission that failed or a server that died half-way leaves files without rows. Run
this daily (cron: `15 2 * * * manage.py dossiers_cleanup`); it only removes what is older
than a day (CONGSO_DOSSIER_ORPHAN_SECONDS), never what a running submission may still
commit. Old drafts of the online form go too.
"""

from django.core.management.base import BaseCommand

from congso.dossiers.files import cleanup_orphans


class Command(BaseCommand):
    help = "Remove dossier files and draft uploads that no row refers to (older than a day)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=None, help="seconds (default: a day)")

    def handle(self, *args, older_than=None, **options):
        report = cleanup_orphans(older_than_seconds=older_than)
        self.stdout.write(
            f"removed {report.drafts} draft directories, {report.directories} orphan dossier "
            f"directories, {report.files} orphan files"
        )
