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
from dataclasses import dataclass, field
from typing import NamedTuple

from minutes_cli.grammar import jpdate, patterns
from minutes_cli.grammar.numbers import NUMBER
from minutes_cli.models import AgendaItem, Section
from minutes_cli.parse.header import Header
from minutes_cli.parse.scheme import Scheme
from minutes_cli.parse.split import Heading, Split
from minutes_cli.parse.tokens import Paragraph, Start


def run(split: Split, header: Header, body: Sequence[Paragraph], scheme: Scheme) -> SectionTree:
    """The section tree of the body: its headings, or for a verbatim record that has none,
    the agenda items where they are taken up."""
    headings = split.headings
    if scheme.verbatim and not headings:
        headings = from_agenda(header.meta.agenda, body, lambda p: scheme.start(p.text))
    return build_tree(headings, split.numbers)


class Located(NamedTuple):
    """The innermost section holding a line."""

    id: str
    title: str


#: Where a verbatim record takes up an agenda item: a sentence of the chair's that opens
#: with it (``次に、日程第２、…を議題といたします``, ``日程第１　会議録署名議員の指名``).
TAKEN_UP = patterns.compile(
    r"(?:^|[。．]\s*)(?:(?:次に|直ちに|続いて|引き続き|これより|ここで|改めて|再び|では)[、，,\s]*)?"
    r"(?:追加)?日程第\s*(?P<num>" + NUMBER + r")"
)
#: Any mention of an item, for a record whose chair never opens a sentence with one.
MENTIONED = patterns.compile(r"(?:追加)?日程第\s*(?P<num>" + NUMBER + r")")
#: The roles that take up the items: who chairs the sitting.
CHAIR = patterns.compile(r"(?:議長|委員長|会長|座長)$")

_TRAILING_NUMBER = patterns.compile(NUMBER + r"$")


def from_agenda(
    agenda: Sequence[AgendaItem],
    paragraphs: Sequence[Paragraph],
    starts: Callable[[Paragraph], Start | None],
) -> tuple[Heading, ...]:
    """Sections for a verbatim record without headings, one each time the chair takes up
    an agenda item (``日程第２、…を議題といたします``), so that every turn is in the item
    most recently taken up, also one taken up again later. A record whose chair never opens
    a sentence with an item starts each item at its first mention, in agenda order."""
    items: dict[int, AgendaItem] = {}
    for item in agenda:
        digits = _TRAILING_NUMBER.search(item.number or "")
        ordinal = jpdate.parse_int(digits[0]) if digits else None
        if ordinal is not None:
            items.setdefault(ordinal, item)
    taken: list[tuple[int, int]] = []  # (line of the chair's turn, ordinal)
    mentioned: dict[int, int] = {}
    turn = _ChairTurn(0, False)
    for paragraph in paragraphs:
        start = starts(paragraph)
        if start is not None or not turn.line:
            turn.close(taken)
            chair = start is not None and bool(start.role and CHAIR.search(start.role))
            turn = _ChairTurn(paragraph.line_start, chair)
        turn.bulk = turn.bulk or (turn.chair and "一括" in paragraph.text)
        if "日程第" not in paragraph.text:  # in every match: skip the scan
            continue
        for found in MENTIONED.finditer(paragraph.text):
            ordinal = jpdate.parse_int(found["num"])
            if ordinal is not None:
                mentioned.setdefault(ordinal, turn.line)
        if turn.chair:
            said = start.rest if start is not None else paragraph.text  # past the label
            turn.items += [
                ordinal
                for found in TAKEN_UP.finditer(said)
                if (ordinal := jpdate.parse_int(found["num"])) in items
            ]
    turn.close(taken)
    if not taken:
        taken = _first_mentions(items, mentioned)
    return tuple(_agenda_heading(line, ordinal, items[ordinal]) for line, ordinal in taken)


@dataclass
class _ChairTurn:
    """A turn as :func:`from_agenda` reads it: where it starts, whether the chair speaks,
    the items the chair takes up in it, and whether together (``一括して議題``)."""

    line: int
    chair: bool
    bulk: bool = False
    items: list[int] = field(default_factory=list)

    def close(self, taken: list[tuple[int, int]]) -> None:
        """The turn is in the first item of a bulk take-up (``日程第二 …、日程第三 …、以上両案を
        一括して議題``), else in the last it takes up (``日程第１…を行います。…日程第２、…``)."""
        if not self.items:
            return
        ordinal = self.items[0] if self.bulk else self.items[-1]
        if not taken or taken[-1][1] != ordinal:
            taken.append((self.line, ordinal))


def _first_mentions(
    items: dict[int, AgendaItem], mentioned: dict[int, int]
) -> list[tuple[int, int]]:
    """Each item from its first mention, in agenda order; one mentioned before the item
    ahead of it was is not where it starts."""
    taken: list[tuple[int, int]] = []
    for ordinal in items:
        if ordinal in mentioned and (not taken or mentioned[ordinal] >= taken[-1][0]):
            taken.append((mentioned[ordinal], ordinal))
    return taken


def _agenda_heading(line: int, ordinal: int, item: AgendaItem) -> Heading:
    title = item.title.split("\n")[0]
    return Heading(line, "agenda", 1, ordinal, item.number or "", title, None, title, owned=False)


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
