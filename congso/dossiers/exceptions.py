"""The dossier app's errors (the shared ones are in congso.core.errors)."""

from django.utils import timezone
from django.utils.translation import gettext

from congso.core.errors import ApplicationError, RecordChanged, TransitionNotAllowed

__all__ = ["ApplicationError", "DossierChanged", "IdempotencyConflict", "TransitionNotAllowed"]


class DossierChanged(RecordChanged):
    """Someone else moved the dossier after the caller read it. The message names who and
    when (from the dossier's last event): "Hồ sơ đã được Nguyễn Văn A cập nhật lúc 09:15
    ngày 19/02/2027; vui lòng tải lại." """

    def __init__(self, *, by: str, at):
        local = timezone.localtime(at)
        message = gettext("The dossier was updated by %(name)s at %(time)s; please reload it.") % {
            "name": by or gettext("the applicant"),
            "time": local.strftime("%H:%M %d/%m/%Y"),
        }
        super().__init__(message)
        self.by = by
        self.at = at


class IdempotencyConflict(ApplicationError):
    """An Idempotency-Key was used before with a different request."""
