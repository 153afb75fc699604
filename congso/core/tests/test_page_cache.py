"""The full-page cache (congso.core.cache) as readers and staff meet it: anonymous pages
come from the cache with no query; a publish shows the new title at once on the item and
on the lists; staff always get fresh pages; forms, tracking and the language switch keep
working."""

import pytest
from bs4 import BeautifulSoup

from congso.newsroom.models import NewsPage
from congso.newsroom.tests.conftest import newsroom, shared_newsroom  # noqa: F401
from congso.newsroom.tests.factories import NewsPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.CONGSO_PAGE_CACHE = True


@pytest.fixture
def item(newsroom):  # noqa: F811
    return NewsPageFactory(
        parent=newsroom.category("digital"), title="Tiêu đề ban đầu", summary="Tóm tắt."
    )


def titles_in(response) -> str:
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ")


def test_the_second_anonymous_request_comes_from_the_cache_without_a_query(
    client, item, django_assert_num_queries
):
    first = client.get(item.url)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get(item.url)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second


def test_a_publish_shows_the_new_title_at_once_on_the_item_and_the_lists(client, item, newsroom):  # noqa: F811
    category_url = newsroom.category("digital").url
    index_url = newsroom.index().url
    for url in (item.url, category_url, index_url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    page = NewsPage.objects.get(pk=item.pk)
    page.title = "Tiêu đề đã sửa"
    page.save_revision().publish()

    for url in (item.url, category_url, index_url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Tiêu đề đã sửa" in titles_in(response), url
        assert "Tiêu đề ban đầu" not in titles_in(response), url


def test_unpublishing_takes_the_item_off_the_cached_list(client, item, newsroom):  # noqa: F811
    category_url = newsroom.category("digital").url
    client.get(category_url)
    assert "Tiêu đề ban đầu" in titles_in(client.get(category_url))

    NewsPage.objects.get(pk=item.pk).unpublish()

    assert "Tiêu đề ban đầu" not in titles_in(client.get(category_url))
    assert client.get(item.url).status_code == 404


def test_logged_in_staff_always_get_a_fresh_page(client, item, newsroom):  # noqa: F811
    client.get(item.url)  # cached for anonymous readers
    staff = UserFactory(username="quantri_test", is_superuser=True, is_staff=True)
    client.force_login(staff)

    response = client.get(item.url)

    assert "X-Page-Cache" not in response
    assert "Sửa bài" in titles_in(response)  # the staff links, never in a cached page
    client.logout()
    anonymous = client.get(item.url)
    assert "Sửa bài" not in titles_in(anonymous)


def test_an_organisation_change_purges_the_pages_that_print_it(client, newsroom):  # noqa: F811
    agency = newsroom.demo.agency
    client.get("/vi/")
    assert client.get("/vi/")["X-Page-Cache"] == "hit"

    agency.name = "Sở Khoa học và Công nghệ tỉnh Bình Dương"
    agency.save()

    response = client.get("/vi/")
    assert response["X-Page-Cache"] == "miss"


def test_pages_with_a_csrf_token_or_a_cookie_are_never_stored(client, newsroom):  # noqa: F811
    # The dossier tracking form carries a CSRF token and is never_cache.
    lookup = client.get("/vi/tra-cuu-ho-so/")
    assert lookup.status_code == 200
    assert "X-Page-Cache" not in lookup
    again = client.get("/vi/tra-cuu-ho-so/")
    assert "X-Page-Cache" not in again
    assert "csrfmiddlewaretoken" in again.content.decode()


def test_the_language_switch_still_sets_its_cookie_and_redirects(client, item):
    client.get("/en/")
    response = client.get("/language/en/", {"next": "/en/"})
    assert response.status_code == 302
    assert response.cookies["congso_language"].value == "en"
    assert client.get("/en/")["X-Page-Cache"] == "hit"


def test_languages_are_cached_apart(client, newsroom):  # noqa: F811
    vi = client.get("/vi/")
    en = client.get("/en/")
    assert vi.content != en.content
    assert client.get("/vi/").content == vi.content
    assert client.get("/en/").content == en.content


def test_with_the_cache_off_nothing_is_stored(client, item, settings):
    settings.CONGSO_PAGE_CACHE = False
    client.get(item.url)
    assert "X-Page-Cache" not in client.get(item.url)
