"""The dossier app's settings, each with its default (config/settings/base.py may set them
from the environment; `.env.example` lists the variables)."""

from pathlib import Path

from django.conf import settings

MB = 1024 * 1024


def private_media_root() -> Path:
    """Where dossier files live: outside the web root, never served by URL
    (CONGSO_PRIVATE_MEDIA_ROOT, default var/private)."""
    return Path(
        getattr(settings, "CONGSO_PRIVATE_MEDIA_ROOT", Path(settings.BASE_DIR) / "var" / "private")
    )


def max_file_size() -> int:
    """Largest accepted upload, in bytes (CONGSO_DOSSIER_MAX_FILE_SIZE, default 10 MB)."""
    return int(getattr(settings, "CONGSO_DOSSIER_MAX_FILE_SIZE", 10 * MB))


def max_dossier_size() -> int:
    """Largest total of one dossier's files, in bytes (CONGSO_DOSSIER_MAX_TOTAL_SIZE,
    default 50 MB)."""
    return int(getattr(settings, "CONGSO_DOSSIER_MAX_TOTAL_SIZE", 50 * MB))


def tracking_rate_limit() -> tuple[int, int]:
    """(look-ups, seconds) allowed per client address on the public tracking page and API
    (CONGSO_TRACKING_RATE_LIMIT, default 10 per 60 seconds)."""
    value = getattr(settings, "CONGSO_TRACKING_RATE_LIMIT", (10, 60))
    return int(value[0]), int(value[1])


def tracking_memory_seconds() -> int:
    """How long a successful look-up is remembered in the visitor's session, so that the
    supplement upload does not ask again (CONGSO_TRACKING_SESSION_SECONDS, default 30 min)."""
    return int(getattr(settings, "CONGSO_TRACKING_SESSION_SECONDS", 30 * 60))


def orphan_age_seconds() -> int:
    """Files older than this that no row refers to are removed by `dossiers_cleanup`
    (CONGSO_DOSSIER_ORPHAN_SECONDS, default one day)."""
    return int(getattr(settings, "CONGSO_DOSSIER_ORPHAN_SECONDS", 24 * 60 * 60))


def base_url() -> str:
    """The site's absolute address, for links in emails, PDFs and QR codes."""
    return str(getattr(settings, "CONGSO_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
