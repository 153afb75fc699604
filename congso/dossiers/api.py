"""API: dossiers (POST /api/v1/dossiers, GET /api/v1/dossiers/{code},
POST /api/v1/dossiers/{code}/supplements).

- Submitting is `multipart/form-data`: the procedure's code, the applicant's fields,
  `answers` as a JSON object keyed by the procedure's question keys, and one file field
  per required document, named by the document's key (`GET /api/v1/procedures/{code}`
  lists the keys and questions). The same checks as the web form: content-checked files,
  size limits, the same messages.
- `Idempotency-Key` header: a retry with the same key and the same request returns the
  same dossier (201 the first time, 200 after, with the same body for 24 hours — the
  tracking secret included, kept in the cache meanwhile); the same key with a different
  request is refused (409).
- Reading and supplementing need the tracking secret (or the applicant's ID number / tax
  code) in the `X-Tracking-Secret` header. A wrong secret and an unknown code both get
  404 with the same body. These look-ups are rate-limited per client address (429).
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext
from ninja import Field, Form, Header, Router, Schema
from ninja import Status as Answer  # (status code, body); the name Status is a dossier's

from congso.core.errors import ApplicationError
from congso.procedures import selectors as procedure_selectors

from . import files, ratelimit, selectors
from .choices import Status
from .exceptions import IdempotencyConflict
from .models import Dossier
from .services import OTHER_SLOT, IncomingFile, dossier_submit, dossier_supplement

router = Router(tags=["dossiers"])

REPLAY_SECONDS = 24 * 60 * 60


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Messages per field (`answers.<key>`, `documents.<key>`)."
    )


class CodeName(Schema):
    code: str
    name: str


class StatusOut(Schema):
    code: str = Field(description="Our status: submitted, received, supplement_requested, …")
    label: str
    text: str = Field(description='In plain words, e.g. "Đang xử lý — còn 4 ngày làm việc".')
    national: int = Field(description="The national portal's status, 1–10 (LEGAL.md §4).")
    national_label: str


class NeededOut(Schema):
    documents: list[str]
    note: str
    due_on: datetime.date | None


class EventOut(Schema):
    action: str
    label: str
    at: datetime.datetime
    note: str


class DossierCreatedOut(Schema):
    code: str
    procedure: CodeName
    status: StatusOut
    submitted_at: datetime.datetime
    expected_due_at: datetime.datetime = Field(
        description="The due date if the one-stop desk received it at submission; the real "
        "one counts from receipt."
    )
    tracking_secret: str | None = Field(
        description="Shown once: keep it. Null on a replay after the replay window."
    )
    tracking_url: str


class DossierOut(Schema):
    code: str
    procedure: CodeName
    status: StatusOut
    applicant: str = Field(description="The applicant's name, masked for an individual.")
    submitted_at: datetime.datetime
    received_at: datetime.datetime | None
    due_at: datetime.datetime | None
    promised_at: datetime.datetime | None = Field(
        description="The due date, or the new date of an apology letter."
    )
    finished_at: datetime.datetime | None
    outcome_timing: str = Field(description="early, on_time, late, or empty.")
    needed: NeededOut | None = Field(description="What the desk asked for, while it waits for it.")
    events: list[EventOut]


class DossierIn(Schema):
    procedure: str = Field(description="The procedure's code, e.g. 1.009374.")
    applicant_kind: str = Field(description="individual or organisation")
    applicant_name: str
    applicant_id_number: str = Field("", description="12 digits (individuals)")
    applicant_tax_code: str = Field("", description="10 digits or 0123456789-001 (organisations)")
    applicant_address: str
    applicant_phone: str
    applicant_email: str = ""
    answers: str = Field("{}", description='A JSON object: {"newsletter_name": "…", "pages": 16}')
    lang: str = Field("vi", description="vi or en: the language of the letters and emails.")


def _status(dossier: Dossier) -> dict:
    state = selectors.public_status(dossier)
    return {
        "code": dossier.status,
        "label": dossier.get_status_display(),
        "text": state["headline"],
        "national": int(dossier.national_status),
        "national_label": str(dossier.national_status.label),
    }


def _created_body(dossier: Dossier, secret: str | None, language: str) -> dict:
    version = dossier.procedure_version
    return {
        "code": dossier.code,
        "procedure": {"code": version.procedure.code, "name": version.name},
        "status": _status(dossier),
        "submitted_at": dossier.submitted_at,
        "expected_due_at": selectors.expected_due_at(version, now=dossier.submitted_at),
        "tracking_secret": secret,
        "tracking_url": selectors.tracking_url(dossier, language=language),
    }


def _dossier_body(dossier: Dossier) -> dict:
    state = selectors.public_status(dossier)
    needed = None
    if dossier.status == Status.SUPPLEMENT_REQUESTED:
        needed = {"documents": state["needed"], "note": state["note"], "due_on": state["due_on"]}
    version = dossier.procedure_version
    return {
        "code": dossier.code,
        "procedure": {"code": version.procedure.code, "name": version.name},
        "status": _status(dossier),
        "applicant": dossier.masked_applicant_name,
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "promised_at": dossier.promised_at,
        "finished_at": dossier.finished_at,
        "outcome_timing": dossier.outcome_timing,
        "needed": needed,
        "events": [
            {
                "action": e.action,
                "label": e.get_action_display(),
                "at": e.created_at,
                "note": e.public_note,
            }
            for e in selectors.public_events(dossier)
        ],
    }


def _not_found() -> tuple[int, dict]:
    return Answer(
        404, {"detail": gettext("No application matches this code and secret."), "errors": {}}
    )


def _too_many() -> tuple[int, dict]:
    return Answer(
        429,
        {
            "detail": gettext("Too many look-ups from your address; try again in a minute."),
            "errors": {},
        },
    )


def _validation(error: ValidationError) -> tuple[int, dict]:
    return Answer(
        422,
        {
            "detail": gettext("The application has errors; see each field."),
            "errors": {key: list(messages) for key, messages in error.message_dict.items()},
        },
    )


def _checked_uploads(request, keys: list[str]) -> tuple[list[IncomingFile], dict[str, list[str]]]:
    incoming, errors = [], {}
    for name in request.FILES:
        if name not in keys:
            errors[f"documents.{name}"] = [
                gettext("This procedure asks for no document “%(key)s”.") % {"key": name}
            ]
    for key in keys:
        for upload in request.FILES.getlist(key):
            try:
                incoming.append(IncomingFile(slot_key=key, checked=files.check_upload(upload)))
            except ApplicationError as error:
                errors.setdefault(f"documents.{key}", []).append(error.message)
    return incoming, errors


def _fingerprint(data: dict, answers, incoming: list[IncomingFile]) -> str:
    body = {
        "fields": {k: v for k, v in sorted(data.items()) if k != "answers"},
        "answers": answers,
        "files": sorted((item.slot_key, item.checked.sha256) for item in incoming),
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def _replay_key(key: str) -> str:
    return "congso:dossiers:replay:" + hashlib.sha256(key.encode()).hexdigest()


MULTIPART_DOC = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [
                        "procedure",
                        "applicant_kind",
                        "applicant_name",
                        "applicant_address",
                        "applicant_phone",
                    ],
                    "properties": {
                        **{
                            name: {"type": "string", "description": field.description or ""}
                            for name, field in DossierIn.model_fields.items()
                        },
                        "<document key>": {
                            "type": "string",
                            "format": "binary",
                            "description": "One field per required document, named by its key "
                            "(e.g. declaration): a PDF, JPEG, PNG or DOCX file of at most 10 MB; "
                            "50 MB per application.",
                        },
                    },
                }
            }
        }
    }
}


@router.post(
    "/dossiers",
    response={
        201: DossierCreatedOut,
        200: DossierCreatedOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Submit an application",
    openapi_extra=MULTIPART_DOC,
)
def dossier_create(
    request,
    data: Form[DossierIn],
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=200),
):
    """Submit an online application under the procedure's version in force today. The
    due date counts from receipt by the one-stop desk; `expected_due_at` says when it
    would fall if received at submission. Answers 201 with the code and the tracking
    secret (shown once), 200 for a replay of the same Idempotency-Key, 409 when that key
    was used for another request, 422 with messages per field, 404 for an unknown
    procedure."""
    language = data.lang if data.lang in ("vi", "en") else "vi"
    with translation.override(language):
        version = procedure_selectors.procedure_version_detail(data.procedure)
        if version is None:
            return Answer(
                404,
                {
                    "detail": gettext("No procedure with this code is in force."),
                    "errors": {},
                },
            )
        try:
            answers = json.loads(data.answers or "{}")
            if not isinstance(answers, dict):
                raise ValueError
        except ValueError:
            return Answer(
                422,
                {
                    "detail": gettext("The application has errors; see each field."),
                    "errors": {"answers": [gettext("Send the answers as a JSON object.")]},
                },
            )
        keys = [doc.key for doc in version.documents.all()]
        incoming, file_errors = _checked_uploads(request, keys)
        if file_errors:
            return Answer(
                422,
                {
                    "detail": gettext("The application has errors; see each field."),
                    "errors": file_errors,
                },
            )
        fingerprint = _fingerprint(data.model_dump(), answers, incoming)
        key = f"api:{idempotency_key}" if idempotency_key else None
        if key:
            existing = Dossier.objects.filter(idempotency_key=key).first()
            if existing is not None:
                if existing.idempotency_fingerprint != fingerprint:
                    return Answer(
                        409,
                        {
                            "detail": gettext(
                                "This Idempotency-Key was already used for a different application."
                            ),
                            "errors": {},
                        },
                    )
                return Answer(
                    200, cache.get(_replay_key(key)) or _created_body(existing, None, language)
                )
        applicant = {
            name: getattr(data, name)
            for name in (
                "applicant_kind",
                "applicant_name",
                "applicant_id_number",
                "applicant_tax_code",
                "applicant_address",
                "applicant_phone",
                "applicant_email",
            )
        }
        try:
            result = dossier_submit(
                version=version,
                applicant=applicant,
                answers=answers,
                documents=incoming,
                language=language,
                idempotency_key=key,
                fingerprint=fingerprint,
                strict_answers=True,
            )
        except IdempotencyConflict as error:
            return Answer(409, {"detail": error.message, "errors": {}})
        except ValidationError as error:
            return _validation(error)
        except ApplicationError as error:
            return Answer(422, {"detail": error.message, "errors": {}})
        body = _created_body(result.dossier, result.secret, language)
        if not result.created:
            return Answer(200, cache.get(_replay_key(key)) or body)
        if key:
            cache.set(_replay_key(key), body, REPLAY_SECONDS)
        return Answer(201, body)


def _lookup(request, code: str, secret: str | None):
    if not ratelimit.hit(request, scope="api"):
        return None, _too_many()
    dossier = selectors.dossier_lookup(code, secret or "")
    if dossier is None:
        return None, _not_found()
    return selectors.dossier_detail_public(dossier.code), None


@router.get(
    "/dossiers/{code}",
    response={200: DossierOut, 404: ErrorOut, 429: ErrorOut},
    summary="An application's status",
)
def dossier_read(
    request,
    code: str,
    x_tracking_secret: str | None = Header(None, alias="X-Tracking-Secret", max_length=40),
    lang: str = "vi",
):
    """The status of an application, its public timeline, due date and what is needed,
    with the tracking secret (or the applicant's ID number / tax code) in the
    `X-Tracking-Secret` header. 404 — the same body — for an unknown code and for a wrong
    secret; 429 over the look-up limit."""
    with translation.override(lang if lang in ("vi", "en") else "vi"):
        dossier, error = _lookup(request, code, x_tracking_secret)
        if error:
            return error
        return Answer(200, _dossier_body(dossier))


@router.post(
    "/dossiers/{code}/supplements",
    response={200: DossierOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Supply documents the desk asked for",
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "note": {"type": "string"},
                            "<document key>": {
                                "type": "string",
                                "format": "binary",
                                "description": "One field per document asked for, named by its "
                                "key (`other` when the request named none).",
                            },
                        },
                    }
                }
            }
        }
    },
)
def dossier_supplements(
    request,
    code: str,
    x_tracking_secret: str | None = Header(None, alias="X-Tracking-Secret", max_length=40),
    lang: str = "vi",
):
    """Upload the documents a request for more documents (Form 02) asked for; the
    dossier goes back where it was and its clock resumes. 409 when no request is open."""
    with translation.override(lang if lang in ("vi", "en") else "vi"):
        dossier, error = _lookup(request, code, x_tracking_secret)
        if error:
            return error
        if dossier.status != Status.SUPPLEMENT_REQUESTED:
            return Answer(
                409,
                {
                    "detail": gettext("No documents are asked for on this application now."),
                    "errors": {},
                },
            )
        keys = list((dossier.supplement_request or {}).get("documents") or []) or [OTHER_SLOT]
        incoming, file_errors = _checked_uploads(request, keys)
        if file_errors:
            return Answer(
                422,
                {
                    "detail": gettext("The application has errors; see each field."),
                    "errors": file_errors,
                },
            )
        try:
            dossier_supplement(
                dossier=dossier,
                documents=incoming,
                note=request.POST.get("note", "")[:2000],
                applicant=True,
            )
        except ValidationError as error:
            return _validation(error)
        except ApplicationError as error:
            return Answer(409, {"detail": error.message, "errors": {}})
        return Answer(200, _dossier_body(selectors.dossier_detail_public(dossier.code)))
