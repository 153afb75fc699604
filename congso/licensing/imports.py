"""Spreadsheet import of licences issued before the system (.xlsx or .csv).

The first row names the columns, by these keys (any order; case and spaces ignored):

    type*            a licence type code (newsletter, printing, postal, …)
    number*          the number as printed (12/GP-STTTT)
    issued_on*       dd/mm/yyyy, yyyy-mm-dd, or a date cell
    holder_name*     the organisation (or the person)
    holder_is_individual   "cá nhân", "x", "có", "yes" or "1" for a person (their address
                     is then shown publicly down to the district); empty for an organisation
    holder_tax_code, holder_address, holder_email, signer_name, signer_position,
    valid_from, valid_to (dates; valid_to empty = the type's rule), and the keys of the
    types' own fields (newsletter_name, pages, domain, …).

Checks. The file must be a spreadsheet by its *content* (an XLSX workbook, or UTF-8 text
for CSV), at most MAX_SIZE; a column that is not one of the keys refuses the whole file,
naming it. Every row is then validated (required values, dates, the type, an email,
the number not already recorded nor repeated in the file) and each problem is reported
with its row number (as the spreadsheet shows it, the header being row 1), the column
(letter and key) and what to fix. With `all_or_nothing`, one bad row imports nothing;
otherwise the good rows are imported and the bad ones listed.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext

from congso.core.errors import ApplicationError
from congso.core.text import fold

from .choices import LicenceAction
from .models import Licence, LicenceType

MAX_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000
REQUIRED = ("type", "number", "issued_on", "holder_name")
BASE_COLUMNS = (
    "type",
    "number",
    "issued_on",
    "holder_name",
    "holder_tax_code",
    "holder_address",
    "holder_email",
    "holder_is_individual",
    "signer_name",
    "signer_position",
    "valid_from",
    "valid_to",
)
DATE_COLUMNS = ("issued_on", "valid_from", "valid_to")
# holder_is_individual: what a person's row may say (folded: case and accents ignored).
INDIVIDUAL_YES = {"x", "1", "co", "yes", "true", "ca nhan", "individual"}
INDIVIDUAL_NO = {"", "0", "khong", "no", "false", "to chuc", "organisation", "organization"}


@dataclass
class RowError:
    row: int
    column: str  # "C (issued_on)", or "" for the whole row
    message: str

    def __str__(self) -> str:
        if self.column:
            return gettext("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return gettext("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class ImportReport:
    imported: list[Licence] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    all_or_nothing: bool = False

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _read_rows(upload) -> list[list]:
    """The rows of the uploaded file, as lists of cell values. Raises ApplicationError
    when the content is not an XLSX workbook or UTF-8 CSV text."""
    data = upload.read(MAX_SIZE + 1)
    if len(data) > MAX_SIZE:
        raise ApplicationError(
            gettext("The file is larger than 5 MB: split it into smaller files.")
        )
    if not data:
        raise ApplicationError(gettext("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                is_workbook = "xl/workbook.xml" in archive.namelist()
        except zipfile.BadZipFile:
            is_workbook = False
        if not is_workbook:
            raise ApplicationError(_not_a_spreadsheet())
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
            raise ApplicationError(_not_a_spreadsheet()) from exc
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if b"\x00" in data:
        raise ApplicationError(_not_a_spreadsheet())
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApplicationError(_not_a_spreadsheet()) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _not_a_spreadsheet() -> str:
    return gettext(
        "This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file "
        "saved as UTF-8."
    )


def _parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def licences_import(*, upload, actor, all_or_nothing: bool = False) -> ImportReport:
    """Validate every row of `upload` and import the good ones (none if `all_or_nothing`
    and any row is bad). Raises ApplicationError when the file is refused as a whole (not
    a spreadsheet, no header, unknown columns, too many rows), PermissionDenied without
    `licensing.import_licences`."""
    from .services import _require, default_issuer, licence_register

    _require(actor, "licensing.import_licences")
    rows = _read_rows(upload)
    while rows and not any(_cell(c) for c in rows[-1]):
        rows.pop()
    if not rows or not any(_cell(c) for c in rows[0]):
        raise ApplicationError(gettext("Row 1 must name the columns; it is empty."))
    if len(rows) - 1 > MAX_ROWS:
        raise ApplicationError(
            gettext("The file has more than %(max)s rows: split it.") % {"max": MAX_ROWS}
        )
    types = {t.code: t for t in LicenceType.objects.all()}
    known = set(BASE_COLUMNS) | {key for t in types.values() for key in t.field_keys()}
    header = [_cell(c).lower().replace(" ", "_") for c in rows[0]]
    for index, key in enumerate(header):
        if key and key not in known:
            raise ApplicationError(
                gettext(
                    "Row 1, column %(column)s: “%(name)s” is not a column this import knows. "
                    "Use: %(known)s."
                )
                % {
                    "column": _letter(index),
                    "name": rows[0][index],
                    "known": ", ".join(BASE_COLUMNS) + gettext(", and the licence types' fields"),
                }
            )
    missing = [key for key in REQUIRED if key not in header]
    if missing:
        raise ApplicationError(
            gettext("Row 1: the column(s) %(names)s are missing.") % {"names": ", ".join(missing)}
        )
    columns = {key: index for index, key in enumerate(header) if key}

    def column_name(key: str) -> str:
        return f"{_letter(columns[key])} ({key})"

    report = ImportReport(all_or_nothing=all_or_nothing)
    parsed = []
    seen: dict[tuple[int, str], int] = {}
    for offset, raw in enumerate(rows[1:], start=2):
        if not any(_cell(c) for c in raw):
            continue
        report.rows += 1
        cells = {key: (raw[i] if i < len(raw) else None) for key, i in columns.items()}
        errors = []
        values = {key: _cell(value) for key, value in cells.items()}
        for key in REQUIRED:
            if not values.get(key):
                errors.append(
                    RowError(offset, column_name(key), gettext("This value is required."))
                )
        licence_type = types.get(values.get("type", ""))
        if values.get("type") and licence_type is None:
            errors.append(
                RowError(
                    offset,
                    column_name("type"),
                    gettext("“%(code)s” is not a licence type. Use one of: %(codes)s.")
                    % {"code": values["type"], "codes": ", ".join(types)},
                )
            )
        dates = {}
        for key in DATE_COLUMNS:
            if key in cells and values.get(key):
                try:
                    dates[key] = _parse_date(cells[key])
                except ValueError:
                    errors.append(
                        RowError(
                            offset,
                            column_name(key),
                            gettext("“%(value)s” is not a date: write it as dd/mm/yyyy.")
                            % {"value": values[key]},
                        )
                    )
        individual = fold(values.get("holder_is_individual", ""))
        if individual not in INDIVIDUAL_YES | INDIVIDUAL_NO:
            errors.append(
                RowError(
                    offset,
                    column_name("holder_is_individual"),
                    gettext(
                        "Write “cá nhân” (or x) for a person, or leave it empty for an "
                        "organisation."
                    ),
                )
            )
        values["holder_is_individual"] = individual in INDIVIDUAL_YES
        if values.get("holder_email"):
            try:
                validate_email(values["holder_email"])
            except ValidationError:
                errors.append(
                    RowError(offset, column_name("holder_email"), gettext("Enter a valid email."))
                )
        if licence_type is not None:
            for key in list(values):
                if key not in BASE_COLUMNS and values[key] and key not in licence_type.field_keys():
                    errors.append(
                        RowError(
                            offset,
                            column_name(key),
                            gettext("A %(type)s has no such field.")
                            % {"type": licence_type.name_vi},
                        )
                    )
        issued_on = dates.get("issued_on")
        if issued_on and values.get("number"):
            key = (issued_on.year, values["number"])
            if key in seen:
                errors.append(
                    RowError(
                        offset,
                        column_name("number"),
                        gettext("The same number and year are already on row %(row)s.")
                        % {"row": seen[key]},
                    )
                )
            else:
                seen[key] = offset
            if Licence.objects.filter(year=key[0], number=key[1]).exists():
                errors.append(
                    RowError(
                        offset,
                        column_name("number"),
                        gettext("Licence %(number)s of %(year)s is already recorded.")
                        % {"number": key[1], "year": key[0]},
                    )
                )
        if errors:
            report.errors.extend(errors)
            continue
        parsed.append((offset, licence_type, values, dates))

    if all_or_nothing and report.errors:
        return report
    issuer = default_issuer()
    with transaction.atomic():
        for offset, licence_type, values, dates in parsed:
            try:
                with transaction.atomic():
                    licence = licence_register(
                        actor=actor,
                        licence_type=licence_type,
                        number=values["number"],
                        issued_on=dates["issued_on"],
                        holder_name=values["holder_name"],
                        holder_tax_code=values.get("holder_tax_code", ""),
                        holder_address=values.get("holder_address", ""),
                        holder_email=values.get("holder_email", ""),
                        holder_is_individual=values["holder_is_individual"],
                        signer_name=values.get("signer_name", ""),
                        signer_position=values.get("signer_position", ""),
                        values={k: v for k, v in values.items() if k not in BASE_COLUMNS},
                        valid_from=dates.get("valid_from"),
                        valid_to=dates.get("valid_to"),
                        issuer=issuer,
                        action=LicenceAction.IMPORTED,
                        permission="licensing.import_licences",
                    )
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    column = column_name(name) if name in columns else ""
                    for message in messages:
                        report.errors.append(RowError(offset, column, message))
                continue
            report.imported.append(licence)
        if all_or_nothing and report.errors:
            transaction.set_rollback(True)
            report.imported = []
    return report
