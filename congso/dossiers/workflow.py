"""The dossier's states and moves (LEGAL.md §4; issue 4 §3).

`TRANSITIONS[(status, action)] = (target, permission)`: the only moves there are. A move
not in the table raises TransitionNotAllowed; a staff member without the permission gets
PermissionDenied. `RESUME` as a target means "back where the dossier was before the
request for more documents" (submitted when the one-stop desk asked at receipt, in review
when the officer asked). The applicant (proven by the tracking secret, not by a staff
permission) may make the moves in `APPLICANT_ACTIONS`.

    submitted ──receive──▶ received ──assign──▶ assigned ──start_review──▶ in_review
        │  └─request_supplement─▶ supplement_requested ◀─request_supplement─┘   │
        └─refuse─▶ refused          └─supplement─▶ (back: submitted / in_review)   │
                                                          submit_for_approval ◀──┘
    awaiting_approval ──approve──▶ approved ──issue_result──▶ result_issued ──return──▶ returned
            ├─reject─▶ rejected ──return──▶ returned
            └─send_back─▶ in_review
    any open dossier ──withdraw──▶ withdrawn;  apologise: the same status, a new date (Form 04)
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import Action, IssuedDocumentKind, Status

RESUME = "resume"

P = "dossiers."

TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    # Receipt at the one-stop desk (Decree 61/2018 Art. 18–19; Forms 01, 02, 03).
    (Status.SUBMITTED, Action.RECEIVE): (Status.RECEIVED, P + "receive_dossier"),
    # Asking for more documents at receipt is part of receiving (Form 02 instead of 01).
    (Status.SUBMITTED, Action.REQUEST_SUPPLEMENT): (
        Status.SUPPLEMENT_REQUESTED,
        P + "receive_dossier",
    ),
    (Status.SUBMITTED, Action.REFUSE): (Status.REFUSED, P + "refuse_dossier"),
    # Hand-over to the division.
    (Status.RECEIVED, Action.ASSIGN): (Status.ASSIGNED, P + "assign_dossier"),
    (Status.ASSIGNED, Action.ASSIGN): (Status.ASSIGNED, P + "assign_dossier"),
    (Status.ASSIGNED, Action.ASSIGN_OFFICER): (Status.ASSIGNED, P + "assign_officer_dossier"),
    # Processing.
    (Status.ASSIGNED, Action.START_REVIEW): (Status.IN_REVIEW, P + "review_dossier"),
    (Status.IN_REVIEW, Action.REQUEST_SUPPLEMENT): (
        Status.SUPPLEMENT_REQUESTED,
        P + "request_supplement_dossier",
    ),
    (Status.IN_REVIEW, Action.SUBMIT_FOR_APPROVAL): (
        Status.AWAITING_APPROVAL,
        P + "review_dossier",
    ),
    # The applicant supplies what was asked (or the desk records paper documents).
    (Status.SUPPLEMENT_REQUESTED, Action.SUPPLEMENT): (RESUME, P + "receive_dossier"),
    # Approval.
    (Status.AWAITING_APPROVAL, Action.APPROVE): (Status.APPROVED, P + "approve_dossier"),
    (Status.AWAITING_APPROVAL, Action.REJECT): (Status.REJECTED, P + "approve_dossier"),
    (Status.AWAITING_APPROVAL, Action.SEND_BACK): (Status.IN_REVIEW, P + "approve_dossier"),
    # The result.
    (Status.APPROVED, Action.ISSUE_RESULT): (Status.RESULT_ISSUED, P + "issue_result_dossier"),
    (Status.RESULT_ISSUED, Action.RETURN): (Status.RETURNED, P + "return_dossier"),
    (Status.REJECTED, Action.RETURN): (Status.RETURNED, P + "return_dossier"),
    # A dossier about to be late: an apology with a new date (Form 04); no status change.
    **{
        (status, Action.APOLOGISE): (status, P + "apologise_dossier")
        for status in (
            Status.ASSIGNED,
            Status.IN_REVIEW,
            Status.AWAITING_APPROVAL,
            Status.APPROVED,
        )
    },
    # Withdrawal at the applicant's request, from any open state.
    **{
        (status, Action.WITHDRAW): (Status.WITHDRAWN, P + "withdraw_dossier")
        for status in (
            Status.SUBMITTED,
            Status.RECEIVED,
            Status.SUPPLEMENT_REQUESTED,
            Status.ASSIGNED,
            Status.IN_REVIEW,
            Status.AWAITING_APPROVAL,
            Status.APPROVED,
        )
    },
}

# Moves the applicant makes themselves (authenticated by the tracking secret).
APPLICANT_ACTIONS = frozenset({Action.SUPPLEMENT, Action.WITHDRAW})

# Moves of the person handling the dossier: only its assigned officer or a head of its
# assigned unit may make them (a superuser too).
ASSIGNEE_ACTIONS = frozenset(
    {Action.START_REVIEW, Action.SUBMIT_FOR_APPROVAL, Action.APOLOGISE, Action.REQUEST_SUPPLEMENT}
)


@dataclass(frozen=True)
class Effects:
    """What a move produces besides the status: whether its event shows on the tracking
    page (and with its note), the paper issued, the email sent to the applicant."""

    public: bool = False
    note_public: bool = False
    paper: str | None = None
    email: bool = False


EFFECTS: dict[str, Effects] = {
    Action.SUBMIT: Effects(public=True, email=True),
    Action.REGISTER: Effects(public=True),
    Action.RECEIVE: Effects(public=True, paper=IssuedDocumentKind.FORM01, email=True),
    Action.REQUEST_SUPPLEMENT: Effects(
        public=True, note_public=True, paper=IssuedDocumentKind.FORM02, email=True
    ),
    Action.SUPPLEMENT: Effects(public=True),
    Action.REFUSE: Effects(
        public=True, note_public=True, paper=IssuedDocumentKind.FORM03, email=True
    ),
    Action.ASSIGN: Effects(),
    Action.ASSIGN_OFFICER: Effects(),
    Action.START_REVIEW: Effects(public=True),
    Action.SUBMIT_FOR_APPROVAL: Effects(),
    Action.APPROVE: Effects(),
    Action.REJECT: Effects(public=True, note_public=True, email=True),
    Action.SEND_BACK: Effects(),
    Action.ISSUE_RESULT: Effects(public=True, note_public=True, email=True),
    Action.RETURN: Effects(public=True, note_public=True, email=True),
    Action.WITHDRAW: Effects(public=True, note_public=True, email=True),
    Action.APOLOGISE: Effects(
        public=True, note_public=True, paper=IssuedDocumentKind.FORM04, email=True
    ),
    Action.REISSUE_SECRET: Effects(),
}

# What the back office says before a move (UX.md: "a confirmation that says what will
# happen"), and the button's words.
CONFIRMATIONS: dict[str, tuple[str, str]] = {
    Action.RECEIVE: (
        _("Receive"),
        _(
            "The dossier is received: the time limit starts counting, the receipt and "
            "appointment slip (Form 01) is issued and the applicant is told the due date."
        ),
    ),
    Action.REQUEST_SUPPLEMENT: (
        _("Ask for more documents"),
        _(
            "A request for more documents (Form 02) is sent to the applicant. Asking for "
            "more documents pauses the time limit until they are supplied."
        ),
    ),
    Action.REFUSE: (
        _("Refuse"),
        _(
            "The dossier is not accepted: the refusal notice (Form 03) with your reasons is "
            "sent to the applicant, and the dossier is closed."
        ),
    ),
    Action.ASSIGN: (
        _("Assign"),
        _("The dossier goes to the unit (and officer) chosen, who will process it."),
    ),
    Action.ASSIGN_OFFICER: (
        _("Assign to an officer"),
        _("The officer chosen becomes responsible for processing the dossier."),
    ),
    Action.START_REVIEW: (
        _("Start processing"),
        _(
            "You become the officer processing this dossier; the applicant sees it is "
            "being processed."
        ),
    ),
    Action.SUBMIT_FOR_APPROVAL: (
        _("Send for approval"),
        _("The dossier goes to the department's leaders for approval, with your proposal."),
    ),
    Action.APPROVE: (
        _("Approve"),
        _("The proposal is approved; the one-stop desk then issues the result."),
    ),
    Action.REJECT: (
        _("Reject"),
        _(
            "The application is rejected with your reasons, which the applicant receives; "
            "the dossier is finished."
        ),
    ),
    Action.SEND_BACK: (
        _("Send back"),
        _("The dossier returns to the officer for revision, with your note."),
    ),
    Action.ISSUE_RESULT: (
        _("Issue the result"),
        _(
            "The result is issued: the dossier is finished and classed early, on time or late, "
            "and the applicant is told the result is ready."
        ),
    ),
    Action.RETURN: (
        _("Return the result"),
        _("The result has been handed to the applicant; the dossier is closed."),
    ),
    Action.WITHDRAW: (
        _("Record a withdrawal"),
        _(
            "The applicant has asked to withdraw the dossier: it is closed and not "
            "processed further."
        ),
    ),
    Action.APOLOGISE: (
        _("Send an apology with a new date"),
        _(
            "An apology letter (Form 04) with the new date is sent to the applicant. The "
            "dossier still counts as late if it finishes after its due date."
        ),
    ),
    Action.SUPPLEMENT: (
        _("Record documents supplied"),
        _(
            "The documents handed in on paper are recorded; the time limit resumes and is "
            "extended by the working days it was paused."
        ),
    ),
}


def move_for(status: str, action: str) -> tuple[str, str] | None:
    """(target, permission) of the move, or None when the table has no such move."""
    return TRANSITIONS.get((status, action))


def actions_from(status: str) -> list[str]:
    """The actions the table allows from `status`, in the table's order."""
    return [action for (source, action) in TRANSITIONS if source == status]
