"""The newsroom: news items (tin bài) with every field of the seed's "Tin Tức Mở Rộng".

The category tree is the Wagtail page tree: NewsIndexPage (the news root, one per
language) → NewsCategoryPage (nestable) → NewsPage. Wagtail's page permissions are set on
subtrees, so "a unit's editors edit only their categories" is a group permission on a
category page; the two-step approval is a Wagtail workflow on the news root (see
services.newsroom_setup). Each page exists once per language, linked by translation_key.

Royalty INPUT fields live here (Nhuận bút tab); the computation belongs to the royalty
code, which reads them. `view_count` is written only by the view counter.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from congso.core.i18n import TranslatedField
from congso.portal.models import PortalPage

from .blocks import NewsBodyBlock
from .forms import NewsPageForm
from .text import vi_slugify

# Route segments of the tag pages, per language: /vi/tin-tuc/the/<slug>/, /en/news/tag/<slug>/.
TAG_SEGMENTS = {"vi": "the", "en": "tag"}
# Child slugs a news item may not take: the routes of its category and of the news root.
RESERVED_SLUGS = frozenset({"rss", *TAG_SEGMENTS.values()})
NEWS_PER_PAGE = 20

# The seed's field labels ("Tin Tức Mở Rộng") are msgids with the context "news item"; their
# Vietnamese in locale/vi is the seed's exact label (Tóm tắt, Hệ số tin…).

# --- Reference data: article types and contributors (snippets) ---------------------------


class ArticleType(models.Model):
    """A kind of work (Loại bài viết) and the limits of its royalty coefficient.

    Decree 18/2014/NĐ-CP Art. 7(1) sets the maximum coefficient of each kind of work for the
    press (LEGAL.md §3); minimums and defaults are the agency's own rule. Staff edit this
    table; a row must keep min ≤ default ≤ max ≤ the decree's maximum.
    """

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    min_coefficient = models.DecimalField(
        _("minimum coefficient"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    default_coefficient = models.DecimalField(
        _("default coefficient"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    max_coefficient = models.DecimalField(
        _("maximum coefficient"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    decree_max_coefficient = models.DecimalField(
        _("maximum under Decree 18/2014"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Decree 18/2014/NĐ-CP Art. 7(1): the highest coefficient the law allows."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = TranslatedField()

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("name_vi"), FieldPanel("name_en")], heading=_("Name")),
        FieldRowPanel(
            [
                FieldPanel("min_coefficient"),
                FieldPanel("default_coefficient"),
                FieldPanel("max_coefficient"),
                FieldPanel("decree_max_coefficient"),
            ],
            heading=_("Coefficients"),
        ),
    ]

    class Meta:
        verbose_name = _("article type")
        verbose_name_plural = _("article types")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name_vi

    def clean(self) -> None:
        super().clean()
        lo, default, hi, legal = (
            self.min_coefficient,
            self.default_coefficient,
            self.max_coefficient,
            self.decree_max_coefficient,
        )
        if None in (lo, default, hi, legal):
            return  # the required-field errors say enough
        errors = {}
        if hi > legal:
            errors["max_coefficient"] = _(
                "The maximum coefficient must not exceed the decree's maximum (%(legal)s)."
            ) % {"legal": legal}
        if lo > hi:
            errors["min_coefficient"] = _(
                "The minimum coefficient must not exceed the maximum (%(hi)s)."
            ) % {"hi": hi}
        elif not lo <= default <= hi:
            errors["default_coefficient"] = _(
                "The default coefficient must lie between the minimum (%(lo)s) and the "
                "maximum (%(hi)s)."
            ) % {"lo": lo, "hi": hi}
        if errors:
            raise ValidationError(errors)


class Contributor(models.Model):
    """An author of news: a staff member (linked to their account) or an outside
    contributor (cộng tác viên), with the pen name printed in bylines."""

    name = models.CharField(_("full name"), max_length=150)
    pen_name = models.CharField(
        _("pen name"), max_length=150, blank=True, help_text=_("Printed in bylines.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor_profiles",
        help_text=_("Empty for an outside contributor."),
    )
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("pen_name")]),
        FieldRowPanel([FieldPanel("user"), FieldPanel("email")]),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["name"]

    def __str__(self) -> str:
        if self.pen_name and self.pen_name != self.name:
            return f"{self.pen_name} ({self.name})"
        return self.name

    @property
    def byline_name(self) -> str:
        return self.pen_name or self.name


# --- Tags: our own tag table, with ASCII slugs for clean tag URLs -------------------------


class NewsTag(TagBase):
    """A news tag. Slugs are ASCII ("chuyen-doi-so") so that tag URLs stay clean."""

    free_tagging = True

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")

    def slugify(self, tag, i=None):
        slug = vi_slugify(tag, max_length=90) or "tag"
        return f"{slug}-{i}" if i is not None else slug


class NewsPageTag(ItemBase):
    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_news")
    content_object = ParentalKey(
        "newsroom.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


# --- The page tree ----------------------------------------------------------------------


class NewsListingMixin(RoutablePageMixin):
    """What the news root and the categories share: a paginated list of the news below
    them (newest first, 20 a page, `?page=N`) and an RSS 2.0 feed at `rss/`."""

    def get_context(self, request, *args, listing=True, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        if listing:  # sub-pages with a list of their own (tags) pass listing=False
            context["news_page"] = selectors.news_paginate_below(self, request.GET.get("page"))
            context["categories"] = selectors.categories_below(self)
        context["feed_url"] = self.url + self.reverse_subpage("feed")
        return context

    @path("rss/", name="feed")
    def feed(self, request):
        from .feeds import NewsFeed

        return NewsFeed(self)(request)


class NewsIndexPage(NewsListingMixin, PortalPage):
    """The news root (Tin tức / News): every news item of its language, and the tag pages."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["newsroom.NewsCategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    @path("the/<slug:tag>/", name="tag_vi")
    def tag_vi(self, request, tag):
        return self._tag(request, tag, "vi")

    @path("tag/<slug:tag>/", name="tag_en")
    def tag_en(self, request, tag):
        return self._tag(request, tag, "en")

    def _tag(self, request, slug, language):
        from django.http import Http404
        from django.shortcuts import get_object_or_404

        from . import selectors

        # One URL per tag and language: /vi/tin-tuc/the/…, /en/news/tag/….
        if self.locale.language_code != language:
            raise Http404
        tag = get_object_or_404(NewsTag, slug=slug)
        # Tags are named per language, so the language switcher offers the other
        # language's news root rather than a tag page that may not exist.
        translation_urls = {
            page.locale.language_code: page.url
            for page in self.get_translations().live().select_related("locale")
        }
        translation_urls[language] = request.path
        return self.render(
            request,
            listing=False,
            template="newsroom/news_tag_page.html",
            context_overrides={
                "tag": tag,
                "news_page": selectors.news_paginate(
                    selectors.news_with_tag(self, tag), request.GET.get("page")
                ),
                "translation_urls": translation_urls,
            },
        )

    def tag_url(self, tag) -> str:
        language = self.locale.language_code
        name = f"tag_{language}" if language in TAG_SEGMENTS else "tag_vi"
        return self.url + self.reverse_subpage(name, kwargs={"tag": tag.slug})


class NewsCategoryPage(NewsListingMixin, PortalPage):
    """A category (Phân loại / chuyên mục): its news and those of its sub-categories."""

    parent_page_types = ["newsroom.NewsIndexPage", "newsroom.NewsCategoryPage"]
    subpage_types = ["newsroom.NewsCategoryPage", "newsroom.NewsPage"]

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")


class NewsPage(Page):
    """A news item (tin bài) with every field of the seed's "Tin Tức Mở Rộng"."""

    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=pgettext_lazy("news item", "Image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    main_image_caption = models.CharField(
        pgettext_lazy("news item", "Image caption"), max_length=500, blank=True
    )
    main_image_alt = models.CharField(
        _("alternative text of the image"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with an image."),
    )
    summary = models.TextField(
        pgettext_lazy("news item", "Summary"),
        max_length=500,
        validators=[MaxLengthValidator(500)],  # a TextField's max_length is the form's only
        help_text=_(
            "Plain text, at most 500 characters: shown in lists, feeds and search results."
        ),
    )
    body = StreamField(
        NewsBodyBlock(), verbose_name=pgettext_lazy("news item", "Content"), blank=True
    )
    alternative_url = models.URLField(
        pgettext_lazy("news item", "Alternative link"),
        max_length=500,
        blank=True,
        help_text=_("When set, lists and the page send the reader to this address instead."),
    )
    published_at = models.DateTimeField(
        pgettext_lazy("news item", "Publication date"),
        null=True,
        blank=True,
        help_text=_("Shown to readers. Empty: the time of first publication."),
    )
    featured = models.BooleanField(
        pgettext_lazy("news item", "Featured"),
        default=False,
        help_text=_("Shown on the home page."),
    )
    article_type = models.ForeignKey(
        ArticleType,
        verbose_name=pgettext_lazy("news item", "Article type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news",
    )
    tags = ClusterTaggableManager(
        pgettext_lazy("news item", "Tags"), through=NewsPageTag, blank=True
    )
    audio_file = models.FileField(
        pgettext_lazy("news item", "Audio"),
        upload_to="newsroom/audio/",
        blank=True,
        help_text=_("A recording of the item. Empty: speech is generated when possible."),
    )
    audio_generated = models.FileField(
        _("generated audio"), upload_to="newsroom/audio/generated/", blank=True, editable=False
    )
    contact_email = models.EmailField(pgettext_lazy("news item", "Email"), blank=True)
    byline = models.CharField(
        _("byline"),
        max_length=255,
        blank=True,
        help_text=_("Shown to readers. Empty: the authors' pen names."),
    )
    page_count = models.PositiveSmallIntegerField(
        pgettext_lazy("news item", "Page count"), null=True, blank=True
    )
    photo_count_override = models.PositiveSmallIntegerField(
        pgettext_lazy("news item", "Photo count"),
        null=True,
        blank=True,
        help_text=_("Empty: counted from the main image and the images in the content."),
    )
    # Royalty inputs (Decree 18/2014/NĐ-CP; LEGAL.md §3). Nothing is computed here.
    news_coefficient = models.DecimalField(
        pgettext_lazy("news item", "News coefficient"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    photo_coefficient = models.DecimalField(
        pgettext_lazy("news item", "Photo coefficient"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    royalty_photo_count = models.PositiveSmallIntegerField(
        _("photos counted for royalty"),
        null=True,
        blank=True,
        help_text=_("Empty: the photo count."),
    )
    uplift_percent = models.DecimalField(
        _("uplift (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Decree 18/2014 Art. 7(4): translation, works for children or ethnic minorities, "
            "works written in a foreign or minority language, hazardous conditions."
        ),
    )
    uplift_reason = models.CharField(_("reason for the uplift"), max_length=255, blank=True)
    base_salary_coefficient = models.DecimalField(
        pgettext_lazy("news item", "Base salary coefficient"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.10"),
        validators=[MinValueValidator(0)],
        help_text=_(
            "Decree 18/2014 Art. 7(2): one coefficient unit is a tenth of the base salary."
        ),
    )
    view_count = models.PositiveIntegerField(
        pgettext_lazy("news item", "Views"), default=0, editable=False
    )

    parent_page_types = ["newsroom.NewsCategoryPage"]
    subpage_types: list[str] = []
    # A translation or a copy starts with its own audience and its own audio, and without
    # royalty coefficients: it is another work, owed a royalty only when staff enter them
    # (a translation: article type "Tin dịch"; LEGAL.md §3).
    exclude_fields_in_copy = [
        "view_count",
        "audio_generated",
        "news_coefficient",
        "photo_coefficient",
        "royalty_photo_count",
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("featured"),
        index.FilterField("published_at"),
    ]

    content_panels = [
        TitleFieldPanel("title", heading=pgettext_lazy("news item", "Title")),
        MultiFieldPanel(
            [
                FieldPanel("main_image"),
                FieldPanel("main_image_alt"),
                FieldPanel("main_image_caption"),
            ],
            heading=pgettext_lazy("news item", "Image"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("alternative_url"),
        InlinePanel(
            "attachments", heading=pgettext_lazy("news item", "Attachments"), label=_("attachment")
        ),
    ]
    classification_panels = [
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("featured")]),
        FieldPanel("article_type"),
        FieldPanel("tags"),
        InlinePanel(
            "authors", heading=pgettext_lazy("news item", "Authors"), label=_("author"), min_num=0
        ),
        FieldPanel("byline"),
        InlinePanel(
            "related_links",
            heading=pgettext_lazy("news item", "Related news"),
            label=_("related item"),
        ),
        FieldRowPanel([FieldPanel("contact_email"), FieldPanel("page_count")]),
        FieldPanel("photo_count_override"),
        FieldPanel("audio_file"),
        FieldPanel("view_count", read_only=True),
    ]
    royalty_panels = [
        HelpPanel(template="newsroom/admin/frozen_royalty_panel.html"),
        FieldRowPanel([FieldPanel("news_coefficient"), FieldPanel("photo_coefficient")]),
        FieldRowPanel([FieldPanel("royalty_photo_count"), FieldPanel("base_salary_coefficient")]),
        FieldRowPanel([FieldPanel("uplift_percent"), FieldPanel("uplift_reason")]),
        # A form field, not a model field (forms.NewsPageForm): required to change the
        # coefficients once the royalty is frozen.
        FieldPanel("royalty_change_reason"),
    ]
    base_form_class = NewsPageForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=pgettext_lazy("news item", "Content")),
            ObjectList(classification_panels, heading=pgettext_lazy("news item", "Classification")),
            ObjectList(royalty_panels, heading=pgettext_lazy("news item", "Royalty")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [
            # Lists, newest first (selectors.NEWEST_FIRST), and the home page's featured.
            models.Index(fields=["published_at", "page_ptr"], name="news_published_idx"),
            models.Index(fields=["featured", "published_at"], name="news_featured_idx"),
        ]

    # --- Validation ----------------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.main_image_id and not self.main_image_alt.strip():
            errors["main_image_alt"] = _(
                "Describe the image for readers who cannot see it (alternative text)."
            )
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is reserved; choose another slug.")
        if self.photo_coefficient is not None and self.photo_coefficient < 0:
            errors["photo_coefficient"] = _("A coefficient cannot be negative.")
        if self.news_coefficient is not None and self.news_coefficient < 0:
            errors["news_coefficient"] = _("A coefficient cannot be negative.")
        elif self.news_coefficient is not None and self.article_type_id:
            kind = self.article_type
            # Decree 18/2014 Art. 7(1): within the limits of the kind of work.
            if not kind.min_coefficient <= self.news_coefficient <= kind.max_coefficient:
                errors["news_coefficient"] = _(
                    'The news coefficient of the article type "%(type)s" must lie between '
                    "%(lo)s and %(hi)s."
                ) % {"type": kind.name, "lo": kind.min_coefficient, "hi": kind.max_coefficient}
        if errors:
            raise ValidationError(errors)

    # --- Revisions ----------------------------------------------------------------------

    def with_content_json(self, content):
        """A revision's content on this page, keeping the live counters: publishing an
        older draft must not put the view count or the generated audio back."""
        obj = super().with_content_json(content)
        obj.view_count = self.view_count
        obj.audio_generated = self.audio_generated
        return obj

    # --- What readers see ------------------------------------------------------------

    @property
    def display_date(self):
        """The publication date shown to readers: Ngày xuất bản, else first publication."""
        return self.published_at or self.first_published_at or self.go_live_at

    @cached_property
    def author_names(self) -> list[str]:
        # Read by the byline and the page's metadata: one query per page, not two.
        authors = self.authors.all().select_related("contributor")
        return [a.contributor.byline_name for a in authors if a.contributor_id]

    @property
    def byline_text(self) -> str:
        return self.byline or ", ".join(self.author_names)

    @cached_property
    def category(self) -> "NewsCategoryPage | None":
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def photo_count(self) -> int:
        """Số Ảnh: the override when set, else the main image plus the body's images."""
        if self.photo_count_override is not None:
            return self.photo_count_override
        return int(bool(self.main_image_id)) + sum(
            1 for block in self.body if block.block_type == "image"
        )

    @property
    def photos_for_royalty(self) -> int:
        """Photos counted for the royalty: its own override, else the photo count."""
        if self.royalty_photo_count is not None:
            return self.royalty_photo_count
        return self.photo_count

    def related_news(self, limit: int = 5) -> list["NewsPage"]:
        """Tin liên quan: the hand-picked items (in this page's language when translated),
        else the latest live items sharing the category or a tag; at most `limit`,
        never this item."""
        from . import selectors

        return selectors.news_related(self, limit=limit)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's "news-asides" fragment is not in the cache.
        context["others"] = SimpleLazyObject(lambda: selectors.news_others(self))
        context["related"] = SimpleLazyObject(self.related_news)
        from congso.core import fragments

        context["category"], context["news_index"] = fragments.memo(
            request,
            "news-parents",
            self.pk,
            compute=lambda: (self.category, NewsIndexPage.objects.ancestor_of(self).first()),
        )
        context["agency"] = _site_agency(request)
        context["absolute_url"] = request.build_absolute_uri(self.get_url(request))
        category = context["category"]
        if isinstance(category, NewsCategoryPage):
            context["feed_url"] = category.get_url(request) + category.reverse_subpage("feed")
        return context

    def get_template(self, request, *args, **kwargs):
        if request.GET.get("print") == "1":
            return "newsroom/news_page_print.html"
        return super().get_template(request, *args, **kwargs)


def _site_agency(request):
    from congso.portal.context_processors import site_agency

    return site_agency(request) if request else None


# --- Inline children of a news item ------------------------------------------------------


class NewsAuthor(Orderable):
    """One author of a news item, with their share of the royalty and their role."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="authors")
    contributor = models.ForeignKey(
        Contributor, verbose_name=_("contributor"), on_delete=models.PROTECT, related_name="+"
    )
    share_percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Decree 18/2014 Art. 4: co-authors share the royalty by agreement."),
    )
    role = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_('e.g. "Tác giả", "Ảnh", "Dịch".')
    )

    panels = [
        FieldPanel("contributor"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("share_percent")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class NewsRelatedLink(Orderable):
    """A related item chosen by hand (Tin liên quan)."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    target = models.ForeignKey(
        NewsPage, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("target", page_type="newsroom.NewsPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related item")
        verbose_name_plural = _("related items")


class NewsAttachment(Orderable):
    """A document attached to a news item (Attachments), with the link text to show."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"), max_length=255, blank=True, help_text=_("Empty: the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def link_text(self) -> str:
        return self.title or self.document.title


# --- Royalties (nhuận bút, Decree 18/2014/NĐ-CP; LEGAL.md §3) ------------------------------


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở, VND/month) in force over a period, and the
    instrument that set it. One coefficient unit of a royalty is `base_salary_coefficient`
    (0.10) × the amount in force on the publication date (Decree 18/2014 Art. 7(2)).

    `valid_to` is inclusive; empty while in force. Periods never overlap: `clean()` names
    the row in the way, and the database refuses it too (an exclusion constraint on
    PostgreSQL, a trigger on SQLite; migration 0002).
    """

    amount = models.PositiveBigIntegerField(_("amount (VND/month)"))
    valid_from = models.DateField(_("valid from"), unique=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Leave empty while still in force.")
    )
    instrument = models.ForeignKey(
        "organization.LegalInstrument",
        verbose_name=_("legal instrument"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="base_salaries",
    )
    instrument_text = models.CharField(
        _("instrument (as cited)"),
        max_length=255,
        blank=True,
        help_text=_('e.g. "Nghị định 73/2024/NĐ-CP".'),
    )

    panels = [
        FieldPanel("amount"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Validity")),
        FieldRowPanel([FieldPanel("instrument"), FieldPanel("instrument_text")]),
    ]

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="base_salary_period_ordered",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="base_salary_positive"),
        ]

    def __str__(self) -> str:
        from .royalties import format_vnd

        return f"{format_vnd(self.amount)} ({self.period_text})"

    @property
    def period_text(self) -> str:
        start = f"{self.valid_from:%d/%m/%Y}" if self.valid_from else "?"
        if self.valid_to:
            return f"{start} – {self.valid_to:%d/%m/%Y}"
        return _("from %(start)s") % {"start": start}

    @property
    def instrument_label(self) -> str:
        return str(self.instrument) if self.instrument_id else self.instrument_text

    def overlapping(self):
        """The other rows whose period shares a day with this one's."""
        if self.valid_from is None:
            return BaseSalary.objects.none()
        rows = BaseSalary.objects.exclude(pk=self.pk).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from)
        )
        if self.valid_to is not None:
            rows = rows.filter(valid_from__lte=self.valid_to)
        return rows.order_by("valid_from")

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("The end of validity must not be before its start.")}
            )
        other = self.overlapping().first()
        if other is not None:
            raise ValidationError(
                {
                    "valid_from": _(
                        "This period overlaps the base salary %(amount)s in force %(period)s. "
                        "End that period first (valid to) or choose other dates."
                    )
                    % {"amount": other.amount_text, "period": other.period_text}
                }
            )

    @property
    def amount_text(self) -> str:
        from .royalties import format_vnd

        return format_vnd(self.amount)


class Royalty(models.Model):
    """The royalty of one published news item, frozen at its first publication.

    Every input is copied here (coefficients, photos counted, uplift, the base salary and
    the unit value), with the item's title, date and type as they were: a later change
    to the base-salary table, the item or the article type never rewrites it. Only a
    change of coefficients by someone holding `change_frozen_royalty` recomputes it
    (logged in RoyaltyChange, with the base salary frozen here); a paid royalty is never
    recomputed.
    """

    page = models.OneToOneField(
        NewsPage,
        verbose_name=_("news item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="royalty",
    )
    title = models.CharField(_("title"), max_length=255)
    published_on = models.DateField(_("publication date"))
    article_type_name = models.CharField(_("article type"), max_length=100, blank=True)
    news_coefficient = models.DecimalField(
        _("news coefficient"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    photo_coefficient = models.DecimalField(
        _("photo coefficient"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    photo_count = models.PositiveSmallIntegerField(_("photos counted"), default=0)
    uplift_percent = models.DecimalField(
        _("uplift (%)"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    uplift_reason = models.CharField(_("reason for the uplift"), max_length=255, blank=True)
    base_salary_coefficient = models.DecimalField(
        _("base salary coefficient"), max_digits=4, decimal_places=2
    )
    base_salary = models.ForeignKey(
        BaseSalary,
        verbose_name=_("base salary"),
        on_delete=models.PROTECT,
        related_name="royalties",
    )
    base_salary_amount = models.PositiveBigIntegerField(_("base salary (VND/month)"))
    unit_value = models.DecimalField(_("value of one unit (VND)"), max_digits=14, decimal_places=2)
    total_coefficient = models.DecimalField(_("total coefficient"), max_digits=9, decimal_places=4)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    computed_at = models.DateTimeField(_("computed at"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paid by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("royalty")
        verbose_name_plural = _("royalties")
        ordering = ["published_on", "pk"]
        permissions = [
            ("mark_royalty_paid", _("Can mark royalties paid")),
            ("change_frozen_royalty", _("Can change the coefficients of a frozen royalty")),
        ]
        indexes = [
            # The monthly sheet (by publication date) and the overdue count (unpaid, old).
            models.Index(fields=["published_on", "paid_at"], name="royalty_month_idx"),
            models.Index(fields=["paid_at", "published_on"], name="royalty_unpaid_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.published_on:%d/%m/%Y})"

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None


class RoyaltyShare(models.Model):
    """One co-author's part of a royalty, in whole đồng (the parts add up to the whole)."""

    royalty = models.ForeignKey(
        Royalty, verbose_name=_("royalty"), on_delete=models.CASCADE, related_name="shares"
    )
    contributor = models.ForeignKey(
        Contributor,
        verbose_name=_("contributor"),
        on_delete=models.PROTECT,
        related_name="royalty_shares",
    )
    contributor_name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100, blank=True)
    share_percent = models.DecimalField(_("share (%)"), max_digits=5, decimal_places=2)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("royalty share")
        verbose_name_plural = _("royalty shares")
        ordering = ["royalty", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.contributor_name}: {self.amount}"


class RoyaltyChange(models.Model):
    """A change of a frozen royalty's coefficients or co-authors: who, when, old → new, and
    why."""

    royalty = models.ForeignKey(
        Royalty, verbose_name=_("royalty"), on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    old_values = models.JSONField(_("old values"))
    new_values = models.JSONField(_("new values"))
    old_amount = models.PositiveBigIntegerField(_("old amount (VND)"))
    new_amount = models.PositiveBigIntegerField(_("new amount (VND)"))

    class Meta:
        verbose_name = _("royalty change")
        verbose_name_plural = _("royalty changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.royalty}: {self.old_amount} → {self.new_amount}"

    @property
    def summary(self) -> str:
        """What changed, in the user's language: "Hệ số tin: 5 → 8; …"."""
        from django.core.exceptions import FieldDoesNotExist

        from .royalties import format_decimal

        parts = []
        for name, new in self.new_values.items():
            old = self.old_values.get(name)
            if str(old) == str(new):
                continue
            if name == "authors":
                # "Tác giả: A (60%), B (40%) → A (100%)"
                shown = [
                    ", ".join(
                        f"{a['name']} ({format_decimal(Decimal(a['share']))}%)" for a in value
                    )
                    or "–"
                    for value in (old or [], new or [])
                ]
                parts.append(f"{capfirst(_('authors'))}: {shown[0]} → {shown[1]}")
                continue
            try:
                label = NewsPage._meta.get_field(name).verbose_name
            except FieldDoesNotExist:
                continue
            if name == "royalty_photo_count":
                label = _("photos counted")
            shown = [
                format_decimal(Decimal(v))
                if v not in (None, "") and name != "uplift_reason"
                else (v or "–")
                for v in (old, new)
            ]
            parts.append(f"{capfirst(label)}: {shown[0]} → {shown[1]}")
        return "; ".join(parts)

    @property
    def old_amount_text(self) -> str:
        from .royalties import format_vnd

        return format_vnd(self.old_amount)

    @property
    def new_amount_text(self) -> str:
        from .royalties import format_vnd

        return format_vnd(self.new_amount)
