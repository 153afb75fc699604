"""Writes for the portal: setting up the site's page tree in both languages."""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Locale, Page, Site

from congso.organization.models import Agency

from .models import (
    AboutPage,
    ContactPage,
    HomePage,
    LeadershipPage,
    MandatePage,
    PortalSettings,
    StructurePage,
)


@dataclass(frozen=True)
class PageSpec:
    """One page of the standard tree, with its Vietnamese and English title and slug."""

    key: str
    model: type[Page]
    parent: str | None
    title_vi: str
    slug_vi: str
    title_en: str
    slug_en: str
    in_menu: bool = True


# The introduction section every department site has (Decree 224/2026 Art. 9).
STANDARD_PAGES: tuple[PageSpec, ...] = (
    PageSpec("home", HomePage, None, "Trang chủ", "trang-chu", "Home", "home", in_menu=False),
    PageSpec("about", AboutPage, "home", "Giới thiệu", "gioi-thieu", "About us", "about"),
    PageSpec(
        "mandate",
        MandatePage,
        "about",
        "Chức năng, nhiệm vụ, quyền hạn",
        "chuc-nang-nhiem-vu",
        "Functions, tasks and powers",
        "functions-tasks-powers",
    ),
    PageSpec(
        "leadership", LeadershipPage, "about", "Lãnh đạo", "lanh-dao", "Leadership", "leadership"
    ),
    PageSpec(
        "structure",
        StructurePage,
        "about",
        "Cơ cấu tổ chức",
        "co-cau-to-chuc",
        "Organisation structure",
        "structure",
    ),
    PageSpec("contact", ContactPage, "home", "Liên hệ", "lien-he", "Contact", "contact"),
)


def _child(parent: Page, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug).first()


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _ensure_child(parent: Page, spec: PageSpec, *, locale, title, slug, **extra) -> Page:
    """The child of `parent` with this slug, created and published when missing."""
    page = _child(parent, slug)
    if page is None:
        page = parent.add_child(
            instance=spec.model(
                title=title,
                slug=slug,
                locale=locale,
                show_in_menus=spec.in_menu,
                live=False,
                **extra,
            )
        )
        _publish(page)
    return page.specific


@transaction.atomic
def portal_site_ensure(*, agency: Agency) -> dict[str, dict[str, Page]]:
    """Make sure the default site serves the standard page tree in Vietnamese and English.

    Idempotent: pages that exist (found by slug under their parent) are kept as they are,
    so editors' changes survive; missing pages are created and published; the English
    page is created as the translation of the Vietnamese one. Sets the site's agency if
    none is set. Returns {"vi": {key: page}, "en": {key: page}}.
    """
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()

    site = Site.objects.filter(is_default_site=True).first()
    home_vi = None
    if site and isinstance(site.root_page.specific, HomePage):
        home_vi = site.root_page.specific

    if home_vi is None:
        # Replace Wagtail's "Welcome to your new Wagtail site!" placeholder.
        for page in root.get_children():
            if type(page.specific) is Page:
                page.delete()
        home = STANDARD_PAGES[0]
        home_vi = _ensure_child(root, home, locale=vi, title=home.title_vi, slug=home.slug_vi)
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home_vi, is_default_site=True
            )
        else:
            site.root_page = home_vi
            site.save()
    if not site.site_name:
        site.site_name = agency.name_vi
        site.save()

    pages: dict[str, dict[str, Page]] = {"vi": {"home": home_vi}, "en": {}}
    for spec in STANDARD_PAGES:
        if spec.parent is not None:
            pages["vi"][spec.key] = _ensure_child(
                pages["vi"][spec.parent], spec, locale=vi, title=spec.title_vi, slug=spec.slug_vi
            )
        page_vi = pages["vi"][spec.key]
        page_en = page_vi.get_translation_or_none(en)
        if page_en is None:
            parent_en = root if spec.parent is None else pages["en"][spec.parent]
            page_en = _ensure_child(
                parent_en,
                spec,
                locale=en,
                title=spec.title_en,
                slug=spec.slug_en,
                translation_key=page_vi.translation_key,
            )
        pages["en"][spec.key] = page_en.specific

    settings = PortalSettings.for_site(site)
    if settings.agency_id is None:
        settings.agency = agency
        settings.place_name_vi = settings.place_name_vi or "Bình Dương"
        settings.save()
    return pages
