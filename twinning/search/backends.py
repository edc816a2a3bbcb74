"""The full-text index behind one interface, chosen by the database in use.

- PostgreSQL: full-text search with the `german` configuration: a stored, generated column
  `vector` (the weighted tsvector of title (A) and text (B)) with a GIN index (migration 0001).
- SQLite: an FTS5 table `search_fts` (rowid = the document's id) holding German Snowball stems of
  title and text; queries are stemmed the same way. Ranking by bm25 with the title weighted.

Both treat every query word as a prefix of a stem ("Schüleraustausch" finds "Schüleraustausche",
"Partner" finds "Partnerschaft") and require all words (falling back to any word when that finds
nothing).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import snowballstemmer
from django.db import connection

from .models import SearchDocument

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("german")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "")]


def stems(text: str) -> list[str]:
    return [s for s in map(stem, words(text)) if s]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word.lower()))


def vendor() -> str:
    return connection.vendor


def write(documents: Sequence[SearchDocument]) -> None:
    if vendor() != "sqlite" or not documents:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT OR REPLACE INTO search_fts(rowid, title, text) VALUES (%s, %s, %s)",
            [(d.pk, " ".join(stems(d.title)), " ".join(stems(d.text))) for d in documents],
        )


def delete(ids: Iterable[int]) -> None:
    ids = list(ids)
    if vendor() != "sqlite" or not ids:
        return
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])


def clear() -> None:
    if vendor() == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")


def _sqlite_query(query_words: list[str], joiner: str) -> str:
    terms = [f'"{s}"*' for s in dict.fromkeys(stem(w) for w in query_words) if s]
    return joiner.join(terms)


def _pg_query(query_words: list[str], joiner: str) -> str:
    return joiner.join(f"{w}:*" for w in dict.fromkeys(query_words))


def search(query: str, *, kind: str, limit: int = 10) -> list[tuple[int, float]]:
    """(object id, rank) of the best documents of `kind` for `query`, best first."""
    return search_kinds(query, kinds=[kind], limit=limit).get(kind, [])


def search_kinds(query: str, *, kinds: Sequence[str], limit: int = 10) -> dict[str, list[tuple[int, float]]]:
    """The best documents of each kind for `query`, best first: one pass over the matches (ranked
    once, numbered per kind), however many kinds are asked for."""
    query_words = [w for w in words(query) if len(w) > 1 or w.isdigit()][:MAX_WORDS]
    if not query_words or not kinds:
        return {}
    for joiner in ("AND", "OR") if len(query_words) > 1 else ("AND",):
        found = _search(query_words, joiner, kinds=list(kinds), limit=limit)
        if found:
            return found
    return {}


def _search(query_words: list[str], joiner: str, *, kinds: list[str], limit: int) -> dict[str, list[tuple[int, float]]]:
    marks = ", ".join(["%s"] * len(kinds))
    found: dict[str, list[tuple[int, float]]] = {}
    with connection.cursor() as cursor:
        if vendor() == "postgresql":
            cursor.execute(
                "WITH hits AS MATERIALIZED ("  # noqa: S608 (only "%s" placeholders are formatted in)
                " SELECT d.kind, d.object_id, d.day, d.id, ts_rank(d.vector, q) AS rank"
                " FROM search_searchdocument d, to_tsquery('german'::regconfig, %s) q"
                f" WHERE d.vector @@ q AND d.kind IN ({marks})"
                "), numbered AS ("
                " SELECT kind, object_id, rank, ROW_NUMBER() OVER"
                " (PARTITION BY kind ORDER BY rank DESC, day DESC NULLS LAST, id) AS n FROM hits"
                ") SELECT kind, object_id, rank FROM numbered WHERE n <= %s ORDER BY kind, n",
                [_pg_query(query_words, " & " if joiner == "AND" else " | "), *kinds, limit],
            )
        else:
            match = _sqlite_query(query_words, " AND " if joiner == "AND" else " OR ")
            if not match:
                return {}
            found, missing = _sqlite_top(cursor, match, kinds=kinds, limit=limit)
            if not missing:
                return found
            kinds = missing
            marks = ", ".join(["%s"] * len(kinds))
            cursor.execute(
                "WITH hits AS MATERIALIZED ("  # noqa: S608 (only "%s" placeholders are formatted in)
                " SELECT d.kind AS kind, d.object_id AS object_id, d.day AS day, d.id AS id,"
                " bm25(search_fts, 10.0, 1.0) AS rank"
                " FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid"
                f" WHERE search_fts MATCH %s AND d.kind IN ({marks})"
                "), numbered AS ("
                " SELECT kind, object_id, rank, ROW_NUMBER() OVER"
                " (PARTITION BY kind ORDER BY rank, day DESC, id) AS n FROM hits"
                ") SELECT kind, object_id, rank FROM numbered WHERE n <= %s ORDER BY kind, n",
                [match, *kinds, limit],
            )
        for kind, pk, rank in cursor.fetchall():
            found.setdefault(kind, []).append((int(pk), float(rank)))
        return found


CANDIDATES = 300  # documents ranked inside FTS5 before any is joined to its kind and date


def _sqlite_top(
    cursor: Any, match: str, *, kinds: list[str], limit: int
) -> tuple[dict[str, list[tuple[int, float]]], list[str]]:
    """The best documents per kind from the CANDIDATES best of all kinds, ranked inside FTS5: a
    word in most documents ("Partner") no longer joins every hit to its document (half the cost).
    Exact where the cut cannot have changed the answer: all hits fetched, or a kind's `limit`-th
    document ranks strictly better than the last candidate (ties after it could be dated later).
    Returns the results and the kinds that need the full ranking."""
    cursor.execute(
        "WITH top AS MATERIALIZED ("
        " SELECT rowid AS id, bm25(search_fts, 10.0, 1.0) AS rank FROM search_fts"
        " WHERE search_fts MATCH %s ORDER BY rank LIMIT %s"
        ") SELECT d.kind, d.object_id, top.rank, d.day, d.id FROM top JOIN search_searchdocument d ON d.id = top.id",
        [match, CANDIDATES],
    )
    rows = cursor.fetchall()
    complete = len(rows) < CANDIDATES  # every hit is among the candidates
    boundary = max((row[2] for row in rows), default=0.0)
    by_kind: dict[str, list[tuple[float, int, int, int, int]]] = {}
    for kind, pk, rank, day, doc_id in rows:
        # The full ranking's order: rank, then the latest day first (undated last), then id.
        ordinal = dt.date.fromisoformat(str(day)[:10]).toordinal() if day else None
        by_kind.setdefault(kind, []).append((float(rank), 0 if ordinal else 1, -(ordinal or 0), doc_id, int(pk)))
    found: dict[str, list[tuple[int, float]]] = {}
    missing = []
    for kind in kinds:  # (documents of other kinds among the candidates are dropped here)
        ranked = sorted(by_kind.get(kind, []))[:limit]
        if complete or (len(ranked) == limit and ranked[-1][0] < boundary):
            if ranked:
                found[kind] = [(pk, rank) for rank, _undated, _day, _id, pk in ranked]
        else:
            missing.append(kind)
    return found, missing


def highlight(text: str, query: str, *, width: int = 28) -> list[tuple[str, bool]]:
    """`text` (or a window of about `width` words around the first hit) as segments, each marked
    whether it matches a query word (the template wraps those in <mark>)."""
    query_stems = [stem(w) for w in words(query) if len(w) > 1]
    parts = re.split(r"(\w+)", text or "", flags=re.UNICODE)
    hits = sorted(
        i for i, part in enumerate(parts) if i % 2 and any(stem(part).startswith(s) for s in query_stems if s)
    )
    hit_set = set(hits)
    start, end = 0, len(parts)
    if width and len(parts) > 2 * width:
        first = hits[0] if hits else 1
        start = max(0, first - width // 2 * 2)
        end = min(len(parts), start + 2 * width)
    segments = [(part, i in hit_set) for i, part in enumerate(parts[start:end], start) if part]
    if start > 0:
        segments.insert(0, ("… ", False))
    if end < len(parts):
        segments.append((" …", False))
    return segments
