"""The registry and verification pages in a real browser: a visitor scans (opens) the QR
code of a revoked licence and sees it revoked; WCAG 2.1 A/AA with axe-core on the
registry, a licence page and the verification page, in Vietnamese and English."""

import datetime

import pytest
from playwright.sync_api import expect

from congso.core.testing import decode_qr_codes
from congso.dossiers.files import absolute_path
from congso.licensing import services
from congso.licensing.verification import licence_path, verification_path

from .conftest import approved_dossier_make, catalogue_load, issue, register, staff_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_opens_the_qr_code_of_a_revoked_licence_and_sees_it_revoked(
    page, demo, live_server, settings, console_errors
):
    settings.CONGSO_BASE_URL = live_server.url
    catalogue_load()
    staff = staff_make()
    licence = issue(approved_dossier_make(staff), staff, issued_on=datetime.date(2026, 11, 27))
    licence.refresh_from_db()  # the certificate was stored after commit
    (qr_url,) = decode_qr_codes(absolute_path(licence.file.name).read_bytes())
    assert qr_url.startswith(live_server.url + "/vi/giay-phep/xac-thuc/2026/1/GP-STTTT/?t=")

    page.goto(qr_url)
    expect(page.get_by_text("CÒN HIỆU LỰC", exact=True)).to_be_visible()

    services.licence_revoke(
        licence=licence,
        actor=staff["leader"],
        decision_number="45/QĐ-STTTT",
        reason="Vi phạm nội dung giấy phép",
    )
    page.goto(qr_url)  # the same paper, scanned again: the live status
    expect(page.get_by_role("heading", level=1)).to_contain_text("1/GP-STTTT")
    status = page.get_by_role("status").filter(has_text="Tình trạng giấy phép")
    expect(status).to_contain_text("ĐÃ THU HỒI")
    expect(page.get_by_text("CÒN HIỆU LỰC", exact=True)).to_have_count(0)
    expect(page.get_by_text("Vi phạm nội dung giấy phép")).to_be_visible()
    expect(page.get_by_text(licence.sha256)).to_be_visible()
    assert console_errors == []

    # A tampered link says nothing about the licence and offers the registry.
    page.goto(qr_url[:-3] + "000")
    expect(page.get_by_role("heading", level=1)).to_have_text("Không thể xác thực đường dẫn này")
    page.get_by_role("link", name="Tra cứu giấy phép").last.click()
    expect(page.get_by_role("cell", name="1/GP-STTTT")).to_be_visible()


def test_search_the_registry_with_the_keyboard_without_accents(page, demo):
    catalogue_load()
    staff = staff_make()
    register(staff, number="5/GP-STTTT", holder_name="Công ty Cổ phần Đông Á")
    register(staff, number="6/GP-STTTT", holder_name="Công ty TNHH Bình Minh")
    page.goto("/vi/giay-phep/")
    page.get_by_label("Số giấy phép, đơn vị được cấp phép hoặc mã số thuế").fill("dong a")
    page.get_by_role("search", name="Tìm giấy phép").get_by_role("button", name="Tra cứu").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="5/GP-STTTT")).to_be_visible()
    expect(page.get_by_role("link", name="6/GP-STTTT")).to_have_count(0)
    page.get_by_role("link", name="5/GP-STTTT").click()
    expect(page.get_by_text("CÒN HIỆU LỰC", exact=True)).to_be_visible()


def test_no_wcag_21_a_or_aa_violations(page, demo, axe):
    catalogue_load()
    staff = staff_make()
    valid = register(staff, number="5/GP-STTTT", holder_name="Công ty Cổ phần Đông Á")
    revoked = register(staff, number="6/GP-STTTT", holder_name="Công ty TNHH Bình Minh")
    services.licence_revoke(
        licence=revoked, actor=staff["leader"], decision_number="45/QĐ-STTTT", reason="Vi phạm"
    )
    suspended = register(staff, type_code="printing", number="2/GPIN-STTTT", holder_name="In A")
    services.licence_suspend(
        licence=suspended, actor=staff["leader"], decision_number="3/QĐ", reason="Tạm dừng"
    )
    urls = [
        "/vi/giay-phep/",
        "/vi/giay-phep/?q=dong+a&status=valid",
        "/en/licences/",
        licence_path(valid, language="vi"),
        licence_path(revoked, language="en"),
        licence_path(suspended, language="vi"),
        verification_path(valid, language="vi"),
        verification_path(revoked, language="vi"),
        verification_path(revoked, language="en"),
        "/vi/giay-phep/xac-thuc/2024/5/GP-STTTT/?t=wrong",
        "/en/licences/verify/2024/5/GP-STTTT/",
    ]
    for url in urls:
        page.goto(url)
        result = axe(page)
        assert result["passes"], f"axe ran no checks on {url}"
