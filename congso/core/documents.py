"""The PDFs the system issues: rendering, fonts, QR codes.

Every paper the department issues (receipt slips, supplement requests, letters, licence
certificates, royalty sheets) is an HTML template extending
`documents/base_document.html` (the layout of Decree 30/2020/NĐ-CP, Appendix I), turned
into an A4 PDF by `render_pdf`. What this module guarantees:

- Fonts are embedded: the serif face of the document (Noto Serif, else DejaVu Serif, found
  in the system's font directories) and the app's own Noto Sans (congso/static/fonts),
  declared with @font-face under private family names so that no other face on the
  machine can stand in for them. Both carry every Vietnamese letter.
- Nothing is fetched from the network: the URL fetcher serves `data:` URIs, files under the
  static directories that `collectstatic` reads, and the font files above; any other URL
  (http, https, ftp, a file elsewhere on disk) makes the render fail with
  `DocumentResourceError`, so a template cannot leak a request or a local file into an
  official paper, and a missing logo cannot silently drop out of one.
- QR codes (`qr_svg`, `qr_data_uri`) use error correction M and a 4-module quiet zone, and
  are drawn at least 25 mm wide (the symbol itself, quiet zone excluded), large enough to
  scan from paper.

Document numbers are not made here: numbering belongs to each domain.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from congso.organization.models import Agency

APP_FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
# Relative URLs in a document template (<img src="img/emblem.svg">) resolve against the
# project's static directory unless the caller gives another base_url.
DEFAULT_BASE_DIR = Path(__file__).resolve().parent.parent / "static"

# Where the serif faces are looked for; a deployment can set CONGSO_DOCUMENT_FONT_DIRS.
DEFAULT_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts")

# Decree 30/2020 (Appendix I) prescribes Times New Roman. It is not free software and
# is not packaged by Debian; Noto Serif (fonts-noto-core) is the closest free face with
# full Vietnamese coverage, DejaVu Serif (fonts-dejavu-core) the fallback. Files per
# (style, weight); regular and bold are required, the italics are used when present
# (without them the renderer slants the regular face).
SERIF_CANDIDATES: tuple[tuple[str, dict[tuple[str, int], str]], ...] = (
    (
        "Noto Serif",
        {
            ("normal", 400): "NotoSerif-Regular.ttf",
            ("normal", 700): "NotoSerif-Bold.ttf",
            ("italic", 400): "NotoSerif-Italic.ttf",
            ("italic", 700): "NotoSerif-BoldItalic.ttf",
        },
    ),
    (
        "DejaVu Serif",
        {
            ("normal", 400): "DejaVuSerif.ttf",
            ("normal", 700): "DejaVuSerif-Bold.ttf",
            ("italic", 400): "DejaVuSerif-Italic.ttf",
            ("italic", 700): "DejaVuSerif-BoldItalic.ttf",
        },
    ),
)
REQUIRED_FACES = (("normal", 400), ("normal", 700))

# The app's own sans face (the one the public site serves), for tables and small print.
SANS_FACES = {
    ("normal", 400): APP_FONT_DIR / "NotoSans-Regular.woff2",
    ("normal", 700): APP_FONT_DIR / "NotoSans-Bold.woff2",
    ("italic", 400): APP_FONT_DIR / "NotoSans-Italic.woff2",
}

# The family names document.css uses. Private names: a face installed on the machine under
# the same public name can never be picked instead of the file declared here.
SERIF_FAMILY = "Congso Document Serif"
SANS_FAMILY = "Congso Document Sans"

# QR codes on paper: error correction M (15 % of the symbol can be lost), the 4-module
# quiet zone ISO/IEC 18004 asks for, and a symbol at least 25 mm wide with modules of at
# least 0.5 mm, which phone cameras read from arm's length.
QR_ERROR = "m"
QR_BORDER = 4
QR_MIN_SYMBOL_MM = 25.0
QR_MIN_MODULE_MM = 0.5


class DocumentError(Exception):
    """A document could not be rendered."""


class DocumentFontMissing(DocumentError, ImproperlyConfigured):
    """No serif face for documents is installed."""


class DocumentResourceError(DocumentError):
    """A document template refers to a resource the renderer refuses (the network, a file
    outside the static directories) or that does not exist."""


# --- The issuer and the signer, as printed --------------------------------------------------


@dataclass(frozen=True)
class Issuer:
    """The issuing agency as printed in the header (Decree 30/2020, Appendix I): the
    superior body, if any, above the agency's name. The record that issues a paper keeps
    these strings: a later rename never rewrites an issued paper (LEGAL.md §1).

    `place` is the place name of the date line ("Bình Dương, ngày …"): for a provincial
    department, the province.
    """

    name: str
    superior: str = ""
    place: str = ""

    @classmethod
    def from_agency(cls, agency: Agency, *, place: str) -> Issuer:
        """The agency's names as in force now. Under a superior body the agency prints its
        short name ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG" under "UBND TỈNH BÌNH DƯƠNG"); alone,
        its full name."""
        if agency.superior_vi:
            return cls(
                name=agency.short_name_vi or agency.name_vi,
                superior=abbreviate_superior(agency.superior_vi),
                place=place,
            )
        return cls(name=agency.name_vi, place=place)


# Decree 30/2020, Appendix I: in the name of the superior body, the common phrases "Ủy ban
# nhân dân" and "Hội đồng nhân dân" may be abbreviated UBND and HĐND. Done, because the
# full phrase does not fit on one line of the header's left column.
_SUPERIOR_ABBREVIATIONS = (
    (re.compile(r"^(ủy|uỷ) ban nhân dân\b", re.IGNORECASE), "UBND"),
    (re.compile(r"^hội đồng nhân dân\b", re.IGNORECASE), "HĐND"),
)


def abbreviate_superior(name: str) -> str:
    """ "Ủy ban nhân dân tỉnh Bình Dương" → "UBND tỉnh Bình Dương"; other names as given."""
    name = unicodedata.normalize("NFC", name.strip())
    for pattern, abbreviation in _SUPERIOR_ABBREVIATIONS:
        name = pattern.sub(abbreviation, name, count=1)
    return name


@dataclass(frozen=True)
class Signer:
    """The signature block (Decree 30/2020, Appendix I): `authority` is the capacity
    in which a deputy signs ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"), empty when the head
    signs in person; `position` the signer's own position ("PHÓ GIÁM ĐỐC"); `name` the
    signer's full name."""

    position: str
    name: str
    authority: str = ""


# --- Fonts -------------------------------------------------------------------------------


def _font_dirs() -> tuple[str, ...]:
    return tuple(str(d) for d in getattr(settings, "CONGSO_DOCUMENT_FONT_DIRS", DEFAULT_FONT_DIRS))


@lru_cache(maxsize=8)
def _serif_faces(font_dirs: tuple[str, ...]) -> tuple[str, dict[tuple[str, int], Path]]:
    """The first serif family of SERIF_CANDIDATES whose regular and bold files exist under
    `font_dirs`, with the file of each face found."""
    by_name: dict[str, Path] = {}
    wanted = {file for _family, faces in SERIF_CANDIDATES for file in faces.values()}
    for directory in font_dirs:
        root = Path(directory)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.ttf")):
            if path.name in wanted and path.name not in by_name:
                by_name[path.name] = path.resolve()
    for family, faces in SERIF_CANDIDATES:
        found = {face: by_name[file] for face, file in faces.items() if file in by_name}
        if all(face in found for face in REQUIRED_FACES):
            return family, found
    raise DocumentFontMissing(
        "No serif font for documents: install Debian's fonts-noto-core (Noto Serif) or "
        "fonts-dejavu-core (DejaVu Serif). Looked for "
        + ", ".join(faces[("normal", 400)] for _family, faces in SERIF_CANDIDATES)
        + " under "
        + ", ".join(font_dirs)
        + " (setting CONGSO_DOCUMENT_FONT_DIRS)."
    )


def document_fonts() -> dict[str, dict[tuple[str, int], Path]]:
    """The font files documents embed: {css family: {(style, weight): path}}. Raises
    DocumentFontMissing when no serif face is installed."""
    _family, serif = _serif_faces(_font_dirs())
    return {SERIF_FAMILY: serif, SANS_FAMILY: dict(SANS_FACES)}


def serif_family_name() -> str:
    """The serif family documents are set in on this machine ("Noto Serif" or "DejaVu
    Serif")."""
    return _serif_faces(_font_dirs())[0]


def font_face_css() -> str:
    """@font-face rules for every face of `document_fonts()`, as file:// URLs."""
    rules = []
    for family, faces in document_fonts().items():
        for (style, weight), path in sorted(faces.items()):
            rules.append(
                "@font-face { "
                f'font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
                f'src: url("{path.as_uri()}"); '
                "}"
            )
    return "\n".join(rules)


# --- No network: the URL fetcher ---------------------------------------------------------


def static_roots() -> list[Path]:
    """The directories the static files finders read (the project's and each app's
    `static/`): the only directories a document may load files from."""
    roots: list[Path] = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location).resolve())
    return roots


def static_file_uri(path: str) -> str:
    """The file:// URI of a static file ("documents/document.css"), found the way
    `collectstatic` finds it. Raises DocumentResourceError when there is none."""
    found = finders.find(path)
    if not found:
        raise DocumentResourceError(f"Static file not found for a document: {path}")
    return Path(found).resolve().as_uri()


@lru_cache(maxsize=8)
def _woff2_as_sfnt(path: Path, mtime_ns: int, size: int) -> bytes:
    """The TrueType data of a WOFF2 font file (cached per file version)."""
    from fontTools.ttLib import woff2

    out = io.BytesIO()
    with path.open("rb") as font:
        woff2.decompress(font, out)
    return out.getvalue()


def _url_fetcher_class():
    # WeasyPrint is imported when a document is rendered, not when Django starts.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalURLFetcher(URLFetcher):
        """WeasyPrint's fetcher restricted to data: URIs, files under `roots` and the
        files in `files`. Every refused URL is kept in `refused`."""

        def __init__(self, *, roots: list[Path], files: set[Path]):
            # fail_on_errors: a refused or missing resource stops the render instead of
            # being dropped from the paper with a log line.
            super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True)
            self.roots = roots
            self.files = files
            self.refused: list[str] = []

        def allows(self, url: str) -> bool:
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return True
            if scheme != "file" or parts.netloc not in ("", "localhost"):
                return False
            path = Path(url2pathname(parts.path)).resolve()
            return path in self.files or any(path.is_relative_to(root) for root in self.roots)

        def fetch(self, url, headers=None):
            if not self.allows(url):
                self.refused.append(url)
                raise DocumentResourceError(
                    f"Refused {url}: documents load only data: URIs and static files"
                )
            path = Path(url2pathname(urlsplit(url).path))
            if path.suffix == ".woff2" and path.resolve() in self.files:
                # WeasyPrint would decompress the app's WOFF2 fonts on every render
                # (three quarters of its time): hand it the TrueType data, kept per process.
                stat = path.stat()
                return URLFetcherResponse(
                    url, _woff2_as_sfnt(path.resolve(), stat.st_mtime_ns, stat.st_size)
                )
            return super().fetch(url, headers)

    return LocalURLFetcher


def document_url_fetcher():
    """A WeasyPrint URL fetcher that serves data: URIs, static files and the document
    fonts, and refuses everything else (raising DocumentResourceError, which stops the
    render)."""
    fonts = {path for faces in document_fonts().values() for path in faces.values()}
    return _url_fetcher_class()(roots=static_roots(), files={p.resolve() for p in fonts})


# --- Rendering ---------------------------------------------------------------------------


def render_pdf(template_name: str, context: dict, *, base_url: str | None = None) -> bytes:
    """Render a document template (one extending `documents/base_document.html`) to an A4
    PDF and return its bytes.

    Guarantees: the template is rendered with Vietnamese active, whatever the request's
    language (an administrative document is written in Vietnamese); fonts
    are embedded; no resource outside the static directories is read and nothing is
    fetched from the network. Relative URLs resolve against `base_url`, by default the
    project's static directory.

    Raises DocumentFontMissing when no serif face is installed, DocumentResourceError when
    the template refers to a refused or missing resource.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    with translation.override("vi"):
        html = render_to_string(template_name, context)
    fetcher = document_url_fetcher()
    font_config = FontConfiguration()
    try:
        fonts = CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher)
        document = HTML(
            string=html,
            base_url=base_url or DEFAULT_BASE_DIR.as_uri() + "/",
            url_fetcher=fetcher,
        )
        return document.write_pdf(stylesheets=[fonts], font_config=font_config)
    except FatalURLFetchingError as error:
        # WeasyPrint wraps the fetcher's exception in a BaseException subclass.
        cause = error.__cause__
        if isinstance(cause, DocumentResourceError):
            raise cause from None
        raise DocumentResourceError(f"{error}: {cause}") from cause


# --- QR codes ----------------------------------------------------------------------------


def _qr(data: str) -> tuple[segno.QRCode, float]:
    """The QR code of `data` and its module size in millimetres."""
    if not data:
        raise ValueError("A QR code needs data")
    # boost_error=False: the level is M as specified, not whatever fits for free.
    code = segno.make(data, error=QR_ERROR, boost_error=False, micro=False)
    modules = code.symbol_size(scale=1, border=0)[0]
    module_mm = max(QR_MIN_MODULE_MM, math.ceil(QR_MIN_SYMBOL_MM / modules * 100) / 100)
    return code, module_mm


def qr_svg(data: str) -> str:
    """An inline <svg> of the QR code of `data` (error correction M, quiet zone of 4
    modules), sized in millimetres: the symbol is at least 25 mm wide. Raises ValueError
    for empty data."""
    code, module_mm = _qr(data)
    return code.svg_inline(scale=module_mm, border=QR_BORDER, unit="mm", dark="#000", light="#fff")


def qr_data_uri(data: str) -> str:
    """The same QR code as a data:image/svg+xml URI, for <img src>."""
    code, module_mm = _qr(data)
    return code.svg_data_uri(
        scale=module_mm, border=QR_BORDER, unit="mm", dark="#000", light="#fff"
    )


def qr_width_mm(data: str) -> float:
    """The printed width of the QR code of `data`, quiet zone included, in millimetres."""
    code, module_mm = _qr(data)
    return code.symbol_size(scale=1, border=QR_BORDER)[0] * module_mm
