"""The one-stop desk in the Wagtail admin: its URLs, the "Một cửa" menu (each queue with
its count) and the staff-to-unit table (Settings)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views_admin
from .models import UnitMembership

admin_urlpatterns = [
    path("", views_admin.OverviewView.as_view(), name="overview"),
    path("queue/<str:queue>/", views_admin.QueueView.as_view(), name="queue"),
    path("register/", views_admin.RegisterChooseView.as_view(), name="register"),
    path("register/<str:code>/", views_admin.RegisterView.as_view(), name="register_form"),
    path("<int:pk>/", views_admin.DossierView.as_view(), name="dossier"),
    path("<int:pk>/action/<str:action>/", views_admin.DossierView.as_view(), name="move"),
    path("<int:pk>/documents/<int:document_pk>/", views_admin.document_file, name="document"),
    path("<int:pk>/papers/<int:paper_pk>/", views_admin.paper_file, name="paper"),
    path("<int:pk>/slip/", views_admin.applicant_slip, name="applicant_slip"),
    path("<int:pk>/secret/", views_admin.ReissueSecretView.as_view(), name="reissue_secret"),
]


@hooks.register("register_admin_urls")
def dossier_admin_urls():
    return [
        path(
            "dossiers/", include((admin_urlpatterns, "dossiers_admin"), namespace="dossiers_admin")
        )
    ]


def _counts(request) -> dict[str, int]:
    """The queues' counts, computed once per request for the whole menu."""
    counts = getattr(request, "_dossier_queue_counts", None)
    if counts is None:
        from . import selectors

        counts = selectors.queue_counts(selectors.QueueContext.load(request.user))
        request._dossier_queue_counts = counts
    return counts


class QueueMenuItem(MenuItem):
    """A queue in the menu, its label followed by how many dossiers it holds."""

    def __init__(self, queue: str, label, order: int):
        self.queue = queue
        super().__init__(
            label, url="", name=f"dossiers-{queue}", icon_name="folder-open-inverse", order=order
        )

    def is_shown(self, request):
        return request.user.has_perm("dossiers.view_dossier")

    def render_component(self, request):
        # A component per request (menu items are shared between requests and threads).
        count = _counts(request).get(self.queue, 0)
        return LinkMenuItemComponent(
            self.name,
            f"{gettext(str(self.label))} ({count})",
            reverse("dossiers_admin:queue", args=[self.queue]),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class LinkItem(MenuItem):
    def __init__(self, label, url_name: str, permission: str, *, icon_name: str, order: int):
        self.url_name = url_name
        self.permission = permission
        super().__init__(label, url="", icon_name=icon_name, order=order)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)

    def render_component(self, request):
        return LinkMenuItemComponent(
            self.name,
            self.label,
            reverse(self.url_name),
            icon_name=self.icon_name,
            attrs=self.attrs,
        )


class OneStopMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("dossiers.view_dossier")


@hooks.register("register_admin_menu_item")
def one_stop_menu():
    from . import selectors

    items = [
        LinkItem(
            _("Overview"),
            "dossiers_admin:overview",
            "dossiers.view_dossier",
            icon_name="home",
            order=10,
        ),
        *(
            QueueMenuItem(name, selectors.QUEUES[name], order=20 + index)
            for index, name in enumerate(selectors.QUEUE_ORDER)
        ),
        LinkItem(
            _("Register a paper dossier"),
            "dossiers_admin:register",
            "dossiers.register_dossier",
            icon_name="plus",
            order=90,
        ),
    ]
    return OneStopMenuItem(
        _("One-stop desk"), Menu(items=items), icon_name="folder-open-inverse", order=310
    )


class UnitMembershipViewSet(SnippetViewSet):
    model = UnitMembership
    icon = "group"
    menu_label = _("Staff of units")
    add_to_settings_menu = True
    list_display = ["user", "unit", "is_head"]
    list_filter = ["unit", "is_head"]


register_snippet(UnitMembershipViewSet)
