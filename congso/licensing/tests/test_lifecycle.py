"""Suspend, reinstate, revoke, amend: decisions needed, permissions, events, and what
the verification page and the API then say (issue 5 §1, §4, §5, §6)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congso.core.errors import TransitionNotAllowed
from congso.licensing import services
from congso.licensing.choices import LicenceAction, LicenceStatus
from congso.licensing.models import Licence, LicenceEvent
from congso.licensing.verification import licence_path, verification_path

from .conftest import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(approved_dossier, staff):
    return issue(approved_dossier, staff, issued_on=datetime.date(2026, 11, 27))


DECISION = {"decision_number": "45/QĐ-STTTT", "reason": "Vi phạm nội dung giấy phép"}


def test_revoking_makes_the_verification_page_and_the_api_say_revoked(client, licence, staff):
    services.licence_revoke(
        licence=licence,
        actor=staff["leader"],
        decision_date=datetime.date(2026, 11, 28),
        **DECISION,
    )
    page = client.get(verification_path(licence, language="vi"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "ĐÃ THU HỒI" in html
    assert "CÒN HIỆU LỰC" not in html
    assert "45/QĐ-STTTT" in html
    assert "Vi phạm nội dung giấy phép" in html

    english = client.get(verification_path(licence, language="en"))
    assert "REVOKED" in english.content.decode()

    token = verification_path(licence).split("?t=")[1]
    api = client.get(f"/api/v1/licences/{licence.number}/verify", {"t": token, "year": 2026})
    assert api.status_code == 200
    body = api.json()
    assert body["verified"] is True
    assert body["licence"]["status"]["code"] == "revoked"
    assert body["licence"]["status"]["headline"] == "ĐÃ THU HỒI"
    assert body["licence"]["events"][-1]["decision_number"] == "45/QĐ-STTTT"
    # The licence page and the API's detail say it too.
    assert "ĐÃ THU HỒI" in client.get(licence_path(licence, language="vi")).content.decode()
    assert client.get("/api/v1/licences/1%2FGP-STTTT").json()["status"]["code"] == "revoked"


@pytest.mark.parametrize(
    "service",
    [services.licence_suspend, services.licence_revoke, services.licence_amend],
)
@pytest.mark.parametrize(
    "decision",
    [
        {"decision_number": "", "reason": "Lý do"},
        {"decision_number": "45/QĐ-STTTT", "reason": "  "},
    ],
)
def test_a_decision_without_its_number_or_reason_is_refused_and_nothing_changes(
    licence, staff, service, decision
):
    with pytest.raises(ValidationError) as refused:
        service(licence=licence, actor=staff["leader"], **decision)
    assert set(refused.value.message_dict) <= {"decision_number", "reason"}
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.VALID
    assert Licence.objects.count() == 1
    assert list(licence.events.values_list("action", flat=True)) == [LicenceAction.ISSUED]


def test_suspension_for_a_period_then_reinstatement(client, licence, staff):
    services.licence_suspend(
        licence=licence,
        actor=staff["leader"],
        period_from=datetime.date(2026, 12, 1),
        period_to=datetime.date(2027, 2, 28),
        **DECISION,
    )
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.SUSPENDED
    html = client.get(licence_path(licence, language="vi")).content.decode()
    assert "ĐÃ BỊ ĐÌNH CHỈ" in html
    assert "01/12/2026" in html and "28/02/2027" in html

    with pytest.raises(TransitionNotAllowed):
        services.licence_amend(licence=licence, actor=staff["leader"], **DECISION)
    services.licence_reinstate(
        licence=licence,
        actor=staff["leader"],
        decision_number="50/QĐ-STTTT",
        reason="Đã khắc phục vi phạm",
    )
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.VALID
    assert licence.suspended_until is None
    assert [e.action for e in licence.events.all()] == [
        LicenceAction.ISSUED,
        LicenceAction.SUSPENDED,
        LicenceAction.REINSTATED,
    ]
    suspended = licence.events.get(action=LicenceAction.SUSPENDED)
    assert suspended.actor == staff["leader"]
    assert (suspended.period_from, suspended.period_to) == (
        datetime.date(2026, 12, 1),
        datetime.date(2027, 2, 28),
    )


def test_a_revoked_licence_cannot_be_reinstated(licence, staff):
    services.licence_revoke(licence=licence, actor=staff["leader"], **DECISION)
    with pytest.raises(TransitionNotAllowed) as refused:
        services.licence_reinstate(licence=licence, actor=staff["leader"], **DECISION)
    assert "Đã thu hồi" in str(refused.value) or "Revoked" in str(refused.value)


def test_an_amendment_is_a_new_version_and_the_old_one_stays_readable(
    client, licence, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = services.licence_amend(
            licence=licence,
            actor=staff["leader"],
            values={"pages": "24"},
            issued_on=datetime.date(2026, 12, 2),
            **DECISION,
        )
    licence.refresh_from_db()
    new.refresh_from_db()
    assert new.number == "2/GP-STTTT"
    assert new.supersedes == licence
    assert new.values["pages"] == "24"
    assert new.values["newsletter_name"] == "Bản tin Bình Minh"
    assert new.sha256 and new.file
    assert licence.status == LicenceStatus.SUPERSEDED
    assert licence.values["pages"] == "16"  # the old version is kept as it was
    old_page = client.get(licence_path(licence, language="vi")).content.decode()
    assert "ĐÃ ĐƯỢC THAY THẾ" in old_page
    assert "2/GP-STTTT" in old_page
    new_page = client.get(licence_path(new, language="vi")).content.decode()
    assert "CÒN HIỆU LỰC" in new_page
    assert "1/GP-STTTT" in new_page  # its versions
    # The QR code of the old paper now says it was replaced.
    verify = client.get(verification_path(licence, language="en")).content.decode()
    assert "SUPERSEDED" in verify and "2/GP-STTTT" in verify


@pytest.mark.parametrize("role", ["clerk", "officer", "approver", "licensing", "outsider"])
@pytest.mark.parametrize(
    "service", [services.licence_suspend, services.licence_revoke, services.licence_amend]
)
def test_only_a_leader_suspends_revokes_or_amends(licence, staff, role, service):
    with pytest.raises(PermissionDenied):
        service(licence=licence, actor=staff[role], **DECISION)
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.VALID
    assert LicenceEvent.objects.count() == 1
