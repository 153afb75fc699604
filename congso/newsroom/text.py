"""Small text helpers of the newsroom."""

from django.utils.text import slugify

# đ/Đ are letters of their own, not d plus a mark: Django's slugify would drop them.
_D = str.maketrans({"đ": "d", "Đ": "D"})


def vi_slugify(text: str, *, max_length: int = 80) -> str:
    """An ASCII slug of Vietnamese text: "Chuyển đổi số" → "chuyen-doi-so".

    Cut at `max_length` on a word boundary when possible; never ends with a hyphen.
    """
    slug = slugify(text.translate(_D))
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_length // 2 :] else cut
    return slug.strip("-")


def vi_number(value: int, language: str) -> str:
    """An integer with thousands separators: "3.028" in Vietnamese, "3,028" in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if language == "vi" else text
