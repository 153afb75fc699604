from django.db import models
from django.utils.translation import gettext_lazy as _


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
    TASK = "task", _("Task")
    POWER = "power", _("Power")
