"""Background work after a dossier moves (Django's tasks API; STYLE.md: side effects
after commit). `services._after_commit` enqueues `dossier_event_effects` from
`transaction.on_commit`, so nothing is rendered or sent for a move that rolled back."""

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


@task()
def dossier_event_effects(event_id: int) -> None:
    """Render the paper the event issued (if not yet rendered), then email the applicant
    about the event (if it is one they are told about and they gave an address).
    Idempotent for the paper; each call sends the email once."""
    from . import emails, papers
    from .models import DossierEvent

    event = (
        DossierEvent.objects.select_related(
            "dossier__procedure_version__procedure", "dossier__procedure_version__agency"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        logger.warning("dossier event %s is gone; nothing to do", event_id)
        return
    paper = getattr(event, "paper", None)
    if paper is not None and not paper.file:
        papers.paper_render(paper)
    emails.event_email_send(event)
