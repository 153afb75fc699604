"""Organisation data is edited in the Wagtail admin, and every edit leaves a history."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from congso.organization.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def webmaster(client):
    user = get_user_model().objects.create_superuser("webmaster", "w@example.invalid", "pw-123456")
    client.force_login(user)
    return user


def _form_data(response) -> dict:
    """The edit form's current values, as a browser would submit them."""
    soup = BeautifulSoup(response.content, "html.parser")
    form = next(f for f in soup.find_all("form") if f.find(attrs={"name": "name_vi"}))
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def test_staff_edit_a_unit_and_see_the_change_in_its_history(client, webmaster, demo):
    unit = Unit.objects.get(key="secretariat")
    edit_url = f"/admin/snippets/organization/unit/edit/{unit.pk}/"

    response = client.get(edit_url)
    assert response.status_code == 200
    data = _form_data(response)
    assert data["name_vi"] == "Văn phòng Sở"
    data["name_vi"] = "Văn phòng Sở Thông tin và Truyền thông"

    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    unit.refresh_from_db()
    assert unit.name_vi == "Văn phòng Sở Thông tin và Truyền thông"
    # Both telephone numbers survived the round trip through the inline formset.
    assert list(unit.phones.values_list("number", flat=True)) == [
        "(+84-274) 3.842.999",
        "(+84-274) 3.842.304",
    ]
    assert unit.revisions.count() == 1
    assert ModelLogEntry.objects.filter(object_id=str(unit.pk), action="wagtail.edit").exists()

    history = client.get(f"/admin/snippets/organization/unit/history/{unit.pk}/")
    assert history.status_code == 200
    assert "webmaster" in history.content.decode()

    # The public structure page shows the edit at once (no copy of the data in pages).
    page = client.get(demo.pages["vi"]["structure"].url)
    assert "Văn phòng Sở Thông tin và Truyền thông" in page.content.decode()


def test_people_without_the_permission_cannot_edit_units(client, demo):
    clerk = get_user_model().objects.create_user("clerk", "c@example.invalid", "pw-123456")
    client.force_login(clerk)
    unit = Unit.objects.get(key="secretariat")

    response = client.get(f"/admin/snippets/organization/unit/edit/{unit.pk}/")

    # Without access to the admin at all, Wagtail sends the user back to its login page.
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
