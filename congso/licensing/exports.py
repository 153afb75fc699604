"""Export of registry search results to CSV and XLSX (issue 5 §3): the public fields for
everyone; all fields for staff with `licensing.view_licence`."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext

MAX_ROWS = 10_000
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def columns(*, staff: bool) -> list[tuple[str, object]]:
    """(heading, value of a licence) of each column, in the active language."""
    public = [
        (gettext("Licence number"), lambda lic: lic.number),
        (gettext("Year"), lambda lic: lic.year),
        (gettext("Licence type"), lambda lic: lic.licence_type.name),
        (gettext("Holder"), lambda lic: lic.holder_name),
        (gettext("Tax code or establishment number"), lambda lic: lic.holder_tax_code),
        (gettext("Issued on"), lambda lic: _date(lic.issued_on)),
        (gettext("Valid from"), lambda lic: _date(lic.valid_from)),
        (gettext("Valid to"), lambda lic: _date(lic.valid_to)),
        (gettext("Status"), lambda lic: str(lic.get_status_display())),
    ]
    if not staff:
        return public
    staff_only = [
        (gettext("Holder's address"), lambda lic: lic.holder_address),
        (gettext("Holder's email"), lambda lic: lic.holder_email),
        (gettext("Content"), lambda lic: "; ".join(f"{k}: {v}" for k, v in lic.field_rows())),
        (gettext("Signer"), lambda lic: f"{lic.signer_position} {lic.signer_name}".strip()),
        (gettext("Issuing agency"), lambda lic: lic.issuer_name),
        (gettext("Dossier"), lambda lic: lic.dossier.code if lic.dossier_id else ""),
        (gettext("Replaces"), lambda lic: lic.supersedes.number if lic.supersedes_id else ""),
        (gettext("Issued before the system"), lambda lic: "x" if lic.pre_system else ""),
        (gettext("SHA-256 of the issued file"), lambda lic: lic.sha256),
    ]
    return [*public, *staff_only]


def _rows(licences, cols):
    for licence in licences[:MAX_ROWS]:
        yield [fn(licence) for _heading, fn in cols]


def _prepare(licences, staff: bool):
    if staff:
        licences = licences.select_related("dossier", "supersedes")
    return licences


def export_csv(licences, *, staff: bool) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Vietnamese."""
    cols = columns(staff=staff)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([heading for heading, _fn in cols])
    writer.writerows(_rows(_prepare(licences, staff), cols))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(licences, *, staff: bool) -> bytes:
    from openpyxl import Workbook

    cols = columns(staff=staff)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Licences")[:31])
    sheet.append([heading for heading, _fn in cols])
    for row in _rows(_prepare(licences, staff), cols):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(fmt: str) -> str:
    return f"giay-phep.{fmt}"
