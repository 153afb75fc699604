"""The dossier API as a client sees it: it reads the procedure (document keys and
questions) from GET /api/v1/procedures/{code}, submits a multipart application with an
Idempotency-Key (a retry returns the same dossier), reads its status with the secret in
X-Tracking-Secret (a wrong secret answers exactly like an unknown code), and supplies the
documents the desk asked for."""

import json

import pytest

from congso.dossiers import services, tracking
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier, DossierDocument

from .conftest import NEWSLETTER_ANSWERS, NEWSLETTER_APPLICANT
from .factories import EXE_BYTES, PDF_BYTES, upload

pytestmark = pytest.mark.django_db

PROCEDURE = "1.009374"


def application(keys, **overrides) -> dict:
    data = {
        "procedure": PROCEDURE,
        **NEWSLETTER_APPLICANT,
        "answers": json.dumps(NEWSLETTER_ANSWERS, ensure_ascii=False),
        **{key: upload(f"{key}.pdf", PDF_BYTES) for key in keys},
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def keys(client, newsletter):
    """The document keys as the procedure's API answer lists them."""
    body = client.get(f"/api/v1/procedures/{PROCEDURE}").json()
    return [doc["key"] for doc in body["documents"]]


def test_the_procedure_api_lists_what_an_application_needs(client, newsletter):
    body = client.get(f"/api/v1/procedures/{PROCEDURE}").json()

    assert [doc["key"] for doc in body["documents"]] == [
        "declaration",
        "establishment",
        "responsible_person_cv",
        "title_design",
    ]
    assert {field["key"] for field in body["application_fields"]} == set(NEWSLETTER_ANSWERS)
    assert body["apply_url"].endswith("/vi/thu-tuc-hanh-chinh/1.009374/nop-ho-so/")
    listed = client.get("/api/v1/procedures", {"q": "ban tin"}).json()
    assert PROCEDURE in [item["code"] for item in listed["items"]]


def test_a_retry_with_the_same_idempotency_key_returns_the_same_dossier(
    client, keys, private_media
):
    first = client.post(
        "/api/v1/dossiers", application(keys), headers={"Idempotency-Key": "app-42-try"}
    )
    retry = client.post(
        "/api/v1/dossiers", application(keys), headers={"Idempotency-Key": "app-42-try"}
    )

    assert first.status_code == 201, first.content
    assert retry.status_code == 200
    assert retry.json() == first.json()  # the same body, the secret included
    assert Dossier.objects.count() == 1
    dossier = Dossier.objects.get()
    assert first.json()["code"] == dossier.code
    assert tracking.secret_matches(first.json()["tracking_secret"], dossier.tracking_secret_hash)
    assert DossierDocument.objects.filter(dossier=dossier).count() == 4
    assert len([p for p in (private_media / "dossiers").rglob("*") if p.is_file()]) == 4


def test_the_same_key_with_another_application_is_refused(client, keys):
    client.post("/api/v1/dossiers", application(keys), headers={"Idempotency-Key": "k-1"})

    other = client.post(
        "/api/v1/dossiers",
        application(keys, applicant_name="Lê Văn Khác"),
        headers={"Idempotency-Key": "k-1"},
    )

    assert other.status_code == 409
    assert "Idempotency-Key" in other.json()["detail"]
    assert Dossier.objects.count() == 1


def test_without_a_key_each_post_is_a_new_dossier(client, keys):
    codes = {client.post("/api/v1/dossiers", application(keys)).json()["code"] for _ in range(2)}

    assert len(codes) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (EXE_BYTES, "là một chương trình, không phải tài liệu"),
        (b"", "trống (0 byte)"),
    ],
)
def test_a_bad_file_is_refused_with_its_field_and_nothing_is_saved(
    client, keys, private_media, content, message
):
    response = client.post(
        "/api/v1/dossiers", application(keys, declaration=upload("to-khai.pdf", content))
    )

    assert response.status_code == 422
    assert message in " ".join(response.json()["errors"]["documents.declaration"])
    assert not Dossier.objects.exists() and not DossierDocument.objects.exists()
    assert not private_media.exists() or not any(p.is_file() for p in private_media.rglob("*"))


def test_errors_are_named_per_field_in_the_language_asked_for(client, keys):
    response = client.post(
        "/api/v1/dossiers",
        application(keys, applicant_phone="12", lang="en", title_design=None),
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "Enter a telephone number of 10 digits" in errors["applicant_phone"][0]
    assert not Dossier.objects.exists()


def test_the_status_needs_the_secret_and_a_wrong_one_looks_unknown(client, keys):
    created = client.post("/api/v1/dossiers", application(keys)).json()
    code, secret = created["code"], created["tracking_secret"]

    read = client.get(f"/api/v1/dossiers/{code}", headers={"X-Tracking-Secret": secret})
    by_id = client.get(f"/api/v1/dossiers/{code}", headers={"X-Tracking-Secret": "074185001234"})
    wrong = client.get(f"/api/v1/dossiers/{code}", headers={"X-Tracking-Secret": "AAAA-BBBB-CCCC"})
    missing = client.get(f"/api/v1/dossiers/{code}")
    unknown = client.get(
        f"/api/v1/dossiers/{code[:-4]}9999", headers={"X-Tracking-Secret": "AAAA-BBBB-CCCC"}
    )

    assert read.status_code == 200 and by_id.status_code == 200
    body = read.json()
    assert body["code"] == code
    assert body["status"]["code"] == "submitted" and body["status"]["national"] == 1
    assert body["status"]["text"] == "Đã nộp, chờ tiếp nhận"
    assert body["applicant"] == "Trần T*** M***"
    assert [e["action"] for e in body["events"]] == ["submit"]
    assert wrong.status_code == missing.status_code == unknown.status_code == 404
    assert wrong.content == missing.content == unknown.content


def test_status_look_ups_are_rate_limited(client, keys):
    code = client.post("/api/v1/dossiers", application(keys)).json()["code"]
    for _attempt in range(10):
        client.get(f"/api/v1/dossiers/{code}", headers={"X-Tracking-Secret": "WRONG"})

    refused = client.get(f"/api/v1/dossiers/{code}", headers={"X-Tracking-Secret": "WRONG"})

    assert refused.status_code == 429
    assert "Tra cứu quá nhiều lần" in refused.json()["detail"]


def test_the_applicant_supplies_documents_through_the_api(client, keys, desk, private_media):
    created = client.post("/api/v1/dossiers", application(keys)).json()
    dossier = Dossier.objects.get(code=created["code"])
    secret = {"X-Tracking-Secret": created["tracking_secret"]}
    url = f"/api/v1/dossiers/{dossier.code}/supplements"

    nothing_asked = client.post(url, {"declaration": upload()}, headers=secret)
    assert nothing_asked.status_code == 409

    services.dossier_request_supplement(
        dossier=dossier,
        actor=desk["clerk"],
        documents=["title_design"],
        note="Mẫu tên gọi chưa rõ màu sắc.",
    )
    needed = client.get(f"/api/v1/dossiers/{dossier.code}", headers=secret).json()["needed"]
    assert len(needed["documents"]) == 1
    assert needed["documents"][0].startswith("Mẫu trình bày tên gọi của bản tin")
    assert needed["note"] == "Mẫu tên gọi chưa rõ màu sắc."

    wrong_secret = client.post(
        url, {"title_design": upload()}, headers={"X-Tracking-Secret": "AAAA-BBBB-CCCC"}
    )
    wrong_slot = client.post(url, {"declaration": upload()}, headers=secret)
    assert wrong_secret.status_code == 404
    assert wrong_slot.status_code == 422
    assert "documents.declaration" in wrong_slot.json()["errors"]

    response = client.post(url, {"title_design": upload("mau-ten-moi.pdf")}, headers=secret)

    assert response.status_code == 200, response.content
    assert response.json()["status"]["code"] == Status.SUBMITTED  # back to the desk
    assert response.json()["needed"] is None
    document = DossierDocument.objects.get(dossier=dossier, supplement_round=1)
    assert document.slot_key == "title_design" and document.original_name == "mau-ten-moi.pdf"
    assert (private_media / document.file.name).is_file()


def test_an_oversize_file_and_an_oversize_application_are_refused(
    client, keys, settings, private_media
):
    settings.CONGSO_DOSSIER_MAX_FILE_SIZE = 2048
    big = upload("to-khai.pdf", PDF_BYTES + b"0" * 4096)

    too_big = client.post("/api/v1/dossiers", application(keys, declaration=big))

    assert too_big.status_code == 422
    assert "tối đa 2 KB" in " ".join(too_big.json()["errors"]["documents.declaration"])

    settings.CONGSO_DOSSIER_MAX_FILE_SIZE = 4096
    settings.CONGSO_DOSSIER_MAX_TOTAL_SIZE = 4096
    each = PDF_BYTES + b"0" * 1500
    too_much = client.post(
        "/api/v1/dossiers",
        application(keys, **{key: upload(f"{key}.pdf", each) for key in keys}),
    )

    assert too_much.status_code == 422
    assert "documents" in too_much.json()["errors"]
    assert not Dossier.objects.exists() and not DossierDocument.objects.exists()
    assert not private_media.exists() or not any(p.is_file() for p in private_media.rglob("*"))
