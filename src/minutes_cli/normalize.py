"""Normalizer: raw text to clean lines, then hard-wrapped lines to paragraphs.

Two pure steps, both keeping the original 1-based line numbers:

* :func:`clean_lines` folds newlines, BOM, full-width ASCII and trailing space;
* :func:`reflow` joins the hard wraps of PDF extraction into paragraphs.

Between them the section splitter finds heading lines, because a heading is a
paragraph boundary that only a sequence-aware reader can tell from a wrapped
line that happens to start with ``15 万人``.
"""

from __future__ import annotations

import functools
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from typing import NamedTuple

import regex

from minutes_cli import grammar, patterns
from minutes_cli.models import Dropped

# Full-width ASCII letters and digits, and the ideographic space, to half width.
# Deliberately not NFKC: it would also fold （）：～ and ① (which headings and the
# legend rely on), and not jaconv: a three-range table does not need a dependency.
FOLD: dict[int, int | None] = {
    cp: cp - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for cp in range(r[0], r[1] + 1)
}
FOLD[0x3000] = 0x20  # IDEOGRAPHIC SPACE
FOLD[0xFEFF] = None  # stray BOM / zero-width no-break space inside the text
FOLD[0x00A0] = 0x20  # NO-BREAK SPACE
FOLD[0x000C] = None  # form feed: a page break, counted by page_map, not text
# PDF text layers: Kangxi radicals (⽅ U+2F45) for the ideographs they look like (方),
# which NFKC gets right; and vertical presentation forms (︵︶︒) for the full-width
# punctuation they stand for, which NFKC would wrongly make ASCII "(" ")" ".".
for _cp in (*range(0x2F00, 0x2FD6), 0x2E9F, 0x2EF3):
    FOLD[_cp] = ord(unicodedata.normalize("NFKC", chr(_cp)))
FOLD.update(
    {
        ord(a): ord(b)
        for a, b in zip(
            "︐︑︒︓︔︕︖︗︘︙︰︱︲︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄",
            "，、。：；！？〖〗…‥—–（）｛｝〔〕【】《》〈〉「」『』",
            strict=True,
        )
    }
)


def _char_class(codes: Sequence[int]) -> str:
    """A regex character class of ``codes``, runs written as ranges."""
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    escape = regex.escape
    return (
        "["
        + "".join(
            escape(chr(a)) if a == b else f"{escape(chr(a))}-{escape(chr(b))}" for a, b in runs
        )
        + "]"
    )


#: Any character that FOLD changes: most lines have none, and a search in C is cheaper
#: than translating them.
_FOLDABLE = patterns.char_set(_char_class(list(FOLD)))


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


class Cleaned(NamedTuple):
    """The cleaned lines of a document and what was learnt about its layout."""

    lines: tuple[Line, ...]
    total_lines: int
    newline: str  # "LF", "CRLF", "CR", "mixed" or "none"
    #: Page of each line (index = line - 1), counted from form feeds (PDF text layers
    #: and pdftotext separate pages with them); empty when the text has none.
    pages: tuple[int, ...] = ()


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


_DIGITS = patterns.compile(r"\d+")


def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width rendering (wide characters count 2)."""
    # ASCII (1 byte in UTF-8, 1 column) and the 3-byte characters that are all wide
    # (3 bytes, 2 columns) give the width from the UTF-8 length, without a Python loop
    # over the characters; only the others (○ is "ambiguous", Latin letters take 2 bytes)
    # are looked up one by one and their share of the length taken out.
    size = len(text.encode("utf-8", "surrogatepass"))
    others = _NOT_SIMPLY_WIDE.findall(text)
    if not others:
        return len(text) + (size - len(text)) // 2
    rest = "".join(others)
    simple = len(text) - len(rest)
    simple_size = size - len(rest.encode("utf-8", "surrogatepass"))
    return simple + (simple_size - simple) // 2 + sum(map(_width_of, rest))


@functools.lru_cache(maxsize=4096)
def _width_of(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


#: Characters for which the shortcut above would be wrong: 2-byte (Latin, Greek…) and
#: 4-byte ones, and the narrow or ambiguous 3-byte blocks (punctuation, half-width kana…).
_NOT_SIMPLY_WIDE = patterns.char_set(
    "[\u0080-\u10ff\u1100-\u115f\u1160-\u2e7f\u303f\u3248-\u324f\u4dc0-\u4dff"
    "\ua4d0-\uabff\ud7b0-\uf8ff"
    "\ufb00-\ufe0f\ufe20-\ufe2f\ufe50-\ufeff\uff61-\uffdc\uffe8-\uffff"
    "\U00010000-\U0010ffff]"
)


def newline_style(text: str) -> str:
    """LF, CRLF, CR, mixed or none: how the input ended its lines."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def fold(text: str) -> str:
    """The character-level normalisation alone, as text: newlines to LF, BOM dropped,
    full-width ASCII folded, PDF glyphs repaired, trailing blanks cut (form feeds kept).
    ``fold(fold(t)) == fold(t)``; :func:`clean_lines` works on exactly this."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_TRAILING.sub("", line.translate(_FOLD_TEXT)) for line in lines)


#: fold() keeps form feeds: they are the page breaks that clean_lines counts.
_FOLD_TEXT = {**FOLD, 0x0C: 0x0C}
_TRAILING = patterns.compile(r"[^\S\f]+$")


def clean_lines(text: str) -> Cleaned:
    """Split into lines and fold characters; blank lines are counted, not kept."""
    newline = newline_style(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw and raw[-1] == "":
        raw.pop()  # a final newline ends the last line; it does not open another
    lines: list[Line] = []
    gap = 0
    for number, raw_line in enumerate(raw, start=1):
        if not raw_line or raw_line.isspace():  # the common blank line, without the scans
            gap += 1
            continue
        folded = (raw_line.translate(FOLD) if _FOLDABLE.search(raw_line) else raw_line).rstrip()
        if not folded:
            gap += 1
            continue
        stripped = folded.lstrip()
        if not stripped:  # only white space that FOLD and rstrip left, e.g. U+2028
            gap += 1
            continue
        lines.append(Line(number, folded, display_width(stripped), gap if lines else 0))
        gap = 0
    paged = "\f" in text.rstrip("\f\n\r ")
    return Cleaned(tuple(lines), len(raw), newline, _page_map(raw) if paged else ())


def _page_map(raw: Sequence[str]) -> tuple[int, ...]:
    """The page of every line, counting form feeds (only for paged input)."""
    pages: list[int] = []
    page = 1
    for raw_line in raw:
        leading = len(raw_line) - len(raw_line.lstrip("\f"))  # "\fFirst line of page 2"
        page += leading
        pages.append(page)
        page += raw_line.count("\f") - leading  # "last line\f": the next line turns over
    return tuple(pages)


def detect_layout(lines: Sequence[Line]) -> Layout:
    """Learn the wrap width and blank-line convention from the lines."""
    widths = sorted(line.width for line in lines)
    wrap: int | None = None
    if len(widths) >= 5:
        p90 = widths[int(0.9 * (len(widths) - 1))]
        near = sum(w >= 0.9 * p90 for w in widths)
        # Hard-wrapped text has a crowd of lines just under the wrap width.
        if p90 >= 20 and near >= 0.3 * len(widths):
            wrap = p90
    gaps = [line.gap for line in lines[1:]]
    n = len(gaps)
    # Doubled newlines: almost no line follows another directly; single blank lines are
    # the soft wraps, and longer runs the real paragraph breaks -- or, where a PDF
    # extractor also collapsed those, hard-wrapped lines all one blank line apart.
    doubled = (
        bool(gaps)
        and sum(g == 0 for g in gaps) < 0.1 * n
        and (
            (sum(g == 1 for g in gaps) >= 0.15 * n and sum(g >= 2 for g in gaps) >= 0.15 * n)
            or (wrap is not None and sum(g == 1 for g in gaps) >= 0.8 * n)
        )
    )
    return Layout(wrap, doubled, widths[-1] if widths else 0)


def _joiner(previous: str, following: str) -> str:
    """Japanese wraps join directly; Latin words across a wrap need a space."""
    if previous[-1:] in grammar.LATIN_ENDERS and grammar.LATIN_START.match(following):
        return " "
    return ""


BreakRule = Callable[[Line, Line, Layout], bool]


def _is_single_line_block(line: Line) -> bool:
    return bool(grammar.BRACKET_LINE.match(line.text))


_OPENER, _ = patterns.union(
    [grammar.MARKER_START, grammar.BULLET_START, grammar.BRACKET_LINE, grammar.HEADER_LABEL]
)


def _opens_block(line: Line) -> bool:
    return _OPENER.match(line.text) is not None


def _hard_gap(prev: Line, line: Line, layout: Layout) -> bool:
    return line.gap >= (2 if layout.doubled else 1)


def _sentence_ended(prev: Line, line: Line, layout: Layout) -> bool:
    if not grammar.ends_sentence(prev.text):
        return False
    # Hard-wrapped text: a full line may end in 。 by chance, a short one ends the paragraph.
    return layout.wrap_width is not None and prev.width < 0.85 * layout.wrap_width


#: Why a line starts a new paragraph, checked in order; the first that holds wins.
def _not_wrapped(prev: Line, line: Line, layout: Layout) -> bool:
    # Text that is not hard-wrapped throughout (verbatim records, Markdown, short notes)
    # may still wrap a long line now and then; anything else is a paragraph break: an
    # indented line (the 　 that opens a paragraph in verbatim records), a line after a
    # finished sentence, or a line after a short one (lists, signature blocks).
    if layout.wrap_width is not None:
        return False
    return bool(
        line.text[:1].isspace()
        or grammar.ends_sentence(prev.text)
        or prev.width < 0.6 * layout.max_width
    )


BREAK_RULES: tuple[tuple[str, BreakRule], ...] = (
    ("not-wrapped", _not_wrapped),
    ("blank-lines", _hard_gap),
    ("opener", lambda prev, line, layout: _opens_block(line)),
    ("after-single-line-block", lambda prev, line, layout: _is_single_line_block(prev)),
    ("sentence-end", _sentence_ended),
)


def break_reason(prev: Line, line: Line, layout: Layout) -> str | None:
    """The name of the first rule that starts a new paragraph at ``line``, if any."""
    for name, rule in BREAK_RULES:
        if rule(prev, line, layout):
            return name
    return None


def reflow(
    lines: Sequence[Line],
    layout: Layout,
    boundaries: frozenset[tuple[int, int]] = frozenset(),
    starts: frozenset[tuple[int, int]] = frozenset(),
) -> tuple[Paragraph, ...]:
    """Join hard-wrapped lines into paragraphs.

    ``boundaries`` are line keys (:attr:`Line.key`) that are blocks of their own (headings,
    time stamps, a speaker label alone on its line): a paragraph ends before and
    after each. ``starts`` are lines that open a paragraph (speaker lines that only
    the document's speaker scheme can recognise).
    """
    paragraphs: list[Paragraph] = []
    current: list[Line] = []

    def flush() -> None:
        if not current:
            return
        parts: list[str] = []
        pieces = array("q")
        length = 0
        for line in current:
            piece = line.text.strip()
            if parts:
                joiner = _joiner(parts[-1], piece)
                parts.append(joiner)
                length += len(joiner)
            pieces.extend((length, line.number, line.column + line.indent))
            parts.append(piece)
            length += len(piece)
        paragraphs.append(Paragraph("".join(parts), current[0].number, current[-1].number, pieces))
        current.clear()

    prev_key: tuple[int, int] | None = None
    for line in lines:
        key = line.key  # once per line: it is a new tuple each time it is asked for
        if current:
            prev = current[-1]
            if (
                key in boundaries
                or prev_key in boundaries
                or key in starts
                or break_reason(prev, line, layout)
            ):
                flush()
        current.append(line)
        prev_key = key
    flush()
    return tuple(paragraphs)


def running_lines(lines: Sequence[Line], pages: Sequence[int]) -> dict[int, str]:
    """Lines that repeat at the top or bottom of most pages: running headers and footers.

    Digits are ignored when comparing (``議事録 3/12``), so a header with a page number
    in it still counts as the same line on every page. It takes three pages to tell a
    running line from chance, and speaker lines and long lines are never running lines.
    """
    if not pages or max(pages) < 3:
        return {}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(pages[line.number - 1], []).append(line)
    needed = max(2, (len(by_page) + 1) // 2)
    found: dict[int, str] = {}
    for reason, edge in (("running-header", slice(0, 2)), ("running-footer", slice(-2, None))):
        seen: dict[str, list[int]] = {}
        for page_lines in by_page.values():
            for line in page_lines[edge]:
                if line.width > 80 or grammar.MARKER_START.match(line.text):
                    continue
                key = " ".join(_DIGITS.sub("#", line.text).split())
                seen.setdefault(key, []).append(line.number)
        for numbers in seen.values():
            if len(numbers) >= needed:
                found.update(dict.fromkeys(numbers, reason))
    return found


def split_artifacts(
    lines: tuple[Line, ...], running: dict[int, str]
) -> tuple[tuple[Line, ...], tuple[Dropped, ...]]:
    """Set layout noise (page numbers, running headers) aside so it neither joins nor
    breaks paragraphs."""
    kept: list[Line] = []
    dropped: list[Dropped] = []
    carried_gap: int | None = None
    for line in lines:
        footer = (
            grammar.INLINE_FOOTER.match(line.text) if grammar.starts_like_noise(line.text) else None
        )
        if footer and footer.end() < len(line.text):
            # A running footer glued to the text that follows it: drop just the footer.
            first = line.column + footer.start("footer")
            dropped.append(
                Dropped(
                    reason="page-footer",
                    text=footer["footer"],
                    line_start=line.number,
                    line_end=line.number,
                    column_start=first,
                    column_end=first + len(footer["footer"]) - 1,
                )
            )
            rest = line.text[footer.end() :]
            line = line._replace(text=rest, column=line.column + footer.end())
        reason = grammar.artifact_reason(line.text) or running.get(line.number)
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
