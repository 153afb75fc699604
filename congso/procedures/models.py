"""The procedure catalogue: administrative procedures and their dated versions.

A `Procedure` is only a stable identity (its code and slug). Everything the law sets — the
name, the field, the responsible agency, the time limit and its unit, the fees, the
required documents, the application fields, the legal bases — lives on a
`ProcedureVersion` valid for a period (LEGAL.md: dated rules are data, never code). At most
one version of a procedure is in force on any date. A dossier points at the exact version
it was submitted under; from then on that version is locked (`is_locked`) and a change in
the law is entered as a new version with a new `valid_from` ("Create a new version").

The public catalogue is `ProcedureIndexPage` (one per language), which serves the list and
each procedure's page (`<index>/<code-or-slug>/`) from these rows.
"""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Orderable, RevisionMixin

from congso.core.dates import short_date
from congso.core.i18n import TranslatedField, current_language
from congso.core.models import DatedModel, TimeStampedModel
from congso.core.text import fold_words
from congso.portal.models import PortalPage

from . import locks
from .choices import ApplicationFieldType, CopyKind, OnlineLevel, TimeLimitUnit

# A national code of the national procedure database: "1.009374", "2.001171".
NATIONAL_CODE_RE = r"^\d\.\d{6}$"
CODE_RE = r"^[A-Za-z0-9][A-Za-z0-9.\-]*$"
# The path segment, under a procedure's page, of the online application form. The dossier
# app serves it; until then the link answers 404.
APPLY_SEGMENT = {"vi": "nop-ho-so", "en": "apply"}


def _bilingual(name: str, heading: str) -> FieldRowPanel:
    return FieldRowPanel([FieldPanel(f"{name}_vi"), FieldPanel(f"{name}_en")], heading=heading)


class Procedure(RevisionMixin, TimeStampedModel):
    """The stable identity of an administrative procedure: what a dossier, a link or an API
    client names it by. Its content is in its versions."""

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(CODE_RE, _("Use letters, digits, dots and hyphens only."))],
        help_text=_(
            "The national code (e.g. 1.009374); for a procedure without one, a local code "
            "(e.g. BD-STTTT-01)."
        ),
    )
    has_national_code = models.BooleanField(
        _("has a national code"),
        default=True,
        help_text=_("Untick when the code above is a local one."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The procedure's name in the address, e.g. cap-giay-phep-xuat-ban-ban-tin."),
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="procedure")

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("has_national_code")]),
        FieldPanel("slug"),
    ]

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        super().clean()
        if self.has_national_code and self.code and not re.match(NATIONAL_CODE_RE, self.code):
            raise ValidationError(
                {
                    "code": _(
                        "A national code is a digit, a dot and six digits (e.g. 1.009374). "
                        "For a local code, untick “has a national code”."
                    )
                }
            )

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # The code is part of each version's search text.
        for version in self.versions.select_related("field"):
            version.refresh_search_text()
            ProcedureVersion.objects.filter(pk=version.pk).update(search_text=version.search_text)


class ProcedureVersion(RevisionMixin, DatedModel, TimeStampedModel, ClusterableModel):
    """A procedure as the law set it for a period: names, field, agency, time limit, fees,
    documents, application fields, legal bases, and whether each fact is verified."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    # Required here (DatedModel's is optional): a version always starts somewhere.
    valid_from = models.DateField(_("valid from"))
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    field = models.ForeignKey(
        "organization.ActivityField",
        verbose_name=pgettext_lazy("procedure", "field"),
        on_delete=models.PROTECT,
        related_name="procedure_versions",
    )
    agency = models.ForeignKey(
        "organization.Agency",
        verbose_name=_("responsible agency"),
        on_delete=models.PROTECT,
        related_name="procedure_versions",
    )
    unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("responsible unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedure_versions",
    )
    time_limit = models.PositiveIntegerField(_("time limit"), validators=[MinValueValidator(1)])
    time_limit_unit = models.CharField(
        _("unit of the time limit"),
        max_length=20,
        choices=TimeLimitUnit.choices,
        default=TimeLimitUnit.WORKING_DAYS,
        # LEGAL.md §6: calendar days unless the law says working days.
        help_text=_("Calendar days unless the instrument says working days."),
    )
    time_limit_note_vi = models.TextField(_("note on the time limit (Vietnamese)"), blank=True)
    time_limit_note_en = models.TextField(_("note on the time limit (English)"), blank=True)
    time_limit_verified = models.BooleanField(_("time limit verified"), default=True)
    applicants_vi = models.TextField(_("who can apply (Vietnamese)"))
    applicants_en = models.TextField(_("who can apply (English)"), blank=True)
    conditions_vi = models.TextField(_("conditions (Vietnamese)"), blank=True)
    conditions_en = models.TextField(_("conditions (English)"), blank=True)
    result_vi = models.CharField(
        _("result (Vietnamese)"),
        max_length=500,
        help_text=_("What the applicant receives, e.g. Giấy phép xuất bản bản tin."),
    )
    result_en = models.CharField(_("result (English)"), max_length=500, blank=True)
    online_level = models.CharField(
        _("online level"),
        max_length=20,
        choices=OnlineLevel.choices,
        default=OnlineLevel.PARTIAL,
    )
    steps_vi = models.TextField(_("how to apply (Vietnamese)"), blank=True)
    steps_en = models.TextField(_("how to apply (English)"), blank=True)
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_(
            "Untick while any fact of this version comes only from a secondary source; "
            "the public page then says the information is being updated."
        ),
    )
    verification_note = models.TextField(
        _("what to verify"),
        blank=True,
        help_text=_("For staff only: which facts to check and against what."),
    )
    # Folded (accent-free, lower-case) words of the code, names and field, for the
    # catalogue's search (see refresh_search_text).
    search_text = models.TextField(editable=False, blank=True, default="")

    name = TranslatedField()
    time_limit_note = TranslatedField()
    applicants = TranslatedField()
    conditions = TranslatedField()
    result = TranslatedField()
    steps = TranslatedField()

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="procedure_version")

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("procedure"),
                    FieldRowPanel(
                        [FieldPanel("valid_from"), FieldPanel("valid_to")],
                        heading=_("Validity"),
                    ),
                    _bilingual("name", _("Name")),
                    FieldPanel("field"),
                    FieldRowPanel([FieldPanel("agency"), FieldPanel("unit")]),
                    _bilingual("result", _("Result")),
                    _bilingual("applicants", _("Who can apply")),
                    _bilingual("conditions", _("Conditions")),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("time_limit"), FieldPanel("time_limit_unit")]
                            ),
                            _bilingual("time_limit_note", _("Note")),
                            FieldPanel("time_limit_verified"),
                        ],
                        heading=_("Time limit"),
                    ),
                ],
                heading=_("The procedure"),
            ),
            ObjectList(
                [
                    InlinePanel("fees", heading=_("Fees and charges"), label=_("fee")),
                    InlinePanel(
                        "documents",
                        heading=_("Required documents"),
                        label=pgettext_lazy("required document", "document"),
                    ),
                ],
                heading=_("Fees and documents"),
            ),
            ObjectList(
                [
                    FieldPanel("online_level"),
                    _bilingual("steps", _("How to apply")),
                    InlinePanel(
                        "application_fields",
                        heading=_("Application form fields"),
                        label=_("form field"),
                    ),
                ],
                heading=_("Applying"),
            ),
            ObjectList(
                [InlinePanel("legal_bases", heading=_("Legal bases"), label=_("legal basis"))],
                heading=_("Legal basis"),
            ),
            ObjectList(
                [FieldPanel("verified"), FieldPanel("verification_note")],
                heading=_("Verification"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        ordering = ["procedure__code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "valid_from"], name="procedure_version_unique_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} – {self.name_vi} ({self.period_display})"

    # --- Derived values --------------------------------------------------------------

    @property
    def period_display(self) -> str:
        """ "from 01/01/2024" or "from 01/01/2024 to 28/02/2025" in the active language."""
        if not self.valid_from:
            return ""
        if self.valid_to:
            return gettext("from %(start)s to %(end)s") % {
                "start": short_date(self.valid_from),
                "end": short_date(self.valid_to),
            }
        return gettext("from %(date)s") % {"date": short_date(self.valid_from)}

    @property
    def time_limit_display(self) -> str:
        """ "20 ngày làm việc" / "20 working days", "15 ngày" / "15 days", "24 giờ"."""
        n = self.time_limit or 0
        if self.time_limit_unit == TimeLimitUnit.HOURS:
            return ngettext("%(count)d hour", "%(count)d hours", n) % {"count": n}
        if self.time_limit_unit == TimeLimitUnit.DAYS:
            return ngettext("%(count)d day", "%(count)d days", n) % {"count": n}
        return ngettext("%(count)d working day", "%(count)d working days", n) % {"count": n}

    @property
    def is_locked(self) -> bool:
        """True once anything (a dossier) refers to this version: its content must not
        change and it must not be deleted; staff create a new version instead. Apps that
        refer to versions register their check in `congso.procedures.locks`; with none
        registered (as long as no dossier app is installed) this is False."""
        return locks.is_locked(self)

    def refresh_search_text(self) -> None:
        """Fill `search_text` from both names, the code and the field's names."""
        # The Vietnamese name first: lists sort on this column to get an accent-insensitive
        # alphabetical order ("Cấp…" before "Cho…"), which byte order would not give.
        parts = [self.name_vi, self.name_en]
        if self.procedure_id:
            parts.append(self.procedure.code)
        if self.field_id:
            parts += [self.field.name_vi, self.field.name_en]
        # " word word … ": a leading space before every word, so that a search matches
        # the start of a word (" tin" finds "bản tin", not "printing").
        words = fold_words(" ".join(p for p in parts if p))
        self.search_text = f" {' '.join(words)} " if words else ""

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    # --- Validation ------------------------------------------------------------------

    def overlapping_versions(self) -> models.QuerySet["ProcedureVersion"]:
        """Other versions of the same procedure whose period shares a day with this one."""
        if not (self.procedure_id and self.valid_from):
            return ProcedureVersion.objects.none()
        others = ProcedureVersion.objects.filter(procedure_id=self.procedure_id).exclude(pk=self.pk)
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if self.valid_to:
            others = others.filter(valid_from__lte=self.valid_to)
        return others.order_by("valid_from")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        # Only one version in force per procedure at any date: a dossier's time limit and
        # fees must be the ones of exactly one version.
        other = self.overlapping_versions().first()
        if other is not None:
            errors.setdefault("valid_from", []).append(
                _(
                    "This period overlaps the version in force %(period)s: a procedure has "
                    "only one version in force on any date. End that version first, or use "
                    "“Create a new version” on it."
                )
                % {"period": other.period_display}
            )
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            errors.setdefault("unit", []).append(
                _("This unit belongs to another agency than the responsible agency.")
            )
        if errors:
            raise ValidationError(errors)


class ProcedureFee(Orderable):
    """A fee or charge of a procedure version, in VND, with the instrument that sets it."""

    version = ParentalKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    amount = models.PositiveBigIntegerField(
        _("amount (VND)"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the amount is not known."),
    )
    basis_vi = models.TextField(_("basis (Vietnamese)"), blank=True)
    basis_en = models.TextField(_("basis (English)"), blank=True)
    instrument = models.ForeignKey(
        "organization.LegalInstrument",
        verbose_name=_("legal instrument"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    verified = models.BooleanField(_("verified"), default=True)

    name = TranslatedField()
    basis = TranslatedField()

    panels = [
        _bilingual("name", _("Name")),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("verified")]),
        _bilingual("basis", _("Basis")),
        FieldPanel("instrument"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fee")
        verbose_name_plural = _("fees and charges")

    def __str__(self) -> str:
        return self.name_vi


class RequiredDocument(Orderable):
    """A document the applicant hands in: how many copies of what kind, and the blank form
    to fill in when there is one. `key` names its upload slot in an online application."""

    version = ParentalKey(ProcedureVersion, on_delete=models.CASCADE, related_name="documents")
    key = models.SlugField(
        _("key"),
        max_length=50,
        help_text=_("Names the upload slot of this document, e.g. declaration."),
    )
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    copy_kind = models.CharField(
        _("kind of copy"), max_length=20, choices=CopyKind.choices, default=CopyKind.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(
        _("number of copies"), default=1, validators=[MinValueValidator(1)]
    )
    template = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("blank form"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The form to download and fill in, when there is one."),
    )
    required = models.BooleanField(_("required"), default=True)
    accepted_files_vi = models.CharField(
        _("accepted files (Vietnamese)"),
        max_length=255,
        blank=True,
        help_text=_("e.g. PDF, JPEG or PNG scan of the signed original"),
    )
    accepted_files_en = models.CharField(_("accepted files (English)"), max_length=255, blank=True)
    verified = models.BooleanField(_("verified"), default=True)

    name = TranslatedField()
    accepted_files = TranslatedField()

    panels = [
        FieldPanel("key"),
        _bilingual("name", _("Name")),
        FieldRowPanel([FieldPanel("copy_kind"), FieldPanel("copies"), FieldPanel("required")]),
        FieldPanel("template"),
        _bilingual("accepted_files", _("Accepted files")),
        FieldPanel("verified"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="required_document_unique_key")
        ]

    def __str__(self) -> str:
        return self.name_vi

    @property
    def copies_display(self) -> str:
        """ "1 bản chính" / "1 original", "2 bản sao" / "2 copies"."""
        n = self.copies
        if self.copy_kind == CopyKind.CERTIFIED_COPY:
            return ngettext("%(count)d certified copy", "%(count)d certified copies", n) % {
                "count": n
            }
        if self.copy_kind == CopyKind.COPY:
            return ngettext("%(count)d copy", "%(count)d copies", n) % {"count": n}
        return ngettext("%(count)d original", "%(count)d originals", n) % {"count": n}


class ApplicationField(Orderable):
    """A question of the procedure's own online application form (beyond the applicant's
    identity and the documents), e.g. the newsletter's name or its print run."""

    version = ParentalKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="application_fields"
    )
    key = models.SlugField(_("key"), max_length=50, help_text=_("e.g. newsletter_name"))
    label_vi = models.CharField(_("label (Vietnamese)"), max_length=255)
    label_en = models.CharField(_("label (English)"), max_length=255, blank=True)
    help_vi = models.CharField(_("hint (Vietnamese)"), max_length=500, blank=True)
    help_en = models.CharField(_("hint (English)"), max_length=500, blank=True)
    field_type = models.CharField(
        _("type"),
        max_length=20,
        choices=ApplicationFieldType.choices,
        default=ApplicationFieldType.TEXT,
    )
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_(
            "For a choice: one per line, as value|Vietnamese label|English label, "
            "e.g. vi|Tiếng Việt|Vietnamese."
        ),
    )
    required = models.BooleanField(_("required"), default=True)

    label = TranslatedField()
    help = TranslatedField()

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("field_type"), FieldPanel("required")]),
        _bilingual("label", _("Label")),
        _bilingual("help", _("Hint")),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("application form field")
        verbose_name_plural = _("application form fields")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="application_field_unique_key")
        ]

    def __str__(self) -> str:
        return self.label_vi

    def parsed_choices(self) -> list[tuple[str, str, str]]:
        """The choices as (value, Vietnamese label, English label). Raises ValueError naming
        the line when one is malformed."""
        parsed = []
        for number, line in enumerate(self.choices.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or not all(parts):
                raise ValueError(number)
            parsed.append((parts[0], parts[1], parts[2]))
        return parsed

    @property
    def choice_list(self) -> list[tuple[str, str]]:
        """(value, label in the active language) for each choice."""
        english = current_language() == "en"
        return [(v, en if english else vi) for v, vi, en in self.parsed_choices()]

    def clean(self) -> None:
        super().clean()
        try:
            parsed = self.parsed_choices()
        except ValueError as exc:
            raise ValidationError(
                {
                    "choices": _("Line %(line)s: write value|Vietnamese label|English label.")
                    % {"line": exc.args[0]}
                }
            ) from None
        if self.field_type == ApplicationFieldType.CHOICE and not parsed:
            raise ValidationError({"choices": _("A choice needs at least one option.")})
        if self.field_type != ApplicationFieldType.CHOICE and parsed:
            raise ValidationError({"choices": _("Only a choice field has options.")})
        values = [v for v, _vi, _en in parsed]
        if len(values) != len(set(values)):
            raise ValidationError({"choices": _("Each option needs its own value.")})


class LegalBasis(Orderable):
    """An instrument a procedure version rests on, with the provision cited (Art. 18), or
    a citation as text when the instrument is not recorded."""

    version = ParentalKey(ProcedureVersion, on_delete=models.CASCADE, related_name="legal_bases")
    instrument = models.ForeignKey(
        "organization.LegalInstrument",
        verbose_name=_("legal instrument"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedure_bases",
    )
    provision_vi = models.CharField(
        _("provision (Vietnamese)"), max_length=255, blank=True, help_text=_("e.g. Điều 18")
    )
    provision_en = models.CharField(
        _("provision (English)"), max_length=255, blank=True, help_text=_("e.g. Art. 18")
    )
    citation_vi = models.TextField(
        _("citation as text (Vietnamese)"),
        blank=True,
        help_text=_("Only when the instrument is not recorded as a row."),
    )
    citation_en = models.TextField(_("citation as text (English)"), blank=True)
    verified = models.BooleanField(_("verified"), default=True)

    provision = TranslatedField()
    citation = TranslatedField()

    panels = [
        FieldPanel("instrument"),
        _bilingual("provision", _("Provision")),
        _bilingual("citation", _("Citation as text")),
        FieldPanel("verified"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """ "Circular No. 41/2020/TT-BTTTT, Art. 18" in the active language."""
        main = self.instrument.citation if self.instrument_id else self.citation
        return f"{main}, {self.provision}" if self.provision else main

    @property
    def is_verified(self) -> bool:
        """Unverified when the row or its instrument is."""
        return self.verified and (self.instrument is None or self.instrument.verified)

    def clean(self) -> None:
        super().clean()
        if not self.instrument_id and not self.citation_vi.strip():
            raise ValidationError(
                {"instrument": _("Choose the instrument, or write the citation as text.")}
            )


# --- Public pages -----------------------------------------------------------------------


class ProcedureIndexPage(RoutablePageMixin, PortalPage):
    """The public catalogue of administrative procedures (one page per language).

    Serves the searchable, filterable list at its own URL and each procedure's page at
    `<its URL><code or slug>/`, both from the versions in force today.
    """

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    PAGE_SIZE = 20

    class Meta:
        verbose_name = _("procedure catalogue page")

    def procedure_url(self, procedure: Procedure, request=None) -> str:
        return f"{self.get_url(request)}{procedure.code}/"

    def apply_url(self, procedure: Procedure, request=None) -> str:
        """Where "Apply online" leads: `<procedure page>/nop-ho-so/` (vi) or `apply/` (en).
        Served by the dossier app."""
        language = self.locale.language_code if self.locale_id else current_language()
        return f"{self.procedure_url(procedure, request)}{APPLY_SEGMENT.get(language, 'apply')}/"

    def get_sitemap_urls(self, request=None):
        """The catalogue and every procedure in force, for sitemap.xml."""
        from .selectors import procedures_in_force

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for code, updated_at in procedures_in_force().values_list("procedure__code", "updated_at"):
            urls.append({"location": f"{base}{code}/", "lastmod": updated_at})
        return urls

    @path("")
    def catalogue(self, request):
        from . import views

        return views.catalogue(request, self)

    @re_path(r"^(?P<key>[A-Za-z0-9][A-Za-z0-9.\-]*)/$")
    def procedure_detail(self, request, key: str):
        from . import views

        return views.procedure_detail(request, self, key)

    # The online application form ("Apply online"), served by the dossier app.
    @re_path(
        r"^(?P<key>[A-Za-z0-9][A-Za-z0-9.\-]*)/"
        r"(?P<segment>nop-ho-so|apply)/(?:(?P<step>[a-z\-]+)/)?$"
    )
    def apply(self, request, key: str, segment: str, step: str | None = None):
        from congso.dossiers.views_apply import apply

        return apply(request, self, key, step or "")
