"""The base records: immutable, strict, and (for most) a span of source lines."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

#: The sets of given field names that records share (see :meth:`Record.model_post_init`).
_GIVEN: dict[frozenset[str], set[str]] = {}


R = TypeVar("R", bound="Record")


class Record(BaseModel):
    """Base of all records: immutable and strict."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def model_post_init(self, context: object, /) -> None:
        """Share the set of the names given (``model_fields_set``) among the records given
        the same names. pydantic keeps one set per instance, 728 bytes for 16 names: more
        than the record's own fields, and a third of a parsed document's memory. Nothing
        writes into a shared set: records are frozen, and pydantic copies the set when it
        copies a record (``model_copy``, ``copy``, ``deepcopy``). ``model_fields_set``
        is then shared too: read it, never add to it."""
        names = frozenset(self.__pydantic_fields_set__)
        shared = _GIVEN.get(names)
        if shared is None:  # a set of its own, never one a caller handed in (model_construct)
            shared = _GIVEN.setdefault(names, set(names))
        object.__setattr__(self, "__pydantic_fields_set__", shared)

    def replaced(self: R, **update: object) -> R:
        """A copy with ``update`` applied, whose set of given names is shared as a new
        record's is (``model_copy`` gives every copy a set of its own)."""
        copy = self.model_copy(update=update)
        copy.model_post_init(None)
        return copy


class Severity(str, Enum):
    """How much a diagnostic matters; ``error`` means the data is probably wrong."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Span(Record):
    """A source line span, for records that point at part of the input."""

    line_start: int = Field(ge=1, description="First source line (1-based, inclusive).")
    line_end: int = Field(ge=1, description="Last source line (1-based, inclusive).")
    page_start: int | None = Field(
        default=None,
        ge=1,
        description="Page of line_start, for paged input (PDF, text with form feeds); else null.",
    )
    page_end: int | None = Field(default=None, ge=1, description="Page of line_end, or null.")


class TextSpan(Span):
    """A span that may start or end inside a line (PDF text glues turns onto one line)."""

    column_start: int | None = Field(
        default=None,
        ge=1,
        description="Column on line_start where the record begins, when "
        "it does not own the whole line (1-based); else null.",
    )
    column_end: int | None = Field(
        default=None,
        ge=1,
        description="Column on line_end where the record ends (inclusive), "
        "when it does not own the whole line; else null.",
    )
