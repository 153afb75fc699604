"""The back office: the role × action matrix, and each screen doing what it says (issue 5
§4, §5; brief: roles)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from congso.licensing import services
from congso.licensing.choices import LicenceStatus
from congso.licensing.models import Licence, LicenceEvent

from .conftest import approved_dossier_make, issue, register

pytestmark = pytest.mark.django_db

ROLES = ["clerk", "officer", "approver", "leader", "licensing", "outsider"]
DECISION = {"decision_number": "45/QĐ-STTTT", "reason": "Vi phạm"}

# Who may do what (brief: roles): the licensing officer registers, imports and corrects;
# the licence-signing leader issues, amends, suspends, reinstates and revokes; the
# one-stop desk, the division officers and a leader who only approves dossiers do none.
MAY = {
    "view": {"leader", "licensing"},
    "register": {"licensing"},
    "import": {"licensing"},
    "edit": {"licensing"},
    "issue": {"leader"},
    "amend": {"leader"},
    "suspend": {"leader"},
    "reinstate": {"leader"},
    "revoke": {"leader"},
}


def _do(action, role, staff, licence, dossier):
    actor = staff[role]
    if action == "view":
        return actor.has_perm("licensing.view_licence") or (_ for _ in ()).throw(
            services.PermissionDenied
        )
    if action == "register":
        return register(staff, actor=actor, number="77/GP-STTTT")
    if action == "import":
        from congso.licensing.imports import licences_import

        upload = SimpleUploadedFile("a.csv", b"type,number,issued_on,holder_name\n")
        return licences_import(upload=upload, actor=actor)
    if action == "edit":
        return services.licence_edit(
            licence=licence, actor=actor, changes={"holder_address": "Số 2"}, reason="Sai địa chỉ"
        )
    if action == "issue":
        return issue(dossier, staff, actor=actor)
    if action == "amend":
        return services.licence_amend(licence=licence, actor=actor, **DECISION)
    if action == "suspend":
        return services.licence_suspend(licence=licence, actor=actor, **DECISION)
    if action == "reinstate":
        services.licence_suspend(licence=licence, actor=staff["leader"], **DECISION)
        return services.licence_reinstate(licence=licence, actor=actor, **DECISION)
    if action == "revoke":
        return services.licence_revoke(licence=licence, actor=actor, **DECISION)
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(MAY))
@pytest.mark.parametrize("role", ROLES)
def test_role_action_matrix(catalogue, staff, role, action):
    licence = register(staff, number="5/GP-STTTT")
    dossier = approved_dossier_make(staff) if action == "issue" else None
    if role in MAY[action]:
        _do(action, role, staff, licence, dossier)
    else:
        with pytest.raises(services.PermissionDenied):
            _do(action, role, staff, licence, dossier)


@pytest.fixture
def licence(catalogue, staff):
    return register(staff, number="5/GP-STTTT", holder_name="Công ty Cổ phần Đông Á")


def test_the_list_and_a_licence_page_for_the_leader(client, staff, licence):
    client.force_login(staff["leader"])
    listing = client.get("/admin/licences/", {"q": "dong a"})
    assert listing.status_code == 200
    assert "5/GP-STTTT" in listing.content.decode()
    page = client.get(f"/admin/licences/{licence.pk}/").content.decode()
    for label in ("Thu hồi", "Đình chỉ", "Sửa đổi, bổ sung"):
        assert label in page
    assert "Khôi phục hiệu lực</button>" not in page  # not suspended: no reinstatement


@pytest.mark.parametrize(
    ("role", "refused_to"),
    [
        ("clerk", "/admin/"),
        ("officer", "/admin/"),
        ("approver", "/admin/"),
        ("outsider", "/admin/login/"),
        ("leader", None),
    ],
)
def test_who_sees_the_admin_list(client, staff, licence, role, refused_to):
    """Wagtail answers a refusal by sending the user back to the dashboard (or to the login
    page, for a user without access to the admin) with a message."""
    client.force_login(staff[role])
    response = client.get("/admin/licences/")
    if refused_to is None:
        assert response.status_code == 200
        assert "5/GP-STTTT" in response.content.decode()
    else:
        assert response.status_code == 302
        assert response.url.startswith(refused_to)


def test_revoking_without_a_decision_number_is_refused_and_nothing_changes(client, staff, licence):
    client.force_login(staff["leader"])
    url = f"/admin/licences/{licence.pk}/action/revoked/"
    response = client.post(
        url,
        {
            "revoked-decision_number": "",
            "revoked-decision_date": "2026-11-28",
            "revoked-reason": "",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Trường này là bắt buộc" in html or "Nhập số quyết định" in html
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.VALID
    assert LicenceEvent.objects.filter(licence=licence).count() == 1

    response = client.post(
        url,
        {
            "revoked-decision_number": "45/QĐ-STTTT",
            "revoked-decision_date": "2026-11-28",
            "revoked-reason": "Vi phạm nghiêm trọng",
        },
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.REVOKED
    event = licence.events.last()
    assert (event.decision_number, event.actor) == ("45/QĐ-STTTT", staff["leader"])


def test_a_licensing_officer_sees_no_revoke_button_and_cannot_post_one(client, staff, licence):
    client.force_login(staff["licensing"])
    page = client.get(f"/admin/licences/{licence.pk}/").content.decode()
    assert "action/revoked/" not in page
    response = client.post(
        f"/admin/licences/{licence.pk}/action/revoked/",
        {
            "revoked-decision_number": "1",
            "revoked-decision_date": "2026-11-28",
            "revoked-reason": "x",
        },
    )
    assert response.status_code == 302
    assert response.url == "/admin/"  # Wagtail's answer to PermissionDenied
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.VALID
    assert licence.events.count() == 1


def test_suspending_from_the_admin_records_the_period(client, staff, licence):
    client.force_login(staff["leader"])
    client.post(
        f"/admin/licences/{licence.pk}/action/suspended/",
        {
            "suspended-decision_number": "30/QĐ-STTTT",
            "suspended-decision_date": "2026-11-28",
            "suspended-reason": "Chưa nộp lưu chiểu",
            "suspended-period_from": "2026-12-01",
            "suspended-period_to": "2026-12-31",
        },
    )
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.SUSPENDED
    assert licence.suspended_until == datetime.date(2026, 12, 31)


def test_registering_and_correcting_from_the_admin(client, staff, catalogue):
    client.force_login(staff["licensing"])
    assert "Giấy phép xuất bản bản tin" in client.get("/admin/licences/register/").content.decode()
    response = client.post(
        "/admin/licences/register/",
        {
            "type": "newsletter",
            "number": "12/GP-STTTT",
            "issued_on": "2022-04-05",
            "holder_name": "Trường Đại học Mẫu",
            "value_newsletter_name": "Bản tin Trường",
        },
    )
    assert response.status_code == 302
    licence = Licence.objects.get(number="12/GP-STTTT")
    assert licence.values == {"newsletter_name": "Bản tin Trường"}
    response = client.post(
        f"/admin/licences/{licence.pk}/edit/",
        {"holder_address": "Số 5 Yersin", "holder_email": "", "reason": "Bổ sung địa chỉ"},
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.holder_address == "Số 5 Yersin"
    assert licence.events.last().data == {"holder_address": ["", "Số 5 Yersin"]}


def test_importing_from_the_admin_lists_the_rejected_rows(client, staff, catalogue):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["type", "number", "issued_on", "holder_name"])
    sheet.append(["newsletter", "1/GP-STTTT", "01/02/2020", "Công ty A"])
    sheet.append(["newsletter", "2/GP-STTTT", "hôm qua", "Công ty B"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(staff["licensing"])
    response = client.post(
        "/admin/licences/import/",
        {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue()), "all_or_nothing": "on"},
    )
    html = response.content.decode()
    assert "Không nhập dòng nào vì có dòng sai" in html
    assert "Dòng 3, cột C (issued_on)" in html
    assert Licence.objects.count() == 0

    refused = client.post(
        "/admin/licences/import/", {"file": SimpleUploadedFile("a.xlsx", b"MZ\x00\x00program")}
    )
    assert refused.status_code == 400
    assert "không phải là bảng tính" in refused.content.decode()


def test_issuing_from_the_admin(client, staff, catalogue, django_capture_on_commit_callbacks):
    dossier = approved_dossier_make(staff)
    client.force_login(staff["leader"])
    waiting = client.get("/admin/licences/issue/").content.decode()
    assert dossier.code in waiting
    form = client.get(f"/admin/licences/issue/{dossier.pk}/").content.decode()
    assert "Bản tin Bình Minh" in form  # filled from the dossier
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/licences/issue/{dossier.pk}/",
            {
                "signer_name": "Nguyễn Văn Lộc",
                "signer_position": "GIÁM ĐỐC",
                "issued_on": "2026-11-27",
                "value_newsletter_name": "Bản tin Bình Minh",
                "value_pages": "20",
            },
        )
    assert response.status_code == 302
    licence = Licence.objects.get()
    assert licence.values["pages"] == "20"
    file_response = client.get(f"/admin/licences/{licence.pk}/file/")
    assert file_response["Content-Type"] == "application/pdf"
    assert b"".join(file_response.streaming_content).startswith(b"%PDF")
    dossier.refresh_from_db()
    assert dossier.status == "result_issued"


def test_the_admin_list_makes_as_many_queries_for_30_licences_as_for_3(client, staff, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        register(staff, number=f"{n + 1}/GP-STTTT")
    client.force_login(staff["leader"])
    client.get("/admin/licences/")  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/licences/")
    for n in range(27):
        register(staff, number=f"{n + 10}/GP-STTTT")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/licences/")
    assert len(response.context["licences"]) == 25
    assert len(many) == len(few)
