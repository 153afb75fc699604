"""The department as data: agencies and their lineage, units, officials, and the mandate.

Everything is dated (valid_from / valid_to) and held in Vietnamese and English on the same
row (`*_vi` / `*_en`, read through `TranslatedField`). Agencies change by decree (LEGAL.md
§1), so a reorganisation is recorded as lineage events, never by rewriting old rows.
"""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from congso.core.i18n import TranslatedField
from congso.core.models import DatedModel, TimeStampedModel

from .choices import InstrumentKind, LineageKind, MandateItemKind, UnitKind


def _bilingual(name: str, heading: str) -> FieldRowPanel:
    return FieldRowPanel([FieldPanel(f"{name}_vi"), FieldPanel(f"{name}_en")], heading=heading)


class LegalInstrument(TimeStampedModel):
    """A law, decree, decision or circular that something in the system rests on."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    number = models.CharField(_("number"), max_length=80, help_text=_("e.g. 14/2009/QĐ-UBND"))
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuer_vi = models.CharField(_("issuer (Vietnamese)"), max_length=255, blank=True)
    issuer_en = models.CharField(_("issuer (English)"), max_length=255, blank=True)
    title_vi = models.TextField(_("title (Vietnamese)"), blank=True)
    title_en = models.TextField(_("title (English)"), blank=True)
    url = models.URLField(_("link to the text"), blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_("Unticked when the fact comes only from a secondary source."),
    )

    issuer = TranslatedField()
    title = TranslatedField()

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("issued_on")]),
        _bilingual("issuer", _("Issuer")),
        _bilingual("title", _("Title")),
        FieldPanel("url"),
        FieldPanel("verified"),
        FieldPanel("key"),
    ]

    class Meta:
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")
        ordering = ["-issued_on", "number"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def citation(self) -> str:
        """ "Decision No. 14/2009/QĐ-UBND of 14/04/2009" in the active language."""
        from congso.core.dates import short_date
        from congso.core.i18n import current_language

        if current_language() == "en":
            text = f"{self.get_kind_display()} No. {self.number}"
            if self.issued_on:
                text += f" of {short_date(self.issued_on)}"
            if self.issuer_en:
                text += f", {self.issuer_en}"
            return text
        text = f"{self.get_kind_display()} số {self.number}"
        if self.issued_on:
            text += f" ngày {short_date(self.issued_on)}"
        if self.issuer_vi:
            text += f" của {self.issuer_vi}"
        return text


class ActivityField(models.Model):
    """A field of state management (lĩnh vực): press, publishing, postal, telecom…

    Tags mandate items here; procedures and reports use the same list.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = TranslatedField()

    panels = [FieldPanel("code"), _bilingual("name", _("Name")), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Agency(RevisionMixin, DatedModel, TimeStampedModel, ClusterableModel):
    """A state agency, e.g. a provincial department (Sở), with its names as printed."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_vi = models.CharField(_("full name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("full name (English)"), max_length=255, blank=True)
    short_name_vi = models.CharField(_("short name (Vietnamese)"), max_length=150, blank=True)
    short_name_en = models.CharField(_("short name (English)"), max_length=150, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    superior_vi = models.CharField(
        _("superior body (Vietnamese)"),
        max_length=255,
        blank=True,
        help_text=_("Printed above the agency's name on documents."),
    )
    superior_en = models.CharField(_("superior body (English)"), max_length=255, blank=True)
    address_vi = models.CharField(_("address (Vietnamese)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    fax = models.CharField(_("fax"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    history_vi = models.TextField(_("short history (Vietnamese)"), blank=True)
    history_en = models.TextField(_("short history (English)"), blank=True)

    name = TranslatedField()
    short_name = TranslatedField()
    superior = TranslatedField()
    address = TranslatedField()
    history = TranslatedField()

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="agency")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                _bilingual("name", _("Full name")),
                _bilingual("short_name", _("Short name")),
                FieldPanel("abbreviation"),
                _bilingual("superior", _("Superior body")),
            ],
            heading=_("Names"),
        ),
        MultiFieldPanel(
            [
                _bilingual("address", _("Address")),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("website")]),
            ],
            heading=_("Contact"),
        ),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Validity")),
        _bilingual("history", _("Short history")),
        InlinePanel("events", heading=_("Lineage events"), label=_("event")),
    ]

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name_vi"]

    def __str__(self) -> str:
        return self.name_vi


class AgencyEvent(Orderable):
    """One step in an agency's lineage: established, renamed, merged into, split from…"""

    agency = ParentalKey(Agency, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=LineageKind.choices)
    date = models.DateField(_("date"))
    other_agency = models.ForeignKey(
        Agency,
        verbose_name=_("other agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    other_agency_name_vi = models.CharField(
        _("other agency's name (Vietnamese)"),
        max_length=255,
        blank=True,
        help_text=_("As named at the time, when it is not recorded as an agency here."),
    )
    other_agency_name_en = models.CharField(
        _("other agency's name (English)"), max_length=255, blank=True
    )
    instrument = models.ForeignKey(
        LegalInstrument,
        verbose_name=_("legal instrument"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    description_vi = models.TextField(_("description (Vietnamese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    verified = models.BooleanField(_("verified"), default=True)

    other_agency_name = TranslatedField()
    description = TranslatedField()

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("other_agency"),
        _bilingual("other_agency_name", _("Other agency's name")),
        FieldPanel("instrument"),
        _bilingual("description", _("Description")),
        FieldPanel("verified"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("lineage event")
        verbose_name_plural = _("lineage events")
        ordering = ["date", "sort_order"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"

    @property
    def other_party(self) -> str:
        return self.other_agency.name if self.other_agency_id else self.other_agency_name


class Unit(RevisionMixin, DatedModel, TimeStampedModel, ClusterableModel):
    """A part of an agency: its secretariat, inspectorate, divisions and centres."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="units"
    )
    key = models.SlugField(_("key"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    functions_vi = models.TextField(_("functions and tasks (Vietnamese)"), blank=True)
    functions_en = models.TextField(_("functions and tasks (English)"), blank=True)

    name = TranslatedField()
    functions = TranslatedField()

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="unit")

    panels = [
        FieldPanel("agency"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("sort_order"), FieldPanel("key")]),
        _bilingual("name", _("Name")),
        FieldPanel("email"),
        InlinePanel("phones", heading=_("Telephone numbers"), label=_("number")),
        _bilingual("functions", _("Functions and tasks")),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Validity")),
    ]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["agency", "sort_order", "name_vi"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "key"], name="unit_unique_key_per_agency")
        ]

    def __str__(self) -> str:
        return self.name_vi


class UnitPhone(Orderable):
    """A telephone number of a unit, kept as printed: "(+84-274) 3.842.999"."""

    unit = ParentalKey(Unit, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(
        _("number"), max_length=60, help_text=_("As printed, e.g. (+84-274) 3.842.999")
    )

    panels = [FieldPanel("number")]

    class Meta(Orderable.Meta):
        verbose_name = _("telephone number")
        verbose_name_plural = _("telephone numbers")

    def __str__(self) -> str:
        return self.number

    @property
    def tel_uri(self) -> str:
        return tel_uri(self.number)


def tel_uri(number: str) -> str:
    """`tel:` link target for a number as printed: "(+84-274) 3.842.999" → "tel:+842743842999"."""
    digits = re.sub(r"\D", "", number)
    if not digits:
        return ""
    return f"tel:+{digits}" if number.strip().startswith(("+", "(+")) else f"tel:{digits}"


class Official(RevisionMixin, DatedModel, TimeStampedModel):
    """A leader or official, with the term they serve (valid_from / valid_to)."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="officials"
    )
    key = models.SlugField(_("key"), max_length=80)
    honorific_vi = models.CharField(_("honorific (Vietnamese)"), max_length=20, blank=True)
    honorific_en = models.CharField(_("honorific (English)"), max_length=20, blank=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    position_vi = models.CharField(_("position (Vietnamese)"), max_length=150)
    position_en = models.CharField(_("position (English)"), max_length=150, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officials",
        help_text=_("Empty for the agency's leadership."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telephone"), max_length=60, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bio_vi = models.TextField(_("short biography (Vietnamese)"), blank=True)
    bio_en = models.TextField(_("short biography (English)"), blank=True)
    duties_vi = models.TextField(_("assigned duties (Vietnamese)"), blank=True)
    duties_en = models.TextField(_("assigned duties (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    honorific = TranslatedField()
    name = TranslatedField()
    position = TranslatedField()
    bio = TranslatedField()
    duties = TranslatedField()

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="official")

    panels = [
        FieldPanel("agency"),
        _bilingual("honorific", _("Honorific")),
        _bilingual("name", _("Name")),
        _bilingual("position", _("Position")),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("sort_order"), FieldPanel("key")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("photo"),
        _bilingual("bio", _("Short biography")),
        _bilingual("duties", _("Assigned duties")),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Term")),
    ]

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["agency", "sort_order", "name_vi"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "key"], name="official_unique_key_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.name_vi} – {self.position_vi}"


class Mandate(RevisionMixin, DatedModel, TimeStampedModel):
    """An agency's functions, tasks and powers as set by one legal instrument."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="mandates"
    )
    instrument = models.ForeignKey(
        LegalInstrument,
        verbose_name=_("legal instrument"),
        on_delete=models.PROTECT,
        related_name="mandates",
    )
    functions_vi = models.TextField(_("functions (Vietnamese)"))
    functions_en = models.TextField(_("functions (English)"), blank=True)

    functions = TranslatedField()

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="mandate")

    panels = [
        FieldPanel("agency"),
        FieldPanel("instrument"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Validity")),
        _bilingual("functions", _("Functions")),
    ]

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["agency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "instrument"], name="mandate_unique_instrument_per_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency.name_vi} – {self.instrument}"


class MandateItem(RevisionMixin, TimeStampedModel, ClusterableModel, index.Indexed):
    """A numbered task or power of a mandate, with its lettered sub-items inline."""

    mandate = models.ForeignKey(
        Mandate, verbose_name=_("mandate"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MandateItemKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    text_vi = models.TextField(_("text (Vietnamese)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    activity_fields = ParentalManyToManyField(
        ActivityField, verbose_name=_("fields of activity"), blank=True, related_name="+"
    )

    text = TranslatedField()

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="mandate_item")

    panels = [
        FieldPanel("mandate"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number")]),
        _bilingual("text", _("Text")),
        FieldPanel("activity_fields"),
        InlinePanel("sub_items", heading=_("Sub-items (a, b, c…)"), label=_("sub-item")),
    ]

    search_fields = [
        index.SearchField("text_vi"),
        index.SearchField("text_en"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("task or power")
        verbose_name_plural = _("tasks and powers")
        ordering = ["mandate", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "kind", "number"], name="mandate_item_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def anchor(self) -> str:
        """The HTML id of the item on the public tasks page: task-4, power-2."""
        return f"{self.kind}-{self.number}"


class MandateSubItem(Orderable, ClusterableModel):
    """A lettered sub-item (a, b, c…) of a task."""

    item = ParentalKey(MandateItem, on_delete=models.CASCADE, related_name="sub_items")
    letter = models.CharField(_("letter"), max_length=3)
    text_vi = models.TextField(_("text (Vietnamese)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    activity_fields = ParentalManyToManyField(
        ActivityField, verbose_name=_("fields of activity"), blank=True, related_name="+"
    )

    text = TranslatedField()

    panels = [FieldPanel("letter"), _bilingual("text", _("Text")), FieldPanel("activity_fields")]

    class Meta(Orderable.Meta):
        verbose_name = _("sub-item")
        verbose_name_plural = _("sub-items")

    def __str__(self) -> str:
        return f"{self.item} {self.letter})"

    @property
    def anchor(self) -> str:
        return f"{self.item.anchor}{self.letter}"
