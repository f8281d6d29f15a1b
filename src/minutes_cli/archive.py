"""The searchable archive: parsed documents in one SQLite file (``parse -f sqlite``, ``search``).

SQLite because an archive of minutes should be one file that needs no server, that any
language can query, and that Datasette opens as it is. Documents, sections, utterances,
notes, dropped text and diagnostics are tables keyed to ``documents`` (``ON DELETE CASCADE``,
plus a trigger doing the same for connections that leave foreign keys off), every row keeps
its 1-based source lines, and ``documents.json`` holds the whole record, so nothing is lost.
Utterance text has an FTS5 index with the ``trigram`` tokenizer: Japanese has no spaces
between words, and trigrams find any substring of three characters or more.

Identity is the content: ``documents.sha256`` is unique, and storing a document first removes
the rows of the same content *and* of an older version of the same path, so a re-run updates
in place. Each document is written in its own transaction, so a killed run leaves only whole
documents. Only the CLI imports this module; the pipeline knows nothing of it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from minutes_cli import __version__
from minutes_cli.errors import ArchiveError as ArchiveError
from minutes_cli.models import Document, Section

SCHEMA_VERSION = 1
"""``PRAGMA user_version`` of the layout below; a newer database is refused, not guessed at."""

APPLICATION_ID = 0x4D494E53  # "MINS"
"""``PRAGMA application_id``: tells a minutes archive from any other SQLite file."""

MIN_FTS_QUERY = 3
"""Trigram FTS5 cannot match fewer characters; shorter queries scan with LIKE instead."""

_SCHEMA_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE,               -- as given to minutes parse; NULL for standard input
    sha256 TEXT NOT NULL UNIQUE,    -- of the input bytes: the document's identity
    bytes INTEGER NOT NULL,
    format TEXT NOT NULL,           -- text or pdf
    encoding TEXT,
    newline TEXT NOT NULL,
    lines INTEGER NOT NULL,         -- the document spans source lines 1..lines
    pages INTEGER,
    scheme TEXT NOT NULL,
    title TEXT,
    kind TEXT,
    date TEXT,                      -- ISO 8601, YYYY-MM-DD
    weekday TEXT,
    start_time TEXT,
    end_time TEXT,
    venue TEXT,
    record_version TEXT NOT NULL,   -- schema_version of the JSON record
    minutes_version TEXT NOT NULL,  -- the minutes release that parsed it
    stored_at TEXT NOT NULL,        -- UTC, ISO 8601
    json TEXT NOT NULL              -- the whole record, as minutes parse -f json prints it
);
CREATE INDEX documents_date ON documents(date);

CREATE TABLE sections (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,               -- dotted path in the tree, e.g. 3.2
    parent TEXT,                    -- id of the enclosing section, NULL at the top level
    position INTEGER NOT NULL,      -- order in the document, depth first, 1-based
    number TEXT NOT NULL,
    style TEXT NOT NULL,
    title TEXT NOT NULL,
    remark TEXT,
    level INTEGER NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    heading_line_start INTEGER,
    heading_line_end INTEGER,
    page_start INTEGER,
    page_end INTEGER,
    PRIMARY KEY (document_id, id),
    FOREIGN KEY (document_id, parent) REFERENCES sections(document_id, id)
);

CREATE TABLE utterances (
    id INTEGER PRIMARY KEY,         -- the rowid of utterances_fts
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    marker TEXT NOT NULL,
    role TEXT,
    speaker TEXT,
    honorific TEXT,
    seat INTEGER,
    label TEXT,
    section TEXT,
    section_title TEXT,
    text TEXT NOT NULL,
    events TEXT NOT NULL,           -- JSON array of the events inside the turn
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    column_start INTEGER,
    column_end INTEGER,
    page_start INTEGER,
    page_end INTEGER,
    UNIQUE (document_id, seq),
    FOREIGN KEY (document_id, section) REFERENCES sections(document_id, id)
);
CREATE INDEX utterances_section ON utterances(document_id, section);
CREATE INDEX utterances_role ON utterances(role);
CREATE INDEX utterances_speaker ON utterances(speaker);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,           -- position among the document's notes, 1-based
    kind TEXT NOT NULL,
    section TEXT,
    text TEXT NOT NULL,
    materials TEXT NOT NULL,        -- JSON array of the handouts named
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    column_start INTEGER,
    column_end INTEGER,
    page_start INTEGER,
    page_end INTEGER,
    UNIQUE (document_id, seq),
    FOREIGN KEY (document_id, section) REFERENCES sections(document_id, id)
);
CREATE INDEX notes_section ON notes(document_id, section);

CREATE TABLE dropped (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    text TEXT NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    column_start INTEGER,
    column_end INTEGER,
    page_start INTEGER,
    page_end INTEGER
);
CREATE INDEX dropped_document ON dropped(document_id);

CREATE TABLE diagnostics (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    line INTEGER,                   -- NULL when it concerns the whole file
    "column" INTEGER
);
CREATE INDEX diagnostics_document ON diagnostics(document_id);
CREATE INDEX diagnostics_code ON diagnostics(code);

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
CREATE TRIGGER documents_bd BEFORE DELETE ON documents BEGIN
    DELETE FROM utterances WHERE document_id = old.id;
    DELETE FROM notes WHERE document_id = old.id;
    DELETE FROM dropped WHERE document_id = old.id;
    DELETE FROM diagnostics WHERE document_id = old.id;
    DELETE FROM sections WHERE document_id = old.id;
END;

-- One row per utterance with its document's facts, like minutes parse -f jsonl.
CREATE VIEW utterance_rows AS
SELECT u.id, d.path AS source, d.title, d.date, u.seq, u.section, u.section_title, u.marker,
       u.role, u.speaker, u.text, u.line_start, u.line_end, u.document_id
FROM utterances AS u JOIN documents AS d ON d.id = u.document_id;
"""

MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1,)
"""``MIGRATIONS[n]`` takes a database from version n to n + 1."""


class RecordError(Exception):
    """One document could not be stored (the database refused its rows); others can be."""


class Archive:
    """An open archive: the connection, and the path that error messages name."""

    def __init__(self, path: Path, *, write: bool) -> None:
        self.path, self.write = str(path), write
        self.connection = open_archive(path, write=write)
        if write:
            # A write-ahead log with NORMAL sync: a commit per document costs one fsync less
            # (stores are about a third faster), and a crash still loses no committed document.
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.execute("PRAGMA synchronous = NORMAL")

    def store(self, document: Document, record_json: str) -> bool:
        """Store one document (see :func:`store`); True when it replaced stored rows.
        Raises RecordError for this document, ArchiveError when the database fails."""
        try:
            return store(self.connection, document, record_json) > 0
        except sqlite3.IntegrityError as error:
            raise RecordError(f"cannot store: {error}") from None
        except sqlite3.Error as error:
            raise ArchiveError(self.path, f"cannot write database: {error}") from None

    def search(self, query: Query) -> list[Hit]:
        """See :func:`search`; raises ArchiveError when the database cannot be read."""
        try:
            return search(self.connection, query)
        except sqlite3.Error as error:
            raise ArchiveError(self.path, f"cannot read database: {error}") from None

    def close(self) -> None:
        """Close; a writer first turns the log back into one self-contained file (if no one
        else has the database open: else it stays in WAL mode, which SQLite reads as well)."""
        if self.write:
            with suppress(sqlite3.Error):
                self.connection.execute("PRAGMA journal_mode = DELETE")
        self.connection.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# --- opening ---------------------------------------------------------------------------


def open_archive(path: Path, *, write: bool) -> sqlite3.Connection:
    """Open (and for writing, create or migrate) the archive at *path*.

    Reading never creates a file (``mode=ro``) and never changes one. Raises ArchiveError.
    """
    if path.is_dir():
        raise ArchiveError(str(path), "is a directory, not a database")
    if not write and not path.exists():
        raise ArchiveError(str(path), "no such file")
    uri = f"{path.resolve().as_uri()}?mode={'rwc' if write else 'ro'}"
    try:
        connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
    except sqlite3.Error as error:
        raise ArchiveError(str(path), f"cannot open database: {error}") from None
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        _check_and_migrate(connection, str(path), write)
    except BaseException:
        connection.close()
        raise
    return connection


def _check_and_migrate(connection: sqlite3.Connection, path: str, write: bool) -> None:
    try:
        application_id = _pragma(connection, "application_id")
        version = _pragma(connection, "user_version")
        (objects,) = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:  # "file is not a database"
        raise ArchiveError(path, f"not a minutes database ({error})") from None
    fresh = application_id == 0 and version == 0 and objects == 0
    if not fresh and application_id != APPLICATION_ID:
        raise ArchiveError(path, "not a minutes database (written by another program)")
    if version > SCHEMA_VERSION:
        raise ArchiveError(
            path,
            f"database schema version {version} is newer than this minutes reads "
            f"({SCHEMA_VERSION}); upgrade minutes",
        )
    if version == SCHEMA_VERSION:
        return
    if not write:
        what = "empty" if fresh else f"schema version {version}, older than {SCHEMA_VERSION}"
        hint = "" if fresh else "; run minutes parse -f sqlite on it to upgrade"
        raise ArchiveError(path, f"not a minutes database ({what}){hint}")
    try:
        with _transaction(connection):
            for step in MIGRATIONS[version:]:
                for statement in _statements(step):
                    connection.execute(statement)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.OperationalError as error:
        if "trigram" in str(error) or "fts5" in str(error):
            error_text = f"this SQLite ({sqlite3.sqlite_version}) lacks FTS5 trigram (3.34+)"
            raise ArchiveError(path, error_text) from None
        raise ArchiveError(path, f"cannot write database: {error}") from None


def _pragma(connection: sqlite3.Connection, name: str) -> int:
    (value,) = connection.execute(f"PRAGMA {name}").fetchone()
    return int(value)


def _statements(script: str) -> Iterator[str]:
    """Split DDL into statements (``executescript`` would commit the open transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error or interrupt."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


# --- writing ---------------------------------------------------------------------------


def store(connection: sqlite3.Connection, document: Document, record_json: str) -> int:
    """Write *document* (and its JSON text) in one transaction; return how many stored
    documents it replaced: those with the same content or the same path (0, 1 or 2)."""
    source, meta = document.source, document.meta
    with _transaction(connection):
        replaced = connection.execute(
            "DELETE FROM documents WHERE sha256 = ? OR (path IS NOT NULL AND path = ?)",
            (source.sha256, source.path),
        ).rowcount
        cursor = connection.execute(
            "INSERT INTO documents (path, sha256, bytes, format, encoding, newline, lines, pages,"
            " scheme, title, kind, date, weekday, start_time, end_time, venue, record_version,"
            " minutes_version, stored_at, json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                source.path,
                source.sha256,
                source.bytes,
                source.format,
                source.encoding,
                source.newline,
                source.lines,
                source.pages,
                document.scheme,
                meta.title,
                meta.kind,
                meta.date,
                meta.weekday,
                meta.start_time,
                meta.end_time,
                meta.venue,
                document.schema_version,
                __version__,
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
                record_json,
            ),
        )
        document_id = cursor.lastrowid
        connection.executemany(
            "INSERT INTO sections (document_id, id, parent, position, number, style, title,"
            " remark, level, line_start, line_end, heading_line_start, heading_line_end,"
            " page_start, page_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    document_id,
                    s.id,
                    parent,
                    position,
                    s.number,
                    s.style,
                    s.title,
                    s.remark,
                    s.level,
                    s.line_start,
                    s.line_end,
                    s.heading_line_start,
                    s.heading_line_end,
                    s.page_start,
                    s.page_end,
                )
                for position, (s, parent) in enumerate(_with_parents(document.sections), 1)
            ),
        )
        connection.executemany(
            "INSERT INTO utterances (document_id, seq, marker, role, speaker, honorific, seat,"
            " label, section, section_title, text, events, line_start, line_end, column_start,"
            " column_end, page_start, page_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    document_id,
                    u.seq,
                    u.marker,
                    u.role,
                    u.speaker,
                    u.honorific,
                    u.seat,
                    u.label,
                    u.section,
                    u.section_title,
                    u.text,
                    _json([e.model_dump(mode="json") for e in u.events]),
                    u.line_start,
                    u.line_end,
                    u.column_start,
                    u.column_end,
                    u.page_start,
                    u.page_end,
                )
                for u in document.utterances
            ),
        )
        connection.executemany(
            "INSERT INTO notes (document_id, seq, kind, section, text, materials, line_start,"
            " line_end, column_start, column_end, page_start, page_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    document_id,
                    seq,
                    n.kind,
                    n.section,
                    n.text,
                    _json([m.model_dump(mode="json") for m in n.materials]),
                    n.line_start,
                    n.line_end,
                    n.column_start,
                    n.column_end,
                    n.page_start,
                    n.page_end,
                )
                for seq, n in enumerate(document.notes, 1)
            ),
        )
        connection.executemany(
            "INSERT INTO dropped (document_id, reason, text, line_start, line_end, column_start,"
            " column_end, page_start, page_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    document_id,
                    d.reason,
                    d.text,
                    d.line_start,
                    d.line_end,
                    d.column_start,
                    d.column_end,
                    d.page_start,
                    d.page_end,
                )
                for d in document.dropped
            ),
        )
        connection.executemany(
            'INSERT INTO diagnostics (document_id, code, severity, message, line, "column")'
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                (document_id, d.code, d.severity.value, d.message, d.line, d.column)
                for d in document.diagnostics
            ),
        )
    return replaced


def _with_parents(
    sections: Sequence[Section], parent: str | None = None
) -> Iterator[tuple[Section, str | None]]:
    """Depth first, parents before children (the self-reference needs that order)."""
    for section in sections:
        yield section, parent
        yield from _with_parents(section.children, section.id)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def compact_json(record_json: str) -> str:
    """The record as one line of real (not ``\\u``-escaped) UTF-8, for ``documents.json``."""
    return _json(json.loads(record_json))


# --- searching -------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What ``minutes search`` looks for; dates are inclusive ISO strings."""

    text: str
    role: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


@dataclass(frozen=True)
class Hit:
    """One matching utterance, with where it came from."""

    document_id: int
    path: str | None
    title: str | None
    date: str | None
    seq: int
    section: str | None
    section_title: str | None
    role: str | None
    speaker: str | None
    text: str
    line_start: int
    line_end: int
    page_start: int | None
    page_end: int | None


HIT_FIELDS: tuple[str, ...] = tuple(Hit.__dataclass_fields__)


def fts_phrase(text: str) -> str:
    """*text* as one FTS5 string: a literal phrase, whatever operators or quotes it holds."""
    return '"' + text.replace('"', '""') + '"'


def like_pattern(text: str) -> str:
    """*text* as a LIKE substring pattern, with ``%``, ``_`` and the escape itself escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(connection: sqlite3.Connection, query: Query) -> list[Hit]:
    """Utterances containing ``query.text``, newest document first, then in document order.

    Three characters or more go through the trigram index; shorter text (``議長``) cannot,
    so it is a LIKE scan over the (filtered) utterances instead.
    """
    if len(query.text) >= MIN_FTS_QUERY:
        clauses = ["u.id IN (SELECT rowid FROM utterances_fts WHERE utterances_fts MATCH ?)"]
        parameters: list[str | int] = [fts_phrase(query.text)]
    else:
        clauses = ["u.text LIKE ? ESCAPE '\\'"]
        parameters = [like_pattern(query.text)]
    for clause, value in (
        ("u.role = ?", query.role),
        ("d.date >= ?", query.since),
        ("d.date <= ?", query.until),
    ):
        if value is not None:
            clauses.append(clause)
            parameters.append(value)
    parameters.append(-1 if query.limit is None else query.limit)
    sql = (
        "SELECT d.id, d.path, d.title, d.date, u.seq, u.section, u.section_title, u.role,"
        " u.speaker, u.text, u.line_start, u.line_end, u.page_start, u.page_end"
        " FROM utterances AS u JOIN documents AS d ON d.id = u.document_id"
        f" WHERE {' AND '.join(clauses)}"
        " ORDER BY d.date IS NULL, d.date DESC, d.path, d.id, u.seq LIMIT ?"
    )
    return [Hit(*row) for row in connection.execute(sql, parameters)]
