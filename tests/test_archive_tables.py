"""The archive's table description: the SQL made from it is the version 4 layout, a
version 1 database is upgraded to the same columns, the DDL creates exactly the declared
columns, every column is filled from the record by name, and search reads the columns it
names."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import pytest

from minutes_cli import __version__, archive, parse_file
from minutes_cli.archive import search, tables
from minutes_cli.archive.columns import ROWID, Column, Index, Table
from minutes_cli.archive.tables import TABLES
from minutes_cli.models import Document, Record, Section
from tests.conftest import FIXTURES

R = TypeVar("R", bound=Record)

CHILDREN = ("sections", "utterances", "notes", "dropped", "diagnostics")


def items(doc: Document, table: str) -> list[Record]:
    """The records a table has one row for, in the order they are stored."""
    if table == "sections":
        return list(doc.iter_sections())
    found: list[Record] = getattr(doc, table)
    return found


def fresh(tmp_path: Path) -> sqlite3.Connection:
    with archive.Archive(tmp_path / "m.db", write=True):
        pass
    return sqlite3.connect(tmp_path / "m.db")


def test_the_schema_has_exactly_the_declared_tables(tmp_path: Path) -> None:
    with closing(fresh(tmp_path)) as connection:
        found = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'utterances_fts%'"
            )
        }
        indexes = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            )
        }
    assert found == {table.name for table in TABLES}
    assert indexes == {index.name for table in TABLES for index in table.indexes}


#: Each layout version as SQLite keeps it (``sqlite_master.sql``). A database of version n
#: is ``archive_schema_v<n>.sql`` forever: changing the layout means a new SCHEMA_VERSION, an
#: upgrade in ``tables.UPGRADES``, and a new file beside these (version 1 was written by the
#: code before the tables were declared as columns).
def layout_file(version: int) -> Path:
    return Path(__file__).with_name(f"archive_schema_v{version}.sql")


def layout(connection: sqlite3.Connection) -> str:
    made = connection.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"
        " AND name NOT LIKE 'utterances_fts_%' ORDER BY rowid"  # FTS5's own tables
    ).fetchall()
    return "".join(f"{sql};\n\n" for (sql,) in made).rstrip("\n") + "\n"


def test_the_layout_is_version_4(tmp_path: Path) -> None:
    assert archive.SCHEMA_VERSION == 4
    with closing(fresh(tmp_path)) as connection:
        assert layout(connection) == layout_file(4).read_text(encoding="utf-8")


def columns(connection: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    return {
        table.name: connection.execute(f"PRAGMA table_xinfo({table.name})").fetchall()
        for table in TABLES
    }


def test_a_version_1_database_is_upgraded_when_written_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.db"
    with closing(sqlite3.connect(old)) as connection:
        connection.executescript(layout_file(1).read_text(encoding="utf-8"))
        connection.execute(
            "INSERT INTO documents (path, sha256, bytes, format, newline, lines, scheme,"
            " record_version, minutes_version, stored_at, json) VALUES ('a.txt', 'x', 1,"
            " 'text', 'LF', 1, 'legend', '1.0', '0', 'now', '{}')"
        )
        connection.execute(
            "INSERT INTO utterances (document_id, seq, marker, text, events, line_start,"
            " line_end) VALUES (1, 1, '○', '古い発言', '[]', 1, 1)"
        )
        connection.execute(f"PRAGMA application_id = {archive.APPLICATION_ID}")
        connection.execute("PRAGMA user_version = 1")
        connection.commit()
    with pytest.raises(archive.ArchiveError, match="version 1 is older than this minutes reads"):
        archive.Archive(old, write=False)  # reading never changes a file
    with archive.Archive(old, write=True) as store:
        store.store(parse_file(FIXTURES / "seed_kushiro_2025.txt"), "{}")
    with closing(sqlite3.connect(old)) as upgraded, closing(fresh(tmp_path)) as new:
        assert upgraded.execute("PRAGMA user_version").fetchone() == (archive.SCHEMA_VERSION,)
        assert columns(upgraded) == columns(new)
        view = "SELECT sql FROM sqlite_master WHERE name = 'utterance_rows'"
        assert upgraded.execute(view).fetchall() == new.execute(view).fetchall()  # version 3
        rows = upgraded.execute("SELECT text, attribution FROM utterances ORDER BY id").fetchall()
    assert rows[0] == ("古い発言", None)  # stored by version 1: nobody said how
    assert {attribution for _, attribution in rows[1:]} == {"legend"}


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_the_ddl_creates_exactly_the_declared_columns(tmp_path: Path, table: Table[Any]) -> None:
    with closing(fresh(tmp_path)) as connection:
        info = connection.execute(f"PRAGMA table_xinfo({table.name})").fetchall()
    assert [row[1] for row in info] == [column.name for column in table.columns]
    for (_, name, kind, not_null, _, _, _), column in zip(info, table.columns, strict=True):
        assert kind == column.sql.split()[0], name
        assert bool(not_null) == ("NOT NULL" in column.sql), name
    keys = [c.name for c in table.columns if "PRIMARY KEY" in c.sql] + [
        name.strip()
        for constraint in table.constraints
        if constraint.startswith("PRIMARY KEY (")
        for name in constraint[len("PRIMARY KEY (") : -1].split(",")
    ]
    assert [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]] == keys


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_the_insert_names_every_column_but_the_rowid(table: Table[Any]) -> None:
    stored = [c.name for c in table.columns if c.value is not ROWID]
    names = [name.strip('"') for name in table.insert.split("(")[1].split(")")[0].split(", ")]
    assert names == stored and table.insert.count("?") == len(stored)
    for column in table.columns:  # only an INTEGER PRIMARY KEY is left to SQLite
        assert (column.value is ROWID) == (column.sql == "INTEGER PRIMARY KEY"), column.name


def test_a_column_is_declared_once_and_indexes_name_declared_columns() -> None:
    column: Column[object] = Column("a", "TEXT", lambda _: None)
    with pytest.raises(ValueError, match="declared twice"):
        Table("t", (column, column))
    with pytest.raises(ValueError, match="undeclared column"):
        Table("t", (column,), indexes=(Index("t_b", ("b",)),))
    with pytest.raises(KeyError):
        Table("t", (column,)).column("b")


def filled(record: R) -> R:
    """*record* with every empty optional field given a value of its own (a number or a
    text), so that a column left unfilled shows as NULL and one filled from the wrong field
    shows as a wrong value. ``section`` stays: it is a foreign key."""
    update: dict[str, object] = {}
    for number, (name, info) in enumerate(type(record).model_fields.items(), 1001):
        if getattr(record, name) is None and name != "section":
            update[name] = number if "int" in str(info.annotation) else f"<{name}>"
    return record.model_copy(update=update)


def filled_section(section: Section) -> Section:
    children = [filled_section(child) for child in section.children]
    return filled(section).model_copy(update={"children": children})


def filled_document(doc: Document) -> Document:
    return doc.model_copy(
        update={
            "source": filled(doc.source),
            "meta": filled(doc.meta),
            "sections": [filled_section(s) for s in doc.sections],
            "utterances": [filled(u) for u in doc.utterances],
            "notes": [filled(n) for n in doc.notes],
            "dropped": [filled(d) for d in doc.dropped],
            "diagnostics": [filled(d) for d in doc.diagnostics],
        }
    )


def stored(value: object) -> object:
    """A record's field as its column holds it: lists as JSON text, enums by value."""
    if isinstance(value, list):
        return tables.json_text([item.model_dump(mode="json") for item in value])
    return getattr(value, "value", value)


def test_every_document_derived_column_is_filled_by_name(tmp_path: Path) -> None:
    doc = filled_document(parse_file(FIXTURES / "doubled_page_footer.txt"))
    assert all(items(doc, name) for name in CHILDREN), "the fixture has rows for every table"
    with archive.Archive(tmp_path / "m.db", write=True) as store:
        store.store(doc, "{}")
        connection = store.connection
        connection.row_factory = sqlite3.Row
        (document,) = connection.execute("SELECT * FROM documents").fetchall()
        expected = {
            **{name: stored(getattr(doc.source, name)) for name in type(doc.source).model_fields},
            **{name: stored(getattr(doc.meta, name)) for name in type(doc.meta).model_fields},
            "scheme": doc.scheme,
            "record_version": doc.schema_version,
            "minutes_version": __version__,
            "json": "{}",
        }
        assert document["id"] == 1 and document["stored_at"].endswith("+00:00")
        for name in set(document.keys()) - {"id", "stored_at"}:
            assert document[name] == expected[name], name
            assert document[name] is not None, name
        # the archive's, not the record's
        own = {"id", "document_id", "parent", "position", "seq", "person_id"}
        for name in CHILDREN:
            rows = connection.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
            assert len(rows) == len(items(doc, name)), name
            for row, item in zip(rows, items(doc, name), strict=True):
                assert row["document_id"] == 1, name
                for column in row.keys():  # noqa: SIM118 (a Row iterates over its values)
                    if column in own and column not in type(item).model_fields:
                        continue
                    assert row[column] == stored(getattr(item, column)), (name, column)
                    if column != "section":
                        assert row[column] is not None, (name, column)


def test_sections_keep_their_place_in_the_tree(tmp_path: Path) -> None:
    doc = parse_file(FIXTURES / "seed_kushiro_2025.txt")
    parents = {child.id: s.id for s in doc.iter_sections() for child in s.children}
    assert parents, "the seed has nested sections"
    with archive.Archive(tmp_path / "m.db", write=True) as store:
        store.store(doc, doc.model_dump_json())
        rows = store.connection.execute(
            "SELECT id, parent, position FROM sections ORDER BY position"
        ).fetchall()
        notes = [seq for (seq,) in store.connection.execute("SELECT seq FROM notes ORDER BY id")]
    assert rows == [
        (s.id, parents.get(s.id), position) for position, s in enumerate(doc.iter_sections(), 1)
    ]
    assert notes == list(range(1, len(doc.notes) + 1))


def test_hit_fields_name_declared_columns_of_matching_nullability() -> None:
    assert search.HIT_FIELDS == archive.HIT_FIELDS
    assert [part.rsplit(" AS ", 1)[1] for part in search.SELECT.split(", ")] == list(
        archive.HIT_FIELDS
    )
    joined: dict[str, Table[Any]] = {"u": tables.UTTERANCES, "d": tables.DOCUMENTS}
    for field in fields(archive.Hit):
        alias, name = field.metadata["sql"].split(".")
        column = joined[alias].column(name)
        nullable = "NOT NULL" not in column.sql and "PRIMARY KEY" not in column.sql
        assert ("None" in str(field.type)) == nullable, field.name
    with pytest.raises(KeyError):
        search._read("u", "no_such_column")


def test_hits_are_built_by_column_name(tmp_path: Path) -> None:
    doc = parse_file(FIXTURES / "seed_kushiro_2025.txt")
    with archive.Archive(tmp_path / "m.db", write=True) as store:
        store.store(doc, doc.model_dump_json())
        hits = store.search(archive.Query("国際交流プラザ"))
    (hit,) = hits
    utterance = doc.utterances[hit.seq - 1]
    assert "国際交流プラザ" in hit.text and hit.text == utterance.text
    assert (hit.path, hit.title, hit.date) == (doc.source.path, doc.meta.title, doc.meta.date)
    assert (hit.section, hit.section_title, hit.role, hit.speaker) == (
        utterance.section,
        utterance.section_title,
        utterance.role,
        utterance.speaker,
    )
    assert (hit.line_start, hit.line_end, hit.page_start, hit.page_end) == (
        utterance.line_start,
        utterance.line_end,
        utterance.page_start,
        utterance.page_end,
    )
    assert hit.document_id == 1
