"""``minutes search``: utterances containing a phrase, with their document's facts.

Each field of :class:`Hit` names the column it is read from; the SELECT list is made from
those fields, and a hit is built from each row by column name, so the two cannot drift.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, fields
from typing import Any

from minutes_cli.archive.columns import Table
from minutes_cli.archive.roster import name_key
from minutes_cli.archive.tables import DOCUMENTS, UTTERANCES
from minutes_cli.grammar.forms import fold_forms, spellings
from minutes_cli.grammar.offices import split_label

MIN_FTS_QUERY = 3
"""Trigram FTS5 cannot match fewer characters; shorter queries scan with LIKE instead."""

#: The tables a search joins, by their alias in its SQL.
_JOINED: dict[str, Table[Any]] = {"u": UTTERANCES, "d": DOCUMENTS}


def _read(alias: str, name: str) -> dict[str, str]:
    """A Hit field's metadata: the column it is read from, ``alias.name`` (checked, so a
    field cannot name a column the tables do not declare)."""
    return {"sql": f"{alias}.{_JOINED[alias].column(name).identifier}"}


@dataclass(frozen=True)
class Query:
    """What ``minutes search`` looks for; dates are inclusive ISO strings. ``role`` is a
    family: the roles that are it or end with it (大臣: 国務大臣, 文部科学大臣). ``text``
    may be None where ``speaker`` is given: every turn of the person."""

    text: str | None
    role: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    #: A person, however the labels wrote the name (盛山, 盛山正仁, 盛山国務大臣).
    speaker: str | None = None


@dataclass(frozen=True)
class Hit:
    """One matching utterance, with where it came from: the fields of the ``-f jsonl`` row
    (:data:`~minutes_cli.writers.rows.ROW_FIELDS`, same names, same order), then the
    document's id in the archive."""

    path: str | None = field(metadata=_read("d", "path"))
    title: str | None = field(metadata=_read("d", "title"))
    date: str | None = field(metadata=_read("d", "date"))
    seq: int = field(metadata=_read("u", "seq"))
    section: str | None = field(metadata=_read("u", "section"))
    section_title: str | None = field(metadata=_read("u", "section_title"))
    marker: str = field(metadata=_read("u", "marker"))
    role: str | None = field(metadata=_read("u", "role"))
    speaker: str | None = field(metadata=_read("u", "speaker"))
    text: str = field(metadata=_read("u", "text"))
    line_start: int = field(metadata=_read("u", "line_start"))
    line_end: int = field(metadata=_read("u", "line_end"))
    page_start: int | None = field(metadata=_read("u", "page_start"))
    page_end: int | None = field(metadata=_read("u", "page_end"))
    document_id: int = field(metadata=_read("d", "id"))


HIT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Hit))

SELECT = ", ".join(f"{f.metadata['sql']} AS {f.name}" for f in fields(Hit))
"""The search's SELECT list: each Hit field's column, named as the field."""


def fts_phrase(text: str) -> str:
    """*text* as one FTS5 string: a literal phrase, whatever operators or quotes it holds."""
    return '"' + text.replace('"', '""') + '"'


def like_pattern(text: str) -> str:
    """*text* as a LIKE substring pattern, with ``%``, ``_`` and the escape itself escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


#: The SQL function our own searches fold stored text with (old kanji forms to today's).
#: Only queries call it, never a trigger: another client (Datasette, sqlite-utils) can
#: write and read the archive without it.
FOLD_FUNCTION = "minutes_fold_forms"


def _text_clause(text: str) -> tuple[str, list[str | int]]:
    """Where ``u.text`` holds *text* in any of its spellings (国民, 國民): one trigram
    MATCH of them all, a LIKE for each under three characters, or, past
    ``MAX_SPELLINGS`` spellings, a scan of the folded text."""
    written = spellings(text)
    if written is None:
        return f"{FOLD_FUNCTION}(u.text) LIKE ? ESCAPE '\\'", [like_pattern(fold_forms(text))]
    if len(text) >= MIN_FTS_QUERY:
        match = " OR ".join(fts_phrase(spelling) for spelling in written)
        return "u.id IN (SELECT rowid FROM utterances_fts WHERE utterances_fts MATCH ?)", [match]
    likes = " OR ".join("u.text LIKE ? ESCAPE '\\'" for _ in written)
    return f"({likes})", [like_pattern(spelling) for spelling in written]


def search(connection: sqlite3.Connection, query: Query) -> list[Hit]:
    """Utterances containing ``query.text`` (and of ``query.speaker``), newest document
    first, then in document order.

    Three characters or more go through the trigram index; shorter text (``議長``) cannot,
    so it is a LIKE scan over the (filtered) utterances instead. Old and today's kanji
    forms find each other, in the text and in the role.
    """
    connection.create_function(FOLD_FUNCTION, 1, _fold_or_null, deterministic=True)
    clauses: list[str] = []
    parameters: list[str | int] = []
    if query.text is not None:
        clause, parameters = _text_clause(query.text)
        clauses.append(clause)
    if query.speaker is not None:
        clause, values = _speaker_clause(connection, query.speaker)
        clauses.append(clause)
        parameters += values
    if query.role is not None:
        role = fold_forms(query.role)
        clauses.append(
            f"({FOLD_FUNCTION}(u.role) = ? OR {FOLD_FUNCTION}(u.role) LIKE ? ESCAPE '\\')"
        )
        parameters += [role, like_pattern(role).removesuffix("%")]
    for sql_clause, value in (("d.date >= ?", query.since), ("d.date <= ?", query.until)):
        if value is not None:
            clauses.append(sql_clause)
            parameters.append(value)
    parameters.append(-1 if query.limit is None else query.limit)
    sql = (
        f"SELECT {SELECT}"
        " FROM utterances AS u JOIN documents AS d ON d.id = u.document_id"
        f" WHERE {' AND '.join(clauses) or '1'}"
        " ORDER BY d.date IS NULL, d.date DESC, d.path, d.id, u.seq LIMIT ?"
    )
    cursor = connection.cursor()
    cursor.row_factory = sqlite3.Row
    return [Hit(**dict(row)) for row in cursor.execute(sql, parameters)]


def _speaker_clause(connection: sqlite3.Connection, name: str) -> tuple[str, list[str | int]]:
    """Where the utterance is the person's: ``u.person_id`` one of the people the name
    names (the whole name, the name without its office, the family name, one word of a
    Latin name, the start of a Japanese name: a family name the list did not set apart),
    or, in a row with no person, the speaker so written."""
    written = name_key(name)
    parts = split_label(fold_forms("".join(name.split())))
    bare = name_key(parts.name) if parts.name else written
    ids = [
        person_id
        for person_id, key, family, full in connection.execute(
            "SELECT id, key, family_name, name FROM people"
        )
        if key in (written, bare)
        or (family is not None and name_key(family) == bare)
        or (" " in full and bare in {name_key(word) for word in full.split()})
        or (not bare.isascii() and len(bare) >= 2 and key.startswith(bare))  # 三浦: 三浦寅之助
    ]
    marks = ", ".join("?" for _ in ids) or "NULL"
    clause = (
        f"(u.person_id IN ({marks})"
        f" OR (u.person_id IS NULL AND {FOLD_FUNCTION}(u.speaker) IN (?, ?)))"
    )
    return clause, [*ids, fold_forms(name), fold_forms(parts.name or name)]


def _fold_or_null(value: str | None) -> str | None:
    return None if value is None else fold_forms(value)
