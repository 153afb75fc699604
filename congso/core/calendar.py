"""Working days and time limits counted in them (LEGAL.md §4 point 2 and §6).

Which days are working days, in this order (the first rule that speaks decides):

1. a `HolidayOverride` row for the date: `day_off` → not a working day, `working_day` →
   a working day. Staff rows have the last word, so they can also correct the package;
2. a Vietnamese public holiday from the `holidays` package (country VN: Labour Code 2019
   Art. 112 holidays, lunar dates and observed days, and the yearly swaps it knows);
3. a make-up working Saturday the package knows of (its `weekend_workdays`);
4. otherwise Monday–Friday are working days, Saturday and Sunday are not.

Counting a time limit of n working days from a received datetime (Asia/Ho_Chi_Minh):

- received on a working day at or before the cut-off (`CONGSO_WORKING_DAY_CUTOFF`,
  15:00): day 1 is the day of receipt;
- received after the cut-off (15:00:00 exactly is not after) or on a non-working day:
  day 1 is the next working day;
- the due datetime is the end (`CONGSO_WORKING_DAY_END`, 17:00) of the n-th working day.

Example: received Thu 08/01/2026 16:00, 2 working days → day 1 is Fri 09/01, day 2 is the
make-up Saturday 10/01, due Sat 10/01/2026 17:00.

The package's holidays are computed once per year and kept (`functools.lru_cache`); the
override table is read in one query per call of a public function, so an override saved by
staff counts from the next call in every process. Callers that count many time limits at
once build one `WorkingCalendar.load()` and pass it as `calendar=`.
"""

import datetime
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils.translation import gettext

from .choices import HolidayOverrideKind
from .i18n import current_language

# Vietnam's legal calendar, whatever the server's own time zone.
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_CUTOFF = datetime.time(15, 0)
DEFAULT_DAY_END = datetime.time(17, 0)
# The `holidays` package's language codes for ours.
_PACKAGE_LANGUAGES = {"vi": "vi", "en": "en_US"}


@functools.lru_cache(maxsize=128)
def _package_holidays(year: int, language: str) -> Mapping[datetime.date, str]:
    """The package's VN public holidays falling in `year` (observed days and known swaps
    included), named in `language`."""
    # Neighbouring years too, so that a day observed or swapped across New Year is kept.
    found = holidays.country_holidays("VN", years=range(year - 1, year + 2), language=language)
    return MappingProxyType({day: name for day, name in found.items() if day.year == year})


@functools.lru_cache(maxsize=128)
def _package_workdays(year: int) -> frozenset[datetime.date]:
    """Saturdays or Sundays the package knows were worked to pay back a swapped day off."""
    found = holidays.country_holidays("VN", years=range(year - 1, year + 2))
    return frozenset(day for day in found.weekend_workdays if day.year == year)


@dataclass(frozen=True)
class Override:
    kind: str
    reason_vi: str
    reason_en: str

    @property
    def reason(self) -> str:
        if current_language() == "en" and self.reason_en:
            return self.reason_en
        return self.reason_vi


def _local_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return _local(value).date()
    return value


def _local(value: datetime.datetime) -> datetime.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("A naive datetime is ambiguous here: give it a time zone.")
    return value.astimezone(VN_TZ)


def _days(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


@dataclass(frozen=True)
class WorkingCalendar:
    """A snapshot of the override table and the two times of day; its methods are pure."""

    overrides: Mapping[datetime.date, Override]
    cutoff: datetime.time = DEFAULT_CUTOFF
    day_end: datetime.time = DEFAULT_DAY_END

    @classmethod
    def load(cls) -> "WorkingCalendar":
        """The overrides as they are in the database now (one query) and the settings."""
        from .models import HolidayOverride

        rows = HolidayOverride.objects.values_list("date", "kind", "reason_vi", "reason_en")
        return cls(
            overrides=MappingProxyType({day: Override(kind, vi, en) for day, kind, vi, en in rows}),
            cutoff=getattr(settings, "CONGSO_WORKING_DAY_CUTOFF", DEFAULT_CUTOFF),
            day_end=getattr(settings, "CONGSO_WORKING_DAY_END", DEFAULT_DAY_END),
        )

    def non_working_reason(self, day: datetime.date) -> str | None:
        """Why `day` is not a working day (in the active language), or None if it is one."""
        override = self.overrides.get(day)
        if override is not None:
            return override.reason if override.kind == HolidayOverrideKind.DAY_OFF else None
        names = _package_holidays(day.year, _PACKAGE_LANGUAGES.get(current_language(), "vi"))
        if day in names:
            return names[day]
        if day in _package_workdays(day.year):
            return None
        if day.weekday() == 5:
            return gettext("Weekend (Saturday)")
        if day.weekday() == 6:
            return gettext("Weekend (Sunday)")
        return None

    def is_working_day(self, day: datetime.date) -> bool:
        override = self.overrides.get(day)
        if override is not None:
            return override.kind == HolidayOverrideKind.WORKING_DAY
        if day in _package_holidays(day.year, "vi"):
            return False
        if day in _package_workdays(day.year):
            return True
        return day.weekday() < 5

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day strictly after `day`."""
        day += datetime.timedelta(days=1)
        while not self.is_working_day(day):
            day += datetime.timedelta(days=1)
        return day

    def counting_from(self, received_at: datetime.datetime) -> datetime.date:
        """Day 1 of a time limit for a dossier received at `received_at` (aware)."""
        local = _local(received_at)
        # Decree 61/2018 (LEGAL.md §4 point 2, verify): received after 15:00 or on a
        # non-working day counts from the next working day.
        if self.is_working_day(local.date()) and local.time() <= self.cutoff:
            return local.date()
        return self.next_working_day(local.date())

    def add_working_days(self, received_at: datetime.datetime, n: int) -> datetime.datetime:
        if n < 1:
            raise ValueError(f"A time limit is at least 1 working day, not {n}.")
        day = self.counting_from(received_at)
        for _count in range(n - 1):
            day = self.next_working_day(day)
        return datetime.datetime.combine(day, self.day_end, tzinfo=VN_TZ)

    def working_days_between(self, start: datetime.datetime, end: datetime.datetime) -> int:
        if _local(end) < _local(start):
            return 0
        first = self.counting_from(start)
        last = _local(end).date()
        return sum(1 for day in _days(first, last) if self.is_working_day(day))

    def skipped_days(
        self, received_at: datetime.datetime, n: int
    ) -> list[tuple[datetime.date, str]]:
        due = self.add_working_days(received_at, n).date()
        received = _local(received_at).date()
        return [
            (day, reason)
            for day in _days(received, due)
            if (reason := self.non_working_reason(day)) is not None
        ]


def _calendar(calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else WorkingCalendar.load()


def is_working_day(
    day: datetime.date | datetime.datetime, *, calendar: WorkingCalendar | None = None
) -> bool:
    """Whether civil servants work on `day` (an aware datetime is taken at its date in
    Vietnam). Raises ValueError for a naive datetime."""
    return _calendar(calendar).is_working_day(_local_date(day))


def counting_from(
    received_at: datetime.datetime, *, calendar: WorkingCalendar | None = None
) -> datetime.date:
    """Day 1 of a time limit: the day of receipt when it is a working day and the dossier
    came in at or before the cut-off, else the next working day. Raises ValueError for a
    naive datetime."""
    return _calendar(calendar).counting_from(received_at)


def add_working_days(
    received_at: datetime.datetime, n: int, *, calendar: WorkingCalendar | None = None
) -> datetime.datetime:
    """The due datetime of a time limit of `n` working days: the end of the n-th working
    day counted from `counting_from(received_at)`, aware, in Asia/Ho_Chi_Minh.

    Guarantees: the result falls on a working day, at `CONGSO_WORKING_DAY_END`; it never
    decreases when `n` or `received_at` grows; `working_days_between(received_at, result)`
    is `n`. Raises ValueError when `n` < 1 or `received_at` is naive.
    """
    return _calendar(calendar).add_working_days(received_at, n)


def working_days_between(
    start: datetime.datetime, end: datetime.datetime, *, calendar: WorkingCalendar | None = None
) -> int:
    """The number of working days from `counting_from(start)` up to and including the date
    of `end` (in Vietnam) — the working day of the time limit that `end` falls in.

    0 when `end` is before `start` or before the first counted day. The inverse of
    `add_working_days`: `working_days_between(r, add_working_days(r, n)) == n` for n ≥ 1.
    Raises ValueError for a naive datetime.
    """
    return _calendar(calendar).working_days_between(start, end)


def skipped_days(
    received_at: datetime.datetime, n: int, *, calendar: WorkingCalendar | None = None
) -> list[tuple[datetime.date, str]]:
    """Every non-working day from the date of receipt up to the due date of
    `add_working_days(received_at, n)`, in date order, each with its reason in the active
    language: the override's reason, else the holiday's name, else "Weekend (…)".

    These are exactly the days that pushed the due date later; the list includes the day
    of receipt when it is itself a non-working day. Raises as `add_working_days`.
    """
    return _calendar(calendar).skipped_days(received_at, n)
