from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_views
from .viewsets import NewsroomViewSetGroup

register_snippet(NewsroomViewSetGroup)


@hooks.register("register_admin_urls")
def newsroom_admin_urls():
    return [
        path(
            "newsroom/pages/<int:page_id>/permissions/",
            admin_views.PagePermissionsView.as_view(),
            name="newsroom_page_permissions",
        )
    ]


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
