"""A malformed procedure data file is refused with a message naming the file, the place in
it and the problem, and nothing is written."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from congso.organization.models import ActivityField, LegalInstrument
from congso.procedures.demo import (
    DEFAULT_DATA_FILE,
    ProcedureDataError,
    procedures_data_read,
    procedures_demo_ensure,
)
from congso.procedures.models import Procedure, ProcedureIndexPage, ProcedureVersion

pytestmark = pytest.mark.django_db

GOOD = DEFAULT_DATA_FILE.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "procedures.toml"
    path.write_text(text, encoding="utf-8")
    return path


def nothing_written() -> bool:
    return not (
        Procedure.objects.exists()
        or ProcedureVersion.objects.exists()
        or LegalInstrument.objects.filter(key="luat-103-2016-qh13").exists()
        or ActivityField.objects.filter(code="electronic_information").exists()
        or ProcedureIndexPage.objects.exists()
    )


def test_the_shipped_file_is_valid():
    data = procedures_data_read(DEFAULT_DATA_FILE)
    assert len(data.procedures) == 19


def test_not_toml_is_refused_with_the_line(demo, tmp_path):
    path = write(tmp_path, GOOD.replace('code = "1.009374"', 'code "1.009374"', 1))

    with pytest.raises(ProcedureDataError) as raised:
        procedures_demo_ensure(path=path)

    assert str(raised.value).startswith(f"{path}: not valid TOML")
    assert "line" in str(raised.value)
    assert nothing_written()


def test_a_missing_name_is_refused_naming_the_procedure(demo, tmp_path):
    path = write(
        tmp_path,
        GOOD.replace('name_vi = "Cấp giấy phép xuất bản bản tin"\n', "", 1),
    )

    with pytest.raises(ProcedureDataError) as raised:
        procedures_demo_ensure(path=path)

    assert f"{path}: procedures[0].name_vi: Field required" in str(raised.value)
    assert nothing_written()


def test_a_wrong_unit_of_time_is_refused(demo, tmp_path):
    path = write(tmp_path, GOOD.replace('time_limit_unit = "days"', 'time_limit_unit = "weeks"'))

    with pytest.raises(ProcedureDataError) as raised:
        procedures_demo_ensure(path=path)

    assert "procedures[7].time_limit_unit: Input should be" in str(raised.value)
    assert nothing_written()


def test_an_unknown_instrument_is_refused(demo, tmp_path):
    path = write(
        tmp_path,
        GOOD.replace('instrument = "tt-214-2016-btc"', 'instrument = "tt-999-2016-btc"', 1),
    )

    with pytest.raises(ProcedureDataError) as raised:
        procedures_demo_ensure(path=path)

    assert "procedures[6].fees[0].instrument: unknown instrument 'tt-999-2016-btc'" in str(
        raised.value
    )
    assert nothing_written()


def test_a_verify_item_cannot_be_marked_verified(demo, tmp_path):
    # Amend newsletter licence: "7 WD (verify)" stays unverified.
    unverified = 'verified = false\nverification_note = "LEGAL.md §5: thời hạn 7'
    assert unverified in GOOD
    path = write(tmp_path, GOOD.replace(unverified, unverified.replace("false", "true"), 1))

    with pytest.raises(ProcedureDataError) as raised:
        procedures_demo_ensure(path=path)

    assert "procedures[1].verified: must be false" in str(raised.value)
    assert nothing_written()


def test_a_row_the_database_refuses_rolls_everything_back(demo, tmp_path):
    # Passes the schema, but the organisation has no such unit: found only while writing,
    # after the instruments and the first procedures were saved.
    path = write(tmp_path, GOOD.replace('unit = "postal-telecom"', 'unit = "post-office"', 1))

    with pytest.raises(ProcedureDataError) as raised:
        procedures_demo_ensure(path=path)

    assert str(raised.value) == f"{path}: procedures[11].unit: unknown unit 'post-office'"
    assert nothing_written()


def test_an_unknown_agency_is_refused(demo, tmp_path):
    path = write(tmp_path, GOOD.replace('agency = "STTTT-BD"', 'agency = "STTTT-XX"', 1))

    with pytest.raises(ProcedureDataError) as raised:
        procedures_demo_ensure(path=path)

    assert "agency: unknown agency 'STTTT-XX'" in str(raised.value)
    assert nothing_written()


def test_load_demo_loads_the_catalogue_and_a_second_run_creates_nothing(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "procedures: created 19 administrative procedure" in out.getvalue()
    assert ProcedureVersion.objects.count() == 19

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "procedures: created nothing" in out.getvalue()


def test_load_demo_stops_on_a_bad_procedure_file(db, tmp_path, monkeypatch):
    bad = write(tmp_path, GOOD.replace('agency = "STTTT-BD"', 'agency = "STTTT-XX"', 1))
    monkeypatch.setattr("congso.procedures.demo.DEFAULT_DATA_FILE", bad)

    with pytest.raises(CommandError) as raised:
        call_command("load_demo", stdout=StringIO())

    assert str(bad) in str(raised.value)
    # One transaction for the whole command: the organisation is not half-loaded either.
    from congso.organization.models import Agency

    assert not Agency.objects.exists()
    assert nothing_written()
