"""The split stage: where the header ends, which lines are headings, and where a paragraph
breaks — the three decisions about lines that must be made before lines are joined.

A heading is a paragraph boundary that only a sequence-aware reader can tell from a wrapped
line that happens to start with ``15 万人``, so headings are found here, on lines, and the
paragraph boundaries follow from one table, :data:`BOUNDARIES`, that also knows the
document's speaker scheme (a turn opens a paragraph) and its layout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple

from minutes_cli import codes
from minutes_cli.grammar import patterns
from minutes_cli.grammar.blocks import BRACKET_LINE, BULLET_START, HEADER_LABEL
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.header import classify_line
from minutes_cli.grammar.headings import heading_shape
from minutes_cli.grammar.markers import MARKER_START
from minutes_cli.grammar.text import display_width, ends_sentence
from minutes_cli.kinds import BreakReason, HeadingStyleName
from minutes_cli.models import Diagnostic
from minutes_cli.parse.clean import Cleaned
from minutes_cli.parse.scheme import Scheme
from minutes_cli.parse.tokens import Layout, Line

#: A line wider than this (columns) is body text, not a title line.
MAX_TITLE_WIDTH = 120

#: How far a number may jump ahead (１, ２, ４) and still be taken as a heading.
MAX_SKIP = 3


class Split(NamedTuple):
    """The lines, split: the header's, the body's, and what is known about the body's."""

    head: tuple[Line, ...]
    body: list[Line]  # handed over to the reflow stage, which empties the list
    #: Why a paragraph breaks before each body line (None: the line continues the last).
    breaks: tuple[BreakReason | None, ...]
    headings: tuple[Heading, ...]
    diagnostics: tuple[Diagnostic, ...]  # about the numbering of headings
    #: Source lines cut into several pieces (turns glued together in PDF text, a footer
    #: glued to the text): records that begin or end on them say at which column.
    shared: frozenset[int]
    numbers: tuple[int, ...]  # the source line of every line, in order


def run(cleaned: Cleaned, scheme: Scheme) -> Split:
    """Cut the lines where turns are glued, then split them into header and body, find the
    headings, and decide where the body's paragraphs break. Takes the lines: the list in
    ``cleaned`` is emptied."""
    lines = scheme.cut(tuple(cleaned.lines))
    cleaned.lines.clear()
    start = body_start(lines, scheme)
    head, body = lines[:start], list(lines[start:])
    pieces = Counter(line.number for line in lines)
    shared = frozenset(n for n, count in pieces.items() if count > 1)
    shared |= frozenset(d.line_start for d in cleaned.dropped if d.column_start is not None)
    headings, diagnostics = find_headings(body, cleaned.layout, _numbered(head), scheme)
    if scheme.verbatim:
        headings = _outside_turns(headings, body, scheme)
    context = _context(body, cleaned.layout, scheme, frozenset(h.line for h in headings))
    numbers = tuple(line.number for line in lines)
    return Split(head, body, breaks(body, context), headings, diagnostics, shared, numbers)


def _outside_turns(
    headings: tuple[Heading, ...], body: Sequence[Line], scheme: Scheme
) -> tuple[Heading, ...]:
    """The headings of a verbatim record that stand between turns: in one, ``（１）…``
    and ``２　…`` are the points of the speech (a marked heading such as ``◎諸般の報告``
    ends a turn)."""
    if not headings:
        return headings
    at = {heading.line for heading in headings}
    inside: set[int] = set()
    speaking = False
    for line in body:
        if scheme.start(line.text) is not None:
            speaking = True
        elif scheme.unread(line.text) is not None:
            speaking = False
        elif speaking and line.number in at:
            inside.add(line.number)
    return tuple(heading for heading in headings if heading.line not in inside)


# --- head | body -------------------------------------------------------------------------


def body_start(lines: Sequence[Line], scheme: Scheme) -> int:
    """Index of the first body line.

    Verbatim records (:attr:`Scheme.verbatim`) keep everything before the first speaker
    in the header, prose and numbered agenda lines included. Other minutes end the header
    at the first speaker, bullet, marked heading (``■議事概要``) or heading (one that is not
    an item of a 議事日程 block above it) or the first prose paragraph.
    """
    in_agenda = False
    listed: str | None = None  # the numbering style of a ``４ 議 題`` label above, if any
    numbered: dict[str, int] = {}  # numbering style -> last number of a labelled line
    for index, line in enumerate(lines):
        text = line.text.strip()
        if scheme.start(line.text) is not None or BULLET_START.match(text):
            return index
        if scheme.verbatim:
            continue
        shape = classify_line(text)
        kind = shape.kind
        if kind == "text" and scheme.unread(line.text) == "heading":
            return index  # ■議事概要: a marked heading of the body (○出席委員 is the header's)
        in_agenda = kind == "agenda-head" or (in_agenda and kind in ("agenda-item", "text"))
        heading = heading_shape(text)
        if kind == "label" and heading is not None:
            if shape.key == "agenda" and not shape.value:
                # ``４ 議 題`` lists the items below it only where it goes on from numbered
                # header labels (１ 日時, ２ 場所…); ``２ 議題`` after ``１ 開会`` is a section.
                if numbered.get(heading.style.name) != heading.ordinal - 1:
                    return index
                listed = heading.style.name
            numbered[heading.style.name] = heading.ordinal
            if listed is not None:
                continue
        if listed is not None and heading is not None and heading.style.name != listed:
            continue  # an item of the agenda above: (1), (2) under ４ 議 題
        listed = None if kind != "text" or heading is not None else listed
        headed = kind in ("text", "date", "agenda-item") or (kind, shape.key) == ("label", "other")
        if heading is not None and not (in_agenda and kind == "agenda-item") and headed:
            return index
        if kind == "text" and (ends_sentence(text) or display_width(text) > MAX_TITLE_WIDTH):
            return index
    return len(lines)


# --- headings ----------------------------------------------------------------------------


def _numbered(head: Sequence[Line]) -> dict[HeadingStyleName, int]:
    """The last number of the header's numbered labels, by style (``４ 議 題``: arabic 4), so
    that the body's numbering goes on from it. Only labelled lines count: a numbered title
    is not an item of the header."""
    found: dict[HeadingStyleName, int] = {}
    for line in head:
        text = line.text.strip()
        if classify_line(text).kind == "label" and (shape := heading_shape(text)) is not None:
            found[shape.style.name] = shape.ordinal
    return found


class Heading(NamedTuple):
    """A heading line, recognised in context."""

    line: int  # 1-based source line
    style: HeadingStyleName
    level: int
    ordinal: int
    number: str  # as written, e.g. "(2)"
    title: str
    remark: str | None
    text: str  # the whole heading line, stripped
    owned: bool = True  # False: taken from the agenda; the line belongs to a speech


def _continues_previous(prev: Line | None, line: Line, layout: Layout) -> bool:
    """True when ``line`` looks like the wrapped tail of ``prev``, not a new block."""
    if prev is None or layout.wrap_width is None:
        return False
    soft = line.gap < (2 if layout.doubled else 1)
    full = prev.width >= 0.9 * layout.wrap_width
    return soft and full and not ends_sentence(prev.text)


def find_headings(
    lines: Sequence[Line],
    layout: Layout,
    numbered: Mapping[HeadingStyleName, int] | None = None,
    scheme: Scheme | None = None,
) -> tuple[tuple[Heading, ...], tuple[Diagnostic, ...]]:
    """Recognise heading lines; returns them in order with numbering diagnostics.
    ``numbered`` is where the header's own numbering stopped (``１ 日時`` … ``４ 議題``): the
    body's headings of that style continue it (``５ 会議の経過``). A numbered line that a
    speaker's label opens (``1. Nadia: …``) is an item of a list of turns; a name that
    closes a heading (``## 消費税納付について(shimizukawa)``) says who presents the item."""
    levels: dict[HeadingStyleName, int] = {}  # style -> level, by first appearance
    last: dict[HeadingStyleName, int] = dict(numbered or {})  # style -> last ordinal
    headings: list[Heading] = []
    diagnostics: list[Diagnostic] = []
    prev: Line | None = None
    for line in lines:
        text = line.text.strip()
        candidate = None if _continues_previous(prev, line, layout) else heading_shape(text)
        prev = line
        if candidate is None or (scheme is not None and _labelled(line.text, scheme)):
            continue
        style, ordinal, number, title, remark = candidate
        if style.ordinal_of == "none":  # Markdown headings need no sequence
            ordinal = last.get(style.name, 0) + 1
        expected = last.get(style.name, 0) + 1
        # A new style must start at 1, except the document's first one (an extract may
        # begin mid-agenda); a known style may skip ahead a little, never go back.
        reach = MAX_SKIP if style.name in levels or not levels else 1
        if not expected <= ordinal < expected + reach:
            if style.name in levels and ordinal < expected and display_width(title) <= 30:
                diagnostics.append(  # "1 開会 / 2 議事 / 2 報告": a heading that goes back
                    codes.diagnostic(
                        codes.HEADING_OUT_OF_ORDER,
                        f"{number} {title!r} looks like a heading but {number} comes after "
                        f"{expected - 1}; kept as text",
                        line.number,
                        line.column + line.indent,
                    )
                )
            continue
        if style.name not in levels:
            levels[style.name] = len(levels) + 1
        level = levels[style.name]
        if ordinal != expected:
            diagnostics.append(
                codes.diagnostic(
                    codes.HEADING_SKIPPED,
                    f"heading {number!r} follows number {expected - 1}: {expected} is missing",
                    line.number,
                    line.column + line.indent,
                )
            )
        last[style.name] = ordinal
        for other, other_level in levels.items():
            if other_level > level:
                last[other] = 0  # deeper numbering restarts under a new parent
        headings.append(
            Heading(line.number, style.name, level, ordinal, number, title, remark, text)
        )
    return tuple(headings), tuple(diagnostics)


def _labelled(text: str, scheme: Scheme) -> bool:
    """Whether a speaker's label opens the line (not a name that closes it)."""
    start = scheme.start(text)
    return start is not None and start.via != "trailing"


# --- paragraph boundaries ------------------------------------------------------------------


class Context(NamedTuple):
    """What the boundary rules know beyond two neighbouring lines."""

    layout: Layout
    #: Lines (keys, see :attr:`Line.key`) that are blocks of their own: headings, events
    #: such as time stamps, a speaker label alone on its line. A paragraph ends before
    #: and after each.
    alone: frozenset[tuple[int, int]] = frozenset()
    #: Lines that open a turn with words after the label: a paragraph ends before each.
    starts: frozenset[tuple[int, int]] = frozenset()
    #: The source lines of the speaker legend: a legend over several lines is one block.
    legend: frozenset[int] = frozenset()


def _context(
    body: Sequence[Line], layout: Layout, scheme: Scheme, heading_lines: frozenset[int]
) -> Context:
    """The body lines that are blocks of their own, and those that open a turn."""
    alone: set[tuple[int, int]] = set()
    starts: set[tuple[int, int]] = set()
    for line in body:
        if line.number in heading_lines or event_kind(line.text.strip()):
            alone.add(line.key)
            continue
        start = scheme.start(line.text)
        if start is not None:
            (starts if start.rest else alone).add(line.key)
        elif scheme.unread(line.text) not in (None, "stamp"):
            # a label this document does not read, an aside, a remark: not speech (but a time
            # of day may open a wrapped line: ``We meet again at`` / ``10:30 Monday…``)
            starts.add(line.key)
    return Context(layout, frozenset(alone), frozenset(starts), scheme.legend_lines)


BoundaryRule = Callable[[Line, Line, Context], bool]

_OPENER, _ = patterns.union([MARKER_START, BULLET_START, BRACKET_LINE, HEADER_LABEL])


def _alone(prev: Line, line: Line, context: Context) -> bool:
    """A block of its own begins or ends: a heading, an event, a label alone, the legend."""
    if line.key in context.alone or prev.key in context.alone:
        return True
    return (prev.number in context.legend) != (line.number in context.legend)


def _not_wrapped(prev: Line, line: Line, context: Context) -> bool:
    # Text that is not hard-wrapped throughout (verbatim records, Markdown, short notes)
    # may still wrap a long line now and then; anything else is a paragraph break: an
    # indented line (the 　 that opens a paragraph in verbatim records), a line after a
    # finished sentence, or a line after a short one (lists, signature blocks).
    # A hanging indent, where there are too few lines to learn the wrap width from: a turn
    # (or a line under it, indented) as wide as the widest line, stopped mid-sentence, and
    # an indented line after it are one paragraph.
    layout = context.layout
    if layout.wrap_width is not None:
        return False
    if ends_sentence(prev.text) or prev.width < 0.6 * layout.max_width:
        return True
    if not line.text[:1].isspace():
        return False
    hanging = prev.key in context.starts or prev.text[:1].isspace()
    return not hanging or prev.width < 0.9 * layout.max_width


def _sentence_ended(prev: Line, line: Line, context: Context) -> bool:
    if not ends_sentence(prev.text):
        return False
    # Hard-wrapped text: a full line may end in 。 by chance, a short one ends the paragraph.
    wrap = context.layout.wrap_width
    return wrap is not None and prev.width < 0.85 * wrap


#: Why a paragraph breaks before a line, checked in order; the first rule that holds names
#: the break, and a line for which none holds continues the paragraph before it.
BOUNDARIES: tuple[tuple[BreakReason, BoundaryRule], ...] = (
    ("alone", _alone),
    ("turn", lambda prev, line, c: line.key in c.starts),
    ("not-wrapped", _not_wrapped),
    ("blank-lines", lambda prev, line, c: line.gap >= (2 if c.layout.doubled else 1)),
    # a speaker marker, a bullet, a bracketed line such as （質疑応答）, a header label
    ("opener", lambda prev, line, c: _OPENER.match(line.text) is not None),
    ("after-single-line-block", lambda prev, line, c: BRACKET_LINE.match(prev.text) is not None),
    ("sentence-end", _sentence_ended),
)


def break_reason(prev: Line, line: Line, context: Context) -> BreakReason | None:
    """The first of :data:`BOUNDARIES` that breaks the paragraph before ``line``; none
    inside the speaker legend (``◎…会長`` / ``○…委員``: one block, as in the header)."""
    if prev.number in context.legend and line.number in context.legend:
        return None
    for name, rule in BOUNDARIES:
        if rule(prev, line, context):
            return name
    return None


def breaks(lines: Sequence[Line], context: Context) -> tuple[BreakReason | None, ...]:
    """Why a paragraph breaks before each line (the first line opens one: ``first``)."""
    found: list[BreakReason | None] = ["first"] if lines else []
    found += [break_reason(prev, line, context) for prev, line in pairwise(lines)]
    return tuple(found)
