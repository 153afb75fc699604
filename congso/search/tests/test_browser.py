"""The search in a real browser (Debian's Chromium through Playwright): WCAG 2.1 A/AA with
axe-core on the search page in both languages, a reader who types without diacritics in
the header's search box and finds the item, and the view counter's beacon counting a
visit from a page served by the full-page cache."""

import pytest
from playwright.sync_api import expect

from congso.accounts.services import roles_sync
from congso.newsroom.models import NewsPage
from congso.newsroom.services import newsroom_setup
from congso.newsroom.tests.factories import NewsPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


@pytest.fixture
def search_site(demo):
    tree = newsroom_setup()
    roles_sync()
    vi = NewsPageFactory(
        parent=tree["vi"]["digital"],
        title="Sở Thông tin và Truyền thông đẩy mạnh chữ ký số",
        summary="Đến cuối năm, mọi hồ sơ đều được ký số.",
    )
    en = NewsPageFactory(
        parent=tree["en"]["digital"],
        title="Digital signatures for every dossier",
        summary="By the end of the year every dossier is signed digitally.",
    )
    return {"vi": vi, "en": en}


def test_the_search_page_has_no_wcag_21_a_or_aa_violations(page, search_site, axe):
    for url in (
        "/vi/tim-kiem/",
        "/vi/tim-kiem/?q=chu+ky+so",
        "/vi/tim-kiem/?q=khong+co+gi+ca",
        "/vi/tim-kiem/?q=chu&date_from=2024-03-31&date_to=2024-03-01",
        "/en/search/",
        "/en/search/?q=digital",
    ):
        response = page.goto(url)
        assert response.status == 200, url
        result = axe(page)
        assert result["passes"], f"axe ran no checks on {url}"


def test_a_reader_finds_an_item_by_typing_without_diacritics(page, search_site, console_errors):
    page.goto("/vi/")
    box = page.get_by_role("searchbox", name="Tìm kiếm trên cổng")
    box.fill("so thong tin chu ky so")
    box.press("Enter")

    expect(page).to_have_url("/vi/tim-kiem/?q=so+thong+tin+chu+ky+so")
    result = page.locator(".search-results__title a").first
    expect(result).to_have_text("Sở Thông tin và Truyền thông đẩy mạnh chữ ký số")
    expect(result.locator("mark").first).to_have_text("Sở Thông tin")
    result.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sở Thông tin và Truyền thông đẩy mạnh chữ ký số"
    )
    assert console_errors == []


def test_the_language_switcher_keeps_the_search(page, search_site):
    page.goto("/vi/tim-kiem/?q=digital+signatures")
    page.get_by_role("link", name="English").click()

    expect(page).to_have_url("/en/search/?q=digital+signatures")
    expect(page.locator(".search-results__title a").first).to_have_text(
        "Digital signatures for every dossier"
    )


def test_a_page_from_the_cache_still_counts_the_visit(browser, live_server, search_site, settings):
    settings.CONGSO_PAGE_CACHE = True
    item = search_site["vi"]
    context = browser.new_context(base_url=live_server.url, user_agent=DESKTOP_UA)
    try:
        first = context.new_page()
        with first.expect_response(lambda r: "/beacon/news/" in r.url) as beacon:
            response = first.goto(item.url)
        assert response.headers.get("x-page-cache") == "miss"
        assert beacon.value.status == 200
        assert beacon.value.json() == {"views": 1}
        other = browser.new_context(
            base_url=live_server.url, user_agent=DESKTOP_UA.replace("130", "131")
        )
        second = other.new_page()
        with second.expect_response(lambda r: "/beacon/news/" in r.url) as beacon:
            response = second.goto(item.url)
        assert response.headers.get("x-page-cache") == "hit"
        assert beacon.value.json() == {"views": 2}
        other.close()
    finally:
        context.close()

    assert NewsPage.objects.get(pk=item.pk).view_count == 2
