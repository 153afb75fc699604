"""Template context for every public page: the site's agency, home page and main menu.

The header and footer of `base.html` need these on every page, including pages that other
apps render with their own views. Each value is looked up on first use only, so responses
that never print them (the admin, the API, JSON) pay no query, and kept in the cache
until the site's content changes (congso.core.fragments): the menu's page-tree scan is
one of the slowest queries of a page on a tree of 40,000 news items.
"""

from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from congso.core import fragments

from .models import PortalSettings


def _site(request) -> Site | None:
    return Site.find_for_request(request)


def site_home_page(request) -> Page | None:
    """The site's home page in the active language (the Vietnamese one when untranslated)."""
    site = _site(request)
    if site is None:
        return None
    return fragments.memo(
        request,
        "home",
        site.pk,
        get_language(),
        compute=lambda: site.root_page.localized.specific,
    )


def site_agency(request):
    """The agency the site's portal settings name (None when no site or no agency)."""
    site = _site(request)
    if site is None:
        return None
    return fragments.memo(
        request, "agency", site.pk, compute=lambda: PortalSettings.for_site(site).agency
    )


def _path(url: str | None) -> str:
    return urlsplit(url or "").path


def _menu(request, home: Page | None) -> list[dict]:
    """Home, then the home page's live, public children that are shown in menus.

    Each entry: {title, url, current} where current is "page" for the page being shown,
    "true" for the section it belongs to, "" otherwise (rendered as aria-current).
    """
    if home is None:
        return []
    here = request.path
    home_url = home.get_url(request)
    items = [
        {
            "title": home.title,
            "url": home_url,
            "current": "page" if _path(home_url) == here else "",
        }
    ]
    children = fragments.memo(
        request,
        "menu",
        home.pk,
        request.get_host(),
        compute=lambda: [
            (child.title, child.get_url(request))
            for child in home.get_children().live().public().in_menu()
        ],
    )
    for title, url in children:
        path = _path(url)
        if path == here:
            current = "page"
        elif path and here.startswith(path):
            current = "true"
        else:
            current = ""
        items.append({"title": title, "url": url, "current": current})
    # Services served by Django views rather than pages: dossier tracking and the licence
    # registry, after the pages.
    for title, name in (
        (_("Track a dossier"), "dossiers:track"),
        (_("Licences"), "licensing:registry"),
    ):
        url = reverse(name)
        current = "page" if url == here else ("true" if here.startswith(url) else "")
        items.append({"title": title, "url": url, "current": current})
    return items


def portal(request) -> dict:
    """`portal_agency` (the site's Agency or None), `portal_home` (home page in the active
    language or None), `portal_home_url` and `portal_menu` (see `_menu`)."""

    home = SimpleLazyObject(lambda: site_home_page(request))

    def home_url():
        return home.get_url(request) if home else "/"

    return {
        "portal_agency": SimpleLazyObject(lambda: site_agency(request)),
        "portal_home": home,
        "portal_home_url": SimpleLazyObject(home_url),
        "portal_menu": SimpleLazyObject(lambda: _menu(request, home or None)),
    }
