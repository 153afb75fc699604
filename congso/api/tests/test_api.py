"""The public API: /api/v1/organization and /api/v1/mandate, in Vietnamese and English."""

import pytest

pytestmark = pytest.mark.django_db

SEED_PHONES = {
    "secretariat": ["(+84-274) 3.842.999", "(+84-274) 3.842.304"],
    "inspectorate": ["(+84-274) 3.842.304"],
    "press-publishing": ["(+84-274) 6.295.695"],
    "information-technology": ["(+84-274) 3.842.301"],
    "postal-telecom": ["(+84-274) 3.856.789"],
    "ict-centre": ["(+84-274) 3.897.559"],
    "e-information-centre": ["(+84-274) 3.856.856"],
}


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_organization_in_vietnamese(client, demo):
    body = get_json(client, "/api/v1/organization", lang="vi")

    assert body["language"] == "vi"
    assert body["agency"]["name"] == "Sở Thông tin và Truyền thông tỉnh Bình Dương"
    assert body["agency"]["address"] == demo.agency.address_vi
    assert body["agency"]["phone"] == "(+84-274) 3 842 999"
    assert body["agency"]["fax"] == "(+84-274) 3 842 300"
    assert body["agency"]["email"] == "sotttt@binhduong.gov.vn"
    units = {u["key"]: u for u in body["units"]}
    assert {k: u["phones"] for k, u in units.items()} == SEED_PHONES
    assert units["secretariat"]["name"] == "Văn phòng Sở"
    officials = {o["name"]: o for o in body["officials"]}
    assert set(officials) == {"Lê Tuấn Anh", "Lê Văn Khánh"}
    assert officials["Lê Tuấn Anh"]["position"] == "Giám đốc"
    assert officials["Lê Tuấn Anh"]["email"] == "anhlt@binhduong.gov.vn"
    assert officials["Lê Văn Khánh"]["email"] == "khanhlv@binhduong.gov.vn"


def test_organization_in_english(client, demo):
    body = get_json(client, "/api/v1/organization", lang="en")

    assert body["language"] == "en"
    assert body["agency"]["name"] == (
        "Department of Information and Communications of Binh Duong Province"
    )
    assert body["agency"]["address"] == (
        "Floor 14 – Tower A, Binh Duong Provincial Building of Administrative Center"
    )
    units = {u["key"]: u for u in body["units"]}
    assert units["secretariat"]["name"] == "Department Secretariat"
    assert units["e-information-centre"]["name"] == "Center of Electronic Information"
    assert {k: u["phones"] for k, u in units.items()} == SEED_PHONES
    officials = {o["name"]: o for o in body["officials"]}
    assert {n: o["position"] for n, o in officials.items()} == {
        "Le Tuan Anh": "Director",
        "Le Van Khanh": "Deputy Director",
    }


def test_organization_defaults_to_vietnamese(client, demo):
    body = get_json(client, "/api/v1/organization")

    assert body["language"] == "vi"
    assert body["agency"]["name"] == demo.agency.name_vi


def test_mandate_in_english(client, demo):
    body = get_json(client, "/api/v1/mandate", lang="en")

    assert body["language"] == "en"
    assert body["functions"].startswith("The department acts as a professional agency")
    assert [t["number"] for t in body["tasks"]] == list(range(1, 27))
    tasks = {t["number"]: t for t in body["tasks"]}
    assert tasks[4]["text"].startswith("In terms of press")
    assert [s["letter"] for s in tasks[4]["sub_items"]] == list("abcdefgh")
    assert [s["letter"] for s in tasks[10]["sub_items"]] == list("abcdefghij")
    assert tasks[3]["sub_items"] == []
    assert tasks[4]["anchor"] == "task-4"
    assert tasks[4]["sub_items"][0]["anchor"] == "task-4a"
    assert [p["number"] for p in body["powers"]] == [1, 2, 3, 4]
    assert body["legal_basis"]["number"] == "14/2009/QĐ-UBND"
    assert body["legal_basis"]["issued_on"] == "2009-04-14"
    assert "14/2009/QĐ-UBND" in body["legal_basis"]["citation"]


def test_mandate_in_vietnamese(client, demo):
    body = get_json(client, "/api/v1/mandate", lang="vi")

    tasks = {t["number"]: t for t in body["tasks"]}
    assert tasks[1]["text"] == "Trình Ủy ban nhân dân tỉnh:"
    assert body["legal_basis"]["issuer"] == "Ủy ban nhân dân tỉnh Bình Dương"


@pytest.mark.parametrize("url", ["/api/v1/organization", "/api/v1/mandate"])
def test_a_language_not_offered_is_refused(client, demo, url):
    response = client.get(url, {"lang": "fr"})

    assert response.status_code == 422


def test_mandate_items_carry_their_fields_of_activity(client, demo):
    body = get_json(client, "/api/v1/mandate", lang="en")

    tasks = {t["number"]: t for t in body["tasks"]}
    assert set(tasks[4]["fields"]) == {"press", "broadcasting"}
    sub_g = next(s for s in tasks[4]["sub_items"] if s["letter"] == "g")
    assert set(sub_g["fields"]) == {"broadcasting", "planning_policy"}


def test_without_an_agency_the_api_answers_404(client, db):
    assert client.get("/api/v1/organization").status_code == 404
    assert client.get("/api/v1/mandate").status_code == 404


def test_openapi_schema_lists_both_endpoints(client, db):
    schema = get_json(client, "/api/v1/openapi.json")

    assert "/api/v1/organization" in schema["paths"]
    assert "/api/v1/mandate" in schema["paths"]
    params = {p["name"]: p for p in schema["paths"]["/api/v1/mandate"]["get"]["parameters"]}
    assert params["lang"]["schema"]["enum"] == ["vi", "en"]


def test_docs_page_is_served(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content
