"""Which procedure versions are locked (immutable): the hook other apps plug into.

A dossier keeps the procedure version it was submitted under, so once anything refers to a
version its content (time limit, fees, documents, application fields) must not change:
staff create a new version instead. This app has no such references itself; the dossier
app registers a check from its AppConfig.ready():

    from congso.procedures import locks
    locks.register(lambda version: version.dossiers.exists())

With no check registered, no version is locked.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import ProcedureVersion

LockCheck = Callable[["ProcedureVersion"], bool]

_checks: list[LockCheck] = []


def register(check: LockCheck) -> LockCheck:
    """Add a check: `check(version)` returns True when something refers to `version`.
    Returns the check, so it can be used as a decorator. Registering twice is harmless."""
    if check not in _checks:
        _checks.append(check)
    return check


def unregister(check: LockCheck) -> None:
    """Remove a check (for tests)."""
    if check in _checks:
        _checks.remove(check)


def is_locked(version: "ProcedureVersion") -> bool:
    """True when any registered check says something refers to `version`. An unsaved
    version is never locked."""
    if version.pk is None:
        return False
    return any(check(version) for check in _checks)
