"""The monthly royalty sheet in the admin: per author and item with totals, the .xlsx and
PDF exports, marking items paid, the 60-day flag (sheet, menu, dashboard), who may do
what, and a fixed number of queries whatever the number of items."""

import datetime
import io
import json
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from congso.core.testing import pdf_text
from congso.newsroom import roles
from congso.newsroom.models import Royalty

from .factories import ContributorFactory, UserFactory
from .test_royalties import publish_item

pytestmark = pytest.mark.django_db

SHEET = "/admin/newsroom/royalties/"
PAID = "/admin/newsroom/royalties/paid/"
TODAY = datetime.datetime(2026, 9, 15, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def newsroom(shared_newsroom):
    return shared_newsroom


@pytest.fixture
def august(newsroom):
    """August 2026: Nguyen Trang alone on two items, with Le Minh on a third (60/40); one
    item of September."""
    trang = ContributorFactory(name="Nguyễn Thị Trang", pen_name="Nguyen Trang")
    minh = ContributorFactory(name="Lê Văn Minh", pen_name="Lê Minh")
    items = {
        "first": publish_item(
            newsroom,
            on="2026-08-01",
            coefficient="5",
            authors=[(trang, "100")],
            title="Khai trương Trung tâm IOC",
        ),
        "second": publish_item(
            newsroom,
            on="2026-08-20",
            coefficient="2",
            kind="tin",
            authors=[(trang, "100")],
            title="Hội nghị chuyển đổi số",
        ),
        "shared": publish_item(
            newsroom,
            on="2026-08-25",
            coefficient="10",
            kind="bai",
            authors=[(trang, "60"), (minh, "40")],
            title="Phóng sự bưu chính",
        ),
        "september": publish_item(
            newsroom, on="2026-09-02", coefficient="5", authors=[(minh, "100")], title="Tin tháng 9"
        ),
    }
    return {"trang": trang, "minh": minh, **items}


def test_the_sheet_lists_each_author_and_item_with_totals(client, august, accountant):
    client.force_login(accountant)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(SHEET, {"month": "2026-08"})
    assert response.status_code == 200
    sheet = response.context["sheet"]
    by_author = {
        a.name: [(line.royalty.title, line.amount) for line in a.lines] for a in sheet.authors
    }
    # 5 × 253.000; 2 × 253.000; 10 × 253.000 = 2.530.000 split 60/40.
    assert by_author == {
        "Lê Văn Minh": [("Phóng sự bưu chính", 1_012_000)],
        "Nguyễn Thị Trang": [
            ("Khai trương Trung tâm IOC", 1_265_000),
            ("Hội nghị chuyển đổi số", 506_000),
            ("Phóng sự bưu chính", 1_518_000),
        ],
    }
    assert [a.total for a in sheet.authors] == [1_012_000, 3_289_000]
    assert sheet.total == 4_301_000
    html = response.content.decode()
    assert "Bảng nhuận bút" in html
    assert "1.265.000 đ" in html and "3.289.000 đ" in html and "4.301.000 đ" in html
    assert "Tin tháng 9" not in html


def test_the_sheet_exports_to_xlsx_with_numbers_in_vnd(client, august, accountant):
    from openpyxl import load_workbook

    client.force_login(accountant)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(SHEET, {"month": "2026-08", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="nhuan-but-2026-08.xlsx"'
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = {row[1].value: row for row in ws.iter_rows() if row[1].value}
    assert ws["A1"].value == "BẢNG THANH TOÁN NHUẬN BÚT THÁNG 08/2026"
    item = rows["Khai trương Trung tâm IOC"]
    assert item[2].value == datetime.datetime(2026, 8, 1)
    assert item[4].value == 5 and item[8].value == 253_000
    assert item[11].value == 1_265_000 and isinstance(item[11].value, int)
    assert "#,##0" in item[11].number_format and "đ" in item[11].number_format
    assert rows["Cộng Nguyễn Thị Trang"][11].value == 3_289_000
    assert rows["Cộng Lê Văn Minh"][11].value == 1_012_000
    assert rows["TỔNG CỘNG"][11].value == 4_301_000


def test_the_sheet_exports_to_a_pdf_with_the_agencys_header(client, august, accountant):
    client.force_login(accountant)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(SHEET, {"month": "2026-08", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "BẢNG THANH TOÁN NHUẬN BÚT" in text.upper()
    assert "tháng 08/2026" in text
    assert "Khai trương Trung tâm IOC" in text
    assert "Cộng Nguyễn Thị Trang 3.289.000 đ" in text
    assert "TỔNG CỘNG 4.301.000 đ" in text


@pytest.mark.parametrize("count", range(1, 8))
def test_the_signatures_never_stand_alone_on_the_last_page(newsroom, count):
    """However many items the month has, the signature block stays on the page of the
    sheet's last line (Decree 30/2020's rule for administrative documents: a signature
    page must carry part of the text)."""
    from congso.core.testing import pdf_page_texts
    from congso.newsroom.royalties import royalty_sheet
    from congso.newsroom.royalty_exports import sheet_pdf

    author = ContributorFactory(name="Nguyễn Thị Trang")
    for n in range(count):
        publish_item(
            newsroom,
            on=f"2026-08-{n + 1:02d}",
            coefficient="2",
            authors=[(author, "100")],
            title=f"Tin bài số {n + 1} về hoạt động chuyển đổi số của tỉnh Bình Dương",
        )
    with time_machine.travel(TODAY, tick=False):
        pages = pdf_page_texts(sheet_pdf(royalty_sheet(datetime.date(2026, 8, 1))))

    signed = [n for n, text in enumerate(pages) if "NGƯỜI LẬP BẢNG" in text]
    assert signed == [len(pages) - 1]
    assert "TỔNG CỘNG" in pages[-1], f"{count} items: the signatures stand alone"


def test_the_accountant_marks_items_paid_in_one_go(client, august, accountant):
    first, shared = (
        Royalty.objects.get(page=august["first"]),
        Royalty.objects.get(page=august["shared"]),
    )
    client.force_login(accountant)
    with time_machine.travel(TODAY, tick=False):
        response = client.post(
            PAID, {"month": "2026-08", "royalty": [first.pk, shared.pk, shared.pk]}
        )
    assert response.status_code == 302
    assert response["Location"] == f"{SHEET}?month=2026-08"
    first.refresh_from_db()
    assert first.paid_by == accountant and first.paid_at == TODAY
    assert Royalty.objects.filter(paid_at__isnull=True).count() == 2

    # Paying again keeps the first payment.
    with time_machine.travel(TODAY + datetime.timedelta(days=3), tick=False):
        client.post(PAID, {"month": "2026-08", "royalty": [first.pk]})
        html = client.get(SHEET, {"month": "2026-08"}).content.decode()
    first.refresh_from_db()
    assert first.paid_at == TODAY
    assert "Đã chi 15/09/2026" in html


def test_a_failed_payment_leaves_nothing_half_paid(client, august, accountant):
    ids = list(Royalty.objects.values_list("pk", flat=True))
    client.force_login(accountant)
    response = client.post(PAID, {"month": "2026-08", "royalty": [*map(str, ids), "x"]})
    assert response.status_code == 302  # a stray value is ignored, the rest paid
    assert not Royalty.objects.filter(paid_at__isnull=True).exists()
    response = client.post(PAID, {"month": "2026-08"}, follow=True)
    assert "Chọn các tin bài cần đánh dấu đã chi." in response.content.decode()


def test_items_unpaid_60_days_after_publication_are_flagged(client, august, accountant):
    client.force_login(accountant)
    # 1 August + 60 days = 30 September: on that day it is still in time.
    with time_machine.travel(datetime.datetime(2026, 9, 30, 10, 0, tzinfo=datetime.UTC)):
        response = client.get(SHEET, {"month": "2026-08"})
        assert [r.title for r in response.context["sheet"].royalties if r.overdue] == []
    with time_machine.travel(datetime.datetime(2026, 10, 1, 10, 0, tzinfo=datetime.UTC)):
        response = client.get(SHEET, {"month": "2026-08"})
        assert [r.title for r in response.context["sheet"].royalties if r.overdue] == [
            "Khai trương Trung tâm IOC"
        ]
        html = response.content.decode()
        assert "Chưa chi sau 60 ngày" in html
        dashboard = client.get("/admin/").content.decode()
        assert "1 tin bài chưa chi nhuận bút quá 60 ngày kể từ ngày xuất bản." in dashboard
        # The menu, rendered from JSON with non-ASCII characters escaped.
        assert json.dumps("Nhuận bút (1 quá hạn)")[1:-1] in dashboard
        # Paid: no longer flagged.
        Royalty.objects.filter(page=august["first"]).update(
            paid_at=datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC), paid_by=accountant
        )
        response = client.get(SHEET, {"month": "2026-08"})
        assert not any(r.overdue for r in response.context["sheet"].royalties)


def test_a_bad_month_falls_back_to_this_month_with_a_message(client, august, accountant):
    client.force_login(accountant)
    with time_machine.travel(TODAY, tick=False):
        response = client.get(SHEET, {"month": "2026-13'<script>"}, follow=True)
    assert response.status_code == 200
    assert response.context["sheet"].month == datetime.date(2026, 9, 1)
    html = response.content.decode()
    assert "Chọn tháng theo dạng MM/YYYY." in html and "<script>" not in html


# --- Who may do what ---------------------------------------------------------------------------

ROLE_FIXTURES = {
    "author": roles.AUTHOR,
    "editor": roles.EDITOR,
    "digital_editor": roles.CATEGORY_EDITOR_DIGITAL,
    "approver": roles.APPROVER,
    "accountant": roles.ACCOUNTANT,
}

# role → (see the sheet and export it, mark paid, edit the base salary, change frozen coefficients)
MATRIX = {
    "author": (False, False, False, False),
    "editor": (False, False, False, False),
    "digital_editor": (False, False, False, False),
    "approver": (True, False, False, True),
    "accountant": (True, True, True, False),
    "webmaster": (True, True, True, True),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_the_royalty_permission_matrix(client, august, role):
    if role == "webmaster":
        user = get_user_model().objects.create_superuser("quantri", "q@example.invalid", "x")
    else:
        user = UserFactory(username=f"u-{role}", groups=[ROLE_FIXTURES[role]])
    see, pay, base_salary, frozen = MATRIX[role]
    client.force_login(user)
    royalty = Royalty.objects.get(page=august["first"])

    assert (client.get(SHEET, {"month": "2026-08"}).status_code == 200) is see
    assert (client.get(SHEET, {"month": "2026-08", "format": "xlsx"}).status_code == 200) is see
    client.post(PAID, {"month": "2026-08", "royalty": [royalty.pk]})
    royalty.refresh_from_db()
    assert royalty.is_paid is pay
    response = client.get("/admin/snippets/newsroom/basesalary/add/")
    assert (response.status_code == 200) is base_salary
    assert user.has_perm("newsroom.change_frozen_royalty") is frozen
    menu = client.get("/admin/").content.decode() if see or pay or base_salary else ""
    if see:
        assert reverse("newsroom_royalties") in menu


def test_the_sheet_takes_a_fixed_number_of_queries(
    client, newsroom, accountant, django_assert_max_num_queries
):
    contributors = [ContributorFactory() for _ in range(3)]

    def publish(count, start):
        for n in range(count):
            publish_item(
                newsroom,
                on=f"2026-08-{start + n:02d}",
                coefficient="3",
                authors=[(contributors[n % 3], "50"), (contributors[(n + 1) % 3], "50")],
            )

    client.force_login(accountant)
    publish(3, 1)
    client.get(SHEET, {"month": "2026-08"})  # warm the session and permission caches
    with time_machine.travel(TODAY, tick=False), django_assert_max_num_queries(12) as few:
        assert client.get(SHEET, {"month": "2026-08"}).status_code == 200
    publish(20, 5)
    with (
        time_machine.travel(TODAY, tick=False),
        django_assert_max_num_queries(len(few.captured_queries)),
    ):
        response = client.get(SHEET, {"month": "2026-08"})
    assert len(response.context["sheet"].royalties) == 23
    assert response.context["sheet"].total == 23 * 3 * 253_000


def test_the_demo_seed_item_has_its_royalty(newsroom):
    from congso.newsroom.services import seed_news_import

    seed = seed_news_import(agency=newsroom.demo.agency, tree=newsroom.tree)
    royalty = Royalty.objects.get(page=seed["vi"])
    # 07/06/2021, "tổng hợp" at its default coefficient 3, base salary 1.490.000.
    assert royalty.published_on == datetime.date(2021, 6, 7)
    assert royalty.amount == 3 * 149_000
    assert [s.contributor_name for s in royalty.shares.all()] == ["Nguyen Trang"]
    assert not Royalty.objects.filter(page=seed["en"]).exists()
    assert Decimal(royalty.shares.get().share_percent) == 100


def test_the_generated_demo_items_get_their_royalties_once(newsroom):
    from congso.newsroom.demo import demo_news_generate
    from congso.newsroom.models import NewsPage
    from congso.newsroom.royalties import royalties_demo_ensure

    demo_news_generate(count=6, seed=11)
    vi_items = NewsPage.objects.filter(locale__language_code="vi", live=True)
    today = datetime.date(2026, 11, 28)

    report = royalties_demo_ensure(today=today)

    assert report["created"] == vi_items.count() == 6
    assert not Royalty.objects.filter(page__locale__language_code="en").exists()
    for royalty in Royalty.objects.select_related("page").prefetch_related("shares"):
        # Frozen as at publication: the base salary of that date, the parts add up.
        assert royalty.published_on == timezone.localdate(royalty.page.published_at)
        assert royalty.base_salary.valid_from <= royalty.published_on
        assert sum(s.amount for s in royalty.shares.all()) == royalty.amount
        old = royalty.published_on < today - datetime.timedelta(days=45)
        assert royalty.is_paid is old
    assert royalties_demo_ensure(today=today) == {"created": 0, "paid": 0}
