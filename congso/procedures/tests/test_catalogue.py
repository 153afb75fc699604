"""The public catalogue as a reader gets it: search without accents, filters, the facts on
each row, and a procedure's page answering in the order of UX.md, in both languages."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from congso.procedures.models import ProcedureVersion, RequiredDocument

pytestmark = pytest.mark.django_db

INDEX = {"vi": "/vi/thu-tuc-hanh-chinh/", "en": "/en/procedures/"}
NEWSLETTER = "Cấp giấy phép xuất bản bản tin"
AMEND_NEWSLETTER = "Thay đổi nội dung giấy phép xuất bản bản tin"
POSTAL = {
    "Cấp giấy phép bưu chính (nội tỉnh)",
    "Sửa đổi, bổ sung giấy phép bưu chính",
    "Cấp lại giấy phép bưu chính",
    "Xác nhận thông báo hoạt động bưu chính",
    "Sửa đổi xác nhận thông báo hoạt động bưu chính",
    "Cấp lại xác nhận thông báo hoạt động bưu chính",
}


@pytest.fixture
def catalogue(shared_catalogue):
    return shared_catalogue


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fetch(client, url, params=None, status=200) -> BeautifulSoup:
    response = client.get(url, params or {})
    assert response.status_code == status, f"{url}: {response.status_code}"
    return BeautifulSoup(response.content.decode(), "html.parser")


def result_names(soup) -> list[str]:
    return [squash(h.get_text()) for h in soup.select(".procedure-list__title")]


def search(client, q, language="vi") -> list[str]:
    return result_names(fetch(client, INDEX[language], {"q": q}))


# --- Search ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "giay phep xuat ban ban tin",
        "giay phep ban tin",
        "GIẤY PHÉP BẢN TIN",
        "Giấy phép   bản tin",
        "ban tin",
    ],
)
def test_search_ignores_accents_case_and_spacing(client, catalogue, q):
    assert set(search(client, q)) == {NEWSLETTER, AMEND_NEWSLETTER}


def test_search_matches_the_start_of_words_only(client, catalogue):
    # "tin" begins "tin" (bản tin, thông tin) but not "printing" in an English name.
    assert "Cấp giấy phép hoạt động in" not in search(client, "tin")


def test_search_buu_chinh_finds_the_postal_procedures(client, catalogue):
    assert set(search(client, "buu chinh")) == POSTAL
    assert set(search(client, "BƯU CHÍNH")) == POSTAL


def test_d_finds_words_with_the_letter_dj(client, catalogue):
    with_d = search(client, "d")
    assert with_d == search(client, "đ")
    assert AMEND_NEWSLETTER in with_d  # "đổi"
    assert search(client, "dang ky") == [
        "Đăng ký thu tín hiệu truyền hình nước ngoài trực tiếp từ vệ tinh (TVRO)"
    ]


def test_search_by_code_and_in_english(client, catalogue):
    assert search(client, "1.009374") == [NEWSLETTER]
    assert search(client, "BD-STTTT-03") == ["Cấp giấy phép hoạt động in"]
    assert search(client, "newsletter", "en") == ["Newsletter licence", "Amend newsletter licence"]


def test_a_search_that_finds_nothing_says_so(client, catalogue):
    soup = fetch(client, INDEX["vi"], {"q": "zzz"})

    assert result_names(soup) == []
    text = squash(soup.main.get_text(" "))
    assert "Tìm thấy 0 thủ tục" in text
    assert "Không tìm thấy thủ tục phù hợp" in text
    # What the reader typed is kept in the box.
    assert soup.main.find("input", attrs={"name": "q"})["value"] == "zzz"


# --- Filters -------------------------------------------------------------------------


def test_the_filter_form_has_labels_and_a_filter_button(client, catalogue):
    soup = fetch(client, INDEX["vi"])
    # The catalogue's own form, in the main content (the header has the site search).
    form = soup.main.find("form", attrs={"role": "search"})

    assert form["method"] == "get"
    labels = {squash(label.get_text()): label["for"] for label in form.find_all("label")}
    assert labels == {
        "Tìm thủ tục": "id_q",
        "Lĩnh vực": "id_field",
        "Cơ quan": "id_agency",
        "Mức độ trực tuyến": "id_online_level",
    }
    assert squash(form.find("button", attrs={"type": "submit"}).get_text()) == "Lọc"
    fields = [squash(o.get_text()) for o in form.find("select", id="id_field").find_all("option")]
    assert fields == [
        "Tất cả lĩnh vực",
        "Báo chí",
        "Xuất bản",
        "Bưu chính, chuyển phát",
        "Phát thanh, truyền hình",
        "Thông tin điện tử",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "postal"}, POSTAL),
        ({"online_level": "full_process"}, {NEWSLETTER}),
        ({"field": "press", "q": "hop bao"}, None),
        ({"agency": "STTTT-BD"}, 19),
    ],
)
def test_filters(client, catalogue, params, expected):
    names = result_names(fetch(client, INDEX["vi"], params))
    if expected is None:
        assert set(names) == {
            "Thông báo tổ chức họp báo (trong nước)",
            "Cho phép họp báo (nước ngoài)",
        }
    elif isinstance(expected, int):
        assert len(names) == expected
    else:
        assert set(names) == expected


def test_an_unknown_filter_value_is_reported_and_left_out(client, catalogue):
    soup = fetch(client, INDEX["vi"], {"field": "astrology"})

    summary = soup.find(class_="error-summary")
    assert summary is not None
    link = summary.find("a")
    assert squash(link.get_text()) == "Chọn một lĩnh vực trong danh sách."
    assert link["href"] == "#id_field"
    select = soup.find("select", id="id_field")
    assert select["aria-invalid"] == "true"
    assert "id_field_error" in select["aria-describedby"]
    assert len(result_names(soup)) == 19


def test_rows_show_code_field_time_limit_fee_and_online_level(client, catalogue):
    soup = fetch(client, INDEX["vi"])

    rows = {
        squash(item.select_one(".procedure-list__title").get_text()): {
            squash(dt.get_text()): squash(dt.find_next_sibling("dd").get_text())
            for dt in item.find_all("dt")
        }
        for item in soup.select(".procedure-list__item")
    }
    assert len(rows) == 19
    assert rows[NEWSLETTER] == {
        "Mã": "1.009374",
        "Lĩnh vực": "Báo chí",
        "Thời hạn giải quyết": "20 ngày làm việc",
        "Phí, lệ phí": "Không thu phí",
        "Mức độ trực tuyến": "Toàn trình",
    }
    import_permit = rows["Cấp giấy phép nhập khẩu xuất bản phẩm không kinh doanh"]
    assert import_permit["Phí, lệ phí"] == "50.000 đồng"
    assert import_permit["Mức độ trực tuyến"] == "Một phần"
    assert rows["Xác nhận thông báo hoạt động bưu chính"]["Phí, lệ phí"] == (
        "1.000.000 đồng + 200.000 đồng"
    )
    assert rows["Cấp giấy phép bưu chính (nội tỉnh)"]["Phí, lệ phí"] == (
        "Mức thu đang được cập nhật"
    )
    assert rows["Cấp giấy phép hoạt động in"]["Thời hạn giải quyết"] == "15 ngày"
    assert rows["Thông báo tổ chức họp báo (trong nước)"]["Thời hạn giải quyết"] == "24 giờ"
    link = soup.find("a", string=NEWSLETTER)
    assert link["href"] == "/vi/thu-tuc-hanh-chinh/1.009374/"


def test_rows_are_in_field_order_then_alphabetical_ignoring_accents(client, catalogue):
    names = result_names(fetch(client, INDEX["vi"], {"field": "press"}))

    # Byte order would put "Cho…" before "Cấp…".
    assert names == [
        NEWSLETTER,
        "Cho phép họp báo (nước ngoài)",
        "Thẩm định hồ sơ cấp, đổi thẻ nhà báo",
        AMEND_NEWSLETTER,
        "Thông báo tổ chức họp báo (trong nước)",
    ]
    first_fields = [
        squash(item.find("dd", string=True).find_next("dd").get_text())
        for item in fetch(client, INDEX["vi"]).select(".procedure-list__item")
    ]
    assert first_fields[0] == "Báo chí"
    assert first_fields[-1] == "Thông tin điện tử"


def test_rows_in_english(client, catalogue):
    soup = fetch(client, INDEX["en"])

    item = soup.find("a", string="Newsletter licence").find_parent("li")
    text = squash(item.get_text(" "))
    assert "20 working days" in text
    assert "No fee" in text
    assert "Full-process online" in text
    assert "Press" in text
    permit = soup.find("a", string="Import permit, non-business publications").find_parent("li")
    assert "50,000 VND" in squash(permit.get_text(" "))


def test_the_list_makes_a_fixed_number_of_queries(client, catalogue):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(INDEX["vi"], {"field": "postal"})
        assert response.status_code == 200
        return len(queries)

    client.get(INDEX["vi"])  # warm Wagtail's site and settings caches
    before = count()
    # Five more postal procedures, each with two fees.
    template = ProcedureVersion.objects.filter(field__code="postal").first()
    from .factories import ProcedureFeeFactory, ProcedureVersionFactory

    for _ in range(5):
        version = ProcedureVersionFactory(field=template.field, agency=template.agency)
        ProcedureFeeFactory.create_batch(2, version=version)
    assert len(result_names(fetch(client, INDEX["vi"], {"field": "postal"}))) == 11

    assert count() == before
    assert before <= 25


def test_the_list_pages_at_twenty(client, catalogue):
    from .factories import ProcedureVersionFactory

    template = ProcedureVersion.objects.first()
    ProcedureVersionFactory.create_batch(3, field=template.field, agency=template.agency)

    first = fetch(client, INDEX["vi"])
    assert len(result_names(first)) == 20
    nav = first.find("nav", attrs={"aria-label": "Các trang kết quả"})
    assert "Trang 1 / 2" in squash(nav.get_text())
    second = fetch(client, INDEX["vi"], {"page": 2})
    assert len(result_names(second)) == 2


def test_page_links_keep_the_filters(client, catalogue):
    from .factories import ProcedureVersionFactory

    template = ProcedureVersion.objects.filter(field__code="postal").first()
    ProcedureVersionFactory.create_batch(20, field=template.field, agency=template.agency)

    soup = fetch(client, INDEX["vi"], {"field": "postal"})
    nxt = soup.find("a", string=re.compile("Trang sau"))
    assert parse_qs(urlsplit(nxt["href"]).query) == {"field": ["postal"], "page": ["2"]}


def test_the_catalogue_is_in_the_main_menu(client, catalogue):
    soup = fetch(client, "/vi/")
    menu = soup.find("nav", attrs={"aria-label": "Menu chính"})
    assert menu.find("a", string="Thủ tục hành chính")["href"] == INDEX["vi"]


# --- A procedure's page --------------------------------------------------------------

SECTIONS = {
    "vi": [
        "Đối tượng thực hiện",
        "Phí, lệ phí",
        "Thời hạn giải quyết",
        "Hồ sơ cần nộp",
        "Cách thức thực hiện",
        "Căn cứ pháp lý",
    ],
    "en": [
        "Who can apply",
        "What it costs",
        "How long it takes",
        "What you need",
        "How to apply",
        "Legal basis",
    ],
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_procedure_page_answers_in_the_ux_order(client, catalogue, language):
    soup = fetch(client, f"{INDEX[language]}1.009374/")

    assert [squash(h.get_text()) for h in soup.main.find_all("h2")] == SECTIONS[language]
    title = squash(soup.find("h1").get_text())
    assert title == {"vi": NEWSLETTER, "en": "Newsletter licence"}[language]
    assert soup.find("html")["lang"] == language


def test_the_newsletter_page_in_vietnamese(client, catalogue):
    soup = fetch(client, "/vi/thu-tuc-hanh-chinh/1.009374/")
    text = squash(soup.main.get_text(" "))

    assert "Mã thủ tục 1.009374" in text
    assert "Sở Thông tin và Truyền thông tỉnh Bình Dương" in text
    assert "Phòng Báo chí – Xuất bản" in text
    assert "Kết quả Giấy phép xuất bản bản tin" in text
    assert "Thủ tục này không thu phí, lệ phí." in text
    assert "20 ngày làm việc" in text
    assert "Hồ sơ nhận sau 15 giờ hoặc vào ngày nghỉ" in text
    documents = [squash(p.get_text()) for p in soup.select(".document-list__name")]
    assert documents[0] == "Tờ khai đề nghị cấp giấy phép xuất bản bản tin"
    assert len(documents) == 4
    assert "1 bản chính" in text
    assert "1 bản sao" in text
    assert "Toàn trình." in text
    law = squash(soup.select_one(".procedure-law").get_text(" "))
    assert "103/2016/QH13" in law
    assert "Luật Báo chí" in law
    assert "41/2020/TT-BTTTT" in law and "Điều 18" in law
    assert "Thủ tục 1.009374: thông tin trên áp dụng từ ngày 01/01/2024." in text
    # Verified: no notice.
    assert "đang được cập nhật" not in text
    assert soup.find(class_="status--unverified") is None


def test_the_apply_online_button_in_both_languages(client, catalogue):
    vi = fetch(client, "/vi/thu-tuc-hanh-chinh/1.009374/")
    en = fetch(client, "/en/procedures/1.009374/")

    assert vi.find("a", string="Nộp hồ sơ trực tuyến")["href"] == (
        "/vi/thu-tuc-hanh-chinh/1.009374/nop-ho-so/"
    )
    assert en.find("a", string="Apply online")["href"] == "/en/procedures/1.009374/apply/"


def test_an_unverified_procedure_says_its_information_is_being_updated(client, catalogue):
    soup = fetch(client, "/vi/thu-tuc-hanh-chinh/1.009386/")
    text = squash(soup.main.get_text(" "))

    assert "Thông tin đang được cập nhật." in text
    # The time limit ("7 WD (verify)") and the guessed document carry the tag.
    tags = soup.select(".status--unverified")
    assert len(tags) == 2
    assert tags[0].find_parent(class_="procedure-time") is not None
    # Staff's own note is never shown.
    assert "LEGAL.md" not in text


def test_an_unknown_amount_is_said_plainly(client, catalogue):
    soup = fetch(client, "/en/procedures/BD-STTTT-06/")
    fees = squash(soup.select_one(".fee-list").get_text(" "))

    assert "Appraisal fee for the postal licence: amount being confirmed" in fees
    assert "18 working days" in squash(soup.main.get_text(" "))


def test_calendar_days_and_hours_are_explained(client, catalogue):
    printing = squash(fetch(client, "/vi/thu-tuc-hanh-chinh/BD-STTTT-03/").main.get_text(" "))
    assert "15 ngày" in printing
    assert "Tính theo ngày, kể cả ngày nghỉ." in printing
    notice = squash(fetch(client, "/vi/thu-tuc-hanh-chinh/2.001171/").main.get_text(" "))
    assert "24 giờ" in notice
    assert "chậm nhất 24 giờ trước khi tổ chức họp báo" in notice


def test_a_blank_form_is_offered_for_download(client, catalogue, tmp_path, settings):
    from django.core.files.base import ContentFile

    document = Document(title="Mẫu tờ khai bản tin")
    document.file.save("to-khai.docx", ContentFile(b"PK\x03\x04 demo"), save=True)
    RequiredDocument.objects.filter(version__procedure__code="1.009374", key="declaration").update(
        template=document
    )

    soup = fetch(client, "/vi/thu-tuc-hanh-chinh/1.009374/")

    link = soup.find("a", string=re.compile("Tải mẫu"))
    assert squash(link.get_text()) == "Tải mẫu: Mẫu tờ khai bản tin (DOCX)"
    assert link["href"] == document.url


def test_the_language_switcher_leads_to_the_same_procedure(client, catalogue):
    soup = fetch(client, "/vi/thu-tuc-hanh-chinh/1.009374/")

    nav = soup.find("nav", attrs={"aria-label": "Ngôn ngữ"})
    english = nav.find("a", string="English")["href"]
    assert parse_qs(urlsplit(english).query)["next"] == ["/en/procedures/1.009374/"]
    alternates = {link["hreflang"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert alternates["en"].endswith("/en/procedures/1.009374/")
    assert alternates["vi"].endswith("/vi/thu-tuc-hanh-chinh/1.009374/")


def test_breadcrumbs_lead_back_to_the_catalogue(client, catalogue):
    soup = fetch(client, "/en/procedures/1.009374/")

    crumbs = soup.find("nav", attrs={"aria-label": "Breadcrumb"})
    links = [(squash(a.get_text()), a["href"]) for a in crumbs.find_all("a")]
    assert links[-1] == ("Administrative procedures", "/en/procedures/")
    assert squash(crumbs.find(attrs={"aria-current": "page"}).get_text()) == "Newsletter licence"


def test_the_slug_and_other_spellings_redirect_to_the_code(client, catalogue):
    response = client.get("/vi/thu-tuc-hanh-chinh/cap-giay-phep-xuat-ban-ban-tin/")
    assert response.status_code == 301
    assert response["Location"] == "/vi/thu-tuc-hanh-chinh/1.009374/"
    response = client.get("/en/procedures/bd-stttt-03/")
    assert response.status_code == 301
    assert response["Location"] == "/en/procedures/BD-STTTT-03/"


@pytest.mark.parametrize(
    "url",
    [
        "/vi/thu-tuc-hanh-chinh/9.999999/",
        "/vi/thu-tuc-hanh-chinh/khong-co/",
        # The dossier app serves the form of a procedure in force; none for an unknown one.
        "/vi/thu-tuc-hanh-chinh/9.999999/nop-ho-so/",
    ],
)
def test_unknown_addresses_are_not_found(client, catalogue, url):
    fetch(client, url, status=404)


def test_a_procedure_with_no_version_in_force_today_is_not_found(client, catalogue):
    import datetime

    ProcedureVersion.objects.filter(procedure__code="1.009374").update(
        valid_to=datetime.date(2025, 2, 28)
    )

    fetch(client, "/vi/thu-tuc-hanh-chinh/1.009374/", status=404)
    assert NEWSLETTER not in result_names(fetch(client, INDEX["vi"]))


def test_the_sitemap_lists_every_procedure(client, catalogue):
    response = client.get("/sitemap.xml")
    body = response.content.decode()

    assert "/vi/thu-tuc-hanh-chinh/1.009374/" in body
    assert "/en/procedures/BD-STTTT-11/" in body
