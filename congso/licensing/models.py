"""Licences and permits (giấy phép): their types as dated data, each licence as issued, and
the event log of its life (issue 5; LEGAL.md §5, §7).

- `LicenceType`: a kind of licence with its number pattern, its validity rule (months, or
  none), its own fields (a list of {key, label_vi, label_en}) and the procedures it results
  from, valid from / to. Seeded from `data/licence_types.toml`; staff edit it in the admin.
- `Licence`: one licence as printed: number (per type and year, gap-free), issue date, the
  signer and the issuing agency as printed at the time (a later rename never rewrites
  them), the holder, the type's field values, validity and status, the dossier it came
  from, and the issued PDF (private storage) with its SHA-256. An amendment is a new
  licence whose `supersedes` points at the old one; the old one becomes "superseded" and
  stays readable.
- `LicenceEvent`: every change of state, with the decision (number, date), the reason,
  the period of a suspension, who and when.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congso.core.i18n import TranslatedField
from congso.core.models import DatedModel, TimeStampedModel
from congso.core.text import fold_words

from .choices import STATUS_HEADLINES, STATUS_TONES, LicenceAction, LicenceStatus


def _private_storage():
    from congso.dossiers.files import private_storage

    return private_storage()


class LicenceType(DatedModel, TimeStampedModel):
    """A kind of licence, as dated data (never code)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    title_vi = models.CharField(
        _("title printed on the licence"),
        max_length=255,
        help_text=_("Upper case, e.g. GIẤY PHÉP XUẤT BẢN BẢN TIN."),
    )
    number_pattern = models.CharField(
        _("number pattern"),
        max_length=60,
        default="{number}/GP-STTTT",
        help_text=_("{number} is the sequence of the type in the year; {year} may be used too."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a licence without expiry."),
    )
    fields = models.JSONField(
        _("fields of the licence"),
        default=list,
        blank=True,
        help_text=_('A list of {"key", "label_vi", "label_en"}, printed in this order.'),
    )
    procedures = models.ManyToManyField(
        "procedures.Procedure",
        verbose_name=_("procedures it results from"),
        blank=True,
        related_name="licence_types",
    )
    legal_basis_vi = models.TextField(_("legal basis (Vietnamese)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    name = TranslatedField()

    class Meta:
        verbose_name = _("licence type")
        verbose_name_plural = _("licence types")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name_vi

    def field_label(self, key: str, language: str = "vi") -> str:
        for spec in self.fields or []:
            if spec.get("key") == key:
                return spec.get(f"label_{language}") or spec.get("label_vi") or key
        return key

    def field_keys(self) -> list[str]:
        return [spec["key"] for spec in self.fields or []]

    def format_number(self, sequence: int, year: int) -> str:
        return self.number_pattern.format(number=sequence, year=year)

    def valid_to_for(self, valid_from: datetime.date) -> datetime.date | None:
        """The last day of validity of a licence valid from `valid_from`, or None."""
        if not self.validity_months:
            return None
        month = valid_from.month - 1 + self.validity_months
        year, month = valid_from.year + month // 12, month % 12 + 1
        import calendar

        day = min(valid_from.day, calendar.monthrange(year, month)[1])
        return datetime.date(year, month, day) - datetime.timedelta(days=1)


class Licence(TimeStampedModel):
    """One licence, as it was printed."""

    licence_type = models.ForeignKey(
        LicenceType, verbose_name=_("licence type"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("licence number"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(
        _("sequence"), null=True, blank=True, help_text=_("Empty for licences issued before.")
    )
    issued_on = models.DateField(_("issued on"))
    # Required when the system issues the licence (services); may be unknown for a licence
    # registered from the archive.
    signer_name = models.CharField(_("signer's name as printed"), max_length=150, blank=True)
    signer_position = models.CharField(
        _("signer's position as printed"), max_length=150, blank=True
    )
    signer_authority = models.CharField(
        _("signing on behalf of"),
        max_length=150,
        blank=True,
        help_text=_("e.g. KT. GIÁM ĐỐC, when a deputy signs."),
    )
    issuer_name = models.CharField(_("agency as printed"), max_length=255)
    issuer_superior = models.CharField(_("superior body as printed"), max_length=255, blank=True)
    issuer_place = models.CharField(_("place as printed"), max_length=100, blank=True)

    holder_name = models.CharField(_("holder"), max_length=255)
    holder_tax_code = models.CharField(
        _("tax code or establishment number"), max_length=60, blank=True
    )
    holder_address = models.CharField(_("holder's address"), max_length=500, blank=True)
    holder_email = models.EmailField(_("holder's email"), blank=True)
    holder_is_individual = models.BooleanField(
        _("the holder is an individual"),
        default=False,
        help_text=_(
            "The public register then shows the address only down to the district and "
            "the province (personal data, Decree 13/2023/NĐ-CP)."
        ),
    )
    values = models.JSONField(_("content"), default=dict, blank=True)

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=LicenceStatus.choices, default=LicenceStatus.VALID
    )
    suspended_from = models.DateField(_("suspended from"), null=True, blank=True)
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="licence",
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    pre_system = models.BooleanField(_("issued before the system"), default=False)

    file = models.FileField(
        _("issued PDF"), storage=_private_storage, max_length=255, blank=True, editable=False
    )
    sha256 = models.CharField(_("SHA-256 of the issued file"), max_length=64, blank=True)
    signed = models.BooleanField(_("digitally signed"), default=False, editable=False)
    reminder_sent_at = models.DateTimeField(_("expiry reminder sent"), null=True, blank=True)
    # The folded words of the number, holder and tax code, each after a space, for
    # accent-insensitive search by word prefix (core.text.fold_words; selectors).
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="licence_number_unique_year"),
            models.UniqueConstraint(
                fields=["licence_type", "year", "sequence"], name="licence_sequence_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["number"], name="licence_number"),
            models.Index(fields=["status", "valid_to"], name="licence_status_valid_to"),
            models.Index(fields=["licence_type", "year"], name="licence_type_year"),
            models.Index(fields=["year"], name="licence_year"),
        ]
        permissions = [
            ("register_licence", _("Can register a licence issued before the system")),
            ("import_licences", _("Can import licences from a spreadsheet")),
            ("issue_licence", _("Can issue and sign a licence")),
            ("amend_licence", _("Can amend a licence")),
            ("suspend_licence", _("Can suspend a licence")),
            ("reinstate_licence", _("Can reinstate a suspended licence")),
            ("revoke_licence", _("Can revoke a licence")),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def public_address(self) -> str:
        """The holder's address as the public register shows it: an organisation's in
        full; an individual's without the house and street: of its comma-separated
        parts, never the first, at most the last two — the district and the province
        ("Số 5 đường Yersin, phường Phú Cường, Thủ Dầu Một, Bình Dương" → "Thủ Dầu Một,
        Bình Dương"; an address of one part shows nothing)."""
        if not self.holder_is_individual:
            return self.holder_address
        parts = [part.strip() for part in self.holder_address.split(",") if part.strip()]
        return ", ".join(parts[1:][-2:])

    def save(self, *args, **kwargs):
        words = fold_words(f"{self.number} {self.holder_name} {self.holder_tax_code}")
        self.search_text = " " + " ".join(words) + " "

        super().save(*args, **kwargs)

    @property
    def headline(self):
        return STATUS_HEADLINES[LicenceStatus(self.status)]

    @property
    def tone(self) -> str:
        return STATUS_TONES[LicenceStatus(self.status)]

    @property
    def is_valid(self) -> bool:
        return self.status == LicenceStatus.VALID

    def field_rows(self, language: str = "vi") -> list[tuple[str, str]]:
        """(label, value) of the type's fields, in the type's order, then any extra keys."""
        keys = self.licence_type.field_keys()
        rows = [
            (self.licence_type.field_label(key, language), str(self.values.get(key, "")))
            for key in keys
            if self.values.get(key, "") != ""
        ]
        rows += [(key, str(value)) for key, value in self.values.items() if key not in keys]
        return rows

    def lineage(self) -> list[Licence]:
        """Every version, oldest first: those it replaced, itself, those that replaced it."""
        older, cursor = [], self.supersedes
        while cursor is not None:
            older.append(cursor)
            cursor = cursor.supersedes
        newer, cursor = [], getattr(self, "superseded_by", None)
        while cursor is not None:
            newer.append(cursor)
            cursor = getattr(cursor, "superseded_by", None)
        return [*reversed(older), self, *newer]


class LicenceEvent(models.Model):
    """One change in a licence's life."""

    licence = models.ForeignKey(
        Licence, verbose_name=_("licence"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=20, choices=LicenceAction.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=80, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    period_from = models.DateField(_("from"), null=True, blank=True)
    period_to = models.DateField(_("until"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("by (name)"), max_length=150, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("licence event")
        verbose_name_plural = _("licence events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.licence} {self.get_action_display()}"
