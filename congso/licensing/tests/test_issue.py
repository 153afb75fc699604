"""Issuing a licence from an approved dossier (issue 5 §1, §6)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from congso.core.errors import ApplicationError, TransitionNotAllowed
from congso.dossiers.choices import Status
from congso.licensing.choices import LicenceAction, LicenceStatus
from congso.licensing.models import Licence

from .conftest import issue

pytestmark = pytest.mark.django_db


def test_issuing_from_an_approved_dossier_fills_the_licence_and_issues_the_result(
    approved_dossier, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        licence = issue(approved_dossier, staff, issued_on=datetime.date(2026, 11, 27))

    licence.refresh_from_db()
    approved_dossier.refresh_from_db()
    assert licence.number == "1/GP-STTTT"
    assert licence.year == 2026
    assert licence.licence_type.code == "newsletter"
    assert licence.holder_name == "Công ty TNHH Truyền thông Bình Minh"
    assert licence.holder_tax_code == "3700123456"
    assert licence.values["newsletter_name"] == "Bản tin Bình Minh"
    assert licence.values["copies_per_issue"] == "500"
    assert licence.values["language"] == "Tiếng Việt"
    assert licence.issuer_name == approved_dossier.issuer_name
    assert licence.status == LicenceStatus.VALID
    assert licence.valid_to is None  # the newsletter licence has no expiry
    # Both linked, and the dossier's result is the licence.
    assert licence.dossier == approved_dossier
    assert approved_dossier.licence == licence
    assert approved_dossier.status == Status.RESULT_ISSUED
    assert approved_dossier.result_reference == "Giấy phép số 1/GP-STTTT"
    assert [e.action for e in licence.events.all()] == [LicenceAction.ISSUED]
    # The certificate was rendered after commit and stored with its SHA-256.
    assert licence.file.name.startswith("licences/2026/")
    assert len(licence.sha256) == 64


def test_the_next_licence_of_the_type_takes_the_next_number(catalogue, staff):
    from .conftest import approved_dossier_make

    first = issue(approved_dossier_make(staff), staff, issued_on=datetime.date(2026, 3, 1))
    second = issue(approved_dossier_make(staff), staff, issued_on=datetime.date(2026, 3, 2))
    next_year = issue(approved_dossier_make(staff), staff, issued_on=datetime.date(2027, 1, 4))
    assert (first.number, second.number, next_year.number) == (
        "1/GP-STTTT",
        "2/GP-STTTT",
        "1/GP-STTTT",
    )
    assert next_year.year == 2027


def test_a_dossier_not_yet_approved_cannot_be_issued_a_licence(catalogue, staff):
    from congso.dossiers import services

    from .conftest import approved_dossier_make

    dossier = approved_dossier_make(staff)
    services.dossier_issue_result(dossier=dossier, actor=staff["clerk"], result_reference="x")
    with pytest.raises(TransitionNotAllowed):
        issue(dossier, staff)
    assert Licence.objects.count() == 0


def test_a_dossier_gets_one_licence_only(approved_dossier, staff):
    issue(approved_dossier, staff)
    with pytest.raises((ApplicationError, TransitionNotAllowed)):
        issue(approved_dossier, staff)
    assert Licence.objects.count() == 1


@pytest.mark.parametrize("role", ["clerk", "officer", "approver", "licensing", "outsider"])
def test_only_a_leader_may_issue(approved_dossier, staff, role):
    with pytest.raises(PermissionDenied):
        issue(approved_dossier, staff, actor=staff[role])
    approved_dossier.refresh_from_db()
    assert approved_dossier.status == Status.APPROVED
    assert Licence.objects.count() == 0


def test_a_malformed_licence_types_file_names_the_place_and_loads_nothing(db, tmp_path):
    from django.core.management import CommandError, call_command

    from congso.licensing.models import LicenceType

    broken = tmp_path / "types.toml"
    broken.write_text(
        '[[types]]\ncode = "newsletter"\nname_vi = "Giấy phép xuất bản bản tin"\n'
        'title_vi = "GIẤY PHÉP"\nnumber_pattern = "{number}/GP"\nvalid_from = 2020-01-01\n\n'
        '[[types]]\nname_vi = "Không có mã"\ntitle_vi = "X"\nnumber_pattern = "{number}/X"\n'
        'valid_from = 2020-01-01\ncolour = "đỏ"\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as raised:
        call_command("load_licence_types", file=broken)
    message = str(raised.value)
    assert f"{broken}: types[1].code: Field required" in message
    assert f"{broken}: types[1].colour: Extra inputs are not permitted" in message
    assert not LicenceType.objects.exists()
