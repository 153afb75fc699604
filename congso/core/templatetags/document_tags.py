"""Template helpers for the PDF documents (`{% load document_tags %}`), used by
`documents/base_document.html` and the templates extending it. Not for web pages: the
file:// URIs they produce mean something only to the PDF renderer."""

import datetime

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from congso.core import dates, documents

register = template.Library()


@register.filter
def qr_svg(data: str) -> str:
    """`{{ url|qr_svg }}`: the QR code of `url` as inline SVG (see documents.qr_svg)."""
    # segno writes only the path of the modules; `data` never appears in the markup.
    return mark_safe(documents.qr_svg(str(data)))  # noqa: S308


@register.filter
def qr_data_uri(data: str) -> str:
    """`<img src="{{ url|qr_data_uri }}">`: the QR code of `url` as a data: URI."""
    return documents.qr_data_uri(str(data))


@register.filter
def document_date_line(value: datetime.date, place: str) -> str:
    """`{{ date|document_date_line:issuer.place }}` → "Bình Dương, ngày 07 tháng 6 năm
    2021" (Decree 30/2020, Appendix I)."""
    if not value:
        return ""
    return dates.document_date_line(value, place)


# About as many upper-case letters as fit on one line of the header's left column (40 % of
# the text width, 12 pt bold serif).
HEADER_LINE_CHARS = 24


@register.filter
def header_lines(text: str) -> str:
    """Break a name of the header into lines the way clerks do: at the line breaks it
    carries, else, when too long for one line, at the space nearest its middle ("SỞ THÔNG
    TIN VÀ / TRUYỀN THÔNG" rather than "SỞ THÔNG TIN VÀ TRUYỀN / THÔNG")."""
    text = str(text or "").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) == 1 and len(text) > HEADER_LINE_CHARS and " " in text:
        middle = len(text) / 2
        cut = min((i for i, char in enumerate(text) if char == " "), key=lambda i: abs(i - middle))
        lines = [text[:cut], text[cut + 1 :]]
    return mark_safe("<br>".join(conditional_escape(line) for line in lines))  # noqa: S308


@register.simple_tag
def static_file_uri(path: str) -> str:
    """`{% static_file_uri "documents/document.css" %}`: the file:// URI of a static file,
    which the document renderer may read. Raises DocumentResourceError when missing."""
    return documents.static_file_uri(path)
