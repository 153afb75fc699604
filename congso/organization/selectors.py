"""Reads of the organisation data that cross relations."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .choices import MandateItemKind
from .models import Agency, Mandate, MandateItem, MandateSubItem, Official, Unit, UnitPhone


def mandate_for_agency(agency: Agency, *, on: datetime.date | None = None) -> Mandate | None:
    """The mandate in force on `on` (today by default); failing that, the latest one.

    An agency that has since been merged keeps showing the mandate it last had, with its
    validity period, instead of nothing.
    """
    mandates = agency.mandates.select_related("instrument")
    return (
        mandates.in_force_on(on or timezone.localdate()).order_by("-valid_from").first()
        or mandates.order_by("-valid_from").first()
    )


def mandate_items(mandate: Mandate, kind: str) -> QuerySet[MandateItem]:
    """Tasks or powers of a mandate in number order, with sub-items and fields prefetched."""
    return (
        mandate.items.filter(kind=kind)
        .order_by("number")
        .prefetch_related(
            "activity_fields",
            Prefetch(
                "sub_items",
                queryset=MandateSubItem.objects.order_by("sort_order").prefetch_related(
                    "activity_fields"
                ),
            ),
        )
    )


def mandate_tasks(mandate: Mandate) -> QuerySet[MandateItem]:
    return mandate_items(mandate, MandateItemKind.TASK)


def mandate_powers(mandate: Mandate) -> QuerySet[MandateItem]:
    return mandate_items(mandate, MandateItemKind.POWER)


def leadership(agency: Agency, *, on: datetime.date | None = None) -> QuerySet[Official]:
    """The agency's leaders in office on `on` (today by default): officials attached to no
    unit, in order, with their photos."""
    return (
        agency.officials.filter(unit__isnull=True)
        .in_force_on(on or timezone.localdate())
        .select_related("photo")
        .order_by("sort_order", "name_vi")
    )


def units_with_phones(agency: Agency, *, on: datetime.date | None = None) -> QuerySet[Unit]:
    """The agency's units in order, each with its telephone numbers prefetched."""
    units = agency.units.all()
    if on is not None:
        units = units.in_force_on(on)
    return units.order_by("sort_order", "name_vi").prefetch_related(
        Prefetch("phones", queryset=UnitPhone.objects.order_by("sort_order"))
    )
