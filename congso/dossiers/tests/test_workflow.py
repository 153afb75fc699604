"""Every move of the table: who may make it (the role × move matrix), what it changes, what
it refuses, the clock, early / on time / late, and two officers at once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from congso.core.calendar import VN_TZ, WorkingCalendar
from congso.core.errors import ApplicationError, TransitionNotAllowed
from congso.dossiers import services, workflow
from congso.dossiers.choices import Action, IssuedDocumentKind, OutcomeTiming, Status
from congso.dossiers.exceptions import DossierChanged
from congso.dossiers.models import Dossier
from congso.dossiers.services import IncomingFile

from .conftest import incoming

pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(hour, minute), tzinfo=VN_TZ
    )


# The path to each status, as (service, the role that makes the move, extra arguments).
def _path(staff, unit):
    return {
        Status.RECEIVED: [(services.dossier_receive, "clerk", {})],
        Status.ASSIGNED: [
            (services.dossier_assign, "clerk", {"unit": unit, "officer": staff["officer"]})
        ],
        Status.IN_REVIEW: [(services.dossier_start_review, "officer", {})],
        Status.AWAITING_APPROVAL: [
            (services.dossier_submit_for_approval, "officer", {"note": "Đề nghị cấp phép."})
        ],
        Status.APPROVED: [(services.dossier_approve, "leader", {})],
        Status.RESULT_ISSUED: [
            (services.dossier_issue_result, "clerk", {"result_reference": "12/GP-STTTT"})
        ],
        Status.RETURNED: [(services.dossier_return, "clerk", {})],
    }


ORDER = [
    Status.RECEIVED,
    Status.ASSIGNED,
    Status.IN_REVIEW,
    Status.AWAITING_APPROVAL,
    Status.APPROVED,
    Status.RESULT_ISSUED,
    Status.RETURNED,
]
BRANCHES = {
    # status: (the status it branches from, service, role, arguments)
    Status.REFUSED: (
        Status.SUBMITTED,
        services.dossier_refuse,
        "clerk",
        {"reasons": "Sai thủ tục."},
    ),
    Status.REJECTED: (
        Status.AWAITING_APPROVAL,
        services.dossier_reject,
        "leader",
        {"reasons": "Không đủ điều kiện."},
    ),
    Status.SUPPLEMENT_REQUESTED: (
        Status.IN_REVIEW,
        services.dossier_request_supplement,
        "officer",
        {"documents": ["licence"], "note": "Bản sao chưa chứng thực."},
    ),
    Status.WITHDRAWN: (Status.RECEIVED, services.dossier_withdraw, "clerk", {"reason": "Xin rút."}),
}


def drive(dossier, status, staff, unit):
    """Move `dossier` along the ordinary path from where it is to `status`."""
    if dossier.status == status:
        return dossier
    if status in BRANCHES:
        source, service, role, kwargs = BRANCHES[status]
        dossier = drive(dossier, source, staff, unit)
        return service(dossier=dossier, actor=staff[role], **kwargs)
    path = _path(staff, unit)
    start = ORDER.index(dossier.status) + 1 if dossier.status in ORDER else 0
    for step in ORDER[start:]:
        for service, role, kwargs in path[step]:
            dossier = service(dossier=dossier, actor=staff[role], **kwargs)
        if step == status:
            return dossier
    raise AssertionError(status)


# --- The role × move matrix ------------------------------------------------------------------

# Who may make each move (issue 4 §4): the one-stop clerk receives, asks for documents at
# receipt, refuses, assigns, records paper supplements and withdrawals, issues and returns
# results; the officer processes, asks for documents, apologises; the division head
# assigns within the unit and has the officer's rights; the leader approves or rejects.
MAY = {
    "clerk": {
        Action.RECEIVE,
        Action.REFUSE,
        Action.ASSIGN,
        Action.ISSUE_RESULT,
        Action.RETURN,
        Action.WITHDRAW,
        Action.SUPPLEMENT,
        (Status.SUBMITTED, Action.REQUEST_SUPPLEMENT),
    },
    "officer": {
        Action.START_REVIEW,
        Action.SUBMIT_FOR_APPROVAL,
        Action.APOLOGISE,
        (Status.IN_REVIEW, Action.REQUEST_SUPPLEMENT),
    },
    "head": {
        Action.ASSIGN_OFFICER,
        Action.START_REVIEW,
        Action.SUBMIT_FOR_APPROVAL,
        Action.APOLOGISE,
        (Status.IN_REVIEW, Action.REQUEST_SUPPLEMENT),
    },
    "leader": {Action.APPROVE, Action.REJECT, Action.SEND_BACK},
    "outsider": set(),
}
ROLES = list(MAY)


def _arguments(action, dossier, staff, unit):
    if action == Action.REQUEST_SUPPLEMENT:
        return {"documents": ["licence"], "note": "Thiếu bản sao."}
    if action in (Action.REFUSE, Action.REJECT):
        return {"reasons": "Không đủ điều kiện."}
    if action == Action.ASSIGN:
        return {"unit": unit, "officer": staff["officer"]}
    if action == Action.ASSIGN_OFFICER:
        return {"officer": staff["officer"]}
    if action in (Action.SUBMIT_FOR_APPROVAL, Action.SEND_BACK):
        return {"note": "Ghi chú."}
    if action == Action.APOLOGISE:
        cal = WorkingCalendar.load()
        day = dossier.due_at.astimezone(VN_TZ).date() + datetime.timedelta(days=7)
        return {
            "new_due_on": day if cal.is_working_day(day) else cal.next_working_day(day),
            "reason": "Cần xác minh thêm.",
        }
    if action == Action.SUPPLEMENT:
        return {"documents": [IncomingFile(slot_key="licence", on_paper=True)]}
    if action == Action.WITHDRAW:
        return {"reason": "Xin rút."}
    return {}


def _may(role, status, action) -> bool:
    allowed = MAY[role]
    return action in allowed or (status, action) in allowed


MATRIX = [(role, status, action) for (status, action) in workflow.TRANSITIONS for role in ROLES]


@pytest.mark.parametrize(("role", "status", "action"), MATRIX)
def test_role_move_matrix(submit, staff, unit, role, status, action):
    dossier = drive(submit().dossier, status, staff, unit)
    dossier.refresh_from_db()
    before = (dossier.status, dossier.version, dossier.events.count())
    service = services.SERVICES[action]

    if _may(role, status, action):
        moved = service(
            dossier=dossier, actor=staff[role], **_arguments(action, dossier, staff, unit)
        )
        target, _permission = workflow.TRANSITIONS[(status, action)]
        expected = status if target == workflow.RESUME else target
        if target == workflow.RESUME:
            expected = Status.IN_REVIEW
        assert moved.status == expected
        assert moved.version == before[1] + 1
        assert moved.events.count() == before[2] + 1
        assert moved.events.last().actor == staff[role]
    else:
        with pytest.raises((PermissionDenied, ApplicationError)):
            service(dossier=dossier, actor=staff[role], **_arguments(action, dossier, staff, unit))
        dossier.refresh_from_db()
        assert (dossier.status, dossier.version, dossier.events.count()) == before


# --- Moves the table does not have -----------------------------------------------------------

ALL_STATUSES = [Status.SUBMITTED, *ORDER, *BRANCHES]


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_every_move_missing_from_the_table_is_refused(
    submit, staff, unit, status, django_user_model
):
    dossier = drive(submit().dossier, status, staff, unit)
    dossier.refresh_from_db()
    boss = django_user_model.objects.create_superuser("boss", "boss@example.invalid", "x")
    refused = [
        action for action in services.SERVICES if (status, action) not in workflow.TRANSITIONS
    ]
    assert refused, status

    for action in refused:
        with pytest.raises(TransitionNotAllowed):
            services.SERVICES[action](
                dossier=dossier, actor=boss, **_arguments(action, dossier, staff, unit)
            ) if action != Action.APOLOGISE else services.dossier_apologise(
                dossier=dossier, actor=boss, new_due_on=datetime.date(2099, 1, 5), reason="x"
            )

    after = Dossier.objects.get(pk=dossier.pk)
    assert (after.status, after.version) == (dossier.status, dossier.version)


def test_a_refused_move_says_why_in_words(submit, staff):
    dossier = submit().dossier

    with translation.override("vi"), pytest.raises(TransitionNotAllowed) as error:
        services.dossier_issue_result(dossier=dossier, actor=staff["clerk"])

    assert "Đã nộp trực tuyến" in str(error.value)


# --- What each move changes ---------------------------------------------------------------------


def test_receipt_starts_the_clock_and_issues_form_01(submit, staff):
    dossier = submit(now=at("2027-02-18", 16, 30)).dossier

    received = services.dossier_receive(
        dossier=dossier, actor=staff["clerk"], now=at("2027-02-18", 16, 30)
    )

    # After 15:00: counts from Friday 19/02; 10 working days → Thursday 04/03/2027, 17:00.
    assert received.status == Status.RECEIVED
    assert received.national_status == 2
    assert received.due_at == at("2027-03-04", 17)
    paper = received.papers.get()
    assert paper.kind == IssuedDocumentKind.FORM01
    assert paper.number == "1/TNHS"
    assert not paper.file  # rendered after commit


def test_a_refusal_needs_reasons_and_closes_the_dossier(submit, staff):
    dossier = submit().dossier

    with pytest.raises(Exception) as error:
        services.dossier_refuse(dossier=dossier, actor=staff["clerk"], reasons="  ")
    assert "note" in error.value.message_dict

    refused = services.dossier_refuse(
        dossier=dossier, actor=staff["clerk"], reasons="Không thuộc thẩm quyền."
    )
    assert refused.status == Status.REFUSED
    assert refused.national_status == 3
    assert refused.finished_at is not None
    assert refused.papers.get().kind == IssuedDocumentKind.FORM03
    assert refused.events.last().note == "Không thuộc thẩm quyền."


def test_supplement_at_receipt_returns_to_the_desk_without_starting_the_clock(submit, staff):
    dossier = submit().dossier
    asked = services.dossier_request_supplement(
        dossier=dossier,
        actor=staff["clerk"],
        documents=["licence"],
        due_on=datetime.date(2099, 1, 1),
    )
    assert asked.status == Status.SUPPLEMENT_REQUESTED
    assert asked.paused_at is None and asked.due_at is None
    assert asked.papers.get().kind == IssuedDocumentKind.FORM02

    supplied = services.dossier_supplement(
        dossier=asked, documents=incoming("licence"), applicant=True
    )

    assert supplied.status == Status.SUBMITTED
    assert supplied.documents.filter(supplement_round=1, uploaded_by_applicant=True).count() == 1
    assert supplied.events.last().actor is None


def test_the_clock_pauses_for_a_supplement_and_the_due_date_moves_by_the_days_paused(
    submit, staff, unit
):
    dossier = submit(now=at("2027-03-01")).dossier
    dossier = services.dossier_receive(dossier=dossier, actor=staff["clerk"], now=at("2027-03-01"))
    assert dossier.due_at == at("2027-03-12", 17)  # 10 working days from Monday 01/03
    dossier = services.dossier_assign(
        dossier=dossier, actor=staff["clerk"], unit=unit, officer=staff["officer"]
    )
    dossier = services.dossier_start_review(dossier=dossier, actor=staff["officer"])

    paused = services.dossier_request_supplement(
        dossier=dossier, actor=staff["officer"], documents=["licence"], now=at("2027-03-03", 10)
    )
    assert paused.paused_at == at("2027-03-03", 10)
    assert not paused.clock_running

    resumed = services.dossier_supplement(
        dossier=paused, documents=incoming("licence"), applicant=True, now=at("2027-03-08", 10)
    )

    # Paused Wednesday 03/03; documents on Monday 08/03: Thursday, Friday and Monday are
    # not counted, so the due date moves three working days, to Wednesday 17/03.
    assert resumed.status == Status.IN_REVIEW
    assert resumed.paused_working_days == 3
    assert resumed.paused_at is None
    assert resumed.due_at == at("2027-03-17", 17)


def test_a_supplement_must_bring_every_document_asked_for(submit, staff):
    dossier = submit().dossier
    dossier = services.dossier_request_supplement(
        dossier=dossier, actor=staff["clerk"], documents=["licence", "declaration"]
    )

    with pytest.raises(Exception) as error:
        services.dossier_supplement(dossier=dossier, documents=incoming("licence"), applicant=True)

    assert "documents.declaration" in error.value.message_dict
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED
    assert dossier.documents.filter(supplement_round=1).count() == 0


@pytest.mark.parametrize(
    ("finished", "timing"),
    [
        (at("2027-03-11", 16), OutcomeTiming.EARLY),
        (at("2027-03-12", 8), OutcomeTiming.ON_TIME),
        (at("2027-03-12", 17), OutcomeTiming.ON_TIME),
        (at("2027-03-12", 17, 1), OutcomeTiming.LATE),
        (at("2027-03-15", 9), OutcomeTiming.LATE),
    ],
)
def test_finished_dossiers_are_classed_early_on_time_or_late(submit, staff, unit, finished, timing):
    dossier = submit(now=at("2027-03-01")).dossier
    dossier = services.dossier_receive(dossier=dossier, actor=staff["clerk"], now=at("2027-03-01"))
    dossier = drive(dossier, Status.APPROVED, staff, unit)

    issued = services.dossier_issue_result(dossier=dossier, actor=staff["clerk"], now=finished)

    assert issued.due_at == at("2027-03-12", 17)
    assert issued.outcome_timing == timing
    assert issued.finished_at == finished


def test_a_rejection_is_classed_too(submit, staff, unit):
    dossier = submit(now=at("2027-03-01")).dossier
    dossier = services.dossier_receive(dossier=dossier, actor=staff["clerk"], now=at("2027-03-01"))
    dossier = drive(dossier, Status.AWAITING_APPROVAL, staff, unit)

    rejected = services.dossier_reject(
        dossier=dossier, actor=staff["leader"], reasons="Không đủ điều kiện.", now=at("2027-03-02")
    )

    assert rejected.outcome_timing == OutcomeTiming.EARLY
    assert rejected.national_status == 9


def test_an_apology_sets_a_new_date_but_a_late_result_stays_late(submit, staff, unit):
    dossier = submit(now=at("2027-03-01")).dossier
    dossier = services.dossier_receive(dossier=dossier, actor=staff["clerk"], now=at("2027-03-01"))
    dossier = drive(dossier, Status.IN_REVIEW, staff, unit)

    apologised = services.dossier_apologise(
        dossier=dossier,
        actor=staff["officer"],
        new_due_on=datetime.date(2027, 3, 19),
        reason="Cần xin ý kiến Bộ.",
        now=at("2027-03-11"),
    )

    assert apologised.status == Status.IN_REVIEW
    assert apologised.new_due_at == at("2027-03-19", 17)
    assert apologised.due_at == at("2027-03-12", 17)
    assert apologised.papers.last().kind == IssuedDocumentKind.FORM04
    assert apologised.events.last().data["late"] is False

    later = drive(apologised, Status.APPROVED, staff, unit)
    issued = services.dossier_issue_result(
        dossier=later, actor=staff["clerk"], now=at("2027-03-18")
    )
    assert issued.outcome_timing == OutcomeTiming.LATE


def test_an_apology_after_the_due_date_is_allowed_and_recorded_as_late(submit, staff, unit):
    dossier = submit(now=at("2027-03-01")).dossier
    dossier = services.dossier_receive(dossier=dossier, actor=staff["clerk"], now=at("2027-03-01"))
    dossier = drive(dossier, Status.IN_REVIEW, staff, unit)

    apologised = services.dossier_apologise(
        dossier=dossier,
        actor=staff["officer"],
        new_due_on=datetime.date(2027, 3, 22),
        reason="Chậm.",
        now=at("2027-03-15"),
    )

    assert apologised.events.last().data["late"] is True


def test_an_apology_date_must_be_a_later_working_day(submit, staff, unit):
    dossier = submit(now=at("2027-03-01")).dossier
    dossier = services.dossier_receive(dossier=dossier, actor=staff["clerk"], now=at("2027-03-01"))
    dossier = drive(dossier, Status.IN_REVIEW, staff, unit)

    for day in (
        datetime.date(2027, 3, 20),
        datetime.date(2027, 3, 10),
    ):  # a Saturday; before the due date
        with pytest.raises(Exception) as error:
            services.dossier_apologise(
                dossier=dossier,
                actor=staff["officer"],
                new_due_on=day,
                reason="x",
                now=at("2027-03-08"),
            )
        assert "new_due_on" in error.value.message_dict


def test_only_the_officer_handling_it_or_the_head_may_process_it(
    submit, staff, unit, django_user_model
):
    from congso.dossiers.models import UnitMembership

    from .factories import UserFactory

    colleague = UserFactory(username="colleague")
    colleague.groups.add(*staff["officer"].groups.all())
    UnitMembership.objects.create(user=colleague, unit=unit)
    dossier = drive(submit().dossier, Status.ASSIGNED, staff, unit)

    with pytest.raises(ApplicationError):
        services.dossier_start_review(dossier=dossier, actor=colleague)

    moved = services.dossier_assign_officer(dossier=dossier, actor=staff["head"], officer=colleague)
    started = services.dossier_start_review(dossier=moved, actor=colleague)
    assert started.assigned_officer == colleague


def test_a_unit_member_who_starts_an_unassigned_dossier_becomes_its_officer(submit, staff, unit):
    dossier = services.dossier_receive(dossier=submit().dossier, actor=staff["clerk"])
    dossier = services.dossier_assign(dossier=dossier, actor=staff["clerk"], unit=unit)

    started = services.dossier_start_review(dossier=dossier, actor=staff["officer"])

    assert started.assigned_officer == staff["officer"]


def test_the_applicant_may_withdraw_but_not_approve(submit, staff):
    dossier = submit().dossier

    with pytest.raises(PermissionDenied):
        services._move(dossier, action=Action.RECEIVE, applicant=True)

    withdrawn = services.dossier_withdraw(dossier=dossier, applicant=True, reason="Không cần nữa.")
    assert withdrawn.status == Status.WITHDRAWN
    assert withdrawn.national_status == 7


# --- Two officers at once ---------------------------------------------------------------------


def test_the_second_of_two_officers_is_told_who_changed_it_and_when(submit, staff, unit):
    dossier = drive(submit().dossier, Status.IN_REVIEW, staff, unit)
    seen = dossier.version
    services.dossier_submit_for_approval(
        dossier=dossier,
        actor=staff["head"],
        note="Trình.",
        expected_version=seen,
        now=at("2027-02-19", 9, 15),
    )

    with translation.override("vi"), pytest.raises(DossierChanged) as error:
        services.dossier_request_supplement(
            dossier=dossier, actor=staff["officer"], note="Thiếu.", expected_version=seen
        )

    assert (
        str(error.value)
        == "Hồ sơ đã được Head Trần cập nhật lúc 09:15 19/02/2027; vui lòng tải lại."
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.AWAITING_APPROVAL
    assert dossier.version == seen + 1


def test_a_reissued_secret_replaces_the_old_one(submit, staff):
    from congso.dossiers import tracking

    result = submit()
    dossier, secret = services.dossier_reissue_secret(dossier=result.dossier, actor=staff["clerk"])

    assert not tracking.secret_matches(result.secret, dossier.tracking_secret_hash)
    assert tracking.secret_matches(secret, dossier.tracking_secret_hash)
    with pytest.raises(PermissionDenied):
        services.dossier_reissue_secret(dossier=dossier, actor=staff["officer"])
