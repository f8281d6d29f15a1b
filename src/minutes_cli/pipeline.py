"""The pipeline: the one place that says which stage runs after which.

``sources`` (bytes -> text) -> ``normalize`` (clean lines) -> ``sections``
(heading lines) -> ``normalize`` (reflow into paragraphs) -> ``header`` ->
``speakers`` (legend, utterances, notes) -> ``models.Document``.

Every stage is a pure function; only :func:`parse_file` touches the file system.
Nothing here imports the CLI, the writers or typer.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from minutes_cli import grammar, header, normalize, sections, speakers
from minutes_cli.models import Document, Dropped, Source
from minutes_cli.sources import DEFAULT_MAX_BYTES, SourceText, decode, read_path


def _split_artifacts(
    lines: tuple[normalize.Line, ...],
) -> tuple[tuple[normalize.Line, ...], tuple[Dropped, ...]]:
    """Set layout noise (page numbers) aside so it neither joins nor breaks paragraphs."""
    kept: list[normalize.Line] = []
    dropped: list[Dropped] = []
    carried_gap: int | None = None
    for line in lines:
        reason = grammar.artifact_reason(line.text)
        if reason:
            dropped.append(
                Dropped(
                    reason=reason,
                    text=line.text.strip(),
                    line_start=line.number,
                    line_end=line.number,
                )
            )
            carried_gap = line.gap if carried_gap is None else min(carried_gap, line.gap)
            continue
        if carried_gap is not None:
            line = line._replace(gap=min(carried_gap, line.gap))
            carried_gap = None
        kept.append(line)
    return tuple(kept), tuple(dropped)


def parse_source(source: SourceText) -> Document:
    """Run every stage over decoded text; the stage order is declared here, once."""
    cleaned = normalize.clean_lines(source.text)
    lines, dropped = _split_artifacts(cleaned.lines)
    layout = normalize.detect_layout(lines)
    headings, heading_diagnostics = sections.find_headings(lines, layout)
    heading_lines = frozenset(h.line for h in headings)
    paragraphs = normalize.reflow(lines, layout, heading_lines)
    body = [p for p in paragraphs if p.line_start not in heading_lines]
    first_heading = headings[0].line if headings else None
    head = header.read_header(body, first_heading, body)
    body = body[head.consumed :]
    legend = speakers.read_legend(paragraphs)
    tree = sections.build_tree(headings, [line.number for line in lines])
    tokens = speakers.tokenize(body, legend, tree)
    diagnostics = sorted(
        (*head.diagnostics, *heading_diagnostics, *tokens.diagnostics),
        key=lambda d: (d.line or 0, d.code),
    )
    return Document(
        source=Source(
            path=source.path,
            sha256=source.sha256,
            bytes=source.size,
            encoding=source.encoding,
            newline=cleaned.newline,  # type: ignore[arg-type]  # one of the Literal values
            lines=cleaned.total_lines,
        ),
        meta=head.meta,
        header=list(head.fields),
        speakers=list(legend),
        sections=list(tree.sections),
        utterances=list(tokens.utterances),
        notes=list(tokens.notes),
        dropped=list(dropped),
        diagnostics=diagnostics,
    )


def parse_text(text: str, path: str | None = None) -> Document:
    """Parse minutes given as text (already decoded)."""
    data = text.encode("utf-8")
    return parse_source(
        SourceText(text, path, hashlib.sha256(data).hexdigest(), len(data), "utf-8")
    )


def parse_bytes(
    data: bytes, path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Parse minutes given as bytes; raises :class:`~minutes_cli.sources.SourceError`."""
    return parse_source(decode(data, path, max_bytes))


def parse_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Parse a minutes file; raises :class:`~minutes_cli.sources.SourceError`."""
    return parse_source(read_path(path, max_bytes))
