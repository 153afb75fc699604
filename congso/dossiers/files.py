"""Dossier files: private storage, checks by content, and the writes that keep a dossier
whole.

Storage. Every file an applicant hands in (and every paper the department issues about a
dossier) lives under `CONGSO_PRIVATE_MEDIA_ROOT` (default `var/private`), outside the web
root and outside MEDIA_ROOT: `PrivateStorage` has no URL, so the only way to read a file
is a view that checks who is asking (views_admin.document_file, views_tracking).

Checks. A file is accepted when its *content* is PDF, JPEG, PNG or DOCX (the name and the
browser's content type are ignored), it is not empty, it is no larger than
`CONGSO_DOSSIER_MAX_FILE_SIZE` (10 MB), and the dossier's files together stay within
`CONGSO_DOSSIER_MAX_TOTAL_SIZE` (50 MB). A program (Windows "MZ", Linux "ELF", Mach-O, a
script) renamed to .pdf is refused by name as a program. Every message says what to do.

Whole or nothing. Files are written to their final place *before* the transaction that
inserts the rows referring to them (`store`), each under the dossier's own directory
`dossiers/<dossier uuid>/`. If the transaction rolls back or the process dies, the files
are left without rows: `dossiers_cleanup` removes such orphans once they are a day old.
So a dossier row never exists without its files, and a half-written dossier never shows.
Draft uploads of the online form wait under `drafts/<draft id>/` until submission.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.utils.formats import number_format
from django.utils.translation import gettext

from congso.core.errors import ApplicationError

from . import conf

DOSSIERS_DIR = "dossiers"
DRAFTS_DIR = "drafts"
CHUNK = 64 * 1024


class PrivateStorage(FileSystemStorage):
    """Files under `CONGSO_PRIVATE_MEDIA_ROOT`, read from the setting on every use (tests
    point it at a temporary directory). It has no URL: `url()` raises."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(conf.private_media_root())

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL: serve them through a checking view.")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of every dossier file (a callable, so migrations name it, not a path)."""
    return _storage


def absolute_path(name: str) -> Path:
    """The file's path on disk, from its name in the private storage."""
    return Path(_storage.path(name))


# --- What a file is ----------------------------------------------------------------------


@dataclass(frozen=True)
class FileType:
    key: str
    content_type: str
    extension: str
    label: str


PDF = FileType("pdf", "application/pdf", ".pdf", "PDF")
JPEG = FileType("jpeg", "image/jpeg", ".jpg", "JPEG")
PNG = FileType("png", "image/png", ".png", "PNG")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    "DOCX",
)
ACCEPTED = (PDF, JPEG, PNG, DOCX)
# Previewed inline in the back office (an <iframe> or <img>); DOCX is downloaded.
INLINE_TYPES = {PDF.content_type, JPEG.content_type, PNG.content_type}

# Programs, by their first bytes: Windows PE ("MZ"), ELF, Mach-O (both byte orders, fat
# binaries), and scripts ("#!").
_PROGRAM_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",
)


def _is_docx(fileobj) -> bool:
    """A DOCX is a ZIP holding [Content_Types].xml and word/document.xml (ECMA-376).
    Only the ZIP's directory is read; nothing is extracted."""
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        fileobj.seek(0)
    return "[Content_Types].xml" in names and "word/document.xml" in names


def detect_type(fileobj) -> FileType | None:
    """The accepted type the content of `fileobj` is (read from its start), or None."""
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04") and _is_docx(fileobj):
        return DOCX
    return None


def is_program(fileobj) -> bool:
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    return any(head.startswith(magic) for magic in _PROGRAM_MAGIC)


def human_size(size: int) -> str:
    """ "1,2 MB" / "1.2 MB", "350 KB", "12 bytes" in the active language."""
    if size >= conf.MB:
        return f"{number_format(round(size / conf.MB, 1), 1)} MB"
    if size >= 1024:
        return f"{number_format(max(1, round(size / 1024)), 0)} KB"
    return gettext("%(count)s bytes") % {"count": size}


def clean_filename(name: str) -> str:
    """The file's own name as shown back to people: no directory, no control characters,
    NFC, at most 200 characters (keeping the extension)."""
    name = unicodedata.normalize("NFC", os.path.basename(str(name or "").replace("\\", "/")))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > 200:
        stem, ext = os.path.splitext(name)
        name = stem[: 200 - len(ext)] + ext
    return name or gettext("file")


# --- Checking an upload -------------------------------------------------------------------


@dataclass
class CheckedFile:
    """An upload that passed every check, with what is known of it."""

    name: str
    file_type: FileType
    size: int
    sha256: str
    source: object  # the UploadedFile (or any binary file object)

    @property
    def content_type(self) -> str:
        return self.file_type.content_type


def accepted_types_text() -> str:
    return ", ".join(t.label for t in ACCEPTED)


def check_upload(upload, *, field: str | None = None) -> CheckedFile:
    """Check one uploaded file by its content and size. Returns a CheckedFile; raises
    ApplicationError (with `field`) saying what is wrong and how to fix it. Reads the
    file once (for its SHA-256); writes nothing."""
    name = clean_filename(getattr(upload, "name", ""))
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, os.SEEK_END)
        size = upload.tell()
        upload.seek(0)
    if size == 0:
        raise ApplicationError(
            gettext(
                "“%(name)s” is empty (0 bytes). Choose the file again: it may not have "
                "been saved properly."
            )
            % {"name": name},
            field=field,
        )
    limit = conf.max_file_size()
    if size > limit:
        raise ApplicationError(
            gettext(
                "“%(name)s” is %(size)s; a file can be at most %(limit)s. Make it smaller "
                "(for example, scan at a lower resolution) and upload it again."
            )
            % {"name": name, "size": human_size(size), "limit": human_size(limit)},
            field=field,
        )
    if is_program(upload):
        raise ApplicationError(
            gettext(
                "“%(name)s” is a program, not a document. Upload the document as a PDF, "
                "JPEG, PNG or DOCX file."
            )
            % {"name": name},
            field=field,
        )
    file_type = detect_type(upload)
    if file_type is None:
        raise ApplicationError(
            gettext(
                "“%(name)s” is not a PDF, JPEG, PNG or DOCX file. Save or scan the document "
                "in one of these formats and upload it again."
            )
            % {"name": name},
            field=field,
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(CHUNK), b""):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        name=name, file_type=file_type, size=size, sha256=digest.hexdigest(), source=upload
    )


def check_total(sizes: list[int], *, field: str | None = None) -> None:
    """Refuse (ApplicationError) when files of these sizes together pass the per-dossier
    limit."""
    total, limit = sum(sizes), conf.max_dossier_size()
    if total > limit:
        raise ApplicationError(
            gettext(
                "Together the files of this application come to %(size)s; the limit is "
                "%(limit)s. Remove a file or make some smaller."
            )
            % {"size": human_size(total), "limit": human_size(limit)},
            field=field,
        )


# --- Writing ---------------------------------------------------------------------------------


def _write(source, target: Path) -> None:
    """Write `source` (a binary file object) to `target` durably: a temporary name in the
    same directory, fsync, then an atomic rename."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    source.seek(0)
    with open(temporary, "wb") as out:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(temporary, 0o640)
    os.replace(temporary, target)
    source.seek(0)


def dossier_dir(dossier_uuid) -> str:
    return f"{DOSSIERS_DIR}/{dossier_uuid}"


def store(checked: CheckedFile, *, directory: str) -> str:
    """Write a checked file under `directory` of the private storage with a new random
    name and its type's extension; return its storage name. Call it BEFORE the
    transaction that inserts the row referring to it (see the module docstring)."""
    name = f"{directory}/{uuid.uuid4().hex}{checked.file_type.extension}"
    _write(checked.source, absolute_path(name))
    return name


def store_bytes(data: bytes, *, directory: str, extension: str) -> str:
    """Write bytes (a rendered PDF) under `directory`; return the storage name."""
    import io

    name = f"{directory}/{uuid.uuid4().hex}{extension}"
    _write(io.BytesIO(data), absolute_path(name))
    return name


def copy_into(name: str, *, directory: str) -> str:
    """Copy a stored file (a draft upload) under `directory` with a new name; return the
    new name. A hard link when the file system allows, else a durable copy. The source
    stays, so a failed submission can be retried."""
    source = absolute_path(name)
    target_name = f"{directory}/{uuid.uuid4().hex}{source.suffix}"
    target = absolute_path(target_name)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    try:
        os.link(source, target)
    except OSError:
        with open(source, "rb") as handle:
            _write(handle, target)
    return target_name


def exists(name: str) -> bool:
    return bool(name) and absolute_path(name).is_file()


def delete(name: str) -> None:
    """Remove a stored file (no error when it is already gone)."""
    if name:
        absolute_path(name).unlink(missing_ok=True)


def delete_tree(directory: str) -> None:
    path = absolute_path(directory)
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


# --- Orphans ----------------------------------------------------------------------------------


@dataclass
class CleanupReport:
    drafts: int = 0
    directories: int = 0
    files: int = 0


def cleanup_orphans(
    *, older_than_seconds: int | None = None, now: float | None = None
) -> CleanupReport:
    """Remove what no row refers to, once older than `older_than_seconds` (default
    `CONGSO_DOSSIER_ORPHAN_SECONDS`, a day): draft upload directories, dossier directories
    whose dossier was never committed, and files in a dossier's directory that no document
    row names (a rolled-back supplement). Younger files are left alone: their transaction
    may still be running. Returns the counts removed."""
    from .models import Dossier, DossierDocument, IssuedDocument

    age = conf.orphan_age_seconds() if older_than_seconds is None else older_than_seconds
    cutoff = (now if now is not None else time.time()) - age
    report = CleanupReport()
    root = conf.private_media_root()

    drafts = root / DRAFTS_DIR
    if drafts.is_dir():
        for entry in drafts.iterdir():
            if entry.is_dir() and _newest_mtime(entry) < cutoff:
                shutil.rmtree(entry, ignore_errors=True)
                report.drafts += 1

    dossiers = root / DOSSIERS_DIR
    if dossiers.is_dir():
        known = {str(u) for u in Dossier.objects.values_list("uuid", flat=True)}
        referenced = set(
            DossierDocument.objects.exclude(file="").values_list("file", flat=True)
        ) | set(IssuedDocument.objects.exclude(file="").values_list("file", flat=True))
        for entry in dossiers.iterdir():
            if not entry.is_dir():
                continue
            if entry.name not in known:
                if _newest_mtime(entry) < cutoff:
                    shutil.rmtree(entry, ignore_errors=True)
                    report.directories += 1
                continue
            for path in entry.rglob("*"):
                if not path.is_file():
                    continue
                name = path.relative_to(root).as_posix()
                if name not in referenced and path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
                    report.files += 1
    return report


def _newest_mtime(directory: Path) -> float:
    newest = directory.stat().st_mtime
    for path in directory.rglob("*"):
        newest = max(newest, path.stat().st_mtime)
    return newest
