"""Due dates of dossiers, in the unit of their procedure version's time limit.

- working days (nearly every procedure): `congso.core.calendar.add_working_days` — a
  dossier received after 15:00 or on a day off counts from the next working day; the due
  date is the end (17:00) of the n-th working day (Decree 61/2018, LEGAL.md §4 point 2);
- calendar days: the end of the n-th day after the day of receipt; when that day is not a
  working day, the next working day (Civil Code 2015 Art. 148: a time limit ending on a
  day off ends on the next working day);
- hours: n hours after receipt.

A request for more documents pauses the clock (Decree 61/2018: the time the applicant
takes to supplement is not counted). When the documents come, the due date moves later
by the pause: by the working days from the day after the pause up to and including the
day of resumption (a pause and resumption on the same day moves nothing); for calendar
days by the calendar days between the two dates; for hours by the time paused.
"""

from __future__ import annotations

import datetime

from congso.core import calendar
from congso.core.calendar import VN_TZ, WorkingCalendar
from congso.procedures.choices import TimeLimitUnit

from .choices import OutcomeTiming


def _local(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(VN_TZ)


def _day_end(cal: WorkingCalendar, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, cal.day_end, tzinfo=VN_TZ)


def due_at_for(
    received_at: datetime.datetime,
    limit: int,
    unit: str,
    *,
    cal: WorkingCalendar | None = None,
) -> datetime.datetime:
    """The due datetime of a time limit of `limit` `unit`s for a dossier received at
    `received_at` (aware). Raises ValueError for a limit below 1 or a naive datetime."""
    if limit < 1:
        raise ValueError("A time limit is at least 1.")
    cal = cal or WorkingCalendar.load()
    if unit == TimeLimitUnit.HOURS:
        return received_at + datetime.timedelta(hours=limit)
    if unit == TimeLimitUnit.DAYS:
        day = _local(received_at).date() + datetime.timedelta(days=limit)
        if not cal.is_working_day(day):
            day = cal.next_working_day(day)
        return _day_end(cal, day)
    return calendar.add_working_days(received_at, limit, calendar=cal)


def paused_working_days(
    paused_at: datetime.datetime,
    resumed_at: datetime.datetime,
    *,
    cal: WorkingCalendar | None = None,
) -> int:
    """Working days the clock stood still: those after the day of the pause up to and
    including the day of resumption (0 for the same day)."""
    cal = cal or WorkingCalendar.load()
    first = _local(paused_at).date() + datetime.timedelta(days=1)
    last = _local(resumed_at).date()
    count = 0
    day = first
    while day <= last:
        if cal.is_working_day(day):
            count += 1
        day += datetime.timedelta(days=1)
    return count


def extend_by_working_days(
    due_at: datetime.datetime, days: int, *, cal: WorkingCalendar | None = None
) -> datetime.datetime:
    """The end of the `days`-th working day after the day of `due_at` (`due_at` itself
    when `days` is 0)."""
    if days <= 0:
        return due_at
    cal = cal or WorkingCalendar.load()
    day = _local(due_at).date()
    for _i in range(days):
        day = cal.next_working_day(day)
    return _day_end(cal, day)


def due_at_after_pause(
    due_at: datetime.datetime,
    paused_at: datetime.datetime,
    resumed_at: datetime.datetime,
    unit: str,
    *,
    cal: WorkingCalendar | None = None,
) -> tuple[datetime.datetime, int]:
    """(the new due date, the working days paused) once the clock resumes."""
    cal = cal or WorkingCalendar.load()
    working = paused_working_days(paused_at, resumed_at, cal=cal)
    if unit == TimeLimitUnit.HOURS:
        return due_at + (resumed_at - paused_at), working
    if unit == TimeLimitUnit.DAYS:
        days = (_local(resumed_at).date() - _local(paused_at).date()).days
        day = _local(due_at).date() + datetime.timedelta(days=days)
        if not cal.is_working_day(day):
            day = cal.next_working_day(day)
        return _day_end(cal, day), working
    return extend_by_working_days(due_at, working, cal=cal), working


def outcome_timing(finished_at: datetime.datetime, due_at: datetime.datetime | None) -> str:
    """Early (finished on a day before the due date), on time (on the due date, by the due
    time) or late (after the due datetime) — LEGAL.md §4 point 5. A dossier without a due
    date (never received) has no class: ""."""
    if due_at is None:
        return ""
    if finished_at > due_at:
        return OutcomeTiming.LATE
    if _local(finished_at).date() < _local(due_at).date():
        return OutcomeTiming.EARLY
    return OutcomeTiming.ON_TIME


def working_days_left(
    due_at: datetime.datetime, now: datetime.datetime, *, cal: WorkingCalendar | None = None
) -> int:
    """Working days left until `due_at`, today included while its working day is not over:
    4 means "còn 4 ngày làm việc"; 0 on the due date after it passed the due time… and a
    negative number counts the working days overdue (-2: "quá hạn 2 ngày làm việc")."""
    cal = cal or WorkingCalendar.load()
    today = _local(now).date()
    due_day = _local(due_at).date()
    if now <= due_at:
        start = today
        if not cal.is_working_day(today) or _local(now).time() >= cal.day_end:
            start = cal.next_working_day(today)
        count, day = 0, start
        while day <= due_day:
            if cal.is_working_day(day):
                count += 1
            day += datetime.timedelta(days=1)
        return count
    overdue, day = 0, due_day + datetime.timedelta(days=1)
    while day <= today:
        if cal.is_working_day(day):
            overdue += 1
        day += datetime.timedelta(days=1)
    return -max(overdue, 1)


def due_soon_threshold(
    now: datetime.datetime, *, days: int = 2, cal: WorkingCalendar | None = None
) -> datetime.datetime:
    """The end of the `days`-th working day counting today as the first (while its working
    day is not over): a dossier due by then is "due within 2 working days"."""
    cal = cal or WorkingCalendar.load()
    today = _local(now).date()
    day = today
    if not cal.is_working_day(today) or _local(now).time() >= cal.day_end:
        day = cal.next_working_day(today)
    for _i in range(days - 1):
        day = cal.next_working_day(day)
    return _day_end(cal, day)
