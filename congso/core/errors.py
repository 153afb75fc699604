"""Errors shared by the domain apps' services (STYLE.md, "Where logic lives").

- `ApplicationError`: a business rule refused the request. Its message is written for the
  person who asked (translated), so views and the API show it as it is.
- `TransitionNotAllowed`: the record's current state has no such move in its app's
  `TRANSITIONS` table.
- `RecordChanged`: optimistic concurrency — someone else changed the record after the
  caller read it; the message names who and when.

Missing rights raise Django's own `PermissionDenied`.
"""

from __future__ import annotations


class ApplicationError(Exception):
    """A refused business rule. `message` is shown to the user as it is; `field` names
    the input it is about, when there is one (forms attach it there)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class TransitionNotAllowed(ApplicationError):
    """The move is not in the transition table for the record's current state."""


class RecordChanged(ApplicationError):
    """The record moved on since the caller read it (its version no longer matches)."""
