"""The newsroom in a real browser (Debian's Chromium through Playwright): WCAG 2.1 A/AA
with axe-core on the news pages in both languages, the copy-link and print controls, and
an item going from its author through the editor and the leader to a reader.

Controls are found by role and accessible name where the page is ours; the Wagtail admin
is driven through its own labels (in Vietnamese, as staff see it).
"""

import re

import pytest
from playwright.sync_api import expect

from congso.accounts.services import roles_sync
from congso.newsroom import roles
from congso.newsroom.models import NewsPage
from congso.newsroom.services import newsroom_setup, seed_news_import

from .factories import NewsPageFactory, UserFactory
from .test_public import make_image

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "secret-password-123"


@pytest.fixture
def news_site(demo):
    """The demo department with the newsroom, the seed item and a few items with images,
    committed for the live server."""
    tree = newsroom_setup()
    roles_sync()
    seed = seed_news_import(agency=demo.agency, tree=tree)
    image = make_image("Ảnh hội nghị")
    for language, title in (("vi", "Hội nghị chuyển đổi số"), ("en", "Digital conference")):
        NewsPageFactory(
            parent=tree[language]["digital"],
            title=title,
            main_image=image,
            main_image_alt="Quang cảnh hội nghị" if language == "vi" else "The conference hall",
            main_image_caption="Ảnh: Thu Hà",
            featured=True,
            tags=["Chuyển đổi số" if language == "vi" else "Digital transformation"],
            body=[
                {
                    "type": "paragraph",
                    "value": '<p><b>Đậm</b> và <a href="https://example.org/">liên kết</a>.</p>',
                },
                {"type": "heading", "value": {"text": "Kết quả", "level": "h2"}},
                {
                    "type": "quote",
                    "value": {"text": "Lấy người dân làm trung tâm.", "attribution": "Lãnh đạo Sở"},
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "Kết quả",
                        "columns": [
                            {"type": "text", "heading": "Chỉ tiêu"},
                            {"type": "numeric", "heading": "%"},
                        ],
                        "rows": [{"values": ["Hồ sơ trực tuyến", "85"]}],
                    },
                },
                {
                    "type": "image",
                    "value": {
                        "image": image.pk,
                        "alt": "Đại biểu",
                        "caption": "Đại biểu dự hội nghị",
                    },
                },
            ],
        )
    return {"tree": tree, "seed": seed}


def axe_urls(news_site) -> list[str]:
    seed = news_site["seed"]
    vi_item = NewsPage.objects.get(title="Hội nghị chuyển đổi số")
    en_item = NewsPage.objects.get(title="Digital conference")
    return [
        "/vi/tin-tuc/",
        "/en/news/",
        "/vi/tin-tuc/chuyen-doi-so/",
        "/en/news/digital-transformation/",
        "/vi/tin-tuc/the/chuyen-doi-so/",
        vi_item.url,
        en_item.url,
        vi_item.url + "?print=1",
        seed["vi"].url,
        seed["en"].url,
        "/vi/",
    ]


def test_news_pages_have_no_wcag_21_a_or_aa_violations(page, news_site, axe):
    for url in axe_urls(news_site):
        response = page.goto(url)
        assert response.status == 200, url
        result = axe(page)
        assert result["passes"], f"axe ran no checks on {url}"


def test_news_pages_fit_a_360_pixel_wide_screen(page, news_site):
    page.set_viewport_size({"width": 360, "height": 740})
    too_wide = {}
    for url in axe_urls(news_site):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[url] = width
    assert too_wide == {}


def test_copy_link_and_print_work_without_console_errors(page, news_site, console_errors):
    item = NewsPage.objects.get(title="Hội nghị chuyển đổi số")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(item.url)

    copy = page.get_by_role("button", name="Sao chép liên kết")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.get_by_role("status")).to_have_text("Đã sao chép liên kết")
    assert page.evaluate("navigator.clipboard.readText()").endswith(item.url)

    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("link", name="In bài").click()
    assert page.evaluate("window.__printed === true")
    expect(page).to_have_url(re.compile(re.escape(item.url) + "$"))  # stayed on the item
    assert console_errors == []


def test_a_cached_copy_of_an_item_shows_the_view_count_as_it_is_now(
    browser, live_server, news_site, settings
):
    settings.CONGSO_PAGE_CACHE = True
    item = NewsPage.objects.get(title="Hội nghị chuyển đổi số")
    NewsPage.objects.filter(pk=item.pk).update(view_count=3027)
    # Two readers (Headless Chrome's own user agent is a bot's: not counted).
    readers = [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0",
        "Mozilla/5.0 (Android 15; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0",
    ]
    cache_states = []
    for n, user_agent in enumerate(readers, start=1):
        context = browser.new_context(
            base_url=live_server.url, user_agent=user_agent, locale="vi-VN"
        )
        try:
            page = context.new_page()
            response = page.goto(item.url)
            cache_states.append(response.headers.get("x-page-cache"))
            expect(page.locator(".news-article__views")).to_have_text(
                f"Lượt xem: {3027 + n:,}".replace(",", ".")
            )
        finally:
            context.close()

    # The second reader was sent the copy stored for the first, which said 3.027.
    assert cache_states == ["miss", "hit"]
    assert NewsPage.objects.get(pk=item.pk).view_count == 3029


def test_without_javascript_the_link_is_shown_and_print_opens_the_print_view(
    browser, live_server, news_site
):
    item = NewsPage.objects.get(title="Hội nghị chuyển đổi số")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(item.url)
        expect(tab.get_by_role("button", name="Sao chép liên kết")).to_have_count(0)
        expect(tab.get_by_text(live_server.url + item.url)).to_be_visible()
        tab.get_by_role("link", name="In bài").click()
        expect(tab).to_have_url(re.compile(r"\?print=1$"))
        expect(tab.get_by_role("heading", level=1)).to_have_text("Hội nghị chuyển đổi số")
    finally:
        context.close()


# --- An item from its author to its readers ----------------------------------------------


def login(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.goto("/admin/login/")
    tab.get_by_label("Tên đăng nhập").fill(username)
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    tab.locator("form").get_by_role("button").last.click()
    expect(tab).to_have_url(re.compile(r"/admin/$"))
    return context, tab


def approve(browser, live_server, username, title):
    """Open the item in the editor and approve the workflow step waiting for this user."""
    context, tab = login(browser, live_server, username)
    try:
        item = NewsPage.objects.get(title=title)
        tab.goto(f"/admin/pages/{item.id}/edit/")
        tab.get_by_role("button", name="Thao tác khác").click()
        # "Phê duyệt" at the editors' step, "Phê duyệt và xuất bản" at the last one.
        tab.get_by_role("button", name=re.compile(r"^Phê duyệt( và xuất bản)?$")).click()
        expect(tab.locator(".messages")).to_contain_text(title)
    finally:
        context.close()


def test_an_item_goes_from_its_author_through_two_approvals_to_the_readers(
    browser, live_server, page, news_site
):
    UserFactory(username="tacgia", password=PASSWORD, groups=[roles.AUTHOR])
    UserFactory(username="bientap", password=PASSWORD, groups=[roles.EDITOR])
    UserFactory(username="lanhdao", password=PASSWORD, groups=[roles.APPROVER])
    digital = news_site["tree"]["vi"]["digital"]
    title = "Tỉnh khai trương Trung tâm điều hành thông minh"

    # The author writes the item and submits it for approval.
    context, tab = login(browser, live_server, "tacgia")
    try:
        tab.goto(f"/admin/pages/add/newsroom/newspage/{digital.id}/")
        tab.get_by_role("textbox", name="Tiêu đề").fill(title)
        tab.get_by_role("textbox", name="Tóm tắt").fill(
            "Trung tâm kết nối dữ liệu của các sở, ngành và địa phương."
        )
        expect(tab.get_by_role("button", name="Xuất bản")).to_have_count(0)
        tab.get_by_role("button", name="Thao tác khác").click()
        tab.get_by_role("button", name=re.compile("^Gửi kiểm duyệt")).click()
        expect(tab.locator(".messages")).to_contain_text(title)
    finally:
        context.close()
    item = NewsPage.objects.get(title=title)
    assert not item.live

    # The editor approves the first step, the leader the second.
    approve(browser, live_server, "bientap", title)
    item.refresh_from_db()
    assert not item.live
    approve(browser, live_server, "lanhdao", title)
    item.refresh_from_db()
    assert item.live

    # A reader finds it at the top of the news list and opens it.
    page.goto("/vi/tin-tuc/")
    link = page.get_by_role("link", name=title)
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
