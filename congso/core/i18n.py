"""Bilingual model fields: `name_vi` / `name_en` columns read through one attribute.

Reference data (agencies, units, mandate…) is kept in both languages on the same row, so a
record and its translation can never drift apart. Wagtail pages use Wagtail's own
per-locale copies instead.
"""

from django.conf import settings
from django.utils.translation import get_language

CONTENT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def current_language() -> str:
    """The active language code reduced to one we hold content in ("vi" or "en")."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in CONTENT_LANGUAGES else settings.LANGUAGE_CODE


class TranslatedField:
    """Descriptor: `name = TranslatedField()` returns `name_<active language>`.

    Falls back to the Vietnamese text when the English one is empty: Vietnamese is the
    language of record.
    """

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = getattr(obj, f"{self.name}_{current_language()}", "")
        return value or getattr(obj, f"{self.name}_{settings.LANGUAGE_CODE}")

    def in_language(self, obj, language: str):
        return getattr(obj, f"{self.name}_{language}")
