"""Helpers for tests of the PDFs the system issues (importable by every app's tests).

    from congso.core.testing import decode_qr_codes, pdf_fonts, pdf_text

    assert "GIẤY TIẾP NHẬN HỒ SƠ" in pdf_text(pdf)
    assert decode_qr_codes(pdf) == [status_url]

They read what a reader of the paper gets: the text a PDF viewer extracts (which is right
only when the fonts carry a Unicode mapping, so Vietnamese that extracts intact proves the
font is a Unicode one), the fonts embedded in the file, and the QR codes a camera finds on
the printed page. They use dev dependencies only (pypdf, pypdfium2, zxing-cpp, all wheels
from PyPI, no system package): never import this module from application code.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

# Subset fonts are named "ABCDEF+NotoSerif-Bold" (PDF 32000-1, 9.6.4).
_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _reader(pdf_bytes: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf_bytes))


def pdf_text(pdf_bytes: bytes) -> str:
    """The text of every page, in NFC, with each run of whitespace (line breaks included)
    made one space: `"SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in pdf_text(pdf)` holds even where the
    name wraps."""
    pages = [page.extract_text() or "" for page in _reader(pdf_bytes).pages]
    return " ".join(unicodedata.normalize("NFC", "\n".join(pages)).split())


def pdf_page_texts(pdf_bytes: bytes) -> list[str]:
    """`pdf_text` page by page."""
    return [
        " ".join(unicodedata.normalize("NFC", page.extract_text() or "").split())
        for page in _reader(pdf_bytes).pages
    ]


def _fonts_of(resources, seen: set[int]):
    """Yield the font dictionaries of a resource dictionary and of the form XObjects it
    uses (WeasyPrint draws SVG images and some boxes as XObjects), each once."""
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                yield font
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
                seen.add(id(xobject))
                yield from _fonts_of(xobject.get("/Resources"), seen)


def _font_program(font):
    """The embedded font program (FontFile, FontFile2 or FontFile3 stream) of a font
    dictionary, or None when the font is not embedded."""
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and font.get("/Subtype") == "/Type0":
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant.get("/FontDescriptor")
    if descriptor is None:
        return None
    descriptor = descriptor.get_object()
    for key in _FONT_FILES:
        if key in descriptor:
            return descriptor[key].get_object()
    return None


def _program_name(program) -> str | None:
    """The PostScript name in the embedded program's `name` table ("NotoSerif-Bold")."""
    from fontTools.ttLib import TTFont

    try:
        name = TTFont(io.BytesIO(program.get_data()))["name"].getDebugName(6)
    except Exception:  # Type 1 or bare CFF programs, or a subset without a name table.
        return None
    return name or None


def _pdf_font_dicts(pdf_bytes: bytes):
    seen: set[int] = set()
    for page in _reader(pdf_bytes).pages:
        yield from _fonts_of(page.get("/Resources"), seen)


def _base_name(font) -> str:
    return _SUBSET_TAG.sub("", str(font.get("/BaseFont", "")).lstrip("/"))


def pdf_fonts(pdf_bytes: bytes) -> set[str]:
    """The fonts embedded in the PDF, each named by the PostScript name inside the
    embedded font program ({"NotoSerif-Regular", "NotoSerif-Bold", "NotoSans-Regular",
    …}): the face the file actually carries, whatever the CSS called it."""
    names: set[str] = set()
    for font in _pdf_font_dicts(pdf_bytes):
        program = _font_program(font)
        if program is not None:
            names.add(_program_name(program) or _base_name(font))
    return names


def pdf_unembedded_fonts(pdf_bytes: bytes) -> set[str]:
    """The fonts the pages use without embedding them (by the PDF's name for them): a
    reader's viewer replaces each with whatever its machine has, which may lack the
    Vietnamese letters. Empty for a document made by render_pdf."""
    return {_base_name(font) for font in _pdf_font_dicts(pdf_bytes) if not _font_program(font)}


@dataclass(frozen=True)
class FoundQRCode:
    """A QR code found on a rendered page: its text, page (1-based), error correction
    level ("L", "M", "Q", "H") and the width of the symbol (quiet zone excluded) in mm."""

    text: str
    page: int
    error_correction: str
    width_mm: float


def find_qr_codes(pdf_bytes: bytes, *, dpi: int = 200) -> list[FoundQRCode]:
    """Every QR code on the PDF's pages, page by page, as a camera would see them.

    The page is rasterised (pdfium, at `dpi`) and the image decoded (zxing-cpp), rather
    than the QR's data read from the HTML or the PDF's objects: that proves the code is
    actually drawn on the page, large and sharp enough, with its quiet zone clear of other
    ink, i.e. that the printed paper scans. 200 dpi is a modest office scanner.
    """
    import pypdfium2
    import zxingcpp

    found: list[FoundQRCode] = []
    document = pypdfium2.PdfDocument(pdf_bytes)
    try:
        for number, page in enumerate(document, start=1):
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
                position = result.position
                width_px = max(
                    abs(position.top_right.x - position.top_left.x),
                    abs(position.bottom_right.x - position.bottom_left.x),
                )
                found.append(
                    FoundQRCode(
                        text=result.text,
                        page=number,
                        error_correction=result.ec_level,
                        width_mm=round(width_px / dpi * 25.4, 1),
                    )
                )
    finally:
        document.close()
    return found


def decode_qr_codes(pdf_bytes: bytes) -> list[str]:
    """The text of every QR code printed on the PDF's pages, in page order (see
    find_qr_codes)."""
    return [code.text for code in find_qr_codes(pdf_bytes)]
