"""What a move sets off after commit: the papers (Forms 01–04, PDF) and the applicant's
emails — and that a rolled-back move sets off nothing."""

import datetime

import pytest
from django.core import mail
from django.db import transaction

from congso.core.testing import decode_qr_codes, pdf_text
from congso.dossiers import papers, services
from congso.dossiers.choices import IssuedDocumentKind, Status

pytestmark = pytest.mark.django_db


def test_receipt_emails_the_applicant_after_commit_with_form_01(
    submit, staff, django_capture_on_commit_callbacks
):
    dossier = submit(language="vi").dossier

    with django_capture_on_commit_callbacks(execute=False) as pending:
        received = services.dossier_receive(dossier=dossier, actor=staff["clerk"])
        assert mail.outbox == []  # nothing before commit
    assert len(pending) == 1
    pending[0]()  # the commit

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["an@example.vn"]
    assert dossier.code in message.subject
    assert received.due_at.astimezone(datetime.UTC).tzinfo  # set
    assert dossier.code in message.body
    [(name, content, kind)] = message.attachments
    assert name == f"form01-{dossier.code}.pdf" and kind == "application/pdf"
    text = pdf_text(content)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert dossier.code in text
    assert "Nguyễn Văn An" in text
    assert "••••-••••-••••" in text  # the stored copy never carries the secret


def test_a_rolled_back_move_sends_nothing_and_renders_nothing(
    submit, staff, django_capture_on_commit_callbacks
):
    dossier = submit().dossier

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.dossier_receive(dossier=dossier, actor=staff["clerk"])
        raise RuntimeError("the next step failed")

    assert callbacks == []
    assert mail.outbox == []
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    assert not dossier.papers.exists()


def test_an_english_application_gets_english_emails(
    submit, staff, django_capture_on_commit_callbacks
):
    dossier = submit(language="en").dossier

    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_request_supplement(
            dossier=dossier,
            actor=staff["clerk"],
            documents=["licence"],
            note="Certified copy please.",
        )

    [message] = mail.outbox
    assert message.subject == f"Application {dossier.code}: more documents needed"
    assert "Copy of the business registration" in message.body
    assert "Certified copy please." in message.body
    html = message.alternatives[0][0]
    assert "Copy of the business registration" in html


def test_no_email_without_an_address_and_none_for_internal_moves(
    submit, staff, unit, django_capture_on_commit_callbacks
):
    from .factories import APPLICANT

    quiet = submit(applicant=dict(APPLICANT, applicant_email="")).dossier
    loud = submit().dossier
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_receive(dossier=quiet, actor=staff["clerk"])
        received = services.dossier_receive(dossier=loud, actor=staff["clerk"])
    assert [m.to for m in mail.outbox] == [["an@example.vn"]]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assigned = services.dossier_assign(dossier=received, actor=staff["clerk"], unit=unit)
        services.dossier_start_review(dossier=assigned, actor=staff["officer"])
    assert mail.outbox == []


def test_every_paper_has_its_title_and_a_qr_code_to_the_tracking_page(
    submit, staff, unit, django_capture_on_commit_callbacks
):
    dossier = submit().dossier
    with django_capture_on_commit_callbacks(execute=True):
        refused = services.dossier_refuse(
            dossier=submit().dossier,
            actor=staff["clerk"],
            reasons="Hồ sơ không thuộc thẩm quyền của Sở.",
        )
        asked = services.dossier_request_supplement(
            dossier=dossier,
            actor=staff["clerk"],
            documents=["licence"],
            due_on=datetime.date(2099, 3, 2),
        )
    expected = {
        IssuedDocumentKind.FORM02: (
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Bản sao giấy phép đăng ký kinh doanh",
            "02/03/2099",
        ),
        IssuedDocumentKind.FORM03: (
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "không thuộc thẩm quyền",
            "",
        ),
    }
    for paper in [*asked.papers.all(), *refused.papers.all()]:
        assert paper.file and paper.sha256 and paper.rendered_at
        with paper.file.open("rb") as handle:
            pdf = handle.read()
        text = pdf_text(pdf)
        title, detail, date = expected[paper.kind]
        assert title in text and detail in text and date in text
        assert paper.number in text
        assert decode_qr_codes(pdf) == [
            f"http://127.0.0.1:8000/vi/tra-cuu-ho-so/?code={paper.dossier.code}"
        ]


def test_the_apology_letter_gives_the_new_date(
    submit, staff, unit, django_capture_on_commit_callbacks
):
    from .test_workflow import at, drive

    dossier = submit(now=at("2027-03-01")).dossier
    dossier = services.dossier_receive(dossier=dossier, actor=staff["clerk"], now=at("2027-03-01"))
    dossier = drive(dossier, Status.IN_REVIEW, staff, unit)
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_apologise(
            dossier=dossier,
            actor=staff["officer"],
            new_due_on=datetime.date(2027, 3, 19),
            reason="Cần xin ý kiến Bộ Thông tin và Truyền thông.",
            now=at("2027-03-11"),
        )

    paper = dossier.papers.get(kind=IssuedDocumentKind.FORM04)
    with paper.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "ngày 19 tháng 03 năm 2027" in text
    assert "Cần xin ý kiến Bộ Thông tin và Truyền thông." in text
    assert (
        mail.outbox[-1].subject.endswith("lời xin lỗi và ngày hẹn mới")
        or dossier.code in mail.outbox[-1].subject
    )


def test_the_applicants_copy_of_form_01_prints_the_secret(
    submit, staff, django_capture_on_commit_callbacks
):
    result = submit()
    with django_capture_on_commit_callbacks(execute=True):
        received = services.dossier_receive(dossier=result.dossier, actor=staff["clerk"])

    pdf = papers.applicant_slip(received, result.secret)

    assert result.secret in pdf_text(pdf)
    stored = received.papers.get()
    with stored.file.open("rb") as handle:
        assert result.secret not in pdf_text(handle.read())
