"""The cheap internal tokens the stages hand each other: lines, paragraphs, a layout, the
opening of a turn. Plain NamedTuples, not records: a large document has hundreds of
thousands of them, and only the records (:mod:`minutes_cli.models`) are validated."""

from __future__ import annotations

from array import array
from typing import NamedTuple

from minutes_cli.kinds import Attribution


class Line(NamedTuple):
    """One non-blank source line after cleaning."""

    number: int  # 1-based line in the original input
    text: str  # folded, trailing white space removed, leading kept
    width: int  # display width in columns (East Asian wide = 2)
    gap: int  # blank lines between this line and the previous non-blank one
    column: int = 1  # 1-based source column where ``text`` begins (> 1 for a split line's tail)

    @property
    def indent(self) -> int:
        """Leading white space, in characters."""
        return len(self.text) - len(self.text.lstrip())

    @property
    def key(self) -> tuple[int, int]:
        """Where the line (or piece of a line) begins: ``(line, column)``."""
        return self.number, self.column


class Paragraph(NamedTuple):
    """Lines joined into one paragraph, with a map back to the source lines."""

    text: str
    line_start: int
    line_end: int
    #: For each joined line, three numbers: the offset in :attr:`text` where its text
    #: starts, its source line and its source column. A flat integer array, not tuples:
    #: a large document has hundreds of thousands of lines.
    pieces: array[int]

    @classmethod
    def of_line(cls, line: Line) -> Paragraph:
        """One line as a paragraph of its own."""
        text = line.text.strip()
        first = line.column + line.indent
        return cls(text, line.number, line.number, array("q", (0, line.number, first)))

    @classmethod
    def joined(cls, paragraphs: list[Paragraph]) -> Paragraph:
        """Paragraphs as one, a line break between them, the map to source lines kept."""
        if len(paragraphs) == 1:
            return paragraphs[0]
        pieces = array("q")
        offset = 0
        for paragraph in paragraphs:
            own = paragraph.pieces
            for index in range(0, len(own), 3):
                pieces.extend((own[index] + offset, own[index + 1], own[index + 2]))
            offset += len(paragraph.text) + 1
        text = "\n".join(paragraph.text for paragraph in paragraphs)
        return cls(text, paragraphs[0].line_start, paragraphs[-1].line_end, pieces)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based source line and column of character ``offset`` of :attr:`text`."""
        line, column = self.line_start, offset + 1
        pieces = self.pieces
        for index in range(0, len(pieces), 3):
            start = pieces[index]
            if start > offset:
                break
            line, column = pieces[index + 1], offset - start + pieces[index + 2]
        return line, column

    def line_at(self, offset: int) -> int:
        """The source line that holds character ``offset`` of :attr:`text`."""
        return self.position(offset)[0]

    @property
    def column_start(self) -> int:
        """Source column of the first character."""
        return self.position(0)[1]

    @property
    def column_end(self) -> int:
        """Source column of the last character."""
        return self.position(max(len(self.text) - 1, 0))[1]


class Layout(NamedTuple):
    """How the text was laid out, learnt from the lines themselves."""

    wrap_width: int | None  # columns at which lines were hard-wrapped, None if not wrapped
    doubled: bool  # PDF extraction doubled every newline: one blank line is not a break
    max_width: int = 0  # widest line, in columns


class Start(NamedTuple):
    """The opening of an utterance: who speaks, and the first words."""

    marker: str
    role: str | None
    speaker: str | None
    honorific: str | None
    seat: int | None
    label: str | None
    rest: str
    column: int  # 1-based column of the marker or label in the paragraph's first line
    via: Attribution  # how the speaker was found (the record's ``attribution``)


class Opened(NamedTuple):
    """A turn as it was opened: its start, where its marker or label stands, and the
    first line of its paragraph (what the schemes' diagnostics point at)."""

    start: Start
    line: int
    column: int
    line_start: int
