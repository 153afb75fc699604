"""Abstract building blocks shared by every app, and the working-day calendar's overrides."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import HolidayOverrideKind
from .i18n import TranslatedField


class TimeStampedModel(models.Model):
    """Adds `created_at` / `updated_at`, set by the database layer on save."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class DatedQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date | None = None) -> "DatedQuerySet":
        """Rows whose validity period contains `day` (today when omitted).

        `valid_from` and `valid_to` are both inclusive; an empty bound is open.
        """
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class DatedModel(models.Model):
    """A row that holds for a period: dated rules are data, never code (LEGAL.md)."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Leave empty while still in force.")
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {"valid_to": _("The end of validity must not be before its start.")}
            )

    def is_in_force_on(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class HolidayOverride(TimeStampedModel):
    """One day whose status the government set for a given year, overriding the baseline
    (Labour Code holidays from the `holidays` package, Saturdays and Sundays off).

    LEGAL.md §6: the yearly swaps (a weekday off paid back by a working Saturday) are
    decided each year and the package's table of them lags, so staff record them here.
    An override has the last word on its date (see `congso.core.calendar`).
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=HolidayOverrideKind.choices)
    reason_vi = models.CharField(_("reason (Vietnamese)"), max_length=255)
    reason_en = models.CharField(_("reason (English)"), max_length=255, blank=True)
    instrument = models.ForeignKey(
        "organization.LegalInstrument",
        verbose_name=_("legal instrument"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="holiday_overrides",
    )
    instrument_text = models.CharField(
        _("instrument (as cited)"),
        max_length=255,
        blank=True,
        help_text=_("The citation as text, when the instrument is not recorded as a row."),
    )
    verified = models.BooleanField(
        _("verified"),
        default=True,
        help_text=_("Unticked when the fact comes only from a secondary source."),
    )

    reason = TranslatedField()

    class Meta:
        verbose_name = _("holiday override")
        verbose_name_plural = _("holiday overrides")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"


class DailySequence(models.Model):
    """The last number handed out in one numbering series on one day (see
    `congso.core.numbering`): dossier codes, document numbers. A series is a `scope` (for
    example "dossier:000.00.45.H07"); a yearly series uses the first day of the year as
    its `day`. Rows are only ever incremented inside the transaction that uses the
    number, so a rolled-back transaction gives its number back."""

    scope = models.CharField(_("series"), max_length=100)
    day = models.DateField(_("day"))
    last_value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        constraints = [
            models.UniqueConstraint(fields=["scope", "day"], name="daily_sequence_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.day:%d/%m/%Y}: {self.last_value}"
