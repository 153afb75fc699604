"""A licence's states and moves (issue 5 §1, §4; LEGAL.md §7).

`TRANSITIONS[(status, action)] = (target, permission)`; a move not in the table raises
TransitionNotAllowed, a user without the permission gets PermissionDenied. Expiry is made
by the daily task (no user, so no permission); a suspension whose period has ended is
lifted by it too.

    valid ──suspend──▶ suspended ──reinstate──▶ valid
      │                    │
      ├──revoke──▶ revoked ◀──revoke──┘
      ├──amend──▶ superseded   (a new licence, with its own number, replaces it)
      └──expire─▶ expired ◀──expire── suspended
"""

from __future__ import annotations

from .choices import LicenceAction, LicenceStatus

P = "licensing."
SYSTEM = ""

TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (LicenceStatus.VALID, LicenceAction.SUSPENDED): (
        LicenceStatus.SUSPENDED,
        P + "suspend_licence",
    ),
    (LicenceStatus.SUSPENDED, LicenceAction.REINSTATED): (
        LicenceStatus.VALID,
        P + "reinstate_licence",
    ),
    (LicenceStatus.VALID, LicenceAction.REVOKED): (LicenceStatus.REVOKED, P + "revoke_licence"),
    (LicenceStatus.SUSPENDED, LicenceAction.REVOKED): (
        LicenceStatus.REVOKED,
        P + "revoke_licence",
    ),
    (LicenceStatus.VALID, LicenceAction.AMENDED): (LicenceStatus.SUPERSEDED, P + "amend_licence"),
    (LicenceStatus.VALID, LicenceAction.EXPIRED): (LicenceStatus.EXPIRED, SYSTEM),
    (LicenceStatus.SUSPENDED, LicenceAction.EXPIRED): (LicenceStatus.EXPIRED, SYSTEM),
}

# The moves staff make from the licence's page, in the order of its buttons.
STAFF_ACTIONS = (
    LicenceAction.AMENDED,
    LicenceAction.SUSPENDED,
    LicenceAction.REINSTATED,
    LicenceAction.REVOKED,
)


def move_for(status: str, action: str) -> tuple[str, str] | None:
    return TRANSITIONS.get((status, action))


def actions_for(status: str, user) -> list[str]:
    """The staff moves possible now from `status` that `user` may make."""
    actions = []
    for action in STAFF_ACTIONS:
        move = move_for(status, action)
        if move is not None and user.has_perm(move[1]):
            actions.append(action)
    return actions
