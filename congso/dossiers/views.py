"""The public tracking page (`/vi/tra-cuu-ho-so/`, `/en/track/`): look up a dossier with its
code and the secret from the slip (or the applicant's ID number / tax code), see its
status in plain words, supply documents the desk asked for, withdraw it.

- A wrong secret and an unknown code get exactly the same answer (same words, same
  status code, the same work done: selectors.dossier_lookup).
- Look-ups are rate-limited per client address (ratelimit.py): over the limit, 429 with a
  message saying when to try again.
- After a successful look-up the dossier is remembered in the visitor's session for a
  short while (CONGSO_TRACKING_SESSION_SECONDS, 30 minutes), so the status page, the
  upload and the papers do not ask for the secret again. None of these pages is cached.
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from congso.core.dates import long_date, short_date
from congso.core.errors import ApplicationError
from congso.core.i18n import current_language

from . import conf, files, ratelimit, selectors
from .choices import OPEN, Status
from .exceptions import DossierChanged
from .forms import TrackingForm
from .models import Dossier
from .services import OTHER_SLOT, IncomingFile, dossier_supplement, dossier_withdraw
from .views_apply import ACCEPT

SESSION_TRACKED = "dossier_tracked"


def remember(request, dossier: Dossier) -> None:
    now = time.time()
    tracked = {
        code: until
        for code, until in request.session.get(SESSION_TRACKED, {}).items()
        if until > now
    }
    tracked[dossier.code] = now + conf.tracking_memory_seconds()
    request.session[SESSION_TRACKED] = tracked


def remembered(request, code: str) -> bool:
    until = request.session.get(SESSION_TRACKED, {}).get(code)
    return bool(until and until > time.time())


def _lookup_url(code: str = "") -> str:
    return selectors.tracking_path(code=code)


def _status_url(code: str) -> str:
    return reverse("dossiers:track_status", args=[code])


def _translation_urls(name: str, *args) -> dict[str, str]:
    from django.utils import translation

    urls = {}
    for language in ("vi", "en"):
        with translation.override(language):
            urls[language] = reverse(name, args=args)
    return urls


@never_cache
def track(request):
    """The look-up form; POST looks the dossier up (rate-limited)."""
    status = 200
    limited = False
    if request.method == "POST":
        form = TrackingForm(request.POST)
        if not ratelimit.hit(request):
            limited = True
            status = 429
        elif form.is_valid():
            dossier = selectors.dossier_lookup(
                form.cleaned_data["code"], form.cleaned_data["secret"]
            )
            if dossier is not None:
                remember(request, dossier)
                return HttpResponseRedirect(_status_url(dossier.code))
            form.add_error(
                None,
                gettext(
                    "No application matches this reference number and secret. Check both "
                    "against your receipt and try again."
                ),
            )
    else:
        form = TrackingForm(initial={"code": request.GET.get("code", "")[:40]})
    errors = []
    if limited:
        minutes = max(1, round(ratelimit.retry_after() / 60))
        errors.append(
            {
                "href": "",
                "text": gettext(
                    "Too many look-ups from your connection. Please wait %(minutes)s "
                    "minute(s) and try again."
                )
                % {"minutes": minutes},
            }
        )
    elif form.is_bound:
        for field in form:
            for message in field.errors:
                errors.append({"href": f"#{field.auto_id}", "text": message})
        for message in form.non_field_errors():
            errors.append({"href": "#id_code", "text": message})
    response = render(
        request,
        "dossiers/tracking/lookup.html",
        {"form": form, "errors": errors, "translation_urls": _translation_urls("dossiers:track")},
        status=status,
    )
    if limited:
        response["Retry-After"] = str(ratelimit.retry_after())
    return response


def _dossier_or_lookup(request, code: str):
    if not remembered(request, code):
        return None
    dossier = selectors.dossier_detail_public(code)
    if dossier is None:
        raise Http404
    return dossier


def _status_page(request, dossier: Dossier, *, errors=None, status: int = 200):
    language = current_language()
    state = selectors.public_status(dossier)
    request_info = dossier.supplement_request or {}
    slots = {doc.key: doc for doc in dossier.procedure_version.documents.all()}
    upload_rows = []
    if dossier.status == Status.SUPPLEMENT_REQUESTED:
        keys = list(request_info.get("documents") or []) or [OTHER_SLOT]
        for key in keys:
            slot = slots.get(key)
            upload_rows.append(
                {
                    "key": key,
                    "input_id": f"supplement-{key}",
                    "name": slot.name if slot else gettext("The document asked for"),
                    "error": (errors or {}).get(key, ""),
                }
            )
    summary = [
        {"href": f"#supplement-{key}" if key != "__all__" else "", "text": message}
        for key, message in (errors or {}).items()
    ]
    events = selectors.public_events(dossier)
    return render(
        request,
        "dossiers/tracking/status.html",
        {
            "dossier": dossier,
            "state": state,
            "version": dossier.procedure_version,
            "events": events,
            "papers": [p for p in dossier.papers.all() if p.file],
            "received_on": long_date(dossier.received_at, language) if dossier.received_at else "",
            "due_on": long_date(dossier.promised_at, language) if dossier.promised_at else "",
            "upload_rows": upload_rows,
            "supplement_due_on": short_date(state["due_on"]) if state["due_on"] else "",
            "can_withdraw": dossier.status in OPEN,
            "errors": summary,
            "accept": ACCEPT,
            "max_size": files.human_size(conf.max_file_size()),
            "lookup_url": _lookup_url(),
            "translation_urls": _translation_urls("dossiers:track_status", dossier.code),
        },
        status=status,
    )


@never_cache
def track_status(request, code: str):
    """The dossier's status, timeline, papers and what is needed; only after a look-up."""
    dossier = _dossier_or_lookup(request, code)
    if dossier is None:
        return HttpResponseRedirect(_lookup_url(code))
    return _status_page(request, dossier)


@never_cache
@require_POST
def track_supplement(request, code: str):
    """The applicant uploads what the desk asked for (the same checks as the form)."""
    dossier = _dossier_or_lookup(request, code)
    if dossier is None:
        return HttpResponseRedirect(_lookup_url(code))
    if dossier.status != Status.SUPPLEMENT_REQUESTED:
        return HttpResponseRedirect(_status_url(code))
    keys = list((dossier.supplement_request or {}).get("documents") or []) or [OTHER_SLOT]
    errors: dict[str, str] = {}
    incoming = []
    for key in keys:
        upload = request.FILES.get(f"supplement-{key}")
        if upload is None:
            continue
        try:
            incoming.append(
                IncomingFile(slot_key=key, checked=files.check_upload(upload, field=key))
            )
        except ApplicationError as error:
            errors[key] = error.message
    if not errors:
        try:
            dossier_supplement(
                dossier=dossier,
                documents=incoming,
                note=request.POST.get("note", "")[:2000],
                applicant=True,
                expected_version=request.POST.get("version") or None,
            )
        except ValidationError as error:
            for key, messages_ in error.message_dict.items():
                errors[key.removeprefix("documents.").replace("documents", "__all__")] = " ".join(
                    messages_
                )
        except (DossierChanged, ApplicationError) as error:
            errors["__all__"] = str(error)
    if errors:
        dossier = selectors.dossier_detail_public(code)
        for key in list(errors):
            if key not in keys and key != "__all__":
                errors["__all__"] = errors.pop(key)
        return _status_page(request, dossier, errors=errors)
    messages.success(request, gettext("Thank you: your documents were sent. Processing continues."))
    return HttpResponseRedirect(_status_url(code))


@never_cache
@require_POST
def track_withdraw(request, code: str):
    """The applicant withdraws the dossier (they tick a box to confirm)."""
    dossier = _dossier_or_lookup(request, code)
    if dossier is None:
        return HttpResponseRedirect(_lookup_url(code))
    if request.POST.get("confirm") != "yes":
        return _status_page(
            request,
            dossier,
            errors={
                "__all__": gettext(
                    "Tick the box to confirm that you want to withdraw the application."
                )
            },
        )
    try:
        dossier_withdraw(
            dossier=dossier,
            applicant=True,
            reason=request.POST.get("reason", "")[:2000],
            expected_version=request.POST.get("version") or None,
        )
    except ApplicationError as error:
        return _status_page(
            request, selectors.dossier_detail_public(code), errors={"__all__": str(error)}
        )
    messages.success(request, gettext("Your application has been withdrawn."))
    return HttpResponseRedirect(_status_url(code))


@never_cache
def track_paper(request, code: str, pk: int):
    """An issued paper of the dossier (its stored copy, without the secret), as PDF."""
    dossier = _dossier_or_lookup(request, code)
    if dossier is None:
        return HttpResponseRedirect(_lookup_url(code))
    paper = dossier.papers.filter(pk=pk).exclude(file="").first()
    if paper is None:
        raise Http404
    response = FileResponse(
        paper.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"{paper.kind}-{dossier.code}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
