"""The verification link printed as a QR code on every certificate (LEGAL.md §7).

URL form. Licence numbers contain "/" ("12/GP-STTTT") and repeat from year to year, so a
licence is addressed by its year and its number *as printed*, slashes kept:

    /vi/giay-phep/2026/12/GP-STTTT/                    the licence's public page
    /vi/giay-phep/xac-thuc/2026/12/GP-STTTT/?t=<token> the QR target (live status)
    /en/licences/2026/12/GP-STTTT/  ·  /en/licences/verify/2026/12/GP-STTTT/?t=…

The URL pattern is `<int:year>/<path:number>/` (Django's `path` converter accepts "/"), and
a number typed with "%2F" instead of "/" reaches the same view (the server decodes it).
Nothing else in the app's URLs starts with a year, so the forms cannot collide.

The token is an HMAC-SHA256 of "year:number", keyed from SECRET_KEY with this module's
salt (`django.utils.crypto.salted_hmac`), cut to 24 hex digits (96 bits). It proves the
link was made by the department for that licence; it never makes a licence valid: the page
always shows the live status, and a wrong or missing token shows no status at all.
"""

from __future__ import annotations

import hmac

from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac

from congso.core.i18n import current_language

SALT = "congso.licensing.verification"
TOKEN_LENGTH = 24


def _base_url() -> str:
    from congso.dossiers.conf import base_url

    return base_url()


def verification_token(year: int, number: str) -> str:
    return salted_hmac(SALT, f"{int(year)}:{number}", algorithm="sha256").hexdigest()[:TOKEN_LENGTH]


def token_matches(year: int, number: str, token: str | None) -> bool:
    """Whether `token` is the one of this year and number (constant-time)."""
    if not token:
        return False
    return hmac.compare_digest(verification_token(year, number), str(token))


def licence_path(licence, *, language: str | None = None) -> str:
    with translation.override(language or current_language()):
        return reverse("licensing:licence", args=[licence.year, licence.number])


def verification_path(licence, *, language: str | None = None) -> str:
    with translation.override(language or current_language()):
        path = reverse("licensing:verify", args=[licence.year, licence.number])
    return f"{path}?t={verification_token(licence.year, licence.number)}"


def verification_url(licence, *, language: str = "vi") -> str:
    """The absolute address the QR code carries (Vietnamese page: the paper is)."""
    return _base_url() + verification_path(licence, language=language)
