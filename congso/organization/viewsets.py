"""Back office: the organisation data as Wagtail snippets, each with its history."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ActivityField, Agency, LegalInstrument, Mandate, MandateItem, Official, Unit


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    menu_label = _("Agencies")
    list_display = ["name_vi", "abbreviation", "valid_from", "valid_to"]
    search_fields = ["name_vi", "name_en", "code"]


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name_vi", "kind", "agency", "sort_order"]
    list_filter = ["agency", "kind"]
    search_fields = ["name_vi", "name_en"]
    ordering = ["agency", "sort_order"]


class OfficialViewSet(SnippetViewSet):
    model = Official
    icon = "user"
    menu_label = _("Officials")
    list_display = ["name_vi", "position_vi", "email", "valid_from", "valid_to"]
    list_filter = ["agency"]
    search_fields = ["name_vi", "name_en", "email"]


class MandateViewSet(SnippetViewSet):
    model = Mandate
    icon = "doc-full"
    menu_label = _("Mandates")
    list_display = ["agency", "instrument", "valid_from", "valid_to"]


class MandateItemViewSet(SnippetViewSet):
    model = MandateItem
    icon = "list-ol"
    menu_label = _("Tasks and powers")
    list_display = ["__str__", "text_vi", "mandate"]
    list_filter = ["mandate", "kind"]
    search_fields = ["text_vi", "text_en"]
    ordering = ["mandate", "kind", "number"]
    list_per_page = 50


class LegalInstrumentViewSet(SnippetViewSet):
    model = LegalInstrument
    icon = "doc-full-inverse"
    menu_label = _("Legal instruments")
    list_display = ["__str__", "issued_on", "issuer_vi", "verified"]
    list_filter = ["kind", "verified"]
    search_fields = ["number", "title_vi", "title_en"]


class ActivityFieldViewSet(SnippetViewSet):
    model = ActivityField
    icon = "tag"
    menu_label = _("Fields of activity")
    list_display = ["name_vi", "name_en", "code"]


class OrganizationViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "site"
    menu_order = 300
    items = (
        AgencyViewSet,
        UnitViewSet,
        OfficialViewSet,
        MandateViewSet,
        MandateItemViewSet,
        LegalInstrumentViewSet,
        ActivityFieldViewSet,
    )
