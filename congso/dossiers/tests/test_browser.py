"""The whole journey in a real browser (Chromium through Playwright, the live server, the
real database and PDF rendering): a citizen applies online for a newsletter licence with
files and gets the slip with the secret; the clerk receives it in the admin; the officer
asks for a supplement; the citizen supplies it on the tracking page; the officer and the
leader approve; the desk issues the result; the citizen sees "result issued". axe-core
checks WCAG 2.1 A/AA on the catalogue, the procedure page, each step of the form and the
tracking pages, in Vietnamese and in English."""

import re

import pytest
from playwright.sync_api import expect

from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier

from .conftest import NEWSLETTER_ANSWERS
from .factories import PDF_BYTES, PNG_BYTES, docx_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-thu-nghiem-2026"
APPLICANT = {
    "applicant_name": "Công ty TNHH Truyền thông Bình Minh",
    "applicant_tax_code": "3700123456",
    "applicant_address": "Số 1 Lê Lợi, Thủ Dầu Một, Bình Dương",
    "applicant_phone": "0912 345 678",
    "applicant_email": "binhminh@example.vn",
}


@pytest.fixture
def staff(desk):
    for key in ("clerk", "officer", "head", "leader"):
        desk[key].set_password(PASSWORD)
        desk[key].save()
    return desk


@pytest.fixture
def scans(tmp_path):
    paths = {}
    for key, name, content in (
        ("declaration", "to-khai.pdf", PDF_BYTES),
        ("establishment", "quyet-dinh-thanh-lap.png", PNG_BYTES),
        ("responsible_person_cv", "so-yeu-ly-lich.docx", docx_bytes()),
        ("title_design", "mau-ten-goi.pdf", PDF_BYTES),
        ("declaration_signed", "to-khai-da-ky.pdf", PDF_BYTES),
    ):
        path = tmp_path / name
        path.write_bytes(content)
        paths[key] = str(path)
    return paths


def staff_move(browser, live_server, user, dossier, action: str, fields=None, *, via=""):
    """`user` logs in to the admin, opens the dossier (from the queue `via` when given,
    clicking its code), and makes `action` through its form on the dossier's page."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    try:
        tab.goto("/admin/login/")
        tab.locator("input[name=username]").fill(user.username)
        tab.locator("input[name=password]").fill(PASSWORD)
        tab.locator("form button[type=submit]").first.click()
        expect(tab).not_to_have_url(re.compile(r"/login/"))
        if via:
            tab.goto(f"/admin/dossiers/queue/{via}/")
            tab.get_by_role("link", name=dossier.code).click()
        else:
            tab.goto(f"/admin/dossiers/{dossier.pk}/")
        expect(tab.get_by_role("heading", name=re.compile(dossier.code)).first).to_be_visible()
        tab.wait_for_load_state("load")
        form = tab.locator(f'form[action$="/action/{action}/"]')
        tab.locator("details.dossier-action", has=form).locator("summary").click()
        for name, value in (fields or {}).items():
            control = form.locator(f'[name="{action}-{name}"]')
            if value is True:
                form.locator(f'[name="{action}-{name}"][value="{value}"]').check()
            elif isinstance(value, tuple):  # checkboxes: the values to tick
                for item in value:
                    form.locator(f'[name="{action}-{name}"][value="{item}"]').check()
            elif control.first.evaluate("e => e.tagName") == "SELECT":
                control.select_option(str(value))
            else:
                control.fill(str(value))
        button = form.locator("button[type=submit]")
        expect(button).to_be_visible()
        with tab.expect_navigation():
            button.click()
        expect(tab.locator("main")).to_contain_text("Đã thực hiện")
    finally:
        context.close()


def citizen_applies(page, axe, scans) -> tuple[str, str]:
    page.goto("/vi/thu-tuc-hanh-chinh/")
    axe(page)
    page.get_by_role("link", name="Cấp giấy phép xuất bản bản tin").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cấp giấy phép xuất bản bản tin")
    axe(page)

    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    expect(page).to_have_url(re.compile(r"/vi/thu-tuc-hanh-chinh/1\.009374/nop-ho-so/$"))
    axe(page)

    page.get_by_role("link", name="1. Người nộp hồ sơ").click()
    axe(page)
    page.locator('input[name="applicant_kind"][value="organisation"]').check()
    for name, value in APPLICANT.items():
        page.locator(f'[name="{name}"]').fill(value)
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    page.get_by_role("link", name="2. Thông tin hồ sơ").click()
    axe(page)
    for name, value in NEWSLETTER_ANSWERS.items():
        control = page.locator(f'[name="{name}"]')
        if control.first.get_attribute("type") == "radio":
            page.locator(f'[name="{name}"][value="{value}"]').check()
        else:
            control.fill(value)
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    page.get_by_role("link", name="3. Tài liệu kèm theo").click()
    axe(page)
    for key in ("declaration", "establishment", "responsible_person_cv", "title_design"):
        page.locator(f'input[name="document-{key}"]').set_input_files(scans[key])
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    expect(page.locator(".task-status--done")).to_have_count(3)

    page.get_by_role("link", name="Kiểm tra lại thông tin").click()
    expect(page.get_by_text("so-yeu-ly-lich.docx")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Nộp hồ sơ", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã nộp hồ sơ")
    axe(page)
    code = page.locator("#dossier-code").inner_text().strip()
    secret = page.locator("#tracking-secret").inner_text().strip()
    assert re.fullmatch(r"000\.00\.45\.H07-\d{6}-0001", code)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", secret)
    return code, secret


def track(page, code: str, secret: str, *, lookup="/vi/tra-cuu-ho-so/", button="Tra cứu"):
    page.goto(lookup)
    page.locator('[name="code"]').fill(code)
    page.locator('[name="secret"]').fill(secret)
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".dossier-code")).to_have_text(code)


def test_a_newsletter_licence_from_application_to_result(
    page, axe, browser, live_server, staff, scans, console_errors
):
    # The citizen applies and keeps the slip's code and secret.
    code, secret = citizen_applies(page, axe, scans)
    dossier = Dossier.objects.get(code=code)
    assert dossier.documents.count() == 4

    # The one-stop desk receives it (Form 01) and hands it to the division's officer.
    staff_move(browser, live_server, staff["clerk"], dossier, "receive", via="intake")
    staff_move(
        browser,
        live_server,
        staff["clerk"],
        dossier,
        "assign",
        {"unit": staff["unit"].pk, "officer": staff["officer"].pk},
    )
    # The officer starts and asks for a signed declaration.
    staff_move(browser, live_server, staff["officer"], dossier, "start_review", via="mine")
    staff_move(
        browser,
        live_server,
        staff["officer"],
        dossier,
        "request_supplement",
        {"documents": ("declaration",), "note": "Tờ khai chưa có chữ ký và dấu."},
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED

    # The citizen sees what is needed on the tracking page and sends it.
    page.goto("/vi/tra-cuu-ho-so/")
    axe(page)
    track(page, code, secret)
    expect(page.locator(".status-panel__headline")).to_contain_text("Cần bổ sung")
    expect(page.locator(".notice")).to_have_text("Tờ khai chưa có chữ ký và dấu.")
    axe(page)
    page.locator('input[name="supplement-declaration"]').set_input_files(
        scans["declaration_signed"]
    )
    page.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
    expect(page.locator(".status-panel__headline")).to_contain_text("Đang xử lý")
    axe(page)

    # The officer proposes, the leader approves, the desk issues the result.
    staff_move(
        browser,
        live_server,
        staff["officer"],
        dossier,
        "submit_for_approval",
        {"note": "Hồ sơ đầy đủ, đề nghị cấp giấy phép."},
    )
    staff_move(browser, live_server, staff["leader"], dossier, "approve", via="approval")
    staff_move(
        browser,
        live_server,
        staff["clerk"],
        dossier,
        "issue_result",
        {"result_reference": "Giấy phép xuất bản bản tin số 12/GP-STTTT"},
        via="results",
    )

    # The citizen sees the result is issued, in Vietnamese and in English.
    page.goto(f"/vi/tra-cuu-ho-so/{code}/")
    expect(page.locator(".status-panel__headline")).to_have_text("Đã có kết quả")
    expect(page.get_by_text("Giấy tiếp nhận hồ sơ và hẹn trả kết quả").first).to_be_visible()
    axe(page)
    page.goto("/en/track/")
    axe(page)
    track(page, code, secret, lookup="/en/track/", button="Track")
    expect(page.locator(".status-panel__headline")).to_have_text("Result issued")
    axe(page)
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_ISSUED and dossier.outcome_timing == "early"
    assert console_errors == []
