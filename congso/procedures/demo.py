"""The schema of the procedure data file, its loader, and the catalogue pages.

The file (TOML, `data/procedures_2024.toml`) holds the procedures of LEGAL.md §5 with their
instruments. `procedures_data_load` is idempotent in the way of the organisation loader
(congso/organization/demo.py): it creates what is missing and leaves existing rows —
including edits made in the admin — alone unless `reset=True`; a locked version (one a
dossier refers to) is never rewritten. `procedures_demo_ensure` reads the default file,
loads it and makes sure the catalogue page exists in Vietnamese and English; `manage.py
load_demo` calls it after the organisation and the portal.
"""

import datetime
from pathlib import Path
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from pydantic import BaseModel, ConfigDict, Field, model_validator
from wagtail.models import Locale, Site

from congso.core.datafiles import LoadReport, toml_model_read
from congso.organization.choices import InstrumentKind
from congso.organization.models import ActivityField, Agency, LegalInstrument, Unit
from congso.portal.models import HomePage

from .choices import ApplicationFieldType, CopyKind, OnlineLevel, TimeLimitUnit
from .models import (
    ApplicationField,
    LegalBasis,
    Procedure,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedureVersion,
    RequiredDocument,
)

DEFAULT_DATA_FILE = Path(__file__).parent / "data" / "procedures_2024.toml"

Text = Annotated[str, Field(max_length=20000)]
Line = Annotated[str, Field(max_length=255)]
Required = Annotated[str, Field(min_length=1, max_length=500)]
Key = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=80)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-]*$", max_length=40)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class InstrumentIn(_Strict):
    key: Key
    kind: Literal[tuple(InstrumentKind.values)]  # type: ignore[valid-type]
    number: Annotated[str, Field(min_length=1, max_length=80)]
    issued_on: datetime.date | None = None
    issuer_vi: Line = ""
    issuer_en: Line = ""
    title_vi: Text = ""
    title_en: Text = ""
    verified: bool = True


class FieldIn(_Strict):
    code: Key
    name_vi: Annotated[str, Field(min_length=1, max_length=150)]
    name_en: Annotated[str, Field(min_length=1, max_length=150)]


class FeeIn(_Strict):
    name_vi: Required
    name_en: Required
    amount: Annotated[int, Field(ge=0)] | None = None
    basis_vi: Text = ""
    basis_en: Text = ""
    instrument: str = ""
    verified: bool = True


class DocumentIn(_Strict):
    key: Key
    name_vi: Required
    name_en: Required
    copy_kind: Literal[tuple(CopyKind.values)] = CopyKind.ORIGINAL.value  # type: ignore[valid-type]
    copies: Annotated[int, Field(ge=1, le=99)] = 1
    required: bool = True
    accepted_files_vi: Line = ""
    accepted_files_en: Line = ""
    verified: bool = True


class ApplicationFieldIn(_Strict):
    key: Key
    label_vi: Required
    label_en: Required
    help_vi: Line = ""
    help_en: Line = ""
    type: Literal[tuple(ApplicationFieldType.values)] = "text"  # type: ignore[valid-type]
    choices: list[Annotated[str, Field(pattern=r"^[^|]+\|[^|]+\|[^|]+$")]] = []
    required: bool = True


class LegalBasisIn(_Strict):
    instrument: str = ""
    provision_vi: Line = ""
    provision_en: Line = ""
    citation_vi: Text = ""
    citation_en: Text = ""
    verified: bool = True


class ProcedureIn(_Strict):
    code: Code
    has_national_code: bool
    slug: Slug
    name_vi: Required
    name_en: Required
    field: Key
    unit: str = ""
    time_limit: Annotated[int, Field(ge=1, le=3650)]
    time_limit_unit: Literal[tuple(TimeLimitUnit.values)]  # type: ignore[valid-type]
    time_limit_note_vi: Text = ""
    time_limit_note_en: Text = ""
    time_limit_verified: bool = True
    applicants_vi: Annotated[str, Field(min_length=1, max_length=20000)]
    applicants_en: Text = ""
    conditions_vi: Text = ""
    conditions_en: Text = ""
    result_vi: Required
    result_en: Annotated[str, Field(max_length=500)] = ""
    online_level: Literal[tuple(OnlineLevel.values)]  # type: ignore[valid-type]
    steps_vi: Text = ""
    steps_en: Text = ""
    verified: bool = True
    verification_note: Text = ""
    fees: list[FeeIn] = []
    # Left out: the file's `default_documents`, flagged unverified.
    documents: list[DocumentIn] | None = None
    application_fields: list[ApplicationFieldIn] = []
    legal_bases: list[LegalBasisIn] = []


class DefaultsIn(_Strict):
    steps_vi: Text = ""
    steps_en: Text = ""
    documents: list[DocumentIn] = []


class ProceduresFile(_Strict):
    """The whole file. Cross-references and the consistency of the `verified` flags are
    checked here, so that a bad file is refused before anything is written."""

    source: str = ""
    agency: Key
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    instruments: list[InstrumentIn] = []
    fields: list[FieldIn] = []
    defaults: DefaultsIn = DefaultsIn()
    procedures: list[ProcedureIn]

    @model_validator(mode="after")
    def _check(self) -> "ProceduresFile":
        problems: list[str] = []
        instruments = {i.key for i in self.instruments}

        def unique(values, where):
            seen = set()
            for v in values:
                if v in seen:
                    problems.append(f"{where}: '{v}' appears twice")
                seen.add(v)

        unique([i.key for i in self.instruments], "instruments")
        unique([f.code for f in self.fields], "fields")
        unique([p.code for p in self.procedures], "procedures codes")
        unique([p.slug for p in self.procedures], "procedures slugs")
        if self.valid_to and self.valid_to < self.valid_from:
            problems.append("valid_to: before valid_from")
        for d in self.defaults.documents:
            if d.verified:
                problems.append(
                    f"defaults.documents '{d.key}': a default document is a guess; "
                    "set verified = false"
                )
        for n, p in enumerate(self.procedures):
            where = f"procedures[{n}]"
            for m, fee in enumerate(p.fees):
                if fee.instrument and fee.instrument not in instruments:
                    problems.append(
                        f"{where}.fees[{m}].instrument: unknown instrument '{fee.instrument}'"
                    )
            for m, basis in enumerate(p.legal_bases):
                if basis.instrument and basis.instrument not in instruments:
                    problems.append(
                        f"{where}.legal_bases[{m}].instrument: "
                        f"unknown instrument '{basis.instrument}'"
                    )
                if not basis.instrument and not basis.citation_vi:
                    problems.append(
                        f"{where}.legal_bases[{m}]: give an instrument or a citation_vi"
                    )
            documents = p.documents if p.documents is not None else self.defaults.documents
            unique([d.key for d in documents], f"{where}.documents keys")
            unique([f.key for f in p.application_fields], f"{where}.application_fields keys")
            for m, af in enumerate(p.application_fields):
                if (af.type == "choice") != bool(af.choices):
                    problems.append(
                        f"{where}.application_fields[{m}].choices: "
                        "a choice needs choices, and only a choice has them"
                    )
            unverified = (
                not p.time_limit_verified
                or any(not f.verified for f in p.fees)
                or any(not d.verified for d in documents)
                or any(not b.verified for b in p.legal_bases)
                or any(
                    b.instrument and not _instrument_verified(self, b.instrument)
                    for b in p.legal_bases
                )
            )
            # LEGAL.md: items marked "(verify)" are loaded and flagged as unverified.
            if unverified and p.verified:
                problems.append(
                    f"{where}.verified: must be false, some of its facts are unverified"
                )
            if not p.verified and not p.verification_note:
                problems.append(f"{where}.verification_note: say what to verify")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _instrument_verified(data: ProceduresFile, key: str) -> bool:
    return next((i.verified for i in data.instruments if i.key == key), True)


class ProcedureDataError(Exception):
    """The data file cannot be read, does not match the schema, or a row of it was
    refused by the database's rules. The message names the file, the place in it and the
    problem; nothing was written."""


def procedures_data_read(path: Path) -> ProceduresFile:
    """Parse and validate `path`. Raises ProcedureDataError naming file, place, problem."""
    return toml_model_read(path, ProceduresFile, ProcedureDataError)


class _RowError(Exception):
    def __init__(self, where: str, error: ValidationError):
        if hasattr(error, "error_dict"):
            detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        else:
            detail = " ".join(error.messages)
        super().__init__(f"{where}: {detail}")


def _clean(obj, where: str, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        raise _RowError(where, exc) from exc


def _sync(model, lookup: dict, values: dict, *, reset: bool, report: LoadReport, where: str):
    """Create the row when missing; overwrite it only when resetting; else keep it.
    Returns (row, created)."""
    with translation.override("en"):
        kind = str(model._meta.verbose_name)
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        _clean(obj, where)
        obj.save()
        report.count("created", kind)
        return obj, True
    if reset and any(getattr(obj, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(obj, k, v)
        _clean(obj, where)
        obj.save()
        report.count("updated", kind)
    else:
        report.count("kept", kind)
    return obj, False


def procedures_data_load(
    data: ProceduresFile, *, reset: bool = False, path: Path = DEFAULT_DATA_FILE
) -> LoadReport:
    """Write a validated file to the database in one transaction.

    Guarantees: a second run with the same file changes nothing; existing rows are kept
    (admin edits survive) unless `reset`, which sets instruments, procedures and unlocked
    versions (with their fees, documents, application fields and legal bases) back to the
    file; a locked version is never rewritten. Raises ProcedureDataError naming `path` and
    the row's place when the database's rules refuse a row (unknown agency, unit or field,
    overlapping versions…); the transaction is then rolled back and nothing is written.
    """
    try:
        with transaction.atomic():
            return _load(data, reset=reset)
    except _RowError as exc:
        raise ProcedureDataError(f"{path}: {exc}") from exc


def _load(data: ProceduresFile, *, reset: bool) -> LoadReport:
    report = LoadReport()
    agency = Agency.objects.filter(code=data.agency).first()
    if agency is None:
        raise _RowError("agency", ValidationError(f"unknown agency '{data.agency}'"))

    instruments = {}
    for n, i in enumerate(data.instruments):
        instruments[i.key], _ = _sync(
            LegalInstrument,
            {"key": i.key},
            i.model_dump(exclude={"key"}),
            reset=reset,
            report=report,
            where=f"instruments[{n}]",
        )

    # Fields the organisation file does not have (e.g. electronic information) are created
    # when missing; an existing field is never changed from here.
    for n, f in enumerate(data.fields):
        if not ActivityField.objects.filter(code=f.code).exists():
            row = ActivityField(
                code=f.code, name_vi=f.name_vi, name_en=f.name_en, sort_order=100 + n
            )
            _clean(row, f"fields[{n}]")
            row.save()
            report.count("created", "field of activity")
    fields = {f.code: f for f in ActivityField.objects.all()}
    units = {u.key: u for u in Unit.objects.filter(agency=agency)}

    for n, p in enumerate(data.procedures):
        where = f"procedures[{n}]"
        if p.field not in fields:
            raise _RowError(f"{where}.field", ValidationError(f"unknown field '{p.field}'"))
        if p.unit and p.unit not in units:
            raise _RowError(f"{where}.unit", ValidationError(f"unknown unit '{p.unit}'"))
        procedure, _ = _sync(
            Procedure,
            {"code": p.code},
            {"has_national_code": p.has_national_code, "slug": p.slug},
            reset=reset,
            report=report,
            where=where,
        )
        values = {
            "valid_to": data.valid_to,
            "name_vi": p.name_vi,
            "name_en": p.name_en,
            "field": fields[p.field],
            "agency": agency,
            "unit": units.get(p.unit) if p.unit else None,
            "time_limit": p.time_limit,
            "time_limit_unit": p.time_limit_unit,
            "time_limit_note_vi": p.time_limit_note_vi,
            "time_limit_note_en": p.time_limit_note_en,
            "time_limit_verified": p.time_limit_verified,
            "applicants_vi": p.applicants_vi,
            "applicants_en": p.applicants_en,
            "conditions_vi": p.conditions_vi,
            "conditions_en": p.conditions_en,
            "result_vi": p.result_vi,
            "result_en": p.result_en,
            "online_level": p.online_level,
            "steps_vi": p.steps_vi or data.defaults.steps_vi,
            "steps_en": p.steps_en or data.defaults.steps_en,
            "verified": p.verified,
            "verification_note": p.verification_note,
        }
        existing = ProcedureVersion.objects.filter(
            procedure=procedure, valid_from=data.valid_from
        ).first()
        if existing is not None and existing.is_locked:
            report.count("kept", "procedure version")
            continue
        version, created = _sync(
            ProcedureVersion,
            {"procedure": procedure, "valid_from": data.valid_from},
            values,
            reset=reset,
            report=report,
            where=where,
        )
        if created or reset:
            documents = p.documents if p.documents is not None else data.defaults.documents
            _sync_children(version, p, documents, instruments, where=where, report=report)
    return report


def _children_wanted(p: ProcedureIn, documents, instruments) -> dict[str, list[dict]]:
    def pk(key):
        return instruments[key].pk if key else None

    return {
        "fees": [
            {
                "name_vi": f.name_vi,
                "name_en": f.name_en,
                "amount": f.amount,
                "basis_vi": f.basis_vi,
                "basis_en": f.basis_en,
                "instrument_id": pk(f.instrument),
                "verified": f.verified,
            }
            for f in p.fees
        ],
        "documents": [
            {
                "key": d.key,
                "name_vi": d.name_vi,
                "name_en": d.name_en,
                "copy_kind": d.copy_kind,
                "copies": d.copies,
                "required": d.required,
                "accepted_files_vi": d.accepted_files_vi,
                "accepted_files_en": d.accepted_files_en,
                "verified": d.verified,
            }
            for d in documents
        ],
        "application_fields": [
            {
                "key": a.key,
                "label_vi": a.label_vi,
                "label_en": a.label_en,
                "help_vi": a.help_vi,
                "help_en": a.help_en,
                "field_type": a.type,
                "choices": "\n".join(a.choices),
                "required": a.required,
            }
            for a in p.application_fields
        ],
        "legal_bases": [
            {
                "instrument_id": pk(b.instrument),
                "provision_vi": b.provision_vi,
                "provision_en": b.provision_en,
                "citation_vi": b.citation_vi,
                "citation_en": b.citation_en,
                "verified": b.verified,
            }
            for b in p.legal_bases
        ],
    }


_CHILDREN = {
    "fees": ProcedureFee,
    "documents": RequiredDocument,
    "application_fields": ApplicationField,
    "legal_bases": LegalBasis,
}


def _sync_children(version, p, documents, instruments, *, where, report) -> None:
    """Make each inline of `version` exactly the file's (rewritten only when it differs,
    so a reset of an unchanged file changes nothing)."""
    for relation, rows in _children_wanted(p, documents, instruments).items():
        model = _CHILDREN[relation]
        existing = getattr(version, relation).order_by("sort_order")
        if rows:
            names = list(rows[0])
            current = [dict(zip(names, v, strict=True)) for v in existing.values_list(*names)]
            if current == rows:
                continue
        elif not existing.exists():
            continue
        getattr(version, relation).all().delete()
        for m, values in enumerate(rows):
            child = model(version=version, sort_order=m, **values)
            _clean(child, f"{where}.{relation}[{m}]", exclude=["version"])
            child.save()
            with translation.override("en"):
                report.count("created", str(model._meta.verbose_name))


# --- The catalogue pages ---------------------------------------------------------------

INDEX_PAGE = {
    "vi": {"title": "Thủ tục hành chính", "slug": "thu-tuc-hanh-chinh"},
    "en": {"title": "Administrative procedures", "slug": "procedures"},
}


def procedure_pages_ensure() -> dict[str, ProcedureIndexPage]:
    """Make sure the catalogue page exists, live and shown in menus, under the default
    site's home page in Vietnamese and under its English translation.

    Idempotent: an existing page (found by slug under the home page) is kept as editors
    left it; a missing one is created and published, the English one as the translation
    of the Vietnamese one. Returns {"vi": page, "en": page} (a language without a home
    page is left out).
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not isinstance(site.root_page.specific, HomePage):
        return {}
    home_vi = site.root_page.specific
    pages: dict[str, ProcedureIndexPage] = {}
    for language, home in (("vi", home_vi), ("en", None)):
        if home is None:
            locale = Locale.objects.filter(language_code=language).first()
            home = home_vi.get_translation_or_none(locale) if locale else None
            if home is None:
                continue
        spec = INDEX_PAGE[language]
        page = home.get_children().filter(slug=spec["slug"]).first()
        if page is None:
            extra = {}
            if "vi" in pages:
                extra["translation_key"] = pages["vi"].translation_key
            page = home.add_child(
                instance=ProcedureIndexPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    locale=home.locale,
                    show_in_menus=True,
                    live=False,
                    search_description=_DESCRIPTION[language],
                    **extra,
                )
            )
            page.save_revision().publish()
        pages[language] = page.specific
    return pages


_DESCRIPTION = {
    "vi": "Tra cứu thủ tục hành chính: đối tượng, phí, thời hạn, hồ sơ cần nộp và cách nộp.",
    "en": "Find an administrative procedure: who can apply, fees, time limit, documents "
    "and how to apply.",
}


@transaction.atomic
def procedures_demo_ensure(*, path: Path | None = None, reset: bool = False) -> LoadReport:
    """Load the procedure data file (`DEFAULT_DATA_FILE` unless `path`) and make sure the
    catalogue pages exist (after the organisation and the portal's page tree). Idempotent;
    raises ProcedureDataError (and writes nothing) when the file is malformed or a row is
    refused."""
    path = path or DEFAULT_DATA_FILE
    report = procedures_data_load(procedures_data_read(path), reset=reset, path=path)
    procedure_pages_ensure()
    return report
