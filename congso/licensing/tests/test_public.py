"""The public registry, licence pages, verification links and exports (issue 5 §3, §5)."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from congso.licensing.verification import licence_path, verification_path

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def licences(catalogue, staff):
    return [
        register(staff, number="5/GP-STTTT", issued_on=datetime.date(2024, 3, 1)),
        register(
            staff,
            number="5/GP-STTTT",
            issued_on=datetime.date(2025, 5, 2),
            holder_name="Công ty TNHH In Đồng Nai",
            holder_email="in@example.vn",
        ),
        register(
            staff,
            type_code="printing",
            number="9/GPIN-STTTT",
            issued_on=datetime.date(2025, 6, 3),
            holder_name="Xưởng in Thuận An",
            values={"establishment": "Xưởng in Thuận An"},
        ),
    ]


def _numbers(response) -> list[str]:
    return [licence.number for licence in response.context["licences"]]


def test_the_registry_finds_licences_without_accents_and_by_filters(client, licences):
    page = client.get("/vi/giay-phep/", {"q": "dong a"})
    assert page.status_code == 200
    assert [lic.holder_name for lic in page.context["licences"]] == ["Công ty Cổ phần Đông Á"]
    assert "Công ty Cổ phần Đông Á" in page.content.decode()

    assert _numbers(client.get("/vi/giay-phep/", {"q": "5/GP-STTTT"})) == ["5/GP-STTTT"] * 2
    assert _numbers(client.get("/vi/giay-phep/", {"type": "printing"})) == ["9/GPIN-STTTT"]
    assert len(client.get("/vi/giay-phep/", {"year": "2025"}).context["licences"]) == 2
    assert _numbers(client.get("/en/licences/", {"status": "revoked"})) == []
    assert "No licence matches" in client.get("/en/licences/", {"q": "zzz"}).content.decode()


def test_the_registry_pages_with_a_fixed_number_of_queries(
    client, licences, staff, django_assert_max_num_queries
):
    for n in range(30):
        register(staff, number=f"{100 + n}/GP-STTTT", issued_on=datetime.date(2023, 1, 2))
    with django_assert_max_num_queries(12):
        first = client.get("/vi/giay-phep/")
    assert len(first.context["licences"]) == 20
    second = client.get("/vi/giay-phep/", {"page": 2})
    assert len(second.context["licences"]) == 13


def test_a_licence_page_is_at_its_year_and_number_with_the_slash_kept(client, licences):
    lic = licences[0]
    assert licence_path(lic, language="vi") == "/vi/giay-phep/2024/5/GP-STTTT/"
    assert licence_path(lic, language="en") == "/en/licences/2024/5/GP-STTTT/"
    html = client.get("/vi/giay-phep/2024/5/GP-STTTT/").content.decode()
    assert "CÒN HIỆU LỰC" in html and "Công ty Cổ phần Đông Á" in html
    # The same number in another year is another licence.
    assert (
        "Công ty TNHH In Đồng Nai" in client.get("/en/licences/2025/5/GP-STTTT/").content.decode()
    )
    assert client.get("/vi/giay-phep/2024/5%2FGP-STTTT/").status_code == 200
    assert client.get("/vi/giay-phep/2024/99/GP-STTTT/").status_code == 404


@pytest.mark.parametrize(
    "suffix",
    ["", "?t=", "?t=0123456789abcdef01234567", "?t=WRONG"],
    ids=["missing", "empty", "forged", "garbage"],
)
def test_a_wrong_or_missing_token_never_says_valid(client, licences, suffix):
    response = client.get("/vi/giay-phep/xac-thuc/2024/5/GP-STTTT/" + suffix)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không thể xác thực đường dẫn này" in html
    assert "CÒN HIỆU LỰC" not in html and "Còn hiệu lực" not in html
    assert "/vi/giay-phep/?q=5%2FGP-STTTT" in html  # the registry search, offered

    api = client.get("/api/v1/licences/5/GP-STTTT/verify" + suffix, {"year": 2024})
    assert api.status_code == 404
    assert api.json() == {
        "verified": False,
        "message": "Không thể xác thực đường dẫn này.",
        "licence": None,
    }


def test_a_token_is_bound_to_its_licence(client, licences):
    other_token = verification_path(licences[1]).split("?t=")[1]
    response = client.get(f"/vi/giay-phep/xac-thuc/2024/5/GP-STTTT/?t={other_token}")
    assert response.status_code == 404
    good = client.get(verification_path(licences[0], language="vi"))
    assert good.status_code == 200
    assert "CÒN HIỆU LỰC" in good.content.decode()
    # Without the year, the API finds the year's licence the token was made for.
    token = verification_path(licences[0]).split("?t=")[1]
    body = client.get("/api/v1/licences/5/GP-STTTT/verify", {"t": token}).json()
    assert body["verified"] is True
    assert body["licence"]["year"] == 2024
    assert body["licence"]["holder"] == "Công ty Cổ phần Đông Á"


def test_the_public_export_has_public_fields_and_staff_get_all(client, licences, staff):
    response = client.get("/vi/giay-phep/tai-ve.csv", {"year": "2025"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Số giấy phép", "Năm", "Loại giấy phép", "Đơn vị được cấp phép"]
    assert len(rows) == 3
    assert "in@example.vn" not in response.content.decode("utf-8-sig")
    assert "Thư điện tử của đơn vị được cấp phép" not in rows[0]

    client.force_login(staff["licensing"])
    staff_csv = client.get("/vi/giay-phep/tai-ve.csv", {"year": "2025"})
    assert "in@example.vn" in staff_csv.content.decode("utf-8-sig")

    xlsx = client.get("/en/licences/export.xlsx", {"type": "printing"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Licence number"
    assert values[1][0] == "9/GPIN-STTTT"
    assert "Holder's email" in values[0]


def test_the_api_searches_and_returns_a_licence_by_number(client, licences):
    body = client.get("/api/v1/licences", {"q": "dong nai", "lang": "en"}).json()
    assert body["count"] == 1
    assert body["results"][0]["number"] == "5/GP-STTTT"
    assert body["results"][0]["year"] == 2025
    assert body["results"][0]["status"]["headline"] == "VALID"
    assert client.get("/api/v1/licences", {"type": "printing"}).json()["count"] == 1
    assert client.get("/api/v1/licences", {"status": "revoked"}).json()["count"] == 0
    assert client.get("/api/v1/licences", {"status": "nonsense"}).status_code == 422

    latest = client.get("/api/v1/licences/5/GP-STTTT").json()
    assert latest["year"] == 2025
    older = client.get("/api/v1/licences/5/GP-STTTT", {"year": 2024}).json()
    assert older["holder"] == "Công ty Cổ phần Đông Á"
    assert {"label": "Tên bản tin", "value": "Bản tin Đông Á"} in older["fields"]
    assert client.get("/api/v1/licences/77/GP-STTTT").status_code == 404

    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/licences/{number}/verify" in schema["paths"]


# --- Personal data of holders who are people ----------------------------------------------

STREET_ADDRESS = "Số 5 đường Yersin, phường Phú Cường, Thủ Dầu Một, Bình Dương"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_persons_address_is_shown_only_down_to_the_district(client, catalogue, staff, language):
    person = register(
        staff,
        number="7/GP-STTTT",
        holder_name="Nguyễn Văn An",
        holder_tax_code="",
        holder_address=STREET_ADDRESS,
        holder_is_individual=True,
    )
    company = register(staff, number="8/GP-STTTT", holder_address=STREET_ADDRESS)

    shown = client.get(licence_path(person, language=language)).content.decode()
    assert "Thủ Dầu Một, Bình Dương" in shown
    assert "Yersin" not in shown and "Phú Cường" not in shown
    verified = client.get(verification_path(person, language=language)).content.decode()
    assert "Yersin" not in verified
    # An organisation's address is on the public business register: shown in full.
    assert STREET_ADDRESS in client.get(licence_path(company, language=language)).content.decode()
    # Staff see it whole.
    client.force_login(staff["licensing"])
    detail = client.get(f"/admin/licences/{person.pk}/").content.decode()
    assert STREET_ADDRESS in detail


def test_a_licence_issued_to_a_person_is_marked_so_from_the_dossier(client, catalogue, staff):
    from .conftest import APPLICANT, approved_dossier_make, issue

    applicant = {
        **APPLICANT,
        "applicant_kind": "individual",
        "applicant_name": "Trần Thị Bình",
        "applicant_id_number": "074190001234",
        "applicant_tax_code": "",
        "applicant_address": STREET_ADDRESS,
    }
    licence = issue(approved_dossier_make(staff, applicant=applicant), staff)

    assert licence.holder_is_individual
    shown = client.get(licence_path(licence, language="vi")).content.decode()
    assert "Trần Thị Bình" in shown and "Thủ Dầu Một, Bình Dương" in shown
    assert "Yersin" not in shown


def test_public_exports_are_rate_limited_per_address_but_not_for_staff(
    client, licences, staff, settings
):
    settings.CONGSO_LICENCE_EXPORT_RATE_LIMIT = (3, 300)
    for _ in range(3):
        assert client.get("/vi/giay-phep/tai-ve.csv").status_code == 200

    refused = client.get("/vi/giay-phep/tai-ve.csv")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 300
    assert "Bạn đã tải xuống sổ giấy phép quá nhiều lần" in refused.content.decode()
    english = client.get("/en/licences/export.xlsx")
    assert english.status_code == 429
    assert "Too many downloads of the licence register" in english.content.decode()
    # Another address is not held back; staff never are.
    assert client.get("/vi/giay-phep/tai-ve.csv", REMOTE_ADDR="198.51.100.9").status_code == 200
    client.force_login(staff["licensing"])
    assert client.get("/vi/giay-phep/tai-ve.csv").status_code == 200
