"""Back office: the working-day calendar's overrides (yearly swaps) as a Wagtail snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HolidayOverride


class HolidayOverrideViewSet(SnippetViewSet):
    model = HolidayOverride
    icon = "date"
    menu_label = _("Working-day calendar")
    menu_order = 350
    add_to_admin_menu = True
    list_display = ["date", "kind", "reason_vi", "verified"]
    list_filter = ["kind", "verified"]
    search_fields = ["reason_vi", "reason_en", "instrument_text"]
    ordering = ["-date"]
    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("reason_vi"), FieldPanel("reason_en")], heading=_("Reason")),
        FieldPanel("instrument"),
        FieldPanel("instrument_text"),
        FieldPanel("verified"),
    ]
