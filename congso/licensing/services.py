"""Writes for licences: issue (from an approved dossier), registration of licences issued
before the system, amendment, suspension, reinstatement, revocation, corrections, and the
daily expiry and reminders.

Every write is one transaction. A state change locks the licence row
(`select_for_update`), looks the move up in `workflow.TRANSITIONS`
(TransitionNotAllowed), checks the permission (PermissionDenied), changes the row and
appends a `LicenceEvent`. A decision (suspend, reinstate, revoke, amend) needs its number
and a reason: without them ValidationError is raised before anything is written.

Numbers come from `core.numbering.sequence_next` (series "licence:<type>", one per year)
inside the transaction that inserts the licence: unique and gap-free under concurrent
issuing, and a rolled-back issue gives its number back. The certificate PDF is rendered,
signed when a key is configured, and stored after commit (`tasks.licence_certificate`).
"""

from __future__ import annotations

import datetime
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from congso.core.errors import ApplicationError, TransitionNotAllowed
from congso.core.numbering import sequence_next
from congso.dossiers.choices import ApplicantKind

from . import workflow
from .choices import ACTION_VERBS, LicenceAction, LicenceStatus
from .models import Licence, LicenceEvent, LicenceType

HOLDER_FIELDS = ("holder_name", "holder_tax_code", "holder_address", "holder_email")
REMINDER_DAYS = 30


# --- Helpers -----------------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def actor_name(actor) -> str:
    if actor is None:
        return ""
    return actor.get_full_name() or actor.get_username()


def _require(actor, permission: str) -> None:
    if actor is None or not actor.is_active or not actor.has_perm(permission):
        raise PermissionDenied(gettext("You do not have the right to do this."))


def _decision(decision_number: str, reason: str) -> tuple[str, str]:
    """The decision number and reason, stripped; ValidationError naming each one missing."""
    errors = {}
    decision_number = (decision_number or "").strip()
    reason = (reason or "").strip()
    if not decision_number:
        errors["decision_number"] = [gettext("Write the number of the decision.")]
    if not reason:
        errors["reason"] = [gettext("Write the reason.")]
    if errors:
        raise ValidationError(errors)
    return decision_number, reason


def _event(licence, *, action, actor=None, from_status="", to_status="", **fields):
    return LicenceEvent.objects.create(
        licence=licence,
        action=action,
        actor=actor,
        actor_name=actor_name(actor),
        from_status=from_status,
        to_status=to_status,
        created_at=fields.pop("now", None) or timezone.now(),
        **fields,
    )


def _lock(licence: Licence | int) -> Licence:
    pk = licence.pk if isinstance(licence, Licence) else licence
    return Licence.objects.select_for_update(of=("self",)).select_related("licence_type").get(pk=pk)


def _not_allowed(licence: Licence, action: str) -> TransitionNotAllowed:
    return TransitionNotAllowed(
        gettext("This licence is “%(status)s”: “%(action)s” is not possible now.")
        % {"status": licence.get_status_display(), "action": ACTION_VERBS.get(action, action)}
    )


def _change_status(locked: Licence, target: str, *, action: str, changes=None, **event) -> Licence:
    """Move `locked` (from _move) to `target`, with `changes` to its other columns, save it
    and record the event (`event`: actor, decision, period, now…) from its old status."""
    from_status = locked.status
    locked.status = target
    for field, value in (changes or {}).items():
        setattr(locked, field, value)
    locked.save()
    _event(locked, action=action, from_status=from_status, to_status=target, **event)
    return locked


def _move(licence, *, action: str, actor, check_permission: bool = True) -> tuple[Licence, str]:
    """Lock the licence, find the move and check the permission; returns (locked, target).
    The caller changes the row and records the event."""
    locked = _lock(licence)
    move = workflow.move_for(locked.status, action)
    if move is None:
        raise _not_allowed(locked, action)
    target, permission = move
    if check_permission and permission:
        _require(actor, permission)
    return locked, target


def _render_after_commit(licence: Licence) -> None:
    from .tasks import licence_certificate

    transaction.on_commit(partial(licence_certificate.enqueue, licence.pk))


def _next_number(licence_type: LicenceType, year: int) -> tuple[int, str]:
    """The next sequence and number of `licence_type` in `year`. A number already taken by
    a licence registered by hand is skipped (that licence keeps it), so the series has no
    hole that a reader could not explain."""
    while True:
        sequence = sequence_next(
            scope=f"licence:{licence_type.code}", day=datetime.date(year, 1, 1)
        )
        number = licence_type.format_number(sequence, year)
        if not Licence.objects.filter(year=year, number=number).exists():
            return sequence, number


def _require_signer(signer_name: str, signer_position: str) -> None:
    errors = {}
    if not (signer_name or "").strip():
        errors["signer_name"] = [gettext("Write the signer's name as it is printed.")]
    if not (signer_position or "").strip():
        errors["signer_position"] = [gettext("Write the signer's position as it is printed.")]
    if errors:
        raise ValidationError(errors)


def _clean_values(licence_type: LicenceType, values: dict | None) -> dict:
    """Keep the type's own fields (strings, stripped), in its order."""
    values = values or {}
    return {
        key: str(values.get(key, "")).strip()
        for key in licence_type.field_keys()
        if str(values.get(key, "")).strip()
    }


def default_issuer() -> dict:
    """The issuing agency's names as in force now, from the portal's settings (the agency
    whose site this is), with the place name of its papers."""
    from wagtail.models import Site

    from congso.core.documents import Issuer
    from congso.portal.models import PortalSettings

    site = Site.objects.filter(is_default_site=True).first()
    portal = PortalSettings.for_site(site) if site else None
    if portal is None or portal.agency is None:
        return {"issuer_name": "", "issuer_superior": "", "issuer_place": ""}
    issuer = Issuer.from_agency(portal.agency, place=portal.place_name_vi)
    return {
        "issuer_name": issuer.name,
        "issuer_superior": issuer.superior,
        "issuer_place": issuer.place,
    }


def licence_type_for_procedure(procedure, *, on: datetime.date) -> LicenceType | None:
    """The licence type in force on `on` that `procedure` results in."""
    return LicenceType.objects.in_force_on(on).filter(procedures=procedure).first()


# --- Issue -------------------------------------------------------------------------------


def licence_values_from_dossier(dossier, licence_type: LicenceType) -> dict:
    """The type's fields filled from the dossier's answers, as the applicant wrote them
    (choices by their Vietnamese label)."""
    from congso.dossiers.forms import answers_display

    with translation.override("vi"):
        rows = answers_display(dossier.procedure_version, dossier.answers)
    answers = {key: value for key, _label, value in rows}
    return _clean_values(licence_type, answers)


@transaction.atomic
def licence_issue(
    *,
    dossier,
    actor,
    signer_name: str,
    signer_position: str,
    signer_authority: str = "",
    issued_on: datetime.date | None = None,
    licence_type: LicenceType | None = None,
    values: dict | None = None,
    holder: dict | None = None,
    now: datetime.datetime | None = None,
) -> Licence:
    """Issue the licence an approved dossier asked for: its type (the one in force that
    the dossier's procedure results in, unless given), the next number of the type and
    year, the holder and the type's fields from the dossier (`holder` and `values`
    override them), the issuing agency as printed on the dossier's papers; then the
    dossier moves to "result issued" (dossiers.services.dossier_issue_result) with the
    licence number as its result. Both are linked; the certificate is rendered after
    commit.

    Raises PermissionDenied (`licensing.issue_licence`, and the dossier move's own
    `dossiers.issue_result_dossier`), TransitionNotAllowed (the dossier is not approved),
    ApplicationError (already issued, no licence type for the procedure), ValidationError.
    """
    from congso.dossiers.choices import Status
    from congso.dossiers.models import Dossier
    from congso.dossiers.services import dossier_issue_result

    _require(actor, "licensing.issue_licence")
    _require_signer(signer_name, signer_position)
    now = now or timezone.now()
    issued_on = issued_on or timezone.localdate(now)
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure_version__procedure")
        .get(pk=dossier.pk)
    )
    if Licence.objects.filter(dossier=locked).exists():
        raise ApplicationError(gettext("A licence has already been issued for this dossier."))
    if locked.status != Status.APPROVED:
        raise TransitionNotAllowed(
            gettext(
                "The dossier is “%(status)s”: only an approved dossier can be issued a licence."
            )
            % {"status": locked.get_status_display()}
        )
    procedure = locked.procedure_version.procedure
    licence_type = licence_type or licence_type_for_procedure(procedure, on=issued_on)
    if licence_type is None:
        raise ApplicationError(
            gettext("No licence type in force results from procedure %(code)s.")
            % {"code": procedure.code}
        )
    filled = licence_values_from_dossier(locked, licence_type)
    filled.update(_clean_values(licence_type, values))
    holder_values = {
        "holder_name": locked.applicant_name,
        "holder_tax_code": locked.applicant_tax_code,
        "holder_address": locked.applicant_address,
        "holder_email": locked.applicant_email,
    }
    holder_values.update({k: v for k, v in (holder or {}).items() if k in HOLDER_FIELDS})
    holder_values["holder_is_individual"] = locked.applicant_kind == ApplicantKind.INDIVIDUAL
    sequence, number = _next_number(licence_type, issued_on.year)
    licence = Licence(
        licence_type=licence_type,
        number=number,
        year=issued_on.year,
        sequence=sequence,
        issued_on=issued_on,
        signer_name=(signer_name or "").strip(),
        signer_position=(signer_position or "").strip(),
        signer_authority=(signer_authority or "").strip(),
        issuer_name=locked.issuer_name,
        issuer_superior=locked.issuer_superior,
        issuer_place=locked.issuer_place,
        values=filled,
        valid_from=issued_on,
        valid_to=licence_type.valid_to_for(issued_on),
        dossier=locked,
        **holder_values,
    )
    licence.full_clean()
    licence.save()
    _event(
        licence,
        action=LicenceAction.ISSUED,
        actor=actor,
        to_status=LicenceStatus.VALID,
        data={"dossier": locked.code},
        now=now,
    )
    dossier_issue_result(
        dossier=locked,
        actor=actor,
        result_reference=f"Giấy phép số {number}",
        now=now,
    )
    _render_after_commit(licence)
    return licence


@transaction.atomic
def licence_register(
    *,
    actor,
    licence_type: LicenceType,
    number: str,
    issued_on: datetime.date,
    holder_name: str,
    signer_name: str = "",
    signer_position: str = "",
    holder_tax_code: str = "",
    holder_address: str = "",
    holder_email: str = "",
    holder_is_individual: bool = False,
    values: dict | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    issuer: dict | None = None,
    action: str = LicenceAction.REGISTERED,
    permission: str = "licensing.register_licence",
    now: datetime.datetime | None = None,
) -> Licence:
    """Record a licence issued before the system, as printed (its own number, kept as
    written). Valid from its issue date unless told; valid to what is given, else the
    type's rule; already past its end → recorded as expired. Raises PermissionDenied
    (`licensing.register_licence`), ValidationError (a field, or the number already
    recorded for that year)."""
    _require(actor, permission)
    number = (number or "").strip()
    valid_from = valid_from or issued_on
    if valid_to is None:
        valid_to = licence_type.valid_to_for(valid_from)
    today = _today()
    status = LicenceStatus.EXPIRED if valid_to and valid_to < today else LicenceStatus.VALID
    if number and Licence.objects.filter(year=issued_on.year, number=number).exists():
        raise ValidationError(
            {
                "number": [
                    gettext("Licence %(number)s of %(year)s is already recorded.")
                    % {"number": number, "year": issued_on.year}
                ]
            }
        )
    licence = Licence(
        licence_type=licence_type,
        number=number,
        year=issued_on.year,
        issued_on=issued_on,
        signer_name=(signer_name or "").strip(),
        signer_position=(signer_position or "").strip(),
        holder_name=(holder_name or "").strip(),
        holder_tax_code=(holder_tax_code or "").strip(),
        holder_address=(holder_address or "").strip(),
        holder_email=(holder_email or "").strip(),
        holder_is_individual=bool(holder_is_individual),
        values=_clean_values(licence_type, values),
        valid_from=valid_from,
        valid_to=valid_to,
        status=status,
        pre_system=True,
        **(issuer or default_issuer()),
    )
    licence.full_clean()
    licence.save()
    _event(licence, action=action, actor=actor, to_status=status, now=now)
    return licence


# --- Lifecycle ---------------------------------------------------------------------------


@transaction.atomic
def licence_suspend(
    *,
    licence,
    actor,
    decision_number: str,
    reason: str,
    decision_date: datetime.date | None = None,
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
    now=None,
) -> Licence:
    """Suspend a valid licence for a period (from `period_from`, default the decision
    date, until `period_to`, or until reinstated when empty). Raises ValidationError (no
    decision number or reason; a period ending before it starts), TransitionNotAllowed,
    PermissionDenied (`licensing.suspend_licence`)."""
    decision_number, reason = _decision(decision_number, reason)
    decision_date = decision_date or _today()
    period_from = period_from or decision_date
    if period_to and period_to < period_from:
        raise ValidationError(
            {"period_to": [gettext("The end of the suspension must not be before its start.")]}
        )
    locked, target = _move(licence, action=LicenceAction.SUSPENDED, actor=actor)
    return _change_status(
        locked,
        target,
        action=LicenceAction.SUSPENDED,
        changes={"suspended_from": period_from, "suspended_until": period_to},
        actor=actor,
        decision_number=decision_number,
        decision_date=decision_date,
        reason=reason,
        period_from=period_from,
        period_to=period_to,
        now=now,
    )


@transaction.atomic
def licence_reinstate(
    *, licence, actor, decision_number: str, reason: str, decision_date=None, now=None
) -> Licence:
    """Lift a suspension. Raises ValidationError, TransitionNotAllowed, PermissionDenied
    (`licensing.reinstate_licence`)."""
    decision_number, reason = _decision(decision_number, reason)
    locked, target = _move(licence, action=LicenceAction.REINSTATED, actor=actor)
    return _lift(locked, target, actor, decision_number, reason, decision_date or _today(), now)


def _lift(locked, target, actor, decision_number, reason, decision_date, now) -> Licence:
    """End a suspension (by a decision, or when its period has ended)."""
    return _change_status(
        locked,
        target,
        action=LicenceAction.REINSTATED,
        changes={"suspended_from": None, "suspended_until": None},
        actor=actor,
        decision_number=decision_number,
        decision_date=decision_date,
        reason=reason,
        now=now,
    )


@transaction.atomic
def licence_revoke(
    *, licence, actor, decision_number: str, reason: str, decision_date=None, now=None
) -> Licence:
    """Revoke a valid or suspended licence, for good. Raises ValidationError,
    TransitionNotAllowed, PermissionDenied (`licensing.revoke_licence`)."""
    decision_number, reason = _decision(decision_number, reason)
    locked, target = _move(licence, action=LicenceAction.REVOKED, actor=actor)
    return _change_status(
        locked,
        target,
        action=LicenceAction.REVOKED,
        actor=actor,
        decision_number=decision_number,
        decision_date=decision_date or _today(),
        reason=reason,
        now=now,
    )


@transaction.atomic
def licence_amend(
    *,
    licence,
    actor,
    decision_number: str,
    reason: str,
    values: dict | None = None,
    holder: dict | None = None,
    signer_name: str = "",
    signer_position: str = "",
    signer_authority: str = "",
    issued_on: datetime.date | None = None,
    now=None,
) -> Licence:
    """Amend a valid licence: a new licence (the next number of its type and year) with
    the changed fields and holder details, the same end of validity, `supersedes` the
    old one, which becomes "superseded" and stays readable; its certificate is rendered
    after commit. Returns the new licence. Raises ValidationError, TransitionNotAllowed,
    PermissionDenied (`licensing.amend_licence`)."""
    decision_number, reason = _decision(decision_number, reason)
    now = now or timezone.now()
    issued_on = issued_on or timezone.localdate(now)
    old, target = _move(licence, action=LicenceAction.AMENDED, actor=actor)
    signer_name = (signer_name or old.signer_name).strip()
    signer_position = (signer_position or old.signer_position).strip()
    _require_signer(signer_name, signer_position)
    merged = dict(old.values)
    merged.update({k: str(v).strip() for k, v in (values or {}).items()})
    holder_values = {field: getattr(old, field) for field in HOLDER_FIELDS}
    holder_values.update(
        {k: (v or "").strip() for k, v in (holder or {}).items() if k in HOLDER_FIELDS}
    )
    licence_type = old.licence_type
    sequence, number = _next_number(licence_type, issued_on.year)
    new = Licence(
        licence_type=licence_type,
        number=number,
        year=issued_on.year,
        sequence=sequence,
        issued_on=issued_on,
        signer_name=signer_name,
        signer_position=signer_position,
        signer_authority=(signer_authority or "").strip(),
        issuer_name=old.issuer_name,
        issuer_superior=old.issuer_superior,
        issuer_place=old.issuer_place,
        values=_clean_values(licence_type, merged),
        valid_from=issued_on,
        valid_to=old.valid_to,
        supersedes=old,
        holder_is_individual=old.holder_is_individual,
        **holder_values,
    )
    new.full_clean()
    decision = {"decision_number": decision_number, "decision_date": issued_on, "reason": reason}
    _change_status(
        old,
        target,
        action=LicenceAction.AMENDED,
        actor=actor,
        data={"superseded_by": number, "superseded_by_year": new.year},
        now=now,
        **decision,
    )
    new.save()
    _event(
        new,
        action=LicenceAction.ISSUED,
        actor=actor,
        to_status=LicenceStatus.VALID,
        data={"supersedes": old.number, "supersedes_year": old.year},
        now=now,
        **decision,
    )
    _render_after_commit(new)
    return new


EDITABLE_FIELDS = ("holder_address", "holder_email", "signer_name", "signer_position")


@transaction.atomic
def licence_edit(*, licence, actor, changes: dict, reason: str, now=None) -> Licence:
    """Correct details that do not change what was licensed (the holder's address and
    email, a misspelt signer), recording the old and new values. Anything that changes
    the licence's content is an amendment. Raises ValidationError (no reason),
    PermissionDenied (`licensing.change_licence`)."""
    _require(actor, "licensing.change_licence")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [gettext("Write the reason.")]})
    locked = _lock(licence)
    before = {}
    for field, value in changes.items():
        if field not in EDITABLE_FIELDS:
            raise ValidationError({field: [gettext("This detail cannot be corrected here.")]})
        value = (value or "").strip()
        if getattr(locked, field) != value:
            before[field] = [getattr(locked, field), value]
            setattr(locked, field, value)
    if not before:
        return locked
    locked.full_clean()
    locked.save()
    _event(locked, action=LicenceAction.EDITED, actor=actor, reason=reason, data=before, now=now)
    return locked


# --- Daily -------------------------------------------------------------------------------


def licences_expire(*, today: datetime.date | None = None) -> int:
    """Mark expired every valid or suspended licence whose last day of validity has passed,
    and lift suspensions whose period has ended. Each licence in its own transaction.
    Returns how many expired."""
    today = today or _today()
    expired = 0
    due = Licence.objects.filter(
        status__in=[LicenceStatus.VALID, LicenceStatus.SUSPENDED], valid_to__lt=today
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            locked, target = _move(pk, action=LicenceAction.EXPIRED, actor=None)
            if locked.valid_to is None or locked.valid_to >= today:
                continue
            _change_status(locked, target, action=LicenceAction.EXPIRED)
            expired += 1
    ended = Licence.objects.filter(
        status=LicenceStatus.SUSPENDED, suspended_until__lt=today
    ).values_list("pk", flat=True)
    for pk in list(ended):
        with transaction.atomic():
            locked, target = _move(
                pk, action=LicenceAction.REINSTATED, actor=None, check_permission=False
            )
            ended_reason = gettext("The suspension period has ended.")
            _lift(locked, target, None, "", ended_reason, today, None)
    return expired


def licences_send_expiry_reminders(*, today: datetime.date | None = None) -> int:
    """Email each holder whose valid licence ends within REMINDER_DAYS days, once (the
    licence records when). Returns how many emails were sent."""
    today = today or _today()
    limit = today + datetime.timedelta(days=REMINDER_DAYS)
    due = Licence.objects.filter(
        status=LicenceStatus.VALID,
        valid_to__isnull=False,
        valid_to__gte=today,
        valid_to__lte=limit,
        reminder_sent_at__isnull=True,
    ).exclude(holder_email="")
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            licence = _lock(pk)
            if licence.reminder_sent_at is not None:
                continue
            licence.reminder_sent_at = timezone.now()
            licence.save(update_fields=["reminder_sent_at", "search_text"])
            _event(licence, action=LicenceAction.REMINDED, data={"to": licence.holder_email})
            # Sent inside the transaction: if the mail server refuses, the licence is not
            # marked and tomorrow's run tries again.
            _send_reminder(licence)
        sent += 1
    return sent


def _send_reminder(licence: Licence) -> None:
    from .verification import verification_url

    context = {"licence": licence, "url": verification_url(licence)}
    with translation.override("vi"):
        subject = render_to_string("licensing/email/expiry_subject.txt", context).strip()
        body = render_to_string("licensing/email/expiry.txt", context)
    send_mail(subject, body, None, [licence.holder_email])
