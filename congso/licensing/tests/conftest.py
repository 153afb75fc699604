"""Fixtures of the licensing tests: the demo department with its procedure catalogue and
licence types, one user per role, and a newsletter dossier taken through the real
one-stop-desk services to "approved"."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from congso.accounts.services import roles_sync
from congso.dossiers import roles as dossier_roles
from congso.licensing import roles as licensing_roles

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
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
APPLICANT = {
    "applicant_kind": "organisation",
    "applicant_name": "Công ty TNHH Truyền thông Bình Minh",
    "applicant_id_number": "",
    "applicant_tax_code": "3700123456",
    "applicant_address": "Số 1 Lê Lợi, Thủ Dầu Một, Bình Dương",
    "applicant_phone": "0912 345 678",
    "applicant_email": "binhminh@example.vn",
}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.CONGSO_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.CONGSO_BASE_URL = "https://congso.example.vn"
    return tmp_path / "private"


def catalogue_load():
    from congso.dossiers.models import DossierSettings
    from congso.licensing.catalogue import licence_types_load
    from congso.procedures.demo import procedures_demo_ensure

    procedures_demo_ensure()
    row = DossierSettings.load()
    row.unit_identifier = "000.00.45.H07"
    row.place_name_vi = "Bình Dương"
    row.save()
    licence_types_load()


@pytest.fixture
def catalogue(demo):
    """The demo department, its portal, the procedure catalogue and the licence types."""
    catalogue_load()
    return demo


def make_user(username, *groups, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        password="x" * 16,
        first_name=extra.pop("first_name", username.title()),
        last_name=extra.pop("last_name", "Trần"),
        email=f"{username}@example.invalid",
        **extra,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def staff_make():
    roles_sync()
    return {
        "clerk": make_user("clerk", dossier_roles.CLERK),
        "officer": make_user("officer", dossier_roles.OFFICER),
        # A leader who approves dossiers and signs licences: in both groups.
        "leader": make_user("leader", dossier_roles.LEADER, licensing_roles.LICENCE_SIGNER),
        # A leader of the one-stop desk only: approves dossiers, signs no licence.
        "approver": make_user("approver", dossier_roles.LEADER),
        "licensing": make_user("licensing", licensing_roles.LICENSING_OFFICER),
        "outsider": make_user("outsider"),
    }


@pytest.fixture
def staff(db):
    """One user per role: clerk (one-stop desk), officer, leader (Lãnh đạo Sở who also
    signs licences), approver (Lãnh đạo Sở of the desk only), licensing (Chuyên viên cấp
    phép), outsider (no role)."""
    return staff_make()


def approved_dossier_make(staff, *, answers=None, applicant=None):
    """A newsletter-licence dossier (1.009374), submitted online and moved to "approved"
    by the one-stop desk's own services."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from congso.dossiers import services
    from congso.dossiers.files import check_upload
    from congso.dossiers.models import UnitMembership
    from congso.organization.models import Unit
    from congso.procedures.selectors import procedure_version_detail

    version = procedure_version_detail("1.009374")
    documents = [
        services.IncomingFile(
            slot_key=doc.key,
            checked=check_upload(SimpleUploadedFile("a.pdf", PDF_BYTES, "application/pdf")),
        )
        for doc in version.documents.all()
        if doc.required
    ]
    result = services.dossier_submit(
        version=version,
        applicant=dict(applicant or APPLICANT),
        answers=dict(answers or NEWSLETTER_ANSWERS),
        documents=documents,
    )
    unit = Unit.objects.filter(agency=version.agency).first()
    UnitMembership.objects.get_or_create(user=staff["officer"], unit=unit)
    dossier = services.dossier_receive(dossier=result.dossier, actor=staff["clerk"])
    dossier = services.dossier_assign(
        dossier=dossier, actor=staff["clerk"], unit=unit, officer=staff["officer"]
    )
    dossier = services.dossier_start_review(dossier=dossier, actor=staff["officer"])
    dossier = services.dossier_submit_for_approval(
        dossier=dossier, actor=staff["officer"], note="Đề nghị cấp phép."
    )
    return services.dossier_approve(dossier=dossier, actor=staff["leader"])


@pytest.fixture
def approved_dossier(catalogue, staff):
    return approved_dossier_make(staff)


SIGNER = {"signer_name": "Nguyễn Văn Lộc", "signer_position": "GIÁM ĐỐC"}


def issue(dossier, staff, **kwargs):
    from congso.licensing.services import licence_issue

    params = {"dossier": dossier, "actor": staff["leader"], **SIGNER}
    params.update(kwargs)
    return licence_issue(**params)


def register(staff, *, number="5/GP-STTTT", issued_on=datetime.date(2024, 3, 1), **kwargs):
    from congso.licensing.models import LicenceType
    from congso.licensing.services import licence_register

    params = {
        "actor": staff["licensing"],
        "licence_type": LicenceType.objects.get(code=kwargs.pop("type_code", "newsletter")),
        "number": number,
        "issued_on": issued_on,
        "holder_name": "Công ty Cổ phần Đông Á",
        "holder_tax_code": "3700999888",
        "signer_name": "Trần Văn Bình",
        "signer_position": "PHÓ GIÁM ĐỐC",
        "values": {"newsletter_name": "Bản tin Đông Á"},
    }
    params.update(kwargs)
    return licence_register(**params)
