"""Section splitter: numbered heading lines into a tree.

Heading levels are not fixed per style: the first numbering style met in a
document is level 1, the next new one level 2, and so on, which is how people
read ``１ 開会`` / ``（１）…`` / ``①…`` whatever the combination. A candidate is
only a heading when its number continues the sequence of its style (or restarts
at 1 under a new parent): that is what tells ``２ 鶴間市長あいさつ`` from a
wrapped line that starts ``15 万人の…``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from minutes_cli import codes, grammar, jpdate, patterns
from minutes_cli.models import AgendaItem, Diagnostic, Section
from minutes_cli.normalize import Layout, Line, Paragraph, display_width

#: How far a number may jump ahead (１, ２, ４) and still be taken as a heading.
MAX_SKIP = 3


class Heading(NamedTuple):
    """A heading line, recognised in context."""

    line: int  # 1-based source line
    style: str
    level: int
    ordinal: int
    number: str  # as written, e.g. "(2)"
    title: str
    remark: str | None
    text: str  # the whole heading line, stripped
    owned: bool = True  # False: taken from the agenda; the line belongs to a speech


class Located(NamedTuple):
    """The innermost section holding a line."""

    id: str
    title: str


def _ordinal(num: str, kind: str) -> int:
    if kind == "none":
        return 1
    if kind == "circled":
        return grammar.CIRCLED.index(num) + 1
    if kind == "katakana":
        return grammar.KATAKANA_ORDER.index(num) + 1
    return jpdate.parse_int(num) or 0  # arabic or kanji (第一, 十二)


def is_candidate(text: str) -> bool:
    """Whether a line has the shape of a heading (before any sequence check)."""
    return _match(text.strip()) is not None


@lru_cache(maxsize=8192)  # asked per line by the header split and the heading pass
def _match(text: str) -> tuple[grammar.HeadingStyle, int, str, str, str | None] | None:
    """The first heading style that matches, with ordinal, number, title, remark."""
    if not grammar.HEADING_START.match(text):
        return None
    for style in grammar.HEADING_STYLES:
        found = style.pattern.match(text)
        if not found:
            continue
        ordinal = _ordinal(found["num"], style.ordinal_of)
        if ordinal < 1:
            continue
        if style.ordinal_of == "none":
            number = ""  # Markdown headings carry no number
        elif style.name == "bold-numbered":
            number = found["num"]  # **1\. Title**: the number without the markup
        else:
            number = text[: found.start("title")].strip()
        title, remark = _split_remark(found["title"].strip())
        if display_width(title) > 60 and grammar.ends_sentence(title):
            return None  # a numbered sentence (a list item), not a heading
        if (
            style.name == "arabic"
            and text[len(found["num"]) :].startswith(". ")
            and (display_width(title) > 40)
        ):
            return None  # "1. The polling place was moved because…": a Markdown list item
        return style, ordinal, number, title, remark
    return None


def _split_remark(title: str) -> tuple[str, str | None]:
    parts = grammar.HEADING_REMARK.split(title, maxsplit=1)
    if len(parts) == 2 and parts[0].strip():
        return parts[0].strip(), parts[1].strip()
    return title, None


def _continues_previous(prev: Line | None, line: Line, layout: Layout) -> bool:
    """True when ``line`` looks like the wrapped tail of ``prev``, not a new block."""
    if prev is None or layout.wrap_width is None:
        return False
    soft = line.gap < (2 if layout.doubled else 1)
    full = prev.width >= 0.9 * layout.wrap_width
    return soft and full and not grammar.ends_sentence(prev.text)


def find_headings(
    lines: Sequence[Line], layout: Layout
) -> tuple[tuple[Heading, ...], tuple[Diagnostic, ...]]:
    """Recognise heading lines; returns them in order with numbering diagnostics."""
    levels: dict[str, int] = {}  # style -> level, by first appearance
    last: dict[str, int] = {}  # style -> last ordinal accepted under the current parent
    headings: list[Heading] = []
    diagnostics: list[Diagnostic] = []
    prev: Line | None = None
    for line in lines:
        text = line.text.strip()
        candidate = None if _continues_previous(prev, line, layout) else _match(text)
        prev = line
        if candidate is None:
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


#: Where a verbatim record takes up an agenda item: ``日程第１、…を議題といたします``.
TAKEN_UP = patterns.compile(r"(?:追加)?日程第\s*(?P<num>" + grammar.NUMBER + r")")


_TRAILING_NUMBER = patterns.compile(grammar.NUMBER + r"$")


def from_agenda(
    agenda: Sequence[AgendaItem],
    paragraphs: Sequence[Paragraph],
    opens_turn: Callable[[Paragraph], bool],
) -> tuple[Heading, ...]:
    """Sections for a verbatim record without headings: each numbered agenda item starts
    with the turn that takes it up (``日程第２、…を議題といたします``), in agenda order."""
    first: dict[int, int] = {}
    turn_start: int | None = None
    for paragraph in paragraphs:
        if opens_turn(paragraph) or turn_start is None:
            turn_start = paragraph.line_start
        if "日程第" not in paragraph.text:  # in every match: skip the scan
            continue
        for found in TAKEN_UP.finditer(paragraph.text):
            ordinal = jpdate.parse_int(found["num"])
            if ordinal is not None:
                first.setdefault(ordinal, turn_start)
    headings: list[Heading] = []
    seen: set[int] = set()
    for item in agenda:
        digits = _TRAILING_NUMBER.search(item.number or "")
        ordinal = jpdate.parse_int(digits[0]) if digits else None
        if ordinal is None or ordinal in seen or ordinal not in first:
            continue
        if headings and first[ordinal] < headings[-1].line:
            continue  # mentioned before the previous item was taken up: not where it starts
        seen.add(ordinal)
        title = item.title.split("\n")[0]
        headings.append(
            Heading(
                first[ordinal],
                "agenda",
                1,
                ordinal,
                item.number or "",
                title,
                None,
                title,
                owned=False,
            )
        )
    return tuple(headings)


class SectionTree(NamedTuple):
    """The section records and a way to find the section of a line."""

    sections: tuple[Section, ...]
    #: ``(first line, last line, located)`` for every section, in document order (a
    #: section before its subsections).
    ranges: tuple[tuple[int, int, Located], ...]
    #: Where the innermost section changes: sorted first lines of the stretches, and the
    #: section of each (None outside every section), so that :meth:`locate` is a binary
    #: search instead of a pass over every section for every paragraph.
    breaks: tuple[int, ...] = ()
    owners: tuple[Located | None, ...] = ()

    def locate(self, line: int) -> Located | None:
        """The innermost section containing ``line``, if any."""
        index = bisect.bisect_right(self.breaks, line) - 1
        return self.owners[index] if index >= 0 else None


def _stretches(
    ranges: Sequence[tuple[int, int, Located]],
) -> tuple[tuple[int, ...], tuple[Located | None, ...]]:
    """The breaks and owners of :class:`SectionTree`. At each line where a section starts
    or has just ended, the owner is the latest-starting section that still runs: ranges
    come in document order, so that is the innermost (and, for sections sharing a first
    line, the last of them, as a pass over the ranges would find)."""
    points = sorted({start for start, _, _ in ranges} | {end + 1 for _, end, _ in ranges})
    open_: list[tuple[int, Located]] = []  # (last line, section), latest started on top
    owners: list[Located | None] = []
    k = 0
    for point in points:
        while k < len(ranges) and ranges[k][0] <= point:
            open_.append((ranges[k][1], ranges[k][2]))
            k += 1
        while open_ and open_[-1][0] < point:
            open_.pop()  # ended; one below it that also ended goes when it surfaces
        owners.append(open_[-1][1] if open_ else None)
    return tuple(points), tuple(owners)


def build_tree(headings: Sequence[Heading], content_lines: Sequence[int]) -> SectionTree:
    """Nest headings by level; each section runs until the next heading of its level or above.

    ``content_lines`` are the sorted numbers of the non-blank source lines, so that
    a section ends on its last line of text, not on the blank lines after it.
    """
    # Where each section stops: at the next heading of its level or above, found for all
    # headings in one pass with a stack (not a scan of the rest for each: quadratic).
    stops: list[int | None] = [None] * len(headings)
    waiting: list[int] = []  # headings whose stop is not found yet, levels increasing
    for i, heading in enumerate(headings):
        while waiting and headings[waiting[-1]].level >= heading.level:
            stops[waiting.pop()] = heading.line
        waiting.append(i)
    ends: list[int] = []
    for heading, stop in zip(headings, stops, strict=True):
        index = bisect.bisect_left(content_lines, stop) if stop else len(content_lines)
        ends.append(max(heading.line, content_lines[index - 1] if index else heading.line))

    ranges: list[tuple[int, int, Located]] = []

    def build(start: int, stop: int, parent_id: str, depth: int) -> list[Section]:
        children: list[Section] = []
        i = start
        while i < stop:
            heading = headings[i]
            j = i + 1
            while j < stop and headings[j].level > heading.level:
                j += 1
            section_id = f"{parent_id}.{len(children) + 1}" if parent_id else str(len(children) + 1)
            ranges.append((heading.line, ends[i], Located(section_id, heading.title)))
            children.append(
                Section(
                    id=section_id,
                    number=heading.number,
                    style=heading.style,
                    title=heading.title,
                    remark=heading.remark,
                    level=depth,
                    line_start=heading.line,
                    line_end=ends[i],
                    heading_line_start=heading.line if heading.owned else None,
                    heading_line_end=heading.line if heading.owned else None,
                    children=build(i + 1, j, section_id, depth + 1),
                )
            )
            i = j
        return children

    sections = build(0, len(headings), "", 1)
    return SectionTree(tuple(sections), tuple(ranges), *_stretches(ranges))
