"""Back office: article types and contributors as Wagtail snippets (Admin → Tin bài)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ArticleType, BaseSalary, Contributor, NewsTag, RoyaltyChange


class ArticleTypeViewSet(SnippetViewSet):
    model = ArticleType
    icon = "list-ul"
    menu_label = _("Article types")
    list_display = [
        "name_vi",
        "code",
        "min_coefficient",
        "default_coefficient",
        "max_coefficient",
        "decree_max_coefficient",
    ]
    ordering = ["sort_order", "code"]


class ContributorViewSet(SnippetViewSet):
    model = Contributor
    icon = "user"
    menu_label = _("Contributors")
    list_display = ["name", "pen_name", "email", "user", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "pen_name", "email"]


class NewsTagViewSet(SnippetViewSet):
    model = NewsTag
    icon = "tag"
    menu_label = _("News tags")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class BaseSalaryViewSet(SnippetViewSet):
    """The base salary table (LEGAL.md §3): periods never overlap (BaseSalary.clean)."""

    model = BaseSalary
    icon = "date"
    menu_label = _("Base salary")
    list_display = [
        Column("amount_text", label=_("amount (VND/month)")),
        "valid_from",
        "valid_to",
        Column("instrument_label", label=_("legal instrument")),
    ]
    ordering = ["-valid_from"]


class RoyaltyChangeViewSet(SnippetViewSet):
    """The log of changes to frozen royalties (read-only: rows are written only by
    royalties.royalty_change_coefficients)."""

    model = RoyaltyChange
    icon = "history"
    menu_label = _("Royalty changes")
    inspect_view_enabled = True
    list_display = [
        "royalty",
        Column("summary", label=_("change")),
        Column("old_amount_text", label=_("old amount (VND)")),
        Column("new_amount_text", label=_("new amount (VND)")),
        "changed_by",
        "changed_at",
        "reason",
    ]
    ordering = ["-changed_at"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Newsroom")
    menu_icon = "doc-full"
    menu_order = 250
    items = (
        ContributorViewSet,
        ArticleTypeViewSet,
        NewsTagViewSet,
        BaseSalaryViewSet,
        RoyaltyChangeViewSet,
    )
