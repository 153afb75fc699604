"""Searching the index: accent-insensitive, ranked, filtered, paged, with snippets.

`search(q, language=…, category_ids=…, date_from=…, date_to=…)` gives a `SearchResults`
that a Django Paginator pages (count() and slicing run one SQL query each).

The reader's words are folded (congso.core.text.fold_words: "Sở Thông tin" and "so
thong tin" are the same three words, "đ" is "d"); every word must occur, the last one
also as the start of a longer word (the reader may still be typing). Ranking: the whole
phrase in the title first, then the database's full-text rank (PostgreSQL `ts_rank_cd`,
title weighted above text; SQLite FTS5 `bm25`, title ×10), then the newest. On
PostgreSQL a query matching more than RANK_LIMIT entries skips `ts_rank_cd` (it would read
every matching vector): the phrase in the title, then the newest.

PostgreSQL only: when no entry has every word, entries whose title is close to the
query by trigrams (`pg_trgm`'s `<%` word similarity, threshold 0.6) are offered instead, so a typo
still finds something.

Anything a reader can type is safe: the query is cut to MAX_QUERY characters, reduced
to at most MAX_WORDS words of letters, digits, dots and hyphens, and passed to the
database as parameters.
"""

import dataclasses
import datetime
import functools
import re
from collections.abc import Iterable

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congso.core.text import fold, fold_words

from .models import SearchEntry

MAX_QUERY = 200
MAX_WORDS = 10
MAX_WORD_LENGTH = 40
SNIPPET_LENGTH = 240
# PostgreSQL: above this many matches the full-text rank is not computed (see _sql).
RANK_LIMIT = 1000

PG_RANK = "ts_rank_cd(e.vector, to_tsquery('simple', %s))"
PG_MATCH = "e.vector @@ to_tsquery('simple', %s)"


def query_words(q: str | None) -> list[str]:
    """The words searched for: folded, at most MAX_WORDS of at most MAX_WORD_LENGTH."""
    words = fold_words((q or "")[:MAX_QUERY])
    return [w[:MAX_WORD_LENGTH].strip(".-") for w in words if w.strip(".-")][:MAX_WORDS]


def _tsquery(words: list[str]) -> str:
    # Words hold only [0-9a-z.-]: quoting them is enough to keep tsquery syntax out.
    parts = [f"'{w}'" for w in words]
    parts[-1] += ":*"
    return " & ".join(parts)


def _fts5_query(words: list[str]) -> str:
    parts = [f'"{w}"' for w in words]
    parts[-1] += "*"
    return " ".join(parts)


@dataclasses.dataclass
class Filters:
    language: str
    category_ids: list[int] | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def where(self) -> tuple[list[str], list]:
        clauses, params = ["e.language = %s"], [self.language]
        if self.category_ids is not None:
            ids = [int(i) for i in self.category_ids] or [0]
            clauses.append(f"e.category_id IN ({', '.join(['%s'] * len(ids))})")
            params.extend(ids)
        if self.date_from:
            clauses.append("e.date >= %s")
            params.append(_start_of(self.date_from))
        if self.date_to:
            clauses.append("e.date < %s")
            params.append(_start_of(self.date_to + datetime.timedelta(days=1)))
        return clauses, params


def _start_of(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SearchResults:
    """The ranked entries matching a search; sliceable and countable for a Paginator."""

    def __init__(self, words: list[str], filters: Filters):
        self.words = words
        self.filters = filters
        self.phrase = " ".join(words)
        self.fuzzy = False
        self._count = None

    # --- SQL per database ------------------------------------------------------------

    def _sql(self) -> tuple[str, str, list, str, list]:
        """(FROM, WHERE, params, ORDER BY, order params)."""
        clauses, params = self.filters.where()
        like = "%" + self.phrase.replace("\\", "").replace("%", "").replace("_", "") + "%"
        if connection.vendor == "postgresql":
            tsquery = _tsquery(self.words)
            if self.fuzzy:
                clauses.append("%s <%% e.title_folded")
                params.append(self.phrase)
                order = "word_similarity(%s, e.title_folded) DESC, e.date DESC NULLS LAST, e.id"
                return "search_searchentry e", " AND ".join(clauses), params, order, [self.phrase]
            clauses.append(PG_MATCH)
            params.append(tsquery)
            if self._count is not None and self._count > RANK_LIMIT:
                # Ranking thousands of rows reads every long vector: the phrase in the
                # title, then the newest, is what a reader of so broad a query wants.
                order = "(e.title_folded LIKE %s) DESC, e.date DESC NULLS LAST, e.id"
                return "search_searchentry e", " AND ".join(clauses), params, order, [like]
            order = f"(e.title_folded LIKE %s) DESC, {PG_RANK} DESC, e.date DESC NULLS LAST, e.id"
            return "search_searchentry e", " AND ".join(clauses), params, order, [like, tsquery]
        # SQLite: FTS5
        clauses.insert(0, "search_entry_fts MATCH %s")
        params.insert(0, _fts5_query(self.words))
        source = "search_entry_fts JOIN search_searchentry e ON e.id = search_entry_fts.rowid"
        order = (
            "(e.title_folded LIKE %s) DESC, bm25(search_entry_fts, 10.0, 1.0), e.date DESC, e.id"
        )
        return source, " AND ".join(clauses), params, order, [like]

    def _count_sql(self) -> int:
        source, where, params, _order, _ = self._sql()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {source} WHERE {where}", params)  # noqa: S608
            return cursor.fetchone()[0]

    def count(self) -> int:
        if self._count is None:
            if not self.words:
                self._count = 0
            else:
                self._count = self._count_sql()
                if self._count == 0 and connection.vendor == "postgresql":
                    self.fuzzy = True
                    self._count = self._count_sql()
                    if self._count == 0:
                        self.fuzzy = False
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        if not self.words:
            return []
        self.count()  # decides between the exact and the fuzzy search
        start = key.start or 0
        stop = key.stop if key.stop is not None else start + 100
        source, where, params, order, order_params = self._sql()
        sql = (
            f"SELECT e.id FROM {source} WHERE {where} "  # noqa: S608
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *order_params, stop - start, start])
            ids = [row[0] for row in cursor.fetchall()]
        entries = SearchEntry.objects.select_related("category").in_bulk(ids)
        results = [entries[i] for i in ids if i in entries]
        for entry in results:
            entry.title_html = highlight(entry.title, self.words)
            entry.snippet_html = snippet(entry.text, self.words)
        return results


def search(
    q: str | None,
    *,
    language: str,
    category_ids: Iterable[int] | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> SearchResults:
    """The entries of `language` matching `q`, best first (see the module's docstring).
    An empty or wordless query gives no results, never an error."""
    filters = Filters(
        language=language,
        category_ids=list(category_ids) if category_ids is not None else None,
        date_from=date_from,
        date_to=date_to,
    )
    return SearchResults(query_words(q), filters)


def matching_page_ids_sql(q: str | None, language: str | None = None) -> tuple[str, list]:
    """SQL (and its parameters) selecting the ids of the pages matching `q`, for
    `pk__in=RawSQL(...)` in other apps' querysets (the news API). No ranking."""
    words = query_words(q)
    if not words:
        return "SELECT page_id FROM search_searchentry WHERE 1 = 0", []
    clauses, params = [], []
    if language:
        clauses.append("e.language = %s")
        params.append(language)
    if connection.vendor == "postgresql":
        clauses.append(PG_MATCH)
        params.append(_tsquery(words))
        source = "search_searchentry e"
    else:
        clauses.insert(0, "search_entry_fts MATCH %s")
        params.insert(0, _fts5_query(words))
        source = "search_entry_fts JOIN search_searchentry e ON e.id = search_entry_fts.rowid"
    return f"SELECT e.page_id FROM {source} WHERE {' AND '.join(clauses)}", params  # noqa: S608


# --- Highlighting --------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    # A text's characters are few (letters, digits, punctuation): folding each distinct
    # one once keeps snippets of ten 5,000-character texts at a few milliseconds.
    return " " if ch.isspace() else fold(ch)


def _fold_map(text: str) -> tuple[str, "list[int] | range"]:
    """`text` folded character by character, and for each folded character the index of
    the character of `text` it came from."""
    table = {ord(ch): _fold_char(ch) for ch in set(text)}
    if all(len(folded) == 1 for folded in table.values()):
        # The usual case (NFC text): one folded character per character, at C speed.
        return text.translate(table), range(len(text))
    out, where = [], []
    for i, ch in enumerate(text):
        for f in _fold_char(ch):
            out.append(f)
            where.append(i)
    return "".join(out), where


def _matches(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each place a searched word starts a word of `text`, as
    indices of `text`, in order."""
    if not text or not words:
        return []
    folded, where = _fold_map(text)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![0-9a-z])(?:{alternatives})")
    return [(where[m.start()], where[m.end() - 1] + 1, m.group()) for m in pattern.finditer(folded)]


def _merge(text: str, matches) -> list[tuple[int, int]]:
    """Spans to mark: matches separated only by spaces become one ("Sở Thông tin")."""
    spans: list[tuple[int, int]] = []
    for start, end, _word in matches:
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    return _merge(text, _matches(text, words))


def highlight(text: str, words: list[str], spans=None) -> SafeString:
    """`text` escaped, with each searched word marked: "Sở <mark>Thông</mark> tin"."""
    spans = _spans(text, words) if spans is None else spans
    parts, last = [], 0
    for start, end in spans:
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece is escaped above)


def _best_window(matches, length: int) -> int:
    """Where the window of `length` characters holding the most different searched words
    (then the most matches) starts: at one of the matches."""
    best, best_score = 0, (0, 0)
    for i, (start, _end, _word) in enumerate(matches):
        inside = [m for m in matches[i:] if m[1] <= start + length]
        score = (len({m[2] for m in inside}), len(inside))
        if score > best_score:
            best, best_score = start, score
    return best


def snippet(text: str, words: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of `text` where most of the searched words occur (the
    start of the text when none does), cut at word boundaries, escaped, words marked."""
    matches = _matches(text, words)
    if len(text) <= length:
        return highlight(text, words, _merge(text, matches))
    first = _best_window(matches, length * 2 // 3) if matches else 0
    start = max(0, first - length // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = text[start:end]
    inner = [(s - start, e - start, w) for s, e, w in matches if s >= start and e <= end]
    html = highlight(piece, words, _merge(piece, inner))
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))  # noqa: S308
