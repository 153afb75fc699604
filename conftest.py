"""Fixtures shared by every app's tests.

- `demo`: the seed's department and its portal pages, loaded through the same two service
  functions as `manage.py load_demo`, inside the test's transaction. `shared_demo`: the
  same, loaded once per module, for modules that only read it.
- `browser` / `page` / `axe`: Debian's Chromium driven by Playwright against pytest-django's
  `live_server`, and axe-core (node_modules/, `npm ci`) for WCAG 2.1 A/AA checks.

Browser tests need committed data that the live server's thread can read, so they run in
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`: the database is
flushed after each of them, and serialized_rollback reloads the rows the migrations made
(Wagtail's root page, default Site, locales, permissions) before the next one, on SQLite
and PostgreSQL alike. pytest-django runs transactional tests after all the others, and
the last browser test checks that the tree is back.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, one test database file per pytest process (var/test-<pid>.sqlite3), so
    that two test runs in the same checkout cannot clobber each other's database. It is
    deleted when the run ends; `make clean` removes any left by a killed run."""
    from django.conf import settings

    for db in settings.DATABASES.values():
        test = db.setdefault("TEST", {})
        if db["ENGINE"] == "django.db.backends.sqlite3" and test.get("NAME"):
            name = Path(test["NAME"])
            test["NAME"] = str(name.with_name(f"{name.stem}-{os.getpid()}{name.suffix}"))


# The rows the migrations made, serialized by pytest-django when the test database is set
# up, for `serialized_rollback` (see `browser`).
_serialized_test_data: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's set-up, keeping hold of what it serialized for serialized_rollback."""
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            _serialized_test_data[alias] = contents
    return django_db_setup


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache: Wagtail keeps site root paths and settings
    there, and they must not outlive the rows a rolled-back test created."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass(frozen=True)
class Demo:
    agency: object  # congso.organization.models.Agency
    pages: dict  # {"vi": {key: page}, "en": {key: page}}, keys as in STANDARD_PAGES
    report: object  # the LoadReport of the load


def _demo_load() -> Demo:
    from congso.organization.demo import (
        DEFAULT_DATA_FILE,
        data_file_read,
        organization_data_load,
    )
    from congso.organization.models import Agency
    from congso.portal.services import portal_site_ensure

    data = data_file_read(DEFAULT_DATA_FILE)
    report = organization_data_load(data)
    agency = Agency.objects.get(code=data.agency.code)
    pages = portal_site_ensure(agency=agency)
    return Demo(agency=agency, pages=pages, report=report)


@pytest.fixture
def demo(db) -> Demo:
    """The seed's department (data file) and the portal's page tree in vi and en, loaded
    by the two services `manage.py load_demo` runs, inside the test's transaction."""
    return _demo_load()


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker) -> Demo:
    """The same, loaded once for a whole test module (as Django's setUpTestData does): it
    lives in a transaction opened before the module's first test and rolled back after its
    last; each test runs in a savepoint inside it, so rows a test changes are put back.

    Only for modules whose every test reads the demo (a test that wants an empty database
    would see it too), and only for non-transactional tests. The Python objects are shared:
    read them, do not change them.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            loaded = _demo_load()
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield loaded
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


# --- Browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, launched once per test session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio loop in this thread for the rest of the
    # session, so Django's "async context" guard would refuse the ORM calls the tests and
    # fixtures make (they are synchronous; nothing here is async).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # With that loop running, Django's connection handler (an asgiref Local) hands this
        # thread new connection objects, without the serialized rows pytest-django put on
        # the old ones: without them serialized_rollback would restore nothing, and every
        # browser test after the first would find no Wagtail root page. Hand them over.
        from django.db import connections

        for alias, contents in _serialized_test_data.items():
            connections[alias]._test_serialized_contents = contents
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_locale() -> str:
    """The reader's browser language (Accept-Language). Override per test with
    `@pytest.mark.parametrize("browser_locale", ["en-GB"])`."""
    return "vi-VN"


@pytest.fixture
def page(request, browser, live_server, browser_locale):
    """A fresh browser context (no cookies, no localStorage) per test, 1280×900,
    pointed at the live server: `page.goto("/vi/")`.

    The page's Content-Security-Policy is enforced, except for tests that use `axe`:
    axe-core has to be injected as a script, which the policy rightly forbids.
    """
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale=browser_locale,
        bypass_csp="axe" in request.fixturenames,
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page reports: uncaught exceptions and console errors (including
    Content-Security-Policy refusals)."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on(
        "console",
        lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    return errors


def _describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} WCAG 2.1 A/AA violation(s) on {url}"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    target {node['target']}: {node.get('failureSummary', '')}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


@pytest.fixture
def axe():
    """`axe(page)`: inject axe-core into the page, run the WCAG 2.1 A and AA rules, and
    fail listing every violation (rule, impact, help, target nodes). Returns axe's
    result."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci --ignore-scripts` (make test does)")

    def check(tab) -> dict:
        tab.add_script_tag(path=str(AXE_JS))
        result = tab.evaluate(
            """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}})""",
            WCAG_TAGS,
        )
        violations = result["violations"]
        if violations:
            report = _describe_violations(tab.url, violations)
            print(report)
            pytest.fail(report, pytrace=False)
        return result

    return check
