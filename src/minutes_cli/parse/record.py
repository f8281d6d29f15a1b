"""The record stage: the validated :class:`~minutes_cli.models.Document`, assembled from
what the stages found, with pages filled in for paged input.

Also the record of last resort: when a recogniser times out on input nobody has read,
:func:`line_by_line` keeps every non-blank line as a note, with a diagnostic, instead of
hanging a batch run. Both say where the text holds control characters (M304).
"""

from __future__ import annotations

import re
from typing import TypeVar

from minutes_cli import codes
from minutes_cli.errors import CONTROL_CHARACTERS, display_path, printable
from minutes_cli.grammar.patterns import PatternTimeout
from minutes_cli.kinds import Newline
from minutes_cli.models import (
    Decision,
    Diagnostic,
    Document,
    Meta,
    Note,
    Section,
    Source,
    Span,
    Utterance,
)
from minutes_cli.parse.clean import FOLD, Cleaned, newline_style
from minutes_cli.parse.decisions import Decided
from minutes_cli.parse.header import Header
from minutes_cli.parse.people import Roster
from minutes_cli.parse.read import SourceText
from minutes_cli.parse.scheme import Scheme
from minutes_cli.parse.sections import SectionTree
from minutes_cli.parse.split import Split
from minutes_cli.parse.turns import Tokenized

S = TypeVar("S", bound=Span)

#: The characters a terminal would act on, less those the text may hold: tab, and the
#: line breaks and page breaks (form feeds) that the clean stage reads.
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")

#: At most this many lines get an M304 each; the last one counts the rest.
CONTROL_LINES = 20


def run(
    source: SourceText,
    cleaned: Cleaned,
    scheme: Scheme,
    split: Split,
    header: Header,
    tree: SectionTree,
    decided: Decided,
    turns: Tokenized,
    roster: Roster,
) -> Document:
    """The document record; diagnostics in source order; each decision points at the
    utterance that says it."""
    diagnostics = sorted(
        (
            *header.diagnostics,
            *split.diagnostics,
            *turns.diagnostics,
            *roster.diagnostics,
            *control_characters(source.text),
        ),
        key=lambda d: (d.line or 0, d.code),
    )
    document = Document(
        source=_source(source, cleaned.newline, cleaned.total_lines, cleaned.page_count),
        scheme=scheme.name,
        meta=header.meta,
        header=list(header.fields),
        speakers=list(scheme.legend),
        sections=list(tree.sections),
        people=list(roster.people),
        utterances=list(roster.utterances),
        notes=list(turns.notes),
        decisions=_said_by(decided.decisions, roster.utterances),
        dropped=list(cleaned.dropped),
        diagnostics=diagnostics,
    )
    return paginate(document, cleaned.pages) if cleaned.pages else document


def _said_by(decisions: tuple[Decision, ...], utterances: tuple[Utterance, ...]) -> list[Decision]:
    """Each decision with the ``seq`` of the utterance whose span holds its first cue (one
    pass over both, which are in document order)."""
    linked: list[Decision] = []
    index = 0
    for decision in decisions:
        at = (decision.line_start, decision.column_start or 1)
        while index < len(utterances) and _end(utterances[index]) < at:
            index += 1
        turn = utterances[index] if index < len(utterances) else None
        inside = turn is not None and (turn.line_start, turn.column_start or 1) <= at
        linked.append(
            decision.model_copy(update={"utterance": turn.seq}) if turn and inside else decision
        )
    return linked


def _end(turn: Utterance) -> tuple[int, int]:
    return turn.line_end, turn.column_end or 1_000_000


def paginate(document: Document, pages: tuple[int, ...]) -> Document:
    """The same records with ``page_start``/``page_end`` filled in from each line's page
    (``pages[line - 1]``), wherever a record points at source lines. (Module-level helpers,
    not closures: a recursive closure is a reference cycle, and the cycle collector is
    paused while a document is parsed.)"""
    meta = document.meta
    return document.model_copy(
        update={
            "meta": meta.model_copy(
                update={
                    "attendance": _paged(meta.attendance, pages) if meta.attendance else None,
                    "attendance_groups": [_paged(g, pages) for g in meta.attendance_groups],
                    "attendees": [_paged(person, pages) for person in meta.attendees],
                    "agenda": [_paged(item, pages) for item in meta.agenda],
                }
            ),
            "header": [_paged(record, pages) for record in document.header],
            "speakers": [_paged(entry, pages) for entry in document.speakers],
            "sections": [_paged_section(record, pages) for record in document.sections],
            "utterances": [
                _paged(record, pages, events=[_paged(event, pages) for event in record.events])
                for record in document.utterances
            ],
            "notes": [_paged(record, pages) for record in document.notes],
            "decisions": [_paged(record, pages) for record in document.decisions],
            "dropped": [_paged(record, pages) for record in document.dropped],
        }
    )


def _paged(record: S, pages: tuple[int, ...], **nested: object) -> S:
    update = {
        "page_start": pages[record.line_start - 1],
        "page_end": pages[record.line_end - 1],
        **nested,
    }
    return record.model_copy(update=update)


def _paged_section(record: Section, pages: tuple[int, ...]) -> Section:
    children = [_paged_section(child, pages) for child in record.children]
    return _paged(record, pages, children=children)


def line_by_line(source: SourceText, timeout: PatternTimeout) -> Document:
    """The lossless minimum: every non-blank line a note, no recogniser involved."""
    raw = source.text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = raw.split("\n")
    notes = [
        Note(
            kind="text",
            section=None,
            text=line.strip(),
            materials=[],
            line_start=number,
            line_end=number,
        )
        for number, line in enumerate(lines, start=1)
        if line.translate(FOLD).strip()
    ]
    empty = Meta(
        title=None,
        kind=None,
        date=None,
        weekday=None,
        start_time=None,
        end_time=None,
        venue=None,
        attendance=None,
    )
    return Document(
        source=_source(source, newline_style(source.text), len(lines), None),
        scheme="none",
        meta=empty,
        header=[],
        speakers=[],
        sections=[],
        utterances=[],
        notes=notes,
        dropped=[],
        diagnostics=[
            codes.diagnostic(codes.PATTERN_TIMEOUT, str(timeout), None),
            *control_characters(source.text),
        ],
    )


def control_characters(text: str) -> list[Diagnostic]:
    """An M304 for each line that holds a control character, at the first one (line and
    column 1-based, counted as the clean stage counts them), for the first
    :data:`CONTROL_LINES` such lines. Text without any costs one search."""
    if not _CONTROL.search(text):
        return []
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[tuple[int, int, str, int]] = []  # line, column, character, how many
    more = 0
    for number, line in enumerate(lines, start=1):
        first = _CONTROL.search(line)
        if first is None:
            continue
        if len(found) == CONTROL_LINES:
            more += 1
            continue
        found.append((number, first.start() + 1, first[0], len(_CONTROL.findall(line))))
    diagnostics = []
    for index, (number, column, char, count) in enumerate(found, start=1):
        message = f"control character {printable(char)} in the text"
        if count > 1:
            message += f" ({count} on this line)"
        if more and index == len(found):
            message += f"; {more} more lines hold control characters"
        diagnostics.append(codes.diagnostic(codes.CONTROL_CHARACTER, message, number, column))
    return diagnostics


def _source(source: SourceText, newline: Newline, lines: int, pages: int | None) -> Source:
    """The record of where the document came from."""
    return Source(
        path=display_path(source.path) if source.path is not None else None,
        sha256=source.sha256,
        bytes=source.size,
        format=source.format,
        encoding=source.encoding,
        newline=newline,
        lines=lines,
        pages=pages,
    )
