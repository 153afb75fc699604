"""GET /api/v1/calendar/due-date."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/calendar/due-date"


def test_due_date_over_tet_2026(client):
    response = client.get(URL, {"received_at": "2026-02-13T10:00:00+07:00", "working_days": 3})

    assert response.status_code == 200
    body = response.json()
    assert body["received_at"] == "2026-02-13T10:00:00+07:00"
    assert body["working_days"] == 3
    assert body["counting_from"] == "2026-02-13"
    assert body["due_at"] == "2026-02-24T17:00:00+07:00"
    assert body["skipped"][0] == {"date": "2026-02-14", "reason": "Nghỉ cuối tuần (thứ Bảy)"}
    assert {"date": "2026-02-17", "reason": "Tết Nguyên Đán"} in body["skipped"]
    assert len(body["skipped"]) == 9


def test_due_date_in_english_from_utc(client):
    # 08:30 UTC is 15:30 in Vietnam: after the cut-off, so day 1 is the next working day.
    response = client.get(
        URL, {"received_at": "2026-02-13T08:30:00Z", "working_days": 1, "lang": "en"}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["received_at"] == "2026-02-13T15:30:00+07:00"
    assert body["counting_from"] == "2026-02-23"
    assert body["due_at"] == "2026-02-23T17:00:00+07:00"
    assert {"date": "2026-02-17", "reason": "Lunar New Year"} in body["skipped"]


def test_due_date_on_the_make_up_saturday(client):
    response = client.get(URL, {"received_at": "2026-01-08T16:00:00+07:00", "working_days": 2})

    assert response.status_code == 200
    assert response.json()["due_at"] == "2026-01-10T17:00:00+07:00"
    assert response.json()["skipped"] == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"received_at": "2026-02-13T10:00:00", "working_days": 3}, "UTC offset"),
        ({"received_at": "2026-02-13", "working_days": 3}, "UTC offset"),
        ({"received_at": "13/02/2026 10:00", "working_days": 3}, "ISO 8601"),
        ({"received_at": "1771000000", "working_days": 3}, "ISO 8601"),
        ({"received_at": "2150-01-01T10:00:00+07:00", "working_days": 3}, "between"),
        ({"received_at": "2026-02-13T10:00:00+07:00", "working_days": 0}, "greater than"),
        ({"received_at": "2026-02-13T10:00:00+07:00", "working_days": 366}, "less than"),
        ({"received_at": "2026-02-13T10:00:00+07:00", "working_days": "x"}, "integer"),
        ({"working_days": 3}, "required"),
    ],
)
def test_bad_input_is_refused_with_422(client, params, message):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert message in str(response.json()["detail"])
