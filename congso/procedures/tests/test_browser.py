"""The catalogue in a real browser: WCAG 2.1 A/AA with axe-core, the search and filter form
with the keyboard and without JavaScript, small screens, and the language switcher."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_PAGES = [
    "/vi/thu-tuc-hanh-chinh/",
    "/vi/thu-tuc-hanh-chinh/?field=astrology&q=giay+phep",  # with the error summary
    "/vi/thu-tuc-hanh-chinh/1.009374/",
    "/vi/thu-tuc-hanh-chinh/1.009386/",  # unverified: the note and the tags
    "/en/procedures/",
    "/en/procedures/1.009374/",
    "/en/procedures/BD-STTTT-09/",  # two fees, unverified
]


@pytest.fixture
def catalogue(demo):
    from congso.procedures.demo import procedures_demo_ensure

    return procedures_demo_ensure()


@pytest.mark.parametrize("url", AXE_PAGES)
def test_no_wcag_21_a_or_aa_violations(page, catalogue, axe, url):
    response = page.goto(url)
    assert response.status == 200

    result = axe(page)

    assert result["passes"], "axe ran no checks"


def test_search_and_filter_with_the_keyboard(page, catalogue, console_errors):
    page.goto("/vi/thu-tuc-hanh-chinh/")

    page.get_by_label("Tìm thủ tục").fill("giay phep ban tin")
    page.get_by_label("Mức độ trực tuyến").select_option(label="Toàn trình")
    page.get_by_role("button", name="Lọc").focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"q=giay\+phep\+ban\+tin"))
    results = page.locator(".procedure-list__title")
    expect(results).to_have_count(1)
    expect(results).to_have_text("Cấp giấy phép xuất bản bản tin")
    # The form keeps what the reader chose.
    expect(page.get_by_label("Tìm thủ tục")).to_have_value("giay phep ban tin")
    expect(page.get_by_label("Mức độ trực tuyến")).to_have_value("full_process")

    page.get_by_role("link", name="Cấp giấy phép xuất bản bản tin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cấp giấy phép xuất bản bản tin")
    expect(page.get_by_role("link", name="Nộp hồ sơ trực tuyến")).to_be_visible()
    assert console_errors == []


def test_the_form_works_without_javascript(browser, live_server, catalogue):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto("/vi/thu-tuc-hanh-chinh/")
        tab.get_by_label("Lĩnh vực").select_option(label="Bưu chính, chuyển phát")
        tab.get_by_role("button", name="Lọc").click()

        expect(tab).to_have_url(re.compile(r"field=postal"))
        expect(tab.locator(".procedure-list__title")).to_have_count(6)
        expect(tab.get_by_text("Tìm thấy 6 thủ tục")).to_be_visible()
    finally:
        context.close()


def test_the_error_summary_links_to_the_field(page, catalogue):
    page.goto("/vi/thu-tuc-hanh-chinh/?field=astrology")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Có lỗi cần sửa")
    summary.get_by_role("link", name="Chọn một lĩnh vực trong danh sách.").click()

    expect(page).to_have_url(re.compile(r"#id_field$"))
    expect(page.get_by_label("Lĩnh vực")).to_have_attribute("aria-invalid", "true")


def test_the_language_switcher_keeps_the_procedure(page, catalogue, live_server):
    page.goto("/vi/thu-tuc-hanh-chinh/1.009374/")

    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()

    expect(page).to_have_url(f"{live_server.url}/en/procedures/1.009374/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsletter licence")


def test_pages_fit_a_360_pixel_wide_screen(page, catalogue):
    page.set_viewport_size({"width": 360, "height": 740})
    too_wide = {}
    for url in AXE_PAGES:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[url] = width
    assert too_wide == {}


def test_controls_are_at_least_44_pixels_high(page, catalogue):
    page.goto("/vi/thu-tuc-hanh-chinh/")
    for control in (
        page.get_by_label("Tìm thủ tục"),
        page.get_by_label("Lĩnh vực"),
        page.get_by_role("button", name="Lọc"),
        page.get_by_role("link", name="Cấp giấy phép xuất bản bản tin"),
    ):
        assert control.bounding_box()["height"] >= 44
