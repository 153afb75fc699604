from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.models import register_snippet

from . import admin_views, royalty_views
from .viewsets import NewsroomViewSetGroup

register_snippet(NewsroomViewSetGroup)


@hooks.register("register_admin_urls")
def newsroom_admin_urls():
    return [
        path(
            "newsroom/pages/<int:page_id>/permissions/",
            admin_views.PagePermissionsView.as_view(),
            name="newsroom_page_permissions",
        ),
        path(
            "newsroom/royalties/",
            royalty_views.RoyaltySheetView.as_view(),
            name="newsroom_royalties",
        ),
        path(
            "newsroom/royalties/paid/",
            royalty_views.RoyaltyMarkPaidView.as_view(),
            name="newsroom_royalties_paid",
        ),
    ]


def _overdue_count(request) -> int:
    from .royalties import royalties_overdue_count

    return royalties_overdue_count(request)


class RoyaltySheetMenuItem(MenuItem):
    """ "Nhuận bút" in the menu, followed by the number of overdue items when there are."""

    def is_shown(self, request):
        return request.user.has_perm("newsroom.view_royalty")

    def render_component(self, request):
        # A component per request (menu items are shared between requests and threads).
        count = _overdue_count(request)
        label = gettext(str(self.label))
        if count:
            label = gettext("%(label)s (%(count)s overdue)") % {"label": label, "count": count}
        return LinkMenuItemComponent(
            self.name,
            label,
            reverse("newsroom_royalties"),
            icon_name=self.icon_name,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def royalty_menu_item():
    return RoyaltySheetMenuItem(
        _("Royalties"), url="", name="newsroom-royalties", icon_name="table", order=260
    )


class RoyaltyOverduePanel(Component):
    name = "royalties_overdue"
    order = 150

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        return render_to_string(
            "newsroom/admin/royalty_panel.html",
            {"overdue": _overdue_count(self.request), "sheet_url": reverse("newsroom_royalties")},
            request=self.request,
        )


@hooks.register("construct_homepage_panels")
def royalty_dashboard_panel(request, panels):
    if request.user.has_perm("newsroom.view_royalty"):
        panels.append(RoyaltyOverduePanel(request))


@hooks.register("before_create_page")
def only_editors_create_categories(request, parent_page, page_class):
    """Categories are the news tree's structure: only users who may change the parent
    (editors, leaders, administrators) create them. An author's "add" right on the news
    root is for news items in its categories."""
    from django.core.exceptions import PermissionDenied

    from .models import NewsCategoryPage

    if (
        issubclass(page_class, NewsCategoryPage)
        and not parent_page.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied
