"""The Wagtail admin stays in Vietnamese.

Staff of the department use the admin in Vietnamese, but Wagtail ships only a partial
Vietnamese catalogue: left alone, about four in five admin messages (buttons, menus, status
lines, history) would show in English. `locale_admin/vi/` completes it. These tests keep it
complete: a Wagtail upgrade that adds messages, or a settings change that drops
`locale_admin` from LOCALE_PATHS, makes them fail, and `manage.py translation_coverage`
then lists which packages lost ground.
"""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext, trans_real
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.views.i18n import localized_js_catalog

from congso.accounts.forms import LoginForm
from congso.core.management.commands.translation_coverage import (
    WAGTAIL_DIR,
    WAGTAIL_JS_PACKAGES,
    WAGTAIL_PACKAGES,
    read_po,
    total,
    wagtail_coverage,
)

# Strings staff see on the dashboard, the page explorer, the editor and the history screen.
SCREEN_STRINGS = [
    "Pages",
    "Publish",
    "Save draft",
    "History",
    "Snippets",
    "Dashboard",
    "Log out",
    "Your most recent edits",
    "Add child page",
    "Live",
    "Current draft",
    "Compare",
    "Sort by",
    "Filter",
    "Status: ",
]


def test_wagtail_admin_coverage_is_at_least_99_percent():
    """Nearly every message of the Wagtail apps staff use has a Vietnamese text."""
    rows = wagtail_coverage("vi")
    overall = total("Wagtail admin total", rows)
    missing = {row.name: row.total - row.translated for row in rows if row.translated < row.total}
    assert overall.percent >= 99.0, missing


@pytest.mark.parametrize("message", SCREEN_STRINGS)
def test_screen_strings_are_vietnamese(message):
    """Each screen string comes out translated, with surrounding whitespace kept."""
    with translation.override("vi"):
        translated = gettext(message)
    assert translated != message
    assert translated.endswith(" ") == message.endswith(" ")


def test_plural_messages_use_the_single_vietnamese_form():
    """Plural messages use Vietnamese's single form, and placeholders survive."""
    with translation.override("vi"):
        text = ngettext("Delete 1 page", "Delete %(counter)s pages", 3) % {"counter": 3}
        one = ngettext("Delete 1 page", "Delete %(counter)s pages", 1) % {"counter": 1}
        # Django's own vi catalogue lacks the units of "13 minutes ago"; ours has them.
        minutes = ngettext("%(num)d minute", "%(num)d minutes", 13) % {"num": 13}
    assert text == "Xóa 3 trang"
    assert one == "Xóa 1 trang"
    assert minutes == "13 phút"


def test_admin_javascript_catalogue_includes_locale_admin(rf):
    """The admin's jsi18n view serves our djangojs translations too."""
    request = rf.get(reverse("wagtailadmin_javascript_catalog"))
    request.user = AnonymousUser()
    with translation.override("vi"):
        response = localized_js_catalog(request)
    assert response.status_code == 200
    # "Page explorer", as the JSON inside the catalogue escapes it.
    assert "Duy\\u1ec7t trang" in response.content.decode()


def test_coverage_command_prints_every_package_and_a_total():
    """The command prints one line per Wagtail package and the totals."""
    out = StringIO()
    call_command("translation_coverage", "--language", "vi", "--fail-under", "99", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("wagtail/admin ") for line in lines)
    assert any(line.startswith("wagtail/admin (JavaScript)") for line in lines)
    assert any(line.startswith("Wagtail admin total") for line in lines)


def test_read_po_handles_context_plural_and_continuation_lines(tmp_path):
    """The small .po reader copes with what gettext's tools write."""
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: vi\\n"\n\n'
        "#: congso/core/views.py:1\n"
        'msgctxt "verb"\nmsgid "Publish"\nmsgstr ""\n\n'
        'msgid ""\n"Long "\n"text"\nmsgid_plural "%(n)s texts"\nmsgstr[0] ""\n\n'
        '#~ msgid "Old"\n#~ msgstr "Cũ"\n',
        encoding="utf-8",
    )
    messages = read_po(po)
    assert [(m.context, m.msgid, m.plural) for m in messages] == [
        ("verb", "Publish", None),
        (None, "Long text", "%(n)s texts"),
    ]
    assert messages[0].occurrences == ("congso/core/views.py",)


# Wagtail's own vi catalogues say "Thu hồi xuất bản", "Trang tổng quan", "Tùy chỉnh", "Trang"
# (for Sites, which clashes with Pages)...; locale_admin overrides them with our terms.
OVERRIDDEN = [
    ("Unpublish", "Ngừng xuất bản"),
    ("Dashboard", "Bảng điều khiển"),
    ("Settings", "Cài đặt"),
    ("Locale", "Ngôn ngữ"),
    ("Edit", "Sửa"),
    ("Approve", "Phê duyệt"),
    ("Site", "Trang web"),
    ("Sites", "Các trang web"),
    ("All collections", "Tất cả bộ sưu tập"),
    ("Add a document", "Thêm tài liệu"),
    ("New workflow", "Quy trình duyệt mới"),
    ("View live", "Xem bản đang hiển thị"),
    ("Submit to %(workflow_name)s", "Gửi kiểm duyệt theo %(workflow_name)s"),
]
# A placeholder run into a word, e.g. Wagtail's "Nhập %(username_field_name)scủa bạn".
GLUED_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd](?=[^\W\d_])|(?<=[^\W\d_])%\(")


def _js_translation(package):
    """The admin's JavaScript translations, as its jsi18n view builds them."""
    paths = JavaScriptCatalog().get_paths([f"wagtail.{package.replace('/', '.')}"])
    return trans_real.DjangoTranslation("vi", domain="djangojs", localedirs=paths)


def _served(message, translator):
    """What `translator` gives for `message` (plural messages: the form for 5)."""
    if message.plural is not None:
        if message.context is not None:
            return translator.npgettext(message.context, message.msgid, message.plural, 5)
        return translator.ngettext(message.msgid, message.plural, 5)
    if message.context is not None:
        return translator.pgettext(message.context, message.msgid)
    return translator.gettext(message.msgid)


@pytest.mark.parametrize(("message", "expected"), OVERRIDDEN)
def test_our_terms_override_wagtails_vietnamese(message, expected):
    with translation.override("vi"):
        assert gettext(message) == expected


@pytest.mark.parametrize(
    ("message", "expected"),
    [("Dashboard", "Bảng điều khiển"), ("Settings", "Cài đặt"), ("Edit", "Sửa")],
)
def test_our_terms_override_wagtails_vietnamese_in_javascript(message, expected):
    assert _js_translation("admin").gettext(message) == expected


def test_no_placeholder_is_glued_to_a_word():
    """Every admin message with a placeholder keeps it apart from the Vietnamese words."""
    glued = []
    with translation.override("vi"):
        catalogues = [
            (WAGTAIL_DIR / package / "locale" / "en" / "LC_MESSAGES" / "django.po", translation)
            for package in WAGTAIL_PACKAGES
        ] + [
            (
                WAGTAIL_DIR / package / "locale" / "en" / "LC_MESSAGES" / "djangojs.po",
                _js_translation(package),
            )
            for package in WAGTAIL_JS_PACKAGES
        ]
        for path, translator in catalogues:
            if not path.exists():
                continue
            for message in read_po(path):
                english = message.plural or message.msgid
                if "%(" not in english:
                    continue
                text = _served(message, translator)
                if GLUED_PLACEHOLDER.search(text) and not GLUED_PLACEHOLDER.search(english):
                    glued.append((message.msgid, text))
    assert glued == []


def test_admin_login_form_is_ours_and_labels_the_password_in_vietnamese(client, db):
    """Wagtail's own login form leaves the password field labelled "Password" in English."""
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert isinstance(response.context["form"], LoginForm)
    html = response.content.decode()
    password_label = re.search(r'<label[^>]*for="id_password"[^>]*>\s*([^<]*?)\s*<', html)
    assert password_label is not None and password_label.group(1) == "Mật khẩu"
    assert 'placeholder="Nhập mật khẩu"' in html
    with translation.override("en"):
        assert LoginForm()["password"].label == "Password"
