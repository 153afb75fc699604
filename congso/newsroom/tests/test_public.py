"""The public side of the newsroom as a reader gets it: lists, tag pages, a news item with
its metadata, sharing and print view, staff links, the home page's featured news, RSS
feeds, the sitemap, and bad input in a body."""

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from congso.core.calendar import VN_TZ
from congso.newsroom.models import NewsCategoryPage, NewsPage, NewsRelatedLink
from congso.newsroom.services import seed_news_import

from .admin_forms import edit_url, editor_form, post_editor
from .factories import ContributorFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(shared_newsroom):
    """The newsroom is set up once for this module (see conftest.py)."""
    return shared_newsroom


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def list_titles(soup) -> list[str]:
    return [squash(h.get_text()) for h in soup.select("main .news-list__title a")]


def make_image(title="Ảnh thử nghiệm"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#0b4a8f").save(buffer, format="JPEG")
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name="thu-nghiem.jpg")
    image.save()
    return image


def at(day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, 0, tzinfo=VN_TZ)


@pytest.fixture
def seed(newsroom):
    return seed_news_import(agency=newsroom.demo.agency, tree=newsroom.tree)


# --- Lists ------------------------------------------------------------------------------


def test_news_index_lists_newest_first_20_a_page(client, newsroom):
    for day in range(1, 26):
        NewsPageFactory(
            parent=newsroom.category("activities" if day % 2 else "digital"),
            title=f"Tin ngày {day:02d}",
            published_at=at(day),
        )

    first = soup_of(client.get("/vi/tin-tuc/"))
    second = soup_of(client.get("/vi/tin-tuc/?page=2"))

    assert list_titles(first) == [f"Tin ngày {day:02d}" for day in range(25, 5, -1)]
    assert list_titles(second) == [f"Tin ngày {day:02d}" for day in range(5, 0, -1)]
    pages = first.find("nav", attrs={"aria-label": "Phân trang"})
    assert pages is not None
    assert pages.find("a", attrs={"rel": "next"})["href"] == "?page=2"
    assert client.get("/vi/tin-tuc/?page=3").status_code == 404
    assert client.get("/vi/tin-tuc/?page=abc").status_code == 404
    # Each item says when and where.
    item = first.select_one("main .news-list__item")
    assert "25/03/2026" in item.get_text()
    assert item.select_one(".news-list__meta a").get_text() == "Tin hoạt động"


def test_category_lists_its_subtree_only_and_has_an_empty_state(client, newsroom):
    digital = newsroom.category("digital")
    sub = digital.add_child(
        instance=NewsCategoryPage(title="Đô thị thông minh", slug="do-thi-thong-minh", live=False)
    )
    sub.save_revision().publish()
    NewsPageFactory(parent=sub, title="Tin của chuyên mục con")
    NewsPageFactory(parent=digital, title="Tin chuyển đổi số")
    NewsPageFactory(parent=newsroom.category("press"), title="Tin báo chí")

    soup = soup_of(client.get("/vi/tin-tuc/chuyen-doi-so/"))

    assert sorted(list_titles(soup)) == ["Tin chuyển đổi số", "Tin của chuyên mục con"]
    assert "Đô thị thông minh" in soup.select_one("nav.category-nav").get_text()
    empty = soup_of(client.get("/vi/tin-tuc/buu-chinh-vien-thong/"))
    assert empty.select_one(".empty-state").get_text() == "Chưa có tin bài nào."
    assert list_titles(empty) == []
    assert (
        "No news has been published yet."
        in soup_of(client.get("/en/news/post-and-telecommunications/")).get_text()
    )


def test_drafts_and_the_other_language_stay_out_of_lists(client, newsroom):
    NewsPageFactory(parent=newsroom.category("digital"), title="Bản nháp", live=False)
    NewsPageFactory(parent=newsroom.category("digital", "en"), title="English item")
    NewsPageFactory(parent=newsroom.category("digital"), title="Tin tiếng Việt")

    assert list_titles(soup_of(client.get("/vi/tin-tuc/"))) == ["Tin tiếng Việt"]
    assert list_titles(soup_of(client.get("/en/news/"))) == ["English item"]


def test_list_queries_do_not_grow_with_the_items(client, newsroom, django_assert_max_num_queries):
    image = make_image()

    def add(n, start):
        for i in range(n):
            NewsPageFactory(
                parent=newsroom.category(("digital", "press", "activities")[i % 3]),
                main_image=image,
                main_image_alt="Ảnh",
                published_at=at(1) + datetime.timedelta(minutes=start + i),
            )

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(url)  # renditions made once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(3, 0)
    few = {url: count(url) for url in ("/vi/tin-tuc/", "/vi/tin-tuc/chuyen-doi-so/", "/vi/")}
    add(25, 100)
    many = {url: count(url) for url in few}

    assert many == few
    # The page frame (menu, language links, breadcrumbs, settings) takes about 20.
    with django_assert_max_num_queries(30):
        client.get("/vi/tin-tuc/")


# --- Tags -------------------------------------------------------------------------------


def test_tag_pages_list_the_tagged_news_of_their_language(client, newsroom):
    NewsPageFactory(parent=newsroom.category("digital"), title="Có thẻ", tags=["Chuyển đổi số"])
    NewsPageFactory(parent=newsroom.category("digital"), title="Không có thẻ")
    NewsPageFactory(
        parent=newsroom.category("digital", "en"), title="Tagged", tags=["Digital transformation"]
    )

    soup = soup_of(client.get("/vi/tin-tuc/the/chuyen-doi-so/"))

    assert list_titles(soup) == ["Có thẻ"]
    assert soup.h1.get_text() == "Thẻ: Chuyển đổi số"
    assert list_titles(soup_of(client.get("/en/news/tag/digital-transformation/"))) == ["Tagged"]
    assert client.get("/vi/tin-tuc/tag/chuyen-doi-so/").status_code == 404
    assert client.get("/vi/tin-tuc/the/khong-co/").status_code == 404
    # The item links to its tag page.
    item = NewsPage.objects.get(title="Có thẻ")
    links = soup_of(client.get(item.url)).select(".news-tags a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Chuyển đổi số", "/vi/tin-tuc/the/chuyen-doi-so/")
    ]


# --- The news item ----------------------------------------------------------------------


def test_seed_item_shows_its_date_author_views_and_body_in_both_languages(client, seed):
    vi = soup_of(client.get(seed["vi"].url))
    en = soup_of(client.get(seed["en"].url))

    assert vi.h1.get_text() == "Giới thiệu Sở Thông tin và Truyền thông tỉnh Bình Dương"
    assert (
        squash(vi.select_one(".news-article__meta").get_text()) == "07/06/2021 10:00 | Nguyen Trang"
    )
    assert squash(vi.select_one(".news-article__views").get_text()) == "Lượt xem: 3.028"
    assert squash(en.select_one(".news-article__views").get_text()) == "Views: 3,028"
    assert (
        squash(en.select_one(".news-article__meta").get_text()) == "07/06/2021 10:00 | Nguyen Trang"
    )
    headings = [h.get_text() for h in vi.select(".news-body h2")]
    assert headings == [
        "Lãnh đạo",
        "Các phòng, trung tâm",
        "Chức năng",
        "Nhiệm vụ",
        "Quyền hạn",
        "Địa chỉ",
    ]
    assert [h.get_text() for h in en.select(".news-body h2")] == [
        "Leadership",
        "Divisions and Centers",
        "FUNCTIONS",
        "TASKS",
        "POWERS",
        "ADDRESS",
    ]
    body = en.select_one(".news-body").get_text()
    assert "anhlt@binhduong.gov.vn" in body
    assert "Center of Electronic Information: (+84-274) 3.856.856" in body
    assert "26. Performing other tasks assigned by the Provincial People's Committee" in body
    assert "h) Managing the use of equipment that receives radio and television signals" in body
    assert "Decision No. 14/2009/QĐ-UBND" in body
    # The language switcher goes to the translation.
    switch = vi.find("nav", attrs={"aria-label": "Ngôn ngữ"}).find("a", attrs={"lang": "en"})
    assert seed["en"].url in switch["href"].replace("%2F", "/")


def test_item_page_shows_image_caption_attachments_related_and_others(client, newsroom):
    image = make_image()
    document = get_document_model().objects.create(title="Kế hoạch số 12")
    document.file.save("ke-hoach.pdf", io.BytesIO(b"%PDF-1.4 thu"), save=True)
    category = newsroom.category("digital")
    older = NewsPageFactory(parent=category, title="Tin cũ hơn", published_at=at(1))
    other = NewsPageFactory(parent=category, title="Tin khác cùng mục", published_at=at(2))
    page = NewsPageFactory(
        parent=category,
        title="Tin có ảnh",
        main_image=image,
        main_image_alt="Lãnh đạo Sở phát biểu",
        main_image_caption="Quang cảnh hội nghị",
        published_at=at(3),
    )
    page.related_links.add(NewsRelatedLink(target=older))
    page.attachments.create(document=document, title="")
    page.save_revision().publish()

    soup = soup_of(client.get(page.url))

    figure = soup.select_one(".news-figure--main")
    assert figure.img["alt"] == "Lãnh đạo Sở phát biểu"
    assert figure.figcaption.get_text() == "Quang cảnh hội nghị"
    assert [a.get_text() for a in soup.select(".news-attachments a")] == ["Kế hoạch số 12"]
    related = soup.find(id="related-title").find_parent("section")
    assert [a.get_text() for a in related.select(".news-list__title a")] == ["Tin cũ hơn"]
    others = soup.find(id="others-title").find_parent("section")
    assert [a.get_text() for a in others.select(".news-list__title a")] == [
        "Tin khác cùng mục",
        "Tin cũ hơn",
    ]
    assert others.h2.get_text() == "Tin khác"
    assert other.title not in related.get_text()


def test_open_graph_and_news_article_data(client, newsroom, seed):
    image = make_image()
    page = NewsPageFactory(
        parent=newsroom.category("digital"),
        title="Tin có dữ liệu chia sẻ",
        summary="Tóm tắt dùng cho mạng xã hội.",
        main_image=image,
        main_image_alt="Ảnh",
        published_at=at(5, 10),
        byline="Thu Hà",
    )
    soup = soup_of(client.get(page.url))

    def meta(prop):
        tag = soup.find("meta", attrs={"property": prop}) or soup.find("meta", attrs={"name": prop})
        return tag["content"] if tag else None

    assert meta("description") == "Tóm tắt dùng cho mạng xã hội."
    assert meta("og:title") == "Tin có dữ liệu chia sẻ"
    assert meta("og:description") == "Tóm tắt dùng cho mạng xã hội."
    assert meta("og:type") == "article"
    assert meta("og:url") == f"http://testserver{page.url}"
    assert urlsplit(meta("og:image")).scheme == "http"
    assert meta("og:image").startswith("http://testserver/media/images/")
    assert meta("article:published_time") == "2026-03-05T10:00:00+07:00"
    assert meta("twitter:card") == "summary_large_image"
    data = json.loads(soup.find("script", attrs={"type": "application/ld+json"}).string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Tin có dữ liệu chia sẻ"
    assert data["datePublished"] == "2026-03-05T10:00:00+07:00"
    assert data["author"] == [{"@type": "Person", "name": "Thu Hà"}]
    assert data["publisher"]["name"] == "Sở Thông tin và Truyền thông tỉnh Bình Dương"
    assert data["image"] == [meta("og:image")]
    # The seed item: its author is a contributor.
    seed_data = json.loads(
        soup_of(client.get(seed["en"].url)).find("script", type="application/ld+json").string
    )
    assert seed_data["author"] == [{"@type": "Person", "name": "Nguyen Trang"}]
    assert seed_data["inLanguage"] == "en"


def test_json_ld_cannot_be_closed_by_a_title(client, newsroom):
    page = NewsPageFactory(
        parent=newsroom.category("digital"), title="</script><script>alert(1)</script>"
    )
    html = client.get(page.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["headline"] == "</script><script>alert(1)</script>"


def test_share_links_are_plain_links_and_no_third_party_script(client, newsroom):
    page = NewsPageFactory(parent=newsroom.category("digital"), title="Tin chia sẻ")
    soup = soup_of(client.get(page.url))
    full = f"http://testserver{page.url}"

    links = {
        a.get_text(" ", strip=True).split(" (")[0]: a["href"] for a in soup.select(".share__list a")
    }
    assert links["Facebook"].startswith(
        "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver"
    )
    assert links["Zalo"].startswith("https://sp.zalo.me/share_inline?url=http%3A%2F%2Ftestserver")
    assert links["X"].startswith("https://x.com/intent/tweet?url=")
    assert links["Email"].startswith("mailto:?subject=Tin%20chia%20s")
    assert links["In bài"] == "?print=1"
    copy = soup.find("button", attrs={"data-copy-link": True})
    assert copy["data-copy-link"] == full and copy.has_attr("hidden")
    assert soup.select_one(".share__url-value").get_text() == full  # without JavaScript
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            continue
        assert script.get("src", "").startswith("/static/"), script
        assert not script.string
    assert "/static/newsroom/js/news.js" in [s.get("src") for s in soup.find_all("script")]


def test_print_view_has_the_article_alone(client, newsroom):
    page = NewsPageFactory(parent=newsroom.category("digital"), title="Tin để in")
    NewsPageFactory(parent=newsroom.category("digital"), title="Tin bên cạnh")

    soup = soup_of(client.get(page.url + "?print=1"))

    assert soup.h1.get_text() == "Tin để in"
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.select(".share") == [] and "Tin bên cạnh" not in soup.get_text()
    assert soup.find("button", attrs={"data-print": True}) is not None


def test_alternative_link_replaces_the_body(client, newsroom):
    page = NewsPageFactory(
        parent=newsroom.category("press"),
        title="Tin đăng ở nơi khác",
        alternative_url="https://baobinhduong.vn/bai-viet-1.html",
    )
    soup = soup_of(client.get(page.url))
    assert soup.select(".news-body") == []
    assert soup.select_one(".notice a")["href"] == "https://baobinhduong.vn/bai-viet-1.html"
    listed = soup_of(client.get("/vi/tin-tuc/bao-chi-xuat-ban/")).select_one(".news-list__title a")
    assert listed["href"] == "https://baobinhduong.vn/bai-viet-1.html"


def test_staff_links_show_for_those_who_may_edit_only(client, newsroom, editor, author):
    page = NewsPageFactory(parent=newsroom.category("digital"), title="Tin có liên kết")

    assert soup_of(client.get(page.url)).select(".staff-links") == []
    client.force_login(author)  # may not edit an item they do not own
    assert soup_of(client.get(page.url)).select(".staff-links") == []
    client.force_login(editor)
    links = soup_of(client.get(page.url)).select(".staff-links a")

    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Sửa bài", f"/admin/pages/{page.id}/edit/"),
        ("Lịch sử phiên bản", f"/admin/pages/{page.id}/history/"),
        ("Phân quyền", f"/admin/newsroom/pages/{page.id}/permissions/"),
    ]
    permissions = client.get(links[2]["href"])
    assert permissions.status_code == 200
    text = permissions.content.decode()
    assert "Biên tập viên" in text and "Lãnh đạo duyệt tin" in text and "Duyệt tin bài" in text
    client.force_login(author)
    assert client.get(links[2]["href"]).status_code in (302, 403)


# --- Home page --------------------------------------------------------------------------


def test_featured_news_appear_on_the_home_page_of_their_language(client, newsroom):
    assert "Chưa có tin bài nào." in soup_of(client.get("/vi/")).get_text()
    NewsPageFactory(parent=newsroom.category("digital"), title="Tin nổi bật", featured=True)
    NewsPageFactory(parent=newsroom.category("digital"), title="Tin thường")
    NewsPageFactory(
        parent=newsroom.category("digital", "en"), title="Featured in English", featured=True
    )

    home = soup_of(client.get("/vi/"))
    home_en = soup_of(client.get("/en/"))

    assert [a.get_text() for a in home.select(".news-list__title a")] == ["Tin nổi bật"]
    assert [a.get_text() for a in home_en.select(".news-list__title a")] == ["Featured in English"]
    assert "Tin tức" in [a.get_text() for a in home.select(".site-nav__link")]


# --- Feeds and sitemap ------------------------------------------------------------------


def feed_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    return channel, channel.findall("item")


def test_rss_feeds_per_language_and_per_category(client, newsroom):
    NewsPageFactory(
        parent=newsroom.category("digital"),
        title="Tin số",
        tags=["Chuyển đổi số"],
        published_at=at(2),
    )
    NewsPageFactory(parent=newsroom.category("press"), title="Tin báo chí", published_at=at(1))
    NewsPageFactory(parent=newsroom.category("press", "en"), title="Press item")

    channel, items = feed_items(client, "/vi/tin-tuc/rss/")
    assert channel.findtext("language") == "vi"
    assert [i.findtext("title") for i in items] == ["Tin số", "Tin báo chí"]
    first = items[0]
    page = NewsPage.objects.get(title="Tin số")
    assert first.findtext("link") == f"http://testserver{page.url}"
    assert first.findtext("guid") == f"http://testserver{page.url}"
    assert first.findtext("description") == page.summary
    assert first.findtext("pubDate").endswith("+0700")
    assert [c.text for c in first.findall("category")] == ["Chuyển đổi số", "Chuyển đổi số"]

    _, digital = feed_items(client, "/vi/tin-tuc/chuyen-doi-so/rss/")
    assert [i.findtext("title") for i in digital] == ["Tin số"]
    channel_en, english = feed_items(client, "/en/news/rss/")
    assert channel_en.findtext("language") == "en"
    assert [i.findtext("title") for i in english] == ["Press item"]
    # News pages announce their feeds.
    link = soup_of(client.get(page.url)).find("link", attrs={"type": "application/rss+xml"})
    assert link["href"] == "/vi/tin-tuc/chuyen-doi-so/rss/"
    index_link = soup_of(client.get("/vi/tin-tuc/")).find("link", type="application/rss+xml")
    assert index_link["href"] == "/vi/tin-tuc/rss/"


def test_sitemap_lists_news_in_both_languages_with_lastmod(client, seed):
    response = client.get("/sitemap.xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = {
        urlsplit(url.findtext("s:loc", namespaces=SITEMAP_NS)).path: url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }
    assert seed["vi"].url in entries and seed["en"].url in entries
    assert entries[seed["vi"].url].startswith("2021-06-07")
    assert "/vi/tin-tuc/" in entries and "/en/news/" in entries
    assert "/en/about/" in entries  # the whole English tree, not only news


# --- Bad input --------------------------------------------------------------------------


def test_scripts_and_javascript_links_never_reach_the_page(client, newsroom, approver):
    page = NewsPageFactory(parent=newsroom.category("digital"), title="Tin bị chèn mã")
    client.force_login(approver)
    url = edit_url(page)
    data = editor_form(
        client,
        url,
        body=[
            (
                "paragraph",
                '<p>Trước<script>alert(1)</script><a href="javascript:alert(1)">x</a>'
                '<a href="https://example.org/" onclick="alert(2)">y</a></p>',
            ),
            ("heading", {"text": "<script>alert(3)</script>", "level": "h2"}),
        ],
    )
    response = post_editor(client, url, data, action="publish")
    assert response.status_code == 302
    client.logout()

    html = client.get(page.url).content.decode()
    body = BeautifulSoup(html, "html.parser").select_one(".news-body")
    assert body.find("script") is None
    assert "javascript:" not in str(body).lower()
    assert "onclick" not in str(body)
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in str(body)  # escaped text, not a tag
    assert [a.get("href") for a in body.find_all("a")] in (
        [None, "https://example.org/"],
        ["https://example.org/"],
    )
    stored = list(NewsPage.objects.get(pk=page.pk).body.raw_data)
    assert "javascript:" not in json.dumps(stored).lower()


def test_a_stored_javascript_link_is_removed_when_rendered(client, newsroom):
    """Rich text that reached the database another way (an import, the API of a future
    version) is cleaned when rendered too."""
    page = NewsPageFactory(
        parent=newsroom.category("digital"),
        body=[
            {
                "type": "paragraph",
                "value": '<p><a href="javascript:alert(1)">x</a><script>alert(1)</script>ok</p>',
            }
        ],
    )
    body = soup_of(client.get(page.url)).select_one(".news-body")
    assert body.find("script") is None
    assert "javascript:" not in str(body).lower()
    assert "ok" in body.get_text()


def test_contributors_are_shown_in_the_byline(client, newsroom):
    writer = ContributorFactory(name="Trần Thu Hà", pen_name="Thu Hà")
    photographer = ContributorFactory(name="Lê Quốc Bảo", pen_name="Quốc Bảo")
    page = NewsPageFactory(parent=newsroom.category("digital"), published_at=at(7, 8))
    page.authors.create(contributor=writer, role="Tác giả")
    page.authors.create(contributor=photographer, role="Ảnh")
    page.save_revision().publish()

    meta = soup_of(client.get(page.url)).select_one(".news-article__meta")

    assert squash(meta.get_text()) == "07/03/2026 08:00 | Thu Hà, Quốc Bảo"


def test_lists_follow_publication_unpublication_and_moves(client, newsroom):
    page = NewsPageFactory(parent=newsroom.category("digital"), title="Tin sẽ gỡ")
    assert list_titles(soup_of(client.get("/vi/tin-tuc/"))) == ["Tin sẽ gỡ"]

    page.move(newsroom.category("press"), pos="last-child")
    assert list_titles(soup_of(client.get("/vi/tin-tuc/chuyen-doi-so/"))) == []
    assert list_titles(soup_of(client.get("/vi/tin-tuc/bao-chi-xuat-ban/"))) == ["Tin sẽ gỡ"]

    NewsPage.objects.get(pk=page.pk).unpublish()
    soup = soup_of(client.get("/vi/tin-tuc/"))
    assert list_titles(soup) == []
    assert soup.select_one(".empty-state") is not None
