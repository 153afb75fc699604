"""The editorial workflow through the Wagtail admin, as each role uses it: an author writes
and submits, an editor reviews (or requests changes), a leader approves and the item goes
live. Rights come from `newsroom_setup` (groups, page rights, the "Duyệt tin bài" workflow)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from congso.newsroom.models import NewsCategoryPage, NewsPage
from congso.newsroom.services import APPROVER_TASK, EDITOR_TASK, WORKFLOW_NAME

from .admin_forms import add_url, edit_url, editor_form, post_editor
from .factories import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(shared_newsroom):
    """The newsroom is set up once for this module (see conftest.py)."""
    return shared_newsroom


def author_writes(client, author, parent, title="Khai trương Trung tâm điều hành thông minh"):
    """The author fills in the add form under `parent` and submits it for approval."""
    client.force_login(author)
    url = add_url(parent)
    data = editor_form(
        client,
        url,
        title=title,
        slug="khai-truong-trung-tam-dieu-hanh",
        summary="Sáng nay, Trung tâm điều hành thông minh của tỉnh chính thức đi vào hoạt động.",
        body=[("paragraph", "<p>Trung tâm kết nối dữ liệu của các sở, ngành.</p>")],
    )
    response = post_editor(client, url, data, action="submit")
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsPage.objects.get(slug="khai-truong-trung-tam-dieu-hanh")


def current_task_state(page) -> TaskState:
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def act(client, user, page, action, comment=""):
    client.force_login(user)
    state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.id, action, state.id])
    return client.post(url, {"comment": comment})


def test_the_news_root_is_under_the_two_step_workflow(newsroom):
    for language in ("vi", "en"):
        workflow = newsroom.index(language).get_workflow()
        assert workflow is not None and workflow.name == WORKFLOW_NAME
        assert [t.name for t in workflow.tasks.all()] == [EDITOR_TASK, APPROVER_TASK]
    item = NewsPageFactory(parent=newsroom.category("press"))
    assert item.get_workflow().name == WORKFLOW_NAME


def test_author_sees_no_publish_button_and_a_publish_post_is_refused(client, newsroom, author):
    client.force_login(author)
    url = add_url(newsroom.category("digital"))
    html = client.get(url).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html

    data = editor_form(client, url, title="Tin tự xuất bản", slug="tin-tu-xuat-ban", summary="Thử.")
    response = post_editor(client, url, data, action="publish")

    page = NewsPage.objects.get(slug="tin-tu-xuat-ban")
    assert not page.live
    assert page.owner == author
    assert (
        client.get(
            page.url if page.url else "/vi/tin-tuc/chuyen-doi-so/tin-tu-xuat-ban/"
        ).status_code
        == 404
    )
    assert response.status_code == 302


def test_only_editors_create_categories(client, newsroom, author, editor):
    index = newsroom.index("vi")
    url = f"/admin/pages/add/newsroom/newscategorypage/{index.id}/"
    client.force_login(author)
    assert client.get(url).status_code in (302, 403)  # Wagtail sends refusals home
    client.post(url, {"title": "Chuyên mục tự lập", "slug": "tu-lap"})
    assert not NewsCategoryPage.objects.filter(slug="tu-lap").exists()
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_author_edits_only_their_own_items(client, newsroom, author, editor):
    mine = author_writes(client, author, newsroom.category("activities"))
    other = NewsPageFactory(parent=newsroom.category("activities"), owner=editor)

    assert client.get(edit_url(mine)).status_code == 200
    response = client.get(edit_url(other))
    assert response.status_code in (302, 403)
    assert not other.permissions_for_user(author).can_edit()


def test_author_submits_editor_approves_leader_approves_and_it_goes_live(
    client, newsroom, author, editor, approver
):
    page = author_writes(client, author, newsroom.category("digital"))
    assert not page.live
    assert current_task_state(page).task.name == EDITOR_TASK
    # The editor finds it waiting on the dashboard.
    client.force_login(editor)
    assert "Khai trương Trung tâm điều hành thông minh" in client.get("/admin/").content.decode()
    # The editor may not publish; the leader's step is still ahead.
    assert 'name="action-publish"' not in client.get(edit_url(page)).content.decode()

    assert act(client, editor, page, "approve", "Đã biên tập.").status_code in (200, 302)
    page.refresh_from_db()
    assert not page.live
    assert current_task_state(page).task.name == APPROVER_TASK

    assert act(client, approver, page, "approve").status_code in (200, 302)

    page.refresh_from_db()
    assert page.live
    assert page.published_at is not None and page.published_at == page.first_published_at
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_APPROVED
    # A visitor reads it, and finds it in the list of its category.
    client.logout()
    assert client.get(page.url).status_code == 200
    assert (
        "Khai trương Trung tâm điều hành thông minh"
        in client.get("/vi/tin-tuc/chuyen-doi-so/").content.decode()
    )


def test_editor_requests_changes_and_the_author_gets_it_back_with_the_comment(
    client, newsroom, author, editor
):
    page = author_writes(client, author, newsroom.category("press"))
    comment = "Bổ sung nguồn trích dẫn và ảnh minh họa."
    mail.outbox.clear()

    assert act(client, editor, page, "reject", comment).status_code in (200, 302)

    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    page.refresh_from_db()
    assert not page.live
    # The author opens the item again and reads the editor's comment.
    client.force_login(author)
    html = client.get(edit_url(page)).content.decode()
    assert comment in html
    assert (
        comment
        in client.get(
            reverse("wagtailadmin_pages:workflow_history_detail", args=[page.id, state.id])
        ).content.decode()
    )
    # …and is told by email.
    to_author = [m for m in mail.outbox if author.email in m.to]
    assert to_author, [m.to for m in mail.outbox]
    # After changes, the author submits again and the workflow starts over.
    url = edit_url(page)
    data = editor_form(client, url, summary="Đã bổ sung nguồn.")
    assert post_editor(client, url, data, action="submit").status_code == 302
    state = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert current_task_state(page).task.name == EDITOR_TASK


def test_category_editor_edits_only_their_category(client, newsroom, digital_editor):
    inside = NewsPageFactory(parent=newsroom.category("digital"), title="Tin chuyển đổi số")
    outside = NewsPageFactory(parent=newsroom.category("activities"), title="Tin hoạt động")
    client.force_login(digital_editor)

    assert client.get(edit_url(inside)).status_code == 200
    assert client.get(edit_url(outside)).status_code in (302, 403)
    url = edit_url(outside)
    client.post(url, {"title": "Sửa trái phép", "slug": outside.slug, "summary": "x"})
    outside.refresh_from_db()
    assert outside.title == "Tin hoạt động"
    assert outside.get_latest_revision().content["title"] == "Tin hoạt động"
    # In the English tree too.
    en_digital = newsroom.category("digital", "en")
    en_other = newsroom.category("activities", "en")
    assert en_digital.permissions_for_user(digital_editor).can_add_subpage()
    assert not en_other.permissions_for_user(digital_editor).can_add_subpage()


def test_editor_edits_any_item_and_the_leader_may_publish_directly(
    client, newsroom, approver, editor, author
):
    page = author_writes(client, author, newsroom.category("direction"))
    client.force_login(editor)
    assert client.get(edit_url(page)).status_code == 200
    # While the item waits for the editors' step, it is locked for everyone else: the
    # leader cannot jump the review.
    assert page.permissions_for_user(approver).page_locked()
    # The leader may publish what they write themselves.
    client.force_login(approver)
    assert (
        'name="action-publish"'
        in client.get(add_url(newsroom.category("direction"))).content.decode()
    )


def test_history_lists_revisions_with_compare_and_revert(client, newsroom, approver):
    client.force_login(approver)
    url = add_url(newsroom.category("activities"))
    data = editor_form(client, url, title="Bản đầu", slug="ban-dau", summary="Tóm tắt.")
    post_editor(client, url, data, action="publish")
    page = NewsPage.objects.get(slug="ban-dau")
    data = editor_form(client, edit_url(page), title="Bản sửa")
    post_editor(client, edit_url(page), data)  # a draft over the live version
    first, second = page.revisions.order_by("created_at", "pk")

    html = client.get(reverse("wagtailadmin_pages:history", args=[page.id])).content.decode()

    assert reverse("wagtailadmin_pages:revisions_revert", args=[page.id, first.id]) in html
    compare_url = reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.id, first.id, second.id]
    )
    assert compare_url in html
    compare = client.get(compare_url).content.decode()
    assert "đầu" in compare and "sửa" in compare  # word diff: Bản [-đầu-][+sửa+]
    # Reverting opens the editor on the first version's content.
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=[page.id, first.id]))
    assert revert.status_code == 200
    assert 'value="Bản đầu"' in revert.content.decode()


def test_a_scheduled_item_goes_live_with_publish_scheduled(client, newsroom):
    page = NewsPageFactory(parent=newsroom.category("activities"), title="Tin hẹn giờ", live=False)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    page.go_live_at = go_live
    page.save_revision().publish()  # approved for later: scheduled, not live
    page.refresh_from_db()
    assert not page.live
    assert client.get("/vi/tin-tuc/tin-hoat-dong/tin-hen-gio/").status_code == 404

    with time_machine.travel(go_live + datetime.timedelta(minutes=5)):
        call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live
    assert page.published_at is not None
    assert "Tin hẹn giờ" in client.get("/vi/tin-tuc/tin-hoat-dong/").content.decode()
