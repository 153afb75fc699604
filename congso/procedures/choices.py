from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TimeLimitUnit(models.TextChoices):
    # LEGAL.md §6: deadlines in laws are calendar days unless the law says working days.
    WORKING_DAYS = "working_days", _("working days")
    DAYS = "days", pgettext_lazy("time limit unit", "days")
    HOURS = "hours", pgettext_lazy("time limit unit", "hours")


class OnlineLevel(models.TextChoices):
    # LEGAL.md §4: the two levels of an online public service.
    FULL_PROCESS = "full_process", _("Full-process online")
    PARTIAL = "partial", _("Partly online")


class CopyKind(models.TextChoices):
    # Context: Wagtail's "Copy" is the action of copying a page or snippet.
    ORIGINAL = "original", pgettext_lazy("document copy", "Original")
    CERTIFIED_COPY = "certified_copy", pgettext_lazy("document copy", "Certified copy")
    COPY = "copy", pgettext_lazy("document copy", "Copy")


class ApplicationFieldType(models.TextChoices):
    TEXT = "text", pgettext_lazy("application field type", "Short text")
    TEXTAREA = "textarea", pgettext_lazy("application field type", "Long text")
    INTEGER = "integer", pgettext_lazy("application field type", "Whole number")
    DATE = "date", pgettext_lazy("application field type", "Date")
    CHOICE = "choice", pgettext_lazy("application field type", "Choice from a list")
    EMAIL = "email", pgettext_lazy("application field type", "Email address")
    PHONE = "phone", pgettext_lazy("application field type", "Telephone number")
