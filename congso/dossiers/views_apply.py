"""The online application form ("Nộp hồ sơ trực tuyến"), served under each procedure's page
by ProcedureIndexPage's `apply` route:

    /vi/thu-tuc-hanh-chinh/<code>/nop-ho-so/            task list (UX.md)
                                  nop-ho-so/nguoi-nop/  1. the applicant
                                  nop-ho-so/thong-tin/  2. the procedure's own questions
                                  nop-ho-so/tai-lieu/   3. the documents (uploads)
                                  nop-ho-so/kiem-tra/   check your answers, then submit
                                  nop-ho-so/da-nop/     confirmation
    /en/procedures/<code>/apply/ (applicant/, details/, documents/, check/, done/)

The draft lives in the session until submission; a visitor gets a session cookie only
once they save a first step. Uploads are checked by content at once and kept under
`drafts/<draft id>/` in the private storage; submission copies them into the dossier's
own directory before the dossier's transaction (files.py). Every answer of these pages is
personal: they are never cached (Cache-Control: private, no-store).

A one-time token in the check page's form is the dossier's idempotency key: a double
click or a resent form makes one dossier, and the second request is sent to the same
confirmation.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

from congso.core.dates import long_date
from congso.core.errors import ApplicationError
from congso.procedures import selectors as procedure_selectors
from congso.procedures.models import APPLY_SEGMENT

from . import conf, files, selectors
from .forms import AnswersForm, ApplicantForm, answers_display
from .models import Dossier
from .services import IncomingFile, dossier_submit

STEPS = {
    "applicant": {"vi": "nguoi-nop", "en": "applicant"},
    "details": {"vi": "thong-tin", "en": "details"},
    "documents": {"vi": "tai-lieu", "en": "documents"},
    "check": {"vi": "kiem-tra", "en": "check"},
    "done": {"vi": "da-nop", "en": "done"},
}
SESSION_DRAFTS = "dossier_drafts"
SESSION_SUBMITTED = "dossier_submitted"
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png"


def _step_name(slug: str) -> str | None:
    if not slug:
        return "tasks"
    for name, slugs in STEPS.items():
        if slug in slugs.values():
            return name
    return None


class Application:
    """One visitor's application to one procedure: the page, the version in force, the
    draft in the session, and the addresses of the steps."""

    def __init__(self, request, page, version):
        self.request = request
        self.page = page
        self.version = version
        self.procedure = version.procedure
        self.language = page.locale.language_code if page.locale_id else "vi"
        self.code = self.procedure.code

    # --- Addresses ---

    def base_url(self, page=None, language: str | None = None) -> str:
        page = page or self.page
        language = language or self.language
        segment = APPLY_SEGMENT.get(language, "apply")
        return f"{page.procedure_url(self.procedure, self.request)}{segment}/"

    def url(self, step: str = "tasks", *, back: str = "") -> str:
        if step == "tasks":
            url = self.base_url()
        else:
            url = f"{self.base_url()}{STEPS[step][self.language]}/"
        return f"{url}?back={back}" if back else url

    def translation_urls(self, step: str) -> dict[str, str]:
        urls = {}
        for translation in self.page.get_translations(inclusive=True).live().specific():
            language = translation.locale.language_code
            url = self.base_url(translation, language)
            if step != "tasks":
                url += f"{STEPS[step][language]}/"
            urls[language] = url
        return urls

    # --- The draft ---

    @property
    def draft(self) -> dict | None:
        draft = self.request.session.get(SESSION_DRAFTS, {}).get(self.code)
        if draft is not None and draft.get("version") != self.version.pk:
            # The procedure got a new version while the visitor was filling in: the
            # questions and documents may differ, so they start those steps again.
            draft = {
                **draft,
                "version": self.version.pk,
                "answers": None,
                "documents": {},
                "documents_done": False,
            }
        return draft

    def save(self, draft: dict) -> None:
        drafts = dict(self.request.session.get(SESSION_DRAFTS, {}))
        drafts[self.code] = draft
        self.request.session[SESSION_DRAFTS] = drafts

    def draft_or_new(self) -> dict:
        return self.draft or {
            "id": uuid.uuid4().hex,
            "version": self.version.pk,
            "applicant": None,
            "answers": None,
            "documents": {},
            "documents_done": False,
        }

    def forget(self) -> None:
        drafts = dict(self.request.session.get(SESSION_DRAFTS, {}))
        draft = drafts.pop(self.code, None)
        self.request.session[SESSION_DRAFTS] = drafts
        if draft:
            files.delete_tree(f"{files.DRAFTS_DIR}/{draft['id']}")

    # --- Progress ---

    def slots(self):
        return list(self.version.documents.all())

    def progress(self, draft: dict | None) -> dict[str, bool]:
        draft = draft or {}
        questions = list(self.version.application_fields.all())
        return {
            "applicant": bool(draft.get("applicant")),
            "details": draft.get("answers") is not None or not questions,
            "documents": bool(draft.get("documents_done")) or not self.slots(),
        }

    # --- Rendering ---

    def render(self, template: str, step: str, context: dict, *, status: int = 200):
        response = self.page.render(
            self.request,
            template=f"dossiers/apply/{template}",
            context_overrides={
                "application": self,
                "version": self.version,
                "procedure": self.procedure,
                "procedure_url": self.page.procedure_url(self.procedure, self.request),
                "catalogue_url": self.page.get_url(self.request),
                "tasks_url": self.url("tasks"),
                "translation_urls": self.translation_urls(step),
                "step": step,
                **context,
            },
        )
        response.status_code = status
        return response


def error_list(form) -> list[dict]:
    """The error summary's entries: each message with a link to its control (a radio
    group links to its first option)."""
    entries = []
    for bound in form:
        for message in bound.errors:
            anchor = bound.auto_id
            if bound.widget_type == "radioselect":
                anchor = f"{bound.auto_id}_0"
            entries.append({"href": f"#{anchor}", "text": message})
    for message in form.non_field_errors():
        entries.append({"href": "", "text": message})
    return entries


def apply(request, page, key: str, step: str):
    """Dispatch to a step; 404 for an unknown step or a procedure not in force."""
    version = procedure_selectors.procedure_version_detail(key)
    if version is None:
        raise Http404("No such procedure in force.")
    if key != version.procedure.code:
        return HttpResponsePermanentRedirect(page.apply_url(version.procedure, request))
    name = _step_name(step)
    if name is None:
        raise Http404("No such step.")
    application = Application(request, page, version)
    response = HANDLERS[name](application)
    add_never_cache_headers(response)
    return response


def _redirect_after_step(application: Application, draft: dict):
    if application.request.GET.get("back") == "check" and all(application.progress(draft).values()):
        return HttpResponseRedirect(application.url("check"))
    return HttpResponseRedirect(application.url("tasks"))


def tasks_view(application: Application):
    draft = application.draft
    progress = application.progress(draft)
    tasks = [
        {
            "number": 1,
            "title": gettext("Applicant"),
            "url": application.url("applicant"),
            "done": progress["applicant"],
        },
        {
            "number": 2,
            "title": gettext("Application details"),
            "url": application.url("details"),
            "done": progress["details"],
        },
        {
            "number": 3,
            "title": gettext("Documents"),
            "url": application.url("documents"),
            "done": progress["documents"],
        },
    ]
    return application.render(
        "tasks.html",
        "tasks",
        {
            "tasks": tasks,
            "complete": all(progress.values()),
            "check_url": application.url("check"),
            "started": draft is not None,
        },
    )


def applicant_view(application: Application):
    request = application.request
    draft = application.draft
    if request.method == "POST":
        form = ApplicantForm(request.POST)
        if form.is_valid():
            draft = application.draft_or_new()
            draft["applicant"] = {name: form.cleaned_data[name] for name in form.fields}
            application.save(draft)
            return _redirect_after_step(application, draft)
    else:
        form = ApplicantForm(initial=(draft or {}).get("applicant") or {})
    return application.render(
        "applicant.html",
        "applicant",
        {"form": form, "errors": error_list(form) if form.is_bound else []},
    )


def details_view(application: Application):
    request = application.request
    draft = application.draft
    version = application.version
    if request.method == "POST":
        form = AnswersForm(request.POST, version=version)
        if form.is_valid():
            draft = application.draft_or_new()
            draft["answers"] = form.answers()
            application.save(draft)
            return _redirect_after_step(application, draft)
    else:
        form = AnswersForm(
            initial=AnswersForm.initial_from((draft or {}).get("answers") or {}), version=version
        )
    return application.render(
        "details.html",
        "details",
        {"form": form, "errors": error_list(form) if form.is_bound else []},
    )


def _slot_rows(application: Application, draft: dict | None, errors: dict[str, str]):
    stored = (draft or {}).get("documents", {})
    rows = []
    for slot in application.slots():
        item = stored.get(slot.key)
        rows.append(
            {
                "slot": slot,
                "input_id": f"document-{slot.key}",
                "file": item,
                "size_text": files.human_size(item["size"]) if item else "",
                "error": errors.get(slot.key, ""),
            }
        )
    return rows


def documents_view(application: Application):
    request = application.request
    draft = application.draft
    errors: dict[str, str] = {}
    general: list[str] = []
    if request.method == "POST":
        draft = application.draft_or_new()
        stored = dict(draft.get("documents") or {})
        remove = request.POST.get("remove")
        if remove:
            item = stored.pop(remove, None)
            if item:
                files.delete(item["stored"])
            draft["documents"] = stored
            draft["documents_done"] = False
            application.save(draft)
            return HttpResponseRedirect(
                application.url("documents", back=request.GET.get("back", ""))
            )
        # Check every chosen file first: when any check fails, nothing of this request is
        # kept (issue 4 §3: "when any check fails nothing is saved").
        checked = {}
        for slot in application.slots():
            upload = request.FILES.get(f"document-{slot.key}")
            if upload is None:
                continue
            try:
                checked[slot.key] = files.check_upload(upload, field=slot.key)
            except ApplicationError as error:
                errors[slot.key] = error.message
        if not errors and checked:
            sizes = [item["size"] for key, item in stored.items() if key not in checked]
            try:
                files.check_total(sizes + [c.size for c in checked.values()])
            except ApplicationError as error:
                general.append(error.message)
        if not errors and not general:
            directory = f"{files.DRAFTS_DIR}/{draft['id']}"
            for key, item in checked.items():
                name = files.store(item, directory=directory)
                old = stored.get(key)
                if old:
                    files.delete(old["stored"])
                stored[key] = {
                    "stored": name,
                    "name": item.name,
                    "size": item.size,
                    "content_type": item.content_type,
                    "sha256": item.sha256,
                }
            draft["documents"] = stored
            missing = [
                slot for slot in application.slots() if slot.required and slot.key not in stored
            ]
            draft["documents_done"] = not missing
            application.save(draft)
            if not missing:
                return _redirect_after_step(application, draft)
            for slot in missing:
                errors[slot.key] = gettext("Choose the file of “%(name)s”.") % {"name": slot.name}
    summary = [{"href": f"#document-{key}", "text": message} for key, message in errors.items()]
    summary += [{"href": "", "text": message} for message in general]
    return application.render(
        "documents.html",
        "documents",
        {
            "rows": _slot_rows(application, draft, errors),
            "errors": summary,
            "accept": ACCEPT,
            "max_size": files.human_size(conf.max_file_size()),
            "max_total": files.human_size(conf.max_dossier_size()),
            "back": request.GET.get("back", ""),
        },
        status=200,
    )


def _incoming(draft: dict) -> list[IncomingFile]:
    return [
        IncomingFile(
            slot_key=key,
            stored_name=item["stored"],
            name=item["name"],
            content_type=item["content_type"],
            size=item["size"],
            sha256=item["sha256"],
        )
        for key, item in (draft.get("documents") or {}).items()
    ]


def check_view(application: Application):
    request = application.request
    draft = application.draft
    if request.method == "POST":
        token = request.POST.get("token", "")
        if not draft or token != draft.get("token"):
            # A second click or a resent form after the first went through.
            existing = (
                Dossier.objects.filter(idempotency_key=f"form:{token}").first() if token else None
            )
            if existing is not None:
                return HttpResponseRedirect(application.url("done"))
            return HttpResponseRedirect(application.url("tasks"))
        try:
            result = dossier_submit(
                version=application.version,
                applicant=draft["applicant"],
                answers=draft["answers"] or {},
                documents=_incoming(draft),
                language=application.language,
                idempotency_key=f"form:{token}",
            )
        except (ValidationError, ApplicationError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [error.message]
            return _check_page(
                application, draft, errors=[{"href": "", "text": m} for m in messages]
            )
        if result.created:
            submitted = dict(request.session.get(SESSION_SUBMITTED, {}))
            submitted[application.code] = {"dossier": result.dossier.code, "secret": result.secret}
            request.session[SESSION_SUBMITTED] = submitted
            application.forget()
        return HttpResponseRedirect(application.url("done"))
    if not draft or not all(application.progress(draft).values()):
        return HttpResponseRedirect(application.url("tasks"))
    if not draft.get("token"):
        draft["token"] = uuid.uuid4().hex
        application.save(draft)
    return _check_page(application, draft)


def _check_page(application: Application, draft: dict, *, errors=None):
    applicant = ApplicantForm(initial=draft["applicant"])
    applicant_rows = []
    data = draft["applicant"]
    kind_labels = dict(applicant.fields["applicant_kind"].choices)
    applicant_rows.append(
        (applicant.fields["applicant_kind"].label, kind_labels.get(data["applicant_kind"], ""))
    )
    applicant_rows.append((applicant.fields["applicant_name"].label, data["applicant_name"]))
    if data.get("applicant_id_number"):
        applicant_rows.append(
            (applicant.fields["applicant_id_number"].label, data["applicant_id_number"])
        )
    if data.get("applicant_tax_code"):
        applicant_rows.append(
            (applicant.fields["applicant_tax_code"].label, data["applicant_tax_code"])
        )
    applicant_rows.append((applicant.fields["applicant_address"].label, data["applicant_address"]))
    applicant_rows.append((applicant.fields["applicant_phone"].label, data["applicant_phone"]))
    if data.get("applicant_email"):
        applicant_rows.append((applicant.fields["applicant_email"].label, data["applicant_email"]))
    stored = draft.get("documents") or {}
    document_rows = [
        (
            slot.name,
            f"{stored[slot.key]['name']} ({files.human_size(stored[slot.key]['size'])})"
            if slot.key in stored
            else gettext("Not provided"),
        )
        for slot in application.slots()
    ]
    return application.render(
        "check.html",
        "check",
        {
            "applicant_rows": applicant_rows,
            "answer_rows": [
                (label, value)
                for _key, label, value in answers_display(
                    application.version, draft.get("answers") or {}
                )
            ],
            "document_rows": document_rows,
            "edit_applicant": application.url("applicant", back="check"),
            "edit_details": application.url("details", back="check"),
            "edit_documents": application.url("documents", back="check"),
            "token": draft.get("token", ""),
            "errors": errors or [],
        },
    )


def done_view(application: Application):
    request = application.request
    submitted = dict(request.session.get(SESSION_SUBMITTED, {}))
    info = submitted.get(application.code)
    if not info:
        return HttpResponseRedirect(application.url("tasks"))
    dossier = (
        Dossier.objects.select_related("procedure_version").filter(code=info["dossier"]).first()
    )
    if dossier is None:
        return HttpResponseRedirect(application.url("tasks"))
    # The secret is shown once: taken out of the session as this page is rendered.
    secret = info.pop("secret", None)
    if secret:
        submitted[application.code] = info
        request.session[SESSION_SUBMITTED] = submitted
    expected = selectors.expected_due_at(
        application.version, now=max(dossier.submitted_at, timezone.now())
    )
    return application.render(
        "done.html",
        "done",
        {
            "dossier": dossier,
            "secret": secret,
            "expected_due": long_date(expected, application.language),
            "tracking_url": selectors.tracking_path(
                language=application.language, code=dossier.code
            ),
        },
    )


HANDLERS = {
    "tasks": tasks_view,
    "applicant": applicant_view,
    "details": details_view,
    "documents": documents_view,
    "check": check_view,
    "done": done_view,
}
