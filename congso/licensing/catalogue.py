"""Loads the licence types from `data/licence_types.toml` (the ten types of issue 5).

The file is read and checked against a schema first (core.datafiles): a file that cannot
be read, is not TOML, lacks a required key or has one it does not know raises
LicenceTypesFileError naming the file and the place ("types[2].code: Field required"),
and nothing is loaded.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.db import transaction
from pydantic import BaseModel, ConfigDict

from congso.core.datafiles import toml_model_read

from .models import LicenceType

DEFAULT_TYPES_FILE = Path(__file__).resolve().parent / "data" / "licence_types.toml"


class LicenceTypesFileError(Exception):
    """The licence types' file cannot be loaded; the message names the file and place."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TypeFieldRow(_Strict):
    key: str
    label_vi: str
    label_en: str = ""


class LicenceTypeRow(_Strict):
    code: str
    name_vi: str
    name_en: str = ""
    title_vi: str
    number_pattern: str
    validity_months: int | None = None
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    procedures: list[str] = []
    legal_basis_vi: str = ""
    fields: list[TypeFieldRow] = []


class LicenceTypesFile(_Strict):
    types: list[LicenceTypeRow]


def licence_types_read(path: Path = DEFAULT_TYPES_FILE) -> LicenceTypesFile:
    return toml_model_read(Path(path), LicenceTypesFile, LicenceTypesFileError)


@transaction.atomic
def licence_types_load(path: Path = DEFAULT_TYPES_FILE, *, reset: bool = False) -> dict[str, int]:
    """Create the types of the file that are missing (all of their values with `reset`),
    linking each to the procedures of the catalogue whose codes it lists (codes not in the
    catalogue are skipped). Returns {"created": n, "updated": n}. Raises
    LicenceTypesFileError (nothing loaded) for a file that does not fit the schema."""
    from congso.procedures.models import Procedure

    data = licence_types_read(path)
    created = updated = 0
    for order, row in enumerate(data.types, start=1):
        values = row.model_dump(exclude={"code", "procedures"})
        values["sort_order"] = order
        licence_type = LicenceType.objects.filter(code=row.code).first()
        if licence_type is None:
            licence_type = LicenceType(code=row.code, **values)
            licence_type.full_clean()
            licence_type.save()
            created += 1
        elif reset:
            for key, value in values.items():
                setattr(licence_type, key, value)
            licence_type.full_clean()
            licence_type.save()
            updated += 1
        # Procedures loaded after the type are linked on the next load (links only added).
        licence_type.procedures.add(*Procedure.objects.filter(code__in=row.procedures))
    return {"created": created, "updated": updated}
