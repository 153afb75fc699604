"""The view counter (newsroom.viewcounter): the beacon counts one view per visitor per
item per 30 minutes, ignores bots and staff, loses no count under concurrency, and the
item page carries the beacon (but not in a preview) and works from the page cache."""

import threading

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from congso.newsroom.models import NewsPage
from congso.newsroom.viewcounter import VIEW_WINDOW, view_record

from .admin_forms import edit_url, editor_form
from .factories import NewsPageFactory, UserFactory

BROWSER_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


def views(page) -> int:
    return NewsPage.objects.get(pk=page.pk).view_count


def beacon(client, page, ua=BROWSER_UA, ip="203.0.113.7", method="post"):
    return getattr(client, method)(f"/beacon/news/{page.pk}/", HTTP_USER_AGENT=ua, REMOTE_ADDR=ip)


@pytest.fixture
def item(newsroom):
    return NewsPageFactory(parent=newsroom.category("digital"), title="Tin có lượt xem")


@pytest.mark.django_db
def test_a_visit_counts_once_within_30_minutes_and_again_after(client, item):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        # The script's POST gets the count, for the page to show.
        assert beacon(client, item).json() == {"views": 1}
        assert views(item) == 1
        assert beacon(client, item).json() == {"views": 1}
        assert views(item) == 1
    with time_machine.travel(start + timezone.timedelta(seconds=VIEW_WINDOW - 60), tick=False):
        beacon(client, item)
        assert views(item) == 1
    with time_machine.travel(start + timezone.timedelta(seconds=VIEW_WINDOW + 60), tick=False):
        beacon(client, item)
        assert views(item) == 2


@pytest.mark.django_db
def test_two_visitors_count_twice(client, item):
    beacon(client, item, ip="203.0.113.7")
    beacon(client, item, ip="198.51.100.2")
    assert views(item) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "",
    ],
)
def test_bots_are_not_counted(client, item, ua):
    assert beacon(client, item, ua=ua).json() == {"views": 0}
    assert views(item) == 0


@pytest.mark.django_db
def test_logged_in_staff_are_not_counted(client, item):
    client.force_login(UserFactory(username="webmaster", is_superuser=True, is_staff=True))
    beacon(client, item)
    assert views(item) == 0


@pytest.mark.django_db
def test_the_noscript_image_counts_too_and_gets_a_gif(client, item):
    response = beacon(client, item, method="get")
    assert response["Content-Type"] == "image/gif"
    assert "no-cache" in response["Cache-Control"]
    assert views(item) == 1


@pytest.mark.django_db
def test_drafts_and_other_pages_are_not_counted(client, newsroom):
    draft = NewsPageFactory(parent=newsroom.category("digital"), live=False)
    beacon(client, draft)
    assert views(draft) == 0
    assert client.post("/beacon/news/999999/", HTTP_USER_AGENT=BROWSER_UA).status_code == 204


@pytest.mark.django_db
def test_the_item_page_carries_the_beacon_and_a_preview_does_not(client, item, settings):
    settings.CONGSO_PAGE_CACHE = True
    soup = BeautifulSoup(client.get(item.url).content.decode(), "html.parser")
    marker = soup.select_one("[data-view-beacon]")
    assert marker["data-view-beacon"] == f"/beacon/news/{item.pk}/"
    assert soup.select_one('script[src$="view-beacon.js"]') is not None
    # The page reads nothing and writes nothing about views: a cached copy still counts.
    assert client.get(item.url)["X-Page-Cache"] == "hit"
    beacon(client, item)
    assert views(item) == 1

    staff = UserFactory(username="preview_staff", is_superuser=True, is_staff=True)
    client.force_login(staff)
    data = editor_form(client, edit_url(item))
    preview = client.post(f"/admin/pages/{item.pk}/edit/preview/", data)
    assert preview.status_code == 200
    assert preview.json()["is_valid"]
    shown = client.get(f"/admin/pages/{item.pk}/edit/preview/")
    assert shown.status_code == 200
    assert b"data-view-beacon" not in shown.content


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_50_concurrent_views_are_all_counted(newsroom):
    item = NewsPageFactory(parent=newsroom.category("digital"), title="Tin nhiều người đọc")
    barrier = threading.Barrier(50)
    errors = []

    def visit(n):
        try:
            barrier.wait()
            view_record(item.pk, ip=f"10.0.0.{n}", user_agent=BROWSER_UA)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert views(item) == 50


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_50_concurrent_beacons_over_http_are_all_counted(newsroom):
    item = NewsPageFactory(parent=newsroom.category("digital"), title="Tin qua beacon")
    barrier = threading.Barrier(50)
    statuses = []

    def visit(n):
        try:
            barrier.wait()
            statuses.append(
                Client()
                .post(
                    f"/beacon/news/{item.pk}/",
                    HTTP_USER_AGENT=BROWSER_UA,
                    REMOTE_ADDR=f"10.1.0.{n}",
                )
                .status_code
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert statuses == [200] * 50  # each answered with the count, for its page to show
    assert views(item) == 50
