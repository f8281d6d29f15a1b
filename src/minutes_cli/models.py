"""The output records: what `minutes` promises its users.

Every record is a frozen pydantic model with ``extra="forbid"`` so that the JSON
schema (``minutes schema``) is exact and a typo in a field name is an error, not
a silent new key. Line numbers are always 1-based lines of the *original* input,
so any record can be traced back to the source. This module imports nothing from
the pipeline: it is the contract, and the pipeline depends on it, not the reverse.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class Record(BaseModel):
    """Base of all records: immutable and strict."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(str, Enum):
    """How much a diagnostic matters; ``error`` means the data is probably wrong."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Span(Record):
    """A source line span, for records that point at part of the input."""

    line_start: int = Field(ge=1, description="First source line (1-based, inclusive).")
    line_end: int = Field(ge=1, description="Last source line (1-based, inclusive).")


class Source(Record):
    """Where the document came from, so a record can be traced back and verified."""

    path: str | None = Field(description="Input path as given, or null for standard input.")
    sha256: str = Field(description="SHA-256 of the input bytes, hex.")
    bytes: int = Field(ge=0, description="Size of the input in bytes.")
    encoding: str = Field(description="Encoding the bytes were decoded with, e.g. 'utf-8'.")
    newline: Literal["LF", "CRLF", "CR", "mixed", "none"] = Field(
        description="Line-ending convention of the input."
    )
    lines: int = Field(ge=0, description="Number of lines in the input.")


class Attendance(Span):
    """A stated attendance count, e.g. ``委員 11 名中７名出席`` -> present 7, total 11."""

    present: int | None = Field(ge=0, description="Number of people present.")
    total: int | None = Field(ge=0, description="Number of members in all, when stated.")
    group: str | None = Field(default=None, description="Who is counted, e.g. '委員'.")


class Meta(Record):
    """Facts about the meeting, read from the header."""

    title: str | None = Field(description="Document title as written (normalised).")
    kind: Literal["議事要旨", "議事録", "会議録", "会議要旨", "議事概要"] | None = Field(
        description="Kind of record, from the title."
    )
    date: str | None = Field(description="Meeting date, ISO 8601 (YYYY-MM-DD).")
    weekday: str | None = Field(
        description="Weekday stated in the source next to the date (月..日), if any."
    )
    start_time: str | None = Field(description="Start time, HH:MM (24-hour).")
    end_time: str | None = Field(description="End time, HH:MM (24-hour).")
    venue: str | None = Field(description="Venue (場所/会場).")
    attendance: Attendance | None = Field(description="Attendance count, when stated.")


class HeaderField(Span):
    """One header line or paragraph, with what it was read as."""

    key: Literal["title", "datetime", "date", "time", "venue", "attendance", "other"] = Field(
        description="What the header paragraph states."
    )
    label: str | None = Field(description="The label before the colon, e.g. '日時', if any.")
    text: str = Field(description="The header paragraph (normalised).")


class LegendEntry(Span):
    """One entry of the speaker legend, e.g. ``◎…議長``."""

    marker: str = Field(description="Canonical marker character (○ for ○/〇/◯).")
    role: str = Field(description="What the marker stands for, e.g. '議長'.")


class Section(Span):
    """A numbered heading and everything under it up to the next heading of its level.

    ``line_start``/``line_end`` cover the whole section, contents included;
    ``heading_line_start``/``heading_line_end`` cover the heading text itself.
    """

    id: str = Field(description="Dotted path of positions in the tree, e.g. '3.2'.")
    number: str = Field(description="The heading's number as written (normalised), e.g. '(2)'.")
    style: str = Field(description="Numbering style, e.g. 'arabic', 'paren-arabic', 'circled'.")
    title: str = Field(description="Heading title, without the number or trailing remarks.")
    remark: str | None = Field(
        description="What followed the title on the heading line, e.g. '＜以下、質疑応答 …＞'."
    )
    level: int = Field(ge=1, description="Depth in the tree, 1 for top level.")
    heading_line_start: int = Field(ge=1, description="First source line of the heading.")
    heading_line_end: int = Field(ge=1, description="Last source line of the heading.")
    children: list[Section] = Field(default_factory=list, description="Sub-sections, in order.")


class Utterance(Span):
    """A paragraph spoken by someone, identified by a speaker marker."""

    seq: int = Field(ge=1, description="Position among utterances, 1-based, in document order.")
    marker: str = Field(description="Canonical marker character that introduced it.")
    role: str | None = Field(description="Role from the legend, or null if the marker is unknown.")
    speaker: str | None = Field(description="Speaker name, when the record names one.")
    section: str | None = Field(description="Id of the innermost enclosing section.")
    section_title: str | None = Field(description="Title of that section, for flat outputs.")
    text: str = Field(description="What was said, reflowed, marker removed.")


class Material(Record):
    """A reference to a handout, e.g. ``資料１ 第２期…の全体像``."""

    id: str = Field(description="The material's label, normalised, e.g. '資料1'.")
    title: str | None = Field(description="Its title, when given after the label.")
    line: int = Field(ge=1, description="Source line of the reference.")


class Note(Span):
    """A paragraph that is not an utterance: an explanation, a bracketed remark, ``（了）``."""

    kind: Literal["bullet", "bracket", "legend", "text"] = Field(
        description=(
            "'bullet' for ・…, 'bracket' for a whole （…） line, 'legend' for a speaker key,"
            " else 'text'."
        )
    )
    section: str | None = Field(description="Id of the innermost enclosing section.")
    text: str = Field(description="The paragraph, reflowed, bullet removed.")
    materials: list[Material] = Field(
        default_factory=list, description="Handouts referred to in this note."
    )


class Dropped(Span):
    """Source text deliberately left out of the data, with the reason."""

    reason: str = Field(description="Why it was dropped, e.g. 'page-number'.")
    text: str = Field(description="The dropped text.")


class Diagnostic(Record):
    """Something the parser noticed that a user should know about."""

    code: str = Field(description="Stable code, e.g. 'M101'.")
    severity: Severity = Field(description="error, warning or info.")
    message: str = Field(description="Human-readable explanation.")
    line: int | None = Field(ge=1, description="Source line (1-based), null for the whole file.")
    column: int | None = Field(default=None, ge=1, description="Source column (1-based).")


class Document(Record):
    """One parsed minutes document."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this format.")
    source: Source = Field(description="The input the document was read from.")
    meta: Meta = Field(description="Facts about the meeting.")
    header: list[HeaderField] = Field(description="Header paragraphs before the first section.")
    speakers: list[LegendEntry] = Field(description="The speaker legend, in order.")
    sections: list[Section] = Field(description="Section tree (top level), in order.")
    utterances: list[Utterance] = Field(description="Utterances, in document order.")
    notes: list[Note] = Field(description="Non-utterance paragraphs, in document order.")
    dropped: list[Dropped] = Field(description="Source text recognised as noise, with reasons.")
    diagnostics: list[Diagnostic] = Field(description="What the parser noticed.")

    def iter_sections(self) -> Iterator[Section]:
        """All sections, depth first, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def owned_spans(self) -> Iterator[tuple[str, int, int]]:
        """``(record kind, first line, last line)`` for each record that owns source lines.

        Every non-blank input line lies in exactly one of these spans: this is the
        lossless guarantee, and tests and ``minutes check`` rely on it.
        """
        for field in self.header:
            yield "header", field.line_start, field.line_end
        for section in self.iter_sections():
            yield "heading", section.heading_line_start, section.heading_line_end
        for utterance in self.utterances:
            yield "utterance", utterance.line_start, utterance.line_end
        for note in self.notes:
            yield "note", note.line_start, note.line_end
        for dropped in self.dropped:
            yield "dropped", dropped.line_start, dropped.line_end


Section.model_rebuild()
