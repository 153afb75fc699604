"""The site search's own index: one SearchEntry per live public page (news items, portal
pages, categories), in the page's language.

Text is stored twice: as written (`title`, `text`, for the results and their highlighted
snippets) and folded (`title_folded`, `text_folded`: lower case, no diacritics, đ → d, by
congso.core.text.fold) so that "so thong tin" finds "Sở Thông tin" on every database.
The full-text machinery sits beside the table and is not part of the Django model (see
migrations/0002_fulltext.py):

- PostgreSQL: a stored generated `tsvector` column `vector` (title weight A, text weight
  B, through `unaccent`), a GIN index on it, and a trigram (`pg_trgm`) index on
  `title_folded` for the fuzzy fallback.
- SQLite: an FTS5 table `search_entry_fts` over the folded columns, kept in step with
  triggers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the search knows of one live page. Written only by `indexing`."""

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        PAGE = "page", _("Page")

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=8)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    category = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    date = models.DateTimeField(_("date"), null=True, blank=True)
    url = models.CharField(_("address"), max_length=1000)
    title = models.TextField(_("title"))
    text = models.TextField(_("text"), blank=True)
    title_folded = models.TextField(_("folded title"))
    text_folded = models.TextField(_("folded text"), blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            # Every search filters by language; the category and date filters come next.
            models.Index(fields=["language", "date"], name="search_lang_date_idx"),
            models.Index(fields=["language", "category"], name="search_lang_cat_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"
