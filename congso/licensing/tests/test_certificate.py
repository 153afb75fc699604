"""The certificate PDF: layout words, number and holder, embedded fonts, the QR code to
the verification page, and the PAdES signature (issue 5 §2, §6)."""

import datetime
import hashlib
import io

import pytest

from congso.core.testing import decode_qr_codes, pdf_text, pdf_unembedded_fonts
from congso.dossiers.files import absolute_path
from congso.licensing import certificate
from congso.licensing.verification import verification_token

from .conftest import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(approved_dossier, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = issue(approved_dossier, staff, issued_on=datetime.date(2026, 11, 27))
    made.refresh_from_db()
    return made


def test_the_certificate_prints_the_licence_and_its_qr_code_opens_the_verification_page(
    licence,
):
    pdf = absolute_path(licence.file.name).read_bytes()
    text = pdf_text(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 1/GP-STTTT" in text
    assert "GIẤY PHÉP XUẤT BẢN BẢN TIN" in text
    assert "Công ty TNHH Truyền thông Bình Minh" in text
    assert "Bản tin Bình Minh" in text
    assert "ngày 27 tháng 11 năm 2026" in text
    assert "Nguyễn Văn Lộc" in text
    assert pdf_unembedded_fonts(pdf) == set()
    token = verification_token(2026, "1/GP-STTTT")
    assert decode_qr_codes(pdf) == [
        f"https://congso.example.vn/vi/giay-phep/xac-thuc/2026/1/GP-STTTT/?t={token}"
    ]
    # The stored file is the one whose fingerprint the verification page shows.
    assert hashlib.sha256(pdf).hexdigest() == licence.sha256
    assert licence.signed is False


def _self_signed(tmp_path):
    """A throw-away key and self-signed certificate (PEM files), as a test CA would give."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sở Thông tin và Truyền thông"),
            x509.NameAttribute(NameOID.COMMON_NAME, "congso test signer"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path, cert.public_bytes(serialization.Encoding.DER)


def test_with_a_key_configured_the_certificate_carries_a_valid_pades_signature(
    approved_dossier, staff, settings, tmp_path, django_capture_on_commit_callbacks
):
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    key_path, cert_path, cert_der = _self_signed(tmp_path)
    settings.CONGSO_LICENCE_SIGNING_KEY = str(key_path)
    settings.CONGSO_LICENCE_SIGNING_CERT = str(cert_path)
    with django_capture_on_commit_callbacks(execute=True):
        licence = issue(approved_dossier, staff, issued_on=datetime.date(2026, 11, 27))
    licence.refresh_from_db()
    pdf = absolute_path(licence.file.name).read_bytes()
    assert licence.signed is True
    assert hashlib.sha256(pdf).hexdigest() == licence.sha256

    reader = PdfFileReader(io.BytesIO(pdf))
    assert len(reader.embedded_signatures) == 1
    signature = reader.embedded_signatures[0]
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    trusted = asn1_x509.Certificate.load(cert_der)
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[trusted]))
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.bottom_line
    # Still the licence, still readable once signed.
    assert "1/GP-STTTT" in pdf_text(pdf)


def test_a_signature_made_with_another_key_is_not_trusted(
    approved_dossier, staff, settings, tmp_path
):
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    key_path, cert_path, _der = _self_signed(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    _k, _c, other_der = _self_signed(other)
    settings.CONGSO_LICENCE_SIGNING_KEY = str(key_path)
    settings.CONGSO_LICENCE_SIGNING_CERT = str(cert_path)
    licence = issue(approved_dossier, staff, issued_on=datetime.date(2026, 11, 27))
    pdf = certificate.certificate_render(licence)
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=[asn1_x509.Certificate.load(other_der)])
    )
    assert status.intact and status.valid
    assert not status.trusted


def test_a_missing_certificate_is_rendered_again_by_the_command(
    approved_dossier, staff, settings, tmp_path
):
    from django.core.management import CommandError, call_command

    from congso.licensing.models import Licence

    from .conftest import register

    # Issued, but its rendering never ran (the after-commit task was lost).
    issued = issue(approved_dossier, staff, issued_on=datetime.date(2026, 11, 27))
    old = register(staff, number="3/GP-STTTT")  # from the archive: no certificate of ours
    assert not Licence.objects.get(pk=issued.pk).file

    # A signing key that cannot be read: the command says which licence failed.
    settings.CONGSO_LICENCE_SIGNING_KEY = str(tmp_path / "missing-key.pem")
    settings.CONGSO_LICENCE_SIGNING_CERT = str(tmp_path / "missing-cert.pem")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="1/GP-STTTT"):
        call_command("licences_certificates", stdout=io.StringIO(), stderr=errors)
    assert "1/GP-STTTT (2026)" in errors.getvalue()
    assert not Licence.objects.get(pk=issued.pk).file

    # Once the key is fixed (here: no signing), the same command renders it.
    settings.CONGSO_LICENCE_SIGNING_KEY = ""
    out = io.StringIO()
    call_command("licences_certificates", stdout=out)
    assert "1 rendered, 0 failed" in out.getvalue()
    issued.refresh_from_db()
    pdf = absolute_path(issued.file.name).read_bytes()
    assert "Số: 1/GP-STTTT" in pdf_text(pdf)
    assert hashlib.sha256(pdf).hexdigest() == issued.sha256
    assert not Licence.objects.get(pk=old.pk).file
    # Nothing left to do.
    out = io.StringIO()
    call_command("licences_certificates", stdout=out)
    assert "0 rendered, 0 failed" in out.getvalue()
