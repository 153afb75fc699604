"""The working-day calendar: properties over 2024–2027 and hand-worked cases.

Holidays the `holidays` package (0.109) gives, with the overrides seeded by migration 0002:

- 2026: Thu 01/01; Fri 02/01 (override, verify) with Sat 10/01 worked; Tết Mon 16/02 –
  Fri 20/02 (Giao thừa 16/02, Tết 17/02, mùng 2–4); Hùng Kings Sun 26/04 observed Mon 27/04;
  Thu 30/04, Fri 01/05; Mon 31/08 (the package's swap, Sat 22/08 worked) with Tue 01/09 and
  Wed 02/09; Tue 24/11 (Vietnam Culture Day, from 2026).
- 2027: Fri 01/01; Tết Thu 04/02 – Wed 10/02 (29 Tết to mùng 5; Tết 06/02 falls on a
  Saturday); Hùng Kings Fri 16/04; Fri 30/04; Sat 01/05 observed Mon 03/05; Thu 02/09 and
  Fri 03/09; Wed 24/11.
"""

import datetime
import json

import pytest
from django.test import override_settings
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from congso.core.calendar import (
    VN_TZ,
    add_working_days,
    counting_from,
    is_working_day,
    skipped_days,
    working_days_between,
)
from congso.core.choices import HolidayOverrideKind
from congso.core.models import HolidayOverride

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)
CUTOFF = datetime.time(15, 0)
DAY_END = datetime.time(17, 0)


def vn(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VN_TZ)


def d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


received_ats = st.datetimes(
    min_value=datetime.datetime(2024, 1, 1),
    max_value=datetime.datetime(2027, 12, 31, 23, 59, 59),
    timezones=st.just(VN_TZ),
)
limits = st.integers(min_value=1, max_value=60)


def brute_force(received_at: datetime.datetime, n: int):
    """An independent walk, one day at a time, with nothing but `is_working_day`:
    returns (due date, non-working days met from the day of receipt to the due date)."""
    local = received_at.astimezone(VN_TZ)
    day = local.date()
    counted = 0
    skipped = []
    # LEGAL.md §4 point 2: the day of receipt counts only if it is a working day and the
    # dossier came in by the cut-off.
    if is_working_day(day) and local.time() <= CUTOFF:
        counted = 1
    elif not is_working_day(day):
        skipped.append(day)
    while counted < n:
        day += ONE_DAY
        if is_working_day(day):
            counted += 1
        else:
            skipped.append(day)
    return day, skipped


# --- Properties -------------------------------------------------------------------------


@settings(deadline=None, max_examples=200)
@given(received_at=received_ats, n=limits)
def test_due_date_is_the_end_of_a_working_day(received_at, n):
    due = add_working_days(received_at, n)
    assert due.tzinfo is not None
    local = due.astimezone(VN_TZ)
    assert local.time() == DAY_END
    assert is_working_day(local.date())
    assert due > received_at or local.date() == received_at.astimezone(VN_TZ).date()


@settings(deadline=None, max_examples=200)
@given(received_at=received_ats, n=limits)
def test_adding_and_counting_agree(received_at, n):
    due = add_working_days(received_at, n)
    assert working_days_between(received_at, due) == n
    # Any time on the due date (after receipt) is still in its n-th working day.
    morning = max(received_at, due.replace(hour=0, minute=0))
    assert working_days_between(received_at, morning) == n


@settings(deadline=None, max_examples=200)
@given(received_at=received_ats, n=st.integers(min_value=1, max_value=59))
def test_adding_is_strictly_increasing_in_n(received_at, n):
    assert add_working_days(received_at, n) < add_working_days(received_at, n + 1)


@settings(deadline=None, max_examples=200)
@given(first=received_ats, second=received_ats, n=limits)
def test_adding_is_monotonic_in_received_at(first, second, n):
    earlier, later = sorted([first, second])
    assert add_working_days(earlier, n) <= add_working_days(later, n)


@settings(deadline=None, max_examples=200)
@given(received_at=received_ats, n=limits)
def test_exactly_the_non_working_days_are_skipped(received_at, n):
    due_date, expected = brute_force(received_at, n)
    assert add_working_days(received_at, n) == datetime.datetime.combine(
        due_date, DAY_END, tzinfo=VN_TZ
    )
    skipped = skipped_days(received_at, n)
    assert [day for day, _reason in skipped] == expected
    assert all(reason for _day, reason in skipped)


# --- Fixed cases, worked by hand ----------------------------------------------------------


def test_tet_2026():
    # Fri 13/02 10:00 is day 1; Sat 14 – Sun 22/02 are off (weekend, Tết 16–20/02,
    # weekend); day 2 is Mon 23/02, day 3 Tue 24/02.
    received = vn(2026, 2, 13, 10, 0)
    assert counting_from(received) == d(2026, 2, 13)
    assert add_working_days(received, 3) == vn(2026, 2, 24, 17, 0)
    skipped = skipped_days(received, 3)
    assert [day for day, _ in skipped] == [d(2026, 2, day) for day in range(14, 23)]
    assert dict(skipped)[d(2026, 2, 17)] == "Tết Nguyên Đán"
    assert dict(skipped)[d(2026, 2, 14)] == "Nghỉ cuối tuần (thứ Bảy)"


def test_tet_2026_in_english():
    with translation.override("en"):
        skipped = dict(skipped_days(vn(2026, 2, 13, 10, 0), 3))
    assert skipped[d(2026, 2, 17)] == "Lunar New Year"
    assert skipped[d(2026, 2, 16)] == "Lunar New Year's Eve"


def test_tet_2027():
    # Wed 03/02 16:00 is after the cut-off; Thu 04 – Wed 10/02 is Tết (29 Tết to mùng 5,
    # Tết itself on Sat 06/02): day 1 is Thu 11/02, day 2 Fri 12/02.
    received = vn(2027, 2, 3, 16, 0)
    assert counting_from(received) == d(2027, 2, 11)
    assert add_working_days(received, 2) == vn(2027, 2, 12, 17, 0)
    assert [day for day, _ in skipped_days(received, 2)] == [
        d(2027, 2, day) for day in range(4, 11)
    ]


def test_seeded_swaps():
    seeded = dict(HolidayOverride.objects.values_list("date", "kind"))
    assert seeded == {
        d(2024, 4, 29): HolidayOverrideKind.DAY_OFF,
        d(2024, 5, 4): HolidayOverrideKind.WORKING_DAY,
        d(2025, 5, 2): HolidayOverrideKind.DAY_OFF,
        d(2025, 4, 26): HolidayOverrideKind.WORKING_DAY,
        d(2026, 1, 2): HolidayOverrideKind.DAY_OFF,
        d(2026, 1, 10): HolidayOverrideKind.WORKING_DAY,
    }
    assert not is_working_day(d(2024, 4, 29))
    assert is_working_day(d(2024, 5, 4))  # a Saturday
    assert not is_working_day(d(2025, 5, 2))
    assert is_working_day(d(2025, 4, 26))  # a Saturday


def test_new_year_2026_day_off():
    # Wed 31/12/2025 15:30 is after the cut-off; Thu 01/01 is New Year, Fri 02/01 the swapped
    # day off, then the weekend: day 1 is Mon 05/01.
    received = vn(2025, 12, 31, 15, 30)
    assert add_working_days(received, 1) == vn(2026, 1, 5, 17, 0)
    skipped = skipped_days(received, 1)
    assert [day for day, _ in skipped] == [d(2026, 1, day) for day in range(1, 5)]
    assert dict(skipped)[d(2026, 1, 2)].startswith("Hoán đổi ngày làm việc")


def test_make_up_saturday_2026():
    received = vn(2026, 1, 8, 16, 0)  # Thu, after the cut-off
    assert counting_from(received) == d(2026, 1, 9)
    assert add_working_days(received, 2) == vn(2026, 1, 10, 17, 0)  # Sat, worked
    assert skipped_days(received, 2) == []


def test_received_on_the_make_up_saturday_counts_that_day():
    assert add_working_days(vn(2026, 1, 10, 9, 0), 1) == vn(2026, 1, 10, 17, 0)


def test_cut_off():
    # Tue 10/03/2026.
    assert add_working_days(vn(2026, 3, 10, 14, 59), 1) == vn(2026, 3, 10, 17, 0)
    assert add_working_days(vn(2026, 3, 10, 15, 0), 1) == vn(2026, 3, 10, 17, 0)
    assert add_working_days(vn(2026, 3, 10, 15, 0, 1), 1) == vn(2026, 3, 11, 17, 0)
    assert add_working_days(vn(2026, 3, 10, 15, 1), 1) == vn(2026, 3, 11, 17, 0)


def test_cut_off_is_read_in_vietnam_time():
    # 08:01 UTC is 15:01 in Hanoi.
    utc = datetime.datetime(2026, 3, 10, 8, 1, tzinfo=datetime.UTC)
    assert add_working_days(utc, 1) == vn(2026, 3, 11, 17, 0)


@override_settings(CONGSO_WORKING_DAY_CUTOFF=datetime.time(16, 0))
def test_cut_off_is_a_setting():
    assert add_working_days(vn(2026, 3, 10, 15, 30), 1) == vn(2026, 3, 10, 17, 0)


def test_received_on_a_sunday():
    received = vn(2026, 3, 8, 9, 0)  # Sun
    assert counting_from(received) == d(2026, 3, 9)
    assert add_working_days(received, 1) == vn(2026, 3, 9, 17, 0)
    assert skipped_days(received, 1) == [(d(2026, 3, 8), "Nghỉ cuối tuần (Chủ nhật)")]


def test_culture_day_2026():
    received = vn(2026, 11, 23, 16, 0)  # Mon, after the cut-off; Tue 24/11 is off
    assert add_working_days(received, 1) == vn(2026, 11, 25, 17, 0)
    assert skipped_days(received, 1) == [(d(2026, 11, 24), "Ngày Văn hóa Việt Nam")]


def test_national_day_2026():
    # 2/9 is a Wednesday and its adjacent day Tue 1/9; the package also has Mon 31/08 off
    # (paid back on Sat 22/08), which LEGAL.md §6 does not list. Fri 28/08 is day 1, day 2
    # is Thu 03/09.
    received = vn(2026, 8, 28, 10, 0)
    assert add_working_days(received, 2) == vn(2026, 9, 3, 17, 0)
    assert [day for day, _ in skipped_days(received, 2)] == [
        d(2026, 8, 29),
        d(2026, 8, 30),
        d(2026, 8, 31),
        d(2026, 9, 1),
        d(2026, 9, 2),
    ]
    assert is_working_day(d(2026, 8, 22))  # the package's make-up Saturday


def test_hung_kings_2026_observed_on_monday():
    received = vn(2026, 4, 24, 16, 0)  # Fri after the cut-off; Sun 26/04 → Mon 27/04 off
    assert add_working_days(received, 1) == vn(2026, 4, 28, 17, 0)


def test_labour_day_2027_observed_on_monday():
    assert not is_working_day(d(2027, 5, 3))
    assert add_working_days(vn(2027, 4, 29, 10, 0), 2) == vn(2027, 5, 4, 17, 0)


def test_override_takes_effect_at_once():
    received = vn(2027, 3, 15, 10, 0)  # Mon
    assert add_working_days(received, 1) == vn(2027, 3, 15, 17, 0)

    override = HolidayOverride.objects.create(
        date=d(2027, 3, 15),
        kind=HolidayOverrideKind.DAY_OFF,
        reason_vi="Nghỉ thêm",
        reason_en="Extra day off",
    )
    assert add_working_days(received, 1) == vn(2027, 3, 16, 17, 0)
    assert skipped_days(received, 1) == [(d(2027, 3, 15), "Nghỉ thêm")]
    with translation.override("en"):
        assert skipped_days(received, 1) == [(d(2027, 3, 15), "Extra day off")]

    override.kind = HolidayOverrideKind.WORKING_DAY
    override.date = d(2027, 3, 13)  # Sat
    override.save()
    assert add_working_days(vn(2027, 3, 12, 16, 0), 1) == vn(2027, 3, 13, 17, 0)

    override.delete()
    assert add_working_days(vn(2027, 3, 12, 16, 0), 1) == vn(2027, 3, 15, 17, 0)


def test_override_can_cancel_a_package_holiday():
    HolidayOverride.objects.create(
        date=d(2026, 8, 31), kind=HolidayOverrideKind.WORKING_DAY, reason_vi="Đi làm"
    )
    assert is_working_day(d(2026, 8, 31))


def test_working_days_between_before_the_first_counted_day():
    received = vn(2026, 3, 13, 16, 0)  # Fri after the cut-off: day 1 is Mon 16/03
    assert working_days_between(received, vn(2026, 3, 14, 12, 0)) == 0
    assert working_days_between(received, vn(2026, 3, 13, 12, 0)) == 0
    assert working_days_between(received, vn(2026, 3, 16, 8, 0)) == 1
    assert working_days_between(received, vn(2026, 3, 20, 17, 0)) == 5


def test_refuses_a_zero_limit_and_naive_datetimes():
    with pytest.raises(ValueError, match="at least 1"):
        add_working_days(vn(2026, 3, 10, 9, 0), 0)
    with pytest.raises(ValueError, match="naive"):
        add_working_days(datetime.datetime(2026, 3, 10, 9, 0), 1)
    with pytest.raises(ValueError, match="naive"):
        is_working_day(datetime.datetime(2026, 3, 10, 9, 0))


def test_staff_see_the_overrides_in_the_admin(admin_client):
    response = admin_client.get("/admin/snippets/core/holidayoverride/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Hoán đổi ngày làm việc dịp Tết Dương lịch 2026" in content
    assert "/admin/snippets/core/holidayoverride/add/" in content
    # The sidebar menu is rendered from JSON, with non-ASCII characters escaped.
    assert json.dumps("Lịch ngày làm việc")[1:-1] in content


def test_staff_add_an_override_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/core/holidayoverride/add/",
        {
            "date": "2027-03-15",
            "kind": "day_off",
            "reason_vi": "Nghỉ thêm",
            "reason_en": "",
            "instrument_text": "",
            "verified": "on",
        },
    )

    assert response.status_code == 302
    assert not is_working_day(d(2027, 3, 15))
