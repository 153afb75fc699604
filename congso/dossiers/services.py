"""Writes for dossiers: submission, desk intake and every move of `workflow.TRANSITIONS`.

Each move (STYLE.md, "Where logic lives"): one transaction; the dossier row locked
(`select_for_update`); the caller's `expected_version` compared (optimistic concurrency:
`DossierChanged` names who moved it and when); the move looked up in the table
(`TransitionNotAllowed`); the permission checked (`PermissionDenied`); the change; an
event appended; the version bumped; the paper numbered; and, after commit only, the
paper rendered and the applicant emailed by a background task (`tasks.py`).

Files are written before the transaction that inserts their rows (see `files.py`): a
dossier exists whole, with its files, or not at all.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from congso.core.calendar import VN_TZ, WorkingCalendar
from congso.core.documents import Issuer
from congso.core.errors import ApplicationError, TransitionNotAllowed
from congso.core.numbering import sequence_next, sequence_next_limited

from . import deadlines, files, tracking, workflow
from .choices import Action, Channel, IssuedDocumentKind, Status
from .exceptions import DossierChanged, IdempotencyConflict
from .forms import AnswersForm, ApplicantForm
from .models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierSettings,
    IssuedDocument,
    UnitMembership,
)

# The placeholder when no unit identifier is set (Settings → one-stop desk settings).
DEFAULT_UNIT_IDENTIFIER = "000.00.00.H00"
# The symbols of the papers' numbers ("15/TNHS-STTTT"): illustrative, each agency has its
# own register of symbols.
PAPER_SYMBOLS = {
    IssuedDocumentKind.FORM01: "TNHS",
    IssuedDocumentKind.FORM02: "YCBS",
    IssuedDocumentKind.FORM03: "TCHS",
    IssuedDocumentKind.FORM04: "XLHT",
}
OTHER_SLOT = "other"


@dataclass
class IncomingFile:
    """A document handed in: a checked upload (`checked`), a file already in the private
    storage (`stored_name`, a draft upload, with its metadata), or a paper received at the
    desk (`on_paper`)."""

    slot_key: str
    checked: files.CheckedFile | None = None
    stored_name: str = ""
    name: str = ""
    content_type: str = ""
    size: int = 0
    sha256: str = ""
    on_paper: bool = False

    @property
    def file_size(self) -> int:
        return self.checked.size if self.checked else self.size


@dataclass
class SubmitResult:
    """A submitted dossier; `secret` is the plain tracking secret, present only when the
    dossier was created by this call (it is never stored)."""

    dossier: Dossier
    secret: str | None
    created: bool
    warnings: list[str] = field(default_factory=list)


# --- Helpers ------------------------------------------------------------------------------


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def actor_name(actor) -> str:
    if actor is None:
        return ""
    return actor.get_full_name() or actor.get_username()


def dossier_settings() -> DossierSettings:
    return DossierSettings.load()


def unit_identifier() -> str:
    return dossier_settings().unit_identifier or DEFAULT_UNIT_IDENTIFIER


def _issuer_for(version) -> Issuer:
    """The responsible agency's names as in force now, and the place name of its papers:
    kept on the dossier so that a later rename never rewrites them (LEGAL.md §1)."""
    place = dossier_settings().place_name_vi
    if not place:
        from wagtail.models import Site

        from congso.portal.models import PortalSettings

        site = Site.objects.filter(is_default_site=True).first()
        place = PortalSettings.for_site(site).place_name_vi if site else ""
    return Issuer.from_agency(version.agency, place=place)


def _validate(
    version, applicant: dict, answers: dict, *, strict_answers: bool
) -> tuple[dict, dict]:
    """Clean the applicant's data and the answers through the same forms as the web
    pages. Raises ValidationError({field: [messages]}); answer fields are named
    "answers.<key>"."""
    errors: dict[str, list[str]] = {}
    applicant_form = ApplicantForm(data=applicant)
    if not applicant_form.is_valid():
        for name, messages in applicant_form.errors.items():
            errors[name] = list(messages)
    data = {k: ("" if v is None else str(v)) for k, v in (answers or {}).items()}
    answers_form = AnswersForm(data=data, version=version)
    if not answers_form.is_valid():
        for name, messages in answers_form.errors.items():
            errors[f"answers.{name}"] = list(messages)
    if strict_answers:
        known = {spec.key for spec in answers_form.specs}
        for key in sorted(set(answers or {}) - known):
            errors[f"answers.{key}"] = [
                gettext("This procedure has no question “%(key)s”.") % {"key": key}
            ]
    if errors:
        raise ValidationError(errors)
    cleaned = {k: applicant_form.cleaned_data[k] for k in applicant_form.fields}
    return cleaned, answers_form.answers()


def _check_documents(version, incoming: list[IncomingFile], *, desk: bool) -> None:
    """Every required document has a file (or, at the desk, a paper); every slot is one of
    the version's; together within the per-dossier limit. Raises ValidationError keyed by
    "documents.<key>"."""
    errors: dict[str, list[str]] = {}
    slots = {doc.key: doc for doc in version.documents.all()}
    for item in incoming:
        if item.slot_key not in slots and item.slot_key != OTHER_SLOT:
            errors[f"documents.{item.slot_key}"] = [
                gettext("This procedure asks for no document “%(key)s”.") % {"key": item.slot_key}
            ]
    have = {item.slot_key for item in incoming if item.checked or item.stored_name or item.on_paper}
    for key, doc in slots.items():
        if doc.required and key not in have:
            if desk:
                message = gettext("Tick “%(name)s” as received on paper, or upload a scan.")
            else:
                message = gettext("Upload “%(name)s” (PDF, JPEG, PNG or DOCX).")
            errors[f"documents.{key}"] = [message % {"name": doc.name}]
    if errors:
        raise ValidationError(errors)
    try:
        files.check_total([item.file_size for item in incoming])
    except ApplicationError as error:
        raise ValidationError({"documents": [error.message]}) from None


def _write_files(dossier_uuid, incoming: list[IncomingFile]) -> list[tuple[IncomingFile, str]]:
    """Put every file under the dossier's directory; return (item, storage name or "")."""
    directory = files.dossier_dir(dossier_uuid)
    written = []
    for item in incoming:
        if item.checked is not None:
            written.append((item, files.store(item.checked, directory=directory)))
        elif item.stored_name:
            if not files.exists(item.stored_name):
                raise ApplicationError(
                    gettext("A file you uploaded earlier is no longer here: upload it again."),
                    field=f"documents.{item.slot_key}",
                )
            written.append((item, files.copy_into(item.stored_name, directory=directory)))
        else:
            written.append((item, ""))
    return written


def _document_rows(dossier, written, *, version, by_applicant: bool, actor, round_: int, now):
    slots = {doc.key: doc for doc in version.documents.all()}
    rows = []
    for item, name in written:
        checked = item.checked
        rows.append(
            DossierDocument(
                dossier=dossier,
                required_document=slots.get(item.slot_key),
                slot_key=item.slot_key,
                file=name,
                received_on_paper=item.on_paper and not name,
                original_name=checked.name if checked else item.name,
                content_type=checked.content_type if checked else item.content_type,
                size=checked.size if checked else item.size,
                sha256=checked.sha256 if checked else item.sha256,
                uploaded_at=now,
                uploaded_by_applicant=by_applicant,
                uploaded_by=actor,
                supplement_round=round_,
            )
        )
    DossierDocument.objects.bulk_create(rows)
    return rows


def _event(dossier, *, action, actor, from_status, to_status, note="", data=None, now=None):
    effects = workflow.EFFECTS.get(action, workflow.Effects())
    return DossierEvent.objects.create(
        dossier=dossier,
        actor=actor,
        actor_name=actor_name(actor),
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        public=effects.public,
        data=data or {},
        created_at=_now(now),
    )


def _paper(dossier, event, kind: str, now) -> IssuedDocument:
    """Number a paper inside the move's transaction (the PDF follows after commit)."""
    local = now.astimezone(VN_TZ)
    series = sequence_next(scope=f"dossier-paper:{kind}", day=datetime.date(local.year, 1, 1))
    abbreviation = dossier.procedure_version.agency.abbreviation
    symbol = PAPER_SYMBOLS[kind] + (f"-{abbreviation}" if abbreviation else "")
    return IssuedDocument.objects.create(
        dossier=dossier, event=event, kind=kind, number=f"{series}/{symbol}", created_at=now
    )


def _after_commit(event: DossierEvent) -> None:
    """Render the event's paper and email the applicant, once the transaction commits."""
    from .tasks import dossier_event_effects

    effects = workflow.EFFECTS.get(event.action, workflow.Effects())
    if effects.paper or effects.email:
        transaction.on_commit(partial(dossier_event_effects.enqueue, event.pk))


def _check_permission(actor, permission: str, *, applicant: bool, action: str) -> None:
    if applicant and action in workflow.APPLICANT_ACTIONS:
        return
    if actor is None or not actor.is_active or not actor.has_perm(permission):
        raise PermissionDenied(gettext("You do not have the right to do this."))


def is_head_of(actor, unit) -> bool:
    return (
        bool(unit) and UnitMembership.objects.filter(user=actor, unit=unit, is_head=True).exists()
    )


def is_member_of(actor, unit) -> bool:
    return bool(unit) and UnitMembership.objects.filter(user=actor, unit=unit).exists()


def may_handle(dossier, actor) -> bool:
    """Whether `actor` may make the handling officer's moves on `dossier`: its assigned
    officer, a head of its assigned unit, a member of the unit while no officer is
    assigned, or a superuser."""
    if actor is None:
        return False
    if actor.is_superuser:
        return True
    if dossier.assigned_officer_id is not None and dossier.assigned_officer_id == actor.pk:
        return True
    if dossier.assigned_unit_id is None:
        return False
    if dossier.assigned_officer_id is None and is_member_of(actor, dossier.assigned_unit):
        return True
    return is_head_of(actor, dossier.assigned_unit)


def _check_assignee(dossier, actor, action) -> None:
    if action not in workflow.ASSIGNEE_ACTIONS:
        return
    if action == Action.REQUEST_SUPPLEMENT and dossier.status == Status.SUBMITTED:
        return  # the one-stop desk asks at receipt
    if not may_handle(dossier, actor):
        officer = dossier.assigned_officer
        if officer is not None:
            message = gettext(
                "This dossier is handled by %(name)s: only they or the head of the unit "
                "can do this."
            ) % {"name": actor_name(officer)}
        else:
            message = gettext("Only an officer of the unit the dossier is assigned to can do this.")
        raise ApplicationError(message)


def _not_allowed(dossier, action) -> TransitionNotAllowed:
    verb = workflow.CONFIRMATIONS.get(action, (Action(action).label,))[0]
    return TransitionNotAllowed(
        gettext("This dossier is “%(status)s”: “%(action)s” is not possible now.")
        % {"status": dossier.get_status_display(), "action": verb}
    )


def _lock(dossier: Dossier | int) -> Dossier:
    pk = dossier.pk if isinstance(dossier, Dossier) else dossier
    # `of=("self",)`: PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins
    # (assigned unit and officer); only the dossier's row needs the lock.
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure_version__agency", "assigned_unit", "assigned_officer")
        .get(pk=pk)
    )


def _check_version(dossier: Dossier, expected_version: int | None) -> None:
    if expected_version is None or int(expected_version) == dossier.version:
        return
    last = dossier.events.order_by("-created_at", "-id").first()
    raise DossierChanged(
        by=last.actor_name if last else "", at=last.created_at if last else dossier.updated_at
    )


def _move(
    dossier: Dossier | int,
    *,
    action: str,
    actor=None,
    applicant: bool = False,
    expected_version: int | None = None,
    note: str = "",
    data: dict | None = None,
    now: datetime.datetime | None = None,
    change: Callable[[Dossier, str], None] | None = None,
) -> tuple[Dossier, DossierEvent]:
    """One move of the table, inside the caller's transaction (see the module docstring)."""
    now = _now(now)
    locked = _lock(dossier)
    _check_version(locked, expected_version)
    move = workflow.move_for(locked.status, action)
    if move is None:
        raise _not_allowed(locked, action)
    target, permission = move
    _check_permission(actor, permission, applicant=applicant, action=action)
    if not applicant:
        _check_assignee(locked, actor, action)
    from_status = locked.status
    if target == workflow.RESUME:
        target = locked.status_before_supplement or Status.SUBMITTED
    if change is not None:
        change(locked, target)
    locked.status = target
    locked.version += 1
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save()
    event = _event(
        locked,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=target,
        note=note,
        data=data,
        now=now,
    )
    kind = workflow.EFFECTS.get(action, workflow.Effects()).paper
    if kind:
        _paper(locked, event, kind, now)
    _after_commit(event)
    return locked, event


def _finish(dossier: Dossier, now) -> None:
    dossier.finished_at = now
    dossier.outcome_timing = deadlines.outcome_timing(now, dossier.due_at)


def _required_text(value: str, message: str, field_name: str = "note") -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field_name: [message]})
    return value


# --- Submission ----------------------------------------------------------------------------


def _create(
    *,
    version,
    applicant: dict,
    answers: dict,
    written,
    dossier_uuid,
    channel: str,
    language: str,
    idempotency_key: str | None,
    fingerprint: str,
    actor,
    now,
) -> tuple[Dossier, str]:
    """Insert the dossier, its documents and its first event(s); inside a transaction."""
    identifier = unit_identifier()
    local = now.astimezone(VN_TZ)
    # Circular 01/2018 Art. 19: <unit identifier>-YYMMDD-NNNN, a four-digit daily number.
    number = sequence_next_limited(
        scope=f"dossier:{identifier}",
        day=local.date(),
        limit=9999,
        message=gettext("No more dossier numbers are left for today. Please apply tomorrow."),
    )
    issuer = _issuer_for(version)
    secret = tracking.new_secret()
    dossier = Dossier(
        uuid=dossier_uuid,
        code=f"{identifier}-{local:%y%m%d}-{number:04d}",
        procedure_version=version,
        channel=channel,
        status=Status.SUBMITTED,
        language=language if language in ("vi", "en") else "vi",
        answers=answers,
        submitted_at=now,
        tracking_secret_hash=tracking.secret_hash(secret),
        issuer_name=issuer.name,
        issuer_superior=issuer.superior,
        issuer_place=issuer.place,
        idempotency_key=idempotency_key or None,
        idempotency_fingerprint=fingerprint,
        **applicant,
    )
    dossier.full_clean(validate_unique=False, validate_constraints=False)
    dossier.save()
    _document_rows(
        dossier,
        written,
        version=version,
        by_applicant=channel == Channel.ONLINE,
        actor=actor,
        round_=0,
        now=now,
    )
    first = Action.SUBMIT if channel == Channel.ONLINE else Action.REGISTER
    event = _event(
        dossier, action=first, actor=actor, from_status="", to_status=Status.SUBMITTED, now=now
    )
    _after_commit(event)
    return dossier, secret


def _replay(idempotency_key: str, fingerprint: str) -> SubmitResult | None:
    existing = Dossier.objects.filter(idempotency_key=idempotency_key).first()
    if existing is None:
        return None
    if (
        fingerprint
        and existing.idempotency_fingerprint
        and fingerprint != existing.idempotency_fingerprint
    ):
        raise IdempotencyConflict(
            gettext("This Idempotency-Key was already used for a different application.")
        )
    return SubmitResult(dossier=existing, secret=None, created=False)


def dossier_submit(
    *,
    version,
    applicant: dict,
    answers: dict,
    documents: list[IncomingFile],
    language: str = "vi",
    idempotency_key: str | None = None,
    fingerprint: str = "",
    strict_answers: bool = False,
    now: datetime.datetime | None = None,
) -> SubmitResult:
    """Submit an online application under `version` (the version in force).

    Validates the applicant, the answers (through the same forms as the web pages) and
    the documents (every required one present, each already checked by
    `files.check_upload`, together within the per-dossier limit); writes the files under
    the dossier's own directory; then, in one transaction, numbers the dossier
    (`<unit identifier>-YYMMDD-NNNN`, gap-free), inserts it with its documents and a
    "submitted" event. The due date is not set: it counts from receipt by the one-stop
    desk (`dossier_receive`).

    With an `idempotency_key` already used, returns that dossier (`created` False, no
    secret) instead of a second one; raises IdempotencyConflict when `fingerprint`
    differs from the first request's. Raises ValidationError ({field: messages}) or
    ApplicationError; on any error nothing is saved (files written are left as orphans
    for `dossiers_cleanup`).
    """
    now = _now(now)
    cleaned, clean_answers = _validate(version, applicant, answers, strict_answers=strict_answers)
    _check_documents(version, documents, desk=False)
    if idempotency_key:
        replay = _replay(idempotency_key, fingerprint)
        if replay is not None:
            return replay
    dossier_uuid = uuid.uuid4()
    written = _write_files(dossier_uuid, documents)
    try:
        with transaction.atomic():
            dossier, secret = _create(
                version=version,
                applicant=cleaned,
                answers=clean_answers,
                written=written,
                dossier_uuid=dossier_uuid,
                channel=Channel.ONLINE,
                language=language,
                idempotency_key=idempotency_key,
                fingerprint=fingerprint,
                actor=None,
                now=now,
            )
    except IntegrityError:
        # A concurrent retry with the same key committed first.
        if idempotency_key:
            replay = _replay(idempotency_key, fingerprint)
            if replay is not None:
                return replay
        raise
    return SubmitResult(dossier=dossier, secret=secret, created=True)


def dossier_register(
    *,
    actor,
    version,
    channel: str,
    applicant: dict,
    answers: dict,
    documents: list[IncomingFile],
    language: str = "vi",
    idempotency_key: str | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> SubmitResult:
    """Desk intake: a clerk registers a paper (`desk`) or postal dossier and receives it at
    once — the same validation as online, then in one transaction the dossier, its
    "registered" and "received" events, its due date and its receipt slip (Form 01,
    rendered after commit). Each required document is a scan or ticked as received on
    paper.

    Raises PermissionDenied without `dossiers.register_dossier` and
    `dossiers.receive_dossier`; ValidationError / ApplicationError as `dossier_submit`.
    """
    if not (
        actor is not None
        and actor.is_active
        and actor.has_perm("dossiers.register_dossier")
        and actor.has_perm("dossiers.receive_dossier")
    ):
        raise PermissionDenied(gettext("You do not have the right to do this."))
    if channel not in (Channel.DESK, Channel.POSTAL):
        raise ValidationError({"channel": [gettext("Choose at the desk or by post.")]})
    now = _now(now)
    cleaned, clean_answers = _validate(version, applicant, answers, strict_answers=True)
    _check_documents(version, documents, desk=True)
    if idempotency_key:
        replay = _replay(idempotency_key, "")
        if replay is not None:
            return replay
    dossier_uuid = uuid.uuid4()
    written = _write_files(dossier_uuid, documents)
    with transaction.atomic():
        dossier, secret = _create(
            version=version,
            applicant=cleaned,
            answers=clean_answers,
            written=written,
            dossier_uuid=dossier_uuid,
            channel=channel,
            language=language,
            idempotency_key=idempotency_key,
            fingerprint="",
            actor=actor,
            now=now,
        )
        dossier, _event_row = _move(
            dossier,
            action=Action.RECEIVE,
            actor=actor,
            note=note,
            now=now,
            change=partial(_start_clock, now=now),
        )
    return SubmitResult(dossier=dossier, secret=secret, created=True)


# --- Moves -------------------------------------------------------------------------------------


def _start_clock(dossier: Dossier, target: str, *, now) -> None:
    version = dossier.procedure_version
    dossier.received_at = now
    dossier.due_at = deadlines.due_at_for(now, version.time_limit, version.time_limit_unit)
    dossier.status_before_supplement = ""


@transaction.atomic
def dossier_receive(
    *, dossier, actor, expected_version: int | None = None, note: str = "", now=None
) -> Dossier:
    """The one-stop desk receives a complete dossier: the time limit starts (a dossier
    received after 15:00 or on a day off counts from the next working day), the due date
    is set from the version's time limit and unit, the receipt and appointment slip (Form
    01) is numbered and rendered after commit, and the applicant is emailed.

    Raises DossierChanged, TransitionNotAllowed (not submitted), PermissionDenied (no
    `receive_dossier`)."""
    now = _now(now)
    locked, _event_row = _move(
        dossier,
        action=Action.RECEIVE,
        actor=actor,
        expected_version=expected_version,
        note=note,
        now=now,
        change=partial(_start_clock, now=now),
    )
    return locked


@transaction.atomic
def dossier_request_supplement(
    *,
    dossier,
    actor,
    documents: list[str] | None = None,
    note: str = "",
    due_on: datetime.date | None = None,
    expected_version: int | None = None,
    now=None,
) -> Dossier:
    """Ask the applicant for more documents (Form 02): at receipt (from submitted) or
    during processing (from in review, which pauses the clock until they come).
    `documents` are keys of the version's required documents; `note` says what else is
    missing and why; `due_on` by when. At least one of documents and note.

    Raises ValidationError (nothing said to be missing; an unknown document; a past
    date), DossierChanged, TransitionNotAllowed, PermissionDenied, ApplicationError (not
    the dossier's officer)."""
    now = _now(now)
    documents = list(dict.fromkeys(documents or []))
    note = (note or "").strip()
    if not documents and not note:
        raise ValidationError(
            {
                "documents": [
                    gettext(
                        "Choose the documents that are missing, or say in the note what is needed."
                    )
                ]
            }
        )
    if due_on is not None and due_on < now.astimezone(VN_TZ).date():
        raise ValidationError({"due_on": [gettext("Choose a date from today on.")]})

    def change(locked: Dossier, target: str) -> None:
        keys = {doc.key for doc in locked.procedure_version.documents.all()}
        unknown = [key for key in documents if key not in keys]
        if unknown:
            raise ValidationError(
                {
                    "documents": [
                        gettext("This procedure has no document “%(key)s”.") % {"key": unknown[0]}
                    ]
                }
            )
        locked.status_before_supplement = locked.status
        if locked.status == Status.IN_REVIEW:
            locked.paused_at = now
        locked.supplement_round += 1
        locked.supplement_request = {
            "documents": documents,
            "note": note,
            "due_on": due_on.isoformat() if due_on else "",
            "round": locked.supplement_round,
        }

    locked, _event_row = _move(
        dossier,
        action=Action.REQUEST_SUPPLEMENT,
        actor=actor,
        expected_version=expected_version,
        note=note,
        data={"documents": documents, "due_on": due_on.isoformat() if due_on else ""},
        now=now,
        change=change,
    )
    return locked


def dossier_supplement(
    *,
    dossier,
    documents: list[IncomingFile],
    note: str = "",
    actor=None,
    applicant: bool = False,
    expected_version: int | None = None,
    now=None,
) -> Dossier:
    """The applicant supplies what was asked (uploads checked by content, as at
    submission), or the desk records documents handed in on paper (`actor` with
    `receive_dossier`). Every document the request named needs a file; a request made
    only in words needs at least one file. The dossier returns where it was (submitted, or
    in review with the clock resumed: the due date moves later by the working days
    paused).

    Files are written before the transaction; on any error nothing is recorded. Raises
    ValidationError, TransitionNotAllowed (no request open), PermissionDenied,
    DossierChanged."""
    now = _now(now)
    current = Dossier.objects.select_related("procedure_version").get(
        pk=dossier.pk if isinstance(dossier, Dossier) else dossier
    )
    if current.status != Status.SUPPLEMENT_REQUESTED:
        raise _not_allowed(current, Action.SUPPLEMENT)
    requested = list(current.supplement_request.get("documents") or [])
    have = {
        item.slot_key for item in documents if item.checked or item.stored_name or item.on_paper
    }
    if not have:
        raise ValidationError({"documents": [gettext("Upload the documents asked for.")]})
    slots = {doc.key: doc for doc in current.procedure_version.documents.all()}
    missing = [slots[key] for key in requested if key in slots and key not in have]
    if missing:
        raise ValidationError(
            {
                f"documents.{doc.key}": [
                    gettext("Upload “%(name)s” (PDF, JPEG, PNG or DOCX).") % {"name": doc.name}
                ]
                for doc in missing
            }
        )
    for item in documents:
        if item.slot_key not in slots and item.slot_key != OTHER_SLOT:
            raise ValidationError({f"documents.{item.slot_key}": [gettext("Unknown document.")]})
    existing = list(current.documents.values_list("size", flat=True))
    try:
        files.check_total(existing + [item.file_size for item in documents])
    except ApplicationError as error:
        raise ValidationError({"documents": [error.message]}) from None
    written = _write_files(current.uuid, documents)
    with transaction.atomic():
        cal = WorkingCalendar.load()

        def change(locked: Dossier, target: str) -> None:
            version = locked.procedure_version
            if locked.paused_at is not None and locked.due_at is not None:
                locked.due_at, paused = deadlines.due_at_after_pause(
                    locked.due_at, locked.paused_at, now, version.time_limit_unit, cal=cal
                )
                locked.paused_working_days += paused
            locked.paused_at = None
            locked.status_before_supplement = ""
            locked.supplement_request = {}

        round_ = current.supplement_round
        locked, _event_row = _move(
            current,
            action=Action.SUPPLEMENT,
            actor=actor,
            applicant=applicant,
            expected_version=expected_version,
            note=(note or "").strip(),
            data={"documents": sorted(have)},
            now=now,
            change=change,
        )
        _document_rows(
            locked,
            written,
            version=locked.procedure_version,
            by_applicant=applicant,
            actor=actor,
            round_=round_,
            now=now,
        )
    return locked


@transaction.atomic
def dossier_refuse(
    *, dossier, actor, reasons: str, expected_version: int | None = None, now=None
) -> Dossier:
    """Refuse a submitted dossier that cannot be accepted (Form 03, with `reasons`, which
    the applicant receives). The dossier is closed. Raises ValidationError (no reasons),
    DossierChanged, TransitionNotAllowed, PermissionDenied."""
    now = _now(now)
    reasons = _required_text(reasons, gettext("Write the reasons for the refusal."))

    def change(locked: Dossier, target: str) -> None:
        locked.finished_at = now

    locked, _event_row = _move(
        dossier,
        action=Action.REFUSE,
        actor=actor,
        expected_version=expected_version,
        note=reasons,
        now=now,
        change=change,
    )
    return locked


@transaction.atomic
def dossier_assign(
    *,
    dossier,
    actor,
    unit,
    officer=None,
    note: str = "",
    expected_version: int | None = None,
    now=None,
) -> Dossier:
    """Hand a received dossier to a unit of the responsible agency (and, optionally, one of
    its officers), or move an assigned one to another unit. Raises ValidationError (the
    unit is not the agency's; the officer is not in the unit), DossierChanged,
    TransitionNotAllowed, PermissionDenied (`assign_dossier`)."""

    def change(locked: Dossier, target: str) -> None:
        if unit is None or unit.agency_id != locked.procedure_version.agency_id:
            raise ValidationError({"unit": [gettext("Choose a unit of the responsible agency.")]})
        if officer is not None and not is_member_of(officer, unit):
            raise ValidationError({"officer": [gettext("Choose an officer of this unit.")]})
        locked.assigned_unit = unit
        locked.assigned_officer = officer

    locked, _event_row = _move(
        dossier,
        action=Action.ASSIGN,
        actor=actor,
        expected_version=expected_version,
        note=note,
        data={"unit": unit.pk if unit else None, "officer": officer.pk if officer else None},
        now=now,
        change=change,
    )
    return locked


@transaction.atomic
def dossier_assign_officer(
    *, dossier, actor, officer, note: str = "", expected_version: int | None = None, now=None
) -> Dossier:
    """A division head gives an assigned dossier to an officer of their own unit. Raises
    ValidationError (officer not in the unit), ApplicationError (the actor does not head
    the dossier's unit), DossierChanged, TransitionNotAllowed, PermissionDenied
    (`assign_officer_dossier`)."""

    def change(locked: Dossier, target: str) -> None:
        if not (actor.is_superuser or is_head_of(actor, locked.assigned_unit)):
            raise ApplicationError(
                gettext("Only the head of the unit the dossier is assigned to can do this.")
            )
        if officer is None or not is_member_of(officer, locked.assigned_unit):
            raise ValidationError({"officer": [gettext("Choose an officer of this unit.")]})
        locked.assigned_officer = officer

    locked, _event_row = _move(
        dossier,
        action=Action.ASSIGN_OFFICER,
        actor=actor,
        expected_version=expected_version,
        note=note,
        data={"officer": officer.pk if officer else None},
        now=now,
        change=change,
    )
    return locked


@transaction.atomic
def dossier_start_review(
    *, dossier, actor, note: str = "", expected_version: int | None = None, now=None
) -> Dossier:
    """The officer starts processing; with no officer assigned yet, the unit member who
    starts becomes it. Raises ApplicationError (not the dossier's officer or a head of
    its unit), DossierChanged, TransitionNotAllowed, PermissionDenied (`review_dossier`)."""

    def change(locked: Dossier, target: str) -> None:
        if locked.assigned_officer_id is None:
            locked.assigned_officer = actor

    locked, _event_row = _move(
        dossier,
        action=Action.START_REVIEW,
        actor=actor,
        expected_version=expected_version,
        note=note,
        now=now,
        change=change,
    )
    return locked


@transaction.atomic
def dossier_submit_for_approval(
    *, dossier, actor, note: str = "", expected_version: int | None = None, now=None
) -> Dossier:
    """The officer sends the dossier, with their proposal in `note`, to the leaders.
    Raises ValidationError (no proposal), ApplicationError, DossierChanged,
    TransitionNotAllowed, PermissionDenied (`review_dossier`)."""
    note = _required_text(note, gettext("Write your proposal for the leaders."))
    locked, _event_row = _move(
        dossier,
        action=Action.SUBMIT_FOR_APPROVAL,
        actor=actor,
        expected_version=expected_version,
        note=note,
        now=now,
    )
    return locked


@transaction.atomic
def dossier_approve(
    *, dossier, actor, note: str = "", expected_version: int | None = None, now=None
) -> Dossier:
    """A leader approves the officer's proposal. Raises DossierChanged,
    TransitionNotAllowed, PermissionDenied (`approve_dossier`)."""
    locked, _event_row = _move(
        dossier,
        action=Action.APPROVE,
        actor=actor,
        expected_version=expected_version,
        note=note,
        now=now,
    )
    return locked


@transaction.atomic
def dossier_reject(
    *, dossier, actor, reasons: str, expected_version: int | None = None, now=None
) -> Dossier:
    """A leader rejects the application with `reasons` (sent to the applicant); the dossier
    is finished and classed early / on time / late. Raises ValidationError (no reasons),
    DossierChanged, TransitionNotAllowed, PermissionDenied (`approve_dossier`)."""
    now = _now(now)
    reasons = _required_text(reasons, gettext("Write the reasons for the rejection."))
    locked, _event_row = _move(
        dossier,
        action=Action.REJECT,
        actor=actor,
        expected_version=expected_version,
        note=reasons,
        now=now,
        change=lambda locked, target: _finish(locked, now),
    )
    return locked


@transaction.atomic
def dossier_send_back(
    *, dossier, actor, note: str, expected_version: int | None = None, now=None
) -> Dossier:
    """A leader returns the dossier to the officer for revision, saying why. Raises
    ValidationError (no note), DossierChanged, TransitionNotAllowed, PermissionDenied."""
    note = _required_text(note, gettext("Say what should be revised."))
    locked, _event_row = _move(
        dossier,
        action=Action.SEND_BACK,
        actor=actor,
        expected_version=expected_version,
        note=note,
        now=now,
    )
    return locked


@transaction.atomic
def dossier_issue_result(
    *,
    dossier,
    actor,
    result_reference: str = "",
    note: str = "",
    expected_version: int | None = None,
    now=None,
) -> Dossier:
    """The one-stop desk issues the approved result (e.g. "Giấy phép số 12/GP-STTTT" in
    `result_reference`): the dossier is finished and classed early (a day before its due
    date or sooner), on time (on the due date) or late (after it) — against the due date,
    never the apology's new date. Raises DossierChanged, TransitionNotAllowed,
    PermissionDenied (`issue_result_dossier`)."""
    now = _now(now)

    def change(locked: Dossier, target: str) -> None:
        locked.result_reference = (result_reference or "").strip()
        _finish(locked, now)

    locked, _event_row = _move(
        dossier,
        action=Action.ISSUE_RESULT,
        actor=actor,
        expected_version=expected_version,
        note=(note or "").strip(),
        data={"result": (result_reference or "").strip()},
        now=now,
        change=change,
    )
    return locked


@transaction.atomic
def dossier_return(
    *, dossier, actor, note: str = "", expected_version: int | None = None, now=None
) -> Dossier:
    """The result (or the rejection) was handed to the applicant; the dossier is closed.
    Raises DossierChanged, TransitionNotAllowed, PermissionDenied (`return_dossier`)."""
    locked, _event_row = _move(
        dossier,
        action=Action.RETURN,
        actor=actor,
        expected_version=expected_version,
        note=note,
        now=now,
    )
    return locked


@transaction.atomic
def dossier_withdraw(
    *,
    dossier,
    actor=None,
    applicant: bool = False,
    reason: str = "",
    expected_version: int | None = None,
    now=None,
) -> Dossier:
    """Withdraw an open dossier at the applicant's request: by the applicant online
    (`applicant=True`, after proving the secret) or recorded by the desk (`actor` with
    `withdraw_dossier`). The dossier is closed, without an early/late class. Raises
    DossierChanged, TransitionNotAllowed (already finished), PermissionDenied."""
    now = _now(now)

    def change(locked: Dossier, target: str) -> None:
        locked.finished_at = now
        locked.paused_at = None

    locked, _event_row = _move(
        dossier,
        action=Action.WITHDRAW,
        actor=actor,
        applicant=applicant,
        expected_version=expected_version,
        note=(reason or "").strip(),
        now=now,
        change=change,
    )
    return locked


@transaction.atomic
def dossier_apologise(
    *,
    dossier,
    actor,
    new_due_on: datetime.date,
    reason: str,
    expected_version: int | None = None,
    now=None,
) -> Dossier:
    """Send the applicant an apology letter with a new date (Form 04; Decree 61/2018: a
    dossier about to be late needs one before its due date). Allowed before the due date
    and after it (the dossier is then already late and still owes the letter: the event
    records `late`). The new date must be a working day after today and after the date
    promised so far. The due date itself does not move: the result still counts as late
    if it comes after it.

    Raises ValidationError (no reason; the date), ApplicationError (not the dossier's
    officer), DossierChanged, TransitionNotAllowed, PermissionDenied
    (`apologise_dossier`)."""
    now = _now(now)
    reason = _required_text(reason, gettext("Write the reason for the delay."), "reason")
    cal = WorkingCalendar.load()
    today = now.astimezone(VN_TZ).date()
    if new_due_on is None or new_due_on <= today:
        raise ValidationError({"new_due_on": [gettext("Choose a new date after today.")]})
    if not cal.is_working_day(new_due_on):
        raise ValidationError({"new_due_on": [gettext("Choose a working day.")]})
    late = {}

    def change(locked: Dossier, target: str) -> None:
        promised = locked.promised_at
        if promised is not None and new_due_on <= promised.astimezone(VN_TZ).date():
            raise ValidationError(
                {
                    "new_due_on": [
                        gettext("Choose a date after the date promised so far (%(date)s).")
                        % {"date": promised.astimezone(VN_TZ).strftime("%d/%m/%Y")}
                    ]
                }
            )
        late["late"] = bool(locked.due_at and now > locked.due_at)
        late["previous"] = promised.isoformat() if promised else ""
        locked.new_due_at = datetime.datetime.combine(new_due_on, cal.day_end, tzinfo=VN_TZ)
        locked.last_apology_at = now

    locked, event = _move(
        dossier,
        action=Action.APOLOGISE,
        actor=actor,
        expected_version=expected_version,
        note=reason,
        data={"new_due_on": new_due_on.isoformat()},
        now=now,
        change=change,
    )
    event.data.update(late)
    event.save(update_fields=["data"])
    return locked


@transaction.atomic
def dossier_reissue_secret(
    *, dossier, actor, expected_version: int | None = None, now=None
) -> tuple[Dossier, str]:
    """Give the applicant a new tracking secret (the old one stops working), e.g. when the
    slip was lost; the status does not change. Returns (dossier, the new secret), which
    the caller shows once and never stores. Raises DossierChanged, PermissionDenied
    (`receive_dossier`)."""
    now = _now(now)
    locked = _lock(dossier)
    _check_version(locked, expected_version)
    _check_permission(
        actor, "dossiers.receive_dossier", applicant=False, action=Action.REISSUE_SECRET
    )
    secret = tracking.new_secret()
    locked.tracking_secret_hash = tracking.secret_hash(secret)
    locked.version += 1
    locked.save()
    _event(
        locked,
        action=Action.REISSUE_SECRET,
        actor=actor,
        from_status=locked.status,
        to_status=locked.status,
        now=now,
    )
    return locked, secret


# Service per action, for views that dispatch on the action's name.
SERVICES = {
    Action.RECEIVE: dossier_receive,
    Action.REQUEST_SUPPLEMENT: dossier_request_supplement,
    Action.REFUSE: dossier_refuse,
    Action.ASSIGN: dossier_assign,
    Action.ASSIGN_OFFICER: dossier_assign_officer,
    Action.START_REVIEW: dossier_start_review,
    Action.SUBMIT_FOR_APPROVAL: dossier_submit_for_approval,
    Action.APPROVE: dossier_approve,
    Action.REJECT: dossier_reject,
    Action.SEND_BACK: dossier_send_back,
    Action.ISSUE_RESULT: dossier_issue_result,
    Action.RETURN: dossier_return,
    Action.WITHDRAW: dossier_withdraw,
    Action.APOLOGISE: dossier_apologise,
    Action.SUPPLEMENT: dossier_supplement,
}


# --- Retention ---------------------------------------------------------------------------------


def dossiers_past_retention(*, now=None):
    """Finished dossiers whose end is older than the retention period (DossierSettings,
    default 10 years), oldest first."""
    now = _now(now)
    years = dossier_settings().retention_years
    try:
        cutoff = now.replace(year=now.year - years)
    except ValueError:  # 29 February
        cutoff = now.replace(year=now.year - years, day=28)
    return Dossier.objects.filter(
        finished_at__lt=cutoff,
        status__in=(
            Status.REFUSED,
            Status.REJECTED,
            Status.RESULT_ISSUED,
            Status.RETURNED,
            Status.WITHDRAWN,
        ),
    ).order_by("finished_at")


def dossiers_purge(*, dossiers) -> int:
    """Delete dossiers with everything attached (documents, papers, events) and then their
    files. Returns how many. Files go after commit: a rollback keeps them."""
    count = 0
    with transaction.atomic():
        for dossier in dossiers:
            directory = files.dossier_dir(dossier.uuid)
            dossier.delete()
            transaction.on_commit(partial(files.delete_tree, directory))
            count += 1
    return count
