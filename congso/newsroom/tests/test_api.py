"""The news API: GET /api/v1/news (filters, paging) and GET /api/v1/news/{id}."""

import datetime

import pytest

from congso.newsroom.models import NewsCategoryPage
from congso.newsroom.services import seed_news_import

from .factories import ContributorFactory, NewsPageFactory
from .test_public import at, make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(shared_newsroom):
    """The newsroom is set up once for this module (see conftest.py)."""
    return shared_newsroom


@pytest.fixture
def news(newsroom):
    digital = newsroom.category("digital")
    sub = digital.add_child(
        instance=NewsCategoryPage(title="Đô thị thông minh", slug="do-thi-thong-minh", live=False)
    )
    sub.save_revision().publish()
    return {
        "a": NewsPageFactory(
            parent=digital,
            title="Ra mắt nền tảng số",
            tags=["Chuyển đổi số"],
            featured=True,
            published_at=at(3),
        ),
        "b": NewsPageFactory(parent=sub, title="Camera giao thông thông minh", published_at=at(2)),
        "c": NewsPageFactory(
            parent=newsroom.category("press"), title="Giải báo chí tỉnh", published_at=at(1)
        ),
        "en": NewsPageFactory(parent=newsroom.category("press", "en"), title="Press award"),
        "draft": NewsPageFactory(parent=digital, title="Bản nháp", live=False),
    }


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["results"]]


def test_list_defaults_to_vietnamese_newest_first(client, news):
    response = client.get("/api/v1/news")
    data = response.json()
    assert titles(response) == [
        "Ra mắt nền tảng số",
        "Camera giao thông thông minh",
        "Giải báo chí tỉnh",
    ]
    assert data["count"] == 3 and data["page"] == 1 and data["pages"] == 1
    first = data["results"][0]
    assert first["language"] == "vi"
    assert first["url"] == f"http://testserver{news['a'].url}"
    assert first["category"]["slug"] == "chuyen-doi-so"
    assert first["tags"] == [{"slug": "chuyen-doi-so", "name": "Chuyển đổi số"}]
    assert first["featured"] is True
    assert first["published_at"].startswith("2026-03-03T")
    assert titles(client.get("/api/v1/news?lang=en")) == ["Press award"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=chuyen-doi-so", ["Ra mắt nền tảng số", "Camera giao thông thông minh"]),
        ("category=do-thi-thong-minh", ["Camera giao thông thông minh"]),
        ("category=khong-co", []),
        ("tag=chuyen-doi-so", ["Ra mắt nền tảng số"]),
        ("q=báo chí", ["Giải báo chí tỉnh"]),
        ("q=nền tảng", ["Ra mắt nền tảng số"]),
        ("q=CAMERA", ["Camera giao thông thông minh"]),
        ("featured=true", ["Ra mắt nền tảng số"]),
        ("featured=false", ["Camera giao thông thông minh", "Giải báo chí tỉnh"]),
        ("category=chuyen-doi-so&featured=false", ["Camera giao thông thông minh"]),
    ],
)
def test_list_filters(client, news, query, expected):
    assert titles(client.get(f"/api/v1/news?{query}")) == expected


def test_list_pages_with_a_total_count(client, news):
    first = client.get("/api/v1/news?page_size=2").json()
    second = client.get("/api/v1/news?page_size=2&page=2").json()
    beyond = client.get("/api/v1/news?page_size=2&page=9").json()

    assert [i["title"] for i in first["results"]] == [
        "Ra mắt nền tảng số",
        "Camera giao thông thông minh",
    ]
    assert [i["title"] for i in second["results"]] == ["Giải báo chí tỉnh"]
    assert first["count"] == second["count"] == 3 and first["pages"] == 2
    assert beyond["results"] == [] and beyond["count"] == 3


@pytest.mark.parametrize(
    "query", ["lang=fr", "page=0", "page_size=101", "featured=perhaps", "q=" + "x" * 201]
)
def test_list_refuses_bad_parameters(client, news, query):
    assert client.get(f"/api/v1/news?{query}").status_code == 422


def test_list_queries_do_not_grow(client, news, newsroom, django_assert_max_num_queries):
    image = make_image()
    for i in range(15):
        NewsPageFactory(
            parent=newsroom.category("press"),
            main_image=image,
            main_image_alt="Ảnh",
            tags=["Báo chí"],
            published_at=at(1) + datetime.timedelta(minutes=i),
        )
    client.get("/api/v1/news?page_size=50")  # renditions made once
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/news?page_size=50")
    assert response.json()["count"] == 18
    images = [item["image"] for item in response.json()["results"] if item["image"]]
    assert len(images) == 15
    assert images[0]["url"].startswith("http://testserver/media/images/")
    assert (images[0]["width"], images[0]["height"]) == (480, 270)


def test_detail_has_the_body_authors_tags_and_translations(client, newsroom):
    seed = seed_news_import(agency=newsroom.demo.agency, tree=newsroom.tree)

    data = client.get(f"/api/v1/news/{seed['vi'].id}").json()

    assert data["title"] == "Giới thiệu Sở Thông tin và Truyền thông tỉnh Bình Dương"
    assert data["view_count"] == 3028
    assert data["published_at"] == "2021-06-07T10:00:00+07:00"
    assert data["byline"] == "Nguyen Trang"
    assert data["authors"] == [
        {
            "name": "Nguyen Trang",
            "pen_name": "Nguyen Trang",
            "role": "Tác giả",
            "share_percent": "100.00",
        }
    ]
    assert data["article_type"] == {"code": "tong-hop", "name": "Tổng hợp"}
    assert data["category"]["title"] == "Tin hoạt động"
    assert '<h2 class="news-body__heading">Nhiệm vụ</h2>' in data["body_html"]
    assert data["translations"] == {
        "en": f"http://testserver{seed['en'].url}",
        "vi": f"http://testserver{seed['vi'].url}",
    }
    english = client.get(f"/api/v1/news/{seed['en'].id}").json()
    assert english["language"] == "en"
    assert english["article_type"]["name"] == "Summary / roundup"
    assert '<h2 class="news-body__heading">TASKS</h2>' in english["body_html"]


def test_detail_of_a_draft_or_another_page_is_not_found(client, news, newsroom):
    assert client.get(f"/api/v1/news/{news['draft'].id}").status_code == 404
    assert client.get(f"/api/v1/news/{newsroom.index('vi').id}").status_code == 404
    assert client.get("/api/v1/news/999999").status_code == 404


def test_detail_lists_every_author_with_their_share(client, news):
    page = news["a"]
    page.authors.create(
        contributor=ContributorFactory(name="A", pen_name="Bút A"), share_percent=60
    )
    page.authors.create(contributor=ContributorFactory(name="B", pen_name=""), share_percent=40)
    page.save_revision().publish()
    data = client.get(f"/api/v1/news/{page.id}").json()
    assert [(a["name"], a["share_percent"]) for a in data["authors"]] == [
        ("A", "60.00"),
        ("B", "40.00"),
    ]
    assert data["byline"] == "Bút A, B"


def test_openapi_documents_the_news_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/news" in schema["paths"]
    assert "/api/v1/news/{news_id}" in schema["paths"]
    names = [p["name"] for p in schema["paths"]["/api/v1/news"]["get"]["parameters"]]
    assert {"lang", "category", "tag", "q", "featured", "page", "page_size"} <= set(names)
