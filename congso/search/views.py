"""The public search page."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from wagtail.models import Page

from .forms import SearchForm
from .query import search

RESULTS_PER_PAGE = 10


def _categories(language: str) -> list[Page]:
    """The news categories of a language, in tree order (the category filter)."""
    from congso.newsroom.models import NewsCategoryPage

    return list(
        NewsCategoryPage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
        .only("id", "title", "path", "depth")
    )


def _subtree_ids(categories: list[Page], chosen: int) -> list[int]:
    root = next((c for c in categories if c.pk == chosen), None)
    if root is None:
        return []
    return [c.pk for c in categories if c.path.startswith(root.path)]


@require_safe
def search_page(request):
    """/vi/tim-kiem/?q=…&category=…&date_from=…&date_to=…&page=N: the live pages of this
    language matching the words, best first, 10 a page, title and snippet highlighted.
    Invalid filters are reported beside their field and ignored; a page number out of
    range shows the last page."""
    language = translation.get_language() or "vi"
    categories = _categories(language)
    form = SearchForm(request.GET, categories=categories)
    form.is_valid()
    data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    q = data.get("q") or ""
    category = data.get("category")
    results = search(
        q,
        language=language,
        category_ids=_subtree_ids(categories, category) if category else None,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    # Links to the other pages keep the query and the filters.
    kept = [(k, request.GET.get(k)) for k in ("q", "category", "date_from", "date_to")]
    base_query = urlencode([(k, v) for k, v in kept if v])
    translation_urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation_urls[code] = reverse("search:search")
    return render(
        request,
        "search/search_page.html",
        {
            "form": form,
            "q": q,
            "searched": bool(results.words),
            "results": results,
            "page_obj": page_obj,
            "base_query": base_query,
            "translation_urls": {
                code: url + (f"?{urlencode({'q': q})}" if q else "")
                for code, url in translation_urls.items()
            },
        },
    )
