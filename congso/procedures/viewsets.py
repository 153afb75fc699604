"""Back office: the procedure catalogue as Wagtail snippets (group "Administrative
procedures" → "Thủ tục hành chính").

- Procedures: the list staff start from — code, name and field of the version in force,
  how many versions, and whether the version in force is verified (with a filter).
- Procedure versions: the editable content, with inline fees, documents, application
  fields and legal bases, and a history of revisions. "Create a new version" copies a
  version to start on a later date and ends the old one the day before. A version that a
  dossier refers to (`is_locked`) can no longer be edited or deleted.
"""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import AdminDateInput, Button
from wagtail.admin.widgets.button import MenuItem
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from congso.core.dates import short_date
from congso.organization.models import ActivityField

from . import selectors
from .models import Procedure, ProcedureVersion
from .services import (
    ProcedureVersionLocked,
    procedure_version_create_next,
    procedure_version_ensure_unlocked,
)

VERIFIED_CHOICES = [("yes", _("Verified")), ("no", _("Not yet verified"))]


def verified_label(value: bool | None) -> str:
    """The flag as words for staff lists ("Đã xác minh" / "Chưa xác minh"); empty for a
    procedure with no version in force."""
    if value is None:
        return ""
    return gettext("Verified") if value else gettext("Not yet verified")


# --- Procedures ---------------------------------------------------------------------------


class ProcedureFilterSet(WagtailFilterSet):
    verified = django_filters.ChoiceFilter(
        label=_("Version in force verified"),
        choices=VERIFIED_CHOICES,
        method="filter_verified",
        empty_label=_("All"),
    )
    field = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("procedure", "Field"),
        queryset=ActivityField.objects.all(),
        method="filter_field",
        empty_label=_("All"),
    )

    class Meta:
        model = Procedure
        fields = ["has_national_code"]

    def filter_verified(self, queryset, name, value):
        return queryset.filter(current_verified=(value == "yes"))

    def filter_field(self, queryset, name, value):
        today = timezone.localdate()
        ids = ProcedureVersion.objects.in_force_on(today).filter(field=value)
        return queryset.filter(pk__in=ids.values("procedure_id"))


class ProcedureViewSet(SnippetViewSet):
    model = Procedure
    icon = "list-ul"
    menu_label = _("Procedures")
    list_display = [
        "code",
        Column("current_name", label=_("Name (version in force)")),
        Column("current_field", label=pgettext_lazy("procedure", "Field")),
        Column(
            "current_valid_from",
            label=_("In force since"),
            accessor=lambda p: short_date(p.current_valid_from) if p.current_valid_from else "",
        ),
        Column("version_count", label=_("Versions")),
        Column(
            "current_verified",
            label=_("Verified"),
            accessor=lambda p: verified_label(p.current_verified),
        ),
    ]
    filterset_class = ProcedureFilterSet
    search_fields = ["code", "slug"]
    list_per_page = 50

    def get_queryset(self, request):
        return selectors.procedures_for_admin()


# --- Procedure versions -----------------------------------------------------------------


class NewVersionForm(forms.Form):
    valid_from = forms.DateField(
        label=_("The new version applies from"),
        widget=AdminDateInput,
        help_text=_(
            "The current version ends the day before. Then edit the new version: its "
            "agency, time limit, fees, documents…"
        ),
    )


class ProcedureVersionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("add"):
            buttons.append(
                MenuItem(
                    gettext("Create a new version"),
                    url=reverse(new_version_url_name(), args=[instance.pk]),
                    icon_name="copy",
                    priority=15,
                )
            )
        return buttons


class LockedVersionMixin:
    """Refuses to change or delete a locked version: a dossier was submitted under it."""

    def dispatch(self, request, *args, **kwargs):
        version = get_object_or_404(ProcedureVersion, pk=kwargs.get("pk"))
        try:
            procedure_version_ensure_unlocked(version)
        except ProcedureVersionLocked as exc:
            messages.error(request, str(exc))
            return redirect(reverse(new_version_url_name(), args=[version.pk]))
        return super().dispatch(request, *args, **kwargs)


class ProcedureVersionEditView(LockedVersionMixin, EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("add"):
            buttons.append(
                Button(
                    gettext("Create a new version"),
                    url=reverse(new_version_url_name(), args=[self.object.pk]),
                    icon_name="copy",
                    priority=5,
                )
            )
        return buttons


class ProcedureVersionDeleteView(LockedVersionMixin, DeleteView):
    pass


class NewVersionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """ "Create a new version" of a procedure version: asks the date it applies from,
    calls `procedure_version_create_next`, and opens the new version for editing."""

    model = ProcedureVersion
    permission_required = "add"
    form_class = NewVersionForm
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "copy"
    edit_url_name = None
    index_url_name = None

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, pk=pk, **kwargs)
        self.object = get_object_or_404(ProcedureVersion.objects.select_related("procedure"), pk=pk)

    def get_page_title(self):
        return gettext("Create a new version")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": gettext("Procedure versions")},
            {"url": "", "label": gettext("Create a new version")},
        ]

    def get_initial(self):
        start = max(timezone.localdate(), self.object.valid_from) + datetime.timedelta(days=1)
        return {"valid_from": start}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        context["submit_button_label"] = gettext("Create the new version")
        context["submit_button_active_label"] = gettext("Creating…")
        context["media"] = context["form"].media
        return context

    def form_valid(self, form):
        try:
            new = procedure_version_create_next(
                version=self.object,
                valid_from=form.cleaned_data["valid_from"],
                actor=self.request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("valid_from", message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext(
                "Version from %(date)s created; the previous version now ends on %(end)s. "
                "Edit the new version below."
            )
            % {
                "date": short_date(new.valid_from),
                "end": short_date(new.valid_from - datetime.timedelta(days=1)),
            },
        )
        return redirect(reverse(self.edit_url_name, args=[new.pk]))


def new_version_url_name() -> str:
    return ProcedureVersionViewSet.new_version_url_name


class ProcedureVersionViewSet(SnippetViewSet):
    model = ProcedureVersion
    icon = "doc-full"
    menu_label = _("Procedure versions")
    list_display = [
        "__str__",
        "field",
        "online_level",
        "valid_from",
        "valid_to",
        Column("verified", label=_("Verified"), accessor=lambda v: verified_label(v.verified)),
    ]
    list_filter = ["verified", "online_level", "field", "agency"]
    # search_text is folded: staff typing without accents find the version too.
    search_fields = ["name_vi", "name_en", "procedure__code", "search_text"]
    list_per_page = 50
    index_view_class = ProcedureVersionIndexView
    edit_view_class = ProcedureVersionEditView
    delete_view_class = ProcedureVersionDeleteView
    new_version_url_name = "wagtailsnippets_procedures_procedureversion:new_version"

    def get_queryset(self, request):
        return ProcedureVersion.objects.select_related("procedure", "field").order_by(
            "procedure__code", "-valid_from"
        )

    @property
    def new_version_view(self):
        return self.construct_view(
            NewVersionView,
            edit_url_name=self.get_url_name("edit"),
            index_url_name=self.get_url_name("list"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("new-version/<int:pk>/", self.new_version_view, name="new_version"),
        ]


class ProceduresViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Administrative procedures")
    menu_icon = "list-ul"
    menu_order = 320
    items = (ProcedureViewSet, ProcedureVersionViewSet)
