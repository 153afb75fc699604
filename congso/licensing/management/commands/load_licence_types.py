"""`manage.py load_licence_types [--reset] [--file PATH]`: load the licence types of
`congso/licensing/data/licence_types.toml` (missing ones only, or all with --reset). A file
that does not fit exits 1 with the file and the place named, and loads nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congso.licensing.catalogue import (
    DEFAULT_TYPES_FILE,
    LicenceTypesFileError,
    licence_types_load,
)


class Command(BaseCommand):
    help = "Load the licence types from their data file."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_TYPES_FILE)
        parser.add_argument("--reset", action="store_true", help="overwrite admin edits")

    def handle(self, *args, file: Path, reset: bool, **options):
        try:
            result = licence_types_load(file, reset=reset)
        except LicenceTypesFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"licence types: {result['created']} created, {result['updated']} updated"
        )
