"""PAdES signatures on issued certificates (Decree 45/2020 Art. 14(3); LEGAL.md §7).

When `CONGSO_LICENCE_SIGNING_KEY` and `CONGSO_LICENCE_SIGNING_CERT` name a PEM private key
and certificate (environment variables of the same names; the key's passphrase in
`CONGSO_LICENCE_SIGNING_KEY_PASSPHRASE`), every certificate PDF is signed with pyHanko
(PAdES baseline B-B: CMS with the signing certificate attribute, SHA-256). Without them
the PDF is stored unsigned, and the verification page says so. Nothing is fetched from
the network (no timestamp server unless one is added later).
"""

from __future__ import annotations

import io

from django.conf import settings


def signing_configured() -> bool:
    return bool(
        getattr(settings, "CONGSO_LICENCE_SIGNING_KEY", "")
        and getattr(settings, "CONGSO_LICENCE_SIGNING_CERT", "")
    )


def pdf_sign(pdf: bytes, *, reason: str = "", location: str = "") -> bytes:
    """`pdf` with a PAdES signature of the configured key. Raises RuntimeError when no key
    is configured, and pyHanko's errors for an unreadable key or certificate."""
    if not signing_configured():
        raise RuntimeError("No signing key is configured.")
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    passphrase = getattr(settings, "CONGSO_LICENCE_SIGNING_KEY_PASSPHRASE", "") or None
    signer = signers.SimpleSigner.load(
        str(settings.CONGSO_LICENCE_SIGNING_KEY),
        str(settings.CONGSO_LICENCE_SIGNING_CERT),
        key_passphrase=passphrase.encode() if passphrase else None,
    )
    if signer is None:
        raise RuntimeError("The signing key or certificate could not be read.")
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name="Signature1",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
    )
    out = signers.sign_pdf(writer, meta, signer=signer)
    return out.getvalue()
