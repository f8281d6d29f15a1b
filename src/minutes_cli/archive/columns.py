"""A table described once, as a tuple of columns, and the SQL made from the description.

A :class:`Column` is its name, its SQL type and constraints, how its value is taken from
what a row is made of, and a comment. A :class:`Table` makes from its columns the
``CREATE TABLE`` text (comments included, so the sqlite3 shell's ``.schema`` explains the
columns), its indexes, the ``INSERT`` statement and each row's values, so a column cannot be
added to one and forgotten in another. :mod:`.tables` holds the archive's tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Final, Generic, NamedTuple, TypeAlias, TypeVar

SQLValue: TypeAlias = str | int | None
"""What a column is given: the archive stores text, integers and NULL."""

Item = TypeVar("Item", contravariant=True)
"""What one row of a table is made from (a section, an utterance, …). Contravariant: a column
that reads any text span is a column of utterances too."""


class Given(Enum):
    """Values that are not taken from the record."""

    #: The ``INTEGER PRIMARY KEY``: SQLite assigns it, so the INSERT leaves it out.
    ROWID = "rowid"
    #: The id of the ``documents`` row the row belongs to.
    DOCUMENT_ID = "document_id"


ROWID: Final = Given.ROWID
DOCUMENT_ID: Final = Given.DOCUMENT_ID

#: Column names that are SQL keywords (of ours, only this one), double-quoted wherever
#: they are written.
_KEYWORDS = frozenset({"column"})

#: Where the comments of ``CREATE TABLE`` start, so that they line up.
_COMMENT_AT = 36


@dataclass(frozen=True)
class Column(Generic[Item]):
    """One column: ``name sql``, its value for a row made from an *Item*, and what it holds.

    A generic frozen dataclass rather than a NamedTuple: a NamedTuple cannot be generic
    before Python 3.11, and the type of *value* is what lets mypy check every column's
    source against the model."""

    name: str
    sql: str
    value: Callable[[Item], SQLValue] | Given
    comment: str = ""

    @property
    def identifier(self) -> str:
        """The name as SQL writes it."""
        return f'"{self.name}"' if self.name in _KEYWORDS else self.name

    @property
    def definition(self) -> str:
        """``name TYPE …``, as CREATE TABLE and ADD COLUMN write it."""
        return f"{self.identifier} {self.sql}"

    def of(self, item: Item, document_id: int | None) -> SQLValue:
        """This column's value in the row made from *item*."""
        if self.value is ROWID:
            raise ValueError(f"{self.name} is assigned by SQLite, not stored")
        if self.value is DOCUMENT_ID:
            return document_id
        return self.value(item)


class Index(NamedTuple):
    """``CREATE INDEX name ON table(columns)``."""

    name: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Table(Generic[Item]):
    """A table: its columns in order, table constraints, and indexes on it."""

    name: str
    columns: tuple[Column[Item], ...]
    constraints: tuple[str, ...] = ()
    indexes: tuple[Index, ...] = ()

    def __post_init__(self) -> None:
        names = [column.name for column in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: a column is declared twice: {names}")
        for index in self.indexes:
            if not set(index.columns) <= set(names):
                raise ValueError(f"{self.name}: index {index.name} names an undeclared column")

    def column(self, name: str) -> Column[Item]:
        """The column called *name*; KeyError when the table has none."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.name} has no column {name!r}")

    @cached_property
    def stored(self) -> tuple[Column[Item], ...]:
        """The columns an INSERT gives values to: all but the one SQLite assigns."""
        return tuple(column for column in self.columns if column.value is not ROWID)

    @cached_property
    def create(self) -> str:
        """``CREATE TABLE`` and ``CREATE INDEX``, as one script."""
        entries = [(c.definition, c.comment) for c in self.columns]
        entries += [(constraint, "") for constraint in self.constraints]
        lines = []
        for number, (text, comment) in enumerate(entries, 1):
            line = f"    {text}{',' if number < len(entries) else ''}"
            lines.append(f"{line.ljust(_COMMENT_AT)}-- {comment}" if comment else line)
        statements = [f"CREATE TABLE {self.name} (\n" + "\n".join(lines) + "\n);"]
        statements += [
            f"CREATE INDEX {index.name} ON {self.name}({', '.join(index.columns)});"
            for index in self.indexes
        ]
        return "\n".join(statements)

    @cached_property
    def insert(self) -> str:
        """The INSERT statement, one ``?`` per stored column, in declaration order."""
        names = ", ".join(column.identifier for column in self.stored)
        marks = ", ".join("?" for _ in self.stored)
        return f"INSERT INTO {self.name} ({names}) VALUES ({marks})"

    def row(self, item: Item, document_id: int | None = None) -> tuple[SQLValue, ...]:
        """The INSERT's values for one row made from *item*."""
        return tuple(column.of(item, document_id) for column in self.stored)

    def rows(
        self, items: Iterable[Item], document_id: int | None
    ) -> Iterator[tuple[SQLValue, ...]]:
        """The INSERT's values for many rows, all of one document."""
        return (self.row(item, document_id) for item in items)
