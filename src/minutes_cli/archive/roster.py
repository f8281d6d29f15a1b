"""The archive's people and decisions: a person per body and name across documents, each
document's roster linked to them, and the decisions of each document.

A **body** is the folder a document is stored from (``minutes/yokohama/2024-11.txt`` is of
``minutes/yokohama``): archives keep one council, committee or board a folder, and a
person is one person within a body only. Within a body, the people of two documents are
one person when their names are one (:func:`name_key`: old and new kanji forms alike,
spaces and case aside); a family name alone (``Fish``) stays apart from a full name
(``Nick Fish``): never a guess. A document's roster rows (``appearances``) keep what the
document says of the person (offices, status, turns, lines), and ``utterances.person_id``
points at the person.
"""

from __future__ import annotations

import sqlite3
from pathlib import PurePosixPath
from typing import NamedTuple

from minutes_cli.archive.columns import DOCUMENT_ID, ROWID, Column, Index, Table
from minutes_cli.grammar.forms import fold_forms
from minutes_cli.models import STDIN, Decision, Document, Person

#: The ``document_id`` column of a table a document owns.
OWNED = "INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE"


def name_key(name: str) -> str:
    """A name as the archive compares names: old kanji forms folded, spaces and ``_``
    removed, one case (盛山 正仁 and 盛山正仁; Ben_Francis and ben francis)."""
    return fold_forms("".join(name.replace("_", " ").split())).casefold()


def body_of(document: Document) -> str | None:
    """The body a document is of: the folder of its path (None for standard input)."""
    path = document.source.path
    if path is None or path == STDIN:
        return None
    return str(PurePosixPath(path.replace("\\", "/")).parent)


class NewPerson(NamedTuple):
    """What a ``people`` row is made from: the body and the roster person."""

    body: str | None
    person: Person


class Appearance(NamedTuple):
    """What an ``appearances`` row is made from: the archive's person and the record's."""

    person_id: int
    person: Person


PEOPLE: Table[NewPerson] = Table(
    "people",
    (
        Column("id", "INTEGER PRIMARY KEY", ROWID),
        Column(
            "body",
            "TEXT",
            lambda p: p.body,
            "the folder its documents are stored from; NULL for standard input",
        ),
        Column("key", "TEXT NOT NULL", lambda p: name_key(p.person.name), "the name compared"),
        Column("name", "TEXT NOT NULL", lambda p: p.person.name, "as a document first gave it"),
        Column("full_name", "INTEGER NOT NULL", lambda p: int(p.person.full_name), "0 or 1"),
        Column("family_name", "TEXT", lambda p: p.person.family_name),
        Column("reading", "TEXT", lambda p: p.person.reading),
    ),
    constraints=("UNIQUE (body, key)",),
    indexes=(Index("people_family_name", ("family_name",)),),
)

APPEARANCES: Table[Appearance] = Table(
    "appearances",
    (
        Column("document_id", OWNED, DOCUMENT_ID),
        Column("person_id", "INTEGER NOT NULL REFERENCES people(id)", lambda a: a.person_id),
        Column("local_id", "TEXT NOT NULL", lambda a: a.person.id, "the id in the record"),
        Column(
            "offices",
            "TEXT NOT NULL",
            lambda a: "; ".join(a.person.offices),
            "the offices held in this meeting, joined with '; '",
        ),
        Column("seat", "INTEGER", lambda a: a.person.seat),
        Column("party", "TEXT", lambda a: a.person.party),
        Column("initials", "TEXT", lambda a: a.person.initials),
        Column("status", "TEXT", lambda a: a.person.status, "present, absent, staff, other"),
        Column("turns", "INTEGER NOT NULL", lambda a: a.person.turns),
    ),
    constraints=("PRIMARY KEY (document_id, local_id)",),
    indexes=(Index("appearances_person", ("person_id",)),),
)

DECISIONS: Table[Decision] = Table(
    "decisions",
    (
        Column("document_id", OWNED, DOCUMENT_ID),
        Column("seq", "INTEGER NOT NULL", lambda d: d.seq),
        Column("item", "TEXT", lambda d: d.item),
        Column("title", "TEXT", lambda d: d.title),
        Column("outcome", "TEXT NOT NULL", lambda d: d.outcome),
        Column(
            "passed",
            "INTEGER",
            lambda d: None if d.passed is None else int(d.passed),
            "1 carried, 0 failed, NULL no vote",
        ),
        Column("method", "TEXT", lambda d: d.method),
        Column("unanimous", "INTEGER", lambda d: None if d.unanimous is None else int(d.unanimous)),
        Column("yes", "INTEGER", lambda d: d.votes.yes if d.votes else None),
        Column("no", "INTEGER", lambda d: d.votes.no if d.votes else None),
        Column("abstain", "INTEGER", lambda d: d.votes.abstain if d.votes else None),
        Column("total", "INTEGER", lambda d: d.votes.total if d.votes else None),
        Column("text", "TEXT NOT NULL", lambda d: d.text),
        Column("utterance", "INTEGER", lambda d: d.utterance, "seq of the utterance saying it"),
        Column("section", "TEXT", lambda d: d.section),
        Column("line_start", "INTEGER NOT NULL", lambda d: d.line_start),
        Column("line_end", "INTEGER NOT NULL", lambda d: d.line_end),
        Column("page_start", "INTEGER", lambda d: d.page_start),
        Column("page_end", "INTEGER", lambda d: d.page_end),
    ),
    constraints=("PRIMARY KEY (document_id, seq)",),
)


def store_people(
    connection: sqlite3.Connection, document: Document, document_id: int | None
) -> None:
    """The document's roster: each person found or added in the body, an appearance each,
    and ``utterances.person_id`` set from the record's links; people no document lists
    any more are removed."""
    body = body_of(document)
    for person in document.people:
        found = connection.execute(
            "SELECT id FROM people WHERE key = ? AND body IS ?", (name_key(person.name), body)
        ).fetchone()
        if found is None:
            person_id = connection.execute(
                PEOPLE.insert, PEOPLE.row(NewPerson(body, person))
            ).lastrowid
        else:
            (person_id,) = found
        assert person_id is not None
        row = APPEARANCES.row(Appearance(person_id, person), document_id)
        connection.execute(APPEARANCES.insert, row)
    connection.execute(
        "UPDATE utterances SET person_id = (SELECT a.person_id FROM appearances AS a"
        " WHERE a.document_id = utterances.document_id AND a.local_id = utterances.person)"
        " WHERE document_id = ? AND person IS NOT NULL",
        (document_id,),
    )


def forget_strangers(connection: sqlite3.Connection) -> None:
    """Remove the people no stored document lists (after a document is replaced)."""
    connection.execute("DELETE FROM people WHERE id NOT IN (SELECT person_id FROM appearances)")
