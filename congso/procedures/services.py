"""Writes to the procedure catalogue.

Editing a procedure whose rules changed means creating a new version from a given date
(`procedure_version_create_next`); a version in force keeps what dossiers were submitted
under. The admin's own edit and create screens validate through the models' `clean()`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.core.dates import short_date

from .models import (
    ApplicationField,
    LegalBasis,
    Procedure,
    ProcedureFee,
    ProcedureVersion,
    RequiredDocument,
)

# The fields of each inline copied to a new version (everything but keys and parents).
_CHILD_MODELS = (
    ("fees", ProcedureFee),
    ("documents", RequiredDocument),
    ("application_fields", ApplicationField),
    ("legal_bases", LegalBasis),
)
_NOT_COPIED = {"id", "pk", "version", "version_id"}


class ProcedureVersionLocked(Exception):
    """The version is referred to (by a dossier) and may no longer change."""


def _copy_fields(instance, exclude: set[str]) -> dict:
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.name not in exclude and f.attname not in exclude
    }


@transaction.atomic
def procedure_version_create_next(
    *, version: ProcedureVersion, valid_from: datetime.date, actor=None
) -> ProcedureVersion:
    """Start a new version of `version`'s procedure on `valid_from`, as a copy of
    `version` (every field, fee, document, application field and legal basis) that staff
    then edit, and end `version` the day before.

    Guarantees: one transaction, the procedure row locked so two editors cannot both
    create one; afterwards the procedure still has at most one version in force on any
    day; both versions get a revision in their history (by `actor`). A locked version's
    content is untouched: only its end date is set.

    Raises ValidationError (messages for staff) when `version` is not the procedure's
    latest version, when `valid_from` is not after its start, or when `version` is locked
    and `valid_from` is not after today (the period dossiers were submitted under cannot
    be cut short after the fact).
    """
    Procedure.objects.select_for_update().get(pk=version.procedure_id)
    version = ProcedureVersion.objects.select_related("procedure").get(pk=version.pk)

    later = version.procedure.versions.filter(valid_from__gt=version.valid_from).exists()
    if later:
        raise ValidationError(
            _("A new version can only follow the latest version of the procedure.")
        )
    if valid_from <= version.valid_from:
        raise ValidationError(
            _("The new version must start after %(date)s, when this version started.")
            % {"date": short_date(version.valid_from)}
        )
    if version.is_locked and valid_from <= timezone.localdate():
        raise ValidationError(
            _(
                "Dossiers were submitted under this version: the new version can start "
                "tomorrow at the earliest."
            )
        )

    new = ProcedureVersion(
        **_copy_fields(
            version,
            _NOT_COPIED | {"valid_from", "valid_to", "created_at", "updated_at", "latest_revision"},
        ),
        valid_from=valid_from,
        # A version that had an end after the new start hands the rest of its period on.
        valid_to=version.valid_to if version.valid_to and version.valid_to >= valid_from else None,
    )
    if version.valid_to is None or version.valid_to >= valid_from:
        version.valid_to = valid_from - datetime.timedelta(days=1)
        version.full_clean()
        version.save(update_fields=["valid_to", "updated_at"])
        version.save_revision(user=actor, log_action=True)

    new.full_clean()
    new.save()
    for relation, model in _CHILD_MODELS:
        for child in getattr(version, relation).order_by("sort_order"):
            copy = model(version=new, **_copy_fields(child, _NOT_COPIED))
            copy.full_clean()
            copy.save()
    new.save_revision(user=actor, log_action=True)
    return new


def procedure_version_ensure_unlocked(version: ProcedureVersion) -> None:
    """Raise ProcedureVersionLocked when `version` may no longer be changed or deleted."""
    if version.is_locked:
        raise ProcedureVersionLocked(
            _(
                "Dossiers were submitted under this version, so it can no longer be changed "
                "or deleted. Create a new version instead."
            )
        )
