"""Dossiers (hồ sơ): applications under an administrative procedure, from submission to the
returned result, with their files, their event log and the papers issued about them.

A dossier keeps what it was decided under: the exact `ProcedureVersion` (whose time limit
counts its due date; the version is locked from then on), and the issuer's names as they
were printed on its papers (LEGAL.md §1: a later rename never rewrites them). Its status
moves only through `workflow.TRANSITIONS`, each move recorded as a `DossierEvent`.
Applicant data is personal data: see docs/data-protection.md.
"""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from congso.core.models import TimeStampedModel

from .choices import (
    CLOCK_RUNNING,
    NATIONAL_STATUS,
    OPEN,
    Action,
    ApplicantKind,
    Channel,
    IssuedDocumentKind,
    NationalStatus,
    OutcomeTiming,
    Status,
)
from .files import private_storage

# QCVN 102:2016/BTTTT agency codes: four dot-separated groups, e.g. 000.00.45.H07.
UNIT_IDENTIFIER_RE = r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3}$"


@register_setting(icon="folder-open-inverse")
class DossierSettings(BaseGenericSetting):
    """The one-stop desk's settings: the unit identifier that starts every dossier code,
    the place name of its papers, and how long closed dossiers are kept."""

    unit_identifier = models.CharField(
        _("unit identifier"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(UNIT_IDENTIFIER_RE, _("Write four groups as in 000.00.45.H07."))
        ],
        help_text=_(
            "The agency's code under QCVN 102:2016/BTTTT, e.g. 000.00.45.H07. Dossier codes "
            "start with it (Circular 01/2018/TT-VPCP Art. 19)."
        ),
    )
    place_name_vi = models.CharField(
        _("place name for document dates (Vietnamese)"),
        max_length=100,
        blank=True,
        help_text=_('As in "Bình Dương, ngày 07 tháng 6 năm 2021".'),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep closed dossiers for (years)"),
        default=10,
        help_text=_(
            "After this many years from closing, `manage.py dossiers_retention --delete` "
            "removes a dossier with its files and applicant data."
        ),
    )

    panels = [
        FieldPanel("unit_identifier"),
        FieldPanel("place_name_vi"),
        FieldPanel("retention_years"),
    ]

    class Meta:
        verbose_name = _("one-stop desk settings")


class UnitMembership(models.Model):
    """Which staff member works in which unit (and who heads it): the division's queue
    ("Hồ sơ của đơn vị") and the division head's right to assign within the unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="unit_memberships",
    )
    unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    is_head = models.BooleanField(_("heads the unit"), default=False)

    panels = [FieldPanel("user"), FieldPanel("unit"), FieldPanel("is_head")]

    class Meta:
        verbose_name = _("unit member")
        verbose_name_plural = _("unit members")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="unit_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit}"


class Dossier(TimeStampedModel):
    """One application under one procedure version."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(
        _("dossier code"),
        max_length=40,
        unique=True,
        help_text=_("<unit identifier>-YYMMDD-NNNN (Circular 01/2018/TT-VPCP Art. 19)"),
    )
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion",
        verbose_name=_("procedure version"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.SUBMITTED
    )
    # Where a supplement returns the dossier to: submitted (asked at receipt) or in review.
    status_before_supplement = models.CharField(max_length=30, blank=True, editable=False)
    language = models.CharField(
        _("language of the application"), max_length=5, choices=settings.LANGUAGES, default="vi"
    )

    # The applicant (personal data, docs/data-protection.md).
    applicant_kind = models.CharField(
        _("applicant is"), max_length=20, choices=ApplicantKind.choices
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=255)
    applicant_id_number = models.CharField(_("personal ID number"), max_length=12, blank=True)
    applicant_tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    applicant_address = models.CharField(_("address"), max_length=500)
    applicant_phone = models.CharField(_("telephone"), max_length=20)
    applicant_email = models.EmailField(_("email"), blank=True)

    answers = models.JSONField(
        _("answers"), default=dict, blank=True, help_text=_("Keyed by the version's field keys.")
    )

    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    due_at = models.DateTimeField(
        _("due date"),
        null=True,
        blank=True,
        help_text=_("Set at receipt from the version's time limit; moved by paused days."),
    )
    paused_at = models.DateTimeField(_("clock paused at"), null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(_("working days paused"), default=0)
    new_due_at = models.DateTimeField(
        _("new date promised"),
        null=True,
        blank=True,
        help_text=_("The date of the latest apology letter (Form 04)."),
    )
    last_apology_at = models.DateTimeField(_("last apology letter"), null=True, blank=True)
    supplement_round = models.PositiveSmallIntegerField(_("supplement round"), default=0)
    # The open request for more documents: {"documents": [keys], "note": str, "due_on": iso}.
    supplement_request = models.JSONField(default=dict, blank=True, editable=False)

    assigned_unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("assigned unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_dossiers",
    )

    tracking_secret_hash = models.CharField(max_length=128, editable=False)

    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome_timing = models.CharField(
        _("early / on time / late"), max_length=10, choices=OutcomeTiming.choices, blank=True
    )
    result_reference = models.CharField(_("result"), max_length=255, blank=True)

    # The issuer as printed on the dossier's papers (LEGAL.md §1).
    issuer_name = models.CharField(_("agency as printed"), max_length=255)
    issuer_superior = models.CharField(_("superior body as printed"), max_length=255, blank=True)
    issuer_place = models.CharField(_("place as printed"), max_length=100, blank=True)

    idempotency_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    idempotency_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="dossier_status_due"),
            models.Index(fields=["assigned_officer", "status"], name="dossier_officer_status"),
            models.Index(fields=["assigned_unit", "status"], name="dossier_unit_status"),
            models.Index(fields=["submitted_at"], name="dossier_submitted"),
        ]
        permissions = [
            ("register_dossier", _("Can register a paper or postal dossier")),
            ("receive_dossier", _("Can receive a dossier")),
            ("request_supplement_dossier", _("Can ask for more documents")),
            ("refuse_dossier", _("Can refuse a dossier")),
            ("assign_dossier", _("Can assign a dossier to a unit")),
            ("assign_officer_dossier", _("Can assign a dossier to an officer of the unit")),
            ("review_dossier", _("Can process a dossier")),
            ("apologise_dossier", _("Can send an apology with a new date")),
            ("approve_dossier", _("Can approve or reject a dossier")),
            ("issue_result_dossier", _("Can issue a dossier's result")),
            ("return_dossier", _("Can return a dossier's result")),
            ("withdraw_dossier", _("Can record a withdrawal")),
        ]

    def __str__(self) -> str:
        return self.code

    # --- Derived values --------------------------------------------------------------

    @property
    def national_status(self) -> NationalStatus:
        """The status on the national portal's list (1–10, LEGAL.md §4)."""
        return NATIONAL_STATUS[Status(self.status)]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def clock_running(self) -> bool:
        return self.status in CLOCK_RUNNING

    @property
    def applicant_identifier(self) -> str:
        """The ID number of an individual, the tax code of an organisation."""
        return self.applicant_id_number or self.applicant_tax_code

    @property
    def promised_at(self):
        """The date the applicant was last promised: the apology's new date, else the due
        date."""
        return self.new_due_at or self.due_at

    @property
    def masked_applicant_name(self) -> str:
        """The applicant's name for public pages: an individual's family name in full and
        the first letter of each other name ("Nguyễn V*** A***"); an organisation's name
        in full (it is on the public business register)."""
        if self.applicant_kind == ApplicantKind.ORGANISATION:
            return self.applicant_name
        words = self.applicant_name.split()
        if not words:
            return ""
        return " ".join([words[0], *(f"{w[0]}***" for w in words[1:])])


class DossierDocument(models.Model):
    """A document handed in with a dossier: an uploaded file (checked by content) or a
    paper received at the desk."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="documents"
    )
    required_document = models.ForeignKey(
        "procedures.RequiredDocument",
        verbose_name=_("required document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    slot_key = models.CharField(_("slot"), max_length=50, blank=True)
    file = models.FileField(_("file"), storage=private_storage, max_length=255, blank=True)
    received_on_paper = models.BooleanField(_("received on paper"), default=False)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by_applicant = models.BooleanField(_("uploaded by the applicant"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    supplement_round = models.PositiveSmallIntegerField(_("supplement round"), default=0)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["supplement_round", "id"]

    def __str__(self) -> str:
        return self.original_name or self.slot_key

    @property
    def previewable(self) -> bool:
        from .files import INLINE_TYPES

        return bool(self.file) and self.content_type in INLINE_TYPES

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class DossierEvent(models.Model):
    """One step of a dossier's life: who moved it from which status to which, when, with
    what note. `public` events show on the tracking page (without the staff member's
    name)."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the applicant or the system."),
    )
    actor_name = models.CharField(_("by (as named then)"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=30, blank=True, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=30, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    public = models.BooleanField(_("shown on the tracking page"), default=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action} {self.created_at:%d/%m/%Y %H:%M}"


class IssuedDocument(models.Model):
    """A paper issued about a dossier (Forms 01–04 of Circular 01/2018/TT-VPCP). The row
    is created with its number inside the move's transaction; the PDF is rendered after
    commit (`file` empty until then). The stored copy never carries the tracking secret."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="papers"
    )
    event = models.OneToOneField(
        DossierEvent,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="paper",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=IssuedDocumentKind.choices)
    number = models.CharField(_("number"), max_length=60)
    file = models.FileField(_("file"), storage=private_storage, max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("issued paper")
        verbose_name_plural = _("issued papers")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="issued_document_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"
