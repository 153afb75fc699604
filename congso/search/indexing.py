"""Keeping the search index (SearchEntry) in step with the live pages.

- `index_page(page)`: write or remove one page's entry (signals.py calls it when a page is
  published, unpublished or moved; a deleted page's entry goes with it by the FK cascade).
- `index_pages(ids)`: the same for many pages at once, in batches (a move of a category,
  `generate_demo_news`, `manage.py rebuild_search_index`).
- `rebuild()`: empty the index and index every live public page again.

A page is indexed when it is live, has no view restriction (and no restricted ancestor),
sits below a site root (depth > 2) or is a site's home page, and is in a language of
settings.LANGUAGES. Its text is the title, the search description and every `SearchField`
the page type declares for Wagtail's own search (summary, body, intro…): StreamField and
rich text are reduced to plain text.
"""

import html
import re
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index as wagtail_index

from congso.core.text import fold

from .models import SearchEntry

BATCH_SIZE = 500
# What one entry may hold: enough for any news item, bounded for pathological pages.
MAX_TEXT = 50_000
_SPACES = re.compile(r"\s+")

NEWS_MODEL = "newsroom.newspage"
CATEGORY_MODEL = "newsroom.newscategorypage"


def plain_text(value) -> str:
    """Plain text of a field value: rich text and StreamField HTML lose their tags, entities
    are decoded, whitespace collapses."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(plain_text(v) for v in value)
    text = str(value)
    if "<" in text:
        # A space for every tag, so that "<p>a</p><p>b</p>" gives "a b", not "ab".
        text = strip_tags(re.sub(r"<", " <", text))
    return _SPACES.sub(" ", html.unescape(text)).strip()


def _field_texts(page: Page) -> list[str]:
    texts = []
    for field in type(page).get_search_fields():
        if not isinstance(field, wagtail_index.SearchField) or field.field_name == "title":
            continue
        try:
            value = field.get_value(page)
        except AttributeError:
            continue
        text = plain_text(value)
        if text and text not in texts:
            texts.append(text)
    return texts


def _restricted_paths() -> list[str]:
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def _is_restricted(page: Page, restricted: list[str]) -> bool:
    return any(page.path.startswith(path) for path in restricted)


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def _model_label(page: Page) -> str:
    return f"{page._meta.app_label}.{page._meta.model_name}"


def build_entry(page: Page, *, parent: Page | None = None) -> SearchEntry:
    """An unsaved SearchEntry for a live, specific page. `parent` saves a query when the
    caller has it (bulk indexing)."""
    label = _model_label(page)
    kind = SearchEntry.Kind.NEWS if label == NEWS_MODEL else SearchEntry.Kind.PAGE
    category = None
    if kind == SearchEntry.Kind.NEWS:
        parent = parent or page.get_parent()
        category = parent if parent is not None and parent.depth > 1 else None
        date = getattr(page, "display_date", None) or page.first_published_at
    else:
        date = page.first_published_at
    texts = []
    if page.search_description:
        texts.append(page.search_description)
    texts.extend(t for t in _field_texts(page) if t not in texts)
    text = " ".join(texts)[:MAX_TEXT]
    title = page.title
    return SearchEntry(
        page_id=page.pk,
        language=page.locale.language_code,
        kind=kind,
        category_id=category.pk if category is not None else None,
        date=date,
        url=page.get_url() or "",
        title=title,
        text=text,
        title_folded=fold(title),
        text_folded=fold(text),
    )


def _indexable(page: Page, restricted: list[str], languages: set[str]) -> bool:
    return (
        page.live
        and page.depth > 1
        and page.locale.language_code in languages
        and not _is_restricted(page, restricted)
        and bool(page.get_url())
    )


def index_page(page: Page) -> SearchEntry | None:
    """Write (or remove) the entry of one page, in one transaction. Returns the entry, or
    None when the page is not (or no longer) to be found by the search."""
    page = Page.objects.select_related("locale").get(pk=page.pk).specific
    with transaction.atomic():
        if not _indexable(page, _restricted_paths(), _languages()):
            SearchEntry.objects.filter(page_id=page.pk).delete()
            return None
        entry = build_entry(page)
        SearchEntry.objects.filter(page_id=page.pk).delete()
        entry.save()
        return entry


def unindex_pages(ids: Iterable[int]) -> int:
    """Remove the entries of these pages (taken down or restricted)."""
    deleted, _ = SearchEntry.objects.filter(page_id__in=list(ids)).delete()
    return deleted


def index_pages(ids: Iterable[int], *, progress=None) -> int:
    """Index these pages (and drop the entries of those no longer indexable), in batches of
    BATCH_SIZE, each batch one transaction. Returns the number of entries written."""
    ids = sorted(set(ids))
    restricted = _restricted_paths()
    languages = _languages()
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        pages = list(Page.objects.filter(pk__in=chunk).select_related("locale").specific())
        parent_paths = {p.path[: -Page.steplen] for p in pages if p.depth > 1}
        parents = {p.path: p for p in Page.objects.filter(path__in=parent_paths)}
        entries = []
        for page in pages:
            if _indexable(page, restricted, languages):
                entries.append(build_entry(page, parent=parents.get(page.path[: -Page.steplen])))
        with transaction.atomic():
            SearchEntry.objects.filter(page_id__in=chunk).delete()
            SearchEntry.objects.bulk_create(entries)
        written += len(entries)
        if progress:
            progress(min(start + BATCH_SIZE, len(ids)), len(ids))
    return written


def index_subtree(page: Page) -> int:
    """Re-index a page and everything below it (after a move: addresses and categories)."""
    ids = Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    return index_pages(ids)


def rebuild(*, progress=None) -> int:
    """Empty the index and index every live page again."""
    ids = list(Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True))
    SearchEntry.objects.all().delete()
    return index_pages(ids, progress=progress)
