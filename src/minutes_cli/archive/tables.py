"""The archive's tables: every column of every table declared once, here.

Each table is a :class:`~.columns.Table` of :class:`~.columns.Column`, and everything SQL
says about its columns (``CREATE TABLE``, the indexes, the ``INSERT`` and its values, the
search's SELECT list) is made from it. The FTS5 index, its triggers, the delete cascade and
the ``utterance_rows`` view stay written out as SQL (:data:`EXTRAS`): they are clearest
that way. A row of ``documents`` is made from a :class:`StoredDocument`, a row of
``sections`` or ``notes`` from the record with its place (:class:`PlacedSection`,
:class:`NumberedNote`), the others from the record itself.

This is version 4 of the layout (``PRAGMA user_version``, see :mod:`.store`; version 2 added
``utterances.attribution``, version 3 gave the view the rows' names, version 4 the people,
their appearances, the decisions (:mod:`.roster`) and the utterances' person and kind); a
change to a declaration changes the file format, and needs a new version and an upgrade in
:data:`UPGRADES`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from minutes_cli import __version__
from minutes_cli.archive.columns import DOCUMENT_ID, ROWID, Column, Index, Item, Table
from minutes_cli.archive.roster import APPEARANCES, DECISIONS, OWNED, PEOPLE
from minutes_cli.models import (
    Diagnostic,
    Document,
    Dropped,
    Note,
    Section,
    TextSpan,
    Utterance,
)


class StoredDocument(NamedTuple):
    """What a ``documents`` row is made from: the record, its JSON text, the time of storing."""

    record: Document
    json: str
    stored_at: str


class PlacedSection(NamedTuple):
    """A section with its place in the tree, which the record keeps only as nesting."""

    section: Section
    parent: str | None
    position: int


class NumberedNote(NamedTuple):
    """A note with its 1-based position among the document's notes."""

    seq: int
    note: Note

    def span(self) -> Note:
        """The note, whose source lines its row keeps (a method, not a lambda: mypy cannot
        infer the type of a lambda passed to :func:`_text_span` from the table's)."""
        return self.note


def placed(sections: Sequence[Section]) -> Iterator[PlacedSection]:
    """Every section of the tree with its parent and position: depth first, parents before
    children (the self-reference needs that order)."""
    for position, (section, parent) in enumerate(_with_parents(sections, None), 1):
        yield PlacedSection(section, parent, position)


def _with_parents(
    sections: Sequence[Section], parent: str | None
) -> Iterator[tuple[Section, str | None]]:
    for section in sections:
        yield section, parent
        yield from _with_parents(section.children, section.id)


def numbered(notes: Sequence[Note]) -> Iterator[NumberedNote]:
    """Each note with its position, from 1."""
    return (NumberedNote(seq, note) for seq, note in enumerate(notes, 1))


def json_text(value: object) -> str:
    """Compact JSON in real (not ``\\u``-escaped) UTF-8, as the JSON columns hold it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _text_span(part: Callable[[Item], TextSpan]) -> tuple[Column[Item], ...]:
    """The source lines, columns and pages of a row that is a span of text."""
    return (
        Column("line_start", "INTEGER NOT NULL", lambda item: part(item).line_start),
        Column("line_end", "INTEGER NOT NULL", lambda item: part(item).line_end),
        Column("column_start", "INTEGER", lambda item: part(item).column_start),
        Column("column_end", "INTEGER", lambda item: part(item).column_end),
        Column("page_start", "INTEGER", lambda item: part(item).page_start),
        Column("page_end", "INTEGER", lambda item: part(item).page_end),
    )


_OWNED = OWNED  # the document_id column of every table but documents

DOCUMENTS: Table[StoredDocument] = Table(
    "documents",
    (
        Column("id", "INTEGER PRIMARY KEY", ROWID),
        Column(
            "path",
            "TEXT UNIQUE",
            lambda d: d.record.source.path,
            "as given to minutes parse; NULL for standard input",
        ),
        Column(
            "sha256",
            "TEXT NOT NULL UNIQUE",
            lambda d: d.record.source.sha256,
            "of the input bytes: the document's identity",
        ),
        Column("bytes", "INTEGER NOT NULL", lambda d: d.record.source.bytes),
        Column("format", "TEXT NOT NULL", lambda d: d.record.source.format, "text or pdf"),
        Column("encoding", "TEXT", lambda d: d.record.source.encoding),
        Column("newline", "TEXT NOT NULL", lambda d: d.record.source.newline),
        Column(
            "lines",
            "INTEGER NOT NULL",
            lambda d: d.record.source.lines,
            "the document spans source lines 1..lines",
        ),
        Column("pages", "INTEGER", lambda d: d.record.source.pages),
        Column("scheme", "TEXT NOT NULL", lambda d: d.record.scheme),
        Column("title", "TEXT", lambda d: d.record.meta.title),
        Column("kind", "TEXT", lambda d: d.record.meta.kind),
        Column("date", "TEXT", lambda d: d.record.meta.date, "ISO 8601, YYYY-MM-DD"),
        Column("weekday", "TEXT", lambda d: d.record.meta.weekday),
        Column("start_time", "TEXT", lambda d: d.record.meta.start_time),
        Column("end_time", "TEXT", lambda d: d.record.meta.end_time),
        Column("venue", "TEXT", lambda d: d.record.meta.venue),
        Column(
            "record_version",
            "TEXT NOT NULL",
            lambda d: d.record.schema_version,
            "schema_version of the JSON record",
        ),
        Column(
            "minutes_version",
            "TEXT NOT NULL",
            lambda _: __version__,
            "the minutes release that parsed it",
        ),
        Column("stored_at", "TEXT NOT NULL", lambda d: d.stored_at, "UTC, ISO 8601"),
        Column(
            "json",
            "TEXT NOT NULL",
            lambda d: d.json,
            "the whole record, as minutes parse -f json prints it",
        ),
    ),
    indexes=(Index("documents_date", ("date",)),),
)

SECTIONS: Table[PlacedSection] = Table(
    "sections",
    (
        Column("document_id", _OWNED, DOCUMENT_ID),
        Column("id", "TEXT NOT NULL", lambda p: p.section.id, "dotted path in the tree, e.g. 3.2"),
        Column(
            "parent",
            "TEXT",
            lambda p: p.parent,
            "id of the enclosing section, NULL at the top level",
        ),
        Column(
            "position",
            "INTEGER NOT NULL",
            lambda p: p.position,
            "order in the document, depth first, 1-based",
        ),
        Column("number", "TEXT NOT NULL", lambda p: p.section.number),
        Column("style", "TEXT NOT NULL", lambda p: p.section.style),
        Column("title", "TEXT NOT NULL", lambda p: p.section.title),
        Column("remark", "TEXT", lambda p: p.section.remark),
        Column("level", "INTEGER NOT NULL", lambda p: p.section.level),
        Column("line_start", "INTEGER NOT NULL", lambda p: p.section.line_start),
        Column("line_end", "INTEGER NOT NULL", lambda p: p.section.line_end),
        Column("heading_line_start", "INTEGER", lambda p: p.section.heading_line_start),
        Column("heading_line_end", "INTEGER", lambda p: p.section.heading_line_end),
        Column("page_start", "INTEGER", lambda p: p.section.page_start),
        Column("page_end", "INTEGER", lambda p: p.section.page_end),
    ),
    constraints=(
        "PRIMARY KEY (document_id, id)",
        "FOREIGN KEY (document_id, parent) REFERENCES sections(document_id, id)",
    ),
)

UTTERANCES: Table[Utterance] = Table(
    "utterances",
    (
        Column("id", "INTEGER PRIMARY KEY", ROWID, "the rowid of utterances_fts"),
        Column("document_id", _OWNED, DOCUMENT_ID),
        Column("seq", "INTEGER NOT NULL", lambda u: u.seq),
        Column("marker", "TEXT NOT NULL", lambda u: u.marker),
        Column("role", "TEXT", lambda u: u.role),
        Column("speaker", "TEXT", lambda u: u.speaker),
        Column("honorific", "TEXT", lambda u: u.honorific),
        Column("seat", "INTEGER", lambda u: u.seat),
        Column("label", "TEXT", lambda u: u.label),
        Column("section", "TEXT", lambda u: u.section),
        Column("section_title", "TEXT", lambda u: u.section_title),
        Column("text", "TEXT NOT NULL", lambda u: u.text),
        Column(
            "events",
            "TEXT NOT NULL",
            lambda u: json_text([e.model_dump(mode="json") for e in u.events]),
            "JSON array of the events inside the turn",
        ),
        *_text_span(lambda span: span),
        # Last: version 2 added it (ALTER TABLE appends), so an upgraded database and a new
        # one have the same columns in the same order.
        Column(
            "attribution",
            "TEXT",
            lambda u: u.attribution,
            "how the speaker was found; NULL in rows stored by layout version 1",
        ),
        # Version 4 added these four.
        Column("person", "TEXT", lambda u: u.person, "the roster id in the record"),
        Column(
            "person_id",
            "INTEGER REFERENCES people(id)",
            lambda _: None,
            "the person across the archive (set from appearances)",
        ),
        Column("kind", "TEXT", lambda u: u.kind, "question, answer, report, procedure, remark"),
        Column("reply_to", "INTEGER", lambda u: u.reply_to, "seq of the question answered"),
    ),
    constraints=(
        "UNIQUE (document_id, seq)",
        "FOREIGN KEY (document_id, section) REFERENCES sections(document_id, id)",
    ),
    indexes=(
        Index("utterances_section", ("document_id", "section")),
        Index("utterances_role", ("role",)),
        Index("utterances_speaker", ("speaker",)),
        Index("utterances_person", ("person_id",)),
    ),
)

NOTES: Table[NumberedNote] = Table(
    "notes",
    (
        Column("id", "INTEGER PRIMARY KEY", ROWID),
        Column("document_id", _OWNED, DOCUMENT_ID),
        Column(
            "seq",
            "INTEGER NOT NULL",
            lambda n: n.seq,
            "position among the document's notes, 1-based",
        ),
        Column("kind", "TEXT NOT NULL", lambda n: n.note.kind),
        Column("section", "TEXT", lambda n: n.note.section),
        Column("text", "TEXT NOT NULL", lambda n: n.note.text),
        Column(
            "materials",
            "TEXT NOT NULL",
            lambda n: json_text([m.model_dump(mode="json") for m in n.note.materials]),
            "JSON array of the handouts named",
        ),
        *_text_span(NumberedNote.span),
    ),
    constraints=(
        "UNIQUE (document_id, seq)",
        "FOREIGN KEY (document_id, section) REFERENCES sections(document_id, id)",
    ),
    indexes=(Index("notes_section", ("document_id", "section")),),
)

DROPPED: Table[Dropped] = Table(
    "dropped",
    (
        Column("id", "INTEGER PRIMARY KEY", ROWID),
        Column("document_id", _OWNED, DOCUMENT_ID),
        Column("reason", "TEXT NOT NULL", lambda d: d.reason),
        Column("text", "TEXT NOT NULL", lambda d: d.text),
        *_text_span(lambda span: span),
    ),
    indexes=(Index("dropped_document", ("document_id",)),),
)

DIAGNOSTICS: Table[Diagnostic] = Table(
    "diagnostics",
    (
        Column("id", "INTEGER PRIMARY KEY", ROWID),
        Column("document_id", _OWNED, DOCUMENT_ID),
        Column("code", "TEXT NOT NULL", lambda d: d.code),
        Column("severity", "TEXT NOT NULL", lambda d: d.severity.value),
        Column("message", "TEXT NOT NULL", lambda d: d.message),
        Column("line", "INTEGER", lambda d: d.line, "NULL when it concerns the whole file"),
        Column("column", "INTEGER", lambda d: d.column),
    ),
    indexes=(
        Index("diagnostics_document", ("document_id",)),
        Index("diagnostics_code", ("code",)),
    ),
)

TABLES: tuple[Table[Any], ...] = (
    DOCUMENTS, SECTIONS, PEOPLE, UTTERANCES, NOTES, DROPPED, DIAGNOSTICS, APPEARANCES, DECISIONS
)  # fmt: skip
"""Every table, in the order they are created (a table after those it references)."""

#: The ``-f jsonl`` row as a view (the same names, in the same order, then the ids).
#: Version 3 renamed ``source`` to ``path`` and added the pages, as the rows did.
VIEW = """\
-- One row per utterance with its document's facts, like minutes parse -f jsonl.
CREATE VIEW utterance_rows AS
SELECT d.path, d.title, d.date, u.seq, u.section, u.section_title, u.marker, u.role,
       u.speaker, u.text, u.line_start, u.line_end, u.page_start, u.page_end, u.id,
       u.document_id
FROM utterances AS u JOIN documents AS d ON d.id = u.document_id;
"""

#: The delete cascade as a trigger (version 4 added appearances and decisions to it).
CASCADE = """\
CREATE TRIGGER documents_bd BEFORE DELETE ON documents BEGIN
    DELETE FROM utterances WHERE document_id = old.id;
    DELETE FROM notes WHERE document_id = old.id;
    DELETE FROM dropped WHERE document_id = old.id;
    DELETE FROM diagnostics WHERE document_id = old.id;
    DELETE FROM appearances WHERE document_id = old.id;
    DELETE FROM decisions WHERE document_id = old.id;
    DELETE FROM sections WHERE document_id = old.id;
END;
"""

EXTRAS = (
    """
-- Datasette finds the index by the double-quoted content= option.
CREATE VIRTUAL TABLE utterances_fts USING fts5(
    text, content="utterances", content_rowid="id", tokenize="trigram"
);
CREATE TRIGGER utterances_ai AFTER INSERT ON utterances BEGIN
    INSERT INTO utterances_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER utterances_ad AFTER DELETE ON utterances BEGIN
    INSERT INTO utterances_fts(utterances_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER utterances_au AFTER UPDATE OF id, text ON utterances BEGIN
    INSERT INTO utterances_fts(utterances_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO utterances_fts(rowid, text) VALUES (new.id, new.text);
END;

-- The cascade, for connections that leave PRAGMA foreign_keys off (the sqlite3 shell).

"""
    + CASCADE
    + "\n"
    + VIEW
)
"""The full-text index and its triggers, the delete cascade and the view, as SQL."""

SCHEMA = "\n\n".join(table.create for table in TABLES) + "\n" + EXTRAS
"""The whole layout, as one script of statements: what an empty file is given."""

UPGRADES: tuple[str, ...] = (
    "",  # version 0 is an empty file: it is given SCHEMA
    f"ALTER TABLE utterances ADD COLUMN {UTTERANCES.column('attribution').definition};",
    "DROP VIEW utterance_rows;\n" + VIEW,
    "\n".join(
        (
            PEOPLE.create,
            APPEARANCES.create,
            DECISIONS.create,
            *(
                f"ALTER TABLE utterances ADD COLUMN {UTTERANCES.column(name).definition};"
                for name in ("person", "person_id", "kind", "reply_to")
            ),
            "CREATE INDEX utterances_person ON utterances(person_id);",
            "DROP TRIGGER documents_bd;",
            CASCADE,
        )
    ),
)
"""``UPGRADES[n]`` takes a database of layout version n to n + 1."""

LAYOUT_VERSION = len(UPGRADES)
"""``PRAGMA user_version`` of the layout this code writes."""
