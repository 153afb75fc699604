"""API: the licence registry.

    GET /api/v1/licences?q=&type=&status=&year=&page=     search (public fields, 50 a page)
    GET /api/v1/licences/{number}?year=                   one licence, with its history
    GET /api/v1/licences/{number}/verify?t=…&year=        the live status behind a QR code

Numbers contain "/" ("12/GP-STTTT"): send them as they are (`/licences/12/GP-STTTT`) or
with the slash encoded (`12%2FGP-STTTT`). Numbers repeat from year to year: without
`year` the most recent licence with that number is returned. The verification token is the
`t` of the QR code's URL; a wrong or missing one gets 404 with `verified: false` and no
status at all, exactly like an unknown number. Texts in the language of `?lang=vi|en`.
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.core.paginator import Paginator
from django.utils import translation
from ninja import Field, Query, Router, Schema, Status

from . import selectors
from .choices import LicenceStatus
from .models import Licence
from .verification import licence_path, token_matches

router = Router(tags=["licences"])

Lang = Literal["vi", "en"]
PAGE_SIZE = 50


class LicenceTypeOut(Schema):
    code: str = Field(examples=["newsletter"])
    name: str = Field(examples=["Giấy phép xuất bản bản tin"])


class StatusOut(Schema):
    code: str = Field(
        description="valid, suspended, revoked, expired or superseded", examples=["revoked"]
    )
    label: str = Field(examples=["Đã thu hồi"])
    headline: str = Field(
        description="The status in the words of the licence page.", examples=["ĐÃ THU HỒI"]
    )


class FieldOut(Schema):
    label: str = Field(examples=["Tên bản tin"])
    value: str = Field(examples=["Bản tin Bình Minh"])


class EventOut(Schema):
    action: str = Field(examples=["revoked"])
    label: str = Field(examples=["Đã thu hồi"])
    at: datetime.datetime
    decision_number: str = Field(examples=["45/QĐ-STTTT"])
    decision_date: datetime.date | None
    reason: str = Field(examples=["Vi phạm nội dung giấy phép"])
    period_from: datetime.date | None
    period_to: datetime.date | None


class LicenceOut(Schema):
    number: str = Field(examples=["12/GP-STTTT"])
    year: int = Field(examples=[2026])
    type: LicenceTypeOut
    holder: str = Field(examples=["Công ty TNHH In Bình Dương"])
    holder_tax_code: str = Field(examples=["3700123456"])
    issued_on: datetime.date
    valid_from: datetime.date
    valid_to: datetime.date | None = Field(description="Empty: without a time limit.")
    status: StatusOut
    url: str = Field(examples=["/vi/giay-phep/2026/12/GP-STTTT/"])


class LicenceDetailOut(LicenceOut):
    issuer: str = Field(examples=["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"])
    fields: list[FieldOut]
    sha256: str = Field(description="SHA-256 of the issued PDF ('' if none was issued here).")
    signed: bool
    replaces: str | None = Field(description="The number of the licence it replaced.")
    replaced_by: str | None = Field(description="The number of the licence that replaced it.")
    events: list[EventOut]


class LicencePageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[LicenceOut]


class VerifyOut(Schema):
    verified: bool = Field(description="True only when the token is that of this licence.")
    message: str
    licence: LicenceDetailOut | None = None


class NotFoundOut(Schema):
    detail: str


class SearchIn(Schema):
    q: str = Field("", max_length=200, description="Number, holder or tax code; accents optional.")
    type: str = Field("", description="A licence type code, e.g. newsletter.")
    status: LicenceStatus | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    page: int = Field(1, ge=1)
    lang: Lang = "vi"


def _status(licence: Licence) -> dict:
    return {
        "code": licence.status,
        "label": str(licence.get_status_display()),
        "headline": str(licence.headline),
    }


def _summary(licence: Licence) -> dict:
    return {
        "number": licence.number,
        "year": licence.year,
        "type": {"code": licence.licence_type.code, "name": licence.licence_type.name},
        "holder": licence.holder_name,
        "holder_tax_code": licence.holder_tax_code,
        "issued_on": licence.issued_on,
        "valid_from": licence.valid_from,
        "valid_to": licence.valid_to,
        "status": _status(licence),
        "url": licence_path(licence),
    }


def _detail(licence: Licence, language: str) -> dict:
    successor = getattr(licence, "superseded_by", None)
    return {
        **_summary(licence),
        "issuer": licence.issuer_name,
        "fields": [{"label": k, "value": v} for k, v in licence.field_rows(language)],
        "sha256": licence.sha256,
        "signed": licence.signed,
        "replaces": licence.supersedes.number if licence.supersedes_id else None,
        "replaced_by": successor.number if successor else None,
        "events": [
            {
                "action": e.action,
                "label": str(e.get_action_display()),
                "at": e.created_at,
                "decision_number": e.decision_number,
                "decision_date": e.decision_date,
                "reason": e.reason,
                "period_from": e.period_from,
                "period_to": e.period_to,
            }
            for e in selectors.public_events(licence)
        ],
    }


def _find(number: str, year: int | None) -> Licence | None:
    if year:
        return selectors.licence_get(year, number)
    return selectors.licence_latest_by_number(number)


@router.get("/licences", response=LicencePageOut, summary="Search the licence registry")
def licences_list(request, filters: Query[SearchIn]):
    """Licences matching every filter, newest first, 50 a page."""
    with translation.override(filters.lang):
        query = selectors.LicenceQuery(
            q=filters.q,
            type=filters.type,
            status=filters.status.value if filters.status else "",
            year=filters.year,
        )
        paginator = Paginator(selectors.licences_search(query), PAGE_SIZE)
        page = paginator.get_page(filters.page)
        return {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "results": [_summary(licence) for licence in page.object_list],
        }


@router.get(
    "/licences/{path:number}/verify",
    response={200: VerifyOut, 404: VerifyOut},
    summary="Verify a licence (the QR code's link)",
    openapi_extra={
        "responses": {
            "404": {
                "description": "Wrong or missing token, or unknown licence: nothing is said "
                "about its status.",
                "content": {
                    "application/json": {
                        "example": {
                            "verified": False,
                            "message": "This link cannot be verified.",
                            "licence": None,
                        }
                    }
                },
            }
        }
    },
)
def licence_verify(request, number: str, t: str = "", year: int | None = None, lang: Lang = "vi"):
    """The live status of the licence, when `t` is the token of its QR code."""
    with translation.override(lang):
        # Without `year`, the token says which year's licence the QR code is about.
        candidates = [_find(number, year)] if year else selectors.licences_numbered(number)
        licence = next(
            (c for c in candidates if c is not None and token_matches(c.year, c.number, t)),
            None,
        )
        if licence is None:
            return Status(
                404,
                {
                    "verified": False,
                    "message": translation.gettext("This link cannot be verified."),
                    "licence": None,
                },
            )
        return Status(
            200,
            {
                "verified": True,
                "message": str(licence.headline),
                "licence": _detail(licence, lang),
            },
        )


@router.get(
    "/licences/{path:number}",
    response={200: LicenceDetailOut, 404: NotFoundOut},
    summary="A licence, with its history",
)
def licence_detail(request, number: str, year: int | None = None, lang: Lang = "vi"):
    """One licence by its number as printed (and its year, since numbers repeat)."""
    with translation.override(lang):
        licence = _find(number, year)
        if licence is None:
            return Status(404, {"detail": translation.gettext("No licence with this number.")})
        return Status(200, _detail(licence, lang))
