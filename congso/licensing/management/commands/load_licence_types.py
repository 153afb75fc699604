"""`manage.py load_licence_types [--reset] [--file PATH]`: load the licence types of
`congso/licensing/data/licence_types.toml` (missing ones only, or all with --reset)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from congso.licensing.catalogue import DEFAULT_TYPES_FILE, licence_types_load


class Command(BaseCommand):
    help = "Load the licence types from their data file."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_TYPES_FILE)
        parser.add_argument("--reset", action="store_true", help="overwrite admin edits")

    def handle(self, *args, file: Path, reset: bool, **options):
        result = licence_types_load(file, reset=reset)
        self.stdout.write(
            f"licence types: {result['created']} created, {result['updated']} updated"
        )
