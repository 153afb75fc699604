"""API: the department's organisation and mandate (GET /api/v1/organization, /mandate)."""

import datetime
from typing import Literal

from django.http import Http404
from django.utils import translation
from ninja import Router, Schema
from wagtail.models import Site

from congso.portal.models import PortalSettings

from . import selectors
from .models import Agency

router = Router(tags=["organization"])

Lang = Literal["vi", "en"]


class InstrumentOut(Schema):
    kind: str
    number: str
    issued_on: datetime.date | None
    issuer: str
    title: str
    citation: str
    verified: bool


class EventOut(Schema):
    kind: str
    date: datetime.date
    other_agency: str
    description: str
    instrument: InstrumentOut | None
    verified: bool


class AgencyOut(Schema):
    code: str
    name: str
    short_name: str
    abbreviation: str
    superior: str
    address: str
    phone: str
    fax: str
    email: str
    website: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    history: str
    events: list[EventOut]


class UnitOut(Schema):
    key: str
    kind: str
    name: str
    phones: list[str]
    email: str
    functions: str


class OfficialOut(Schema):
    key: str
    honorific: str
    name: str
    position: str
    unit: str | None
    email: str
    phone: str
    bio: str
    duties: str
    photo_url: str | None


class OrganizationOut(Schema):
    language: Lang
    agency: AgencyOut
    units: list[UnitOut]
    officials: list[OfficialOut]


class SubItemOut(Schema):
    letter: str
    text: str
    fields: list[str]
    anchor: str


class ItemOut(Schema):
    number: int
    text: str
    fields: list[str]
    anchor: str
    sub_items: list[SubItemOut]


class MandateOut(Schema):
    language: Lang
    agency: str
    functions: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    legal_basis: InstrumentOut
    tasks: list[ItemOut]
    powers: list[ItemOut]


def _site_agency(request) -> Agency:
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    agency = PortalSettings.for_site(site).agency if site else None
    if agency is None:
        raise Http404("No agency is configured for this site.")
    return agency


def _instrument(i) -> dict:
    return {
        "kind": i.kind,
        "number": i.number,
        "issued_on": i.issued_on,
        "issuer": i.issuer,
        "title": i.title,
        "citation": i.citation,
        "verified": i.verified,
    }


def _item(item) -> dict:
    return {
        "number": item.number,
        "text": item.text,
        "fields": [f.code for f in item.activity_fields.all()],
        "anchor": item.anchor,
        "sub_items": [
            {
                "letter": s.letter,
                "text": s.text,
                "fields": [f.code for f in s.activity_fields.all()],
                "anchor": f"{item.anchor}{s.letter}",
            }
            for s in item.sub_items.all()
        ],
    }


@router.get("/organization", response=OrganizationOut, summary="Agency, units and officials")
def organization(request, lang: Lang = "vi"):
    """The site's agency with its lineage, its units (with every telephone number) and its
    leaders in office, with text in the language asked for."""
    agency = _site_agency(request)
    with translation.override(lang):
        return {
            "language": lang,
            "agency": {
                "code": agency.code,
                "name": agency.name,
                "short_name": agency.short_name,
                "abbreviation": agency.abbreviation,
                "superior": agency.superior,
                "address": agency.address,
                "phone": agency.phone,
                "fax": agency.fax,
                "email": agency.email,
                "website": agency.website,
                "valid_from": agency.valid_from,
                "valid_to": agency.valid_to,
                "history": agency.history,
                "events": [
                    {
                        "kind": e.kind,
                        "date": e.date,
                        "other_agency": e.other_party,
                        "description": e.description,
                        "instrument": _instrument(e.instrument) if e.instrument else None,
                        "verified": e.verified,
                    }
                    for e in agency.events.select_related("instrument", "other_agency")
                ],
            },
            "units": [
                {
                    "key": u.key,
                    "kind": u.kind,
                    "name": u.name,
                    "phones": [p.number for p in u.phones.all()],
                    "email": u.email,
                    "functions": u.functions,
                }
                for u in selectors.units_with_phones(agency)
            ],
            "officials": [
                {
                    "key": o.key,
                    "honorific": o.honorific,
                    "name": o.name,
                    "position": o.position,
                    "unit": o.unit.name if o.unit_id else None,
                    "email": o.email,
                    "phone": o.phone,
                    "bio": o.bio,
                    "duties": o.duties,
                    "photo_url": o.photo.file.url if o.photo else None,
                }
                for o in selectors.leadership(agency)
            ],
        }


@router.get("/mandate", response=MandateOut, summary="Functions, tasks and powers")
def mandate(request, lang: Lang = "vi"):
    """The functions paragraph, the numbered tasks with their lettered sub-items, the powers,
    and the legal instrument that set them, in the language asked for."""
    agency = _site_agency(request)
    current = selectors.mandate_for_agency(agency)
    if current is None:
        raise Http404("No mandate is recorded for this agency.")
    with translation.override(lang):
        return {
            "language": lang,
            "agency": agency.name,
            "functions": current.functions,
            "valid_from": current.valid_from,
            "valid_to": current.valid_to,
            "legal_basis": _instrument(current.instrument),
            "tasks": [_item(i) for i in selectors.mandate_tasks(current)],
            "powers": [_item(i) for i in selectors.mandate_powers(current)],
        }
