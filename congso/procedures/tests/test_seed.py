"""The seeded catalogue is LEGAL.md §5, row by row, and loading it twice changes nothing."""

import datetime

import pytest
from wagtail.models import Page

from congso.organization.models import LegalInstrument
from congso.procedures.demo import procedures_demo_ensure
from congso.procedures.models import (
    Procedure,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedureVersion,
    RequiredDocument,
)

pytestmark = pytest.mark.django_db

WD, DAYS, HOURS = "working_days", "days", "hours"

# LEGAL.md §5, copied by hand: (code or None, name vi, name en, time, unit, fees in VND —
# None for an amount LEGAL.md does not give — and whether the row carries a "(verify)").
LEGAL_5 = [
    ("1.009374", "Cấp giấy phép xuất bản bản tin", "Newsletter licence", 20, WD, []),
    (
        "1.009386",
        "Thay đổi nội dung giấy phép xuất bản bản tin",
        "Amend newsletter licence",
        7,
        WD,
        [],
    ),
    (
        "2.001171",
        "Thông báo tổ chức họp báo (trong nước)",
        "Domestic press conference notice",
        24,
        HOURS,
        [],
    ),
    (None, "Cho phép họp báo (nước ngoài)", "Foreign press conference", 2, WD, []),
    (
        None,
        "Thẩm định hồ sơ cấp, đổi thẻ nhà báo",
        "Appraise press-card dossiers",
        10,
        WD,
        [],
    ),
    (
        "1.003868",
        "Cấp giấy phép xuất bản tài liệu không kinh doanh",
        "Licence to publish non-business documents",
        10,
        WD,
        [None],
    ),
    (
        "1.003725",
        "Cấp giấy phép nhập khẩu xuất bản phẩm không kinh doanh",
        "Import permit, non-business publications",
        15,
        WD,
        [50_000],
    ),
    (None, "Cấp giấy phép hoạt động in", "Printing activity licence", 15, DAYS, []),
    ("2.001584", "Cấp lại giấy phép hoạt động in", "Reissue printing licence", 5, WD, []),
    (
        None,
        "Cấp giấy phép chế bản, in, gia công sau in cho nước ngoài",
        "Printing for foreign clients",
        5,
        WD,
        [],
    ),
    (
        None,
        "Cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm",
        "Publication exhibition or fair",
        10,
        WD,
        [],
    ),
    (None, "Cấp giấy phép bưu chính (nội tỉnh)", "Postal licence", 18, WD, [None]),
    (None, "Sửa đổi, bổ sung giấy phép bưu chính", "Amend postal licence", 10, WD, []),
    (None, "Cấp lại giấy phép bưu chính", "Reissue postal licence", 7, WD, [1_250_000]),
    (
        None,
        "Xác nhận thông báo hoạt động bưu chính",
        "Confirm notification of postal activity",
        10,
        WD,
        [1_000_000, 200_000],
    ),
    (
        "1.010902",
        "Sửa đổi xác nhận thông báo hoạt động bưu chính",
        "Amend the confirmation",
        10,
        WD,
        [],
    ),
    (
        "1.005442",
        "Cấp lại xác nhận thông báo hoạt động bưu chính",
        "Reissue the confirmation",
        7,
        WD,
        [500_000],
    ),
    (
        None,
        "Đăng ký thu tín hiệu truyền hình nước ngoài trực tiếp từ vệ tinh (TVRO)",
        "Satellite TV receiver registration",
        15,
        WD,
        [],
    ),
    (
        None,
        "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
        "Aggregated news website licence",
        10,
        WD,
        [],
    ),
]

# Rows where LEGAL.md marks the time limit "(verify)".
TIME_LIMIT_TO_VERIFY = {"Amend newsletter licence", "Postal licence"}
# Rows where LEGAL.md marks a fee "(verify)".
FEES_TO_VERIFY = {
    "Licence to publish non-business documents",
    "Postal licence",
    "Confirm notification of postal activity",
}


@pytest.fixture
def catalogue(shared_catalogue):
    """Every test here reads the catalogue (those that change it do so in their own
    savepoint), so it is loaded once for the module."""
    return shared_catalogue


@pytest.fixture
def versions(catalogue):
    return {
        v.name_en: v
        for v in ProcedureVersion.objects.select_related("procedure", "agency", "field")
    }


def test_every_row_of_legal_5_is_in_the_catalogue(versions):
    assert len(versions) == len(LEGAL_5) == 19
    for code, name_vi, name_en, time, unit, fees in LEGAL_5:
        version = versions[name_en]
        assert version.name_vi == name_vi
        assert (version.time_limit, version.time_limit_unit) == (time, unit), name_en
        amounts = [f.amount for f in version.fees.order_by("sort_order")]
        assert amounts == fees, name_en
        if code is not None:
            assert version.procedure.code == code
            assert version.procedure.has_national_code
        else:
            assert version.procedure.code.startswith("BD-STTTT-")
            assert not version.procedure.has_national_code


def test_local_codes_are_distinct_and_every_version_is_the_demo_agency_from_2024(versions):
    codes = [v.procedure.code for v in versions.values()]
    assert len(set(codes)) == 19
    for version in versions.values():
        assert version.agency.code == "STTTT-BD"
        assert version.valid_from == datetime.date(2024, 1, 1)
        # Open-ended so the demo catalogue is not empty (see the data file's header).
        assert version.valid_to is None


def test_items_marked_verify_are_loaded_unverified_with_a_note(versions):
    for name in TIME_LIMIT_TO_VERIFY:
        assert not versions[name].time_limit_verified
        assert not versions[name].verified
        assert "thời hạn" in versions[name].verification_note
    for name in FEES_TO_VERIFY:
        version = versions[name]
        assert not version.verified
        assert any(not fee.verified for fee in version.fees.all()), name
        assert "phí" in version.verification_note
    # The two instruments LEGAL.md doubts, and the basis "maybe replaced by 147/2024".
    assert not LegalInstrument.objects.get(number="06/2016/NĐ-CP").verified
    assert not LegalInstrument.objects.get(number="138/2025/NĐ-CP").verified
    website = versions["Aggregated news website licence"]
    assert [b.verified for b in website.legal_bases.all()] == [False, False]
    assert "147/2024" in website.verification_note


def test_a_fee_without_a_known_amount_is_unverified(catalogue):
    assert not ProcedureFee.objects.filter(amount__isnull=True, verified=True).exists()
    assert ProcedureFee.objects.filter(amount__isnull=True).count() == 2


def test_the_newsletter_licence_is_complete_and_verified(versions):
    newsletter = versions["Newsletter licence"]
    assert newsletter.verified
    assert newsletter.online_level == "full_process"
    assert newsletter.result_vi == "Giấy phép xuất bản bản tin"
    documents = [d.name_en for d in newsletter.documents.order_by("sort_order")]
    assert documents == [
        "Declaration applying for a newsletter licence",
        "Establishment decision or business registration certificate",
        "CV of the person responsible for the newsletter",
        "Design of the newsletter's title (with a Vietnamese translation if the title is "
        "in a foreign language)",
    ]
    assert [f.key for f in newsletter.application_fields.order_by("sort_order")] == [
        "newsletter_name",
        "purpose",
        "content",
        "frequency",
        "pages",
        "size",
        "copies_per_issue",
        "language",
        "printing_place",
        "person_in_charge",
    ]
    language = newsletter.application_fields.get(key="language")
    assert language.field_type == "choice"
    assert ("vi", "Tiếng Việt", "Vietnamese") in language.parsed_choices()
    bases = [b.text for b in newsletter.legal_bases.select_related("instrument")]
    assert any("103/2016/QH13" in b for b in bases)
    assert any("41/2020/TT-BTTTT" in b and "Điều 18" in b for b in bases)


def test_other_procedures_carry_a_minimal_document_list_flagged_unverified(versions):
    for name, version in versions.items():
        if name == "Newsletter licence":
            continue
        documents = list(version.documents.all())
        assert documents, name
        assert all(not d.verified for d in documents), name
        assert not version.verified, name
        assert version.online_level == "partial", name


def test_units_follow_the_field(versions):
    assert versions["Newsletter licence"].unit.key == "press-publishing"
    assert versions["Reissue postal licence"].unit.key == "postal-telecom"
    assert versions["Satellite TV receiver registration"].unit is None


def test_the_printing_licence_counts_calendar_days_and_the_press_notice_hours(versions):
    assert versions["Printing activity licence"].time_limit_display == "15 ngày"
    notice = versions["Domestic press conference notice"]
    assert notice.time_limit_display == "24 giờ"
    assert "24 giờ trước" in notice.time_limit_note_vi
    assert "không nhận được ý kiến trả lời" in notice.time_limit_note_vi


def test_loading_twice_changes_nothing(catalogue):
    before = {
        model: list(model.objects.order_by("pk").values())
        for model in (Procedure, ProcedureVersion, ProcedureFee, RequiredDocument)
    }
    pages = Page.objects.count()

    again = procedures_demo_ensure()

    assert not again.changed, again.created
    assert Page.objects.count() == pages
    for model, rows in before.items():
        assert list(model.objects.order_by("pk").values()) == rows, model


def test_an_admin_edit_survives_a_reload_and_reset_puts_it_back(catalogue):
    version = ProcedureVersion.objects.get(procedure__code="1.009374")
    version.time_limit = 15
    version.save()

    procedures_demo_ensure()
    version.refresh_from_db()
    assert version.time_limit == 15

    report = procedures_demo_ensure(reset=True)
    version.refresh_from_db()
    assert version.time_limit == 20
    assert report.updated == {"procedure version": 1}


def test_reset_never_rewrites_a_locked_version(catalogue, lock_versions):
    version = ProcedureVersion.objects.get(procedure__code="1.009374")
    version.time_limit = 15
    version.save()
    lock_versions(version)

    procedures_demo_ensure(reset=True)

    version.refresh_from_db()
    assert version.time_limit == 15


def test_the_catalogue_page_exists_in_both_languages_and_in_the_menu(catalogue):
    pages = {p.locale.language_code: p for p in ProcedureIndexPage.objects.live()}
    assert set(pages) == {"vi", "en"}
    assert pages["vi"].title == "Thủ tục hành chính"
    assert pages["vi"].url_path.endswith("/thu-tuc-hanh-chinh/")
    assert pages["en"].title == "Administrative procedures"
    assert pages["en"].url_path.endswith("/procedures/")
    assert pages["en"].translation_key == pages["vi"].translation_key
    assert all(p.show_in_menus for p in pages.values())
