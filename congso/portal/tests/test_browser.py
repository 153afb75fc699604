"""The portal in a real browser (Debian's Chromium through Playwright): the text-size
control, keyboard access, WCAG 2.1 A/AA with axe-core, and the language switcher.

Controls are found the way assistive technology finds them (role and accessible name);
a control these selectors cannot find is not accessible.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TASKS_VI = "/vi/gioi-thieu/chuc-nang-nhiem-vu/"

FONT_BUTTONS = {
    "vi": {"small": "Giảm cỡ chữ", "default": "Cỡ chữ mặc định", "large": "Tăng cỡ chữ"},
    "en": {
        "small": "Decrease text size",
        "default": "Default text size",
        "large": "Increase text size",
    },
}


def root_font_size(page) -> float:
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def font_size(locator) -> float:
    return locator.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")


def pressed(page, language: str) -> dict[str, str]:
    return {
        size: page.get_by_role("button", name=name).get_attribute("aria-pressed")
        for size, name in FONT_BUTTONS[language].items()
    }


# --- Text size ----------------------------------------------------------------------------


def test_text_size_control_scales_the_text_and_survives_navigation(page, demo, console_errors):
    page.goto(TASKS_VI)
    paragraph = page.locator("#main-content p").first
    default_root = root_font_size(page)
    default_paragraph = font_size(paragraph)
    assert pressed(page, "vi") == {"small": "false", "default": "true", "large": "false"}

    page.get_by_role("button", name="Tăng cỡ chữ").click()

    assert pressed(page, "vi") == {"small": "false", "default": "false", "large": "true"}
    assert root_font_size(page) == pytest.approx(default_root * 1.25)
    assert font_size(paragraph) > default_paragraph
    assert page.evaluate("localStorage.getItem('congso-font-size')") == "large"

    # Follow a link (the breadcrumb to the introduction page): still large.
    page.get_by_role("navigation", name="Đường dẫn").get_by_role("link").last.click()
    expect(page).to_have_url(re.compile(r"/vi/gioi-thieu/$"))
    assert root_font_size(page) == pytest.approx(default_root * 1.25)
    assert pressed(page, "vi") == {"small": "false", "default": "false", "large": "true"}
    assert font_size(page.locator("#main-content p").first) > default_paragraph

    page.get_by_role("button", name="Giảm cỡ chữ").click()
    assert root_font_size(page) == pytest.approx(default_root * 0.875)
    assert pressed(page, "vi") == {"small": "true", "default": "false", "large": "false"}

    assert console_errors == []


def test_text_size_control_works_from_the_keyboard(page, demo):
    page.goto("/en/about/functions-tasks-powers/")
    default_root = root_font_size(page)
    larger = page.get_by_role("button", name="Increase text size")

    larger.focus()
    page.keyboard.press("Enter")
    assert root_font_size(page) == pytest.approx(default_root * 1.25)
    assert larger.get_attribute("aria-pressed") == "true"

    page.get_by_role("button", name="Default text size").focus()
    page.keyboard.press("Space")
    assert root_font_size(page) == pytest.approx(default_root)
    assert pressed(page, "en") == {"small": "false", "default": "true", "large": "false"}


def test_text_size_control_is_hidden_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(TASKS_VI)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        for name in FONT_BUTTONS["vi"].values():
            expect(page.get_by_role("button", name=name)).to_have_count(0)
        expect(page.locator("#task-26")).to_be_visible()
    finally:
        context.close()


# --- Keyboard -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "skip_text"),
    [
        ("/vi/gioi-thieu/chuc-nang-nhiem-vu/", "Bỏ qua, đến nội dung chính"),
        ("/en/about/functions-tasks-powers/", "Skip to main content"),
    ],
)
def test_skip_link_is_the_first_tab_stop_and_reaches_the_main_content(page, demo, url, skip_text):
    page.goto(url)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=skip_text)
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main-content$"))
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    assert inside_main


# --- axe-core ---------------------------------------------------------------------------------

AXE_PAGES = [
    "/vi/",
    "/vi/gioi-thieu/chuc-nang-nhiem-vu/",
    "/vi/gioi-thieu/lanh-dao/",
    "/vi/gioi-thieu/co-cau-to-chuc/",
    "/vi/lien-he/",
    "/en/",
    "/en/about/functions-tasks-powers/",
    "/en/about/leadership/",
    "/en/about/structure/",
    "/en/contact/",
]


@pytest.mark.parametrize("url", AXE_PAGES)
def test_no_wcag_21_a_or_aa_violations(page, demo, axe, url):
    response = page.goto(url)
    assert response.status == 200

    result = axe(page)

    assert result["passes"], "axe ran no checks"


# --- Small screens -------------------------------------------------------------------------


def test_pages_fit_a_360_pixel_wide_screen(page, demo):
    """No sideways scrolling on a small phone, on any page of either language."""
    page.set_viewport_size({"width": 360, "height": 740})
    too_wide = {}
    for url in [*AXE_PAGES, "/vi/gioi-thieu/", "/en/about/"]:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[url] = width
    assert too_wide == {}


# --- Language -----------------------------------------------------------------------------------


def test_language_switcher_goes_to_the_translation_and_is_remembered(page, demo, live_server):
    page.goto("/vi/gioi-thieu/lanh-dao/")
    current = page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="Tiếng Việt")
    expect(current).to_have_attribute("aria-current", "true")

    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()

    expect(page).to_have_url(f"{live_server.url}/en/about/leadership/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leadership")
    # The browser asks for Vietnamese (vi-VN), but the reader chose English.
    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/en/")


@pytest.mark.parametrize(
    ("browser_locale", "landing"), [("en-GB", "/en/"), ("vi-VN", "/vi/"), ("fr-FR", "/vi/")]
)
def test_first_visit_follows_the_browser_language(page, demo, live_server, landing):
    page.goto("/")

    expect(page).to_have_url(f"{live_server.url}{landing}")


# --- Isolation ------------------------------------------------------------------------------


def test_later_tests_find_wagtails_tree_again(browser):
    """Runs after the tests above: each of them ended with the database flushed, and what
    the migrations made (Wagtail's root page, default site, locales, permissions) must be
    back for whatever runs next, while nothing a test created is left over."""
    from django.contrib.auth.models import Permission
    from wagtail.models import Locale, Page, Site

    from congso.organization.models import Agency
    from congso.portal.models import HomePage

    assert Page.get_first_root_node() is not None
    assert Site.objects.filter(is_default_site=True).exists()
    assert Locale.objects.filter(language_code="vi").exists()
    assert Permission.objects.filter(codename="access_admin").exists()
    assert not HomePage.objects.exists()
    assert not Agency.objects.exists()
