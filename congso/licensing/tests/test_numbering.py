"""Licence numbers stay unique and gap-free when several leaders issue at once (issue 5
§1, §6): real threads, each with its own database connection, on PostgreSQL (row lock of
the number series) and on SQLite (writers serialised)."""

import datetime
import threading

import pytest
from django.db import connection, connections

from congso.licensing.models import Licence

from .conftest import approved_dossier_make, catalogue_load, issue, staff_make

THREADS = 6


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_issuing_gives_unique_gap_free_numbers(demo):
    catalogue_load()
    staff = staff_make()
    dossiers = [approved_dossier_make(staff) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def work(dossier):
        try:
            barrier.wait(timeout=30)
            issue(dossier, staff, issued_on=datetime.date(2026, 11, 27))
        except BaseException as exc:  # reported below, with the thread's own error
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(d,)) for d in dossiers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    numbers = sorted(Licence.objects.values_list("sequence", flat=True))
    assert numbers == list(range(1, THREADS + 1))
    assert sorted(Licence.objects.values_list("number", flat=True)) == sorted(
        f"{n}/GP-STTTT" for n in range(1, THREADS + 1)
    )
    assert Licence.objects.filter(dossier__status="result_issued").count() == THREADS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_issue_gives_its_number_back(demo):
    catalogue_load()
    staff = staff_make()
    first, second = approved_dossier_make(staff), approved_dossier_make(staff)
    with pytest.raises(Exception):  # noqa: B017 — the licence's own validation refuses it
        issue(first, staff, signer_name="", issued_on=datetime.date(2026, 11, 27))
    licence = issue(second, staff, issued_on=datetime.date(2026, 11, 27))
    assert licence.number == "1/GP-STTTT"
    assert connection.vendor in {"postgresql", "sqlite"}
