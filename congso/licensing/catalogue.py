"""Loads the licence types from `data/licence_types.toml` (the ten types of issue 5)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.db import transaction

from .models import LicenceType

DEFAULT_TYPES_FILE = Path(__file__).resolve().parent / "data" / "licence_types.toml"
_COPIED = (
    "name_vi",
    "name_en",
    "title_vi",
    "number_pattern",
    "validity_months",
    "valid_from",
    "valid_to",
    "legal_basis_vi",
    "fields",
)


@transaction.atomic
def licence_types_load(path: Path = DEFAULT_TYPES_FILE, *, reset: bool = False) -> dict[str, int]:
    """Create the types of the file that are missing (all of their values with `reset`),
    linking each to the procedures of the catalogue whose codes it lists (codes not in the
    catalogue are skipped). Returns {"created": n, "updated": n}."""
    from congso.procedures.models import Procedure

    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    created = updated = 0
    for order, row in enumerate(data.get("types", []), start=1):
        values = {key: row.get(key) for key in _COPIED}
        values["validity_months"] = row.get("validity_months")
        values["fields"] = row.get("fields", [])
        values["sort_order"] = order
        licence_type = LicenceType.objects.filter(code=row["code"]).first()
        if licence_type is None:
            licence_type = LicenceType(code=row["code"], **values)
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
        codes = row.get("procedures", [])
        licence_type.procedures.add(*Procedure.objects.filter(code__in=codes))
    return {"created": created, "updated": updated}
