"""Gap-free numbering: dossier codes, document numbers (generic; any app may use it).

A public identifier (a dossier code, a licence number) must be unique and without gaps
even when many are issued at once (DESIGN.md, "Principles"). `sequence_next` hands out the
next number of a series for a day by incrementing its `DailySequence` row **inside the
caller's transaction**, in one statement:

    INSERT … VALUES (scope, day, 1)
    ON CONFLICT (scope, day) DO UPDATE SET last_value = last_value + 1
    RETURNING last_value

- PostgreSQL: the upsert takes the row lock and holds it until the caller's transaction
  ends, exactly as `SELECT … FOR UPDATE` would, and also covers the first number of a day
  (no race between two transactions creating the row). A concurrent caller waits, then
  gets the next number.
- SQLite: every write transaction is `BEGIN IMMEDIATE` (config/settings/base.py), so
  writers are serialised for the whole transaction.

In both, a transaction that rolls back gives its number back: the next caller gets the
same number, and no code is ever skipped. The number is consumed only when the record
that carries it commits.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction

from .errors import ApplicationError


def sequence_next(*, scope: str, day: datetime.date) -> int:
    """The next number (1, 2, 3…) of the series `scope` on `day`.

    Must run inside `transaction.atomic()` together with the insert of the record that
    carries the number (raises RuntimeError otherwise: outside a transaction the number
    would be consumed even if the record were never saved). Raises ValueError for an
    empty scope.
    """
    if not scope:
        raise ValueError("A number series needs a scope.")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequence_next() must run inside the transaction that uses it.")
    from .models import DailySequence

    q = connection.ops.quote_name
    table, s, d, v = q(DailySequence._meta.db_table), q("scope"), q("day"), q("last_value")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({s}, {d}, {v}) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT ({s}, {d}) DO UPDATE SET {v} = {table}.{v} + 1 "
            f"RETURNING {v}",
            [scope, day],
        )
        (value,) = cursor.fetchone()
    return int(value)


def sequence_next_limited(*, scope: str, day: datetime.date, limit: int, message: str) -> int:
    """`sequence_next`, refused with ApplicationError(`message`) once the series passes
    `limit` (e.g. 9999 for a four-digit daily number); the transaction should then roll
    back, which gives the number back."""
    value = sequence_next(scope=scope, day=day)
    if value > limit:
        raise ApplicationError(message)
    return value
