"""One uncached request per page, in-process, with its SQL: where a page's time goes.

    uv run python bench/profile_page.py [/vi/ /vi/tin-tuc/... ...]

Runs against the benchmark database (BENCH_DATABASE_URL, default congso_bench, prepared
by `make bench` or `bench/run.py --prepare-only`) under production settings with the
full-page cache off. For each path: the median wall time of --repeat requests after one
warm-up, the number of queries and their total time, and the slowest queries.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.production",
    DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50),
    DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    DJANGO_SECURE_SSL_REDIRECT="false",
    DATABASE_URL=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/congso_bench"
    ),
    CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/5"),
    CONGSO_PAGE_CACHE="false",
    STATIC_ROOT=str(ROOT / "var" / "bench-static"),
    TASKS_BACKEND="immediate",
)


def main() -> int:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from congso.newsroom.models import NewsCategoryPage, NewsPage

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--top", type=int, default=5, help="slowest queries shown per page")
    args = parser.parse_args()
    paths = args.paths
    if not paths:
        item = (
            NewsPage.objects.live()
            .filter(locale__language_code="vi")
            .order_by("-published_at")
            .first()
        )
        category = (
            NewsCategoryPage.objects.live()
            .filter(locale__language_code="vi")
            .order_by("path")
            .first()
        )
        paths = ["/vi/", item.url, category.url + "?page=50", "/vi/tim-kiem/?q=chuyen+doi+so"]
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths:
        client.get(path)  # warm-up: imports, template loading, connection
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(
            f"{path}  status {response.status_code}  median {statistics.median(times):.1f} ms"
            f"  {len(queries)} queries  {sql_ms:.1f} ms SQL"
        )
        slow = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[: args.top]
        for q in slow:
            print(f"    {float(q['time']) * 1000:6.1f} ms  {q['sql'][:240]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
