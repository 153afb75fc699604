"""The licences in the Wagtail admin: URLs, the "Giấy phép" menu and the licence types
(Settings → Licence types, a snippet view set)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views_admin
from .models import LicenceType

admin_urlpatterns = [
    path("", views_admin.LicenceListView.as_view(), name="list"),
    path("register/", views_admin.RegisterView.as_view(), name="register"),
    path("import/", views_admin.ImportView.as_view(), name="import"),
    path("issue/", views_admin.IssueListView.as_view(), name="issue_list"),
    path("issue/<int:pk>/", views_admin.IssueView.as_view(), name="issue"),
    path("<int:pk>/", views_admin.LicenceDetailView.as_view(), name="detail"),
    path("<int:pk>/action/<str:action>/", views_admin.LicenceDetailView.as_view(), name="action"),
    path("<int:pk>/edit/", views_admin.LicenceEditView.as_view(), name="edit"),
    path("<int:pk>/file/", views_admin.licence_file, name="file"),
]


@hooks.register("register_admin_urls")
def licensing_admin_urls():
    return [
        path(
            "licences/",
            include((admin_urlpatterns, "licensing_admin"), namespace="licensing_admin"),
        )
    ]


class LinkItem(MenuItem):
    def __init__(self, label, url_name: str, permission: str, *, icon_name: str, order: int):
        self.url_name = url_name
        self.permission = permission
        super().__init__(label, url="", icon_name=icon_name, order=order)

    def is_shown(self, request):
        return request.user.has_perm(views_admin.VIEW_PERMISSION) and request.user.has_perm(
            self.permission
        )

    def get_context(self, request):
        self.url = reverse(self.url_name)
        return super().get_context(request)

    def render_component(self, request):
        from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

        return LinkMenuItemComponent(
            self.name, self.label, reverse(self.url_name), icon_name=self.icon_name
        )


class LicensingMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views_admin.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def licensing_menu():
    view = views_admin.VIEW_PERMISSION
    items = [
        LinkItem(_("All licences"), "licensing_admin:list", view, icon_name="list-ul", order=10),
        LinkItem(
            _("Issue licences"),
            "licensing_admin:issue_list",
            "licensing.issue_licence",
            icon_name="doc-full-inverse",
            order=20,
        ),
        LinkItem(
            _("Register a licence issued before"),
            "licensing_admin:register",
            "licensing.register_licence",
            icon_name="plus",
            order=30,
        ),
        LinkItem(
            _("Import from a spreadsheet"),
            "licensing_admin:import",
            "licensing.import_licences",
            icon_name="upload",
            order=40,
        ),
    ]
    return LicensingMenuItem(
        _("Licences"), Menu(items=items), icon_name="doc-full-inverse", order=320
    )


class LicenceTypeViewSet(SnippetViewSet):
    model = LicenceType
    icon = "doc-full"
    menu_label = _("Licence types")
    add_to_settings_menu = True
    list_display = [
        "name_vi",
        "code",
        "number_pattern",
        "validity_months",
        "valid_from",
        "valid_to",
    ]
    panels = [
        FieldPanel("code"),
        FieldPanel("name_vi"),
        FieldPanel("name_en"),
        FieldPanel("title_vi"),
        FieldPanel("number_pattern"),
        FieldPanel("validity_months"),
        FieldPanel("fields"),
        FieldPanel("procedures"),
        FieldPanel("legal_basis_vi"),
        FieldPanel("valid_from"),
        FieldPanel("valid_to"),
        FieldPanel("sort_order"),
    ]


register_snippet(LicenceTypeViewSet)
