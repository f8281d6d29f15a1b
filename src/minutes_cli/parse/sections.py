"""The sections stage: headings into a tree.

Heading levels are not fixed per style: the first numbering style met in a document is
level 1, the next new one level 2, and so on, which is how people read ``１ 開会`` /
``（１）…`` / ``①…`` whatever the combination (the split stage found the headings). A
verbatim record without headings takes its sections from the agenda: each item starts
where the chair takes it up.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import NamedTuple

from minutes_cli.grammar import jpdate, patterns
from minutes_cli.grammar.numbers import NUMBER
from minutes_cli.models import AgendaItem, Section
from minutes_cli.parse.header import Header
from minutes_cli.parse.scheme import Scheme
from minutes_cli.parse.split import Heading, Split
from minutes_cli.parse.tokens import Paragraph


def run(split: Split, header: Header, body: Sequence[Paragraph], scheme: Scheme) -> SectionTree:
    """The section tree of the body: its headings, or for a verbatim record that has none,
    the agenda items where they are taken up."""
    headings = split.headings
    if scheme.verbatim and not headings:
        headings = from_agenda(header.meta.agenda, body, lambda p: scheme.start(p.text) is not None)
    return build_tree(headings, split.numbers)


class Located(NamedTuple):
    """The innermost section holding a line."""

    id: str
    title: str


#: Where a verbatim record takes up an agenda item: ``日程第１、…を議題といたします``.
TAKEN_UP = patterns.compile(r"(?:追加)?日程第\s*(?P<num>" + NUMBER + r")")


_TRAILING_NUMBER = patterns.compile(NUMBER + r"$")


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
    sections = _build(headings, ends, ranges, 0, len(headings), "", 1)
    return SectionTree(tuple(sections), tuple(ranges), *_stretches(ranges))


def _build(
    headings: Sequence[Heading],
    ends: Sequence[int],
    ranges: list[tuple[int, int, Located]],
    start: int,
    stop: int,
    parent_id: str,
    depth: int,
) -> list[Section]:
    """The sections of ``headings[start:stop]`` under ``parent_id``, each with its children;
    ``ranges`` gets every section's lines. (A module-level function, not a closure: a
    recursive closure is a reference cycle, and the collector is paused while parsing.)"""
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
                children=_build(headings, ends, ranges, i + 1, j, section_id, depth + 1),
            )
        )
        i = j
    return children
