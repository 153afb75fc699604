"""Choices of the dossier app. Identifiers in English; Vietnamese through gettext."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    ONLINE = "online", pgettext_lazy("dossier channel", "Online")
    DESK = "desk", pgettext_lazy("dossier channel", "At the one-stop desk")
    POSTAL = "postal", pgettext_lazy("dossier channel", "By post")


class ApplicantKind(models.TextChoices):
    # In context: the project's plain "Organisation" is the department's organisation chart.
    INDIVIDUAL = "individual", pgettext_lazy("applicant kind", "Individual")
    ORGANISATION = "organisation", pgettext_lazy("applicant kind", "Organisation")


class Status(models.TextChoices):
    """The dossier's own fine-grained states; `NATIONAL_STATUS` maps each to the national
    portal's list (LEGAL.md §4)."""

    SUBMITTED = "submitted", pgettext_lazy("dossier status", "Submitted online")
    RECEIVED = "received", pgettext_lazy("dossier status", "Received")
    SUPPLEMENT_REQUESTED = (
        "supplement_requested",
        pgettext_lazy("dossier status", "More documents needed"),
    )
    REFUSED = "refused", pgettext_lazy("dossier status", "Not accepted")
    ASSIGNED = "assigned", pgettext_lazy("dossier status", "Assigned")
    IN_REVIEW = "in_review", pgettext_lazy("dossier status", "Being processed")
    AWAITING_APPROVAL = "awaiting_approval", pgettext_lazy("dossier status", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("dossier status", "Approved")
    REJECTED = "rejected", pgettext_lazy("dossier status", "Rejected")
    RESULT_ISSUED = "result_issued", pgettext_lazy("dossier status", "Result issued")
    RETURNED = "returned", pgettext_lazy("dossier status", "Result returned")
    WITHDRAWN = "withdrawn", pgettext_lazy("dossier status", "Withdrawn")


class NationalStatus(models.IntegerChoices):
    """The national public-service portal's status list, as provincial systems use it
    (LEGAL.md §4)."""

    NEW = 1, pgettext_lazy("national status", "Newly registered")
    RECEIVED = 2, pgettext_lazy("national status", "Received")
    NOT_RECEIVED = 3, pgettext_lazy("national status", "Not received")
    PROCESSING = 4, pgettext_lazy("national status", "Processing")
    SUPPLEMENT = 5, pgettext_lazy("national status", "Supplement requested")
    FINANCIAL = 6, pgettext_lazy("national status", "Financial obligation requested")
    WITHDRAWAL = 7, pgettext_lazy("national status", "Applicant asked to withdraw")
    STOPPED = 8, pgettext_lazy("national status", "Processing stopped")
    PROCESSED = 9, pgettext_lazy("national status", "Processed")
    RETURNED = 10, pgettext_lazy("national status", "Result returned")


# Ours → the national list. Assigned, in review, awaiting approval and approved are all
# "processing" for the national portal; approved is not yet "processed" because the
# result is not issued. A rejection is a processed dossier whose result is a refusal.
NATIONAL_STATUS = {
    Status.SUBMITTED: NationalStatus.NEW,
    Status.RECEIVED: NationalStatus.RECEIVED,
    Status.SUPPLEMENT_REQUESTED: NationalStatus.SUPPLEMENT,
    Status.REFUSED: NationalStatus.NOT_RECEIVED,
    Status.ASSIGNED: NationalStatus.PROCESSING,
    Status.IN_REVIEW: NationalStatus.PROCESSING,
    Status.AWAITING_APPROVAL: NationalStatus.PROCESSING,
    Status.APPROVED: NationalStatus.PROCESSING,
    Status.REJECTED: NationalStatus.PROCESSED,
    Status.RESULT_ISSUED: NationalStatus.PROCESSED,
    Status.RETURNED: NationalStatus.RETURNED,
    Status.WITHDRAWN: NationalStatus.WITHDRAWAL,
}

# The processing clock runs in these states (received, not paused, not finished).
CLOCK_RUNNING = (
    Status.RECEIVED,
    Status.ASSIGNED,
    Status.IN_REVIEW,
    Status.AWAITING_APPROVAL,
    Status.APPROVED,
)
# A dossier in one of these states is over: nothing more happens to it.
CLOSED = (Status.REFUSED, Status.RETURNED, Status.WITHDRAWN)
# Open: anything not closed and whose result is not yet out.
OPEN = (
    Status.SUBMITTED,
    Status.RECEIVED,
    Status.SUPPLEMENT_REQUESTED,
    Status.ASSIGNED,
    Status.IN_REVIEW,
    Status.AWAITING_APPROVAL,
    Status.APPROVED,
)


class Action(models.TextChoices):
    """The moves of the transition table (workflow.TRANSITIONS), plus what the event log
    records besides them."""

    SUBMIT = "submit", _("Submitted online")
    REGISTER = "register", _("Registered at the desk")
    RECEIVE = "receive", _("Received")
    REQUEST_SUPPLEMENT = "request_supplement", _("Requested more documents")
    SUPPLEMENT = "supplement", _("Documents supplied")
    REFUSE = "refuse", _("Refused")
    ASSIGN = "assign", _("Assigned to a unit")
    ASSIGN_OFFICER = "assign_officer", _("Assigned to an officer")
    START_REVIEW = "start_review", _("Processing started")
    SUBMIT_FOR_APPROVAL = "submit_for_approval", _("Sent for approval")
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    SEND_BACK = "send_back", _("Sent back for revision")
    ISSUE_RESULT = "issue_result", _("Result issued")
    RETURN = "return", _("Result returned")
    WITHDRAW = "withdraw", _("Withdrawn")
    APOLOGISE = "apologise", _("Apology and new date sent")
    REISSUE_SECRET = "reissue_secret", _("New tracking secret issued")


class OutcomeTiming(models.TextChoices):
    # LEGAL.md §4 point 5: each result is classed early / on time / late.
    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")


class IssuedDocumentKind(models.TextChoices):
    # Circular 01/2018/TT-VPCP forms (GLOSSARY.md).
    FORM01 = "form01", _("Receipt and appointment slip (Form 01)")
    FORM02 = "form02", _("Request for more documents (Form 02)")
    FORM03 = "form03", _("Refusal notice (Form 03)")
    FORM04 = "form04", _("Apology and new date (Form 04)")
