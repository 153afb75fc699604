"""manage.py rebuild_search_index: empty the site search's index and fill it again from
every live public page (in batches; safe to run on a live site, searches see the old
entries of a batch until it is written)."""

from django.core.management.base import BaseCommand

from congso.search import indexing


class Command(BaseCommand):
    help = "Rebuild the site search index (congso.search) from the live pages."

    def handle(self, *args, **options):
        def progress(done, total):
            if options["verbosity"] > 1:
                self.stdout.write(f"{done}/{total}")

        written = indexing.rebuild(progress=progress)
        if options["verbosity"]:
            self.stdout.write(f"{written} pages indexed.")
