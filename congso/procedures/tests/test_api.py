"""GET /api/v1/procedures and /api/v1/procedures/{code}."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congso.procedures.models import ProcedureVersion
from congso.procedures.services import procedure_version_create_next

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(shared_catalogue):
    return shared_catalogue


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_list_in_vietnamese(client, catalogue):
    body = get_json(client, "/api/v1/procedures")

    assert body["language"] == "vi"
    assert body["on"] == timezone.localdate().isoformat()
    assert body["count"] == 19
    assert (body["page"], body["page_size"], len(body["items"])) == (1, 20, 19)
    newsletter = next(i for i in body["items"] if i["code"] == "1.009374")
    assert newsletter["name"] == "Cấp giấy phép xuất bản bản tin"
    assert newsletter["has_national_code"] is True
    assert newsletter["field"] == {"code": "press", "name": "Báo chí"}
    assert newsletter["agency"]["code"] == "STTTT-BD"
    assert newsletter["time_limit"] == {
        "value": 20,
        "unit": "working_days",
        "text": "20 ngày làm việc",
        "note": "",
        "verified": True,
    }
    assert newsletter["fees"] == []
    assert newsletter["online_level"] == {"code": "full_process", "label": "Toàn trình"}
    assert newsletter["verified"] is True
    assert newsletter["version"] == {"valid_from": "2024-01-01", "valid_to": None}
    assert newsletter["url"] == "http://testserver/vi/thu-tuc-hanh-chinh/1.009374/"


def test_the_list_in_english_with_fees(client, catalogue):
    body = get_json(client, "/api/v1/procedures", lang="en", field="postal")

    assert body["count"] == 6
    items = {i["name"]: i for i in body["items"]}
    confirm = items["Confirm notification of postal activity"]
    assert [f["amount_vnd"] for f in confirm["fees"]] == [1_000_000, 200_000]
    assert [f["verified"] for f in confirm["fees"]] == [False, False]
    reissue = items["Reissue postal licence"]
    assert reissue["fees"][0]["amount_vnd"] == 1_250_000
    assert "291/2016/TT-BTC" in reissue["fees"][0]["instrument"]
    postal = items["Postal licence"]
    assert postal["fees"][0]["amount_vnd"] is None
    assert postal["time_limit"]["verified"] is False
    assert postal["url"] == "http://testserver/en/procedures/BD-STTTT-06/"


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"q": "giay phep ban tin"}, {"1.009374", "1.009386"}),
        ({"q": "BƯU CHÍNH", "online_level": "partial", "page_size": 100}, 6),
        ({"online_level": "full_process"}, {"1.009374"}),
        ({"field": "broadcasting"}, {"BD-STTTT-10"}),
        ({"agency": "STTTT-BD"}, 19),
        ({"agency": "nobody"}, set()),
        ({"on": "2023-12-31"}, set()),
    ],
)
def test_filters(client, catalogue, params, codes):
    body = get_json(client, "/api/v1/procedures", **params)

    found = {i["code"] for i in body["items"]}
    if isinstance(codes, int):
        assert len(found) == body["count"] == codes
    else:
        assert found == codes
        assert body["count"] == len(codes)


def test_pages(client, catalogue):
    first = get_json(client, "/api/v1/procedures", page_size=8)
    third = get_json(client, "/api/v1/procedures", page_size=8, page=3)

    assert first["count"] == third["count"] == 19
    assert len(first["items"]) == 8
    assert len(third["items"]) == 3
    assert not {i["code"] for i in first["items"]} & {i["code"] for i in third["items"]}


def test_the_version_in_force_on_a_date(client, catalogue):
    version = ProcedureVersion.objects.get(procedure__code="1.009374")
    new = procedure_version_create_next(version=version, valid_from=datetime.date(2025, 3, 1))
    new.time_limit = 15
    new.save()

    before = get_json(client, "/api/v1/procedures/1.009374", on="2025-02-28")
    after = get_json(client, "/api/v1/procedures/1.009374", on="2025-03-01")

    assert before["time_limit"]["value"] == 20
    assert before["version"] == {"valid_from": "2024-01-01", "valid_to": "2025-02-28"}
    assert after["time_limit"]["value"] == 15
    assert after["version"] == {"valid_from": "2025-03-01", "valid_to": None}


def test_the_detail_in_english(client, catalogue):
    body = get_json(client, "/api/v1/procedures/1.009374", lang="en")

    assert body["language"] == "en"
    assert body["name"] == "Newsletter licence"
    assert body["result"] == "Newsletter licence"
    assert body["applicants"].startswith("An agency or organisation")
    assert body["steps"].startswith("1. Prepare the documents")
    assert [d["key"] for d in body["documents"]] == [
        "declaration",
        "establishment",
        "responsible_person_cv",
        "title_design",
    ]
    declaration = body["documents"][0]
    assert declaration["copy_kind"] == "original"
    assert declaration["copies_text"] == "1 original"
    assert declaration["required"] is True
    assert declaration["template_url"] is None
    assert len(body["application_fields"]) == 10
    language = next(f for f in body["application_fields"] if f["key"] == "language")
    assert language["type"] == "choice"
    assert language["label"] == "Language"
    assert {"value": "vi", "label": "Vietnamese"} in language["choices"]
    pages = next(f for f in body["application_fields"] if f["key"] == "pages")
    assert (pages["type"], pages["choices"]) == ("integer", [])
    assert body["legal_bases"][1]["provision"] == "Art. 18"
    assert body["legal_bases"][1]["instrument"]["number"] == "41/2020/TT-BTTTT"
    assert body["legal_bases"][1]["verified"] is True
    assert body["apply_url"] == "http://testserver/en/procedures/1.009374/apply/"


def test_the_detail_carries_the_verified_flags(client, catalogue):
    body = get_json(client, "/api/v1/procedures/BD-STTTT-10")

    assert body["verified"] is False
    assert body["legal_bases"][0]["instrument"]["number"] == "06/2016/NĐ-CP"
    assert body["legal_bases"][0]["instrument"]["verified"] is False
    assert body["legal_bases"][0]["verified"] is False
    assert body["documents"][0]["name"] == "Đơn đề nghị theo mẫu"
    assert body["documents"][0]["verified"] is False
    # The staff's verification note is not published.
    assert "verification_note" not in body


def test_the_detail_by_slug(client, catalogue):
    body = get_json(client, "/api/v1/procedures/cap-giay-phep-hoat-dong-in")
    assert body["code"] == "BD-STTTT-03"
    assert body["time_limit"]["unit"] == "days"
    assert body["time_limit"]["text"] == "15 ngày"


def test_an_unknown_code_or_a_day_without_a_version_is_404(client, catalogue):
    assert client.get("/api/v1/procedures/9.999999").status_code == 404
    assert client.get("/api/v1/procedures/1.009374", {"on": "2020-01-01"}).status_code == 404


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/v1/procedures", {"lang": "fr"}),
        ("/api/v1/procedures", {"on": "2024-13-01"}),
        ("/api/v1/procedures", {"online_level": "offline"}),
        ("/api/v1/procedures", {"page": 0}),
        ("/api/v1/procedures", {"page_size": 1000}),
        ("/api/v1/procedures", {"q": "x" * 201}),
        ("/api/v1/procedures/1.009374", {"lang": "fr"}),
        ("/api/v1/procedures/1.009374", {"on": "yesterday"}),
    ],
)
def test_bad_parameters_are_refused_with_422(client, catalogue, url, params):
    response = client.get(url, params)

    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_list_makes_a_fixed_number_of_queries(client, catalogue):
    from .factories import ProcedureFeeFactory, ProcedureVersionFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            get_json(client, "/api/v1/procedures", page_size=100)
        return len(queries)

    count()  # warm Wagtail's site root cache
    before = count()
    template = ProcedureVersion.objects.first()
    for _ in range(4):
        version = ProcedureVersionFactory(field=template.field, agency=template.agency)
        ProcedureFeeFactory.create_batch(2, version=version)

    assert count() == before
    assert before <= 8


def test_the_openapi_schema_documents_both_endpoints(client, catalogue):
    schema = get_json(client, "/api/v1/openapi.json")

    listing = schema["paths"]["/api/v1/procedures"]["get"]
    params = {p["name"]: p for p in listing["parameters"]}
    assert set(params) >= {"q", "field", "agency", "online_level", "lang", "on", "page"}
    assert params["lang"]["schema"]["enum"] == ["vi", "en"]
    assert "accents" in params["q"]["description"]
    detail = schema["paths"]["/api/v1/procedures/{code}"]["get"]
    assert {"200", "404"} <= set(detail["responses"])
    assert listing["tags"] == ["procedures"]
