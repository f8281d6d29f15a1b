"""Compare two ``minutes parse -f sqlite`` databases: layout first, then every row.

A change to the archive code that should not change the file (a refactor) is checked by
building a database from the same inputs, run from the same directory, with the old code
and with the new one, then::

    python scripts/compare_archives.py old.db new.db

It compares the ``application_id`` and ``user_version``, ``sqlite_master`` (type, name,
table, root page and the SQL text), and for every table ``PRAGMA table_xinfo``,
``index_list`` with ``index_info`` of each index, and ``foreign_key_list``; then every row of
every table, FTS5 shadow tables included, except ``documents.stored_at`` (the clock).
Exit 0 when all is the same, 1 otherwise, with each difference named.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

#: Columns whose values differ between any two runs.
CLOCK = {("documents", "stored_at")}


def pragma(connection: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in connection.execute(sql)]


def layout(connection: sqlite3.Connection) -> dict[str, object]:
    """Everything that makes up the layout, keyed by what it is."""
    found: dict[str, object] = {
        "application_id": pragma(connection, "PRAGMA application_id"),
        "user_version": pragma(connection, "PRAGMA user_version"),
        "sqlite_master": pragma(
            connection,
            "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master ORDER BY rowid",
        ),
        "triggers": names(connection, "trigger"),
        "views": names(connection, "view"),
    }
    for table in names(connection, "table"):
        quoted = quote(table)
        found[f"{table}: table_xinfo"] = pragma(connection, f"PRAGMA table_xinfo({quoted})")
        indexes = pragma(connection, f"PRAGMA index_list({quoted})")
        found[f"{table}: index_list"] = indexes
        for index in indexes:
            name = str(index[1])
            found[f"{table}: index_info {name}"] = pragma(
                connection, f"PRAGMA index_info({quote(name)})"
            )
        found[f"{table}: foreign_key_list"] = pragma(
            connection, f"PRAGMA foreign_key_list({quoted})"
        )
    return found


def names(connection: sqlite3.Connection, kind: str) -> list[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = ? ORDER BY name"
    return [name for (name,) in connection.execute(sql, (kind,))]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rows(connection: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The table's columns (rowid first where it has one) and its rows in rowid order,
    clock columns left out."""
    try:
        sql = f"SELECT rowid AS _rowid_, * FROM {quote(table)} ORDER BY rowid"
        cursor = connection.execute(sql)
    except sqlite3.OperationalError:  # WITHOUT ROWID (FTS5 shadow tables)
        cursor = connection.execute(f"SELECT * FROM {quote(table)}")
    columns = [description[0] for description in cursor.description]
    kept = [i for i, name in enumerate(columns) if (table, name) not in CLOCK]
    found = [tuple(row[i] for i in kept) for row in cursor]
    if columns[0] != "_rowid_":
        found.sort(key=repr)
    return [columns[i] for i in kept], found


def compare(old: Path, new: Path) -> list[str]:
    """What differs, one line each; empty when nothing does."""
    differences: list[str] = []
    with closing(read_only(old)) as a, closing(read_only(new)) as b:
        before, after = layout(a), layout(b)
        for key in sorted(before.keys() | after.keys()):
            if before.get(key) != after.get(key):
                differences.append(f"layout: {key}: {before.get(key)!r} != {after.get(key)!r}")
        checked = 0
        for table in names(a, "table"):
            if table not in names(b, "table"):
                continue  # reported with the layout
            old_rows, new_rows = rows(a, table), rows(b, table)
            checked += len(old_rows[1])
            if old_rows != new_rows:
                differences.append(
                    f"rows: {table}: {len(old_rows[1])} rows, {len(new_rows[1])} rows;"
                    f" first difference: {first_difference(old_rows, new_rows)}"
                )
            print(f"{table}: {len(old_rows[1])} rows of {len(old_rows[0])} columns compared")
        print(f"{len(before)} layout entries and {checked} rows compared")
    return differences


def read_only(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise SystemExit(f"{path}: no such file")
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def first_difference(
    old: tuple[list[str], list[tuple[Any, ...]]], new: tuple[list[str], list[tuple[Any, ...]]]
) -> str:
    if old[0] != new[0]:
        return f"columns {old[0]} != {new[0]}"
    for index, (a, b) in enumerate(zip(old[1], new[1], strict=False)):
        if a != b:
            return f"row {index}: {a!r} != {b!r}"
    return "row counts"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    args = parser.parse_args()
    differences = compare(args.old, args.new)
    for line in differences:
        print(line)
    print("the same" if not differences else f"{len(differences)} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
