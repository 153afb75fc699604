"""Generate demo news in Vietnamese and English, for demonstrations and benchmarks:

    manage.py generate_demo_news --count 20000 [--seed 1] [--no-index]

Each item is published in both languages (2 pages per item), spread over every category
and the last two years, with tags, authors and illustrations. Items already generated
with the same seed are skipped, so the command can be re-run or resumed. Needs the
portal's pages (`load_demo` or `setup_newsroom` first).
"""

from django.core.management.base import BaseCommand, CommandError

from congso.newsroom.demo import demo_news_generate
from congso.newsroom.services import NewsroomSetupError, newsroom_setup


class Command(BaseCommand):
    help = "Generate demo news items in both languages (idempotent per seed)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="number of news items")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="skip the search index (faster; run `manage.py update_index` later)",
        )

    def handle(self, *args, count: int, seed: int, no_index: bool, **options):
        if count < 0:
            raise CommandError("--count must be 0 or more.")
        try:
            newsroom_setup()
        except NewsroomSetupError as exc:
            raise CommandError(str(exc)) from exc

        def progress(done, total):
            if options["verbosity"] > 1 or total > 1000:
                self.stdout.write(f"  {done}/{total}")

        report = demo_news_generate(count=count, seed=seed, index=not no_index, progress=progress)
        self.stdout.write(
            f"demo news: created {report.created} items ({2 * report.created} pages), "
            f"skipped {report.skipped} existing, in {report.seconds:.1f} s"
        )
