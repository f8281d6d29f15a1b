"""The prefix scheme: a speaker label and a colon open the paragraph.

``WH: Which ES language…``, ``nurse: 燃え尽きなかった``, ``委員長：…``, ``【委員】…``,
``（委員）…``, ``問：… / 答：…``, ``Question: … / Answer: …``, ``Mayor Wheeler: …`` (the
office the role), ``Ms. Lee: …`` (the title the honorific), ``Alice/Bob: …`` (both),
``(Chair) Baptiste: …``, ``Winston Sandino, Capitol Project Manager: …``, and a label alone
on its line over the speech. Words such as ``Disposition:`` or ``Note:`` are not speakers,
and their lines are no part of a speech. A legend of initials (``Waldemar Horwat (WH)``)
turns initials into names. Which labels are speakers is :mod:`.prefix_survey`'s; reading
one label is :mod:`.prefix_label`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import ClassVar

from minutes_cli.grammar import patterns
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.offices import looks_like_post
from minutes_cli.grammar.prefixes import (
    INITIALS_ENTRY,
    IRC_LINE,
    MIDLINE_NAME,
    NAMES_LABEL,
    PROPER_NAME,
    ROSTER_LINE,
    TABLE_ROW,
    TIME_STAMP,
    is_record,
)
from minutes_cli.grammar.titles import is_job_title, is_office
from minutes_cli.kinds import Attribution, PrefixShape, SchemeName, Unread
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.scheme.prefix_label import Prefix, bare_prefix, find_prefix, who
from minutes_cli.parse.scheme.prefix_survey import survey
from minutes_cli.parse.scheme.trailing import closing, speakers
from minutes_cli.parse.tokens import Line, Opened, Start

__all__ = ["Prefix", "PrefixScheme", "find_prefix", "office_prefix", "survey", "surveyed"]

_ROW_OR_NAMES, _ = patterns.union([TABLE_ROW, NAMES_LABEL])

#: Label shapes that name an office or a side (``委員長：``, ``【委員】``, ``問：``): the
#: label is the role. The others (``WH:``, ``Joe Rastatter:``, ``nurse:``) name a person.
ROLE_SHAPES: frozenset[PrefixShape] = frozenset({"qa", "bracketed", "paren", "japanese"})


@dataclass(frozen=True)
class PrefixScheme:
    """``Label: text``, for the labels this document uses as speakers."""

    labels: frozenset[str] = frozenset()  # the labels that are speakers here
    initials: dict[str, str] = field(default_factory=dict)  # WH -> Waldemar Horwat
    closers: frozenset[str] = frozenset()  # names that close statements: …した(terada

    name: ClassVar[SchemeName] = "prefix"
    verbatim: ClassVar[bool] = False
    legend: ClassVar[tuple[LegendEntry, ...]] = ()
    legend_lines: ClassVar[frozenset[int]] = frozenset()

    def start(self, text: str) -> Start | None:
        found = find_prefix(text)
        if found is None and self.closers and (closed := closing(text)) is not None:
            if closed.name in self.closers:  # …した(terada: the name closes the statement
                return Start(
                    "",
                    None,
                    closed.name,
                    None,
                    None,
                    closed.name,
                    closed.said,
                    closed.column + 1,
                    "trailing",
                )
            return None
        found = found or bare_prefix(text)  # Hamid: alone, the speech below
        if found is None or found.label not in self.labels or event_kind(text.strip()):
            return None
        if PROPER_NAME.match(found.rest) and is_office(found.label):
            return None  # ``Chair: Lucas Pardue`` says who holds the office
        column = len(text) - len(text.lstrip()) + found.lead + 1  # of the label, past a bullet
        if found.shape in ROLE_SHAPES:
            return Start(
                "", found.label, None, None, None, found.label, found.rest, column, "prefix"
            )
        via: Attribution = (
            "irc"
            if found.shape == "irc"
            else "initials"
            if found.label in self.initials
            else "prefix"
        )
        label = found.written or found.label
        if found.shape != "name":
            speaker = self.initials.get(found.label, found.label)
            return Start("", None, speaker, None, None, label, found.rest, column, via)
        # ``Mayor Wheeler``: the office, the name; ``Lucas (as chair)``: the capacity
        person = who(found)
        return Start(
            "", person.role, person.speaker, person.honorific, None, label, found.rest, column, via
        )

    def unread(self, text: str) -> Unread | None:
        """A ``Label: text`` whose label is none of this document's speakers, names in a row
        (``Hales, Fritz: Aye``), a row of a table (``Opening balance: $1,200.00``); a remark,
        never more of a speech: ``Note: …``, an attendance list (``Present: …``), a label
        alone; a paragraph opened by the time of day, a stamp; an IRC line of a bot or a
        queue command, an aside."""
        stripped = text.strip()
        if ROSTER_LINE.match(stripped):
            return "remark"  # an attendance list (``THOSE PRESENT WERE: …``), read as one
        if find_prefix(text) is not None:
            return "label"
        if ":" in stripped:  # every other shape has one
            if _ROW_OR_NAMES.match(stripped):
                return "label"
            if bare_prefix(text) or is_record(stripped):
                return "remark"
            if TIME_STAMP.match(stripped):
                return "stamp"
        return "aside" if stripped.startswith("<") and IRC_LINE.match(stripped) else None

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        """Lines cut where a speaker label is glued inside them (PDF text)."""
        return split_at_labels(lines, self.labels)

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        return []


def surveyed(texts: Sequence[str], gaps: Sequence[int] | None = None) -> tuple[PrefixScheme, int]:
    """The prefix scheme this document would have, and how many turns it would open
    (``gaps``: the blank lines before each line, which tell a label over its speech)."""
    initials = initials_legend("\n".join(texts[:40]))
    labels, turns = survey(texts, initials, gaps=gaps)
    closers = speakers(texts)
    scheme = PrefixScheme(labels | frozenset(initials), initials, closers)
    closed = sum(1 for text in texts if (got := scheme.start(text)) and got.via == "trailing")
    return scheme, turns + closed


def office_prefix(text: str) -> bool:
    """Whether ``text`` opens with an office and a colon (``委員長：…``, ``【事務局】…``): a
    speaker's label in any document, though a document of markers does not read it."""
    found = (
        find_prefix(text) if "：" in text[:16] or ":" in text[:16] or "】" in text[:16] else None
    )
    return found is not None and looks_like_post(found.label)


def split_at_labels(lines: Sequence[Line], labels: frozenset[str]) -> tuple[Line, ...]:
    """Cut lines where a known speaker label is glued inside them, keeping columns."""
    result: list[Line] = []
    for line in lines:
        cuts = [
            m.start("label")
            for m in (MIDLINE_NAME.finditer(line.text) if ":" in line.text else ())
            if m["label"] in labels and (not m["post"] or is_job_title(m["post"].split(",")[0]))
        ]
        if not cuts:
            result.append(line)
            continue
        bounds = [0, *cuts, len(line.text)]
        for index, (start, end) in enumerate(pairwise(bounds)):
            piece = line.text[start:end].rstrip()
            if not piece.strip():
                continue
            # Pieces keep the whole line's width: layout rules ask how full the line was.
            result.append(
                Line(
                    line.number,
                    piece,
                    line.width,
                    line.gap if index == 0 else 0,
                    line.column + start,
                )
            )
    return tuple(result)


def initials_legend(text: str) -> dict[str, str]:
    """``Waldemar Horwat (WH), Brian Terlson (BT)`` -> {"WH": "Waldemar Horwat", …}."""
    legend: dict[str, str] = {}
    for found in INITIALS_ENTRY.finditer(text):
        legend.setdefault(found["initials"], found["name"])
    return legend
