"""The tracking secret and public look-ups (DESIGN.md: "private look-ups need a secret, and
a wrong one looks like 'not found'").

The secret: 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), printed
in groups of four ("K7QM-P3XR-9TWA"): 60 random bits. Only a keyed hash is stored —
HMAC-SHA256 under a key derived from SECRET_KEY (`salted_hmac`), checked against the
current key and every key of SECRET_KEY_FALLBACKS so that a key rotation does not lock
applicants out. A keyed hash rather than a slow password hash: the secret is random and
long, so guessing is hopeless without the key, and every look-up stays fast and takes the
same time.

A look-up accepts the code with either the secret or the applicant's ID number / tax
code (LEGAL.md §4, "Public look-up practice"). Both comparisons always run, in constant
time, and an unknown code runs them against a dummy, so that a wrong secret, a wrong ID
number and an unknown code cannot be told apart by their answer or their timing.
"""

from __future__ import annotations

import hmac
import re
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
_SALT = "congso.dossiers.tracking_secret"
_NOT_SECRET = re.compile(r"[^0-9A-Z]")
_DUMMY_HASH = "0" * 64


def new_secret() -> str:
    """A new random secret, grouped for reading: "K7QM-P3XR-9TWA"."""
    raw = "".join(secrets.choice(ALPHABET) for _i in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(value: str) -> str:
    """What a person typed, as compared: upper case, without spaces, dashes or dots."""
    return _NOT_SECRET.sub("", str(value or "").upper())


def _hash(value: str, key: str) -> str:
    return salted_hmac(_SALT, normalise(value), secret=key, algorithm="sha256").hexdigest()


def secret_hash(secret: str) -> str:
    """The stored form of a secret (keyed with the current SECRET_KEY)."""
    return _hash(secret, settings.SECRET_KEY)


def secret_matches(candidate: str, stored_hash: str) -> bool:
    """Whether `candidate` is the secret whose hash is `stored_hash`, under the current
    key or a fallback key. Constant time for a given number of keys."""
    found = False
    for key in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        found |= hmac.compare_digest(_hash(candidate, key), stored_hash or _DUMMY_HASH)
    return found


def identifier_matches(candidate: str, identifier: str) -> bool:
    """Whether `candidate` is the applicant's ID number or tax code (digits compared,
    in constant time; an empty identifier never matches)."""
    wanted = normalise(identifier)
    given = normalise(candidate)
    same = hmac.compare_digest(given.encode(), (wanted or "\x00").encode())
    return bool(wanted) and same


def proves(candidate: str, *, stored_hash: str, identifier: str) -> bool:
    """Whether `candidate` is either the secret or the identifier. Both checks always run."""
    by_secret = secret_matches(candidate, stored_hash)
    by_identifier = identifier_matches(candidate, identifier)
    return by_secret or by_identifier


def dummy_check(candidate: str) -> None:
    """The same work as `proves`, for an unknown code (equal timing)."""
    proves(candidate, stored_hash=_DUMMY_HASH, identifier="")
