"""The one-stop desk in the Wagtail admin: the queues ("my dossiers", "my unit's", due
within 2 working days, overdue) with their filters and a fixed number of queries; a
dossier's page (applicant, documents previewed through a checking view, timeline, working
days left, only the moves this user may make); desk intake; and the matrix of every role
(and anonymous, and a staff member with no dossier role) × every admin view."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from congso.core.calendar import VN_TZ
from congso.dossiers import services, tracking
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier, DossierDocument

from .conftest import incoming
from .factories import APPLICANT, PDF_BYTES, PNG_BYTES, UserFactory, upload

pytestmark = pytest.mark.django_db

ROLES = ("clerk", "officer", "head", "leader")


@pytest.fixture
def norole(db):
    """A staff member who may enter the admin (e.g. a web editor) but holds no dossier
    role."""
    user = UserFactory(username="editor")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def _received(submit, staff, **submit_kwargs):
    dossier = submit(**submit_kwargs).dossier
    return services.dossier_receive(dossier=dossier, actor=staff["clerk"])


def _assigned(submit, staff, unit, **submit_kwargs):
    dossier = _received(submit, staff, **submit_kwargs)
    return services.dossier_assign(
        dossier=dossier, actor=staff["clerk"], unit=unit, officer=staff["officer"]
    )


def _queue_codes(client, queue: str, **params) -> list[str]:
    response = client.get(reverse("dossiers_admin:queue", args=[queue]), params)
    assert response.status_code == 200
    return [item["dossier"].code for item in response.context["items"]]


# --- Queues ------------------------------------------------------------------------------


def test_my_queue_and_my_units_queue(client, submit, staff, unit):
    mine = _assigned(submit, staff, unit)
    unit_only = services.dossier_assign(
        dossier=_received(submit, staff), actor=staff["clerk"], unit=unit
    )
    waiting = submit().dossier  # not yet received: nobody's queue but the desk's

    client.force_login(staff["officer"])
    assert _queue_codes(client, "mine") == [mine.code]
    assert set(_queue_codes(client, "unit")) == {mine.code, unit_only.code}
    client.force_login(staff["head"])
    assert _queue_codes(client, "mine") == []
    assert set(_queue_codes(client, "unit")) == {mine.code, unit_only.code}
    client.force_login(staff["clerk"])
    assert _queue_codes(client, "intake") == [waiting.code]
    assert _queue_codes(client, "unit") == []  # the clerk is in no unit


def test_due_soon_and_overdue_queues(client, submit, staff, unit):
    now = timezone.now()
    fresh = _assigned(submit, staff, unit)
    soon = _assigned(submit, staff, unit)
    late = _assigned(submit, staff, unit)
    Dossier.objects.filter(pk=fresh.pk).update(due_at=now + datetime.timedelta(days=20))
    Dossier.objects.filter(pk=soon.pk).update(due_at=now + datetime.timedelta(hours=2))
    Dossier.objects.filter(pk=late.pk).update(due_at=now - datetime.timedelta(days=3))

    client.force_login(staff["officer"])

    assert _queue_codes(client, "due_soon") == [soon.code]
    assert _queue_codes(client, "overdue") == [late.code]
    text = client.get(reverse("dossiers_admin:queue", args=["overdue"])).content.decode()
    assert "quá hạn" in text.lower()
    overview = client.get(reverse("dossiers_admin:overview")).context["queues"]
    counts = {queue["name"]: queue["count"] for queue in overview}
    assert counts["due_soon"] == 1 and counts["overdue"] == 1 and counts["mine"] == 3


def test_queue_filters(client, submit, staff, unit, version):
    received = _received(submit, staff)
    waiting = submit().dossier
    desk = services.dossier_register(
        actor=staff["clerk"],
        version=version,
        channel="postal",
        applicant=dict(APPLICANT),
        answers={"newsletter_name": "Bản tin gửi bưu điện", "pages": "8", "language": "vi"},
        documents=[
            services.IncomingFile(slot_key="declaration", on_paper=True),
            services.IncomingFile(slot_key="licence", on_paper=True),
        ],
    ).dossier
    client.force_login(staff["clerk"])

    assert set(_queue_codes(client, "all", status="received")) == {received.code, desk.code}
    assert _queue_codes(client, "all", channel="postal") == [desk.code]
    assert set(_queue_codes(client, "all", procedure=version.procedure.code)) == {
        received.code,
        waiting.code,
        desk.code,
    }
    today = timezone.now().astimezone(VN_TZ).date()
    tomorrow = today + datetime.timedelta(days=1)
    assert _queue_codes(client, "all", received_from=tomorrow.isoformat()) == []
    assert len(_queue_codes(client, "all", received_to=today.isoformat())) == 3


@pytest.mark.parametrize("queue", ["mine", "unit", "due_soon", "overdue", "all"])
def test_a_queue_page_costs_the_same_queries_for_3_or_30_dossiers(
    client, submit, staff, unit, queue, django_assert_max_num_queries
):
    def grow_to(n):
        while (count := Dossier.objects.count()) < n:
            dossier = _assigned(submit, staff, unit)
            # Half due within the hour, half overdue: every queue has rows.
            Dossier.objects.filter(pk=dossier.pk).update(
                due_at=timezone.now() + datetime.timedelta(hours=1 if count % 2 else -30)
            )

    url = reverse("dossiers_admin:queue", args=[queue])
    client.force_login(staff["officer"])
    grow_to(3)
    client.get(url)  # warm the caches (session, site, settings)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    grow_to(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_overview_costs_the_same_queries_for_3_or_30_dossiers(
    client, submit, staff, unit, django_assert_max_num_queries
):
    url = reverse("dossiers_admin:overview")
    client.force_login(staff["head"])
    for _ in range(3):
        _assigned(submit, staff, unit)
    client.get(url)  # warm the caches (session, site, settings)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    for _ in range(27):
        _assigned(submit, staff, unit)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


# --- A dossier's page --------------------------------------------------------------------


def test_the_dossier_page_shows_applicant_documents_timeline_and_days_left(
    client, submit, staff, unit, version
):
    documents = [
        *incoming("declaration", "licence"),
        *[
            services.IncomingFile(
                slot_key="photo",
                checked=services.files.check_upload(upload("anh.png", PNG_BYTES)),
            )
        ],
    ]
    dossier = _assigned(submit, staff, unit, documents=documents)
    client.force_login(staff["officer"])

    response = client.get(reverse("dossiers_admin:dossier", args=[dossier.pk]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    for value in (
        APPLICANT["applicant_name"],
        APPLICANT["applicant_id_number"],
        APPLICANT["applicant_address"],
        APPLICANT["applicant_email"],
        "Bản tin Bình Minh",
    ):
        assert value in text
    assert "còn 10 ngày làm việc" in text or "còn 11 ngày làm việc" in text
    # Documents: a PDF in a frame and a PNG as an image, from the checking view.
    for document in dossier.documents.exclude(file=""):
        document_url = reverse("dossiers_admin:document", args=[dossier.pk, document.pk])
        assert document_url in text
        assert document.file.name not in text  # never the storage path
    assert "<iframe" in text and '<img class="dossier-document__preview"' in text
    # The timeline names the staff.
    assert staff["clerk"].get_full_name() in text
    assert "Đã tiếp nhận" in text

    preview = client.get(
        reverse(
            "dossiers_admin:document",
            args=[dossier.pk, dossier.documents.get(slot_key="declaration").pk],
        )
    )
    assert preview.status_code == 200
    assert preview["Content-Type"] == "application/pdf"
    assert preview["Content-Disposition"].startswith("inline")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert b"".join(preview.streaming_content) == PDF_BYTES


def _move_urls(client, dossier) -> set[str]:
    text = client.get(reverse("dossiers_admin:dossier", args=[dossier.pk])).content.decode()
    prefix = reverse("dossiers_admin:dossier", args=[dossier.pk]) + "action/"
    return {action for action in services.SERVICES if f'action="{prefix}{action}/"' in text}


def test_a_dossiers_page_costs_the_same_queries_whatever_its_documents(
    client, submit, staff, unit, django_assert_max_num_queries
):
    few = _assigned(submit, staff, unit, documents=incoming("declaration", "licence"))
    photo = services.IncomingFile(
        slot_key="photo", checked=services.files.check_upload(upload("anh.png", PNG_BYTES))
    )
    many = _assigned(
        submit, staff, unit, documents=[*incoming("declaration", "licence"), photo, photo]
    )
    client.force_login(staff["officer"])

    def count(dossier):
        url = reverse("dossiers_admin:dossier", args=[dossier.pk])
        client.get(url)  # warm the caches
        with django_assert_max_num_queries(60) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    assert (
        DossierDocument.objects.filter(dossier=many).count()
        > DossierDocument.objects.filter(dossier=few).count()
    )
    assert count(many) == count(few)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (
            "submitted",
            {
                "clerk": {"receive", "request_supplement", "refuse", "withdraw"},
                "officer": set(),
                "head": set(),
                "leader": set(),
            },
        ),
        (
            "assigned",
            {
                "clerk": {"assign", "withdraw"},
                "officer": {"start_review", "apologise"},
                "head": {"assign_officer", "start_review", "apologise"},
                "leader": set(),
            },
        ),
        (
            "awaiting_approval",
            {
                "clerk": {"withdraw"},
                "officer": {"apologise"},
                "head": {"apologise"},
                "leader": {"approve", "reject", "send_back"},
            },
        ),
    ],
)
def test_the_page_offers_only_the_moves_this_user_may_make(
    client, submit, staff, unit, state, expected
):
    dossier = submit().dossier
    if state != "submitted":
        dossier = _assigned(submit, staff, unit)
    if state == "awaiting_approval":
        services.dossier_start_review(dossier=dossier, actor=staff["officer"])
        dossier = services.dossier_submit_for_approval(
            dossier=dossier, actor=staff["officer"], note="Đề nghị cấp phép."
        )

    for role, actions in expected.items():
        client.force_login(staff[role])
        assert _move_urls(client, dossier) == actions, role


def test_a_move_from_the_page_and_a_refused_one(client, submit, staff, unit):
    dossier = _received(submit, staff)
    move = reverse("dossiers_admin:move", args=[dossier.pk, "assign"])
    complete = {
        "assign-version": dossier.version,
        "assign-unit": unit.pk,
        "assign-officer": staff["officer"].pk,
    }
    client.force_login(staff["officer"])
    refused = client.post(move, complete)
    assert refused.status_code in (302, 403)  # Wagtail sends the user to the admin home
    assert refused.get("Location", "/admin/") == "/admin/"
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED

    client.force_login(staff["clerk"])
    response = client.post(move, complete)

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.ASSIGNED and dossier.assigned_officer == staff["officer"]
    # The same form again, from the old page: told who changed it.
    stale = client.post(
        move,
        {"assign-version": dossier.version - 1, "assign-unit": unit.pk},
        follow=True,
    )
    assert "Hồ sơ đã được" in stale.content.decode()


# --- Desk intake -------------------------------------------------------------------------


def test_a_clerk_registers_a_paper_dossier(client, staff, version, private_media):
    client.force_login(staff["clerk"])
    url = reverse("dossiers_admin:register_form", args=[version.procedure.code])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "token": form.context["token"],
        "intake-channel": "desk",
        "intake-language": "vi",
        **{f"applicant-{key}": value for key, value in APPLICANT.items()},
        "answers-newsletter_name": "Bản tin Phường Phú Cường",
        "answers-pages": "12",
        "answers-language": "vi",
        "documents-paper_declaration": "on",
        "documents-scan_licence": upload("giay-phep.pdf", PDF_BYTES),
    }

    response = client.post(url, data)

    assert response.status_code == 200, response.content.decode()[:2000]
    dossier = Dossier.objects.get()
    text = response.content.decode()
    assert dossier.code in text
    secret = response.context["secret"]
    assert secret in text and tracking.secret_matches(secret, dossier.tracking_secret_hash)
    assert dossier.channel == "desk" and dossier.status == Status.RECEIVED
    assert dossier.due_at is not None
    declaration = DossierDocument.objects.get(dossier=dossier, slot_key="declaration")
    licence = DossierDocument.objects.get(dossier=dossier, slot_key="licence")
    assert declaration.received_on_paper and not declaration.file
    assert (private_media / licence.file.name).read_bytes() == PDF_BYTES
    assert [e.action for e in dossier.events.all()] == ["register", "receive"]

    # The same form sent again (a double click) makes no second dossier.
    data["documents-scan_licence"] = upload("giay-phep.pdf", PDF_BYTES)
    again = client.post(url, data)
    assert again.status_code == 302
    assert Dossier.objects.count() == 1


def test_desk_intake_names_a_missing_document(client, staff, version):
    client.force_login(staff["clerk"])
    url = reverse("dossiers_admin:register_form", args=[version.procedure.code])
    data = {
        "intake-channel": "postal",
        "intake-language": "vi",
        **{f"applicant-{key}": value for key, value in APPLICANT.items()},
        "answers-newsletter_name": "Bản tin",
        "answers-pages": "12",
        "answers-language": "vi",
        "documents-paper_declaration": "on",
    }

    response = client.post(url, data)

    assert response.status_code == 400
    assert "Bản sao giấy phép đăng ký kinh doanh" in response.content.decode()
    assert not Dossier.objects.exists()


# --- Permission matrix -------------------------------------------------------------------

# Every admin view, with the roles that may use it. Anonymous visitors are sent to the
# login page; everyone else without the right gets 403.
VIEWS = {
    "overview": set(ROLES),
    "queue": set(ROLES),
    "dossier": set(ROLES),
    "document": set(ROLES),
    "paper": set(ROLES),
    "register": {"clerk"},
    "register_form": {"clerk"},
    "reissue_secret": {"clerk"},
    "applicant_slip": {"clerk"},
}


@pytest.fixture
def matrix_dossier(submit, staff, django_capture_on_commit_callbacks):
    result = submit()
    with django_capture_on_commit_callbacks(execute=True):
        services.dossier_receive(dossier=result.dossier, actor=staff["clerk"])
    return result


def _request(client, view: str, result, version):
    dossier = result.dossier
    if view == "overview":
        return client.get(reverse("dossiers_admin:overview"))
    if view == "queue":
        return client.get(reverse("dossiers_admin:queue", args=["all"]))
    if view == "dossier":
        return client.get(reverse("dossiers_admin:dossier", args=[dossier.pk]))
    if view == "document":
        document = dossier.documents.first()
        return client.get(reverse("dossiers_admin:document", args=[dossier.pk, document.pk]))
    if view == "paper":
        paper = dossier.papers.get()
        return client.get(reverse("dossiers_admin:paper", args=[dossier.pk, paper.pk]))
    if view == "register":
        return client.get(reverse("dossiers_admin:register"))
    if view == "register_form":
        return client.get(reverse("dossiers_admin:register_form", args=[version.procedure.code]))
    if view == "reissue_secret":
        dossier.refresh_from_db()
        return client.post(
            reverse("dossiers_admin:reissue_secret", args=[dossier.pk]),
            {"version": dossier.version},
        )
    if view == "applicant_slip":
        return client.post(
            reverse("dossiers_admin:applicant_slip", args=[dossier.pk]), {"secret": result.secret}
        )
    raise KeyError(view)


@pytest.mark.parametrize("who", [*ROLES, "norole", "anonymous"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_permission_matrix(client, staff, norole, version, matrix_dossier, who, view):
    if who == "norole":
        client.force_login(norole)
    elif who != "anonymous":
        client.force_login(staff[who])
    secret_hash = Dossier.objects.get(pk=matrix_dossier.dossier.pk).tracking_secret_hash

    response = _request(client, view, matrix_dossier, version)

    if who == "anonymous":
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]
    elif who in VIEWS[view]:
        assert response.status_code == 200, response.content[:500]
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:  # Wagtail sends a user without the right home
            assert reverse("wagtailadmin_login") not in response["Location"]
        assert response.get("Content-Type", "").split(";")[0] != "application/pdf"
    # Only the clerk's reissue changed the secret.
    changed = Dossier.objects.get(pk=matrix_dossier.dossier.pk).tracking_secret_hash != secret_hash
    assert changed == (view == "reissue_secret" and who == "clerk")


def test_every_admin_url_is_in_the_matrix():
    from congso.dossiers.wagtail_hooks import admin_urlpatterns

    names = {pattern.name for pattern in admin_urlpatterns} - {"move"}
    assert names == set(VIEWS)
