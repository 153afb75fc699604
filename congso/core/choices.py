from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayOverrideKind(models.TextChoices):
    # A weekday the government gives off (ngày nghỉ bù / nghỉ thêm).
    DAY_OFF = "day_off", _("Extra day off")
    # A rest day worked to pay a day off back (ngày làm bù), usually a Saturday.
    WORKING_DAY = "working_day", _("Make-up working day")
