"""The search as a reader gets it, on the database the run uses (SQLite FTS5 or
PostgreSQL full text): accent-insensitive words, ranking, highlighted and escaped snippets,
filters, paging, bad input, and the index kept in step with publishing, unpublishing,
moving and deleting."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from congso.newsroom.models import NewsPage
from congso.newsroom.tests.factories import NewsPageFactory
from congso.search import indexing
from congso.search.models import SearchEntry
from congso.search.query import search, snippet

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(shared_newsroom):
    return shared_newsroom


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def result_titles(soup) -> list[str]:
    return [squash(h.get_text()) for h in soup.select(".search-results__title")]


def news(newsroom, category="digital", language="vi", **kwargs) -> NewsPage:
    return NewsPageFactory(parent=newsroom.category(category, language), **kwargs)


def test_words_without_diacritics_find_the_vietnamese_title(client, newsroom):
    news(newsroom, title="Sở Thông tin và Truyền thông triển khai chữ ký số")
    news(newsroom, title="Hội nghị về an toàn giao thông")

    soup = soup_of(client.get("/vi/tim-kiem/", {"q": "so thong tin"}))

    titles = result_titles(soup)
    assert titles[0] == "Sở Thông tin và Truyền thông triển khai chữ ký số"
    assert "Hội nghị về an toàn giao thông" not in titles
    marks = [m.get_text() for m in soup.select(".search-results__title mark")]
    assert marks[0] == "Sở Thông tin"


def test_d_finds_đ_and_capitals_and_diacritics_do_not_matter(client, newsroom):
    news(newsroom, title="Đăng ký cấp phép xuất bản bản tin")

    for q in ("dang ky", "ĐĂNG KÝ", "Đăng ký", "đang ky"):
        soup = soup_of(client.get("/vi/tim-kiem/", {"q": q}))
        assert result_titles(soup) == ["Đăng ký cấp phép xuất bản bản tin"], q


def test_the_body_is_searched_and_the_snippet_shows_the_words(client, newsroom):
    body = [
        {
            "type": "paragraph",
            "value": "<p>" + "Đoạn mở đầu dài. " * 30 + "Hệ thống một cửa điện tử đã "
            "được nâng cấp trong tháng này.</p>",
        }
    ]
    news(newsroom, title="Tin về cải cách hành chính", body=body)

    soup = soup_of(client.get("/vi/tim-kiem/", {"q": "mot cua dien tu"}))

    assert result_titles(soup) == ["Tin về cải cách hành chính"]
    snippet_el = soup.select_one(".search-results__snippet")
    assert "Hệ thống một cửa điện tử" in squash(snippet_el.get_text())
    assert [m.get_text() for m in snippet_el.select("mark")] == ["một cửa điện tử"]
    assert snippet_el.get_text().startswith("…")


def test_results_are_ranked_title_phrase_first(client, newsroom):
    older = timezone.now() - datetime.timedelta(days=30)
    news(
        newsroom,
        title="Báo cáo tháng",
        summary="Trạm phát sóng mới đã hoạt động ở ba xã.",
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    news(newsroom, title="Khánh thành trạm phát sóng", published_at=older)

    soup = soup_of(client.get("/vi/tim-kiem/", {"q": "tram phat song"}))

    assert result_titles(soup) == ["Khánh thành trạm phát sóng", "Báo cáo tháng"]


def test_only_live_pages_of_the_language_are_found(client, newsroom):
    news(newsroom, title="Cáp quang biển cấp xã")
    news(newsroom, title="Cáp quang biển bản nháp", live=False)
    news(newsroom, language="en", title="Cap quang bien in English")

    vi = soup_of(client.get("/vi/tim-kiem/", {"q": "cap quang bien"}))
    en = soup_of(client.get("/en/search/", {"q": "cap quang bien"}))

    assert result_titles(vi) == ["Cáp quang biển cấp xã"]
    assert result_titles(en) == ["Cap quang bien in English"]


def test_portal_pages_are_found_too(client, newsroom):
    call_command("rebuild_search_index", verbosity=0)
    home = newsroom.demo.pages["vi"]
    titles = {e.title for e in SearchEntry.objects.filter(language="vi", kind="page")}
    assert len(titles) >= 3
    some_page = next(iter(p for k, p in home.items() if k != "home"))

    soup = soup_of(client.get("/vi/tim-kiem/", {"q": some_page.title}))

    assert some_page.title in result_titles(soup)


def test_filters_by_category_and_date(client, newsroom):
    day = timezone.make_aware(datetime.datetime(2024, 3, 15, 9))
    news(newsroom, "digital", title="Hạ tầng số tỉnh", published_at=day)
    news(newsroom, "activities", title="Hạ tầng số huyện", published_at=day)
    news(
        newsroom,
        "digital",
        title="Hạ tầng số năm trước",
        published_at=day - datetime.timedelta(days=365),
    )
    digital = newsroom.category("digital")

    by_category = soup_of(client.get("/vi/tim-kiem/", {"q": "ha tang so", "category": digital.pk}))
    by_date = soup_of(
        client.get(
            "/vi/tim-kiem/",
            {"q": "ha tang so", "date_from": "2024-03-01", "date_to": "2024-03-31"},
        )
    )

    assert sorted(result_titles(by_category)) == ["Hạ tầng số năm trước", "Hạ tầng số tỉnh"]
    assert sorted(result_titles(by_date)) == ["Hạ tầng số huyện", "Hạ tầng số tỉnh"]
    # The category list offers this language's categories.
    options = [o.get_text() for o in by_category.select("#id_category option")]
    assert digital.title in options


def test_a_reversed_date_range_is_reported_and_ignored(client, newsroom):
    news(newsroom, title="Hạ tầng số tỉnh")

    soup = soup_of(
        client.get(
            "/vi/tim-kiem/", {"q": "ha tang", "date_from": "2024-03-31", "date_to": "2024-03-01"}
        )
    )

    assert result_titles(soup) == ["Hạ tầng số tỉnh"]
    assert "Ngày kết thúc trước ngày bắt đầu" in soup.select_one(".field-error").get_text()


def test_results_are_paged_and_the_links_keep_the_query(client, newsroom):
    for i in range(12):
        news(newsroom, title=f"Kiểm định thiết bị số {i}")

    first = soup_of(client.get("/vi/tim-kiem/", {"q": "kiem dinh"}))
    second = soup_of(client.get("/vi/tim-kiem/", {"q": "kiem dinh", "page": 2}))

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
    assert "12 kết quả" in squash(first.select_one(".search-page__count").get_text())
    next_link = first.select_one("a[rel=next]")["href"]
    assert "q=kiem+dinh" in next_link and "page=2" in next_link


@pytest.mark.parametrize(
    "q",
    [
        "x" * 10_000,
        "'; DROP TABLE search_searchentry; --",
        '" OR 1=1 --',
        "<script>alert(1)</script>",
        "!!! ??? ... --- ***",
        "NEAR( AND OR NOT * : ^ ( )",
        "a & b | !c <-> d:*",
    ],
)
def test_bad_input_gives_an_ordinary_escaped_results_page(client, newsroom, q):
    news(newsroom, title="Tin bình thường")

    response = client.get("/vi/tim-kiem/", {"q": q})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    soup = BeautifulSoup(content, "html.parser")
    assert soup.select_one("h1").get_text() == "Tìm kiếm"
    assert SearchEntry.objects.filter(title="Tin bình thường").exists()


def test_html_in_a_title_is_escaped_in_the_results(client, newsroom):
    news(newsroom, title="Cảnh báo <img src=x onerror=alert(1)> lừa đảo")

    response = client.get("/vi/tim-kiem/", {"q": "canh bao lua dao"})

    content = response.content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_the_index_follows_unpublish_move_and_delete(newsroom):
    page = news(newsroom, "digital", title="Tuyến cáp nông thôn")
    assert [e.title for e in search("tuyen cap", language="vi")[:10]] == ["Tuyến cáp nông thôn"]

    page.move(newsroom.category("post_telecom"), pos="last-child")
    entry = SearchEntry.objects.get(page=page)
    assert entry.category_id == newsroom.category("post_telecom").pk
    assert entry.url == NewsPage.objects.get(pk=page.pk).url

    NewsPage.objects.get(pk=page.pk).unpublish()
    assert search("tuyen cap", language="vi").count() == 0

    NewsPage.objects.get(pk=page.pk).save_revision().publish()
    assert search("tuyen cap", language="vi").count() == 1

    NewsPage.objects.get(pk=page.pk).delete()
    assert not SearchEntry.objects.filter(title="Tuyến cáp nông thôn").exists()


def test_a_new_title_replaces_the_old_one_on_publish(newsroom):
    page = news(newsroom, title="Khai mạc lễ hội", summary="Tóm tắt.")
    page.title = "Tiêu đề mới hoàn toàn"
    page.save_revision().publish()

    assert search("khai mac le hoi", language="vi").count() == 0
    assert [e.title for e in search("hoan toan", language="vi")[:10]] == ["Tiêu đề mới hoàn toàn"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_on_postgresql_a_typo_still_finds_the_title_by_trigrams(client, newsroom):
    news(newsroom, title="Phát triển hạ tầng viễn thông thụ động")

    soup = soup_of(client.get("/vi/tim-kiem/", {"q": "ha tang vien thong thu donng"}))

    assert result_titles(soup)[0] == "Phát triển hạ tầng viễn thông thụ động"
    assert "gần với từ khóa" in soup.select_one(".search-page__count").get_text()


def test_index_pages_in_bulk_matches_one_by_one(newsroom):
    pages = [news(newsroom, title=f"Báo chí xuất bản {i}") for i in range(3)]
    one_by_one = {e.page_id: (e.title_folded, e.text_folded) for e in SearchEntry.objects.all()}

    SearchEntry.objects.all().delete()
    written = indexing.index_pages([p.pk for p in pages])

    assert written == 3
    assert {e.page_id: (e.title_folded, e.text_folded) for e in SearchEntry.objects.all()} == {
        k: v for k, v in one_by_one.items() if k in {p.pk for p in pages}
    }


def test_the_search_page_takes_a_fixed_number_of_queries(
    client, newsroom, django_assert_max_num_queries
):
    for i in range(15):
        news(newsroom, title=f"Điểm phục vụ bưu điện {i}")
    client.get("/vi/tim-kiem/", {"q": "diem phuc vu"})  # warm Wagtail's site caches

    with django_assert_max_num_queries(12):
        soup = soup_of(client.get("/vi/tim-kiem/", {"q": "diem phuc vu", "page": 2}))
    assert len(result_titles(soup)) == 5


def test_snippet_marks_words_and_escapes_html():
    html = snippet("Giá <b>cước</b> viễn thông & bưu chính", ["cuoc", "buu"])
    assert str(html) == (
        "Giá &lt;b&gt;<mark>cước</mark>&lt;/b&gt; viễn thông &amp; <mark>bưu</mark> chính"
    )


def test_the_header_has_a_search_box_in_each_language(client, newsroom):
    vi = soup_of(client.get("/vi/"))
    en = soup_of(client.get("/en/"))

    assert vi.select_one("form.search-box")["action"] == "/vi/tim-kiem/"
    assert en.select_one("form.search-box")["action"] == "/en/search/"
    assert vi.select_one("label[for=site-search-q]").get_text() == "Tìm kiếm trên cổng"


def test_the_news_api_uses_the_same_accent_insensitive_search(client, newsroom):
    news(newsroom, title="Sở Thông tin hướng dẫn đăng ký tên miền")
    news(newsroom, title="Tin không liên quan")

    response = client.get("/api/v1/news", {"lang": "vi", "q": "dang ky ten mien"})

    assert response.status_code == 200
    assert [r["title"] for r in response.json()["results"]] == [
        "Sở Thông tin hướng dẫn đăng ký tên miền"
    ]
    punctuation_only = client.get("/api/v1/news", {"lang": "vi", "q": "!!! ???"})
    assert punctuation_only.status_code == 200
    assert punctuation_only.json()["count"] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the rank limit is PostgreSQL's")
def test_on_postgresql_a_very_broad_query_lists_title_phrase_then_newest(newsroom, monkeypatch):
    from congso.search import query

    monkeypatch.setattr(query, "RANK_LIMIT", 2)
    now = timezone.now()
    news(newsroom, title="Mạng lưới bưu cục mới", published_at=now - datetime.timedelta(days=3))
    news(
        newsroom,
        title="Tin khác",
        summary="Mạng lưới bưu cục mở rộng.",
        published_at=now - datetime.timedelta(days=1),
    )
    news(
        newsroom,
        title="Tin thứ ba",
        summary="Về mạng lưới bưu cục.",
        published_at=now - datetime.timedelta(days=2),
    )

    results = search("mang luoi buu cuc", language="vi")

    assert results.count() == 3
    assert [e.title for e in results[:10]] == ["Mạng lưới bưu cục mới", "Tin khác", "Tin thứ ba"]
