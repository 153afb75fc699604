"""Reads of the procedure catalogue. Every list here costs a fixed number of queries,
whatever the number of procedures (the tests count them)."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from wagtail.models import Locale

from congso.core.text import fold_words
from congso.organization.models import ActivityField, Agency

from .models import (
    ApplicationField,
    LegalBasis,
    Procedure,
    ProcedureFee,
    ProcedureIndexPage,
    ProcedureVersion,
    RequiredDocument,
)


def _day(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def procedure_version_in_force(
    procedure: Procedure, *, on: datetime.date | None = None
) -> ProcedureVersion | None:
    """The version of `procedure` in force on `on` (today by default), or None when the
    procedure has none on that day. There is at most one (ProcedureVersion.clean)."""
    return (
        procedure.versions.in_force_on(_day(on))
        .select_related("procedure", "field", "agency", "unit")
        .order_by("-valid_from")
        .first()
    )


def procedures_in_force(
    *,
    on: datetime.date | None = None,
    q: str = "",
    field: ActivityField | str | None = None,
    agency: Agency | str | None = None,
    online_level: str | None = None,
) -> QuerySet[ProcedureVersion]:
    """The versions in force on `on` (today by default), one per procedure, ordered by
    field then Vietnamese name (accent-insensitively), with procedure, field, agency, unit
    and fees loaded (three queries when evaluated, whatever the count).

    `q` matches accent- and case-insensitively: every word of it must begin a word of the
    code, the Vietnamese or English name, or the field's name ("giay phep ban tin" finds
    "Cấp giấy phép xuất bản bản tin"; "d" finds "đ"; "buu" finds "bưu chính"). `field`
    and `agency` are rows or codes; `online_level` an OnlineLevel value. Filters left
    empty do not filter.
    """
    versions = ProcedureVersion.objects.in_force_on(_day(on))
    for word in fold_words(q or ""):
        # search_text holds " word word … " folded when saved (refresh_search_text): a
        # leading space makes each query word match the start of a word.
        versions = versions.filter(search_text__icontains=f" {word}")
    if field:
        versions = (
            versions.filter(field=field)
            if isinstance(field, ActivityField)
            else versions.filter(field__code=field)
        )
    if agency:
        versions = (
            versions.filter(agency=agency)
            if isinstance(agency, Agency)
            else versions.filter(agency__code=agency)
        )
    if online_level:
        versions = versions.filter(online_level=online_level)
    return (
        versions.select_related("procedure", "field", "agency", "unit")
        .prefetch_related(
            Prefetch(
                "fees",
                queryset=ProcedureFee.objects.order_by("sort_order").select_related("instrument"),
            )
        )
        .order_by("field__sort_order", "field__code", "search_text", "procedure__code")
    )


def procedure_version_detail(
    key: str, *, on: datetime.date | None = None
) -> ProcedureVersion | None:
    """The version in force on `on` (today by default) of the procedure whose code
    (case-insensitive) or slug is `key`, with everything its page or API answer shows
    loaded: fees, documents (with their blank forms), application fields and legal bases
    (with their instruments). None when there is no such procedure or no version in force.
    """
    procedure = Procedure.objects.filter(Q(code__iexact=key) | Q(slug=key)).first()
    if procedure is None:
        return None
    return (
        procedure.versions.in_force_on(_day(on))
        .select_related("procedure", "field", "agency", "unit")
        .prefetch_related(
            Prefetch(
                "fees",
                queryset=ProcedureFee.objects.order_by("sort_order").select_related("instrument"),
            ),
            Prefetch(
                "documents",
                queryset=RequiredDocument.objects.order_by("sort_order").select_related("template"),
            ),
            Prefetch(
                "application_fields", queryset=ApplicationField.objects.order_by("sort_order")
            ),
            Prefetch(
                "legal_bases",
                queryset=LegalBasis.objects.order_by("sort_order").select_related("instrument"),
            ),
        )
        .order_by("-valid_from")
        .first()
    )


def catalogue_filter_options(
    *, on: datetime.date | None = None
) -> tuple[list[ActivityField], list[Agency]]:
    """The fields and the agencies that have at least one procedure in force on `on`, for
    the catalogue's filters (two queries)."""
    in_force = ProcedureVersion.objects.in_force_on(_day(on))
    fields = ActivityField.objects.filter(Exists(in_force.filter(field=OuterRef("pk")))).order_by(
        "sort_order", "code"
    )
    agencies = Agency.objects.filter(Exists(in_force.filter(agency=OuterRef("pk")))).order_by(
        "name_vi"
    )
    return list(fields), list(agencies)


def procedure_index_page(language: str) -> ProcedureIndexPage | None:
    """The live catalogue page in `language` ("vi" or "en"), or None."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return None
    return ProcedureIndexPage.objects.live().public().filter(locale=locale).first()


def procedures_for_admin() -> QuerySet[Procedure]:
    """Every procedure, each annotated with its version in force today: `current_name`,
    `current_field`, `current_valid_from`, `current_verified` (None when it has none), and
    `version_count`. One query."""
    current = (
        ProcedureVersion.objects.in_force_on(timezone.localdate())
        .filter(procedure=OuterRef("pk"))
        .order_by("-valid_from")
    )

    return Procedure.objects.annotate(
        current_name=Subquery(current.values("name_vi")[:1]),
        current_field=Subquery(current.values("field__name_vi")[:1]),
        current_valid_from=Subquery(current.values("valid_from")[:1]),
        current_verified=Subquery(current.values("verified")[:1]),
        version_count=Count("versions", distinct=True),
    ).order_by("code")
