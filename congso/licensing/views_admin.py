"""The licences in the Wagtail admin (menu "Giấy phép"), in Vietnamese.

- List with filters (number/holder/tax code, type, status, year), 25 a page.
- A licence's page: every field, its full history (with who did what), its versions, the
  stored PDF, and only the moves this user may make now, each a form asking for the
  decision number, date and reason (refused with nothing changed otherwise).
- Correction of details, registration of a licence issued before the system, spreadsheet
  import, and issuing from approved dossiers.

Every view needs `licensing.view_licence`; each write checks its own permission in the
service (and the view hides what the user may not do).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from congso.core.errors import ApplicationError

from . import forms, imports, selectors, services, workflow
from .choices import ACTION_VERBS, LicenceAction
from .models import Licence, LicenceType

PAGE_SIZE = 25
VIEW_PERMISSION = "licensing.view_licence"


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class LicensingAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full-inverse"
    permission = VIEW_PERMISSION

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION) or not request.user.has_perm(self.permission):
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("licensing_admin:list"), "label": gettext("Licences")},
        ]


class LicenceListView(LicensingAdminMixin, TemplateView):
    template_name = "licensing/admin/list.html"
    page_title = _("Licences")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = forms.FilterForm(self.request.GET or None)
        query = selectors.LicenceQuery.from_params(self.request.GET)
        paginator = Paginator(selectors.licences_search(query), PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("p"))
        user = self.request.user
        context.update(
            form=form,
            page_obj=page,
            paginator=paginator,
            licences=list(page.object_list),
            query_string=urlencode(query.as_params()),
            can_register=user.has_perm("licensing.register_licence"),
            can_import=user.has_perm("licensing.import_licences"),
            can_issue=user.has_perm("licensing.issue_licence"),
        )
        return context


class LicenceDetailView(LicensingAdminMixin, TemplateView):
    """A licence with its history; POST to …/action/<action>/ makes a move."""

    template_name = "licensing/admin/detail.html"

    FORMS = {
        LicenceAction.SUSPENDED: forms.SuspendForm,
        LicenceAction.REINSTATED: forms.DecisionForm,
        LicenceAction.REVOKED: forms.DecisionForm,
        LicenceAction.AMENDED: forms.AmendForm,
    }
    CONFIRM = {
        LicenceAction.SUSPENDED: _(
            "The licence is suspended from the date given: the registry, the verification "
            "page and the API say so at once."
        ),
        LicenceAction.REINSTATED: _("The suspension is lifted: the licence is valid again."),
        LicenceAction.REVOKED: _(
            "The licence is revoked for good: the registry, the verification page and the API "
            "say so at once. This cannot be undone."
        ),
        LicenceAction.AMENDED: _(
            "A new licence with the next number replaces this one, which stays readable as "
            "superseded. Its certificate is issued at once."
        ),
    }

    def get_page_title(self):
        return gettext("Licence %(number)s") % {"number": self.licence.number}

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.licence = get_object_or_404(
            Licence.objects.select_related(
                "licence_type", "dossier", "supersedes", "superseded_by"
            ),
            pk=kwargs["pk"],
        )

    def _form(self, action, data=None):
        form_class = self.FORMS[action]
        prefix = action
        if action == LicenceAction.AMENDED:
            return form_class(data, licence=self.licence, prefix=prefix)
        return form_class(data, prefix=prefix)

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        actions = []
        for action in workflow.actions_for(self.licence.status, user):
            form = bound[1] if bound and bound[0] == action else self._form(action)
            actions.append(
                {
                    "action": action,
                    "label": ACTION_VERBS[action],
                    "form": form,
                    "confirm": self.CONFIRM[action],
                    "open": bool(bound and bound[0] == action),
                }
            )
        context.update(
            licence=self.licence,
            events=list(self.licence.events.select_related("actor")),
            lineage=self.licence.lineage(),
            rows=self.licence.field_rows("vi"),
            actions=actions,
            can_edit=user.has_perm("licensing.change_licence"),
            public_url=reverse("licensing:licence", args=[self.licence.year, self.licence.number]),
        )
        return context

    def post(self, request, pk, action):
        if action not in self.FORMS:
            raise Http404
        form = self._form(action, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            decision = {
                "decision_number": data["decision_number"],
                "reason": data["reason"],
            }
            moves = {
                LicenceAction.SUSPENDED: services.licence_suspend,
                LicenceAction.REINSTATED: services.licence_reinstate,
                LicenceAction.REVOKED: services.licence_revoke,
            }
            try:
                if action in moves:
                    period = (
                        {"period_from": data.get("period_from"), "period_to": data.get("period_to")}
                        if action == LicenceAction.SUSPENDED
                        else {}
                    )
                    moves[action](
                        licence=self.licence,
                        actor=request.user,
                        decision_date=data["decision_date"],
                        **period,
                        **decision,
                    )
                    target = self.licence
                else:
                    target = services.licence_amend(
                        licence=self.licence,
                        actor=request.user,
                        issued_on=data["decision_date"],
                        values=forms.type_values(form),
                        holder={
                            "holder_name": data["holder_name"],
                            "holder_address": data["holder_address"],
                        },
                        signer_name=data["signer_name"],
                        signer_position=data["signer_position"],
                        signer_authority=data["signer_authority"],
                        **decision,
                    )
            except ValidationError as exc:
                _apply_errors(form, exc)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    gettext("Licence %(number)s: %(action)s.")
                    % {
                        "number": self.licence.number,
                        "action": LicenceAction(action).label.lower(),
                    },
                )
                return HttpResponseRedirect(reverse("licensing_admin:detail", args=[target.pk]))
        response = self.render_to_response(self.get_context_data(bound=(action, form)))
        response.status_code = 400
        return response


def licence_file(request, pk: int):
    """The stored certificate PDF (staff with `licensing.view_licence`)."""
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    licence = get_object_or_404(Licence, pk=pk)
    if not licence.file:
        raise Http404
    from congso.dossiers.files import absolute_path

    path = absolute_path(licence.file.name)
    if not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        content_type="application/pdf",
        filename=f"giay-phep-{licence.year}-{licence.number.replace('/', '-')}.pdf",
    )
    add_never_cache_headers(response)
    return response


class FormView(LicensingAdminMixin, TemplateView):
    """A back-office form page: title, intro, the form, a submit button."""

    template_name = "licensing/admin/form.html"
    intro = ""
    submit_label = _("Save")
    multipart = False

    def get_form(self, data=None, files=None):
        raise NotImplementedError

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or self.get_form(),
            intro=self.intro,
            submit_label=self.submit_label,
            multipart=self.multipart,
        )
        return context

    def invalid(self, form):
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400
        return response


class LicenceEditView(FormView):
    permission = "licensing.change_licence"
    page_title = _("Correct a licence's details")
    intro = _(
        "Only details that do not change what was licensed. To change the licence's content, "
        "amend it with a decision."
    )

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.licence = get_object_or_404(Licence, pk=kwargs["pk"])

    def get_form(self, data=None, files=None):
        initial = {name: getattr(self.licence, name) for name in services.EDITABLE_FIELDS}
        return forms.EditForm(data, initial=initial)

    def post(self, request, pk):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.invalid(form)
        changes = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        try:
            services.licence_edit(
                licence=self.licence,
                actor=request.user,
                changes=changes,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
            return self.invalid(form)
        messages.success(request, gettext("The details were corrected."))
        return HttpResponseRedirect(reverse("licensing_admin:detail", args=[pk]))


class RegisterView(FormView):
    """Register a licence issued before the system: choose its type, then fill it in."""

    permission = "licensing.register_licence"
    page_title = _("Register a licence issued before the system")
    submit_label = _("Register")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        code = request.GET.get("type") or request.POST.get("type") or ""
        self.licence_type = LicenceType.objects.filter(code=code).first()

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context["types"] = list(LicenceType.objects.order_by("sort_order"))
        context["licence_type"] = self.licence_type
        context["choose_type"] = self.licence_type is None
        return context

    def get_form(self, data=None, files=None):
        if self.licence_type is None:
            return None
        return forms.RegisterForm(data, licence_type=self.licence_type)

    def post(self, request):
        if self.licence_type is None:
            raise Http404
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.invalid(form)
        data = form.cleaned_data
        try:
            licence = services.licence_register(
                actor=request.user,
                licence_type=self.licence_type,
                values=forms.type_values(form),
                **{k: v for k, v in data.items() if not k.startswith("value_")},
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
            return self.invalid(form)
        messages.success(
            request, gettext("Licence %(number)s was registered.") % {"number": licence.number}
        )
        return HttpResponseRedirect(reverse("licensing_admin:detail", args=[licence.pk]))


class ImportView(FormView):
    permission = "licensing.import_licences"
    page_title = _("Import licences from a spreadsheet")
    template_name = "licensing/admin/import.html"
    submit_label = _("Import")
    multipart = True

    def get_form(self, data=None, files=None):
        return forms.ImportForm(data, files)

    def post(self, request):
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.invalid(form)
        try:
            report = imports.licences_import(
                upload=form.cleaned_data["file"],
                actor=request.user,
                all_or_nothing=form.cleaned_data["all_or_nothing"],
            )
        except ApplicationError as exc:
            form.add_error("file", exc.message)
            return self.invalid(form)
        context = self.get_context_data(form=self.get_form())
        context["report"] = report
        response = self.render_to_response(context)
        if report.errors:
            response.status_code = 400 if not report.imported else 200
        return response


class IssueListView(LicensingAdminMixin, TemplateView):
    """Approved dossiers whose procedure results in a licence, waiting for it."""

    permission = "licensing.issue_licence"
    template_name = "licensing/admin/issue_list.html"
    page_title = _("Issue licences")

    def get_context_data(self, **kwargs):
        from congso.dossiers.choices import Status
        from congso.dossiers.models import Dossier

        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        procedures = LicenceType.objects.in_force_on(today).values_list("procedures", flat=True)
        context["dossiers"] = list(
            Dossier.objects.filter(
                status=Status.APPROVED,
                licence__isnull=True,
                procedure_version__procedure__in=[p for p in procedures if p],
            )
            .select_related("procedure_version__procedure")
            .order_by("due_at")[:200]
        )
        return context


class IssueView(FormView):
    """Issue the licence of one approved dossier (the leader signs)."""

    permission = "licensing.issue_licence"
    page_title = _("Issue a licence")
    submit_label = _("Issue and sign the licence")
    template_name = "licensing/admin/issue.html"

    def setup(self, request, *args, **kwargs):
        from congso.dossiers.models import Dossier

        super().setup(request, *args, **kwargs)
        self.dossier = get_object_or_404(
            Dossier.objects.select_related("procedure_version__procedure"), pk=kwargs["pk"]
        )
        self.licence_type = services.licence_type_for_procedure(
            self.dossier.procedure_version.procedure, on=timezone.localdate()
        )
        if self.licence_type is None:
            raise Http404

    def get_form(self, data=None, files=None):
        user = self.request.user
        initial = {
            "issued_on": timezone.localdate(),
            "signer_name": user.get_full_name(),
        }
        values = services.licence_values_from_dossier(self.dossier, self.licence_type)
        return forms.IssueForm(data, initial=initial, licence_type=self.licence_type, values=values)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(dossier=self.dossier, licence_type=self.licence_type)
        return context

    def post(self, request, pk):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.invalid(form)
        data = form.cleaned_data
        try:
            licence = services.licence_issue(
                dossier=self.dossier,
                actor=request.user,
                signer_name=data["signer_name"],
                signer_position=data["signer_position"],
                signer_authority=data["signer_authority"],
                issued_on=data["issued_on"],
                licence_type=self.licence_type,
                values=forms.type_values(form),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
            return self.invalid(form)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.invalid(form)
        messages.success(
            request, gettext("Licence %(number)s was issued.") % {"number": licence.number}
        )
        return HttpResponseRedirect(reverse("licensing_admin:detail", args=[licence.pk]))
