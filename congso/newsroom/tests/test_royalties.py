"""Royalties (nhuận bút): the computation (LEGAL.md §3 examples, exactly), the base-salary
table, freezing at the first publication, co-authors' parts, and changing a frozen royalty
(only the approving leader, logged)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from congso.newsroom.models import BaseSalary, NewsAuthor, NewsPage, Royalty, RoyaltyChange
from congso.newsroom.royalties import (
    base_salaries_ensure,
    base_salary_on,
    royalty_change_coefficients,
)
from congso.newsroom.services import article_types_ensure

from .admin_forms import edit_url, editor_form, post_editor
from .factories import ContributorFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def newsroom(shared_newsroom):
    """The newsroom is set up once for this module (see conftest.py)."""
    return shared_newsroom


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=HCM)


def publish_item(newsroom, *, on: str, coefficient="5", kind="tong-hop", authors=(), **fields):
    """A news item published on `on` (local date) with the news coefficient `coefficient`
    and `authors` as (contributor, share) pairs."""
    return NewsPageFactory(
        parent=newsroom.category("activities"),
        published_at=at(on),
        article_type=article_types_ensure()[kind],
        news_coefficient=Decimal(coefficient) if coefficient is not None else None,
        authors=[
            NewsAuthor(contributor=c, share_percent=Decimal(share), role="Tác giả", sort_order=n)
            for n, (c, share) in enumerate(authors)
        ],
        **fields,
    )


# --- The computation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "base", "amount"),
    [
        ("2026-08-01", 2_530_000, 1_265_000),  # LEGAL.md §3
        ("2025-08-01", 2_340_000, 1_170_000),  # LEGAL.md §3
        ("2026-06-30", 2_340_000, 1_170_000),  # the last day before Decree 161/2026
        ("2026-07-01", 2_530_000, 1_265_000),  # its first day
        ("2024-01-15", 1_800_000, 900_000),
        ("2021-06-07", 1_490_000, 745_000),
    ],
)
def test_a_published_item_gets_the_royalty_of_its_publication_date(newsroom, day, base, amount):
    page = publish_item(newsroom, on=day, coefficient="5")

    royalty = Royalty.objects.get(page=page)
    assert royalty.published_on == datetime.date.fromisoformat(day)
    assert royalty.base_salary_amount == base
    assert royalty.unit_value == Decimal(base) / 10
    assert royalty.amount == amount
    assert royalty.news_coefficient == 5 and royalty.article_type_name == "Tổng hợp"


def test_the_base_salary_table_is_seeded_with_legal_s3():
    rows = [
        (r.amount, r.valid_from.isoformat(), r.instrument_text)
        for r in BaseSalary.objects.order_by("valid_from")
    ]
    assert rows == [
        (1_490_000, "2019-07-01", "Nghị định 38/2019/NĐ-CP"),
        (1_800_000, "2023-07-01", "Nghị định 24/2023/NĐ-CP"),
        (2_340_000, "2024-07-01", "Nghị định 73/2024/NĐ-CP"),
        (2_530_000, "2026-07-01", "Nghị định 161/2026/NĐ-CP"),
    ]
    assert base_salaries_ensure() == 0  # idempotent
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        base_salary_on(datetime.date(2019, 6, 30))
    assert "30/06/2019" in error.value.messages[0]


# --- Base-salary periods never overlap ----------------------------------------------------


def test_an_overlapping_base_salary_period_is_refused_with_the_row_in_the_way(newsroom):
    row = BaseSalary(amount=2_600_000, valid_from=datetime.date(2026, 1, 1))
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        row.full_clean()
    with translation.override("vi"):
        message = error.value.message_dict["valid_from"][0]
    assert "2.340.000 đ" in message and "01/07/2024 – 30/06/2026" in message
    # Adjacent periods are fine once the open one is ended.
    BaseSalary.objects.filter(valid_from=datetime.date(2026, 7, 1)).update(
        valid_to=datetime.date(2027, 6, 30)
    )
    BaseSalary(amount=2_700_000, valid_from=datetime.date(2027, 7, 1)).full_clean()


def test_the_database_refuses_an_overlap_that_skips_validation(newsroom):
    with pytest.raises(IntegrityError), transaction.atomic():
        BaseSalary.objects.create(amount=9_999_999, valid_from=datetime.date(2025, 1, 1))
    ours = BaseSalary.objects.get(valid_from=datetime.date(2024, 7, 1))
    ours.valid_to = datetime.date(2026, 12, 31)  # runs into Decree 161/2026's period
    with pytest.raises(IntegrityError), transaction.atomic():
        ours.save()
    assert BaseSalary.objects.count() == 4


def test_an_accountant_adding_an_overlapping_period_in_the_admin_is_told_why(client, accountant):
    client.force_login(accountant)
    url = "/admin/snippets/newsroom/basesalary/add/"
    response = client.post(
        url,
        {"amount": "2600000", "valid_from": "2026-09-01", "valid_to": "", "instrument_text": "x"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "trùng với mức lương cơ sở 2.530.000 đ" in html
    assert BaseSalary.objects.count() == 4


# --- Freezing -----------------------------------------------------------------------------


def test_the_royalty_is_frozen_a_later_base_salary_change_never_rewrites_it(newsroom):
    page = publish_item(newsroom, on="2026-08-01", coefficient="5")
    assert Royalty.objects.get(page=page).amount == 1_265_000

    BaseSalary.objects.filter(valid_from=datetime.date(2026, 7, 1)).update(amount=3_000_000)
    page.title = "Tiêu đề đã sửa"
    page.save_revision().publish()  # published again: still the first royalty

    royalty = Royalty.objects.get(page=page)
    assert royalty.amount == 1_265_000 and royalty.base_salary_amount == 2_530_000
    assert royalty.title != "Tiêu đề đã sửa"
    assert Royalty.objects.filter(page=page).count() == 1
    # A new item is priced with the new figure.
    other = publish_item(newsroom, on="2026-08-02", coefficient="5")
    assert Royalty.objects.get(page=other).amount == 1_500_000


def test_an_item_without_coefficients_and_a_draft_owe_nothing(newsroom):
    publish_item(newsroom, on="2026-08-01", coefficient=None)
    draft = NewsPageFactory(
        parent=newsroom.category("activities"), live=False, news_coefficient=Decimal(5)
    )
    assert not Royalty.objects.exists()
    assert not Royalty.objects.filter(page=draft).exists()


def test_a_translation_starts_without_coefficients_so_it_is_not_paid_twice(newsroom):
    page = publish_item(newsroom, on="2026-08-01", coefficient="5")
    english = page.copy_for_translation(newsroom.index("en").locale, copy_parents=True)
    english.save_revision().publish()
    english = NewsPage.objects.get(pk=english.pk)
    assert english.news_coefficient is None
    assert Royalty.objects.count() == 1


def test_the_workflows_last_approval_freezes_the_royalty(client, newsroom, editor, approver):
    from .test_workflow import act

    page = NewsPageFactory(
        parent=newsroom.category("activities"),
        live=False,
        article_type=article_types_ensure()["tong-hop"],
        news_coefficient=Decimal(5),
        published_at=at("2026-08-01"),
    )
    page.get_workflow().start(page, editor)
    act(client, editor, page, "approve")
    assert not Royalty.objects.exists()  # not yet: the leader has not approved
    act(client, approver, page, "approve")
    assert Royalty.objects.get(page=page).amount == 1_265_000


# --- Co-authors -----------------------------------------------------------------------------


def test_co_authors_split_the_royalty_by_share_and_the_parts_add_up(newsroom):
    a, b, c = ContributorFactory(), ContributorFactory(), ContributorFactory()
    page = publish_item(
        newsroom,
        on="2026-08-01",
        coefficient="3",  # 759.000 đ
        authors=[(a, "33.33"), (b, "33.33"), (c, "33.34")],
    )
    royalty = Royalty.objects.get(page=page)
    parts = [(s.contributor_id, s.amount) for s in royalty.shares.all()]
    assert royalty.amount == 759_000
    assert parts == [(a.pk, 252_975), (b.pk, 252_975), (c.pk, 253_050)]
    assert sum(amount for _c, amount in parts) == royalty.amount


# --- In the editor -------------------------------------------------------------------------------


def test_a_coefficient_outside_its_article_types_limits_is_refused_in_the_editor(
    client, newsroom, approver
):
    page = NewsPageFactory(
        parent=newsroom.category("activities"),
        live=False,
        article_type=article_types_ensure()["tin"],
        news_coefficient=Decimal(3),
    )
    client.force_login(approver)
    data = editor_form(client, edit_url(page), news_coefficient="12")
    response = post_editor(client, edit_url(page), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "phải nằm trong khoảng từ 1.00 đến 10.00" in html
    page.refresh_from_db()
    assert page.news_coefficient == 3 and page.get_latest_revision() is not None


def test_authors_shares_must_add_up_to_100_percent(client, newsroom, editor):
    a, b = ContributorFactory(), ContributorFactory()
    page = NewsPageFactory(parent=newsroom.category("activities"), live=False)
    client.force_login(editor)
    data = editor_form(
        client,
        edit_url(page),
        **{
            "authors-TOTAL_FORMS": "2",
            "authors-INITIAL_FORMS": "0",
            "authors-0-contributor": str(a.pk),
            "authors-0-share_percent": "60",
            "authors-0-ORDER": "1",
            "authors-1-contributor": str(b.pk),
            "authors-1-share_percent": "30",
            "authors-1-ORDER": "2",
        },
    )
    response = post_editor(client, edit_url(page), data)
    assert response.status_code == 200
    assert "phải cộng lại đủ 100% (hiện là 90%)" in response.content.decode()
    assert not NewsAuthor.objects.filter(page=page).exists()

    data["authors-1-share_percent"] = "40"
    assert post_editor(client, edit_url(page), data).status_code == 302


def test_only_the_leader_changes_a_frozen_coefficient_with_a_reason_and_it_is_logged(
    client, newsroom, editor, approver
):
    page = publish_item(newsroom, on="2026-08-01", coefficient="5")
    BaseSalary.objects.filter(valid_from=datetime.date(2026, 7, 1)).update(amount=3_000_000)

    # The editor may edit the item, but not its frozen coefficients; the tab says so.
    client.force_login(editor)
    html = client.get(edit_url(page)).content.decode()
    assert (
        "Nhuận bút đã chốt khi xuất bản (01/08/2026): 1.265.000 đ = hệ số 5 × một đơn vị "
        "253.000 đ (lương cơ sở 2.530.000 đ)." in html
    )
    data = editor_form(client, edit_url(page), news_coefficient="8")
    response = post_editor(client, edit_url(page), data)
    assert response.status_code == 200
    assert "Chỉ lãnh đạo duyệt tin được sửa hệ số" in response.content.decode()
    assert Royalty.objects.get(page=page).amount == 1_265_000

    # The leader must say why.
    client.force_login(approver)
    data = editor_form(client, edit_url(page), news_coefficient="8")
    response = post_editor(client, edit_url(page), data, action="publish")
    assert response.status_code == 200
    assert "Nêu lý do sửa hệ số" in response.content.decode()
    assert not RoyaltyChange.objects.exists()

    data["royalty_change_reason"] = "Bài có khảo sát thực tế, hội đồng nâng hệ số."
    response = post_editor(client, edit_url(page), data, action="publish")
    assert response.status_code == 302

    royalty = Royalty.objects.get(page=page)
    # Recomputed with the base salary frozen at publication, not today's table.
    assert royalty.news_coefficient == 8 and royalty.amount == 8 * 253_000
    change = RoyaltyChange.objects.get(royalty=royalty)
    assert change.changed_by == approver
    assert change.old_values["news_coefficient"] == "5.00"
    assert change.new_values["news_coefficient"] == "8"
    assert (change.old_amount, change.new_amount) == (1_265_000, 2_024_000)
    assert change.reason == "Bài có khảo sát thực tế, hội đồng nâng hệ số."
    # The leader and the accountant read the log in the admin.
    html = client.get("/admin/snippets/newsroom/royaltychange/").content.decode()
    assert "Hệ số tin: 5 → 8" in html and "Bài có khảo sát thực tế" in html
    assert "1.265.000 đ" in html and "2.024.000 đ" in html


def test_only_the_leader_changes_the_authors_of_a_frozen_royalty_and_it_is_logged(
    client, newsroom, editor, approver
):
    a = ContributorFactory(name="Nguyễn Trang")
    b = ContributorFactory(name="Lê Minh")
    page = publish_item(newsroom, on="2026-08-01", coefficient="5", authors=[(a, "100")])
    royalty = Royalty.objects.get(page=page)
    assert [(s.contributor_id, s.amount) for s in royalty.shares.all()] == [(a.pk, 1_265_000)]
    co_author = {
        "authors-TOTAL_FORMS": "2",
        "authors-0-share_percent": "60",
        "authors-1-contributor": str(b.pk),
        "authors-1-share_percent": "40",
        "authors-1-role": "Ảnh",
        "authors-1-ORDER": "2",
    }

    # The editor may not: the royalty is paid to its authors as frozen.
    client.force_login(editor)
    data = editor_form(client, edit_url(page), **co_author)
    response = post_editor(client, edit_url(page), data)
    assert response.status_code == 200
    assert "Chỉ lãnh đạo duyệt tin được sửa tác giả" in response.content.decode()
    assert [s.contributor_id for s in Royalty.objects.get(page=page).shares.all()] == [a.pk]

    # The leader, with a reason: the same amount split again, and logged.
    client.force_login(approver)
    data = editor_form(client, edit_url(page), **co_author)
    response = post_editor(client, edit_url(page), data, action="publish")
    assert response.status_code == 200
    assert "Nêu lý do sửa tác giả" in response.content.decode()

    data["royalty_change_reason"] = "Bổ sung tác giả ảnh theo đề nghị của phòng."
    assert post_editor(client, edit_url(page), data, action="publish").status_code == 302

    royalty = Royalty.objects.get(page=page)
    assert royalty.amount == 1_265_000
    assert [(s.contributor_id, s.role, s.amount) for s in royalty.shares.all()] == [
        (a.pk, "Tác giả", 759_000),
        (b.pk, "Ảnh", 506_000),
    ]
    change = RoyaltyChange.objects.get(royalty=royalty)
    assert change.changed_by == approver
    html = client.get("/admin/snippets/newsroom/royaltychange/").content.decode()
    assert "Tác giả: Nguyễn Trang (100%) → Nguyễn Trang (60%), Lê Minh (40%)" in html
    assert "Bổ sung tác giả ảnh" in html


def test_the_authors_of_a_paid_royalty_never_change(newsroom, approver, accountant):
    from congso.newsroom.royalties import royalties_mark_paid, royalty_change_authors

    a, b = ContributorFactory(), ContributorFactory()
    page = publish_item(newsroom, on="2026-08-01", coefficient="5", authors=[(a, "100")])
    royalty = Royalty.objects.get(page=page)
    royalties_mark_paid([royalty.pk], user=accountant)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        royalty_change_authors(
            royalty, user=approver, reason="Sửa", authors=[(b.pk, b.name, "", Decimal(100))]
        )
    assert "đã được chi trả" in error.value.messages[0]
    assert [s.contributor_id for s in royalty.shares.all()] == [a.pk]


def test_editing_the_text_of_a_published_item_does_not_touch_its_royalty(client, newsroom, editor):
    page = publish_item(newsroom, on="2026-08-01", coefficient="5")
    client.force_login(editor)
    data = editor_form(client, edit_url(page), title="Tiêu đề mới")
    assert post_editor(client, edit_url(page), data).status_code == 302
    assert Royalty.objects.get(page=page).amount == 1_265_000
    assert not RoyaltyChange.objects.exists()


def test_a_paid_royalty_is_never_recomputed(newsroom, approver, accountant):
    from congso.newsroom.royalties import royalties_mark_paid

    page = publish_item(newsroom, on="2026-08-01", coefficient="5")
    royalty = Royalty.objects.get(page=page)
    royalties_mark_paid([royalty.pk], user=accountant)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        royalty_change_coefficients(
            royalty, user=approver, reason="Sửa", news_coefficient=Decimal(8)
        )
    assert "đã được chi trả" in error.value.messages[0]
    assert Royalty.objects.get(pk=royalty.pk).amount == 1_265_000


def test_the_service_refuses_a_coefficient_outside_the_limits(newsroom, approver):
    page = publish_item(newsroom, on="2026-08-01", coefficient="5", kind="tin")
    royalty = Royalty.objects.get(page=page)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        royalty_change_coefficients(
            royalty, user=approver, reason="Sửa", news_coefficient=Decimal(11)
        )
    assert "từ 1.00 đến 10.00" in error.value.messages[0]
