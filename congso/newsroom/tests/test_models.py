"""Rules of the newsroom's models: article-type limits, a news item's validation, its photo
count, related news, the publication date and the counters a revision must not undo."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from congso.newsroom.models import ArticleType, NewsPage, NewsRelatedLink, NewsTag
from congso.newsroom.services import article_types_ensure

from .admin_forms import add_url, editor_form, post_editor
from .factories import NewsPageFactory
from .test_public import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(shared_newsroom):
    """The newsroom is set up once for this module (see conftest.py)."""
    return shared_newsroom


# --- Article types ----------------------------------------------------------------------


def test_seeded_article_types_keep_within_the_decree():
    types = article_types_ensure()
    maxima = {code: t.decree_max_coefficient for code, t in types.items()}
    assert maxima == {
        "tin": 10,
        "bai": 30,
        "anh": 10,
        "video": 50,
        "phong-van": 30,
        "tin-dich": 10,
        "tong-hop": 10,
    }
    for kind in types.values():
        kind.full_clean()
        assert kind.min_coefficient <= kind.default_coefficient <= kind.max_coefficient


@pytest.mark.parametrize(
    ("lo", "default", "hi", "legal", "field", "message"),
    [
        ("1", "3", "12", "10", "max_coefficient", "vượt quá mức tối đa của Nghị định (10"),
        ("5", "3", "10", "10", "default_coefficient", "từ hệ số tối thiểu (5"),
        ("11", "11", "10", "10", "min_coefficient", "không được lớn hơn hệ số tối đa (10"),
    ],
)
def test_article_type_limits_are_refused_with_the_limits_named(
    lo, default, hi, legal, field, message
):
    kind = ArticleType(
        code="x",
        name_vi="Thử",
        name_en="Test",
        min_coefficient=Decimal(lo),
        default_coefficient=Decimal(default),
        max_coefficient=Decimal(hi),
        decree_max_coefficient=Decimal(legal),
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        kind.full_clean()
    with translation.override("vi"):
        assert message in " ".join(error.value.message_dict[field])


def test_article_types_ensure_keeps_staff_edits():
    article_types_ensure()
    ArticleType.objects.filter(code="tin").update(default_coefficient=Decimal(5))
    article_types_ensure()
    assert ArticleType.objects.get(code="tin").default_coefficient == 5
    assert ArticleType.objects.count() == 7


# --- A news item ------------------------------------------------------------------------


def test_an_image_needs_its_alternative_text_in_the_editor(client, newsroom, approver):
    image = make_image()
    client.force_login(approver)
    url = add_url(newsroom.category("digital"))
    data = editor_form(
        client, url, title="Tin có ảnh", slug="tin-co-anh", summary="Tóm tắt.", main_image=image.pk
    )

    response = post_editor(client, url, data, action="publish")

    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert "Hãy nhập văn bản thay thế mô tả nội dung ảnh cho người không xem được ảnh." in html
    assert not NewsPage.objects.filter(slug="tin-co-anh").exists()


def test_the_admin_labels_fields_with_the_seeds_vietnamese_names(client, newsroom, approver):
    client.force_login(approver)
    html = client.get(add_url(newsroom.category("digital"))).content.decode()
    for label in [
        "Tiêu đề",
        "Hình ảnh",
        "Hình ảnh mô tả",
        "Tóm tắt",
        "Nội dung",
        "Link thay thế nội dung",
        "Ngày xuất bản",
        "Tin nổi bật",
        "Loại bài viết",
        "Tin liên quan",
        "Tác giả",
        "Số Trang",
        "Số Ảnh",
        "Hệ số tin",
        "Hệ số ảnh",
        "Hệ số lương cơ sở",
        "Số lượt người đọc",
        "Nhuận bút",
        "Phân loại",
        "Audio",
    ]:
        assert label in html, label


def test_summary_is_limited_to_500_characters():
    summary = NewsPage._meta.get_field("summary")
    summary.clean("x" * 500, NewsPage())
    with pytest.raises(ValidationError):
        summary.clean("x" * 501, NewsPage())


def test_reserved_slugs_are_refused(newsroom):
    page = NewsPage(title="Rss", slug="rss", summary="x")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "slug" in error.value.message_dict


def test_photo_count_counts_the_images_unless_overridden(newsroom):
    image = make_image()
    page = NewsPageFactory(
        parent=newsroom.category("digital"),
        main_image=image,
        main_image_alt="Ảnh",
        body=[
            {"type": "image", "value": {"image": image.pk, "alt": "Một", "caption": ""}},
            {"type": "paragraph", "value": "<p>Chữ.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt": "Hai", "caption": ""}},
        ],
    )
    assert page.photo_count == 3
    assert page.photos_for_royalty == 3
    page.photo_count_override = 5
    assert page.photo_count == 5
    page.royalty_photo_count = 2
    assert page.photos_for_royalty == 2


def test_publication_date_defaults_to_the_first_publication(newsroom):
    page = NewsPageFactory(parent=newsroom.category("digital"), live=False)
    assert page.published_at is None

    page.save_revision().publish()

    page.refresh_from_db()
    assert page.published_at == page.first_published_at
    assert page.display_date == page.first_published_at


def test_publishing_an_old_revision_keeps_the_view_count(newsroom):
    page = NewsPageFactory(parent=newsroom.category("digital"), title="Bản 1")
    old = page.get_latest_revision()
    NewsPage.objects.filter(pk=page.pk).update(view_count=120)

    old.publish()

    page.refresh_from_db()
    assert page.view_count == 120


def test_translations_start_with_their_own_view_count(newsroom):
    page = NewsPageFactory(parent=newsroom.category("digital"))
    NewsPage.objects.filter(pk=page.pk).update(view_count=99)
    page.refresh_from_db()
    english = page.copy_for_translation(newsroom.index("en").locale)
    assert english.view_count == 0


def test_related_news_hand_picked_else_by_category_or_tag(newsroom):
    digital = newsroom.category("digital")
    press = newsroom.category("press")
    base = datetime.datetime(2026, 1, 1, 8, tzinfo=datetime.UTC)
    page = NewsPageFactory(parent=digital, title="Tin chính", published_at=base, tags=["5G"])
    sibling = NewsPageFactory(
        parent=digital, title="Cùng mục", published_at=base + datetime.timedelta(days=1)
    )
    tagged = NewsPageFactory(
        parent=press, title="Cùng thẻ", tags=["5G"], published_at=base + datetime.timedelta(days=2)
    )
    NewsPageFactory(parent=press, title="Không liên quan")
    NewsPageFactory(parent=digital, title="Nháp", live=False)

    assert [p.title for p in page.related_news()] == ["Cùng thẻ", "Cùng mục"]
    assert NewsTag.objects.get(name="5G").slug == "5g"

    page.related_links.add(NewsRelatedLink(target=sibling))
    page.save()
    assert [p.title for p in page.related_news()] == ["Cùng mục"]
    assert tagged.title not in [p.title for p in page.related_news()]


def test_related_news_are_capped_at_five_and_never_include_the_item(newsroom):
    digital = newsroom.category("digital")
    page = NewsPageFactory(parent=digital)
    for _ in range(7):
        NewsPageFactory(parent=digital)
    related = page.related_news()
    assert len(related) == 5
    assert page.pk not in [p.pk for p in related]


def test_tag_slugs_are_ascii():
    tag = NewsTag.objects.create(name="Đường dây nóng Chuyển đổi số")
    assert tag.slug == "duong-day-nong-chuyen-doi-so"


def test_a_news_coefficient_outside_its_article_types_limits_is_refused(newsroom):
    kind = article_types_ensure()["tin"]  # 1 – 10
    page = NewsPageFactory(parent=newsroom.category("digital"), article_type=kind)
    page.news_coefficient = Decimal(12)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        page.full_clean()
    with translation.override("vi"):
        message = " ".join(error.value.message_dict["news_coefficient"])
    assert message == 'Hệ số tin của loại bài viết "Tin" phải nằm trong khoảng từ 1.00 đến 10.00.'
    page.news_coefficient = Decimal(10)
    page.full_clean()
