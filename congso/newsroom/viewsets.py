"""Back office: article types and contributors as Wagtail snippets (Admin → Tin bài)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ArticleType, Contributor, NewsTag


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


class NewsroomViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Newsroom")
    menu_icon = "doc-full"
    menu_order = 250
    items = (ContributorViewSet, ArticleTypeViewSet, NewsTagViewSet)
