"""Reads of the licensing app: the registry search, a licence by year and number, its
public history."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from congso.core.text import fold_words

from .choices import PUBLIC_ACTIONS, LicenceStatus
from .models import Licence, LicenceEvent, LicenceType


@dataclass(frozen=True)
class LicenceQuery:
    """A registry search: free text (number, holder, tax code; accent-insensitive, every
    word must match), type code, status, year of issue."""

    q: str = ""
    type: str = ""
    status: str = ""
    year: int | None = None

    @classmethod
    def from_params(cls, params) -> LicenceQuery:
        year = (params.get("year") or "").strip()
        status = (params.get("status") or "").strip()
        return cls(
            q=(params.get("q") or "").strip()[:200],
            type=(params.get("type") or "").strip()[:50],
            status=status if status in LicenceStatus.values else "",
            year=int(year) if year.isdigit() and len(year) == 4 else None,
        )

    def as_params(self) -> dict[str, str]:
        params = {"q": self.q, "type": self.type, "status": self.status, "year": self.year}
        return {k: str(v) for k, v in params.items() if v}


def licences_search(query: LicenceQuery) -> QuerySet[Licence]:
    """Licences matching `query`, newest first, with their type (one query per page)."""
    qs = Licence.objects.select_related("licence_type")
    for word in fold_words(query.q):
        # Each word must begin a word of the licence: "dong a" finds "Đông Á", not "Đồng Nai".
        qs = qs.filter(search_text__contains=" " + word)
    if query.type:
        qs = qs.filter(licence_type__code=query.type)
    if query.status:
        qs = qs.filter(status=query.status)
    if query.year:
        qs = qs.filter(year=query.year)
    return qs.order_by("-issued_on", "-id")


def licence_get(year: int, number: str) -> Licence | None:
    """The licence of `year` with `number` as printed, or None."""
    return (
        Licence.objects.select_related("licence_type", "supersedes", "superseded_by")
        .filter(year=year, number=number.strip())
        .first()
    )


def licence_latest_by_number(number: str) -> Licence | None:
    """The most recent licence printed with `number` (numbers repeat from year to year)."""
    return (
        Licence.objects.select_related("licence_type", "supersedes", "superseded_by")
        .filter(number=number.strip())
        .order_by("-year")
        .first()
    )


def licences_numbered(number: str) -> list[Licence]:
    """Every licence printed with `number`, most recent year first."""
    return list(
        Licence.objects.select_related("licence_type", "supersedes", "superseded_by")
        .filter(number=number.strip())
        .order_by("-year")
    )


def public_events(licence: Licence) -> list[LicenceEvent]:
    """The events shown to the public: the lifecycle ones, oldest first, no staff names."""
    return [e for e in licence.events.all() if e.action in PUBLIC_ACTIONS]


def licence_types() -> QuerySet[LicenceType]:
    return LicenceType.objects.order_by("sort_order", "code")
