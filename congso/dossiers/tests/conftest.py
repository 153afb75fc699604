"""Fixtures for the dossier app's tests."""

import pytest
from django.contrib.auth.models import Group

from congso.accounts.services import roles_sync
from congso.dossiers import roles
from congso.dossiers.files import check_upload
from congso.dossiers.models import DossierSettings, UnitMembership
from congso.dossiers.services import IncomingFile, dossier_submit

from .factories import ANSWERS, APPLICANT, UnitFactory, UserFactory, upload, version_with_form


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Dossier files in a temporary directory of the test's own."""
    settings.CONGSO_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


@pytest.fixture
def unit_identifier(db):
    settings_row = DossierSettings.load()
    settings_row.unit_identifier = "000.00.45.H07"
    settings_row.place_name_vi = "Bình Dương"
    settings_row.save()
    return settings_row.unit_identifier


@pytest.fixture
def version(db, unit_identifier):
    return version_with_form(time_limit=10)


@pytest.fixture
def unit(version):
    return UnitFactory(agency=version.agency)


@pytest.fixture
def staff(db, unit):
    """One user per role of the one-stop desk (groups as `roles_sync` makes them), the
    officer and the head members of `unit`. Keys: clerk, officer, head, leader, outsider
    (a staff member with no dossier role)."""
    roles_sync()
    users = {}
    for key, name in (
        ("clerk", roles.CLERK),
        ("officer", roles.OFFICER),
        ("head", roles.HEAD),
        ("leader", roles.LEADER),
    ):
        user = UserFactory(username=key, first_name=key.title(), last_name="Trần")
        user.groups.add(Group.objects.get(name=name))
        users[key] = user
    users["outsider"] = UserFactory(username="outsider")
    UnitMembership.objects.create(user=users["officer"], unit=unit)
    UnitMembership.objects.create(user=users["head"], unit=unit, is_head=True)
    return users


def incoming(*slots, content=None, name="tai-lieu.pdf"):
    """Checked uploads for the slots given."""
    from .factories import PDF_BYTES

    return [
        IncomingFile(slot_key=slot, checked=check_upload(upload(name, content or PDF_BYTES)))
        for slot in slots
    ]


@pytest.fixture
def submit(version):
    """`submit(**overrides)`: an online dossier under `version`, with both required
    documents. Returns the SubmitResult."""

    def make(**overrides):
        params = {
            "version": version,
            "applicant": dict(APPLICANT),
            "answers": dict(ANSWERS),
            "documents": incoming("declaration", "licence"),
        }
        params.update(overrides)
        return dossier_submit(**params)

    return make


@pytest.fixture
def catalogue(demo, unit_identifier):
    """The demo department, its portal and the procedure catalogue (as load_demo makes
    them), with the desk's unit identifier."""
    from congso.procedures.demo import procedures_demo_ensure

    procedures_demo_ensure()
    return demo


@pytest.fixture
def newsletter(catalogue):
    """The newsletter licence (1.009374) version in force, with its 4 documents and 10
    questions."""
    from congso.procedures.selectors import procedure_version_detail

    return procedure_version_detail("1.009374")


NEWSLETTER_ANSWERS = {
    "newsletter_name": "Bản tin Bình Minh",
    "purpose": "Thông tin nội bộ",
    "content": "Tin hoạt động của công ty",
    "frequency": "1 số/tháng",
    "pages": "16",
    "size": "19 x 27 cm",
    "copies_per_issue": "500",
    "language": "vi",
    "printing_place": "Công ty In Bình Dương",
    "person_in_charge": "Nguyễn Văn Sơn, Giám đốc",
}


NEWSLETTER_APPLICANT = {
    "applicant_kind": "individual",
    "applicant_name": "Trần Thị Mai",
    "applicant_id_number": "074185001234",
    "applicant_tax_code": "",
    "applicant_address": "Số 5 Yersin, Thủ Dầu Một, Bình Dương",
    "applicant_phone": "0912 345 678",
    "applicant_email": "mai@example.vn",
}
NEWSLETTER_DOCUMENTS = ("declaration", "establishment", "responsible_person_cv", "title_design")


@pytest.fixture
def desk(newsletter):
    """The four roles on the demo department: one user per role (keys clerk, officer,
    head, leader, outsider — a staff member with no dossier role), the officer and the
    head members of the unit responsible for the newsletter licence (`desk["unit"]`)."""
    roles_sync()
    unit = newsletter.unit
    users = {"unit": unit}
    for key, name in (
        ("clerk", roles.CLERK),
        ("officer", roles.OFFICER),
        ("head", roles.HEAD),
        ("leader", roles.LEADER),
    ):
        user = UserFactory(username=f"nl-{key}", first_name=key.title(), last_name="Lê")
        user.groups.add(Group.objects.get(name=name))
        users[key] = user
    users["outsider"] = UserFactory(username="nl-outsider")
    UnitMembership.objects.create(user=users["officer"], unit=unit)
    UnitMembership.objects.create(user=users["head"], unit=unit, is_head=True)
    return users


@pytest.fixture
def apply_newsletter(newsletter):
    """`apply_newsletter(**overrides)`: an online newsletter-licence application with its
    four documents (checked PDFs). Returns the SubmitResult (with the plain secret)."""

    def make(**overrides):
        params = {
            "version": newsletter,
            "applicant": dict(NEWSLETTER_APPLICANT),
            "answers": dict(NEWSLETTER_ANSWERS),
            "documents": incoming(*NEWSLETTER_DOCUMENTS),
        }
        params.update(overrides)
        return dossier_submit(**params)

    return make
