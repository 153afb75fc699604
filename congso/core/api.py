"""API: the working-day calendar (GET /api/v1/calendar/due-date)."""

import datetime
from typing import Literal

from django.utils import translation
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from . import calendar

router = Router(tags=["calendar"])

Lang = Literal["vi", "en"]
# The `holidays` package computes lunar holidays up to 2100; a limit counted from the last
# year allowed here (≤ 365 working days) stays inside that range.
FIRST_YEAR, LAST_YEAR = 2000, 2098


class DueDateIn(Schema):
    received_at: datetime.datetime = Field(
        description=(
            "When the dossier was received: ISO 8601 with a UTC offset, "
            "e.g. 2026-02-13T10:00:00+07:00."
        )
    )
    working_days: int = Field(ge=1, le=365, description="The time limit in working days.")
    lang: Lang = "vi"

    @field_validator("received_at", mode="before")
    @classmethod
    def _iso_8601_with_offset(cls, value: object) -> datetime.datetime:
        # Parsed here, not by pydantic, which would also take a Unix timestamp or a date.
        try:
            parsed = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            raise ValueError(
                "received_at must be an ISO 8601 datetime, e.g. 2026-02-13T10:00:00+07:00."
            ) from None
        # A naive time is refused rather than guessed: a caller whose clock runs in UTC
        # would otherwise be seven hours off, across the 15:00 cut-off.
        if parsed.utcoffset() is None:
            raise ValueError(
                "received_at must include a UTC offset (+07:00 for Vietnam), "
                "e.g. 2026-02-13T10:00:00+07:00."
            )
        if not FIRST_YEAR <= parsed.astimezone(calendar.VN_TZ).year <= LAST_YEAR:
            raise ValueError(f"received_at must fall between {FIRST_YEAR} and {LAST_YEAR}.")
        return parsed


class SkippedDayOut(Schema):
    date: datetime.date
    reason: str


class DueDateOut(Schema):
    received_at: datetime.datetime
    working_days: int
    counting_from: datetime.date
    due_at: datetime.datetime
    skipped: list[SkippedDayOut]


@router.get("/calendar/due-date", response=DueDateOut, summary="Due date of a time limit")
def due_date(request, params: Query[DueDateIn]):
    """The due datetime of a time limit of `working_days` working days for a dossier
    received at `received_at`: counted from the day of receipt when it is a working day and
    the dossier came in by 15:00, else from the next working day; due at the end (17:00,
    Vietnam time) of the last working day. Lists the non-working days from the day of
    receipt to the due date, with their reasons in the language asked for. Datetimes are
    returned in Vietnam time (+07:00)."""
    working = calendar.WorkingCalendar.load()
    received_at, n = params.received_at, params.working_days
    with translation.override(params.lang):
        return {
            "received_at": received_at.astimezone(calendar.VN_TZ),
            "working_days": n,
            "counting_from": calendar.counting_from(received_at, calendar=working),
            "due_at": calendar.add_working_days(received_at, n, calendar=working),
            "skipped": [
                {"date": day, "reason": reason}
                for day, reason in calendar.skipped_days(received_at, n, calendar=working)
            ],
        }
