"""The searchable archive: parsed documents in one SQLite file (``parse -f sqlite``, ``search``).

SQLite because an archive of minutes should be one file that needs no server, that any
language can query, and that Datasette opens as it is. Documents, sections, utterances,
notes, dropped text and diagnostics are tables keyed to ``documents`` (``ON DELETE CASCADE``,
plus a trigger doing the same for connections that leave foreign keys off), every row keeps
its 1-based source lines, and ``documents.json`` holds the whole record, so nothing is lost.
Utterance text has an FTS5 index with the ``trigram`` tokenizer: Japanese has no spaces
between words, and trigrams find any substring of three characters or more.

:mod:`.tables` declares each table's columns once and makes the SQL from them,
:mod:`.store` opens, creates and writes the file, :mod:`.search` reads hits from it; this
module is the :class:`Archive` the CLI uses. Only the CLI imports the package: the pipeline
knows nothing of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

# The functions under private names, so that archive.store and archive.search stay the modules.
from minutes_cli.archive.search import HIT_FIELDS, Hit, Query
from minutes_cli.archive.search import search as _search
from minutes_cli.archive.store import APPLICATION_ID, SCHEMA_VERSION, compact_json, open_archive
from minutes_cli.archive.store import store as _store
from minutes_cli.errors import ArchiveError, RecordError
from minutes_cli.models import STDIN, Document
from minutes_cli.stats import Turn, turn

__all__ = [
    "APPLICATION_ID",
    "HIT_FIELDS",
    "SCHEMA_VERSION",
    "Archive",
    "ArchiveError",
    "Hit",
    "Query",
    "RecordError",
    "compact_json",
]


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
        """Store one document (see :func:`.store.store`); True when it replaced stored rows.
        Raises RecordError for this document, ArchiveError when the database fails."""
        try:
            return _store(self.connection, document, record_json) > 0
        except sqlite3.IntegrityError as error:
            where = document.source.path or STDIN
            raise RecordError(where, f"cannot store: {error}") from None
        except sqlite3.Error as error:
            raise ArchiveError(self.path, f"cannot write database: {error}") from None

    def search(self, query: Query) -> list[Hit]:
        """See :func:`.search.search`; raises ArchiveError when the database cannot be read."""
        try:
            return _search(self.connection, query)
        except sqlite3.Error as error:
            raise ArchiveError(self.path, f"cannot read database: {error}") from None

    def turns(self) -> Iterator[Turn]:
        """Every stored utterance as a :class:`~minutes_cli.stats.Turn`, oldest meeting
        first, then in document order; raises ArchiveError when the database cannot be read."""
        sql = (
            "SELECT d.path, u.role, u.speaker, u.text"
            " FROM utterances AS u JOIN documents AS d ON d.id = u.document_id"
            " ORDER BY d.date IS NULL, d.date, d.path, d.id, u.seq"
        )
        try:
            for path, role, speaker, text in self.connection.execute(sql):
                yield turn(STDIN if path is None else path, role, speaker, text)
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
