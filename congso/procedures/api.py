"""API: the procedure catalogue (GET /api/v1/procedures, /api/v1/procedures/{code})."""

import datetime
from typing import Literal

from django.http import Http404
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema

from . import selectors
from .choices import OnlineLevel
from .models import ProcedureVersion

router = Router(tags=["procedures"])

Lang = Literal["vi", "en"]
Level = Literal[tuple(OnlineLevel.values)]  # type: ignore[valid-type]


class NotFoundOut(Schema):
    detail: str


class CatalogueIn(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Words to find in the code, names or field; accents and case ignored "
        "(`giay phep ban tin` finds *Cấp giấy phép xuất bản bản tin*).",
    )
    field: str = Field("", max_length=50, description="A field's code, e.g. `press`.")
    agency: str = Field("", max_length=50, description="An agency's code, e.g. `STTTT-BD`.")
    online_level: Level | None = Field(None, description="`full_process` or `partial`.")
    on: datetime.date | None = Field(
        None, description="The versions in force on this day (YYYY-MM-DD); today by default."
    )
    lang: Lang = "vi"
    page: int = Field(1, ge=1, le=10000)
    page_size: int = Field(20, ge=1, le=100)


class DetailIn(Schema):
    on: datetime.date | None = Field(
        None, description="The version in force on this day (YYYY-MM-DD); today by default."
    )
    lang: Lang = "vi"


class CodeName(Schema):
    code: str
    name: str


class TimeLimitOut(Schema):
    value: int
    unit: Literal["working_days", "days", "hours"]
    text: str = Field(description='As shown to readers: "20 ngày làm việc", "20 working days".')
    note: str
    verified: bool


class FeeOut(Schema):
    name: str
    amount_vnd: int | None = Field(description="Null while the amount is not known.")
    basis: str
    instrument: str | None = Field(description="The citation of the instrument setting it.")
    verified: bool


class LevelOut(Schema):
    code: str
    label: str


class VersionOut(Schema):
    valid_from: datetime.date
    valid_to: datetime.date | None


class ProcedureSummaryOut(Schema):
    code: str
    has_national_code: bool
    slug: str
    name: str
    field: CodeName
    agency: CodeName
    unit: str | None
    time_limit: TimeLimitOut
    fees: list[FeeOut]
    online_level: LevelOut
    verified: bool
    version: VersionOut
    url: str | None = Field(description="The procedure's public page in this language.")


class CatalogueOut(Schema):
    language: Lang
    on: datetime.date
    count: int
    page: int
    page_size: int
    items: list[ProcedureSummaryOut]


class DocumentOut(Schema):
    key: str
    name: str
    copy_kind: Literal["original", "certified_copy", "copy"]
    copies: int
    copies_text: str
    required: bool
    accepted_files: str
    template_url: str | None
    verified: bool


class ChoiceOut(Schema):
    value: str
    label: str


class ApplicationFieldOut(Schema):
    key: str
    label: str
    help: str
    type: Literal["text", "textarea", "integer", "date", "choice", "email", "phone"]
    required: bool
    choices: list[ChoiceOut]


class InstrumentOut(Schema):
    kind: str
    number: str
    issued_on: datetime.date | None
    title: str
    citation: str
    verified: bool


class LegalBasisOut(Schema):
    text: str
    provision: str
    instrument: InstrumentOut | None
    verified: bool


class ProcedureOut(ProcedureSummaryOut):
    language: Lang
    applicants: str
    conditions: str
    result: str
    steps: str
    documents: list[DocumentOut]
    application_fields: list[ApplicationFieldOut]
    legal_bases: list[LegalBasisOut]
    apply_url: str | None


def _summary(version: ProcedureVersion, page, request) -> dict:
    procedure = version.procedure
    return {
        "code": procedure.code,
        "has_national_code": procedure.has_national_code,
        "slug": procedure.slug,
        "name": version.name,
        "field": {"code": version.field.code, "name": version.field.name},
        "agency": {"code": version.agency.code, "name": version.agency.name},
        "unit": version.unit.name if version.unit_id else None,
        "time_limit": {
            "value": version.time_limit,
            "unit": version.time_limit_unit,
            "text": version.time_limit_display,
            "note": version.time_limit_note,
            "verified": version.time_limit_verified,
        },
        "fees": [
            {
                "name": fee.name,
                "amount_vnd": fee.amount,
                "basis": fee.basis,
                "instrument": fee.instrument.citation if fee.instrument_id else None,
                "verified": fee.verified,
            }
            for fee in version.fees.all()
        ],
        "online_level": {
            "code": version.online_level,
            "label": version.get_online_level_display(),
        },
        "verified": version.verified,
        "version": {"valid_from": version.valid_from, "valid_to": version.valid_to},
        "url": request.build_absolute_uri(page.procedure_url(procedure)) if page else None,
    }


@router.get("/procedures", response=CatalogueOut, summary="Procedure catalogue")
def procedure_list(request, params: Query[CatalogueIn]):
    """The procedures in force on `on` (today by default), one entry per procedure with
    the facts readers scan for: code, name, field, agency, time limit, fees, online level
    and whether the information is verified. Filtered by `q`, `field`, `agency` and
    `online_level` (all optional), ordered by field then name, `page_size` entries a page.
    Text is in the language asked for."""
    on = params.on or timezone.localdate()
    versions = selectors.procedures_in_force(
        on=on,
        q=params.q,
        field=params.field or None,
        agency=params.agency or None,
        online_level=params.online_level,
    )
    count = versions.count()
    start = (params.page - 1) * params.page_size
    page = selectors.procedure_index_page(params.lang)
    with translation.override(params.lang):
        return {
            "language": params.lang,
            "on": on,
            "count": count,
            "page": params.page,
            "page_size": params.page_size,
            "items": [
                _summary(v, page, request) for v in versions[start : start + params.page_size]
            ],
        }


@router.get(
    "/procedures/{code}",
    response={200: ProcedureOut, 404: NotFoundOut},
    summary="One procedure, in full",
)
def procedure_detail(request, code: str, params: Query[DetailIn]):
    """The version in force on `on` (today by default) of the procedure with this code
    (or slug): time limit and its unit, fees, required documents, application form
    fields, legal bases, each with its `verified` flag. 404 when there is no such
    procedure or none of its versions is in force on that day."""
    version = selectors.procedure_version_detail(code, on=params.on)
    if version is None:
        raise Http404("No such procedure in force on that day.")
    page = selectors.procedure_index_page(params.lang)
    with translation.override(params.lang):
        data = _summary(version, page, request)
        data.update(
            {
                "language": params.lang,
                "applicants": version.applicants,
                "conditions": version.conditions,
                "result": version.result,
                "steps": version.steps,
                "documents": [
                    {
                        "key": d.key,
                        "name": d.name,
                        "copy_kind": d.copy_kind,
                        "copies": d.copies,
                        "copies_text": d.copies_display,
                        "required": d.required,
                        "accepted_files": d.accepted_files,
                        "template_url": (
                            request.build_absolute_uri(d.template.url) if d.template else None
                        ),
                        "verified": d.verified,
                    }
                    for d in version.documents.all()
                ],
                "application_fields": [
                    {
                        "key": f.key,
                        "label": f.label,
                        "help": f.help,
                        "type": f.field_type,
                        "required": f.required,
                        "choices": [{"value": v, "label": label} for v, label in f.choice_list],
                    }
                    for f in version.application_fields.all()
                ],
                "legal_bases": [
                    {
                        "text": b.text,
                        "provision": b.provision,
                        "instrument": (
                            {
                                "kind": b.instrument.kind,
                                "number": b.instrument.number,
                                "issued_on": b.instrument.issued_on,
                                "title": b.instrument.title,
                                "citation": b.instrument.citation,
                                "verified": b.instrument.verified,
                            }
                            if b.instrument_id
                            else None
                        ),
                        "verified": b.is_verified,
                    }
                    for b in version.legal_bases.all()
                ],
                "apply_url": (
                    request.build_absolute_uri(page.apply_url(version.procedure)) if page else None
                ),
            }
        )
        return data
