"""The document kit: the sample invitation as a reader gets it (text, fonts, QR code from the
printed page), the Decree 30/2020 layout, and the renderer's refusal to reach the network."""

import datetime
import io
import re
import socket
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import translation

from congso.core import documents
from congso.core.templatetags.document_tags import header_lines
from congso.core.testing import (
    decode_qr_codes,
    find_qr_codes,
    pdf_fonts,
    pdf_page_texts,
    pdf_text,
    pdf_unembedded_fonts,
)
from congso.organization.models import Agency

pytestmark = pytest.mark.django_db

LETTER_DATE = datetime.date(2021, 6, 7)
QR_URL = "https://congso.example.vn/vi/tra-cuu/ho-so/000.00.30.H12-210607-0001?ma=AB12CD"
DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
ISSUER = documents.Issuer(
    name="Sở Thông tin và Truyền thông", superior="UBND tỉnh Bình Dương", place="Bình Dương"
)


@pytest.fixture(scope="module")
def sample(shared_demo, django_db_blocker, tmp_path_factory):
    """The sample invitation, rendered once by `manage.py render_sample_document` from the
    demo agency: (what the command printed, the path it gave, the PDF's bytes)."""
    output = tmp_path_factory.mktemp("documents") / "giay-moi.pdf"
    stdout = io.StringIO()
    with django_db_blocker.unblock():
        call_command(
            "render_sample_document",
            output=str(output),
            date=LETTER_DATE,
            qr_url=QR_URL,
            stdout=stdout,
        )
    return stdout.getvalue(), output, output.read_bytes()


@pytest.fixture
def document_templates(settings):
    """`document_templates(name=source, ...)`: templates kept in memory for one test, found
    before the project's own (which they may extend)."""
    engine = django_settings.TEMPLATES[0]

    def use(**templates: str) -> None:
        settings.TEMPLATES = [
            {
                **engine,
                "APP_DIRS": False,
                "OPTIONS": {
                    **engine["OPTIONS"],
                    "loaders": [
                        ("django.template.loaders.locmem.Loader", templates),
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                },
            }
        ]

    return use


def _letter(body: str, **blocks: str) -> str:
    """A document template extending the base, with `body` as its body block."""
    extra = "".join(f"{{% block {name} %}}{text}{{% endblock %}}" for name, text in blocks.items())
    return (
        '{% extends "documents/base_document.html" %}'
        f"{{% block body %}}{body}{{% endblock %}}{extra}"
    )


# --- The sample document, end to end ------------------------------------------------------


def test_the_command_writes_a_pdf_and_prints_where(sample):
    stdout, output, pdf = sample
    assert stdout.strip() == str(output)
    assert pdf.startswith(b"%PDF-")
    assert len(pdf_page_texts(pdf)) == 1


def test_the_header_follows_decree_30(sample):
    text = pdf_text(sample[2])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    # The issuer in upper case, under its superior body (abbreviated as Decree 30 allows).
    assert "UBND TỈNH BÌNH DƯƠNG SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in text
    assert "Số: 15/GM-STTTT" in text
    assert "GIẤY MỜI" in text
    assert "Dự Hội nghị tập huấn cung cấp dịch vụ công trực tuyến" in text


def test_the_date_line_comes_out_with_its_diacritics(sample):
    # Extraction gives back the right Unicode only when a Unicode font with a character map
    # is embedded: a substituted or unmapped face would yield "ng?y" or nothing.
    text = pdf_text(sample[2])
    assert "Bình Dương, ngày 07 tháng 6 năm 2021" in text
    assert "Thời gian: 08 giờ 00, Thứ Năm, 10/06/2021." in text


def test_the_closing_has_recipients_and_the_signer(sample):
    text = pdf_text(sample[2])
    assert "Nơi nhận: - Như trên; - Ủy ban nhân dân tỉnh (để báo cáo); - Lưu: VT, VP." in text
    assert "GIÁM ĐỐC" in text
    assert "Lê Tuấn Anh" in text
    assert "Quét mã để xem Cổng thông tin điện tử của Sở" in text
    # The address is printed under the code too, wrapped where the column ends.
    assert QR_URL in "".join(text.split())


def test_every_font_is_embedded_and_is_noto_or_dejavu(sample):
    pdf = sample[2]
    fonts = pdf_fonts(pdf)
    assert fonts, "no embedded font"
    assert pdf_unembedded_fonts(pdf) == set()
    assert {"NotoSerif-Regular", "NotoSerif-Bold"} <= fonts or {
        "DejaVuSerif",
        "DejaVuSerif-Bold",
    } <= fonts
    assert all(re.match(r"(NotoSerif|DejaVuSerif|NotoSans)\b", name) for name in fonts), fonts


def test_the_printed_qr_code_scans_to_the_exact_address(sample):
    pdf = sample[2]
    assert decode_qr_codes(pdf) == [QR_URL]
    [code] = find_qr_codes(pdf)
    assert code.page == 1
    assert code.error_correction == "M"
    assert code.width_mm >= 25


def test_the_command_names_a_missing_agency(shared_demo):
    with pytest.raises(CommandError, match=r"No agency 'NOPE'.*load_demo"):
        call_command("render_sample_document", agency="NOPE", output="/dev/null")


# --- The layout ---------------------------------------------------------------------------


def test_pages_are_numbered_from_the_second(document_templates):
    body = "".join(
        f"<p>Đoạn {n}: nội dung đủ dài để văn bản sang trang mới.</p>" for n in range(70)
    )
    document_templates(**{"long.html": _letter(body)})
    pdf = documents.render_pdf("long.html", {"issuer": ISSUER, "title": "Thông báo"})
    pages = pdf_page_texts(pdf)
    assert len(pages) >= 3
    # Decree 30/2020: no number on the first page; the others carry theirs.
    assert not pages[0].endswith(" 1")
    for number, text in enumerate(pages[1:], start=2):
        assert text.endswith(f" {number}"), text[-60:]


def test_a_deputy_signs_for_the_head_and_the_issuer_may_stand_alone(document_templates):
    document_templates(**{"letter.html": _letter("<p>Nội dung.</p>")})
    pdf = documents.render_pdf(
        "letter.html",
        {
            "issuer": {"name": "Sở Khoa học và Công nghệ", "place": "Thành phố Hồ Chí Minh"},
            "number": "07/TB-SKHCN",
            "date": datetime.date(2026, 2, 24),
            "title": "Thông báo",
            "recipients": ["Các phòng, đơn vị thuộc Sở"],
            "signer": documents.Signer(
                authority="KT. Giám đốc", position="Phó Giám đốc", name="Nguyễn Văn A"
            ),
        },
    )
    text = pdf_text(pdf)
    assert text.startswith("SỞ KHOA HỌC VÀ CÔNG NGHỆ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert "Thành phố Hồ Chí Minh, ngày 24 tháng 02 năm 2026" in text
    assert "- Các phòng, đơn vị thuộc Sở." in text
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Nguyễn Văn A" in text
    assert decode_qr_codes(pdf) == []


def test_documents_are_in_vietnamese_whatever_the_readers_language(document_templates):
    document_templates(
        **{
            "lang.html": _letter(
                "{% load i18n %}{% get_current_language as lang %}<p>Ngôn ngữ: {{ lang }}</p>"
            )
        }
    )
    with translation.override("en"):
        pdf = documents.render_pdf("lang.html", {"issuer": ISSUER, "title": "Thông báo"})
    assert "Ngôn ngữ: vi" in pdf_text(pdf)


def test_issuer_from_agency_prints_the_short_name_under_the_superior(shared_demo):
    issuer = documents.Issuer.from_agency(shared_demo.agency, place="Bình Dương")
    assert issuer == documents.Issuer(
        name="Sở Thông tin và Truyền thông", superior="UBND tỉnh Bình Dương", place="Bình Dương"
    )
    alone = Agency(name_vi="Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh", short_name_vi="Sở")
    assert documents.Issuer.from_agency(alone, place="Hồ Chí Minh").name == alone.name_vi


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("Sở Thông tin và Truyền thông", "Sở Thông tin và<br>Truyền thông"),
        ("UBND tỉnh Bình Dương", "UBND tỉnh Bình Dương"),
        ("Ủy ban nhân dân\nThành phố Hồ Chí Minh", "Ủy ban nhân dân<br>Thành phố Hồ Chí Minh"),
        (
            "Sở <b>Tư pháp</b> & Nội vụ tỉnh",
            "Sở &lt;b&gt;Tư pháp&lt;/b&gt;<br>&amp; Nội vụ tỉnh",
        ),
    ],
)
def test_long_header_names_break_in_the_middle(name, printed):
    assert header_lines(name) == printed


# --- Fonts --------------------------------------------------------------------------------


def test_dejavu_serif_stands_in_when_noto_serif_is_missing(settings, tmp_path, document_templates):
    faces = sorted(DEJAVU_DIR.glob("DejaVuSerif*.ttf"))
    if not any(face.name == "DejaVuSerif-Bold.ttf" for face in faces):
        pytest.fail(f"DejaVu Serif is missing from {DEJAVU_DIR}: apt-get install fonts-dejavu-core")
    for face in faces:
        (tmp_path / face.name).symlink_to(face)
    settings.CONGSO_DOCUMENT_FONT_DIRS = [str(tmp_path)]
    document_templates(**{"letter.html": _letter("<p>Giấy phép còn hiệu lực.</p>")})
    pdf = documents.render_pdf("letter.html", {"issuer": ISSUER, "title": "Thông báo"})
    assert documents.serif_family_name() == "DejaVu Serif"
    assert {"DejaVuSerif", "DejaVuSerif-Bold"} <= pdf_fonts(pdf)
    assert "Giấy phép còn hiệu lực." in pdf_text(pdf)


def test_without_a_serif_font_the_error_says_what_to_install(settings, tmp_path):
    settings.CONGSO_DOCUMENT_FONT_DIRS = [str(tmp_path)]
    with pytest.raises(documents.DocumentFontMissing, match="fonts-noto-core"):
        documents.render_pdf("documents/base_document.html", {"issuer": ISSUER})


# --- No network ---------------------------------------------------------------------------


@pytest.fixture
def connections_attempted(monkeypatch) -> list:
    """Every network connection the code under test tries (each is refused)."""
    attempts: list = []

    def connect(sock, address, *args):
        attempts.append(address)
        raise OSError("tests do not reach the network")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    return attempts


@pytest.mark.parametrize(
    ("markup", "url"),
    [
        ('<img src="http://example.com/logo.png" alt="">', "http://example.com/logo.png"),
        ('<img src="https://example.com/seal.svg" alt="">', "https://example.com/seal.svg"),
        (
            '<link rel="stylesheet" href="http://example.com/print.css">',
            "http://example.com/print.css",
        ),
        ('<img src="file:///etc/passwd" alt="">', "file:///etc/passwd"),
        ('<img src="ftp://example.com/a.png" alt="">', "ftp://example.com/a.png"),
    ],
)
def test_resources_outside_the_static_files_are_refused(
    markup, url, document_templates, connections_attempted
):
    document_templates(**{"remote.html": _letter(markup)})
    with pytest.raises(documents.DocumentResourceError, match=f"Refused {re.escape(url)}"):
        documents.render_pdf("remote.html", {"issuer": ISSUER, "title": "Thông báo"})
    assert connections_attempted == []


def test_static_images_and_data_uris_are_allowed(document_templates, connections_attempted):
    document_templates(
        **{
            "images.html": _letter(
                '{% load document_tags %}<img src="img/emblem.svg" alt="">'
                '<img src="{% static_file_uri "img/silhouette.svg" %}" alt="">'
                '<img src="{{ qr_url|qr_data_uri }}" alt="">'
            )
        }
    )
    pdf = documents.render_pdf(
        "images.html", {"issuer": ISSUER, "title": "Thông báo", "qr_url": QR_URL}
    )
    # The QR code block and the image in the body: both scan.
    assert decode_qr_codes(pdf) == [QR_URL, QR_URL]
    assert connections_attempted == []


def test_a_missing_static_file_stops_the_render(document_templates):
    document_templates(**{"missing.html": _letter('<img src="img/no-such-logo.png" alt="">')})
    with pytest.raises(documents.DocumentResourceError, match=r"no-such-logo\.png"):
        documents.render_pdf("missing.html", {"issuer": ISSUER, "title": "Thông báo"})


# --- QR codes -----------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["https://x.vn/", QR_URL + "&" + "x" * 300])
def test_qr_codes_are_at_least_25_mm_wide_with_their_quiet_zone(data):
    svg = documents.qr_svg(data)
    width = float(re.search(r'width="([\d.]+)mm"', svg).group(1))
    assert width == documents.qr_width_mm(data)
    # 25 mm for the symbol, plus 4 modules of quiet zone on each side.
    assert width > 25 + 8 * documents.QR_MIN_MODULE_MM
    assert documents.qr_data_uri(data).startswith("data:image/svg+xml")


def test_a_qr_code_needs_data():
    with pytest.raises(ValueError, match="needs data"):
        documents.qr_svg("")
