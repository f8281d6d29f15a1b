"""The output records: what `minutes` promises its users.

Every record is a frozen pydantic model with ``extra="forbid"`` so that the JSON
schema (``minutes schema``) is exact and a typo in a field name is an error, not
a silent new key. Line numbers are always 1-based lines of the *original* input,
so any record can be traced back to the source. This module imports nothing from
the pipeline: it is the contract, and the pipeline depends on it, not the reverse.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from minutes_cli.kinds import (
    Attribution,
    EventKind,
    HeaderKey,
    Newline,
    NoteKind,
    RecordKind,
    SchemeName,
    SourceFormat,
    TurnKind,
)
from minutes_cli.models.base import Record, Severity, Span, TextSpan
from minutes_cli.models.decisions import Decision, Votes
from minutes_cli.models.people import Attendance, AttendanceGroup, Attendee, Person

__all__ = [
    "SCHEMA_VERSION",
    "STDIN",
    "AgendaItem",
    "Attendance",
    "AttendanceGroup",
    "Attendee",
    "Decision",
    "Diagnostic",
    "Document",
    "Dropped",
    "Event",
    "Finding",
    "HeaderField",
    "LegendEntry",
    "Material",
    "Meta",
    "Note",
    "ParseFailure",
    "Person",
    "Record",
    "Section",
    "Severity",
    "Source",
    "Span",
    "TextSpan",
    "Utterance",
    "Votes",
]

SCHEMA_VERSION = "1.3"

#: What standard input is called: on the command line, by ``parse_or_error``, and where a
#: flat row or an error names the source of a record read from it (``Source.path`` is null).
STDIN = "-"


class Source(Record):
    """Where the document came from, so a record can be traced back and verified."""

    path: str | None = Field(description="Input path as given, or null for standard input.")
    sha256: str = Field(description="SHA-256 of the input bytes, hex.")
    bytes: int = Field(ge=0, description="Size of the input in bytes.")
    format: SourceFormat = Field(
        default="text", description="'pdf' when the text came from a PDF's text layer."
    )
    encoding: str | None = Field(
        description="How the bytes were decoded, e.g. 'utf-8', 'cp932', 'utf-16-le (BOM)', "
        "'cp1252 (guessed)'; null for a PDF."
    )
    pages: int | None = Field(
        default=None, ge=1, description="Number of pages, for paged input; else null."
    )
    newline: Newline = Field(description="Line-ending convention of the input.")
    lines: int = Field(ge=0, description="Number of lines in the input.")


class AgendaItem(Span):
    """One item of the agenda (議事日程 / 本日の会議に付した事件)."""

    number: str | None = Field(description="The item's number as written, e.g. '第1', '日程第2'.")
    title: str = Field(description="What the item is about, wrapped lines joined.")


class Meta(Record):
    """Facts about the meeting, read from the header."""

    title: str | None = Field(description="Document title as written (normalised).")
    kind: RecordKind | None = Field(description="Kind of record, from the title.")
    date: str | None = Field(description="Meeting date, ISO 8601 (YYYY-MM-DD).")
    weekday: str | None = Field(
        description="Weekday stated in the source next to the date (月..日), if any."
    )
    start_time: str | None = Field(description="Start time, HH:MM (24-hour).")
    end_time: str | None = Field(description="End time, HH:MM (24-hour).")
    venue: str | None = Field(description="Venue (場所/会場).")
    attendance: Attendance | None = Field(description="Attendance count, when stated.")
    attendance_groups: list[AttendanceGroup] = Field(
        default_factory=list,
        description="Attendance blocks (出席議員, 欠席議員, 説明員…), in order.",
    )
    attendees: list[Attendee] = Field(
        default_factory=list, description="People listed in the attendance blocks, in order."
    )
    agenda: list[AgendaItem] = Field(
        default_factory=list, description="Agenda items listed in the header, in order."
    )


class HeaderField(TextSpan):
    """One header line or paragraph, with what it was read as."""

    key: HeaderKey = Field(description="What the header paragraph or block states.")
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
    heading_line_start: int | None = Field(
        ge=1,
        description="First source line of the heading; null for a section taken from "
        "the agenda (日程第１), which starts where the chair takes the item up.",
    )
    heading_line_end: int | None = Field(ge=1, description="Last source line of the heading.")
    children: list[Section] = Field(default_factory=list, description="Sub-sections, in order.")


class Event(Span):
    """Something recorded that nobody says: a floor voice, a stage direction, a time stamp."""

    kind: EventKind = Field(
        description="'floor-voice' 〔「異議なし」と呼ぶ者あり〕, 'stage-direction' （市長 登壇）, "
        "'time' （午前10時28分 休憩）, 'separator' a rule line, 'reading' （朗読）."
    )
    text: str = Field(description="The event as written (normalised).")


class Utterance(TextSpan):
    """What one speaker said, from their marker to the next speaker, heading or note.

    ``line_start``/``line_end`` span the whole turn; events recorded inside it (a floor
    voice the speaker talks over, a rule line) are listed in ``events`` and are not
    part of ``text``.
    """

    seq: int = Field(ge=1, description="Position among utterances, 1-based, in document order.")
    marker: str = Field(description="Canonical marker character that introduced it.")
    role: str | None = Field(description="Role from the legend, or null if the marker is unknown.")
    speaker: str | None = Field(description="Speaker name, when the record names one.")
    honorific: str | None = Field(
        default=None, description="Honorific removed from the name (君, さん, 議員, 氏)."
    )
    seat: int | None = Field(default=None, ge=0, description="Seat number (２２番), if given.")
    label: str | None = Field(
        default=None, description="The speaker label as written, e.g. '議長（清野一榮議員）'."
    )
    attribution: Attribution = Field(
        description=(
            "How the speaker was found: 'legend' (the marker's role from the legend),"
            " 'marker' (a marker no legend explains), 'assembly-label' (○議長（…）),"
            " 'prefix' (Name: …), 'initials' (WH: … with a key of initials), 'irc'"
            " (<nick> …), 'trailing' (the name closing the statement: …(terada)."
        )
    )
    person: str | None = Field(
        default=None,
        description="Id of the roster person (``people``) who spoke, where the document tells "
        "who: a label naming one attendee (○盛山国務大臣 -> 盛山正仁), a key of initials, a "
        "name; null where it cannot tell (a role the legend gives many, two people of the "
        "name), never a guess.",
    )
    kind: TurnKind | None = Field(
        default=None,
        description="What kind of turn it is: 'question' (a member asks), 'answer' (an "
        "official answers a member's question), 'report' (a committee chair's report, a "
        "mayor's policy speech, the reasons for a bill), 'procedure' (the presiding chair), "
        "'remark' (anything else: a debate speech, a greeting, a motion from the floor).",
    )
    reply_to: int | None = Field(
        default=None,
        ge=1,
        description="For an answer, ``seq`` of the question it answers (the last question a "
        "member asked on the item); else null.",
    )
    section: str | None = Field(description="Id of the innermost enclosing section.")
    section_title: str | None = Field(description="Title of that section, for flat outputs.")
    text: str = Field(description="What was said, reflowed, marker and label removed.")
    events: list[Event] = Field(
        default_factory=list, description="Non-speech events inside the turn, in order."
    )


class Material(Record):
    """A reference to a handout, e.g. ``資料１ 第２期…の全体像``."""

    id: str = Field(description="The material's label, normalised, e.g. '資料1'.")
    title: str | None = Field(description="Its title, when given after the label.")
    line: int = Field(ge=1, description="Source line of the reference.")


class Note(TextSpan):
    """A paragraph that is not an utterance: an explanation, a bracketed remark, ``（了）``."""

    kind: NoteKind = Field(
        description=(
            "'bullet' for ・…, 'bracket' for a whole （…） line, 'legend' for a speaker key,"
            " an event kind (see Event) outside any turn, 'signature' for the closing"
            " signature block, else 'text'."
        )
    )
    section: str | None = Field(description="Id of the innermost enclosing section.")
    text: str = Field(description="The paragraph, reflowed, bullet removed.")
    materials: list[Material] = Field(
        default_factory=list, description="Handouts referred to in this note."
    )


class Dropped(TextSpan):
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


class Finding(Record):
    """One finding of ``minutes check``: a diagnostic tied to a file, for CI."""

    path: str = Field(description="The checked file, as given ('-' for standard input).")
    code: str = Field(description="Stable rule code, e.g. 'M101'.")
    rule: str = Field(description="Rule name, e.g. 'unknown-marker'.")
    severity: Severity = Field(description="error, warning or info.")
    message: str = Field(description="What is wrong, in one line.")
    line: int | None = Field(ge=1, description="Source line (1-based), null for the whole file.")
    column: int | None = Field(default=None, ge=1, description="Source column (1-based).")


class Document(Record):
    """One parsed minutes document."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this format.")
    source: Source = Field(description="The input the document was read from.")
    scheme: SchemeName = Field(
        description="Speaker scheme used: 'legend' (【◎…議長】 key), 'assembly' (○議長（名前君）),"
        " 'prefix' (Name: …), or 'none' (no speaker turns)."
    )
    meta: Meta = Field(description="Facts about the meeting.")
    header: list[HeaderField] = Field(description="Header paragraphs before the first section.")
    speakers: list[LegendEntry] = Field(description="The speaker legend, in order.")
    sections: list[Section] = Field(description="Section tree (top level), in order.")
    people: list[Person] = Field(
        default_factory=list,
        description="The roster: everyone who attends or speaks, listed people first, in order.",
    )
    utterances: list[Utterance] = Field(description="Utterances, in document order.")
    notes: list[Note] = Field(description="Non-utterance paragraphs, in document order.")
    decisions: list[Decision] = Field(
        default_factory=list,
        description="What the meeting decided, in document order (a view of the utterances "
        "and notes that say it: no source lines of its own).",
    )
    dropped: list[Dropped] = Field(description="Source text recognised as noise, with reasons.")
    diagnostics: list[Diagnostic] = Field(description="What the parser noticed.")

    def iter_sections(self) -> Iterator[Section]:
        """All sections, depth first, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def owned_spans(self) -> Iterator[tuple[str, int, int, int | None, int | None]]:
        """``(kind, first line, last line, first column, last column)`` of each record
        that owns source text; the columns are None where the record owns whole lines.

        Every non-blank input line is owned by exactly one of these (or shared by
        records whose columns do not overlap): this is the lossless guarantee, and
        the tests (and ``minutes_cli.lossless``) check it.
        """
        for field in self.header:
            yield "header", field.line_start, field.line_end, field.column_start, field.column_end
        for section in self.iter_sections():
            if section.heading_line_start is not None and section.heading_line_end is not None:
                yield "heading", section.heading_line_start, section.heading_line_end, None, None
        for kind, records in (
            ("utterance", self.utterances),
            ("note", self.notes),
            ("dropped", self.dropped),
        ):
            for record in records:
                yield (
                    kind,
                    record.line_start,
                    record.line_end,
                    record.column_start,
                    record.column_end,
                )


Section.model_rebuild()


class ParseFailure(Record):
    """An input that gave no document: the record that ``minutes_cli.parse_or_error``
    returns instead of raising, so that a Dask, Ray or Spark job over millions of files
    keeps going and can store or count its failures like any other result."""

    path: str = Field(description="The input, as given (printable: bad bytes become U+FFFD).")
    message: str = Field(description="What is wrong, in one line.")
    line: int | None = Field(default=None, ge=1, description="Source line (1-based), or null.")
    column: int | None = Field(default=None, ge=1, description="Source column (1-based), or null.")
    code: str = Field(
        default="E001",
        description="'E001' for an input that cannot be read as minutes (missing, binary, "
        "undecodable, empty, too big); 'usage' for a call that cannot work (not a path, an "
        "unknown scheme); 'internal' for a bug in minutes (please report it).",
    )

    def __str__(self) -> str:
        """``PATH[:LINE:COL]: message``, as ``minutes`` prints it on stderr."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"
