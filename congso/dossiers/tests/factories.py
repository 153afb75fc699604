"""factory_boy factories and sample files for the dossier app's tests."""

import io
import zipfile

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from congso.organization.models import Unit
from congso.procedures.choices import ApplicationFieldType
from congso.procedures.tests.factories import (
    AgencyFactory,
    ApplicationFieldFactory,
    ProcedureVersionFactory,
    RequiredDocumentFactory,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"canbo{n}")
    first_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    last_name = "Nguyễn"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    is_active = True


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    key = factory.Sequence(lambda n: f"phong-{n}")
    kind = "division"
    name_vi = factory.Sequence(lambda n: f"Phòng số {n}")
    name_en = factory.Sequence(lambda n: f"Division {n}")


def version_with_form(**kwargs):
    """A procedure version with two required documents ("declaration", "licence"), one
    optional ("photo") and three questions (text, integer, choice)."""
    version = ProcedureVersionFactory(**kwargs)
    RequiredDocumentFactory(
        version=version, key="declaration", name_vi="Tờ khai", name_en="Declaration", sort_order=1
    )
    RequiredDocumentFactory(
        version=version,
        key="licence",
        name_vi="Bản sao giấy phép đăng ký kinh doanh",
        name_en="Copy of the business registration",
        sort_order=2,
    )
    RequiredDocumentFactory(
        version=version, key="photo", name_vi="Ảnh", name_en="Photo", required=False, sort_order=3
    )
    ApplicationFieldFactory(
        version=version,
        key="newsletter_name",
        label_vi="Tên bản tin",
        label_en="Name of the newsletter",
        sort_order=1,
    )
    ApplicationFieldFactory(
        version=version,
        key="pages",
        label_vi="Số trang",
        label_en="Number of pages",
        field_type=ApplicationFieldType.INTEGER,
        sort_order=2,
    )
    ApplicationFieldFactory(
        version=version,
        key="language",
        label_vi="Ngôn ngữ",
        label_en="Language",
        field_type=ApplicationFieldType.CHOICE,
        choices="vi|Tiếng Việt|Vietnamese\nen|Tiếng Anh|English",
        sort_order=3,
    )
    return version


APPLICANT = {
    "applicant_kind": "individual",
    "applicant_name": "Nguyễn Văn An",
    "applicant_id_number": "074185001234",
    "applicant_tax_code": "",
    "applicant_address": "Số 1 Lê Lợi, Thủ Dầu Một, Bình Dương",
    "applicant_phone": "0912 345 678",
    "applicant_email": "an@example.vn",
}
ANSWERS = {"newsletter_name": "Bản tin Bình Minh", "pages": "16", "language": "vi"}

# --- Sample files (the smallest content each type check accepts) --------------------------

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120
ELF_BYTES = b"\x7fELF\x02\x01\x01" + b"\x00" * 120


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    return buffer.getvalue()


def upload(name: str = "to-khai.pdf", content: bytes = PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)
