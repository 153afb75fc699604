"""Template tags used by every public page: language links, date line, breadcrumbs, phones."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Locale, Page

from congso.core import dates
from congso.core.i18n import current_language
from congso.organization.models import tel_uri

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language: {code, name, url, current, available}.

    For a Wagtail page the link goes to that page's translation (or to the other
    language's home page when there is none); for other views, to the same URL with the
    other language prefix. Links pass through /language/<code>/ so the choice is
    remembered in a cookie.
    """
    request = context.get("request")
    page = context.get("page")
    active = current_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = None
        available = True
        if isinstance(page, Page):
            locale = Locale.objects.filter(language_code=code).first()
            translation = page.get_translation_or_none(locale) if locale else None
            if translation is not None and translation.live:
                url = translation.get_url(request)
            else:
                available = False
                url = f"/{code}/"
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        links.append(
            {
                "code": code,
                "name": name,
                "url": f"/language/{code}/?{urlencode({'next': url})}",
                "target": url,
                "current": code == active,
                "available": available,
            }
        )
    return links


@register.simple_tag
def date_line(value=None) -> str:
    """Today's date in the page's language: "Thứ Hai, 07/06/2021" / "Monday, 7 June 2021"."""
    return dates.long_date(value or timezone.localdate(), current_language())


@register.filter
def short_date(value) -> str:
    """dd/mm/yyyy."""
    return dates.short_date(value) if value else ""


@register.simple_tag(takes_context=True)
def breadcrumbs(context) -> list[Page]:
    """The live ancestors of the current page below the site root, root home included."""
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    return list(page.get_ancestors(inclusive=False).filter(depth__gt=1).live().specific())


@register.filter
def tel(number: str) -> str:
    """`tel:` URI for a number as printed."""
    return tel_uri(number or "")


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page in the active language, for the header link and breadcrumbs."""
    request = context.get("request")
    from wagtail.models import Site

    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized.specific
