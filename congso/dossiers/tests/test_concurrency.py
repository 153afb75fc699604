"""Dossier codes under load: 50 applications submitted at the same moment, each from its own
thread with its own database connection, get 50 distinct codes numbered 1 to 50 without
a gap (LEGAL.md §4: `<unit identifier>-YYMMDD-NNNN`, a daily sequence)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings
from django.db import connection

from congso.dossiers.models import Dossier, DossierDocument
from congso.dossiers.services import dossier_submit

from .conftest import incoming
from .factories import ANSWERS, APPLICANT

SUBMISSIONS = 50

pytestmark = [
    # serialized_rollback as every transactional test here (conftest.py): the flush after
    # the test then leaves the migrations' rows for the browser tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        django_settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="Needs PostgreSQL: SQLite serialises every write transaction, so threads "
        "cannot race there (run with DATABASE_URL=postgres://…).",
    ),
]


def test_fifty_concurrent_submissions_get_distinct_gap_free_codes(version, private_media):
    start = threading.Barrier(SUBMISSIONS)

    def submit(n: int) -> str:
        try:
            documents = incoming("declaration", "licence")
            applicant = {**APPLICANT, "applicant_name": f"Nguyễn Văn Số {n}"}
            start.wait(timeout=60)  # all at once
            result = dossier_submit(
                version=version,
                applicant=applicant,
                answers=dict(ANSWERS),
                documents=documents,
                idempotency_key=f"load-{n}",
            )
            return result.dossier.code
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        codes = list(pool.map(submit, range(SUBMISSIONS)))

    assert len(set(codes)) == SUBMISSIONS
    prefixes = {code.rsplit("-", 1)[0] for code in codes}
    assert len(prefixes) == 1 and prefixes.pop().startswith("000.00.45.H07-")
    assert sorted(int(code.rsplit("-", 1)[1]) for code in codes) == list(range(1, SUBMISSIONS + 1))
    assert Dossier.objects.count() == SUBMISSIONS
    assert DossierDocument.objects.count() == 2 * SUBMISSIONS
    stored = [p for p in (private_media / "dossiers").rglob("*") if p.is_file()]
    assert len(stored) == 2 * SUBMISSIONS
