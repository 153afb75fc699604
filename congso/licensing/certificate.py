"""The licence certificate: an A4 PDF in the Decree 30/2020 layout (congso.core.documents),
with the national motto, the issuing agency and signer as printed on the licence, the
number, the place and date line, the title, the holder and the type's fields, and a QR
code to the verification page (number + HMAC token; verification.py). Signed with PAdES
when a key is configured (signing.py). The stored copy's SHA-256 is what the
verification page shows, so a forwarded copy can be checked against it."""

from __future__ import annotations

import hashlib

from congso.core.documents import Signer, render_pdf

from . import signing
from .models import Licence
from .verification import verification_url

TEMPLATE = "licensing/certificate/licence.html"
LICENCES_DIR = "licences"


def certificate_context(licence: Licence) -> dict:
    if licence.valid_to:
        valid_line = (
            f"Giấy phép có hiệu lực từ ngày {licence.valid_from:%d/%m/%Y} "
            f"đến hết ngày {licence.valid_to:%d/%m/%Y}."
        )
    else:
        valid_line = f"Giấy phép có hiệu lực kể từ ngày {licence.valid_from:%d/%m/%Y}."
    url = verification_url(licence)
    return {
        "issuer": {
            "name": licence.issuer_name,
            "superior": licence.issuer_superior,
            "place": licence.issuer_place,
        },
        "number": licence.number,
        "date": licence.issued_on,
        "title": licence.licence_type.title_vi,
        "licence": licence,
        "licence_type": licence.licence_type,
        "rows": licence.field_rows("vi"),
        "valid_line": valid_line,
        "supersedes": licence.supersedes,
        "signer": Signer(
            position=licence.signer_position,
            name=licence.signer_name,
            authority=licence.signer_authority,
        ),
        "recipients": [licence.holder_name],
        "archive": "VT",
        "qr_url": url,
        "qr_caption": "Quét mã để xác thực giấy phép",
    }


def certificate_render(licence: Licence) -> bytes:
    """The certificate's PDF, signed when a key is configured."""
    pdf = render_pdf(TEMPLATE, certificate_context(licence))
    if signing.signing_configured():
        pdf = signing.pdf_sign(
            pdf, reason=f"Giấy phép số {licence.number}", location=licence.issuer_place
        )
    return pdf


def certificate_store(licence: Licence) -> bytes:
    """Render the certificate, write it to the private storage and record its name,
    SHA-256 and whether it is signed. Returns the bytes."""
    from congso.dossiers import files

    pdf = certificate_render(licence)
    name = files.store_bytes(pdf, directory=f"{LICENCES_DIR}/{licence.year}", extension=".pdf")
    Licence.objects.filter(pk=licence.pk).update(
        file=name, sha256=hashlib.sha256(pdf).hexdigest(), signed=signing.signing_configured()
    )
    licence.refresh_from_db(fields=["file", "sha256", "signed"])
    return pdf
