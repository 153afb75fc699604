"""How much of the staff-facing text is translated: `manage.py translation_coverage`.

Staff work in the Wagtail admin in Vietnamese, but Wagtail's own Vietnamese catalogues cover
only part of its English messages; `locale_admin/` completes them and `locale/` holds the
project's own messages. This command measures what a staff member actually gets: for each
Wagtail package, it takes every msgid of the package's English catalogue (the complete list
of its messages) and asks Django, with the language active, for its translation. A message
counts as translated when the answer differs from the English text, or, for messages whose
correct translation is the same text ("Email", "URL", "ID"), when a compiled catalogue holds
it. Our own apps are measured against the project catalogue, `locale/vi/.../django.po`.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import wagtail
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import trans_real
from django.views.i18n import JavaScriptCatalog

# The Wagtail apps whose screens staff see, as paths inside the wagtail package ("" is
# wagtail core, whose catalogue also covers contrib apps without one of their own).
WAGTAIL_PACKAGES = (
    "",
    "admin",
    "snippets",
    "users",
    "images",
    "documents",
    "locales",
    "contrib/simple_translation",
    "contrib/settings",
    "contrib/redirects",
    "contrib/forms",
    "sites",
    "embeds",
    "search",
    "contrib/table_block",
    "contrib/typed_table_block",
)
# Packages whose JavaScript catalogue is served to the admin (wagtail.admin's jsi18n view).
WAGTAIL_JS_PACKAGES = ("admin",)

WAGTAIL_DIR = Path(wagtail.__file__).resolve().parent
CONTEXT_SEPARATOR = "\x04"  # gettext joins msgctxt and msgid with EOT in compiled catalogues


@dataclass(frozen=True)
class Message:
    """One catalogue entry: its msgid, plural msgid and context."""

    msgid: str
    plural: str | None = None
    context: str | None = None
    occurrences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """Translated and total message counts for one catalogue."""

    name: str
    translated: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


_PO_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def read_po(path: Path) -> list[Message]:
    """The live (non-obsolete) entries of a .po file, header excluded.

    A small reader so the project needs no .po library: it handles contexts, plurals and
    continuation lines, which is all that gettext's own tools write.
    """
    messages: list[Message] = []
    fields: dict[str, str] = {}
    occurrences: list[str] = []
    current: str | None = None

    def flush() -> None:
        if "msgid" in fields and fields["msgid"] != "":
            messages.append(
                Message(
                    msgid=fields["msgid"],
                    plural=fields.get("msgid_plural"),
                    context=fields.get("msgctxt"),
                    occurrences=tuple(occurrences),
                )
            )
        fields.clear()
        occurrences.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current is not None and current.startswith("msgstr"):
                flush()
                current = None
            if line.startswith("#:"):
                occurrences.extend(ref.rsplit(":", 1)[0] for ref in line[2:].split())
            continue
        if line.startswith('"') and current is not None:
            fields[current] += ast.literal_eval(line)
            continue
        match = _PO_KEYWORD.match(line)
        if not match:
            raise ValueError(f"{path}: cannot read line {raw!r}")
        keyword, value = match.groups()
        if keyword in ("msgctxt", "msgid") and current is not None and current.startswith("msgstr"):
            flush()
        current = keyword
        fields[keyword] = ast.literal_eval(value)
    flush()
    return messages


def _translated(message: Message, translator, catalog) -> bool:
    """Whether `translator` (gettext-like) has a Vietnamese text for `message`.

    `catalog` is the merged compiled catalogue, consulted only when the translation is the
    same text as the English (a translation that looks like English must really exist).
    """
    if message.plural is not None:
        if message.context is not None:
            result = translator.npgettext(message.context, message.msgid, message.plural, 5)
            key = (f"{message.context}{CONTEXT_SEPARATOR}{message.msgid}", 0)
        else:
            result = translator.ngettext(message.msgid, message.plural, 5)
            key = (message.msgid, 0)
        if result != message.plural:
            return True
    else:
        if message.context is not None:
            result = translator.pgettext(message.context, message.msgid)
            key = f"{message.context}{CONTEXT_SEPARATOR}{message.msgid}"
        else:
            result = translator.gettext(message.msgid)
            key = message.msgid
        if result != message.msgid:
            return True
    return catalog is not None and key in catalog and bool(catalog[key])


def _count(name: str, messages: list[Message], translator, catalog) -> Coverage:
    done = sum(_translated(m, translator, catalog) for m in messages)
    return Coverage(name, done, len(messages))


def _english_catalogue(package: str, domain: str) -> Path:
    return WAGTAIL_DIR / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"


def wagtail_coverage(language: str) -> list[Coverage]:
    """Coverage of each Wagtail package's messages (Python, then JavaScript) in `language`."""
    rows = []
    with translation.override(language):
        # Django's own merged catalogue for the active language: what templates and views use.
        django_translation = trans_real.translation(language)
        for package in WAGTAIL_PACKAGES:
            path = _english_catalogue(package, "django")
            if not path.exists():  # a package dropped by a Wagtail upgrade
                continue
            name = "wagtail" + (f"/{package}" if package else "")
            rows.append(_count(name, read_po(path), translation, django_translation._catalog))
    # The admin's JavaScript catalogue, built exactly as its jsi18n view builds it.
    for package in WAGTAIL_JS_PACKAGES:
        app = f"wagtail.{package.replace('/', '.')}"
        paths = JavaScriptCatalog().get_paths([app])
        js_translation = trans_real.DjangoTranslation(language, domain="djangojs", localedirs=paths)
        path = _english_catalogue(package, "djangojs")
        rows.append(
            _count(
                f"wagtail/{package} (JavaScript)",
                read_po(path),
                js_translation,
                js_translation._catalog,
            )
        )
    return rows


def project_coverage(language: str) -> list[Coverage]:
    """Coverage of the project catalogue (`locale/<language>`), one row per congso app.

    An entry belongs to the app of its first source reference; entries without one are
    counted under "congso".
    """
    path = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
    if not path.exists():
        return []
    groups: dict[str, list[Message]] = {}
    for message in read_po(path):
        name = "congso"
        for ref in message.occurrences:
            parts = Path(ref).parts
            if len(parts) > 1 and parts[0] == "congso":
                name = f"congso.{parts[1]}" if len(parts) > 2 else "congso"
                break
        groups.setdefault(name, []).append(message)
    with translation.override(language):
        catalog = trans_real.translation(language)._catalog
        return [_count(name, groups[name], translation, catalog) for name in sorted(groups)]


def total(name: str, rows: list[Coverage]) -> Coverage:
    """The sum of several rows."""
    return Coverage(name, sum(r.translated for r in rows), sum(r.total for r in rows))


class Command(BaseCommand):
    help = (
        "Count how many messages of the Wagtail admin and of our own apps have a translation "
        "at run time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", default=settings.LANGUAGE_CODE)
        parser.add_argument(
            "--fail-under",
            type=float,
            default=None,
            metavar="PERCENT",
            help="Exit with an error if the Wagtail admin total is below PERCENT.",
        )

    def handle(self, *args, **options):
        language = options["language"]
        wagtail_rows = wagtail_coverage(language)
        project_rows = project_coverage(language)
        wagtail_total = total("Wagtail admin total", wagtail_rows)
        width = max(len(r.name) for r in [*wagtail_rows, *project_rows, wagtail_total]) + 2

        def line(row: Coverage) -> str:
            return f"{row.name:<{width}}{row.translated:>6} / {row.total:<6}{row.percent:6.1f}%"

        self.stdout.write(f"Translation coverage for language {language!r}")
        for row in wagtail_rows:
            self.stdout.write(line(row))
        self.stdout.write(line(wagtail_total))
        if project_rows:
            for row in project_rows:
                self.stdout.write(line(row))
            self.stdout.write(line(total("Project total", project_rows)))
        else:
            self.stdout.write(f"(no project catalogue locale/{language}/LC_MESSAGES/django.po)")
        self.stdout.write(line(total("Total", [*wagtail_rows, *project_rows])))
        threshold = options["fail_under"]
        if threshold is not None and wagtail_total.percent < threshold:
            raise CommandError(
                f"Wagtail admin coverage {wagtail_total.percent:.1f}% is below {threshold}%."
            )
