"""The public tracking page through the web client: a look-up with the code and the secret
(or the applicant's ID number) shows the status in words, the public timeline, the due
date and what is needed; a wrong secret answers exactly like an unknown code; look-ups are
rate-limited; the applicant supplies documents and withdraws online; the papers need a
look-up first; Vietnamese and English."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from congso.core.dates import long_date
from congso.dossiers import services
from congso.dossiers.choices import Status
from congso.dossiers.models import DossierDocument

from .factories import EXE_BYTES, PDF_BYTES, upload

pytestmark = pytest.mark.django_db

LOOKUP_VI = "/vi/tra-cuu-ho-so/"
LOOKUP_EN = "/en/track/"


def url(name: str, *args, language: str = "vi") -> str:
    with translation.override(language):
        return reverse(f"dossiers:{name}", args=args)


def look_up(client, code: str, secret: str, *, lookup: str = LOOKUP_VI):
    return client.post(lookup, {"code": code, "secret": secret})


def in_review(dossier, desk, django_capture_on_commit_callbacks):
    """Receive (Form 01 rendered), assign to the officer and start processing."""
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_receive(dossier=dossier, actor=desk["clerk"])
    services.dossier_assign(
        dossier=dossier, actor=desk["clerk"], unit=desk["unit"], officer=desk["officer"]
    )
    return services.dossier_start_review(dossier=dossier, actor=desk["officer"])


def _normalised(response, code: str) -> str:
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", text)
    text = re.sub(r'nonce="[^"]+"', "nonce", text)
    return text.replace(code, "CODE")


def test_the_code_and_secret_show_status_timeline_and_due_date(
    client, apply_newsletter, desk, django_capture_on_commit_callbacks
):
    result = apply_newsletter()
    dossier = in_review(result.dossier, desk, django_capture_on_commit_callbacks)

    response = look_up(client, dossier.code, result.secret)

    assert response.status_code == 302
    assert response["Location"] == url("track_status", dossier.code)
    page = client.get(response["Location"])
    text = page.content.decode()
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert dossier.code in text
    assert "Đang xử lý — còn" in text  # status in words, with the working days left
    assert long_date(dossier.due_at, "vi") in text  # the due date
    for step in ("Nộp hồ sơ trực tuyến", "Đã tiếp nhận"):  # the public timeline
        assert step in text
    assert "Trần T*** M***" in text and "Trần Thị Mai" not in text  # the name masked
    # No staff names, no ID number on the public page.
    assert desk["clerk"].get_full_name() not in text
    assert "074185001234" not in text
    assert "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in text  # Form 01 listed


def test_the_applicants_id_number_works_instead_of_the_secret(client, apply_newsletter):
    dossier = apply_newsletter().dossier

    response = look_up(client, dossier.code, "074 185 001 234")

    assert response.status_code == 302
    text = client.get(response["Location"]).content.decode()
    assert "Đã nộp, chờ tiếp nhận" in text


def test_a_wrong_secret_answers_exactly_like_an_unknown_code(client, apply_newsletter):
    dossier = apply_newsletter().dossier
    unknown = dossier.code[:-4] + "9999"

    wrong_secret = look_up(client, dossier.code, "AAAA-BBBB-CCCC")
    wrong_id = look_up(client, dossier.code, "074185009999")
    no_such_code = look_up(client, unknown, "AAAA-BBBB-CCCC")
    no_such_code_id = look_up(client, unknown, "074185009999")

    for response in (wrong_secret, wrong_id, no_such_code):
        assert response.status_code == 200
        assert "Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này" in response.content.decode()
    assert _normalised(wrong_secret, dossier.code) == _normalised(no_such_code, unknown)
    assert _normalised(wrong_id, dossier.code) == _normalised(no_such_code_id, unknown)
    assert {k: v for k, v in wrong_secret.items() if k != "Content-Length"} == {
        k: v for k, v in no_such_code.items() if k != "Content-Length"
    }
    # Nothing remembered: the status page still asks for the secret.
    status_page = client.get(url("track_status", dossier.code))
    assert status_page.status_code == 302
    assert status_page["Location"] == f"{LOOKUP_VI}?code={dossier.code}"


def test_the_eleventh_look_up_in_a_minute_is_refused(client, apply_newsletter):
    result = apply_newsletter()
    for _attempt in range(10):
        assert look_up(client, result.dossier.code, "AAAA-BBBB-CCCC").status_code == 200

    refused = look_up(client, result.dossier.code, result.secret)  # even the right secret

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Bạn đã tra cứu quá nhiều lần. Vui lòng chờ" in refused.content.decode()
    assert client.get(url("track_status", result.dossier.code)).status_code == 302


def test_the_applicant_supplies_the_documents_asked_for(
    client, apply_newsletter, desk, django_capture_on_commit_callbacks, private_media
):
    result = apply_newsletter()
    dossier = in_review(result.dossier, desk, django_capture_on_commit_callbacks)
    services.dossier_request_supplement(
        dossier=dossier,
        actor=desk["officer"],
        documents=["declaration"],
        note="Tờ khai chưa có chữ ký của người đứng đầu.",
    )
    look_up(client, dossier.code, result.secret)

    page = client.get(url("track_status", dossier.code)).content.decode()
    assert "Cần bổ sung: Tờ khai đề nghị cấp giấy phép xuất bản bản tin" in page
    assert "Tờ khai chưa có chữ ký của người đứng đầu." in page
    assert 'id="supplement-declaration"' in page

    # A renamed program is refused and nothing is recorded.
    refused = client.post(
        url("track_supplement", dossier.code),
        {"supplement-declaration": upload("to-khai-moi.pdf", EXE_BYTES)},
    )
    assert refused.status_code == 200
    assert "là một chương trình, không phải tài liệu" in refused.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    assert not DossierDocument.objects.filter(dossier=dossier, supplement_round=1).exists()

    response = client.post(
        url("track_supplement", dossier.code),
        {"supplement-declaration": upload("to-khai-moi.pdf", PDF_BYTES), "note": "Đã ký."},
    )

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.IN_REVIEW
    document = DossierDocument.objects.get(dossier=dossier, supplement_round=1)
    assert document.original_name == "to-khai-moi.pdf" and document.uploaded_by_applicant
    assert (private_media / document.file.name).read_bytes() == PDF_BYTES
    text = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn: hồ sơ bổ sung đã được gửi." in text
    assert "Đã bổ sung hồ sơ" in text and "Đang xử lý — còn" in text


def test_the_applicant_withdraws_after_ticking_the_box(client, apply_newsletter):
    result = apply_newsletter()
    code = result.dossier.code
    look_up(client, code, result.secret)

    unticked = client.post(url("track_withdraw", code), {"reason": "Không cần nữa"})
    assert "Đánh dấu vào ô xác nhận nếu bạn muốn rút hồ sơ." in unticked.content.decode()
    result.dossier.refresh_from_db()
    assert result.dossier.status == Status.SUBMITTED

    response = client.post(
        url("track_withdraw", code), {"reason": "Không cần nữa", "confirm": "yes"}
    )

    assert response.status_code == 302
    result.dossier.refresh_from_db()
    assert result.dossier.status == Status.WITHDRAWN
    text = client.get(response["Location"]).content.decode()
    assert "Hồ sơ của bạn đã được rút." in text
    assert "Không cần nữa" in text
    assert 'name="confirm"' not in text  # no second withdrawal offered


def test_no_move_without_a_look_up(client, apply_newsletter):
    dossier = apply_newsletter().dossier

    response = client.post(url("track_withdraw", dossier.code), {"confirm": "yes"})

    assert response.status_code == 302 and response["Location"].startswith(LOOKUP_VI)
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED


def test_a_paper_needs_the_secret(
    client, apply_newsletter, desk, django_capture_on_commit_callbacks
):
    result = apply_newsletter()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_receive(dossier=result.dossier, actor=desk["clerk"])
    paper = result.dossier.papers.get()
    paper_url = url("track_paper", result.dossier.code, paper.pk)

    without = client.get(paper_url)
    assert without.status_code == 302
    assert without["Location"].startswith(LOOKUP_VI)

    look_up(client, result.dossier.code, "AAAA-BBBB-CCCC")  # a wrong secret
    assert client.get(paper_url).status_code == 302

    look_up(client, result.dossier.code, result.secret)
    response = client.get(paper_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_tracking_page_in_english(
    client, apply_newsletter, desk, django_capture_on_commit_callbacks
):
    result = apply_newsletter(language="en")
    dossier = in_review(result.dossier, desk, django_capture_on_commit_callbacks)

    lookup = client.get(LOOKUP_EN).content.decode()
    assert "Track an application" in lookup
    wrong = look_up(client, dossier.code, "AAAA-BBBB-CCCC", lookup=LOOKUP_EN)
    assert "No application matches this reference number and secret." in wrong.content.decode()
    response = look_up(client, dossier.code, result.secret, lookup=LOOKUP_EN)

    assert response["Location"] == url("track_status", dossier.code, language="en")
    text = client.get(response["Location"]).content.decode()
    assert "Being processed —" in text and "working days left" in text
    assert long_date(dossier.due_at, "en") in text
    assert "Submitted online" in text and "What has happened" in text
    # The language switcher leads to the same dossier in Vietnamese.
    assert url("track_status", dossier.code) in text
