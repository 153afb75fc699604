"""Emails to the applicant, one per public-facing move (workflow.EFFECTS[…].email): in the
language the dossier was filed in, text and HTML from `dossiers/email/<action>.txt` and
`.html`, with the paper the move issued attached (its stored copy, which never carries
the tracking secret). Sent through Django's mail API by the background task."""

from __future__ import annotations

import logging

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import conf, workflow
from .choices import Action
from .models import DossierEvent

logger = logging.getLogger(__name__)

SUBJECTS = {
    Action.SUBMIT: _("We have your application %(code)s"),
    Action.RECEIVE: _("Application %(code)s received: your due date"),
    Action.REQUEST_SUPPLEMENT: _("Application %(code)s: more documents needed"),
    Action.REFUSE: _("Application %(code)s was not accepted"),
    Action.REJECT: _("Application %(code)s: decision"),
    Action.ISSUE_RESULT: _("Application %(code)s: your result is ready"),
    Action.RETURN: _("Application %(code)s: result handed over"),
    Action.WITHDRAW: _("Application %(code)s withdrawn"),
    Action.APOLOGISE: _("Application %(code)s: our apology and a new date"),
}


def event_email_context(event: DossierEvent) -> dict:
    from .selectors import public_status, tracking_url

    dossier = event.dossier
    return {
        "dossier": dossier,
        "event": event,
        "procedure_name": dossier.procedure_version.name,
        "status": public_status(dossier),
        "tracking_url": tracking_url(dossier, language=dossier.language),
        "base_url": conf.base_url(),
        "data": event.data or {},
    }


def event_email_send(event: DossierEvent) -> bool:
    """Send the email of `event` to the applicant. False (nothing sent) when the move is
    not one the applicant is told about or they gave no address."""
    effects = workflow.EFFECTS.get(event.action)
    dossier = event.dossier
    if effects is None or not effects.email or event.action not in SUBJECTS:
        return False
    if not dossier.applicant_email:
        return False
    with translation.override(dossier.language or "vi"):
        context = event_email_context(event)
        subject = str(SUBJECTS[event.action]) % {"code": dossier.code}
        text = render_to_string(f"dossiers/email/{event.action}.txt", context)
        html = render_to_string(f"dossiers/email/{event.action}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[dossier.applicant_email])
    message.attach_alternative(html, "text/html")
    paper = getattr(event, "paper", None)
    if paper is not None and paper.file:
        with paper.file.open("rb") as handle:
            message.attach(f"{paper.kind}-{dossier.code}.pdf", handle.read(), "application/pdf")
    message.send()
    return True
