"""The public portal's pages.

The introduction pages hold no copy of the organisation data: they render the agency, its
units, officials and mandate from `congso.organization` each time, so an edit there shows
everywhere at once. Each page exists once per language (Wagtail locales vi and en).
"""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from congso.organization import selectors as org


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Which agency the site belongs to: its names, contacts and mandate fill the portal."""

    agency = models.ForeignKey(
        "organization.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    place_name_vi = models.CharField(
        _("place name for document dates (Vietnamese)"),
        max_length=100,
        blank=True,
        help_text=_('As in "Bình Dương, ngày 07 tháng 6 năm 2021".'),
    )

    panels = [FieldPanel("agency"), FieldPanel("place_name_vi")]

    class Meta:
        verbose_name = _("portal settings")


class PortalPage(Page):
    """Base for the portal's own pages: gives every template the site's agency."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_agency(self, request):
        from .context_processors import site_agency

        return site_agency(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agency"] = self.get_agency(request)
        return context


class HomePage(PortalPage):
    """The portal's home: the agency, quick links, latest news and contacts."""

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 2  # one per language is what we expect; a spare for migration

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's fragments are not in the cache (congso.core.fragments).
        context["quick_links"] = SimpleLazyObject(
            lambda: list(self.get_children().live().public().in_menu().specific())
        )
        # The newsroom's featured items (Tin nổi bật) in this page's language.
        from congso.newsroom.selectors import news_featured

        context["news_items"] = SimpleLazyObject(lambda: news_featured(locale_id=self.locale_id))
        return context


class AboutPage(PortalPage):
    """Introduction: overview, functions, short history and lineage of the agency."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.MandatePage", "portal.LeadershipPage", "portal.StructurePage"]

    class Meta:
        verbose_name = _("introduction page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agency = context["agency"]
        if agency:
            context["mandate"] = org.mandate_for_agency(agency)
            context["events"] = agency.events.select_related("instrument", "other_agency")
        context["sections"] = self.get_children().live().public().specific()
        return context


class MandatePage(PortalPage):
    """Functions, tasks and powers, each task with its anchor (#task-4)."""

    parent_page_types = ["portal.AboutPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("functions, tasks and powers page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agency = context["agency"]
        mandate = org.mandate_for_agency(agency) if agency else None
        context["mandate"] = mandate
        if mandate:
            context["tasks"] = org.mandate_tasks(mandate)
            context["powers"] = org.mandate_powers(mandate)
        return context


class LeadershipPage(PortalPage):
    """The agency's leaders: photo, position, email, biography, duties."""

    parent_page_types = ["portal.AboutPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("leadership page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agency = context["agency"]
        context["leaders"] = org.leadership(agency) if agency else []
        return context


class StructurePage(PortalPage):
    """Organisation structure: the chart and every unit with its telephone numbers."""

    parent_page_types = ["portal.AboutPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("organisation structure page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        agency = context["agency"]
        context["leaders"] = org.leadership(agency) if agency else []
        context["units"] = org.units_with_phones(agency) if agency else []
        return context


class ContactPage(PortalPage):
    """Address, telephone, fax and email of the agency."""

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("contact page")
