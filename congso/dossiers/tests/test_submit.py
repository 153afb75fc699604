"""Online submission: the code, the secret, the files, validation, idempotency."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from congso.core.calendar import VN_TZ
from congso.dossiers import files, tracking
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier, DossierDocument, DossierEvent
from congso.dossiers.services import IncomingFile, dossier_submit

from .conftest import incoming
from .factories import ANSWERS, APPLICANT

pytestmark = pytest.mark.django_db

FEB_19 = datetime.datetime(2027, 2, 19, 9, 30, tzinfo=VN_TZ)


def test_submission_numbers_the_dossier_and_keeps_its_files(submit, private_media):
    result = submit(now=FEB_19)

    dossier = result.dossier
    assert result.created
    assert dossier.code == "000.00.45.H07-270219-0001"
    assert dossier.status == Status.SUBMITTED
    assert dossier.national_status == 1
    assert dossier.due_at is None  # counts from receipt by the desk
    assert dossier.applicant_phone == "0912345678"
    assert dossier.answers == {
        "newsletter_name": "Bản tin Bình Minh",
        "pages": 16,
        "language": "vi",
    }
    # The secret is returned once; only its hash is kept.
    assert result.secret and result.secret not in dossier.tracking_secret_hash
    assert tracking.secret_matches(result.secret, dossier.tracking_secret_hash)
    documents = list(dossier.documents.order_by("slot_key"))
    assert [d.slot_key for d in documents] == ["declaration", "licence"]
    for document in documents:
        assert document.file.name.startswith(f"dossiers/{dossier.uuid}/")
        assert (private_media / document.file.name).read_bytes().startswith(b"%PDF-")
        assert document.content_type == "application/pdf"
        assert len(document.sha256) == 64
    assert list(dossier.events.values_list("action", "to_status")) == [("submit", "submitted")]


def test_the_daily_number_runs_on_and_starts_again_the_next_day(submit):
    codes = [submit(now=FEB_19).dossier.code for _ in range(3)]
    next_day = submit(now=FEB_19 + datetime.timedelta(days=1)).dossier.code

    assert [c[-4:] for c in codes] == ["0001", "0002", "0003"]
    assert next_day == "000.00.45.H07-270220-0001"


def test_the_issuer_is_kept_as_printed(submit, version):
    name_then = version.agency.name_vi
    dossier = submit().dossier
    version.agency.name_vi = "Sở Khoa học và Công nghệ"
    version.agency.save()

    dossier.refresh_from_db()
    assert dossier.issuer_name == name_then
    assert dossier.issuer_place == "Bình Dương"


def test_errors_name_each_field_and_say_how_to_fix_it(submit):
    applicant = dict(APPLICANT, applicant_phone="12345", applicant_id_number="")
    answers = dict(ANSWERS, pages="mười sáu", language="fr")

    with pytest.raises(ValidationError) as error:
        submit(applicant=applicant, answers=answers, documents=incoming("declaration"))

    messages = error.value.message_dict
    assert messages["applicant_phone"][0].startswith("Nhập số điện thoại gồm 10 chữ số")
    assert "12 chữ số" in messages["applicant_id_number"][0]
    assert messages["answers.pages"] == ["Viết một số nguyên bằng chữ số, ví dụ 12."]
    assert messages["answers.language"] == ["Chọn một trong các lựa chọn đã nêu."]
    assert Dossier.objects.count() == 0


def test_a_missing_required_document_is_named(submit):
    with pytest.raises(ValidationError) as error:
        submit(documents=incoming("declaration"))

    assert (
        "Bản sao giấy phép đăng ký kinh doanh" in error.value.message_dict["documents.licence"][0]
    )
    assert Dossier.objects.count() == 0


def test_an_organisation_gives_its_tax_code(submit):
    applicant = dict(
        APPLICANT,
        applicant_kind="organisation",
        applicant_name="Công ty TNHH Bình Minh",
        applicant_id_number="",
        applicant_tax_code="3700123456 001",
    )
    dossier = submit(applicant=applicant).dossier

    assert dossier.applicant_tax_code == "3700123456-001"
    assert dossier.masked_applicant_name == "Công ty TNHH Bình Minh"


def test_an_individuals_name_is_masked_for_the_public(submit):
    assert submit().dossier.masked_applicant_name == "Nguyễn V*** A***"


def test_the_same_idempotency_key_gives_the_same_dossier(submit):
    first = submit(idempotency_key="form:abc")
    again = submit(idempotency_key="form:abc")

    assert first.created and not again.created
    assert again.dossier.pk == first.dossier.pk
    assert again.secret is None
    assert Dossier.objects.count() == 1


def test_a_failure_inside_the_transaction_leaves_no_rows_and_cleanup_removes_the_files(
    submit, private_media, monkeypatch
):
    from congso.dossiers import services

    def boom(*args, **kwargs):
        raise RuntimeError("the server died here")

    monkeypatch.setattr(services, "_document_rows", boom)
    with pytest.raises(RuntimeError):
        submit()

    assert Dossier.objects.count() == 0
    assert DossierDocument.objects.count() == 0
    assert DossierEvent.objects.count() == 0
    orphans = list((private_media / "dossiers").iterdir())
    assert len(orphans) == 1  # written before the transaction, referred to by nothing

    young = files.cleanup_orphans()
    assert young.directories == 0 and orphans[0].exists()  # may still be in flight

    report = files.cleanup_orphans(older_than_seconds=0)
    assert report.directories == 1
    assert not orphans[0].exists()


def test_cleanup_keeps_committed_dossiers(submit, private_media):
    dossier = submit().dossier

    report = files.cleanup_orphans(older_than_seconds=0)

    assert report.directories == 0 and report.files == 0
    assert (private_media / "dossiers" / str(dossier.uuid)).is_dir()
    for document in dossier.documents.all():
        assert files.exists(document.file.name)


def test_a_draft_upload_is_copied_into_the_dossier(version, private_media):
    from .factories import upload

    checked = files.check_upload(upload())
    draft = files.store(checked, directory="drafts/abc")
    documents = [
        IncomingFile(
            slot_key="declaration",
            stored_name=draft,
            name="tk.pdf",
            content_type="application/pdf",
            size=checked.size,
            sha256=checked.sha256,
        ),
        *incoming("licence"),
    ]

    result = dossier_submit(
        version=version, applicant=APPLICANT, answers=ANSWERS, documents=documents
    )

    copied = result.dossier.documents.get(slot_key="declaration")
    assert copied.original_name == "tk.pdf"
    assert files.exists(copied.file.name) and files.exists(draft)
