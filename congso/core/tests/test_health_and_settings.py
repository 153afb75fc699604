"""Operations: /healthz, production settings, security headers, and dates as printed."""

import datetime
import os
import secrets
import socket
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.db.backends.postgresql.base import DatabaseWrapper

from congso.core import views
from congso.core.dates import long_date, short_date

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[3]
PUBLIC_PAGES = [
    "/vi/",
    "/vi/gioi-thieu/",
    "/vi/gioi-thieu/chuc-nang-nhiem-vu/",
    "/vi/gioi-thieu/lanh-dao/",
    "/vi/gioi-thieu/co-cau-to-chuc/",
    "/vi/lien-he/",
    "/en/",
    "/en/about/",
    "/en/about/functions-tasks-powers/",
    "/en/about/leadership/",
    "/en/about/structure/",
    "/en/contact/",
]


def closed_port() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- /healthz -----------------------------------------------------------------------------


def test_healthz_reports_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"db": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_naming_the_database_when_it_is_unreachable(client, monkeypatch):
    # A database server cannot be stopped under a running test, so the view is given a
    # real PostgreSQL connection to a port where nothing listens: its own code path
    # (connect, SELECT 1) meets a genuine "connection refused".
    settings_dict = connections.configure_settings(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "congso",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": closed_port(),
                "OPTIONS": {"connect_timeout": 3},
            }
        }
    )["default"]
    unreachable = DatabaseWrapper(settings_dict, alias="unreachable")
    monkeypatch.setattr(views, "connection", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"db": "error", "cache": "ok"}
    unreachable.close()


def test_healthz_answers_503_naming_the_cache_when_it_is_unreachable(client, monkeypatch):
    # Same idea: a Redis cache pointed at a port where nothing listens.
    unreachable = RedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})
    monkeypatch.setattr(views, "cache", unreachable)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"db": "ok", "cache": "error"}


# --- Production settings ------------------------------------------------------------------

REQUIRED = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")


def production_env(tmp_path, **values) -> dict[str, str]:
    """A bare environment for config.settings.production. Variables not given are set
    empty, which also keeps a developer's .env (read without overwriting) out of it."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
    }
    env.update(dict.fromkeys(REQUIRED, ""))
    env.update(values)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def valid_production_values(tmp_path) -> dict[str, str]:
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "portal.example.gov.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }


def test_production_settings_refuse_to_start_without_any_secret(tmp_path):
    result = run(["-c", "import django; django.setup()"], production_env(tmp_path))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for name in REQUIRED:
        assert name in result.stderr


@pytest.mark.parametrize("missing", REQUIRED)
def test_production_settings_name_the_one_variable_missing(tmp_path, missing):
    values = valid_production_values(tmp_path)
    values[missing] = ""

    result = run(["-c", "import django; django.setup()"], production_env(tmp_path, **values))

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert missing in last_line
    assert all(name not in last_line for name in REQUIRED if name != missing)


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = production_env(tmp_path, **valid_production_values(tmp_path))

    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --- Security headers ---------------------------------------------------------------------


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_public_pages_send_a_strict_content_security_policy_and_hardening_headers(client, demo):
    response = client.get("/vi/")

    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_pages_hold_no_inline_script_or_style(client, demo):
    """The policy would block them: a page relying on one would be broken for readers."""
    for url in PUBLIC_PAGES:
        soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src"), f"{url}: inline <script>"
            assert not script.get_text(strip=True), f"{url}: <script src> with a body"
        assert soup.find("style") is None, f"{url}: <style> element"
        styled = soup.find(style=True)
        assert styled is None, f"{url}: style attribute on <{styled and styled.name}>"
        handlers = [
            (tag.name, attr)
            for tag in soup.find_all(True)
            for attr in tag.attrs
            if attr.startswith("on")
        ]
        assert handlers == [], f"{url}: inline event handlers {handlers}"


def test_admin_login_has_its_own_policy(client, db):
    public = csp_directives(client.get("/healthz")["Content-Security-Policy"])
    response = client.get("/admin/login/")

    assert response.status_code == 200
    admin = csp_directives(response["Content-Security-Policy"])
    assert admin != public
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == ["'self'"]
    assert admin["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (datetime.date(2021, 6, 7), "vi", "Thứ Hai, 07/06/2021"),
        (datetime.date(2021, 6, 7), "en", "Monday, 7 June 2021"),
        (datetime.date(2021, 6, 13), "vi", "Chủ Nhật, 13/06/2021"),
        (datetime.date(2021, 6, 13), "en", "Sunday, 13 June 2021"),
        (datetime.date(2024, 12, 31), "vi", "Thứ Ba, 31/12/2024"),
    ],
)
def test_long_date(day, language, expected):
    assert long_date(day, language) == expected


def test_long_date_of_an_aware_datetime_uses_vietnam_time():
    # 23:30 UTC on Sunday 6 June is already Monday 7 June in Hồ Chí Minh City (UTC+7).
    moment = datetime.datetime(2021, 6, 6, 23, 30, tzinfo=datetime.UTC)

    assert long_date(moment, "vi") == "Thứ Hai, 07/06/2021"
    assert short_date(moment) == "07/06/2021"


@time_machine.travel(
    datetime.datetime(2021, 6, 7, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")),
    tick=False,
)
@pytest.mark.parametrize(
    ("url", "expected"), [("/vi/", "Thứ Hai, 07/06/2021"), ("/en/", "Monday, 7 June 2021")]
)
def test_every_page_shows_todays_date_in_its_language(client, demo, url, expected):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")

    assert expected in soup.get_text(" ")
