"""Spreadsheet import of licences issued before the system (issue 5 §1, §5, §6)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from congso.core.errors import ApplicationError
from congso.licensing.choices import LicenceAction, LicenceStatus
from congso.licensing.imports import licences_import
from congso.licensing.models import Licence

pytestmark = pytest.mark.django_db

HEADER = [
    "type",
    "number",
    "issued_on",
    "holder_name",
    "holder_tax_code",
    "valid_to",
    "newsletter_name",
]
GOOD = [
    ["newsletter", "1/GP-STTTT", "15/01/2020", "Công ty A", "3700000011", "", "Bản tin A"],
    ["postal", "4/GPBC-STTTT", datetime.date(2019, 5, 6), "Công ty Bưu chính B", "", "", ""],
]


def xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("giay-phep.xlsx", buffer.getvalue())


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("giay-phep.csv", text.encode("utf-8"))


def test_a_good_spreadsheet_is_imported(catalogue, staff):
    report = licences_import(upload=xlsx([HEADER, *GOOD]), actor=staff["licensing"])
    assert report.errors == []
    assert report.rows == 2
    newsletter = Licence.objects.get(number="1/GP-STTTT")
    assert newsletter.year == 2020
    assert newsletter.values == {"newsletter_name": "Bản tin A"}
    assert newsletter.pre_system
    assert newsletter.events.get().action == LicenceAction.IMPORTED
    postal = Licence.objects.get(number="4/GPBC-STTTT")
    # The postal licence's 10 years run from its issue date; still valid today.
    assert postal.valid_to == datetime.date(2029, 5, 5)
    assert postal.status == LicenceStatus.VALID


BAD_ROWS = [
    ["newsletter", "2/GP-STTTT", "31/02/2020", "Công ty C", "", "", ""],  # row 4: bad date
    ["magazine", "3/GP-STTTT", "01/03/2020", "Công ty D", "", "", ""],  # row 5: unknown type
    ["newsletter", "", "01/03/2020", "", "", "", ""],  # row 6: number and holder missing
]


def test_bad_rows_are_reported_by_row_and_column_and_the_good_ones_imported(catalogue, staff):
    report = licences_import(upload=xlsx([HEADER, *GOOD, *BAD_ROWS]), actor=staff["licensing"])
    messages = [str(error) for error in report.errors]
    assert report.rejected_rows == [4, 5, 6]
    assert any(m.startswith("Dòng 4, cột C (issued_on):") and "31/02/2020" in m for m in messages)
    assert any(m.startswith("Dòng 5, cột A (type):") and "magazine" in m for m in messages)
    assert any(m.startswith("Dòng 6, cột B (number):") for m in messages)
    assert any(m.startswith("Dòng 6, cột D (holder_name):") for m in messages)
    assert sorted(Licence.objects.values_list("number", flat=True)) == [
        "1/GP-STTTT",
        "4/GPBC-STTTT",
    ]


def test_all_or_nothing_imports_nothing_when_a_row_is_bad(catalogue, staff):
    report = licences_import(
        upload=xlsx([HEADER, *GOOD, BAD_ROWS[0]]), actor=staff["licensing"], all_or_nothing=True
    )
    assert report.rejected_rows == [4]
    assert report.imported == []
    assert Licence.objects.count() == 0


def test_a_number_already_recorded_or_repeated_is_rejected(catalogue, staff):
    licences_import(upload=xlsx([HEADER, GOOD[0]]), actor=staff["licensing"])
    report = licences_import(
        upload=xlsx([HEADER, GOOD[0], GOOD[1], GOOD[1]]), actor=staff["licensing"]
    )
    messages = [str(error) for error in report.errors]
    assert report.rejected_rows == [2, 4]
    assert "đã có trong hệ thống" in messages[0]
    assert "dòng 3" in messages[1]
    assert Licence.objects.count() == 2


def test_a_csv_file_works_too(catalogue, staff):
    text = "type;number;issued_on;holder_name\nnewsletter;8/GP-STTTT;2021-02-03;Công ty E\n"
    report = licences_import(upload=csv_file(text), actor=staff["licensing"])
    assert report.errors == []
    assert Licence.objects.get().issued_on == datetime.date(2021, 2, 3)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.xlsx", b"MZ\x90\x00" + b"\x00" * 64), "không phải là bảng tính"),
        (SimpleUploadedFile("x.csv", b"%PDF-1.4\n\x00\x01binary"), "không phải là bảng tính"),
        (SimpleUploadedFile("x.csv", "Tên\n".encode("utf-16")), "không phải là bảng tính"),
        (
            SimpleUploadedFile("x.csv", b"type,number,issued_on,holder_name,colour\n"),
            "Dòng 1, cột E: “colour” không phải là cột được hỗ trợ",
        ),
        (SimpleUploadedFile("x.csv", b"type,number\n"), "thiếu cột issued_on, holder_name"),
    ],
    ids=["program", "pdf", "utf16", "unknown-column", "missing-columns"],
)
def test_a_file_that_is_not_a_usable_spreadsheet_is_refused_whole(
    catalogue, staff, upload, message
):
    with pytest.raises(ApplicationError) as refused:
        licences_import(upload=upload, actor=staff["licensing"])
    assert message in str(refused.value)
    assert Licence.objects.count() == 0


@pytest.mark.parametrize("role", ["clerk", "officer", "outsider"])
def test_only_licensing_officers_import(catalogue, staff, role):
    with pytest.raises(PermissionDenied):
        licences_import(upload=xlsx([HEADER, GOOD[0]]), actor=staff[role])


def test_a_row_says_whether_the_holder_is_a_person(catalogue, staff):
    header = ["type", "number", "issued_on", "holder_name", "holder_is_individual"]
    rows = [
        ["newsletter", "1/GP-STTTT", "15/01/2020", "Nguyễn Văn An", "Cá nhân"],
        ["newsletter", "2/GP-STTTT", "15/01/2020", "Công ty B", ""],
        ["newsletter", "3/GP-STTTT", "15/01/2020", "Lê C", "có lẽ"],
    ]
    report = licences_import(upload=xlsx([header, *rows]), actor=staff["licensing"])

    messages = [str(error) for error in report.errors]
    assert report.rejected_rows == [4]
    assert messages[0].startswith("Dòng 4, cột E (holder_is_individual):")
    assert "cá nhân" in messages[0]
    kinds = dict(Licence.objects.values_list("number", "holder_is_individual"))
    assert kinds == {"1/GP-STTTT": True, "2/GP-STTTT": False}
