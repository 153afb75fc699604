"""Demo staff accounts: random passwords, kept private, stable across runs, and usable."""

import stat
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command

from congso.accounts.roles import WEBMASTER, registry
from congso.accounts.services import demo_accounts_ensure

pytestmark = pytest.mark.django_db

User = get_user_model()


def passwords(result) -> dict[str, str]:
    return {username: password for _role, username, password in result}


def file_passwords(path) -> dict[str, str]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return {row[0]: row[1] for row in rows if not row[0].startswith("#")}


def test_one_account_per_role_with_a_random_password_that_passes_the_validators(tmp_path):
    result = demo_accounts_ensure(credentials_file=tmp_path / "accounts.tsv")

    assert {username for _r, username, _p in result} == {r.demo_username for r in registry}
    for _role, username, password in result:
        user = User.objects.get(username=username)
        assert user.check_password(password)
        validate_password(password, user)  # the project's own rules (12+ characters…)


def test_fresh_credential_files_get_different_passwords(tmp_path):
    first = passwords(demo_accounts_ensure(credentials_file=tmp_path / "a.tsv"))
    second = passwords(demo_accounts_ensure(credentials_file=tmp_path / "b.tsv"))

    for username in first:
        assert first[username] != second[username]
        user = User.objects.get(username=username)
        assert not user.check_password(first[username])
        assert user.check_password(second[username])


def test_credentials_file_is_private_and_holds_the_passwords(tmp_path):
    path = tmp_path / "var" / "demo-accounts.tsv"

    result = demo_accounts_ensure(credentials_file=path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert file_passwords(path) == passwords(result)


def test_a_second_run_keeps_the_passwords(tmp_path):
    path = tmp_path / "accounts.tsv"
    first = passwords(demo_accounts_ensure(credentials_file=path))

    second = passwords(demo_accounts_ensure(credentials_file=path))

    assert second == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for username, password in second.items():
        assert User.objects.get(username=username).check_password(password)


def test_a_password_changed_elsewhere_is_replaced_and_written_down(tmp_path):
    path = tmp_path / "accounts.tsv"
    first = passwords(demo_accounts_ensure(credentials_file=path))
    webmaster = User.objects.get(username=registry.roles[WEBMASTER].demo_username)
    webmaster.set_password("changed-in-the-admin-1234")
    webmaster.save()

    second = passwords(demo_accounts_ensure(credentials_file=path))

    name = webmaster.username
    assert second[name] != first[name]
    assert second[name] != "changed-in-the-admin-1234"
    assert file_passwords(path)[name] == second[name]


def test_webmaster_can_log_into_the_admin(client, tmp_path):
    result = demo_accounts_ensure(credentials_file=tmp_path / "accounts.tsv")
    username = registry.roles[WEBMASTER].demo_username
    password = passwords(result)[username]

    response = client.post("/admin/login/", {"username": username, "password": password})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert dashboard.wsgi_request.user.username == username
    assert User.objects.get(username=username).groups.filter(name=WEBMASTER).exists()


def test_a_wrong_password_is_refused(client, tmp_path):
    demo_accounts_ensure(credentials_file=tmp_path / "accounts.tsv")
    username = registry.roles[WEBMASTER].demo_username

    response = client.post("/admin/login/", {"username": username, "password": "guess-1234"})

    assert response.status_code == 200  # the form again, with an error
    assert client.get("/admin/").status_code == 302


def test_demo_accounts_command_prints_what_it_keeps(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # never touch the developer's var/demo-accounts.tsv
    out = StringIO()

    call_command("demo_accounts", stdout=out)

    kept = file_passwords(tmp_path / "demo-accounts.tsv")
    printed = out.getvalue()
    for username, password in kept.items():
        assert username in printed and password in printed
    assert "/admin/" in printed
