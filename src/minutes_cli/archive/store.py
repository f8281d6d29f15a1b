"""Opening, creating or migrating, and writing the archive.

Reading never creates or changes a file; writing creates the layout of :mod:`.tables` in an
empty file and refuses any other program's database or a newer layout. Identity is the
content: ``documents.sha256`` is unique, and storing a document first removes the rows of the
same content *and* of an older version of the same path, so a re-run updates in place. Each
document is written in its own transaction, so a killed run leaves only whole documents.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from minutes_cli.archive.columns import Item, Table
from minutes_cli.archive.roster import DECISIONS, forget_strangers, store_people
from minutes_cli.archive.tables import (
    DIAGNOSTICS,
    DOCUMENTS,
    DROPPED,
    LAYOUT_VERSION,
    NOTES,
    SCHEMA,
    SECTIONS,
    UPGRADES,
    UTTERANCES,
    StoredDocument,
    json_text,
    numbered,
    placed,
)
from minutes_cli.errors import ArchiveError
from minutes_cli.models import Document

SCHEMA_VERSION = LAYOUT_VERSION
"""``PRAGMA user_version`` of the layout; a newer database is refused, not guessed at, and an
older one is upgraded in place when it is written to (:data:`~.tables.UPGRADES`)."""

APPLICATION_ID = 0x4D494E53  # "MINS"
"""``PRAGMA application_id``: tells a minutes archive from any other SQLite file."""


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
    if not write and fresh:
        raise ArchiveError(path, "not a minutes database (empty)")
    if not write:
        raise ArchiveError(
            path,
            f"database schema version {version} is older than this minutes reads "
            f"({SCHEMA_VERSION}); minutes parse -f sqlite -o {path} FILE… upgrades it",
        )
    try:
        with _transaction(connection):
            steps = [SCHEMA] if version == 0 else UPGRADES[version:]
            for step in steps:
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


def store(connection: sqlite3.Connection, document: Document, record_json: str) -> int:
    """Write *document* (and its JSON text) in one transaction; return how many stored
    documents it replaced: those with the same content or the same path (0, 1 or 2)."""
    stored_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with _transaction(connection):
        replaced = connection.execute(
            "DELETE FROM documents WHERE sha256 = ? OR (path IS NOT NULL AND path = ?)",
            (document.source.sha256, document.source.path),
        ).rowcount
        row = DOCUMENTS.row(StoredDocument(document, record_json, stored_at))
        document_id = connection.execute(DOCUMENTS.insert, row).lastrowid
        _insert(connection, SECTIONS, placed(document.sections), document_id)
        _insert(connection, UTTERANCES, document.utterances, document_id)
        _insert(connection, NOTES, numbered(document.notes), document_id)
        _insert(connection, DROPPED, document.dropped, document_id)
        _insert(connection, DIAGNOSTICS, document.diagnostics, document_id)
        _insert(connection, DECISIONS, document.decisions, document_id)
        store_people(connection, document, document_id)
        if replaced:
            forget_strangers(connection)
    return replaced


def _insert(
    connection: sqlite3.Connection,
    table: Table[Item],
    items: Iterable[Item],
    document_id: int | None,
) -> None:
    """One document's rows of *table*, in one statement."""
    connection.executemany(table.insert, table.rows(items, document_id))


def compact_json(record_json: str) -> str:
    """The record as one line of real (not ``\\u``-escaped) UTF-8, for ``documents.json``."""
    return json_text(json.loads(record_json))
