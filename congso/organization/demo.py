"""The schema of the organisation data file, and the loader that writes it.

The file (TOML, e.g. `data/binh_duong_dic_2021.toml`) holds an agency as published: its
instruments, fields of activity, units, officials and mandate, in Vietnamese and English.
`organization_data_load` is idempotent: it creates what is missing and leaves every
existing row alone — including edits made in the admin — unless `reset=True`.
"""

import datetime
from pathlib import Path
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from pydantic import BaseModel, ConfigDict, Field, model_validator

from congso.core.datafiles import LoadReport, toml_model_read

from .choices import InstrumentKind, LineageKind, MandateItemKind, UnitKind
from .models import (
    ActivityField,
    Agency,
    AgencyEvent,
    LegalInstrument,
    Mandate,
    MandateItem,
    MandateSubItem,
    Official,
    Unit,
    UnitPhone,
)

DEFAULT_DATA_FILE = Path(__file__).parent / "data" / "binh_duong_dic_2021.toml"

Text = Annotated[str, Field(max_length=20000)]
Line = Annotated[str, Field(max_length=255)]
Key = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$", max_length=80)]


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


class EventIn(_Strict):
    kind: Literal[tuple(LineageKind.values)]  # type: ignore[valid-type]
    date: datetime.date
    successor_vi: Line = ""
    successor_en: Line = ""
    instrument: str = ""
    description_vi: Text = ""
    description_en: Text = ""
    verified: bool = True


class AgencyIn(_Strict):
    code: Key
    name_vi: Annotated[str, Field(min_length=1, max_length=255)]
    name_en: Line = ""
    short_name_vi: Line = ""
    short_name_en: Line = ""
    abbreviation: Annotated[str, Field(max_length=30)] = ""
    superior_vi: Line = ""
    superior_en: Line = ""
    address_vi: Line = ""
    address_en: Line = ""
    phone: Annotated[str, Field(max_length=60)] = ""
    fax: Annotated[str, Field(max_length=60)] = ""
    email: Annotated[str, Field(max_length=254)] = ""
    website: Line = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    history_vi: Text = ""
    history_en: Text = ""
    events: list[EventIn] = []


class UnitIn(_Strict):
    key: Key
    kind: Literal[tuple(UnitKind.values)]  # type: ignore[valid-type]
    name_vi: Annotated[str, Field(min_length=1, max_length=255)]
    name_en: Line = ""
    phones: list[Annotated[str, Field(min_length=1, max_length=60)]] = []
    email: Annotated[str, Field(max_length=254)] = ""
    functions_vi: Text = ""
    functions_en: Text = ""


class OfficialIn(_Strict):
    key: Key
    honorific_vi: Annotated[str, Field(max_length=20)] = ""
    honorific_en: Annotated[str, Field(max_length=20)] = ""
    name_vi: Annotated[str, Field(min_length=1, max_length=150)]
    name_en: Annotated[str, Field(max_length=150)] = ""
    position_vi: Annotated[str, Field(min_length=1, max_length=150)]
    position_en: Annotated[str, Field(max_length=150)] = ""
    unit: str = ""
    email: Annotated[str, Field(max_length=254)] = ""
    phone: Annotated[str, Field(max_length=60)] = ""
    bio_vi: Text = ""
    bio_en: Text = ""
    duties_vi: Text = ""
    duties_en: Text = ""


class SubItemIn(_Strict):
    letter: Annotated[str, Field(pattern=r"^[a-zđ]{1,3}$")]
    text_vi: Annotated[str, Field(min_length=1, max_length=20000)]
    text_en: Annotated[str, Field(min_length=1, max_length=20000)]
    fields: list[str] = []


class ItemIn(_Strict):
    number: Annotated[int, Field(ge=1, le=999)]
    text_vi: Annotated[str, Field(min_length=1, max_length=20000)]
    text_en: Annotated[str, Field(min_length=1, max_length=20000)]
    fields: list[str] = []
    items: list[SubItemIn] = []


class MandateIn(_Strict):
    instrument: str
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    functions_vi: Annotated[str, Field(min_length=1)]
    functions_en: Annotated[str, Field(min_length=1)]
    tasks: list[ItemIn]
    powers: list[ItemIn] = []


class OrganizationFile(_Strict):
    """The whole file. Cross-references (instrument keys, field codes, unit keys) and
    numbering are checked here so that a bad file is refused before anything is written."""

    source: str = ""
    instruments: list[InstrumentIn] = []
    fields: list[FieldIn] = []
    agency: AgencyIn
    units: list[UnitIn] = []
    officials: list[OfficialIn] = []
    mandate: MandateIn | None = None

    @model_validator(mode="after")
    def _check_references(self) -> "OrganizationFile":
        problems: list[str] = []
        instruments = {i.key for i in self.instruments}
        codes = {f.code for f in self.fields}
        unit_keys = {u.key for u in self.units}

        def unique(values, where):
            seen = set()
            for v in values:
                if v in seen:
                    problems.append(f"{where}: '{v}' appears twice")
                seen.add(v)

        unique([i.key for i in self.instruments], "instruments")
        unique([f.code for f in self.fields], "fields")
        unique([u.key for u in self.units], "units")
        unique([o.key for o in self.officials], "officials")
        for n, event in enumerate(self.agency.events):
            if event.instrument and event.instrument not in instruments:
                problems.append(
                    f"agency.events[{n}].instrument: unknown instrument '{event.instrument}'"
                )
        for n, official in enumerate(self.officials):
            if official.unit and official.unit not in unit_keys:
                problems.append(f"officials[{n}].unit: unknown unit '{official.unit}'")
        if self.mandate:
            if self.mandate.instrument not in instruments:
                problems.append(
                    f"mandate.instrument: unknown instrument '{self.mandate.instrument}'"
                )
            for group in ("tasks", "powers"):
                items = getattr(self.mandate, group)
                unique([i.number for i in items], f"mandate.{group} numbers")
                for n, item in enumerate(items):
                    where = f"mandate.{group}[{n}]"
                    for code in item.fields:
                        if code not in codes:
                            problems.append(f"{where}.fields: unknown field '{code}'")
                    unique([s.letter for s in item.items], f"{where}.items letters")
                    for m, sub in enumerate(item.items):
                        for code in sub.fields:
                            if code not in codes:
                                problems.append(
                                    f"{where}.items[{m}].fields: unknown field '{code}'"
                                )
        if problems:
            raise ValueError("; ".join(problems))
        return self


class DataFileError(Exception):
    """The data file cannot be read or does not match the schema. The message names the
    file, the place in it and the problem."""


def data_file_read(path: Path) -> OrganizationFile:
    """Parse and validate `path`. Raises DataFileError naming the file, place and problem."""
    return toml_model_read(path, OrganizationFile, DataFileError)


class DataRowError(Exception):
    """A row of the file passed the schema but the model refused it. `where` is the
    row's place in the file (e.g. "officials[1]"), `errors` Django's message dict."""

    def __init__(self, where: str, error: ValidationError):
        self.where = where
        self.errors = error.message_dict if hasattr(error, "error_dict") else error.messages
        if isinstance(self.errors, dict):
            detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items())
        else:
            detail = " ".join(self.errors)
        super().__init__(f"{where}: {detail}")


def _clean(obj, where: str, **kwargs) -> None:
    try:
        obj.full_clean(**kwargs)
    except ValidationError as exc:
        raise DataRowError(where, exc) from exc


def _sync(
    model,
    lookup: dict,
    values: dict,
    *,
    reset: bool,
    report: LoadReport,
    where: str,
    kind: str | None = None,
):
    """Create the row when missing; overwrite it only when resetting; else keep it.

    Returns (row, created). Raises DataRowError naming `where` if the model refuses it.
    """
    with translation.override("en"):
        kind = kind or str(model._meta.verbose_name)
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


@transaction.atomic
def organization_data_load(data: OrganizationFile, *, reset: bool = False) -> LoadReport:
    """Write a validated data file to the database in one transaction.

    Guarantees: a second run with the same file changes nothing; rows that already exist
    are left as they are (admin edits survive) unless `reset` is true, in which case rows
    that differ from the file are set back to it and child rows the file no longer has are
    removed. Raises DataRowError (naming the row's place in the file) when a row fails model
    validation; the transaction is rolled back and nothing is written.
    """
    report = LoadReport()

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

    fields = {}
    for n, f in enumerate(data.fields):
        fields[f.code], _ = _sync(
            ActivityField,
            {"code": f.code},
            {"name_vi": f.name_vi, "name_en": f.name_en, "sort_order": n},
            reset=reset,
            report=report,
            where=f"fields[{n}]",
        )

    a = data.agency
    agency, created = _sync(
        Agency,
        {"code": a.code},
        a.model_dump(exclude={"code", "events"}),
        reset=reset,
        report=report,
        where="agency",
    )
    if created or reset:
        _sync_events(agency, a.events, instruments, report=report)

    units = {}
    for n, u in enumerate(data.units):
        unit, created = _sync(
            Unit,
            {"agency": agency, "key": u.key},
            u.model_dump(exclude={"key", "phones"}) | {"sort_order": n},
            reset=reset,
            report=report,
            where=f"units[{n}]",
        )
        units[u.key] = unit
        current = list(unit.phones.order_by("sort_order").values_list("number", flat=True))
        if (created or reset) and current != u.phones:
            unit.phones.all().delete()
            for m, number in enumerate(u.phones):
                phone = UnitPhone(unit=unit, number=number, sort_order=m)
                _clean(phone, f"units[{n}].phones[{m}]")
                phone.save()
                report.count("created", "phone")

    for n, o in enumerate(data.officials):
        _sync(
            Official,
            {"agency": agency, "key": o.key},
            o.model_dump(exclude={"key", "unit"})
            | {"unit": units.get(o.unit) if o.unit else None, "sort_order": n},
            reset=reset,
            report=report,
            where=f"officials[{n}]",
        )

    if data.mandate:
        _sync_mandate(agency, data.mandate, instruments, fields, reset=reset, report=report)
    return report


def _sync_events(agency, events, instruments, *, report):
    """Make the agency's lineage events those of the file (only when they differ)."""
    wanted = [
        (
            e.kind,
            e.date,
            e.successor_vi,
            e.successor_en,
            instruments[e.instrument].pk if e.instrument else None,
            e.description_vi,
            e.description_en,
            e.verified,
        )
        for e in events
    ]
    current = list(
        agency.events.order_by("sort_order").values_list(
            "kind",
            "date",
            "other_agency_name_vi",
            "other_agency_name_en",
            "instrument_id",
            "description_vi",
            "description_en",
            "verified",
        )
    )
    if current == wanted:
        return
    agency.events.all().delete()
    for n, e in enumerate(events):
        event = AgencyEvent(
            agency=agency,
            sort_order=n,
            kind=e.kind,
            date=e.date,
            other_agency_name_vi=e.successor_vi,
            other_agency_name_en=e.successor_en,
            instrument=instruments.get(e.instrument) if e.instrument else None,
            description_vi=e.description_vi,
            description_en=e.description_en,
            verified=e.verified,
        )
        _clean(event, f"agency.events[{n}]", exclude=["agency"])
        event.save()
        report.count("created", "event")


def _sub_items_state(item) -> list[tuple]:
    return [
        (s.letter, s.text_vi, s.text_en, sorted(f.code for f in s.activity_fields.all()))
        for s in item.sub_items.order_by("sort_order").prefetch_related("activity_fields")
    ]


def _sync_mandate(agency, m, instruments, fields, *, reset, report):
    mandate, _ = _sync(
        Mandate,
        {"agency": agency, "instrument": instruments[m.instrument]},
        {
            "valid_from": m.valid_from,
            "valid_to": m.valid_to,
            "functions_vi": m.functions_vi,
            "functions_en": m.functions_en,
        },
        reset=reset,
        report=report,
        where="mandate",
    )
    for kind, group, items in (
        (MandateItemKind.TASK, "tasks", m.tasks),
        (MandateItemKind.POWER, "powers", m.powers),
    ):
        if reset:
            numbers = [i.number for i in items]
            mandate.items.filter(kind=kind).exclude(number__in=numbers).delete()
        for n, item_in in enumerate(items):
            where = f"mandate.{group}[{n}]"
            item, created = _sync(
                MandateItem,
                {"mandate": mandate, "kind": kind, "number": item_in.number},
                {"text_vi": item_in.text_vi, "text_en": item_in.text_en},
                reset=reset,
                report=report,
                where=where,
                kind=str(kind),
            )
            if not (created or reset):
                continue
            wanted_fields = sorted(item_in.fields)
            if created or sorted(f.code for f in item.activity_fields.all()) != wanted_fields:
                # ParentalManyToManyField writes its links only on save().
                item.activity_fields.set([fields[c] for c in item_in.fields])
                item.save()
            wanted = [(s.letter, s.text_vi, s.text_en, sorted(s.fields)) for s in item_in.items]
            if _sub_items_state(item) == wanted:
                continue
            item.sub_items.all().delete()
            for k, s in enumerate(item_in.items):
                sub = MandateSubItem(
                    item=item, sort_order=k, letter=s.letter, text_vi=s.text_vi, text_en=s.text_en
                )
                _clean(sub, f"{where}.items[{k}]")
                sub.save()
                sub.activity_fields.set([fields[c] for c in s.fields])
                sub.save()
                report.count("created", "sub-item")
