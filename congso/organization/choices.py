from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InstrumentKind(models.TextChoices):
    LAW = "law", _("Law")
    RESOLUTION = "resolution", _("Resolution")
    DECREE = "decree", _("Decree")
    DECISION = "decision", _("Decision")
    CIRCULAR = "circular", _("Circular")
    OTHER = "other", _("Other instrument")


class LineageKind(models.TextChoices):
    ESTABLISHED = "established", _("Established")
    RENAMED = "renamed", _("Renamed")
    MERGED_INTO = "merged_into", _("Merged into")
    SPLIT_FROM = "split_from", _("Split from")
    FUNCTION_TRANSFERRED = "function_transferred", _("Function transferred")
    DISSOLVED = "dissolved", _("Dissolved")


class UnitKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    INSPECTORATE = "inspectorate", _("Inspectorate")
    DIVISION = "division", _("Division")
    CENTRE = "centre", _("Centre")


class MandateItemKind(models.TextChoices):
    # Context: Wagtail's workflow "Task" is a different idea with another translation.
    TASK = "task", pgettext_lazy("mandate item kind", "Task")
    POWER = "power", pgettext_lazy("mandate item kind", "Power")
