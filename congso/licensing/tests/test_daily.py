"""The daily run: expiry, the end of a suspension's period, the 30-day reminder sent once
(issue 5 §3; brief: task and command)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from congso.licensing import services, tasks
from congso.licensing.choices import LicenceAction, LicenceStatus

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def website(catalogue, staff):
    """An aggregated news website licence (5 years) issued 01/01/2022: valid to 31/12/2026."""
    return register(
        staff,
        type_code="aggregated-website",
        number="3/GP-TTDT",
        issued_on=datetime.date(2022, 1, 1),
        holder_email="web@example.vn",
        values={"domain": "tin-mau.vn"},
    )


def test_the_holder_is_reminded_30_days_before_expiry_once(website):
    assert website.valid_to == datetime.date(2026, 12, 31)
    assert services.licences_send_expiry_reminders(today=datetime.date(2026, 11, 30)) == 0
    assert services.licences_send_expiry_reminders(today=datetime.date(2026, 12, 1)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["web@example.vn"]
    assert "3/GP-TTDT" in message.subject and "31/12/2026" in message.subject
    assert "/vi/giay-phep/xac-thuc/2022/3/GP-TTDT/?t=" in message.body
    # Once: the next days send nothing more.
    assert services.licences_send_expiry_reminders(today=datetime.date(2026, 12, 2)) == 0
    assert len(mail.outbox) == 1
    assert website.events.filter(action=LicenceAction.REMINDED).count() == 1


def test_a_licence_past_its_last_day_is_marked_expired(client, website):
    assert services.licences_expire(today=datetime.date(2026, 12, 31)) == 0
    assert services.licences_expire(today=datetime.date(2027, 1, 1)) == 1
    website.refresh_from_db()
    assert website.status == LicenceStatus.EXPIRED
    assert website.events.last().action == LicenceAction.EXPIRED
    html = client.get("/vi/giay-phep/2022/3/GP-TTDT/").content.decode()
    assert "HẾT HIỆU LỰC" in html
    assert services.licences_expire(today=datetime.date(2027, 1, 2)) == 0  # once


def test_a_suspension_whose_period_ended_is_lifted(website, staff):
    services.licence_suspend(
        licence=website,
        actor=staff["leader"],
        decision_number="9/QĐ-STTTT",
        reason="Tạm dừng",
        period_from=datetime.date(2026, 6, 1),
        period_to=datetime.date(2026, 6, 30),
    )
    services.licences_expire(today=datetime.date(2026, 7, 1))
    website.refresh_from_db()
    assert website.status == LicenceStatus.VALID
    assert website.events.last().action == LicenceAction.REINSTATED


def test_the_task_and_the_command_run_the_daily_work(website, time_machine):
    time_machine.move_to(datetime.datetime(2027, 1, 1, 1, 0, tzinfo=datetime.UTC))
    result = tasks.licences_daily.enqueue()  # immediate backend in tests
    assert result.return_value == {"expired": 1, "reminded": 0}
    website.refresh_from_db()
    assert website.status == LicenceStatus.EXPIRED

    from io import StringIO

    out = StringIO()
    call_command("licences_daily", "--date", "2027-01-02", stdout=out)
    assert "0 expired" in out.getvalue()
