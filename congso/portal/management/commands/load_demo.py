"""Load the demo data set: the department of the seed, its portal pages, demo accounts.

    manage.py load_demo [--file PATH] [--reset]

Idempotent: a second run changes nothing, and edits made in the admin are kept unless
--reset is given. A malformed data file stops the command with a non-zero exit that
names the file, the place and the problem; nothing is written (one transaction).
"""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from congso.dossiers.demo import dossiers_demo_ensure
from congso.licensing.demo import licensing_demo_ensure
from congso.newsroom.services import newsroom_demo_load
from congso.organization.demo import (
    DEFAULT_DATA_FILE,
    DataFileError,
    DataRowError,
    data_file_read,
    organization_data_load,
)
from congso.organization.models import Agency
from congso.portal.services import portal_site_ensure
from congso.procedures.demo import ProcedureDataError, procedures_demo_ensure


class Command(BaseCommand):
    help = "Load the demo department (organisation, mandate, portal pages)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_DATA_FILE,
            help="organisation data file (TOML); default: the Bình Dương DIC of 2021",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="set existing rows back to the file's values (discards admin edits)",
        )

    def handle(self, *args, file: Path, reset: bool, **options):
        # Page creation logs one line per revision; the summary below says enough.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        try:
            data = data_file_read(file)
        except DataFileError as exc:
            raise CommandError(str(exc)) from exc
        try:
            with transaction.atomic():
                report = organization_data_load(data, reset=reset)
                agency = Agency.objects.get(code=data.agency.code)
                portal_site_ensure(agency=agency)
                procedures = procedures_demo_ensure(reset=reset)
                newsroom = newsroom_demo_load(agency=agency)
                dossiers = dossiers_demo_ensure()
                licences = licensing_demo_ensure()
                # The site search (congso.search): pages made without a publish signal too.
                from congso.search.indexing import rebuild as search_index_rebuild

                searchable = search_index_rebuild()
        except DataRowError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        except ProcedureDataError as exc:
            raise CommandError(str(exc)) from exc

        created = ", ".join(f"{n} {k}" for k, n in sorted(report.created.items())) or "nothing"
        self.stdout.write(f"{file.name}: created {created}")
        created = ", ".join(f"{n} {k}" for k, n in sorted(procedures.created.items()))
        self.stdout.write(f"procedures: created {created or 'nothing'}")
        self.stdout.write(f"news: created {newsroom['generated'].created} demo items")
        self.stdout.write(f"dossiers: created {dossiers['created']} demo dossiers")
        self.stdout.write(
            f"licences: created {licences['types']} types, {licences['licences']} demo licences"
        )
        self.stdout.write(f"search: {searchable} pages indexed")
        if report.updated:
            updated = ", ".join(f"{n} {k}" for k, n in sorted(report.updated.items()))
            self.stdout.write(f"reset: {updated}")
