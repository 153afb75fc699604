"""Choices of the licensing app. Identifiers in English; Vietnamese through gettext."""

from django.db import models
from django.utils.translation import pgettext_lazy


class LicenceStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("licence status", "Valid")
    SUSPENDED = "suspended", pgettext_lazy("licence status", "Suspended")
    REVOKED = "revoked", pgettext_lazy("licence status", "Revoked")
    EXPIRED = "expired", pgettext_lazy("licence status", "Expired")
    SUPERSEDED = "superseded", pgettext_lazy("licence status", "Superseded")


# The status in large, unambiguous words (issue 5 §3): the registry, the licence page and
# the verification page print these, with a colour that is never the only signal.
STATUS_HEADLINES = {
    LicenceStatus.VALID: pgettext_lazy("licence headline", "VALID"),
    LicenceStatus.SUSPENDED: pgettext_lazy("licence headline", "SUSPENDED"),
    LicenceStatus.REVOKED: pgettext_lazy("licence headline", "REVOKED"),
    LicenceStatus.EXPIRED: pgettext_lazy("licence headline", "EXPIRED"),
    LicenceStatus.SUPERSEDED: pgettext_lazy("licence headline", "SUPERSEDED"),
}
STATUS_TONES = {
    LicenceStatus.VALID: "done",
    LicenceStatus.SUSPENDED: "action",
    LicenceStatus.REVOKED: "revoked",
    LicenceStatus.EXPIRED: "ended",
    LicenceStatus.SUPERSEDED: "ended",
}


class LicenceAction(models.TextChoices):
    """What the event log records: the moves of workflow.TRANSITIONS and the rest."""

    ISSUED = "issued", pgettext_lazy("licence event", "Issued")
    REGISTERED = (
        "registered",
        pgettext_lazy("licence event", "Registered (issued before the system)"),
    )
    IMPORTED = "imported", pgettext_lazy("licence event", "Imported from a spreadsheet")
    AMENDED = "amended", pgettext_lazy("licence event", "Amended: replaced by a new version")
    SUSPENDED = "suspended", pgettext_lazy("licence event", "Suspended")
    REINSTATED = "reinstated", pgettext_lazy("licence event", "Reinstated")
    REVOKED = "revoked", pgettext_lazy("licence event", "Revoked")
    EXPIRED = "expired", pgettext_lazy("licence event", "Expired")
    EDITED = "edited", pgettext_lazy("licence event", "Details corrected")
    REMINDED = "reminded", pgettext_lazy("licence event", "Expiry reminder sent")


# The buttons of the staff moves (verbs), by action.
ACTION_VERBS = {
    LicenceAction.AMENDED: pgettext_lazy("licence action", "Amend"),
    LicenceAction.SUSPENDED: pgettext_lazy("licence action", "Suspend"),
    LicenceAction.REINSTATED: pgettext_lazy("licence action", "Reinstate"),
    LicenceAction.REVOKED: pgettext_lazy("licence action", "Revoke"),
}

# Events the public pages show (with their decision and reason); corrections and
# reminders are staff-only.
PUBLIC_ACTIONS = frozenset(
    {
        LicenceAction.ISSUED,
        LicenceAction.REGISTERED,
        LicenceAction.IMPORTED,
        LicenceAction.AMENDED,
        LicenceAction.SUSPENDED,
        LicenceAction.REINSTATED,
        LicenceAction.REVOKED,
        LicenceAction.EXPIRED,
    }
)
