"""Versions: one in force per procedure at any date, found by date, and a new one created
from the latest with everything it holds, without touching what dossiers rely on."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from congso.procedures.models import ProcedureVersion
from congso.procedures.selectors import procedure_version_in_force, procedures_in_force
from congso.procedures.services import procedure_version_create_next

from .factories import (
    ActivityFieldFactory,
    AgencyFactory,
    ApplicationFieldFactory,
    LegalBasisFactory,
    ProcedureFactory,
    ProcedureFeeFactory,
    ProcedureVersionFactory,
    RequiredDocumentFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def make_version(like: ProcedureVersion, valid_from, valid_to=None, **kwargs):
    """An unsaved version of the same procedure as `like`, with its field and agency."""
    return ProcedureVersionFactory.build(
        procedure=like.procedure,
        field=like.field,
        agency=like.agency,
        valid_from=valid_from,
        valid_to=valid_to,
        **kwargs,
    )


@pytest.fixture
def v2024():
    return ProcedureVersionFactory(valid_from=D(2024, 1, 1), valid_to=D(2025, 2, 28))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (D(2025, 2, 28), None),  # starts on the other's last day
        (D(2023, 6, 1), D(2024, 1, 1)),  # ends on the other's first day
        (D(2024, 5, 1), D(2024, 6, 1)),  # inside it
        (D(2023, 1, 1), None),  # open-ended, covering it
    ],
)
def test_an_overlapping_version_is_refused_in_vietnamese(v2024, start, end):
    other = make_version(v2024, start, end)

    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        other.full_clean()

    message = " ".join(raised.value.message_dict["valid_from"])
    assert "trùng với phiên bản có hiệu lực từ ngày 01/01/2024 đến ngày 28/02/2025" in message
    assert "mỗi ngày một thủ tục chỉ có một phiên bản có hiệu lực" in message


def test_adjacent_versions_are_accepted(v2024):
    after = make_version(v2024, D(2025, 3, 1))
    after.full_clean()
    before = make_version(v2024, D(2022, 1, 1), D(2023, 12, 31))
    before.full_clean()


def test_a_version_of_another_procedure_may_share_the_dates(v2024):
    other = ProcedureVersionFactory.build(
        procedure=ProcedureFactory(),
        field=v2024.field,
        agency=v2024.agency,
        valid_from=D(2024, 1, 1),
    )
    other.full_clean()


def test_the_selector_returns_the_version_in_force_on_a_date(v2024):
    later = make_version(v2024, D(2025, 3, 1), time_limit=15)
    later.save()
    procedure = v2024.procedure

    assert procedure_version_in_force(procedure, on=D(2024, 1, 1)) == v2024
    assert procedure_version_in_force(procedure, on=D(2025, 2, 28)) == v2024
    assert procedure_version_in_force(procedure, on=D(2025, 3, 1)) == later
    assert procedure_version_in_force(procedure, on=D(2023, 12, 31)) is None
    with time_machine.travel(datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC)):
        assert procedure_version_in_force(procedure) == later

    assert list(procedures_in_force(on=D(2024, 6, 1))) == [v2024]
    assert list(procedures_in_force(on=D(2025, 6, 1))) == [later]
    assert list(procedures_in_force(on=D(2023, 6, 1))) == []


def test_a_unit_of_another_agency_is_refused(demo):
    from congso.organization.models import Unit

    other_agency = AgencyFactory()
    version = ProcedureVersionFactory.build(
        procedure=ProcedureFactory(),
        field=ActivityFieldFactory(),
        agency=other_agency,
        unit=Unit.objects.first(),
    )

    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        version.full_clean()

    assert raised.value.message_dict["unit"] == [
        "Đơn vị này thuộc cơ quan khác với cơ quan giải quyết."
    ]


# --- A new version --------------------------------------------------------------------


@pytest.fixture
def full_version():
    version = ProcedureVersionFactory(valid_from=D(2024, 1, 1))
    ProcedureFeeFactory(version=version, amount=50_000, sort_order=0)
    ProcedureFeeFactory(version=version, name_vi="Phí thẩm định", amount=None, sort_order=1)
    RequiredDocumentFactory(version=version, key="declaration", sort_order=0)
    ApplicationFieldFactory(version=version, key="newsletter_name", sort_order=0)
    LegalBasisFactory(version=version, provision_vi="Điều 18")
    return version


def test_a_new_version_copies_everything_and_ends_the_old_one(full_version, admin_user):
    new = procedure_version_create_next(
        version=full_version, valid_from=D(2025, 3, 1), actor=admin_user
    )

    full_version.refresh_from_db()
    assert full_version.valid_to == D(2025, 2, 28)
    assert (new.valid_from, new.valid_to) == (D(2025, 3, 1), None)
    assert new.procedure == full_version.procedure
    assert new.name_vi == full_version.name_vi
    assert new.time_limit == full_version.time_limit
    assert [f.amount for f in new.fees.order_by("sort_order")] == [50_000, None]
    assert [d.key for d in new.documents.all()] == ["declaration"]
    assert [f.key for f in new.application_fields.all()] == ["newsletter_name"]
    assert [b.provision_vi for b in new.legal_bases.all()] == ["Điều 18"]
    # The copies are new rows: editing the new version leaves the old one as it was.
    assert not set(new.fees.values_list("pk", flat=True)) & set(
        full_version.fees.values_list("pk", flat=True)
    )
    # Both versions have the change in their history, by the one who made it.
    assert new.revisions.get().user == admin_user
    assert full_version.revisions.get().user == admin_user
    assert procedure_version_in_force(full_version.procedure, on=D(2025, 2, 28)) == full_version
    assert procedure_version_in_force(full_version.procedure, on=D(2025, 3, 1)) == new


def test_a_new_version_must_start_after_the_old_one(full_version):
    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        procedure_version_create_next(version=full_version, valid_from=D(2024, 1, 1))

    assert raised.value.messages == [
        "Phiên bản mới phải bắt đầu sau ngày 01/01/2024, ngày phiên bản này bắt đầu có hiệu lực."
    ]
    assert ProcedureVersion.objects.count() == 1


def test_a_new_version_follows_only_the_latest(full_version):
    procedure_version_create_next(version=full_version, valid_from=D(2025, 3, 1))

    with pytest.raises(ValidationError):
        procedure_version_create_next(version=full_version, valid_from=D(2026, 1, 1))

    assert ProcedureVersion.objects.count() == 2


@time_machine.travel(datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC))
def test_a_locked_version_cannot_be_cut_short_after_the_fact(full_version, lock_versions):
    lock_versions(full_version)
    assert full_version.is_locked

    with translation.override("vi"), pytest.raises(ValidationError) as raised:
        procedure_version_create_next(version=full_version, valid_from=D(2026, 5, 4))
    assert "sớm nhất từ ngày mai" in raised.value.messages[0]

    new = procedure_version_create_next(version=full_version, valid_from=D(2026, 5, 5))
    full_version.refresh_from_db()
    assert full_version.valid_to == D(2026, 5, 4)
    assert not new.is_locked


def test_no_version_is_locked_while_no_app_refers_to_versions(full_version):
    assert full_version.is_locked is False
