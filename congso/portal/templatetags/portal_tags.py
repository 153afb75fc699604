"""Template tags used by every public page: language links, date line, breadcrumbs, phones."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import Page

from congso.core import dates, fragments
from congso.core.i18n import current_language
from congso.organization.choices import UnitKind
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
    # A view below a page (a RoutablePage's sub-page) passes {code: url} of its own
    # translations as `translation_urls`.
    own = context.get("translation_urls") or {}
    translations = (
        fragments.memo(
            request,
            "translations",
            page.pk,
            request.get_host() if request is not None else "",
            compute=lambda: _translation_urls(page, request),
        )
        if isinstance(page, Page) and not own
        else {}
    )
    for code, name in settings.LANGUAGES:
        url = None
        available = True
        if own:
            url = own.get(code) or f"/{code}/"
            available = code in own
        elif isinstance(page, Page):
            url = translations.get(code)
            if url is None:
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
                # Absolute, for <link rel="alternate" hreflang>.
                "target": request.build_absolute_uri(url) if request is not None else url,
                "current": code == active,
                "available": available,
            }
        )
    return links


def _translation_urls(page: Page, request) -> dict[str, str]:
    """{language code: URL} of the live translations of `page` (itself included)."""
    pages = (
        Page.objects.live().filter(translation_key=page.translation_key).select_related("locale")
    )
    return {p.locale.language_code: p.get_url(request) for p in pages}


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
    """The live ancestors of the current page below the site root, root home included:
    [{title, url}], kept until the site's content changes (congso.core.fragments)."""
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    request = context.get("request")
    return fragments.memo(
        request,
        "breadcrumbs",
        page.pk,
        request.get_host() if request is not None else "",
        compute=lambda: [
            {"title": p.title, "url": p.get_url(request)}
            for p in page.get_ancestors(inclusive=False).filter(depth__gt=1).live()
        ],
    )


@register.filter
def tel(number: str) -> str:
    """`tel:` URI for a number as printed."""
    return tel_uri(number or "")


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page in the active language, for the header link and breadcrumbs (the
    context processor's lookup, kept with the fragments)."""
    from congso.portal.context_processors import site_home_page

    request = context.get("request")
    return site_home_page(request) if request else None


# --- Helpers for the portal's own templates ------------------------------------------
# Unit kinds drawn in the "public service units" branch of the organisation chart; every
# other kind (secretariat, inspectorate, division) advises the leadership.
SERVICE_UNIT_KINDS = frozenset({UnitKind.CENTRE})


@register.filter
def model_name(page) -> str:
    """The lower-case model name of a (specific) page, e.g. "aboutpage", to pick a
    default card description in templates."""
    meta = getattr(page, "_meta", None)
    return meta.model_name if meta else ""


@register.filter
def unit_group(units, group: str) -> list:
    """The units of one branch of the organisation chart, in their given order:
    "service" = public service units (centres), "advisory" = every other unit."""
    service = group == "service"
    return [unit for unit in units if (unit.kind in SERVICE_UNIT_KINDS) == service]


@register.simple_tag
def agency_units(agency) -> list:
    """The agency's units with their telephone numbers (for the contact page)."""
    from congso.organization import selectors

    return list(selectors.units_with_phones(agency)) if agency else []


@register.simple_tag(takes_context=True)
def portal_page(context, model: str):
    """The live, public page of this type ("portal.StructurePage") on the current site in
    the active language, or None."""
    from django.apps import apps

    home = site_home(context)
    if home is None:
        return None
    page_model = apps.get_model(model)
    return page_model.objects.live().public().descendant_of(home).first()
