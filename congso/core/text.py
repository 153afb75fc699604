"""Text helpers for Vietnamese: folding for accent-insensitive matching."""

import re
import unicodedata

# đ/Đ are letters of their own, not d plus a combining mark: NFD leaves them whole.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")
# A word: letters and digits, possibly joined by dots or hyphens (1.009374, BD-STTTT-01).
_WORD = re.compile(r"[0-9a-z]+(?:[.\-][0-9a-z]+)*")


def fold(text: str) -> str:
    """Lower-case `text` without diacritics, whitespace collapsed: "Giấy phép Đăng ký" →
    "giay phep dang ky".

    Decomposes to NFD, drops every combining mark (tones and vowel marks alike), maps đ/Đ to
    d, then lower-cases. Used on both sides of a search, so a reader who types without
    accents ("giay phep"), with them, or in capitals finds the same rows. Pure; never raises
    for a str.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", stripped)).strip().lower()


def fold_words(text: str) -> list[str]:
    """The folded words of `text`, in order, without repeats; punctuation separates words
    but dots and hyphens inside one are kept: "Giấy  phép (GIẤY) 1.009374" →
    ["giay", "phep", "1.009374"]."""
    return list(dict.fromkeys(_WORD.findall(fold(text))))
