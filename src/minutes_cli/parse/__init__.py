"""The pipeline: raw minutes in, one validated :class:`~minutes_cli.models.Document` out.

Each stage is a module of this package with a ``run`` function, and :data:`STAGES` is
their order, declared once (like markdown-it-py's ``parser_core._rules``):

* ``read``     — bytes or a file to text (encodings, PDF text layers);
* ``clean``    — lines folded, layout noise set aside, the layout learnt;
* ``scheme``   — how this document marks its speakers;
* ``split``    — header | body, the heading lines, where paragraphs break;
* ``reflow``   — the body's wrapped lines joined into paragraphs;
* ``header``   — title, date, times, venue, attendance, agenda;
* ``sections`` — the headings as a tree;
* ``decisions`` — what was decided, how, and by how many;
* ``turns``    — paragraphs into utterances, events and notes;
* ``people``   — the roster, and the person who spoke each utterance;
* ``exchanges`` — each turn's kind (question, answer, report…), the question an answer answers;
* ``record``   — the Document, pages filled in.

The entry points (:func:`parse_text`, :func:`parse_bytes`, :func:`parse_file`) make the
one call of ``read``, the stage that touches the file system and raises
:class:`~minutes_cli.errors.SourceError`; :func:`_parse` makes the others, one line each.
Every stage imports only the stages before it, the recognisers (:mod:`minutes_cli.grammar`),
the vocabularies, the records, the diagnostic codes and the errors; none imports the CLI,
the writers or the engines.
"""

from __future__ import annotations

from pathlib import Path

from minutes_cli import collector
from minutes_cli.errors import UsageError
from minutes_cli.grammar.patterns import PatternTimeout
from minutes_cli.kinds import SCHEMES, SchemeName
from minutes_cli.models import Document
from minutes_cli.parse import (
    clean,
    decisions,
    exchanges,
    header,
    people,
    read,
    record,
    reflow,
    scheme,
    sections,
    split,
    turns,
)
from minutes_cli.parse.read import DEFAULT_MAX_BYTES, SourceText

#: The stages, in the order they run.
STAGES = (
    "read", "clean", "scheme", "split", "reflow", "header", "sections", "decisions", "turns",
    "people", "exchanges", "record",
)  # fmt: skip

__all__ = ["STAGES", "parse_bytes", "parse_file", "parse_source", "parse_text", "scheme_name"]


def _parse(source: SourceText, forced: SchemeName | None) -> Document:
    """Every stage after ``read``, one call each."""
    cleaned = clean.run(source.text)
    speech = scheme.run(cleaned.lines, forced)
    parts = split.run(cleaned, speech)
    body = reflow.run(parts)
    head = header.run(parts, body, speech)
    tree = sections.run(parts, head, body, speech)
    decided = decisions.run(body, tree, speech)
    tokens = turns.run(body, speech, tree, parts.shared)
    roster = people.run(head, tokens)
    talk = exchanges.run(roster)
    return record.run(source, cleaned, speech, parts, head, tree, decided, tokens, talk)


def parse_source(source: SourceText, scheme: str | None = None) -> Document:
    """Every stage over decoded text; a recogniser that times out (on input nobody has
    read) gives a plain, line-by-line record with a diagnostic instead of a hang."""
    forced = scheme_name(scheme)
    try:
        with collector.paused():
            return _parse(source, forced)
    except PatternTimeout as timeout:
        return record.line_by_line(source, timeout)


def scheme_name(name: str | None) -> SchemeName | None:
    """A forced speaker scheme as a caller gives it: None or "" for auto, else one of
    :data:`~minutes_cli.kinds.SCHEMES`; raises :class:`~minutes_cli.errors.UsageError`."""
    if not name:
        return None  # "" is auto, as it always was
    for known in SCHEMES:
        if name == known:
            return known
    message = f"unknown speaker scheme {name!r}; use one of {', '.join(SCHEMES)}"
    raise UsageError("scheme", message)


def parse_text(text: str, path: str | None = None, scheme: str | None = None) -> Document:
    """Parse minutes given as text (already decoded)."""
    return parse_source(read.from_text(text, path), scheme)


def parse_bytes(
    data: bytes,
    path: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    scheme: str | None = None,
    encoding: str | None = None,
) -> Document:
    """Parse minutes given as bytes (text in any supported encoding, or a PDF);
    raises :class:`~minutes_cli.errors.SourceError`."""
    return parse_source(read.decode(data, path, max_bytes, encoding), scheme)


def parse_file(
    path: str | Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    scheme: str | None = None,
    encoding: str | None = None,
) -> Document:
    """Parse a minutes file (text or PDF); raises :class:`~minutes_cli.errors.SourceError`."""
    return parse_source(read.read_path(path, max_bytes, encoding), scheme)
