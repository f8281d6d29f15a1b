"""The pipeline: the one place that says which stage runs after which.

``sources`` (bytes -> text) -> ``normalize`` (clean lines, set artifacts aside,
learn the layout) -> ``speakers`` (detect the speaker scheme) -> ``header``
(where the body starts) -> ``sections`` (heading lines) -> ``normalize`` (reflow
the body into paragraphs) -> ``header`` (read it) -> ``sections`` (tree) ->
``speakers`` (utterances, events, notes) -> ``models.Document``.

Every stage is a pure function; only :func:`parse_file` touches the file system.
Nothing here imports the CLI, the writers or typer.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from minutes_cli import codes, collector, grammar, header, normalize, patterns, sections, speakers
from minutes_cli.errors import display_path
from minutes_cli.models import Document, Meta, Note, Source, Span
from minutes_cli.sources import DEFAULT_MAX_BYTES, SourceText, decode, read_path
from minutes_cli.speakers import prefix

T = TypeVar("T")


def parse_source(source: SourceText, scheme: str | None = None) -> Document:
    """Every stage over decoded text; a recogniser that times out (on input nobody has
    read) gives a plain, line-by-line record with a diagnostic instead of a hang."""
    try:
        with collector.paused():
            return _parse(source, scheme)
    except patterns.PatternTimeout as timeout:
        return _line_by_line(source, timeout)


def _line_by_line(source: SourceText, timeout: patterns.PatternTimeout) -> Document:
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
        if line.translate(normalize.FOLD).strip()
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
        source=_source(source, normalize.newline_style(source.text), len(lines), None),
        scheme="none",
        meta=empty,
        header=[],
        speakers=[],
        sections=[],
        utterances=[],
        notes=notes,
        dropped=[],
        diagnostics=[codes.diagnostic(codes.PATTERN_TIMEOUT, str(timeout), None)],
    )


def _source(source: SourceText, newline: str, lines: int, pages: int | None) -> Source:
    """The record of where the document came from."""
    return Source(
        path=display_path(source.path) if source.path is not None else None,
        sha256=source.sha256,
        bytes=source.size,
        format=source.format,  # type: ignore[arg-type]  # "text" or "pdf"
        encoding=source.encoding,
        newline=newline,  # type: ignore[arg-type]  # one of the Literal values
        lines=lines,
        pages=pages,
    )


def _parse(source: SourceText, scheme: str | None) -> Document:
    """Run every stage over decoded text; the stage order is declared here, once."""
    cleaned = normalize.clean_lines(source.text)
    running = normalize.running_lines(cleaned.lines, cleaned.pages)
    lines, dropped = normalize.split_artifacts(cleaned.lines, running)
    layout = normalize.detect_layout(lines)
    speech = speakers.detect_scheme(lines, scheme)
    verbatim = speech.name == "assembly"
    if speech.name == "prefix":
        lines = prefix.split_at_labels(lines, speech.labels)

    body_start = header.find_body_start(
        lines,
        is_speaker=lambda line: speech.start(line.text) is not None,
        is_heading=lambda line: sections.is_candidate(line.text),
        to_first_speaker=verbatim,
    )
    head_lines, body_lines = lines[:body_start], lines[body_start:]
    pieces = Counter(line.number for line in lines)
    shared = frozenset(n for n, count in pieces.items() if count > 1)
    shared |= frozenset(d.line_start for d in dropped if d.column_start is not None)
    headings, heading_diagnostics = sections.find_headings(body_lines, layout)
    heading_lines = frozenset(h.line for h in headings)
    starts: set[tuple[int, int]] = set()
    alone: set[tuple[int, int]] = {line.key for line in body_lines if line.number in heading_lines}
    for line in body_lines:
        text = line.text.strip()
        if grammar.event_kind(text) or grammar.BRACKET_LINE.match(text):
            alone.add(line.key)
            continue
        start = speech.start(line.text)
        if start is not None:
            (starts if start.rest else alone).add(line.key)
    body = [
        p
        for p in normalize.reflow(body_lines, layout, frozenset(alone), frozenset(starts))
        if p.line_start not in heading_lines
    ]
    head = header.read_header(head_lines, body, shared)
    if verbatim and not headings:  # assembly records: the agenda items are the sections
        headings = sections.from_agenda(
            head.meta.agenda, body, lambda p: speech.start(p.text) is not None
        )
    tree = sections.build_tree(headings, [line.number for line in lines])
    page_map, newline, total_lines = cleaned.pages, cleaned.newline, cleaned.total_lines
    pages = max((page_map[n.number - 1] for n in cleaned.lines), default=None) if page_map else None
    # The lines are not needed any more: let them go before the records are built, which
    # keeps the peak memory of a large document down.
    del cleaned, lines, head_lines, body_lines
    # Hand the paragraphs over one by one, so each is freed once its records are made.
    tokens = speakers.tokenize(_consume(body), speech, tree, shared)
    diagnostics = sorted(
        (*head.diagnostics, *heading_diagnostics, *tokens.diagnostics),
        key=lambda d: (d.line or 0, d.code),
    )
    document = Document(
        source=_source(source, newline, total_lines, pages),
        scheme=speech.name,  # type: ignore[arg-type]  # one of speakers.SCHEMES
        meta=head.meta,
        header=list(head.fields),
        speakers=list(speech.legend),
        sections=list(tree.sections),
        utterances=list(tokens.utterances),
        notes=list(tokens.notes),
        dropped=list(dropped),
        diagnostics=diagnostics,
    )
    return _paginate(document, page_map) if page_map else document


def _consume(items: list[T]) -> Iterator[T]:
    """Yield the items of ``items`` in order, emptying it as it goes."""
    items.reverse()
    while items:
        yield items.pop()


def _paginate(value: T, pages: tuple[int, ...]) -> T:
    """The same records with ``page_start``/``page_end`` filled in from the line's page."""
    if isinstance(value, list):
        return [_paginate(item, pages) for item in value]  # type: ignore[return-value]
    if not isinstance(value, BaseModel):
        return value
    update: dict[str, Any] = {
        name: _paginate(getattr(value, name), pages) for name in type(value).model_fields
    }
    if isinstance(value, Span):
        update["page_start"] = pages[value.line_start - 1]
        update["page_end"] = pages[value.line_end - 1]
    return value.model_copy(update=update)


def parse_text(text: str, path: str | None = None, scheme: str | None = None) -> Document:
    """Parse minutes given as text (already decoded)."""
    data = text.encode("utf-8", "surrogatepass")
    return parse_source(
        SourceText(text, path, hashlib.sha256(data).hexdigest(), len(data), "utf-8"), scheme
    )


def parse_bytes(
    data: bytes,
    path: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    scheme: str | None = None,
    encoding: str | None = None,
) -> Document:
    """Parse minutes given as bytes (text in any supported encoding, or a PDF);
    raises :class:`~minutes_cli.sources.SourceError`."""
    return parse_source(decode(data, path, max_bytes, encoding), scheme)


def parse_file(
    path: str | Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    scheme: str | None = None,
    encoding: str | None = None,
) -> Document:
    """Parse a minutes file (text or PDF); raises :class:`~minutes_cli.sources.SourceError`."""
    return parse_source(read_path(path, max_bytes, encoding), scheme)
