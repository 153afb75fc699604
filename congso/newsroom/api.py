"""API: published news (GET /api/v1/news, GET /api/v1/news/{id})."""

import datetime
from decimal import Decimal
from typing import Literal

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema

from . import selectors
from .models import NewsPage

router = Router(tags=["news"])

Lang = Literal["vi", "en"]


class NewsFilters(Schema):
    lang: Lang = Field("vi", description="Language of the items: vi (default) or en.")
    category: str | None = Field(
        None, description="Category slug, e.g. chuyen-doi-so; includes its sub-categories."
    )
    tag: str | None = Field(None, description="Tag slug, e.g. chuyen-doi-so.")
    q: str | None = Field(
        None,
        max_length=200,
        description="Words in the title, summary or body; without diacritics is fine "
        "('so thong tin' finds 'Sở Thông tin').",
    )
    featured: bool | None = Field(None, description="Only featured (true) or not featured.")
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(20, ge=1, le=100, description="Items per page (at most 100).")


class CategoryOut(Schema):
    id: int
    slug: str
    title: str
    url: str


class TagOut(Schema):
    slug: str
    name: str


class ImageOut(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str


class NewsItemOut(Schema):
    id: int
    language: Lang
    title: str
    summary: str
    url: str = Field(description="The item's public address.")
    alternative_url: str = Field(description="Where readers are sent instead, when set.")
    published_at: datetime.datetime | None
    featured: bool
    view_count: int
    category: CategoryOut | None
    tags: list[TagOut]
    image: ImageOut | None = Field(description="The main image as a 480×270 thumbnail.")


class NewsListOut(Schema):
    count: int = Field(description="Items matching the filters, on every page.")
    page: int
    page_size: int
    pages: int
    results: list[NewsItemOut]


class AuthorOut(Schema):
    name: str
    pen_name: str
    role: str
    share_percent: Decimal


class ArticleTypeOut(Schema):
    code: str
    name: str


class AttachmentOut(Schema):
    title: str
    url: str


class NewsDetailOut(NewsItemOut):
    last_published_at: datetime.datetime | None
    byline: str
    body_html: str = Field(description="The body rendered as HTML (as on the public page).")
    authors: list[AuthorOut]
    article_type: ArticleTypeOut | None
    attachments: list[AttachmentOut]
    contact_email: str
    translations: dict[str, str] = Field(
        description="Public address of the item in each language it is published in."
    )


def _local(value: datetime.datetime | None) -> datetime.datetime | None:
    """In Vietnam time (+07:00), as the pages print it."""
    return timezone.localtime(value) if value else None


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def _image(request, page: NewsPage, spec: str) -> dict | None:
    if not page.main_image_id:
        return None
    rendition = page.main_image.get_rendition(spec)
    return {
        "url": _absolute(request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": page.main_image_alt,
        "caption": page.main_image_caption,
    }


def _item(request, page: NewsPage, image_spec: str = selectors.LIST_RENDITION) -> dict:
    category = getattr(page, "list_category", None)
    return {
        "id": page.id,
        "language": page.locale.language_code,
        "title": page.title,
        "summary": page.summary,
        "url": _absolute(request, page.get_url(request)),
        "alternative_url": page.alternative_url,
        "published_at": _local(page.display_date),
        "featured": page.featured,
        "view_count": page.view_count,
        "category": {
            "id": category.id,
            "slug": category.slug,
            "title": category.title,
            "url": _absolute(request, category.get_url(request)),
        }
        if category
        else None,
        "tags": [{"slug": t.tag.slug, "name": t.tag.name} for t in page.tagged_items.all()],
        "image": _image(request, page, image_spec),
    }


@router.get("/news", response=NewsListOut, summary="Published news")
def news_list(request, filters: Query[NewsFilters]):
    """Published news in one language, newest first, with paging (`page`, `page_size`) and
    the total `count`. Filters combine: `category` (slug, sub-categories included), `tag`
    (slug), `q` (words, accent-insensitive) and `featured`. An unknown category or tag
    gives an empty list. A page past the last one gives an empty `results`."""
    queryset = selectors.news_search(
        language=filters.lang,
        category=filters.category,
        tag=filters.tag,
        q=filters.q,
        featured=filters.featured,
    )
    queryset = (
        selectors.news_for_list(queryset)
        .select_related("locale")
        .prefetch_related("tagged_items__tag")
    )
    paginator = Paginator(queryset, filters.page_size)
    items = []
    if filters.page <= paginator.num_pages:
        items = list(paginator.page(filters.page).object_list)
        selectors.news_attach_categories(items)
    with translation.override(filters.lang):
        return {
            "count": paginator.count,
            "page": filters.page,
            "page_size": filters.page_size,
            "pages": paginator.num_pages,
            "results": [_item(request, page) for page in items],
        }


@router.get("/news/{news_id}", response=NewsDetailOut, summary="One news item")
def news_detail(request, news_id: int):
    """One published news item with its body as HTML, authors, tags, category, article
    type, attachments, view count and the addresses of its translations. 404 for an
    item that does not exist or is not published."""
    page = (
        selectors.news_live()
        .select_related("locale", "article_type", "main_image")
        .prefetch_related("tagged_items__tag", "authors__contributor", "attachments__document")
        .filter(pk=news_id)
        .first()
    )
    if page is None:
        raise Http404("No published news item has this id.")
    selectors.news_attach_categories([page])
    language = page.locale.language_code
    with translation.override(language):
        data = _item(request, page, image_spec="max-1000x700")
        data.update(
            last_published_at=_local(page.last_published_at),
            byline=page.byline_text,
            body_html=str(page.body),
            authors=[
                {
                    "name": a.contributor.name,
                    "pen_name": a.contributor.pen_name,
                    "role": a.role,
                    "share_percent": a.share_percent,
                }
                for a in page.authors.all()
            ],
            article_type={"code": page.article_type.code, "name": page.article_type.name}
            if page.article_type
            else None,
            attachments=[
                {"title": a.link_text, "url": _absolute(request, a.document.url)}
                for a in page.attachments.all()
            ],
            contact_email=page.contact_email,
            translations={
                t.locale.language_code: _absolute(request, t.get_url(request))
                for t in selectors.news_translations(page)
            },
        )
    return data
