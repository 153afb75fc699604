"""The newsroom in the Wagtail admin: the page listing's approval status, the editor of an
item, the snippets (article types, contributors) and the page permissions screen."""

import pytest
from django.contrib.auth import get_user_model

from congso.newsroom.models import ArticleType
from congso.newsroom.services import seed_news_import

from .admin_forms import edit_url
from .test_workflow import author_writes

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(shared_newsroom):
    """The newsroom is set up once for this module (see conftest.py)."""
    return shared_newsroom


@pytest.fixture
def webmaster(newsroom):
    return get_user_model().objects.create_superuser("quantri", "quantri@example.invalid", "x")


def test_the_listing_shows_the_approval_status(client, newsroom, author, editor):
    author_writes(client, author, newsroom.category("digital"))
    client.force_login(editor)

    html = client.get(f"/admin/pages/{newsroom.category('digital').id}/").content.decode()

    assert "Khai trương Trung tâm điều hành thông minh" in html
    assert "đang kiểm duyệt" in html


def test_the_editor_shows_the_seed_item_with_its_view_count_read_only(client, newsroom, webmaster):
    seed = seed_news_import(agency=newsroom.demo.agency, tree=newsroom.tree)
    client.force_login(webmaster)

    html = client.get(edit_url(seed["vi"])).content.decode()

    assert "Giới thiệu Sở Thông tin và Truyền thông tỉnh Bình Dương" in html
    assert "Số lượt người đọc" in html and "3028" in html
    assert 'name="view_count"' not in html  # shown, not editable


def test_article_types_and_contributors_are_snippets_in_vietnamese(client, newsroom, webmaster):
    seed_news_import(agency=newsroom.demo.agency, tree=newsroom.tree)
    client.force_login(webmaster)

    types = client.get("/admin/snippets/newsroom/articletype/").content.decode()
    people = client.get("/admin/snippets/newsroom/contributor/").content.decode()

    assert "Phỏng vấn" in types and "Tổng hợp" in types
    assert "Nguyen Trang" in people
    edit = client.get(
        f"/admin/snippets/newsroom/articletype/edit/{ArticleType.objects.get(code='tin').pk}/"
    ).content.decode()
    assert "Mức tối đa theo Nghị định 18/2014" in edit


def test_editors_may_open_contributors_authors_may_choose_them(client, newsroom, editor, author):
    client.force_login(editor)
    assert client.get("/admin/snippets/newsroom/contributor/add/").status_code == 200
    client.force_login(author)
    assert client.get("/admin/snippets/newsroom/contributor/add/").status_code in (302, 403)
    assert client.get("/admin/snippets/choose/newsroom/contributor/").status_code == 200
