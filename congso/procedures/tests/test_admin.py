"""The back office: the procedure manager's role, the lists with their verified flags, the
edit screen with its rules, "Create a new version", and locked versions."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from congso.accounts.services import roles_sync
from congso.procedures.models import ProcedureVersion
from congso.procedures.roles import PROCEDURE_MANAGER
from congso.procedures.services import procedure_version_create_next

pytestmark = pytest.mark.django_db

PROCEDURES = "/admin/snippets/procedures/procedure/"
VERSIONS = "/admin/snippets/procedures/procedureversion/"


@pytest.fixture
def catalogue(shared_catalogue):
    return shared_catalogue


@pytest.fixture
def manager(client, catalogue):
    """A member of "Cán bộ quản lý TTHC", logged in, with the admin in Vietnamese."""
    roles_sync()
    user = get_user_model().objects.create_user("qltthc-test", "q@example.invalid", "pw-123456")
    user.groups.add(Group.objects.get(name=PROCEDURE_MANAGER))
    client.force_login(user)
    return user


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_data(response) -> dict:
    """The edit form's current values, as a browser would submit them."""
    form = soup_of(response).find("form", id="w-editor-form")
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def test_the_role_has_exactly_the_catalogue_permissions(catalogue):
    roles_sync()
    group = Group.objects.get(name=PROCEDURE_MANAGER)

    assert sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()) == [
        "procedures.add_procedure",
        "procedures.add_procedureversion",
        "procedures.change_procedure",
        "procedures.change_procedureversion",
        "procedures.delete_procedureversion",
        "procedures.view_procedure",
        "procedures.view_procedureversion",
        "wagtailadmin.access_admin",
    ]


def test_the_procedure_list_shows_the_version_in_force_and_its_flag(client, manager):
    response = client.get(PROCEDURES)
    assert response.status_code == 200
    soup = soup_of(response)

    rows = soup.select("tbody tr")
    assert len(rows) == 19
    newsletter = next(r for r in rows if "1.009374" in r.get_text())
    assert "Cấp giấy phép xuất bản bản tin" in newsletter.get_text()
    assert "Báo chí" in newsletter.get_text()
    headers = [h.get_text(" ", strip=True) for h in soup.select("thead th")]
    assert "Tên (phiên bản hiện hành)" in headers
    assert "Đã xác minh" in headers


def test_the_unverified_filter(client, manager):
    unverified = soup_of(client.get(PROCEDURES, {"verified": "no"})).select("tbody tr")
    verified = soup_of(client.get(PROCEDURES, {"verified": "yes"})).select("tbody tr")

    assert len(unverified) == 18
    assert [r.find("a").get_text(strip=True) for r in verified] == ["1.009374"]


def test_the_procedure_list_makes_a_fixed_number_of_queries(client, manager):
    from .factories import ProcedureVersionFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PROCEDURES).status_code == 200
        return len(queries)

    count()
    before = count()
    template = ProcedureVersion.objects.first()
    ProcedureVersionFactory.create_batch(5, field=template.field, agency=template.agency)
    assert count() == before


def test_the_version_list_filters_unverified_versions(client, manager):
    response = client.get(VERSIONS, {"verified": "false"})

    assert response.status_code == 200
    assert len(soup_of(response).select("tbody tr")) == 18


def test_editing_a_version_keeps_its_inlines_and_records_history(client, manager):
    version = ProcedureVersion.objects.get(procedure__code="1.009374")
    url = f"{VERSIONS}edit/{version.pk}/"

    data = form_data(client.get(url))
    assert data["name_vi"] == "Cấp giấy phép xuất bản bản tin"
    data["time_limit"] = "18"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    version.refresh_from_db()
    assert version.time_limit == 18
    assert version.documents.count() == 4
    assert version.application_fields.count() == 10
    assert version.revisions.count() == 1
    assert ModelLogEntry.objects.filter(object_id=str(version.pk), action="wagtail.edit").exists()
    history = client.get(f"{VERSIONS}history/{version.pk}/")
    assert history.status_code == 200
    assert "qltthc-test" in history.content.decode()


def test_an_overlapping_period_is_refused_on_the_edit_screen(client, manager):
    version = ProcedureVersion.objects.get(procedure__code="1.009374")
    new = procedure_version_create_next(version=version, valid_from=datetime.date(2025, 3, 1))
    url = f"{VERSIONS}edit/{new.pk}/"

    data = form_data(client.get(url))
    data["valid_from"] = "2024-06-01"
    response = client.post(url, data)

    assert response.status_code == 200
    text = soup_of(response).get_text(" ")
    assert "trùng với phiên bản có hiệu lực từ ngày 01/01/2024 đến ngày 28/02/2025" in text
    new.refresh_from_db()
    assert new.valid_from == datetime.date(2025, 3, 1)


def test_create_a_new_version_from_the_list(client, manager):
    version = ProcedureVersion.objects.get(procedure__code="1.003725")

    listing = client.get(VERSIONS).content.decode()
    assert f"{VERSIONS}new-version/{version.pk}/" in listing
    assert "Tạo phiên bản mới" in listing

    page = client.get(f"{VERSIONS}new-version/{version.pk}/")
    assert page.status_code == 200
    assert "Phiên bản mới áp dụng từ ngày" in page.content.decode()

    response = client.post(f"{VERSIONS}new-version/{version.pk}/", {"valid_from": "2025-03-01"})

    new = ProcedureVersion.objects.get(procedure=version.procedure, valid_from="2025-03-01")
    assert response.status_code == 302
    assert response["Location"] == f"{VERSIONS}edit/{new.pk}/"
    version.refresh_from_db()
    assert version.valid_to == datetime.date(2025, 2, 28)
    assert new.fees.get().amount == 50_000
    edit = client.get(response["Location"])
    assert "Đã tạo phiên bản áp dụng từ ngày 01/03/2025" in edit.content.decode()


def test_a_new_version_before_the_old_one_is_refused_on_the_form(client, manager):
    version = ProcedureVersion.objects.get(procedure__code="1.003725")

    response = client.post(f"{VERSIONS}new-version/{version.pk}/", {"valid_from": "2023-01-01"})

    assert response.status_code == 200
    assert "Phiên bản mới phải bắt đầu sau ngày 01/01/2024" in response.content.decode()
    assert ProcedureVersion.objects.filter(procedure=version.procedure).count() == 1


def test_a_locked_version_cannot_be_edited_or_deleted(client, manager, lock_versions):
    version = ProcedureVersion.objects.get(procedure__code="1.009374")
    lock_versions(version)
    url = f"{VERSIONS}edit/{version.pk}/"

    for target in (url, f"{VERSIONS}delete/{version.pk}/"):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"] == f"{VERSIONS}new-version/{version.pk}/"
    response = client.post(url, {"name_vi": "Đổi tên"}, follow=True)
    assert "Đã có hồ sơ nộp theo phiên bản này nên không thể sửa hay xóa" in (
        response.content.decode()
    )
    version.refresh_from_db()
    assert version.name_vi == "Cấp giấy phép xuất bản bản tin"


def test_staff_without_the_role_cannot_open_the_catalogue_admin(client, catalogue):
    other = get_user_model().objects.create_user("other", "o@example.invalid", "pw-123456")
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)

    assert client.get(PROCEDURES).status_code in {302, 403}
    version = ProcedureVersion.objects.first()
    assert client.get(f"{VERSIONS}new-version/{version.pk}/").status_code in {302, 403}
