"""The one-stop desk in the Wagtail admin (menu "Một cửa"), in Vietnamese.

- Queues: "Hồ sơ của tôi", "Hồ sơ của đơn vị", "Sắp đến hạn" (due within 2 working
  days), "Quá hạn", "Chờ tiếp nhận", "Chờ phê duyệt", "Chờ trả kết quả", "Tất cả hồ sơ",
  each with its count, filters and pages of 25 (a fixed number of queries per page).
- A dossier's page: applicant, answers, documents with inline preview, papers, timeline,
  working days left, and only the moves this user may make now, each a POST form saying
  what will happen and carrying the version the user saw (a second officer acting on an
  old page is told who changed it and when).
- Desk intake of a paper or postal dossier, received at once (Form 01), with the
  applicant's copy of the slip (the secret printed) available while the secret is known.

Every view needs `dossiers.view_dossier`; each move checks its own permission in the
service. Files are served only here (and on the applicant's tracking page), never by URL.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from congso.core.dates import long_date
from congso.core.errors import ApplicationError
from congso.procedures import selectors as procedure_selectors
from congso.procedures.models import Procedure

from . import files, papers, selectors, services, tracking, workflow
from .choices import Action, IssuedDocumentKind
from .exceptions import DossierChanged
from .forms import AnswersForm, ApplicantForm, StaffChannelForm
from .forms_admin import DeskDocumentsForm, QueueFilterForm, move_form
from .models import Dossier, IssuedDocument

PAGE_SIZE = 25
VIEW_PERMISSION = "dossiers.view_dossier"


def _require_view(user) -> None:
    if not user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied


class DossierAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "folder-open-inverse"

    def dispatch(self, request, *args, **kwargs):
        _require_view(request.user)
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("dossiers_admin:overview"), "label": gettext("One-stop desk")},
            *self.extra_breadcrumbs(),
        ]

    def extra_breadcrumbs(self):
        return []


class OverviewView(DossierAdminMixin, TemplateView):
    """ "Một cửa": every queue with its count."""

    template_name = "dossiers/admin/overview.html"
    page_title = _("One-stop desk")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": gettext("One-stop desk")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue_context = selectors.QueueContext.load(self.request.user)
        counts = selectors.queue_counts(queue_context)
        context["queues"] = [
            {
                "name": name,
                "label": selectors.QUEUES[name],
                "count": counts[name],
                "url": reverse("dossiers_admin:queue", args=[name]),
            }
            for name in selectors.QUEUE_ORDER
        ]
        context["can_register"] = self.request.user.has_perm("dossiers.register_dossier")
        context["register_url"] = reverse("dossiers_admin:register")
        return context


class QueueView(DossierAdminMixin, TemplateView):
    """One queue: filters, count, a page of dossiers with their due dates."""

    template_name = "dossiers/admin/queue.html"

    def setup(self, request, *args, queue: str, **kwargs):
        super().setup(request, *args, **kwargs)
        if queue not in selectors.QUEUES:
            raise Http404
        self.queue = queue

    def get_page_title(self):
        return str(selectors.QUEUES[self.queue])

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue_context = selectors.QueueContext.load(self.request.user)
        form = QueueFilterForm(self.request.GET or None)
        filters = form.filters() if form.is_bound else {}
        rows = selectors.dossiers_in_queue(queue_context, self.queue, **filters)
        paginator = Paginator(rows, PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("p"))
        items = [
            {
                "dossier": dossier,
                "due": selectors.due_summary(dossier, queue_context),
                "url": reverse("dossiers_admin:dossier", args=[dossier.pk]),
            }
            for dossier in page
        ]
        query = self.request.GET.copy()
        query.pop("p", None)
        counts = selectors.queue_counts(queue_context)
        context.update(
            queue=self.queue,
            form=form,
            items=items,
            page_obj=page,
            paginator=paginator,
            query_string=query.urlencode(),
            queues=[(name, selectors.QUEUES[name], counts[name]) for name in selectors.QUEUE_ORDER],
        )
        return context


class DossierView(DossierAdminMixin, TemplateView):
    """A dossier's page (GET), and the moves posted from it (POST …/action/<action>/)."""

    template_name = "dossiers/admin/dossier.html"

    def setup(self, request, *args, pk: int, action: str | None = None, **kwargs):
        super().setup(request, *args, **kwargs)
        self.dossier = selectors.dossier_detail(pk)
        if self.dossier is None:
            raise Http404
        self.action = action
        self.bound_form = None

    def get_page_title(self):
        return gettext("Dossier %(code)s") % {"code": self.dossier.code}

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.dossier.code}]

    def post(self, request, *args, **kwargs):
        action = self.action
        if action not in services.SERVICES:
            raise Http404
        form = move_form(
            action, dossier=self.dossier, user=request.user, data=request.POST, files=request.FILES
        )
        if form.is_valid():
            try:
                services.SERVICES[action](
                    dossier=self.dossier, actor=request.user, **form.service_kwargs()
                )
            except DossierChanged as error:
                messages.error(request, str(error))
                return HttpResponseRedirect(
                    reverse("dossiers_admin:dossier", args=[self.dossier.pk])
                )
            except PermissionDenied:
                raise
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    name = field if field in form.fields else None
                    if field in ("reasons", "reason"):
                        name = "note"
                    for message in errors:
                        form.add_error(name, message)
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                label = workflow.CONFIRMATIONS.get(action, (Action(action).label,))[0]
                messages.success(request, gettext("Done: %(action)s.") % {"action": label})
                return HttpResponseRedirect(
                    reverse("dossiers_admin:dossier", args=[self.dossier.pk])
                )
        self.bound_form = form
        response = self.render_to_response(self.get_context_data())
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = self.dossier
        user = self.request.user
        queue_context = selectors.QueueContext.load(user)
        actions = []
        for action in selectors.available_actions(dossier, user):
            label, explanation = workflow.CONFIRMATIONS.get(action, (Action(action).label, ""))
            if self.bound_form is not None and self.action == action:
                form = self.bound_form
            else:
                form = move_form(action, dossier=dossier, user=user)
            actions.append(
                {
                    "action": action,
                    "label": label,
                    "explanation": explanation,
                    "form": form,
                    "open": form.is_bound,
                    "url": reverse("dossiers_admin:move", args=[dossier.pk, action]),
                }
            )
        version = dossier.procedure_version
        documents = [
            {
                "document": document,
                "url": reverse("dossiers_admin:document", args=[dossier.pk, document.pk])
                if document.file
                else "",
                "size": files.human_size(document.size) if document.size else "",
            }
            for document in dossier.documents.all()
        ]
        context.update(
            dossier=dossier,
            version=version,
            due=selectors.due_summary(dossier, queue_context),
            due_text=long_date(dossier.due_at, "vi") if dossier.due_at else "",
            new_due_text=long_date(dossier.new_due_at, "vi") if dossier.new_due_at else "",
            answers=_answers(version, dossier.answers),
            documents=documents,
            papers=[
                {
                    "paper": paper,
                    "url": reverse("dossiers_admin:paper", args=[dossier.pk, paper.pk])
                    if paper.file
                    else "",
                }
                for paper in dossier.papers.all()
            ],
            events=list(dossier.events.all()),
            actions=actions,
            can_print_slip=user.has_perm("dossiers.receive_dossier")
            and any(p.kind == IssuedDocumentKind.FORM01 for p in dossier.papers.all()),
            reissue_url=reverse("dossiers_admin:reissue_secret", args=[dossier.pk]),
        )
        return context


def _answers(version, answers):
    from .forms import answers_display

    return [(label, value) for _key, label, value in answers_display(version, answers)]


def _file_response(field_file, *, content_type: str, filename: str, inline: bool) -> FileResponse:
    response = FileResponse(
        field_file.open("rb"),
        content_type=content_type,
        as_attachment=not inline,
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


@xframe_options_sameorigin
def document_file(request, pk: int, document_pk: int):
    """A document of a dossier, for staff with `view_dossier`: PDF and images inline (the
    dossier page previews them in a frame), DOCX as a download."""
    _require_view(request.user)
    dossier = get_object_or_404(Dossier, pk=pk)
    document = get_object_or_404(dossier.documents.exclude(file=""), pk=document_pk)
    return _file_response(
        document.file,
        content_type=document.content_type or "application/octet-stream",
        filename=document.original_name or document.file.name.rsplit("/", 1)[-1],
        inline=document.previewable,
    )


@xframe_options_sameorigin
def paper_file(request, pk: int, paper_pk: int):
    """An issued paper (the stored copy: the secret masked)."""
    _require_view(request.user)
    paper = get_object_or_404(IssuedDocument.objects.exclude(file=""), pk=paper_pk, dossier_id=pk)
    return _file_response(
        paper.file,
        content_type="application/pdf",
        filename=f"{paper.kind}-{paper.dossier.code}.pdf",
        inline=True,
    )


def applicant_slip(request, pk: int):
    """POST the secret (from the page that showed it): the applicant's copy of Form 01 with
    the secret printed, streamed and not kept. The secret is checked against the stored
    hash; a wrong one is refused."""
    if request.method != "POST":
        raise Http404
    if not request.user.has_perm("dossiers.receive_dossier"):
        raise PermissionDenied
    dossier = get_object_or_404(Dossier, pk=pk)
    secret = request.POST.get("secret", "")
    if not tracking.secret_matches(secret, dossier.tracking_secret_hash):
        messages.error(request, gettext("This tracking secret is no longer valid."))
        return HttpResponseRedirect(reverse("dossiers_admin:dossier", args=[pk]))
    try:
        pdf = papers.applicant_slip(dossier, secret)
    except IssuedDocument.DoesNotExist:
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="form01-{dossier.code}-nguoi-nop.pdf"'
    add_never_cache_headers(response)
    return response


class ReissueSecretView(DossierAdminMixin, TemplateView):
    """POST: a new tracking secret for the applicant (the old one stops working), shown
    once on this page with the button that prints the applicant's slip."""

    template_name = "dossiers/admin/secret.html"
    page_title = _("New tracking secret")

    def get(self, request, *args, **kwargs):
        raise Http404

    def post(self, request, pk: int):
        dossier = get_object_or_404(Dossier, pk=pk)
        try:
            dossier, secret = services.dossier_reissue_secret(
                dossier=dossier,
                actor=request.user,
                expected_version=request.POST.get("version") or None,
            )
        except DossierChanged as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("dossiers_admin:dossier", args=[pk]))
        self.dossier = dossier
        return self.render_to_response(
            self.get_context_data(dossier=dossier, secret=secret, **_slip_context(dossier))
        )

    def extra_breadcrumbs(self):
        return [
            {
                "url": reverse("dossiers_admin:dossier", args=[self.dossier.pk]),
                "label": self.dossier.code,
            },
            {"url": "", "label": gettext("New tracking secret")},
        ]


def _slip_context(dossier) -> dict:
    return {
        "slip_url": reverse("dossiers_admin:applicant_slip", args=[dossier.pk]),
        "dossier_url": reverse("dossiers_admin:dossier", args=[dossier.pk]),
        "has_slip": dossier.papers.filter(kind=IssuedDocumentKind.FORM01).exists(),
    }


class RegisterChooseView(DossierAdminMixin, TemplateView):
    """Desk intake, step 1: which procedure."""

    template_name = "dossiers/admin/register_choose.html"
    page_title = _("Register a paper dossier")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("dossiers.register_dossier"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def extra_breadcrumbs(self):
        return [{"url": "", "label": gettext("Register a paper dossier")}]

    def get(self, request, *args, **kwargs):
        code = request.GET.get("procedure")
        if code and Procedure.objects.filter(code=code).exists():
            return HttpResponseRedirect(reverse("dossiers_admin:register_form", args=[code]))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = procedure_selectors.procedures_in_force()
        return context


class RegisterView(DossierAdminMixin, TemplateView):
    """Desk intake, step 2: the same form as online (applicant, the procedure's questions),
    each document received on paper or scanned; received at once."""

    template_name = "dossiers/admin/register.html"

    def dispatch(self, request, *args, code: str, **kwargs):
        if not request.user.has_perm("dossiers.register_dossier"):
            raise PermissionDenied
        self.version = procedure_selectors.procedure_version_detail(code)
        if self.version is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return gettext("Register a paper dossier")

    def get_page_subtitle(self):
        return self.version.name_vi

    def extra_breadcrumbs(self):
        return [
            {
                "url": reverse("dossiers_admin:register"),
                "label": gettext("Register a paper dossier"),
            },
            {"url": "", "label": self.version.procedure.code},
        ]

    def forms(self, data=None, files_=None):
        return {
            "channel_form": StaffChannelForm(data, prefix="intake"),
            "applicant_form": ApplicantForm(data, prefix="applicant"),
            "answers_form": AnswersForm(data, prefix="answers", version=self.version),
            "documents_form": DeskDocumentsForm(
                data, files_, prefix="documents", version=self.version
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("forms", self.forms())
        context["version"] = self.version
        context["token"] = self.request.POST.get("token") or uuid.uuid4().hex
        return context

    def post(self, request, *args, **kwargs):
        forms = self.forms(request.POST, request.FILES)
        errors = []
        valid = all(form.is_valid() for form in forms.values())
        documents = []
        if valid:
            documents_form = forms["documents_form"]
            for slot in documents_form.slots:
                upload = documents_form.cleaned_data.get(f"scan_{slot.key}")
                on_paper = documents_form.cleaned_data.get(f"paper_{slot.key}")
                checked = None
                if upload:
                    try:
                        checked = files.check_upload(upload)
                    except ApplicationError as error:
                        documents_form.add_error(f"scan_{slot.key}", error.message)
                        valid = False
                        continue
                if checked or on_paper:
                    documents.append(
                        services.IncomingFile(
                            slot_key=slot.key, checked=checked, on_paper=bool(on_paper)
                        )
                    )
        if valid:
            applicant = forms["applicant_form"].cleaned_data
            try:
                result = services.dossier_register(
                    actor=request.user,
                    version=self.version,
                    channel=forms["channel_form"].cleaned_data["channel"],
                    language=forms["channel_form"].cleaned_data["language"],
                    applicant={name: applicant[name] for name in forms["applicant_form"].fields},
                    answers=forms["answers_form"].answers(),
                    documents=documents,
                    idempotency_key=f"desk:{request.POST.get('token', '')}"
                    if request.POST.get("token")
                    else None,
                )
            except ValidationError as error:
                errors = [
                    message for messages_ in error.message_dict.values() for message in messages_
                ]
            except ApplicationError as error:
                errors = [error.message]
            else:
                if not result.created:
                    return HttpResponseRedirect(
                        reverse("dossiers_admin:dossier", args=[result.dossier.pk])
                    )
                self.dossier = result.dossier
                return RegisteredView.as_view()(
                    request, dossier=result.dossier, secret=result.secret
                )
        response = self.render_to_response(self.get_context_data(forms=forms, errors=errors))
        response.status_code = 400
        return response


class RegisteredView(DossierAdminMixin, TemplateView):
    """After desk intake: the code and the secret, shown once, and the applicant's slip."""

    template_name = "dossiers/admin/secret.html"
    page_title = _("Dossier registered and received")

    def post(self, request, *args, dossier, secret, **kwargs):
        self.dossier = dossier
        return self.render_to_response(
            self.get_context_data(
                dossier=dossier, secret=secret, registered=True, **_slip_context(dossier)
            )
        )

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.dossier.code}]
