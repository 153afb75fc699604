"""Fragments of pages kept in the cache (congso.core.fragments) with the full-page cache
off, as logged-in staff and first readers meet them: the page is the same as without
them, with far fewer queries; whatever a publication, an unpublication or a saved row
changes shows at once; a preview shows its own draft."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from congso.newsroom.models import NewsPage
from congso.newsroom.tests.conftest import newsroom  # noqa: F401
from congso.newsroom.tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments_on(settings):
    settings.CONGSO_PAGE_CACHE = False
    settings.CONGSO_FRAGMENT_CACHE = True


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def texts(soup_, selector) -> list[str]:
    return [" ".join(e.get_text(" ").split()) for e in soup_.select(selector)]


def count_queries(client, url) -> tuple[int, bytes]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content


def without_date(html: bytes) -> str:
    # The date line says today's date; nothing else may differ.
    return re.sub(r'<p class="topbar__date">.*?</p>', "", html.decode(), flags=re.S)


@pytest.fixture
def items(newsroom):  # noqa: F811
    digital = newsroom.category("digital")
    first = NewsPageFactory(parent=digital, title="Tin thứ nhất", featured=True, tags=["Số"])
    second = NewsPageFactory(parent=digital, title="Tin thứ hai", tags=["Số"])
    return first, second


def test_pages_are_the_same_with_fragments_and_need_far_fewer_queries(
    client,
    settings,
    items,
    newsroom,  # noqa: F811
):
    first, _second = items
    urls = ["/vi/", "/en/", first.url, newsroom.category("digital").url, "/vi/gioi-thieu/"]
    settings.CONGSO_PAGE_CACHE = False
    settings.CONGSO_FRAGMENT_CACHE = False
    plain = {}
    for url in urls:
        client.get(url)  # renditions made once
        plain[url] = count_queries(client, url)

    settings.CONGSO_FRAGMENT_CACHE = True
    for url in urls:
        client.get(url)  # fragments stored
        queries, html = count_queries(client, url)
        assert without_date(html) == without_date(plain[url][1]), url
        assert queries < plain[url][0], url
    # The home page: the site, its home page and view restrictions; no news, menu or
    # agency query.
    assert count_queries(client, "/vi/")[0] <= 6
    assert plain["/vi/"][0] >= 15


def test_a_new_featured_item_shows_on_the_home_page_and_in_the_asides_at_once(
    client,
    fragments_on,
    items,
    newsroom,  # noqa: F811
):
    first, _second = items
    home = soup(client.get("/vi/"))
    assert "Tin thứ nhất" in texts(home, ".news-list__title")
    assert "Tin thứ ba" not in texts(home, ".news-list__title")
    assert "Tin thứ ba" not in texts(soup(client.get(first.url)), ".news-aside a")

    NewsPageFactory(
        parent=newsroom.category("digital"), title="Tin thứ ba", featured=True, tags=["Số"]
    )

    assert "Tin thứ ba" in texts(soup(client.get("/vi/")), ".news-list__title")
    assert "Tin thứ ba" in texts(soup(client.get(first.url)), ".news-aside a")


def test_an_unpublished_item_leaves_the_asides_and_the_home_page(client, fragments_on, items):
    first, second = items
    assert "Tin thứ hai" in texts(soup(client.get(first.url)), ".news-aside a")
    assert "Tin thứ nhất" in texts(soup(client.get("/vi/")), ".news-list__title")

    NewsPage.objects.get(pk=second.pk).unpublish()

    assert "Tin thứ hai" not in texts(soup(client.get(first.url)), ".news-aside a")
    NewsPage.objects.get(pk=first.pk).unpublish()
    assert "Tin thứ nhất" not in texts(soup(client.get("/vi/")), ".news-list__title")


def test_a_page_published_in_the_menu_appears_in_the_main_menu(
    client,
    fragments_on,
    newsroom,  # noqa: F811
):
    from congso.portal.models import AboutPage

    assert "Dịch vụ công" not in texts(soup(client.get("/vi/")), ".site-nav__link")
    home = Page.objects.get(pk=newsroom.demo.pages["vi"]["home"].pk)
    page = AboutPage(title="Dịch vụ công", slug="dich-vu-cong", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()

    menu = texts(soup(client.get("/vi/")), ".site-nav__link")
    assert "Dịch vụ công" in menu
    # …and it is the current section on its own page, which the cached menu must not fix.
    current = soup(client.get("/vi/dich-vu-cong/")).select_one(
        '.site-nav__link[aria-current="page"]'
    )
    assert current.get_text() == "Dịch vụ công"


def test_an_agency_rename_shows_in_the_header_and_footer_at_once(
    client,
    fragments_on,
    newsroom,  # noqa: F811
):
    client.get("/vi/")
    agency = newsroom.demo.agency
    agency.name_vi = "Sở Khoa học và Công nghệ tỉnh Bình Dương"
    agency.save()

    page = soup(client.get("/vi/"))
    assert page.select_one(".masthead__link").get_text() == agency.name_vi
    assert page.select_one(".site-footer__name").get_text() == agency.name_vi


def test_a_translation_published_later_is_offered_by_the_language_switch(
    client,
    fragments_on,
    newsroom,  # noqa: F811
):
    item = NewsPageFactory(parent=newsroom.category("digital"), title="Chỉ có tiếng Việt")
    alternates = soup(client.get(item.url)).select('link[rel="alternate"][hreflang="en"]')
    assert alternates == []

    translation = item.copy_for_translation(newsroom.category("digital", "en").locale)
    translation.title = "Now in English"
    translation.save_revision().publish()

    alternates = soup(client.get(item.url)).select('link[rel="alternate"][hreflang="en"]')
    assert [a["href"] for a in alternates] == [
        "http://testserver" + NewsPage.objects.get(pk=translation.pk).url
    ]


def test_a_preview_shows_the_related_news_its_draft_picks(
    client,
    fragments_on,
    items,
    newsroom,  # noqa: F811
):
    from congso.newsroom.models import NewsRelatedLink

    first, _second = items
    elsewhere = NewsPageFactory(parent=newsroom.category("press"), title="Tin ở mục khác")
    # Read on the site's own host, as the preview's request is.
    live = soup(client.get(first.url, HTTP_HOST="localhost"))
    assert "Tin ở mục khác" not in texts(live, ".news-aside a")

    # An editor picks that item as related news in a draft and previews it: the asides
    # kept for the live page must not be shown instead.
    draft = NewsPage.objects.get(pk=first.pk)
    draft.related_links = [NewsRelatedLink(target=elsewhere)]
    preview = soup(draft.make_preview_request())

    assert texts(preview, "#related-title + .news-list .news-list__title") == ["Tin ở mục khác"]
    # The live page is unchanged.
    live = soup(client.get(first.url, HTTP_HOST="localhost"))
    assert "Tin ở mục khác" not in texts(live, ".news-aside a")


# --- The route of each path (congso.portal.views.serve) ---------------------------------


def test_a_kept_route_gives_404_once_the_page_is_gone_and_redirects_once_moved(
    client,
    fragments_on,
    items,
    newsroom,  # noqa: F811
):
    first, second = items
    old_url = first.url
    assert client.get(old_url).status_code == 200  # route kept
    assert client.get(second.url).status_code == 200

    NewsPage.objects.get(pk=second.pk).unpublish()
    assert client.get(second.url).status_code == 404

    page = NewsPage.objects.get(pk=first.pk)
    page.move(newsroom.category("press"), pos="last-child")
    moved = NewsPage.objects.get(pk=first.pk)
    # Wagtail's redirects app sends the old address to the new one.
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, moved.url)
    assert soup(client.get(moved.url)).h1.get_text(strip=True) == "Tin thứ nhất"


def test_sub_pages_of_lists_route_from_a_kept_route(client, fragments_on, items, newsroom):  # noqa: F811
    index_url = newsroom.index().url
    category_url = newsroom.category("digital").url
    for _ in range(2):  # the second time from the kept routes
        assert "Tin thứ nhất" in texts(soup(client.get(category_url)), ".news-list__title")
        assert client.get(category_url + "?page=9").status_code == 404
        feed = client.get(category_url + "rss/")
        assert feed.status_code == 200
        assert "Tin thứ nhất" in feed.content.decode()
        tag_page = soup(client.get(index_url + "the/so/"))
        assert texts(tag_page, ".news-list__title") == ["Tin thứ hai", "Tin thứ nhất"]
        assert client.get(index_url + "the/khong-co/").status_code == 404


def test_a_kept_route_never_skips_a_view_restriction(client, fragments_on, items):
    from wagtail.models import PageViewRestriction

    first, _second = items
    assert client.get(first.url).status_code == 200

    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=first.pk), restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(first.url)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"] or "login" in response["Location"]


def test_a_long_address_is_kept_under_a_short_key(client, fragments_on, newsroom):  # noqa: F811
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    item = NewsPageFactory(
        parent=newsroom.category("digital"), title="Tin có địa chỉ dài", slug="tin-" + "dai-" * 60
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        for _ in range(2):  # found, then from the kept route
            assert soup(client.get(item.url)).h1.get_text(strip=True) == "Tin có địa chỉ dài"
