"""Reads of dossiers: the back office's queues (a fixed number of queries, whatever their
length), a dossier with everything its page shows, the actions a user may take now, the
public look-up and the plain-words status of the tracking page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from congso.core.calendar import WorkingCalendar
from congso.core.dates import long_date, short_date
from congso.core.i18n import current_language
from congso.procedures.models import ApplicationField, RequiredDocument

from . import conf, deadlines, tracking, workflow
from .choices import CLOCK_RUNNING, OPEN, Action, Status
from .models import Dossier, DossierDocument, DossierEvent, IssuedDocument, UnitMembership

# --- Back office queues -----------------------------------------------------------------------

QUEUES: dict[str, object] = {
    "mine": _("My dossiers"),
    "unit": _("My unit's dossiers"),
    "due_soon": _("Due within 2 working days"),
    "overdue": _("Overdue"),
    "intake": _("Waiting to be received"),
    "approval": _("Awaiting approval"),
    "results": _("Results to hand over"),
    "all": _("All dossiers"),
}
# The order of the "Một cửa" menu and overview.
QUEUE_ORDER = ("mine", "unit", "due_soon", "overdue", "intake", "approval", "results", "all")


def _queue_q(queue: str, *, user, now, threshold, unit_ids) -> Q:
    if queue == "mine":
        return Q(assigned_officer=user, status__in=OPEN)
    if queue == "unit":
        return Q(assigned_unit__in=unit_ids, status__in=OPEN)
    if queue == "due_soon":
        return Q(status__in=CLOCK_RUNNING, due_at__gte=now, due_at__lte=threshold)
    if queue == "overdue":
        return Q(status__in=CLOCK_RUNNING, due_at__lt=now)
    if queue == "intake":
        return Q(status=Status.SUBMITTED)
    if queue == "approval":
        return Q(status=Status.AWAITING_APPROVAL)
    if queue == "results":
        return Q(status__in=(Status.APPROVED, Status.RESULT_ISSUED, Status.REJECTED))
    if queue == "all":
        return Q()
    raise KeyError(queue)


@dataclass
class QueueContext:
    """What every queue needs to know about the moment and the user (one query for the
    calendar, one for the user's units)."""

    user: object
    now: datetime.datetime
    calendar: WorkingCalendar
    threshold: datetime.datetime
    unit_ids: list[int] = field(default_factory=list)

    @classmethod
    def load(cls, user, *, now: datetime.datetime | None = None) -> QueueContext:
        now = now or timezone.now()
        cal = WorkingCalendar.load()
        units = list(UnitMembership.objects.filter(user=user).values_list("unit_id", flat=True))
        return cls(
            user=user,
            now=now,
            calendar=cal,
            threshold=deadlines.due_soon_threshold(now, cal=cal),
            unit_ids=units,
        )

    def q(self, queue: str) -> Q:
        return _queue_q(
            queue, user=self.user, now=self.now, threshold=self.threshold, unit_ids=self.unit_ids
        )


def queue_counts(context: QueueContext) -> dict[str, int]:
    """How many dossiers each queue holds (one query)."""
    return Dossier.objects.aggregate(
        **{name: Count("pk", filter=context.q(name)) for name in QUEUE_ORDER}
    )


def dossiers_in_queue(
    context: QueueContext,
    queue: str,
    *,
    procedure: str | None = None,
    status: str | None = None,
    channel: str | None = None,
    received_from: datetime.date | None = None,
    received_to: datetime.date | None = None,
) -> QuerySet[Dossier]:
    """The dossiers of one queue with the filters given (procedure code, status, channel,
    received — or, before receipt, submitted — between two dates), most urgent first,
    with their procedure version, unit and officer loaded (one query per page)."""
    rows = Dossier.objects.filter(context.q(queue)).annotate(
        received_or_submitted=Coalesce("received_at", "submitted_at")
    )
    if procedure:
        rows = rows.filter(procedure_version__procedure__code=procedure)
    if status:
        rows = rows.filter(status=status)
    if channel:
        rows = rows.filter(channel=channel)
    if received_from:
        rows = rows.filter(received_or_submitted__date__gte=received_from)
    if received_to:
        rows = rows.filter(received_or_submitted__date__lte=received_to)
    if queue in ("due_soon", "overdue", "mine", "unit"):
        order = [Coalesce("due_at", "submitted_at").asc(), "pk"]
    else:
        order = ["-submitted_at", "-pk"]
    return rows.select_related(
        "procedure_version__procedure", "assigned_unit", "assigned_officer"
    ).order_by(*order)


def due_summary(dossier: Dossier, context: QueueContext) -> dict:
    """For a list row or a dossier page: working days left (negative when late), the words
    ("còn 4 ngày làm việc", "quá hạn 2 ngày làm việc"), whether it is due soon or overdue,
    and whether it still needs an apology letter (due within 2 working days, or past
    due, and none sent yet)."""
    if dossier.due_at is None or not dossier.clock_running:
        return {
            "days_left": None,
            "text": "",
            "due_soon": False,
            "overdue": False,
            "needs_apology": False,
        }
    left = deadlines.working_days_left(dossier.due_at, context.now, cal=context.calendar)
    overdue = context.now > dossier.due_at
    due_soon = not overdue and dossier.due_at <= context.threshold
    return {
        "days_left": left,
        "text": days_left_text(left),
        "due_soon": due_soon,
        "overdue": overdue,
        "needs_apology": (due_soon or overdue) and dossier.last_apology_at is None,
    }


def days_left_text(left: int | None) -> str:
    if left is None:
        return ""
    if left < 0:
        return ngettext("%(count)d working day late", "%(count)d working days late", -left) % {
            "count": -left
        }
    if left == 0:
        return gettext("due now")
    return ngettext("%(count)d working day left", "%(count)d working days left", left) % {
        "count": left
    }


def dossier_detail(pk: int) -> Dossier | None:
    """A dossier with everything its back-office page shows: version (documents and
    questions), unit, officer, documents, events with their actors, papers."""
    return (
        Dossier.objects.select_related(
            "procedure_version__procedure",
            "procedure_version__agency",
            "assigned_unit",
            "assigned_officer",
        )
        .prefetch_related(
            Prefetch(
                "procedure_version__documents",
                queryset=RequiredDocument.objects.order_by("sort_order"),
            ),
            Prefetch(
                "procedure_version__application_fields",
                queryset=ApplicationField.objects.order_by("sort_order"),
            ),
            Prefetch(
                "documents",
                queryset=DossierDocument.objects.select_related("required_document").order_by(
                    "supplement_round", "id"
                ),
            ),
            Prefetch("events", queryset=DossierEvent.objects.order_by("created_at", "id")),
            Prefetch("papers", queryset=IssuedDocument.objects.order_by("created_at", "id")),
        )
        .filter(pk=pk)
        .first()
    )


def dossier_detail_public(code: str) -> Dossier | None:
    """A dossier by its code with what the tracking page shows: version (documents),
    events, papers."""
    return (
        Dossier.objects.select_related("procedure_version__procedure", "procedure_version__agency")
        .prefetch_related(
            Prefetch(
                "procedure_version__documents",
                queryset=RequiredDocument.objects.order_by("sort_order"),
            ),
            Prefetch("events", queryset=DossierEvent.objects.order_by("created_at", "id")),
            Prefetch("papers", queryset=IssuedDocument.objects.order_by("created_at", "id")),
        )
        .filter(code=code)
        .first()
    )


def available_actions(dossier: Dossier, user) -> list[str]:
    """The moves `user` may make on `dossier` now: those of the table from its status for
    which the user holds the permission and, for the handling officer's moves, handles
    the dossier (services.may_handle). The back office shows only these."""
    from .services import is_head_of, may_handle

    actions = []
    for action in workflow.actions_from(dossier.status):
        _target, permission = workflow.TRANSITIONS[(dossier.status, action)]
        if not user.has_perm(permission):
            continue
        at_receipt = action == Action.REQUEST_SUPPLEMENT and dossier.status == Status.SUBMITTED
        if action in workflow.ASSIGNEE_ACTIONS and not at_receipt and not may_handle(dossier, user):
            continue
        if action == Action.ASSIGN_OFFICER and not (
            user.is_superuser or is_head_of(user, dossier.assigned_unit)
        ):
            continue
        actions.append(action)
    return actions


def unit_officers(unit) -> QuerySet:
    """The staff members of a unit (for the assignment forms)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(unit_memberships__unit=unit, is_active=True)
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


# --- Public side ------------------------------------------------------------------------


def dossier_lookup(code: str, candidate: str) -> Dossier | None:
    """The dossier with this code when `candidate` is its tracking secret or its
    applicant's ID number / tax code; None otherwise — the same answer, after the same
    work, for an unknown code and for a wrong secret (tracking.py)."""
    dossier = Dossier.objects.filter(code=(code or "").strip().upper()).first()
    if dossier is None:
        tracking.dummy_check(candidate)
        return None
    if tracking.proves(
        candidate, stored_hash=dossier.tracking_secret_hash, identifier=dossier.applicant_identifier
    ):
        return dossier
    return None


def tracking_path(*, language: str | None = None, code: str = "") -> str:
    """The public tracking page's path in `language`, with the code filled in."""
    with translation.override(language or current_language()):
        path = reverse("dossiers:track")
    return path + (f"?code={code}" if code else "")


def tracking_url(
    dossier: Dossier | None = None, *, language: str | None = None, code: str = ""
) -> str:
    """The tracking page's absolute address with the code filled in: what emails link to
    and what the QR code on every paper opens (never with the secret)."""
    code = code or (dossier.code if dossier else "")
    return f"{conf.base_url()}{tracking_path(language=language, code=code)}"


def public_events(dossier: Dossier) -> list[DossierEvent]:
    """The events the tracking page shows, each with `public_note` (the note where it is
    meant for the applicant — reasons, what is missing — else ""); never staff names."""
    events = []
    for event in dossier.events.all():
        if not event.public:
            continue
        effects = workflow.EFFECTS.get(event.action, workflow.Effects())
        event.public_note = event.note if effects.note_public else ""
        events.append(event)
    return events


def _document_names(dossier: Dossier, keys: list[str]) -> list[str]:
    names = {doc.key: doc.name for doc in dossier.procedure_version.documents.all()}
    return [names.get(key, key) for key in keys]


def public_status(dossier: Dossier, *, now: datetime.datetime | None = None) -> dict:
    """The status in plain words for the applicant (UX.md: "Đang xử lý — còn 4 ngày làm
    việc", "Cần bổ sung: …"): `headline`, `tone` (ok / action / done / ended, drawn with
    words and colour), `next` (what happens next or what to do), `needed` (document
    names), `note` and `due_on` of an open request, `days_left`."""
    now = now or timezone.now()
    status = dossier.status
    result = {
        "headline": "",
        "tone": "ok",
        "next": "",
        "needed": [],
        "note": "",
        "due_on": None,
        "days_left": None,
    }
    if status == Status.SUBMITTED:
        result["headline"] = gettext("Submitted, waiting to be received")
        result["next"] = gettext(
            "The one-stop desk checks that your application is complete. Once it is "
            "received you get the receipt and appointment slip with your due date."
        )
    elif status in CLOCK_RUNNING and dossier.due_at:
        left = deadlines.working_days_left(dossier.due_at, now)
        result["days_left"] = left
        result["headline"] = gettext("Being processed — %(left)s") % {"left": days_left_text(left)}
        result["next"] = gettext("Your result is due on %(date)s.") % {
            "date": long_date(dossier.promised_at, current_language())
        }
        if left < 0:
            result["tone"] = "action"
    elif status == Status.SUPPLEMENT_REQUESTED:
        request = dossier.supplement_request or {}
        names = _document_names(dossier, request.get("documents") or [])
        result["needed"] = names
        result["note"] = request.get("note", "")
        due_on = request.get("due_on")
        result["due_on"] = datetime.date.fromisoformat(due_on) if due_on else None
        result["tone"] = "action"
        result["headline"] = (
            gettext("More documents needed: %(documents)s") % {"documents": "; ".join(names)}
            if names
            else gettext("More documents needed")
        )
        if result["due_on"]:
            result["next"] = gettext(
                "Upload them by %(date)s. The time limit is paused until then."
            ) % {"date": short_date(result["due_on"])}
        else:
            result["next"] = gettext("Upload them below. The time limit is paused until then.")
    elif status == Status.REFUSED:
        result["headline"] = gettext("Not accepted")
        result["tone"] = "ended"
        result["next"] = gettext("The refusal notice gives the reasons.")
    elif status == Status.REJECTED:
        result["headline"] = gettext("Decided: not approved")
        result["tone"] = "ended"
        result["next"] = gettext(
            "The reasons are below. Collect the decision at the one-stop desk."
        )
    elif status == Status.RESULT_ISSUED:
        result["headline"] = gettext("Result issued")
        result["tone"] = "done"
        result["next"] = gettext("Your result is ready at the one-stop desk.")
    elif status == Status.RETURNED:
        result["headline"] = gettext("Result handed over")
        result["tone"] = "done"
    elif status == Status.WITHDRAWN:
        result["headline"] = gettext("Withdrawn")
        result["tone"] = "ended"
    else:
        result["headline"] = dossier.get_status_display()
    return result


def expected_due_at(version, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """The due date a dossier would have if the one-stop desk received it at `now`: shown
    on the confirmation page as expected only (the real one counts from receipt)."""
    return deadlines.due_at_for(now or timezone.now(), version.time_limit, version.time_limit_unit)
