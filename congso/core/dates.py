"""Dates written the way Vietnamese readers (and our English readers) expect."""

import datetime

from django.utils import timezone

VI_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def short_date(value: datetime.date | datetime.datetime) -> str:
    """dd/mm/yyyy, in both languages."""
    return _as_date(value).strftime("%d/%m/%Y")


def long_date(value: datetime.date | datetime.datetime, language: str) -> str:
    """ "Thứ Hai, 07/06/2021" in Vietnamese; "Monday, 7 June 2021" in English."""
    day = _as_date(value)
    if language == "en":
        return f"{EN_WEEKDAYS[day.weekday()]}, {day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    return f"{VI_WEEKDAYS[day.weekday()]}, {day:%d/%m/%Y}"


def document_date_line(value: datetime.date, place: str) -> str:
    """The place-and-date line of an administrative document (Decree 30/2020/NĐ-CP):
    "Bình Dương, ngày 07 tháng 6 năm 2021" (day padded below 10, month padded below 3)."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"
