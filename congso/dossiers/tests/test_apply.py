"""The online application form through the web client: the task list, each step, errors
that say how to fix them, uploads checked by content (nothing kept when a check fails),
check your answers, one dossier per token, the confirmation with the secret shown once."""

import pytest

from congso.dossiers import tracking
from congso.dossiers.models import Dossier, DossierDocument

from .conftest import NEWSLETTER_ANSWERS
from .factories import EXE_BYTES, PDF_BYTES, PNG_BYTES, docx_bytes, upload

pytestmark = pytest.mark.django_db

BASE = "/vi/thu-tuc-hanh-chinh/1.009374/nop-ho-so/"
BASE_EN = "/en/procedures/1.009374/apply/"
APPLICANT = {
    "applicant_kind": "organisation",
    "applicant_name": "Công ty TNHH Truyền thông Bình Minh",
    "applicant_id_number": "",
    "applicant_tax_code": "3700123456",
    "applicant_address": "Số 1 Lê Lợi, Thủ Dầu Một, Bình Dương",
    "applicant_phone": "0912 345 678",
    "applicant_email": "binhminh@example.vn",
}
FILES = {
    "document-declaration": ("to-khai.pdf", PDF_BYTES),
    "document-establishment": ("giay-dang-ky.png", PNG_BYTES),
    "document-responsible_person_cv": ("so-yeu-ly-lich.docx", docx_bytes()),
    "document-title_design": ("mau-ten.pdf", PDF_BYTES),
}


def _files(**overrides):
    chosen = {**FILES, **overrides}
    return {key: upload(name, content) for key, (name, content) in chosen.items() if name}


def fill_in(client):
    assert client.post(BASE + "nguoi-nop/", APPLICANT).status_code == 302
    assert client.post(BASE + "thong-tin/", NEWSLETTER_ANSWERS).status_code == 302
    assert client.post(BASE + "tai-lieu/", _files()).status_code == 302


def test_the_task_list_starts_without_a_session_cookie(client, newsletter):
    response = client.get(BASE)

    assert response.status_code == 200
    text = response.content.decode()
    for words in (
        "1. Người nộp hồ sơ",
        "2. Thông tin hồ sơ",
        "3. Tài liệu kèm theo",
        "Chưa bắt đầu",
    ):
        assert words in text
    assert "sessionid" not in response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("procedure_page", "form"),
    [("/vi/thu-tuc-hanh-chinh/1.009374/", BASE), ("/en/procedures/1.009374/", BASE_EN)],
)
def test_the_procedure_page_links_to_the_form(client, newsletter, procedure_page, form):
    response = client.get(procedure_page)

    assert f'href="{form}"' in response.content.decode()
    assert client.get(form).status_code == 200


def test_each_step_marks_its_task_done(client, newsletter):
    response = client.post(BASE + "nguoi-nop/", APPLICANT)
    assert response.status_code == 302 and response["Location"] == BASE
    assert "sessionid" in response.cookies

    text = client.get(BASE).content.decode()
    assert text.count("Đã xong") == 1
    assert "Kiểm tra lại thông tin" not in text

    fill_in(client)
    text = client.get(BASE).content.decode()
    assert text.count("Đã xong") == 3
    assert BASE + "kiem-tra/" in text


def test_errors_are_summarised_and_explained_and_values_kept(client, newsletter):
    response = client.post(
        BASE + "nguoi-nop/", {**APPLICANT, "applicant_phone": "0912", "applicant_tax_code": ""}
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "Có lỗi cần sửa" in text
    assert 'href="#id_applicant_phone"' in text
    assert "Nhập số điện thoại gồm 10 chữ số" in text
    assert "Nhập mã số thuế của tổ chức" in text
    assert 'value="Công ty TNHH Truyền thông Bình Minh"' in text  # kept
    assert 'aria-invalid="true"' in text


def test_the_procedures_own_questions_are_asked_and_checked(client, newsletter):
    text = client.get(BASE + "thong-tin/").content.decode()
    for label in (
        "Tên bản tin",
        "Kỳ hạn xuất bản",
        "Số lượng bản mỗi kỳ",
        "Ngôn ngữ thể hiện",
        "Người chịu trách nhiệm xuất bản",
    ):
        assert label in text
    assert "<legend" in text  # the language choice is a radio group

    response = client.post(
        BASE + "thong-tin/", {**NEWSLETTER_ANSWERS, "pages": "mười sáu", "language": ""}
    )
    text = response.content.decode()
    assert "Viết một số nguyên bằng chữ số, ví dụ 12." in text
    assert "Chọn ngôn ngữ thể hiện." in text
    assert 'href="#id_language_0"' in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("to-khai.pdf", EXE_BYTES, "là một chương trình, không phải tài liệu"),
        ("to-khai.pdf", b"", "trống (0 byte)"),
        ("to-khai.pdf", b"just some text", "không phải tệp PDF, JPEG, PNG hoặc DOCX"),
    ],
)
def test_a_bad_upload_is_refused_and_nothing_is_kept(
    client, newsletter, private_media, name, content, message
):
    client.post(BASE + "nguoi-nop/", APPLICANT)

    response = client.post(BASE + "tai-lieu/", _files(**{"document-declaration": (name, content)}))

    text = response.content.decode()
    assert response.status_code == 200
    assert message in text
    assert 'href="#document-declaration"' in text
    # The good files of the same request were not kept either.
    assert "giay-dang-ky.png" not in text
    drafts = private_media / "drafts"
    assert not drafts.exists() or not any(p.is_file() for p in drafts.rglob("*"))


def test_an_oversize_upload_is_refused(client, newsletter, settings, private_media):
    settings.CONGSO_DOSSIER_MAX_FILE_SIZE = 1024
    client.post(BASE + "nguoi-nop/", APPLICANT)

    response = client.post(
        BASE + "tai-lieu/",
        _files(**{"document-declaration": ("to-khai.pdf", PDF_BYTES + b"0" * 2000)}),
    )

    assert "mỗi tệp tối đa 1 KB" in response.content.decode()
    assert (
        not any(p.is_file() for p in (private_media / "drafts").rglob("*"))
        if (private_media / "drafts").exists()
        else True
    )


def test_uploaded_files_show_their_name_and_size_and_can_be_removed(
    client, newsletter, private_media
):
    client.post(BASE + "tai-lieu/", _files(**{"document-title_design": (None, None)}))

    text = client.get(BASE + "tai-lieu/").content.decode()
    assert "to-khai.pdf" in text and "so-yeu-ly-lich.docx" in text
    assert "Xóa" in text
    stored = [p for p in (private_media / "drafts").rglob("*") if p.is_file()]
    assert len(stored) == 3

    response = client.post(BASE + "tai-lieu/", {"remove": "declaration"})
    assert response.status_code == 302
    text = client.get(BASE + "tai-lieu/").content.decode()
    assert "to-khai.pdf" not in text
    assert len([p for p in (private_media / "drafts").rglob("*") if p.is_file()]) == 2


def test_a_missing_required_document_is_named(client, newsletter):
    response = client.post(BASE + "tai-lieu/", _files(**{"document-title_design": (None, None)}))

    assert response.status_code == 200
    assert "Chọn tệp “Mẫu trình bày tên gọi của bản tin" in response.content.decode()


def test_check_your_answers_then_one_dossier_with_the_secret_shown_once(
    client, newsletter, private_media
):
    fill_in(client)

    check = client.get(BASE + "kiem-tra/")
    text = check.content.decode()
    assert "Kiểm tra lại thông tin trước khi nộp hồ sơ" in text
    assert "Công ty TNHH Truyền thông Bình Minh" in text and "Bản tin Bình Minh" in text
    assert "to-khai.pdf" in text
    assert text.count(">Sửa<") >= 10
    token = check.context["token"]

    first = client.post(BASE + "kiem-tra/", {"token": token})
    again = client.post(BASE + "kiem-tra/", {"token": token})  # a double click

    assert first["Location"] == again["Location"] == BASE + "da-nop/"
    assert Dossier.objects.count() == 1
    dossier = Dossier.objects.get()
    assert dossier.channel == "online" and dossier.language == "vi"
    assert DossierDocument.objects.filter(dossier=dossier).count() == 4
    assert not any(p.is_file() for p in (private_media / "drafts").rglob("*"))

    done = client.get(BASE + "da-nop/")
    text = done.content.decode()
    secret = done.context["secret"]
    assert dossier.code in text
    assert secret in text and tracking.secret_matches(secret, dossier.tracking_secret_hash)
    assert "Ngày hẹn trả kết quả dự kiến nếu hồ sơ được tiếp nhận hôm nay: Thứ" in text
    assert "no-store" in done["Cache-Control"]

    # Shown once only.
    text = client.get(BASE + "da-nop/").content.decode()
    assert dossier.code in text
    assert secret not in text


def test_the_form_in_english(client, newsletter):
    response = client.get(BASE_EN)
    text = response.content.decode()
    assert "1. Applicant" in text and "Not started" in text

    client.post(BASE_EN + "applicant/", APPLICANT)
    client.post(BASE_EN + "details/", NEWSLETTER_ANSWERS)
    client.post(BASE_EN + "documents/", _files())
    token = client.get(BASE_EN + "check/").context["token"]
    client.post(BASE_EN + "check/", {"token": token})

    assert Dossier.objects.get().language == "en"
    assert (
        "Expected due date if your application is received today:"
        in client.get(BASE_EN + "done/").content.decode()
    )


def test_an_unknown_step_or_procedure_is_not_found(client, newsletter):
    assert client.get(BASE + "buoc-la/").status_code == 404
    assert client.get("/vi/thu-tuc-hanh-chinh/9.999999/nop-ho-so/").status_code == 404
