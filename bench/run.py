# ruff: noqa: S603, S607, S608 (a developer tool running fixed local programs: uv, psql, wrk)
"""`make bench`: the portal under production settings, gunicorn and PostgreSQL, measured
with wrk. Writes bench/results/<date>.md and bench/results/<date>.json.

Steps: create the database (BENCH_DATABASE_URL, default congso_bench) when missing;
migrate; seed the department, portal and news tree (bench/seed.py); generate
`--count` news items in two languages unless there are that many (generate_demo_news,
which also fills the search index); ANALYZE; collectstatic; then four runs of gunicorn
(bench/README.md): full-page cache on; off, with as many connections as cores (the run
the uncached targets are checked on); off with --connections; off with the fragments off
too. Each runs wrk (`--latency`, bench/report.lua for p50/p90/p95/p99) against the home
page, a news item, page 50 of a category and a search.

Standard library only; needs `wrk` (Debian package) and Redis on 127.0.0.1:6379 for the
cache (CACHE_URL, database 5 by default).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGETS = {
    "cached_item_rps": 1000,  # a cached news item ≥ 1,000 requests/s
    "cached_item_p99_ms": 50,  # … with p99 < 50 ms
    "uncached_p99_ms": 150,  # uncached pages p99 < 150 ms
    "search_p95_ms": 150,  # search p95 < 150 ms at 20,000 items
}


def sh(args, env, **kwargs):
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def manage(env, *args, capture=False):
    result = sh(
        ["uv", "run", "--frozen", "python", "manage.py", *args],
        env,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else None


def prepare(env, count: int) -> dict:
    url = env["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    exists = subprocess.run(
        ["psql", server, "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        sh(
            [
                "psql",
                server,
                "-c",
                f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0",
            ],
            env,
        )
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "shell", "-c", (ROOT / "bench" / "seed.py").read_text())
    have = int(
        manage(
            env,
            "shell",
            "-c",
            "from congso.newsroom.models import NewsPage; print(NewsPage.objects.count())",
            capture=True,
        )
        .strip()
        .splitlines()[-1]
    )
    if have < 2 * count:
        started = time.monotonic()
        manage(env, "generate_demo_news", "--count", str(count))
        print(f"generated in {time.monotonic() - started:.0f} s", flush=True)
    subprocess.run(["psql", url, "-c", "ANALYZE"], check=True, capture_output=True)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    info = manage(
        env,
        "shell",
        "-c",
        "import json\n"
        "from congso.newsroom.models import NewsPage, NewsCategoryPage\n"
        "from congso.search.models import SearchEntry\n"
        "item = NewsPage.objects.live().filter(locale__language_code='vi')"
        ".order_by('-published_at').first()\n"
        "cat = NewsCategoryPage.objects.live().filter(locale__language_code='vi')"
        ".order_by('path').first()\n"
        "print(json.dumps({'item': item.url, 'category': cat.url,"
        " 'news': NewsPage.objects.count(), 'entries': SearchEntry.objects.count()}))",
        capture=True,
    )
    return json.loads(info.strip().splitlines()[-1])


def start_gunicorn(env, port: int, workers: int):
    process = subprocess.Popen(
        [
            "uv",
            "run",
            "--frozen",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    stop(process)
    raise SystemExit("gunicorn did not answer on /healthz")


def stop(process) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def fetch(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"User-Agent": "congso-bench"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.headers.get("X-Page-Cache", "")


def wrk(url: str, args, connections: int, duration: int | None = None) -> dict:
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(args.threads, connections)}",
            f"-c{connections}",
            f"-d{duration or args.duration}s",
            "--latency",
            "-s",
            str(ROOT / "bench" / "report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000, help="news items per language")
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page")
    parser.add_argument(
        "--uncached-connections",
        type=int,
        default=os.cpu_count() or 2,
        help="connections of the uncached runs the targets are checked on (default: cores)",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--prepare-only", action="store_true", help="create and seed the database, then stop"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/congso_bench"
        ),
        CACHE_URL=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/5"),
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        TASKS_BACKEND="immediate",
    )
    data = prepare(env, args.count)
    if args.prepare_only:
        print(json.dumps(data))
        return 0
    base = f"http://127.0.0.1:{args.port}"
    targets = {
        "home": "/vi/",
        "news item": data["item"],
        "category page 50": data["category"] + "?page=50",
        "search": "/vi/tim-kiem/?q=chuyen+doi+so",
    }
    # (run, full-page cache, fragments, connections). The uncached runs the targets are
    # checked on keep every core busy (as many connections as cores, each sending its
    # next request as soon as the last is answered) with no queue in front of them; the
    # run with --connections shows what a queue of that length adds, and the run without
    # fragments what every page costs just after a publication purged the cache.
    busy = args.uncached_connections
    modes = [
        ("cached", True, True, args.connections),
        ("uncached", False, True, busy),
        (f"uncached, {args.connections} connections", False, True, args.connections),
        ("uncached, no fragments", False, False, busy),
    ]
    runs = {}
    for mode, cache_on, fragments_on, connections in modes:
        env["CONGSO_PAGE_CACHE"] = "true" if cache_on else "false"
        env["CONGSO_FRAGMENT_CACHE"] = "true" if fragments_on else "false"
        subprocess.run(["redis-cli", "-n", "5", "FLUSHDB"], check=False, capture_output=True)
        server = start_gunicorn(env, args.port, args.workers)
        try:
            for name, path in targets.items():
                status, header = fetch(base + path)
                if cache_on:
                    status, header = fetch(base + path)
                    assert header == "hit", f"{path} not served from the cache ({header!r})"
                print(f"{mode:8} {name:18} {status} cache={header or '-'}", flush=True)
                # Warm-up, not recorded: every gunicorn worker renders the page a few
                # times first, as on a server that has been running (a worker's first
                # requests import code and load templates and translations).
                wrk(base + path, args, args.workers, duration=args.warmup)
                result = wrk(base + path, args, connections)
                runs.setdefault(mode, {})[name] = {
                    "url": path,
                    "connections": connections,
                    **result,
                }
                print(json.dumps(runs[mode][name]), flush=True)
        finally:
            stop(server)

    item = runs["cached"]["news item"]
    checks = {
        "cached news item ≥ 1,000 req/s": item["rps"] >= TARGETS["cached_item_rps"],
        "cached news item p99 < 50 ms": item["p99_ms"] < TARGETS["cached_item_p99_ms"],
        f"uncached p99 < 150 ms (every page, {busy} connections)": all(
            r["p99_ms"] < TARGETS["uncached_p99_ms"] for r in runs["uncached"].values()
        ),
        f"search p95 < 150 ms (uncached, {busy} connections)": runs["uncached"]["search"]["p95_ms"]
        < TARGETS["search_p95_ms"],
    }
    when = datetime.datetime.now(datetime.UTC)
    machine = {
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "postgresql": subprocess.run(
            ["psql", env["DATABASE_URL"], "-Atc", "SHOW server_version"],
            capture_output=True,
            text=True,
        ).stdout.strip(),
        "gunicorn_workers": args.workers,
        # Other work on the machine during the runs skews every number: recorded.
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "wrk": f"-t{args.threads} -d{args.duration}s --latency, connections per run below",
    }
    report = {
        "date": when.isoformat(timespec="seconds"),
        "machine": machine,
        "data": data,
        "runs": runs,
        "targets": checks,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = when.strftime("%Y-%m-%d")
    (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / f"{stem}.md").write_text(_markdown(report))
    print((RESULTS / f"{stem}.md").read_text())
    return 0


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor()
    match = re.search(r"model name\s*:\s*(.+)", text)
    return match.group(1).strip() if match else platform.processor()


def _markdown(report: dict) -> str:
    m, d = report["machine"], report["data"]
    lines = [
        f"# Benchmark {report['date']}",
        "",
        f"{m['cpus']} CPUs ({m['cpu']}), PostgreSQL {m['postgresql']}, Python {m['python']}, "
        f"gunicorn {m['gunicorn_workers']} sync workers, production settings, Redis cache; "
        f"wrk {m['wrk']} on the same machine. Load average (1/5/15 min) when the runs "
        f"ended: {' / '.join(str(x) for x in m['load_average_after'])}.",
        f"Data: {d['news']} news pages (both languages), {d['entries']} search entries.",
        "",
        "| run | page | connections | req/s | p50 ms | p90 ms | p95 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for mode, pages in report["runs"].items():
        for name, r in pages.items():
            lines.append(
                f"| {mode} | {name} (`{r['url']}`) | {r['connections']} | {r['rps']:.0f} | "
                f"{r['p50_ms']:.1f} | "
                f"{r['p90_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |"
            )
    lines += ["", "## Targets", ""]
    for name, met in report["targets"].items():
        lines.append(f"- {'MET' if met else 'NOT MET'}: {name}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
