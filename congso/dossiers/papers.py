"""The papers issued about a dossier (Circular 01/2018/TT-VPCP forms), rendered to PDF with
the document kit (congso.core.documents, Decree 30/2020 layout).

- Form 01 — receipt and appointment slip (at receipt), Form 02 — request for more
  documents, Form 03 — refusal, Form 04 — apology with a new date.
- Each paper is numbered inside the move's transaction (services._paper) and rendered
  after commit by the background task; the stored copy is what staff re-download and
  what the applicant's email carries.
- The tracking secret is never stored in clear, so the stored Form 01 prints it as
  "••••-••••-••••". The copy *given to the applicant* carries the secret: it is rendered
  on the spot, when the secret is known — at the desk, right after registration (the
  clerk's page posts the secret back, it is checked against the hash, the PDF is streamed
  and not kept), or after `dossier_reissue_secret`. Online applicants get their secret on
  the confirmation page.
- The QR code opens the public tracking page with the code filled in; it never carries
  the secret (a photo of the paper's QR code must not open the dossier).
"""

from __future__ import annotations

import hashlib

from django.utils import timezone

from congso.core.calendar import VN_TZ
from congso.core.documents import Signer, render_pdf
from congso.organization.selectors import leadership

from . import files
from .choices import IssuedDocumentKind
from .forms import answers_display
from .models import Dossier, IssuedDocument

TEMPLATES = {
    IssuedDocumentKind.FORM01: "dossiers/papers/form01.html",
    IssuedDocumentKind.FORM02: "dossiers/papers/form02.html",
    IssuedDocumentKind.FORM03: "dossiers/papers/form03.html",
    IssuedDocumentKind.FORM04: "dossiers/papers/form04.html",
}
# What the stored copy prints where the applicant's copy prints the tracking secret.
HIDDEN_CODE_MASK = "••••-••••-••••"


def _time_line(value) -> str:
    """ "09 giờ 30 phút, ngày 19 tháng 02 năm 2027" (the forms' wording)."""
    if value is None:
        return ""
    local = value.astimezone(VN_TZ)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d} tháng {local:%m} năm {local.year}"


def _signer_for(paper: IssuedDocument) -> Signer:
    event = paper.event
    name = event.actor_name if event else ""
    if paper.kind == IssuedDocumentKind.FORM04:
        # Circular 01/2018 Form 04: signed by the head of the agency handling the dossier.
        agency = paper.dossier.procedure_version.agency
        leader = leadership(agency, on=timezone.localdate()).first()
        if leader is not None:
            return Signer(position=leader.position_vi.upper(), name=leader.name_vi)
        return Signer(position="THỦ TRƯỞNG CƠ QUAN", name="")
    if paper.kind == IssuedDocumentKind.FORM02:
        return Signer(position="NGƯỜI HƯỚNG DẪN", name=name)
    return Signer(position="NGƯỜI TIẾP NHẬN HỒ SƠ", name=name)


def paper_context(paper: IssuedDocument, *, secret: str | None = None) -> dict:
    """The template context of a paper (always Vietnamese: an administrative document)."""
    from django.utils import translation

    from .selectors import tracking_url

    dossier: Dossier = paper.dossier
    version = dossier.procedure_version
    event = paper.event
    with translation.override("vi"):
        documents = [doc for doc in version.documents.all()]
        handed_in = list(dossier.documents.select_related("required_document").all())
        names = {doc.key: doc.name_vi for doc in documents}
        requested = (event.data or {}).get("documents", []) if event else []
        answers = answers_display(version, dossier.answers)
        time_limit = version.time_limit_display
    agency = version.agency
    return {
        "issuer": {
            "name": dossier.issuer_name,
            "superior": dossier.issuer_superior,
            "place": dossier.issuer_place,
        },
        "number": paper.number,
        "date": paper.created_at.astimezone(VN_TZ).date(),
        "dossier": dossier,
        "version": version,
        "procedure_name": version.name_vi,
        "procedure_code": version.procedure.code,
        "documents": documents,
        "handed_in": handed_in,
        "answers": answers,
        "time_limit": time_limit,
        "received_line": _time_line(dossier.received_at),
        "due_line": _time_line(dossier.due_at),
        "new_due_line": _time_line(
            dossier.new_due_at if paper.kind == IssuedDocumentKind.FORM04 else None
        ),
        "note": event.note if event else "",
        "event": event,
        "requested": [names.get(key, key) for key in requested],
        "supplement_due_on": (event.data or {}).get("due_on", "") if event else "",
        "late": bool((event.data or {}).get("late")) if event else False,
        "agency_phone": agency.phone,
        "agency_address": agency.address_vi,
        "secret": secret or HIDDEN_CODE_MASK,
        "applicant_copy": secret is not None,
        "tracking_url": tracking_url(dossier, language="vi"),
        "qr_url": tracking_url(dossier, language="vi"),
        "qr_caption": "Quét mã để tra cứu hồ sơ",
        "signer": _signer_for(paper),
        "recipients": [dossier.applicant_name] if paper.kind != IssuedDocumentKind.FORM01 else [],
        "archive": "Bộ phận TN&TKQ" if paper.kind != IssuedDocumentKind.FORM01 else "",
    }


def paper_render(paper: IssuedDocument, *, secret: str | None = None) -> bytes:
    """Render `paper` to PDF. Without `secret`: the stored copy (secret masked), written to
    the private storage and recorded on the row (file, SHA-256, rendered_at). With it: the
    applicant's copy of Form 01, returned and never stored."""
    pdf = render_pdf(TEMPLATES[paper.kind], paper_context(paper, secret=secret))
    if secret is not None:
        return pdf
    name = files.store_bytes(pdf, directory=files.dossier_dir(paper.dossier.uuid), extension=".pdf")
    paper.file = name
    paper.sha256 = hashlib.sha256(pdf).hexdigest()
    paper.rendered_at = timezone.now()
    paper.save(update_fields=["file", "sha256", "rendered_at"])
    return pdf


def applicant_slip(dossier: Dossier, secret: str) -> bytes:
    """The applicant's copy of the receipt slip (Form 01) with the tracking secret printed,
    for a dossier whose slip was issued. The caller has checked `secret` against the
    stored hash. Raises IssuedDocument.DoesNotExist before receipt."""
    paper = dossier.papers.select_related("event", "dossier__procedure_version__agency").get(
        kind=IssuedDocumentKind.FORM01
    )
    return paper_render(paper, secret=secret)
