"""The blocks of a news item's body (Nội dung).

Everything a reader gets is either plain text (escaped by the template engine) or Wagtail
rich text, which keeps only the features listed in RICH_TEXT_FEATURES: no raw HTML block
exists, so no editor can put a script or a `javascript:` link on a public page. Rich text
is cleaned once more when rendered (`clean_rich_text`), so HTML that reached the database
another way (an import, a script) is held to the same list.
"""

import nh3
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

# Paragraphs: emphasis, lists and links. Headings have a block of their own, so that the
# page outline stays h2/h3 under the item's h1.
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


# What rendered rich text may contain: the features above, nothing else.
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_rich_text(source: str) -> str:
    """Rich text from the database as safe HTML: Wagtail's link and document references
    expanded, then every tag, attribute and URL scheme outside the lists above removed
    (scripts and styles with their content; `javascript:` links lose their href)."""
    html = expand_db_html(source)
    return mark_safe(  # noqa: S308 (sanitised by nh3 just above)
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel=None,
        )
    )


class SafeRichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block, rendered through `clean_rich_text`."""

    def render_basic(self, value, context=None):
        return clean_rich_text(value.source if value is not None else "")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "newsroom/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=500, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "newsroom/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=255, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "newsroom/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=255,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "newsroom/blocks/document.html"


class TableBlock(TypedTableBlock):
    """A table whose cells are plain text, numbers or limited rich text."""

    text = blocks.CharBlock(label=_("Text"))
    numeric = blocks.DecimalBlock(label=_("Number"))
    rich_text = SafeRichTextBlock(label=_("Rich text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "table"
        label = _("Table")
        template = "newsroom/blocks/table.html"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = SafeRichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    table = TableBlock()
    document = DocumentBlock()
