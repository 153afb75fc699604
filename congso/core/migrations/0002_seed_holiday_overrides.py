"""Seed the yearly swaps listed in LEGAL.md §6 (a weekday off paid back by a Saturday).

LEGAL.md names no instrument for them, so `instrument_text` stays empty and every row is
left unverified for staff to complete; the 2026 dates are themselves marked (verify).
Rows that staff already entered for these dates are left alone.
"""

import datetime

from django.db import migrations

SWAPS = [
    # (date, kind, reason_vi, reason_en)
    (
        datetime.date(2024, 4, 29),
        "day_off",
        "Hoán đổi ngày làm việc dịp lễ 30/4 – 1/5/2024: nghỉ thứ Hai 29/4/2024, "
        "làm bù thứ Bảy 04/5/2024",
        "Working-day swap for 30 April – 1 May 2024: Monday 29 April 2024 off, "
        "made up on Saturday 4 May 2024",
    ),
    (
        datetime.date(2024, 5, 4),
        "working_day",
        "Làm bù cho ngày nghỉ thứ Hai 29/4/2024",
        "Make-up working day for Monday 29 April 2024",
    ),
    (
        datetime.date(2025, 5, 2),
        "day_off",
        "Hoán đổi ngày làm việc dịp lễ 30/4 – 1/5/2025: nghỉ thứ Sáu 02/5/2025, "
        "làm bù thứ Bảy 26/4/2025",
        "Working-day swap for 30 April – 1 May 2025: Friday 2 May 2025 off, "
        "made up on Saturday 26 April 2025",
    ),
    (
        datetime.date(2025, 4, 26),
        "working_day",
        "Làm bù cho ngày nghỉ thứ Sáu 02/5/2025",
        "Make-up working day for Friday 2 May 2025",
    ),
    (
        datetime.date(2026, 1, 2),
        "day_off",
        "Hoán đổi ngày làm việc dịp Tết Dương lịch 2026: nghỉ thứ Sáu 02/01/2026, "
        "làm bù thứ Bảy 10/01/2026",
        "Working-day swap for New Year 2026: Friday 2 January 2026 off, "
        "made up on Saturday 10 January 2026",
    ),
    (
        datetime.date(2026, 1, 10),
        "working_day",
        "Làm bù cho ngày nghỉ thứ Sáu 02/01/2026",
        "Make-up working day for Friday 2 January 2026",
    ),
]


def seed(apps, schema_editor):
    HolidayOverride = apps.get_model("core", "HolidayOverride")
    for day, kind, reason_vi, reason_en in SWAPS:
        HolidayOverride.objects.get_or_create(
            date=day,
            defaults={
                "kind": kind,
                "reason_vi": reason_vi,
                "reason_en": reason_en,
                "instrument_text": "",
                "verified": False,
            },
        )


def unseed(apps, schema_editor):
    HolidayOverride = apps.get_model("core", "HolidayOverride")
    for day, kind, _reason_vi, _reason_en in SWAPS:
        HolidayOverride.objects.filter(date=day, kind=kind).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
