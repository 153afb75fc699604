"""`manage.py licences_certificates [--enqueue]`: render the certificate of every licence
the system issued whose PDF is missing — a rendering that failed (fonts, disk, a signing
key that could not be read) or a task that never ran. Licences recorded from the archive
(`pre_system`) have no certificate of ours and are left alone. By default each is rendered
here, in turn, and a failure is reported and the next one tried; `--enqueue` hands them to
the task worker (`tasks.licence_certificate`) instead. Exits with status 1 when any failed.
"""

from django.core.management.base import BaseCommand, CommandError

from congso.licensing import certificate, tasks
from congso.licensing.models import Licence


class Command(BaseCommand):
    help = "Render the missing certificates of the licences the system issued."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="leave it to the worker")

    def handle(self, *args, enqueue: bool, **options):
        missing = (
            Licence.objects.filter(pre_system=False, file="")
            .select_related("licence_type")
            .order_by("pk")
        )
        if enqueue:
            ids = list(missing.values_list("pk", flat=True))
            for pk in ids:
                tasks.licence_certificate.enqueue(pk)
            self.stdout.write(f"certificates: {len(ids)} enqueued")
            return
        done, failed = 0, []
        for licence in missing:
            try:
                certificate.certificate_store(licence)
            except Exception as error:  # reported; the next one is tried
                failed.append(licence.number)
                self.stderr.write(f"{licence.number} ({licence.year}): {error}")
            else:
                done += 1
        self.stdout.write(f"certificates: {done} rendered, {len(failed)} failed")
        if failed:
            raise CommandError(f"not rendered: {', '.join(failed)}")
