"""Setting the newsroom up: the news tree, groups and workflow, the seed page imported as a
news item, the demo news generator, and `load_demo` / `demo_accounts`."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

from congso.accounts.services import demo_accounts_ensure
from congso.core.calendar import VN_TZ
from congso.newsroom import roles
from congso.newsroom.demo import demo_news_generate
from congso.newsroom.models import Contributor, NewsCategoryPage, NewsIndexPage, NewsPage
from congso.newsroom.services import newsroom_setup, seed_news_import

pytestmark = pytest.mark.django_db


def test_setup_builds_the_tree_in_both_languages_and_is_idempotent(newsroom):
    pages_before = Page.objects.count()
    rights_before = GroupPagePermission.objects.count()

    tree = newsroom_setup()

    assert Page.objects.count() == pages_before
    assert GroupPagePermission.objects.count() == rights_before
    assert Workflow.objects.filter(name="Duyệt tin bài").count() == 1
    assert WorkflowPage.objects.filter(workflow__name="Duyệt tin bài").count() == 2
    assert tree["vi"]["index"].url == "/vi/tin-tuc/"
    assert tree["en"]["index"].url == "/en/news/"
    assert [c.title for c in NewsCategoryPage.objects.child_of(tree["vi"]["index"])] == [
        "Tin hoạt động",
        "Chỉ đạo điều hành",
        "Chuyển đổi số",
        "Bưu chính – Viễn thông",
        "Báo chí – Xuất bản",
    ]
    assert [c.title for c in NewsCategoryPage.objects.child_of(tree["en"]["index"])] == [
        "Activities",
        "Direction and administration",
        "Digital transformation",
        "Post and telecommunications",
        "Press and publishing",
    ]
    for key, vi in tree["vi"].items():
        assert tree["en"][key].translation_key == vi.translation_key
    assert tree["vi"]["index"].show_in_menus


def test_authors_may_only_add_pages_editors_not_publish(newsroom):
    def rights(group, page):
        return set(
            GroupPagePermission.objects.filter(group__name=group, page=page).values_list(
                "permission__codename", flat=True
            )
        )

    index = newsroom.tree["vi"]["index"]
    assert rights(roles.AUTHOR, index) == {"add_page"}
    assert "publish_page" not in rights(roles.EDITOR, index)
    assert "change_page" in rights(roles.EDITOR, index)
    assert "publish_page" in rights(roles.APPROVER, index)
    assert rights(roles.CATEGORY_EDITOR_DIGITAL, index) == set()
    assert "change_page" in rights(roles.CATEGORY_EDITOR_DIGITAL, newsroom.category("digital"))


def test_seed_page_is_imported_with_its_real_metadata_in_both_languages(newsroom):
    seed = seed_news_import(agency=newsroom.demo.agency, tree=newsroom.tree)
    again = seed_news_import(agency=newsroom.demo.agency, tree=newsroom.tree)

    assert {language: page.pk for language, page in again.items()} == {
        language: page.pk for language, page in seed.items()
    }
    vi, en = (NewsPage.objects.get(pk=seed[language].pk) for language in ("vi", "en"))
    assert vi.title == "Giới thiệu Sở Thông tin và Truyền thông tỉnh Bình Dương"
    assert en.title == (
        "Introduction to the Department of Information and Communications of Binh Duong"
    )
    assert vi.translation_key == en.translation_key
    published = datetime.datetime(2021, 6, 7, 10, 0, tzinfo=VN_TZ)
    for page in (vi, en):
        assert page.live
        assert page.view_count == 3028
        assert page.published_at == published
        assert page.first_published_at == published
        assert page.author_names == ["Nguyen Trang"]
        assert page.article_type.code == "tong-hop"
    assert vi.get_parent().title == "Tin hoạt động"
    assert en.get_parent().title == "Activities"
    assert Contributor.objects.filter(name="Nguyen Trang").count() == 1
    tasks = [b for b in vi.body if b.block_type == "paragraph"]
    assert "<b>26.</b>" in tasks[3].value.source  # leaders, units, functions, then tasks


def test_generator_covers_every_category_in_both_languages_and_is_idempotent(newsroom):
    report = demo_news_generate(count=12, seed=7)
    again = demo_news_generate(count=12, seed=7)

    assert report.created == 12 and again.created == 0 and again.skipped == 12
    vi = NewsPage.objects.filter(locale__language_code="vi")
    en = NewsPage.objects.filter(locale__language_code="en")
    assert vi.count() == en.count() == 12
    assert set(vi.values_list("translation_key", flat=True)) == set(
        en.values_list("translation_key", flat=True)
    )
    for key in ("activities", "direction", "digital", "post_telecom", "press"):
        assert NewsPage.objects.child_of(newsroom.category(key)).exists(), key
    page = vi.first()
    assert page.live and page.published_at and page.summary and page.authors.exists()
    assert page.get_latest_revision() is not None
    # The tree stays valid: Wagtail finds each page under its parent and serves it.
    assert Page.find_problems() == ([], [], [], [], [])
    for item in vi[:3]:
        assert item.get_parent().specific_class is NewsCategoryPage
    # A bigger count adds only what is missing.
    assert demo_news_generate(count=15, seed=7).created == 3


def test_generated_items_are_served_and_listed(client, newsroom):
    demo_news_generate(count=10, seed=3)
    page = NewsPage.objects.filter(locale__language_code="en").first()

    response = client.get(page.url)

    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert page.title in client.get("/en/news/").content.decode()


def test_load_demo_twice_adds_nothing_the_second_time(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "news: created 40 demo items" in out.getvalue()
    counts = (NewsPage.objects.count(), Page.objects.count(), Group.objects.count())
    assert NewsPage.objects.count() == 2 * 41  # 40 generated + the seed page, in vi and en
    assert NewsIndexPage.objects.count() == 2

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert "news: created 0 demo items" in out.getvalue()
    assert (NewsPage.objects.count(), Page.objects.count(), Group.objects.count()) == counts


def test_demo_accounts_include_the_newsroom_roles(newsroom, tmp_path):
    demo_accounts_ensure(credentials_file=tmp_path / "accounts.tsv")

    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["tacgia", "bientap", "lanhdao", "bientap_cds"]
        )
    }
    assert set(users) == {"tacgia", "bientap", "lanhdao", "bientap_cds"}
    assert users["tacgia"].groups.get().name == roles.AUTHOR
    assert users["bientap_cds"].groups.get().name == roles.CATEGORY_EDITOR_DIGITAL
    assert users["tacgia"].has_perm("wagtailadmin.access_admin")
    category = newsroom.category("digital")
    assert category.permissions_for_user(users["tacgia"]).can_add_subpage()
    assert not category.permissions_for_user(users["tacgia"]).can_publish_subpage()
    assert not category.permissions_for_user(users["bientap"]).can_publish_subpage()
    assert category.permissions_for_user(users["lanhdao"]).can_publish_subpage()


def test_setup_newsroom_command(newsroom):
    out = StringIO()
    call_command("setup_newsroom", stdout=out)
    assert "/tin-tuc/" in out.getvalue()
    assert (
        Group.objects.get(name=roles.EDITOR)
        .permissions.filter(codename="change_contributor")
        .exists()
    )
