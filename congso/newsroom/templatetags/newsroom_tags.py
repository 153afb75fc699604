"""Template tags of the news pages: dates, view counts, share links, staff links, and the
Open Graph / schema.org data of an item."""

import json
from urllib.parse import quote, urlencode

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from congso.core.i18n import current_language

from ..text import vi_number

register = template.Library()

# JSON inside <script type="application/ld+json">: nothing may close the element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def news_datetime(value) -> str:
    """ "07/06/2021 10:00" in Vietnam time (both languages)."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


@register.filter
def news_number(value) -> str:
    """A count with the reader's thousands separator: "3.028" (vi) / "3,028" (en)."""
    return vi_number(int(value or 0), current_language())


@register.filter
def news_view_count(value) -> str:
    """The count as news_number, in the element the view beacon's script updates."""
    return format_html('<span data-view-count="">{}</span>', news_number(value))


def absolute_url(request, page) -> str:
    """The page's address on the host the reader asked for (ALLOWED_HOSTS-checked)."""
    if request is None:
        return page.full_url
    return request.build_absolute_uri(page.get_url(request))


@register.simple_tag
def news_list_thumbnail(image):
    """The list rendition (selectors.LIST_RENDITION) of a list item's main image.

    Lists prefetch it (selectors.news_for_list): it is taken from there, without the
    cache write Wagtail's `{% image %}` makes for every image it prints (a Redis round
    trip per item, 20 on a list page). Made when missing, as `{% image %}` would."""
    from wagtail.images.models import Filter

    from congso.newsroom.selectors import LIST_RENDITION

    spec = Filter(spec=LIST_RENDITION)
    try:
        return image.find_existing_rendition(spec)
    except image.get_rendition_model().DoesNotExist:
        return image.get_rendition(spec)


@register.filter
def news_tag_url(news_index, tag) -> str:
    """The address of a tag's page under a news root (in the root's language)."""
    return news_index.tag_url(tag) if news_index else ""


@register.simple_tag(takes_context=True)
def news_share_links(context, page) -> list[dict]:
    """Share links as plain <a> links (no third-party script): Facebook, Zalo, X, email.
    Each {key, label, url}."""
    url = absolute_url(context.get("request"), page)
    title = page.title
    return [
        {
            "key": "facebook",
            "label": "Facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "key": "zalo",
            "label": "Zalo",
            "url": "https://sp.zalo.me/share_inline?" + urlencode({"url": url}),
        },
        {
            "key": "x",
            "label": "X",
            "url": "https://x.com/intent/tweet?" + urlencode({"url": url, "text": title}),
        },
        {
            "key": "email",
            "label": _("Email"),
            "url": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        },
    ]


@register.simple_tag(takes_context=True)
def news_staff_links(context, page) -> dict | None:
    """Links to edit the page, its version history and its permissions — only for a
    logged-in user who may edit it (Wagtail page permissions); None for everyone else,
    at no query cost for anonymous readers."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if not page.permissions_for_user(user).can_edit():
        return None
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.id]),
        "history": reverse("wagtailadmin_pages:history", args=[page.id]),
        "permissions": reverse("newsroom_page_permissions", args=[page.id]),
    }


@register.simple_tag(takes_context=True)
def news_meta(context, page, agency=None) -> dict:
    """Open Graph values and the schema.org NewsArticle JSON-LD of a news item:
    {url, image (absolute URL or ""), image_width, image_height, published, modified,
    locale, json_ld (safe string)}."""
    request = context.get("request")
    url = absolute_url(request, page)
    image = ""
    width = height = None
    if page.main_image_id:
        rendition = page.main_image.get_rendition("fill-1200x630")
        image = request.build_absolute_uri(rendition.url) if request else rendition.url
        width, height = rendition.width, rendition.height
    published = page.display_date
    modified = page.last_published_at or published
    published = timezone.localtime(published) if published else None
    modified = timezone.localtime(modified) if modified else None
    publisher = {"@type": "GovernmentOrganization", "name": agency.name if agency else ""}
    if request is not None:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("img/emblem.svg")),
        }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "datePublished": published.isoformat() if published else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": [{"@type": "Person", "name": name} for name in page.author_names]
        or ([{"@type": "Person", "name": page.byline}] if page.byline else []),
        "publisher": publisher,
    }
    if image:
        data["image"] = [image]
    text = json.dumps(
        {k: v for k, v in data.items() if v not in (None, "", [])}, ensure_ascii=False
    )
    return {
        "url": url,
        "image": image,
        "image_width": width,
        "image_height": height,
        "published": published.isoformat() if published else "",
        "modified": modified.isoformat() if modified else "",
        "locale": {"vi": "vi_VN", "en": "en_US"}.get(page.locale.language_code, "vi_VN"),
        "json_ld": mark_safe(text.translate(_JSON_ESCAPES)),  # noqa: S308 (escaped above)
    }
