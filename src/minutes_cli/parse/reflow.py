"""The reflow stage: the body's hard-wrapped lines joined into paragraphs.

Where a paragraph breaks was decided by the split stage; here the lines between two
breaks are joined (Japanese directly, Latin words with a space), and each paragraph keeps
a map back to the source line and column of every piece.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

from minutes_cli.grammar.text import LATIN_ENDERS, LATIN_START
from minutes_cli.kinds import BreakReason
from minutes_cli.parse.split import Split
from minutes_cli.parse.tokens import Line, Paragraph


def run(split: Split) -> list[Paragraph]:
    """The body's paragraphs, the heading lines left out (the sections own them). Takes
    the body's lines: the list in ``split`` is emptied, so a large document does not hold
    its lines and its paragraphs at once for longer than the joining takes.

    A list, not a tuple: the turns stage empties it as it goes, so that a large
    document's paragraphs are freed one by one once their records exist."""
    headings = frozenset(heading.line for heading in split.headings)
    paragraphs = [p for p in join(_taken(split.body), split.breaks) if p.line_start not in headings]
    return paragraphs


def _taken(lines: list[Line]) -> Iterator[Line]:
    """The lines in order, each let go of as it is handed on: a large document then never
    holds all its lines and all its paragraphs at once (the peak of its memory)."""
    lines.reverse()
    while lines:
        yield lines.pop()


def join(lines: Iterable[Line], breaks: Sequence[BreakReason | None]) -> tuple[Paragraph, ...]:
    """The lines joined into paragraphs, a new one wherever ``breaks`` gives a reason."""
    paragraphs: list[Paragraph] = []
    current: list[Line] = []
    for line, reason in zip(lines, breaks, strict=True):
        if current and reason is not None:
            paragraphs.append(_paragraph(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(_paragraph(current))
    return tuple(paragraphs)


def _paragraph(lines: Sequence[Line]) -> Paragraph:
    parts: list[str] = []
    pieces = array("q")
    length = 0
    for line in lines:
        piece = line.text.strip()
        if parts:
            joiner = _joiner(parts[-1], piece)
            parts.append(joiner)
            length += len(joiner)
        pieces.extend((length, line.number, line.column + line.indent))
        parts.append(piece)
        length += len(piece)
    return Paragraph("".join(parts), lines[0].number, lines[-1].number, pieces)


def _joiner(previous: str, following: str) -> str:
    """Japanese wraps join directly; Latin words across a wrap need a space."""
    if previous[-1:] in LATIN_ENDERS and LATIN_START.match(following):
        return " "
    return ""
