"""Reads of news that cross relations.

Lists make a fixed number of queries whatever their length: the items (with the body
deferred), their main images with the list rendition prefetched, and their categories in
one query (`news_paginate`). Only live, public pages are ever listed.
"""

import uuid

from django.core.cache import cache
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from wagtail.images import get_image_model
from wagtail.models import Page

from .models import NEWS_PER_PAGE, NewsCategoryPage, NewsIndexPage, NewsPage, NewsTag

# The rendition lists show (16:9); templates must ask for exactly this spec.
LIST_RENDITION = "fill-480x270"
# Live items always have a publication date (set on first publication), so this order
# needs no NULL handling and matches the index `news_published_idx`: the first pages of a
# long list are read from the index without sorting.
NEWEST_FIRST = ("-published_at", "-pk")


def news_live() -> QuerySet[NewsPage]:
    """Every live, public news item, newest first (Ngày xuất bản, then first publication)."""
    return NewsPage.objects.live().public().order_by(*NEWEST_FIRST)


def news_for_list(queryset: QuerySet[NewsPage]) -> QuerySet[NewsPage]:
    """`queryset` ready for a list: body deferred, main image and its list rendition
    prefetched (two queries however many items)."""
    images = get_image_model().objects.prefetch_renditions(LIST_RENDITION)
    return queryset.defer_streamfields().prefetch_related(Prefetch("main_image", queryset=images))


def news_below(page: Page) -> QuerySet[NewsPage]:
    """The live news under a news root or category (its whole subtree), newest first."""
    return news_live().descendant_of(page)


def news_with_tag(root: NewsIndexPage, tag: NewsTag) -> QuerySet[NewsPage]:
    """The live news under `root` carrying `tag`, newest first."""
    return news_below(root).filter(tagged_items__tag=tag)


def news_featured(*, locale_id: int, limit: int = 5) -> list[NewsPage]:
    """The latest featured items (Tin nổi bật) of one language, for the home page."""
    queryset = news_live().filter(locale_id=locale_id, featured=True)
    return list(news_for_list(queryset)[:limit])


def categories_below(page: Page) -> QuerySet[NewsCategoryPage]:
    """The live categories directly under a news root or category, in tree order."""
    return NewsCategoryPage.objects.child_of(page).live().public().order_by("path")


def news_attach_categories(items: list[NewsPage]) -> None:
    """Set `list_category` (the parent category, or None) on each item: one query."""
    steplen = Page.steplen
    paths = {item.path[:-steplen] for item in items}
    by_path = {c.path: c for c in NewsCategoryPage.objects.filter(path__in=paths)} if paths else {}
    for item in items:
        item.list_category = by_path.get(item.path[:-steplen])


# The lists' ids (and so their counts) are kept in the cache under a version that every
# publication, unpublication, move or deletion of a news item changes
# (signals.news_lists_changed).
LIST_VERSION_KEY = "newsroom:lists-version"
COUNT_TIMEOUT = 60 * 60


def news_lists_version() -> str:
    version = cache.get(LIST_VERSION_KEY)
    if version is None:
        version = news_lists_changed()
    return version


def news_lists_changed() -> str:
    """Mark every cached list count stale (called when the set of live news changes)."""
    version = uuid.uuid4().hex
    cache.set(LIST_VERSION_KEY, version, None)
    return version


def news_ids_below(page: Page) -> list[int]:
    """The ids of the live, public news items `news_below(page)` lists, in its order.

    Kept in the cache until the set of live news changes (a publication, unpublication,
    move or deletion starts a new version): a list page then reads its twenty items by id
    and its length from this list. Read from the database, it is one query of ids only,
    which PostgreSQL answers from the index `news_published_idx` joined with the category's
    pages (17 ms for a category of 4,000 items among 40,000, bench/); the same query
    fetching the items' columns read the whole news table (40–50 ms at page 50)."""
    key = f"newsroom:ids:{page.pk}:{news_lists_version()}"
    ids = cache.get(key)
    if ids is None:
        ids = list(news_below(page).values_list("pk", flat=True))
        cache.set(key, ids, COUNT_TIMEOUT)
    return ids


def _page_of(object_list, number, per_page: int):
    """Page `number` (1 when empty) of `object_list`; Http404 for a number that is not a
    whole number or is past the last page (an empty list still has its page 1)."""
    paginator = Paginator(object_list, per_page, allow_empty_first_page=True)
    try:
        return paginator.page(number or 1)
    except (InvalidPage, ValueError, TypeError) as exc:
        raise Http404(str(exc)) from exc


def news_paginate_below(page: Page, number, per_page: int = NEWS_PER_PAGE):
    """One page of the news below a news root or category (`?page=N`), as news_paginate,
    with the order and the count from the cached id list (news_ids_below) and only that
    page's items read from the database."""
    result = _page_of(news_ids_below(page), number, per_page)
    ids = list(result.object_list)
    # news_live() again: an item taken down since the list was read is left out.
    found = {item.pk: item for item in news_for_list(news_live().filter(pk__in=ids))}
    items = [found[pk] for pk in ids if pk in found]
    news_attach_categories(items)
    result.object_list = items
    return result


def news_paginate(queryset: QuerySet[NewsPage], number, per_page: int = NEWS_PER_PAGE):
    """One page of a news list (`?page=N`, 1 when absent), its items with `list_category`.

    Raises Http404 for a page number that is not a whole number or past the last page (an
    empty list still has its page 1).
    """
    page = _page_of(news_for_list(queryset), number, per_page)
    items = list(page.object_list)
    news_attach_categories(items)
    page.object_list = items
    return page


def news_others(page: NewsPage, *, limit: int = 5) -> list[NewsPage]:
    """Tin khác: the latest live items of the same category, this one excluded."""
    siblings = news_live().sibling_of(page, inclusive=False)
    return list(news_for_list(siblings)[:limit])


def news_related(page: NewsPage, *, limit: int = 5) -> list[NewsPage]:
    """Tin liên quan: the items chosen by hand, else the latest live items sharing the
    category or a tag; at most `limit`, never `page` itself, always in `page`'s language.

    An item chosen on the Vietnamese page and copied to its translation points at the
    Vietnamese item: it is replaced by that item's translation (left out when there is
    none that is live).
    """
    live = news_live().filter(locale_id=page.locale_id).exclude(pk=page.pk)
    picked_keys = [
        link.target.translation_key
        for link in page.related_links.all().select_related("target")
        if link.target_id
    ]
    if picked_keys:
        found = {
            p.translation_key: p
            for p in news_for_list(live.filter(translation_key__in=picked_keys))
        }
        return [found[key] for key in dict.fromkeys(picked_keys) if key in found][:limit]

    parent_path = page.path[: -Page.steplen]
    tag_ids = list(page.tagged_items.values_list("tag_id", flat=True)) if page.pk else []
    # Two narrow queries (same category; a shared tag), each newest first and limited, merged
    # here: one query with an OR of both reads every item of a big category (300 ms at
    # 20,000 items on PostgreSQL, bench/).
    narrow = [live.filter(path__startswith=parent_path, depth=page.depth)]
    if tag_ids:
        tagged = NewsPage.objects.filter(tagged_items__tag_id__in=tag_ids).values("pk")
        narrow.append(live.filter(pk__in=tagged))
    candidates = {
        pk: when
        for queryset in narrow
        for pk, when in queryset.order_by(*NEWEST_FIRST).values_list("pk", "published_at")[:limit]
    }
    ids = sorted(
        candidates, key=lambda pk: (candidates[pk] is not None, candidates[pk], pk), reverse=True
    )[:limit]
    return list(news_for_list(live.filter(pk__in=ids)).order_by(*NEWEST_FIRST))


def news_translations(page: NewsPage) -> list[NewsPage]:
    """The live translations of `page` (itself included), in locale order."""
    return list(
        NewsPage.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
    )


def news_search(
    *,
    language: str | None = None,
    category: str | None = None,
    tag: str | None = None,
    q: str | None = None,
    featured: bool | None = None,
) -> QuerySet[NewsPage]:
    """Live news filtered for the API: language code, category slug (its whole subtree),
    tag slug, `q` (words, accent-insensitive, in the title, summary or body: the site
    search's index, congso.search) and featured. An unknown category or tag gives an empty
    result, not an error."""
    queryset = news_live()
    if language:
        queryset = queryset.filter(locale__language_code=language)
    if category:
        roots = NewsCategoryPage.objects.filter(slug=category)
        if language:
            roots = roots.filter(locale__language_code=language)
        subtree = Q(pk__in=[])
        for root in roots:
            subtree |= Q(path__startswith=root.path, depth__gt=root.depth)
        queryset = queryset.filter(subtree)
    if tag:
        queryset = queryset.filter(tagged_items__tag__slug=tag)
    if q:
        # The site search's index (congso.search): accent-insensitive words in the title,
        # summary or body; a query without words matches nothing.
        from django.db.models.expressions import RawSQL

        from congso.search.query import matching_page_ids_sql

        sql, params = matching_page_ids_sql(q, language)
        queryset = queryset.filter(pk__in=RawSQL(sql, params))  # noqa: S611 (bound params)
    if featured is not None:
        queryset = queryset.filter(featured=featured)
    return queryset
