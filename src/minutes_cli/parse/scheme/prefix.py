"""The prefix scheme: a speaker label and a colon open the paragraph.

``WH: Which ES language…``, ``nurse: 燃え尽きなかった``, ``委員長：…``, ``【委員】…``,
``（委員）…``, ``問：… / 答：…``. Words such as ``Disposition:`` or ``Note:`` are not
speakers. A legend of initials (``Waldemar Horwat (WH)``) turns initials into names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import ClassVar, NamedTuple

from minutes_cli.grammar.blocks import HEADER_LABEL
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.offices import HEADS
from minutes_cli.grammar.prefixes import (
    INITIALS,
    INITIALS_ENTRY,
    MIDLINE_NAME,
    NICKNAME,
    NOT_SPEAKER_WORDS,
    PREFIX_LABELS,
    PROPER_NAME,
    UNKNOWN_SPEAKER,
)
from minutes_cli.kinds import PrefixShape, SchemeName
from minutes_cli.models import Diagnostic, LegendEntry
from minutes_cli.parse.tokens import Line, Opened, Start

#: Label shapes that name an office or a side (``委員長：``, ``【委員】``, ``問：``): the
#: label is the role. The others (``WH:``, ``Joe Rastatter:``, ``nurse:``) name a person.
ROLE_SHAPES: frozenset[PrefixShape] = frozenset({"qa", "bracketed", "paren", "japanese"})


@dataclass(frozen=True)
class PrefixScheme:
    """``Label: text``, for the labels this document uses as speakers."""

    labels: frozenset[str] = frozenset()  # the labels that are speakers here
    initials: dict[str, str] = field(default_factory=dict)  # WH -> Waldemar Horwat

    name: ClassVar[SchemeName] = "prefix"
    verbatim: ClassVar[bool] = False
    legend: ClassVar[tuple[LegendEntry, ...]] = ()
    legend_lines: ClassVar[frozenset[int]] = frozenset()

    def start(self, text: str) -> Start | None:
        found = find_prefix(text)
        if found is None or found.label not in self.labels or event_kind(text.strip()):
            return None
        indent = len(text) - len(text.lstrip())
        if found.shape in ROLE_SHAPES:
            return Start("", found.label, None, None, None, found.label, found.rest, indent + 1)
        speaker = self.initials.get(found.label, found.label)
        return Start("", None, speaker, None, None, found.label, found.rest, indent + 1)

    def cut(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        """Lines cut where a speaker label is glued inside them (PDF text)."""
        return split_at_labels(lines, self.labels)

    def diagnose(self, opened: Sequence[Opened]) -> list[Diagnostic]:
        return []


def surveyed(texts: Sequence[str]) -> tuple[PrefixScheme, int]:
    """The prefix scheme this document would have, and how many turns it would open."""
    initials = initials_legend("\n".join(texts[:40]))
    labels, turns = survey(texts, initials)
    return PrefixScheme(labels | frozenset(initials), initials), turns


class Prefix(NamedTuple):
    """A speaker label found at the start of a paragraph."""

    shape: PrefixShape  # which PREFIX_LABELS entry matched
    label: str
    rest: str


@lru_cache(maxsize=8192)  # asked per line by detection, splitting and tokenizing
def find_prefix(text: str) -> Prefix | None:
    """The speaker label at the start of ``text``, if it has the shape of one."""
    stripped = text.strip()
    head = stripped[:40]
    if (
        ":" not in head
        and "：" not in head
        and not stripped.startswith(("【", "（", "(", "問", "答", "Q", "A"))
    ):
        return None  # every label shape has a colon, a bracket or 問/答/Q/A up front
    for shape, pattern in PREFIX_LABELS:
        found = pattern.match(stripped)
        if not found:
            continue
        label = found["label"]
        if label.lower() in NOT_SPEAKER_WORDS or label.isdigit():
            return None
        if HEADER_LABEL.match(stripped) and label not in SPEAKING_OFFICES:
            return None
        return Prefix(shape, label, found["rest"].strip())
    return None


#: Header labels that also speak in minutes (``事務局：ご説明します``).
SPEAKING_OFFICES = frozenset({"事務局", "司会"})


def _labels_in(text: str) -> list[str]:
    """Labels at the start of ``text`` and glued inside it (PDF text)."""
    found = [p.label] if (p := find_prefix(text)) is not None else []
    if ":" in text:  # every glued label ends in one: skip the scan without
        found += [m["label"] for m in MIDLINE_NAME.finditer(text)]
    return [label for label in found if label.lower() not in NOT_SPEAKER_WORDS]


def survey(
    lines: Iterable[str], initials: Iterable[str] = (), minimum: int = 2
) -> tuple[frozenset[str], int]:
    """The labels used often enough to be speakers rather than chance colons, and how
    many turns they open (at line starts and inside lines), from one pass over the lines.

    Some count from their first use: a personal name (``Joe Rastatter``), initials in
    a document that keeps a legend of initials (``RK`` joins late), and a Japanese
    label that names an office (``Ｂ委員``, ``事務局``).
    """
    counts = Counter(label for text in lines for label in _labels_in(text))
    has_legend = bool(set(initials))
    repeated = sum(n for n in counts.values() if n >= minimum)
    labels = frozenset(
        label
        for label, n in counts.items()
        if n >= minimum
        or PROPER_NAME.match(label)
        or UNKNOWN_SPEAKER.fullmatch(label)
        or (has_legend and INITIALS.fullmatch(label))
        or (repeated >= 3 and NICKNAME.fullmatch(label))  # a log of nick: turns
        or label in SPEAKING_OFFICES
        or (not label.isascii() and label.endswith(HEADS))
    )
    return labels, sum(counts[label] for label in labels)


def split_at_labels(lines: Sequence[Line], labels: frozenset[str]) -> tuple[Line, ...]:
    """Cut lines where a known speaker label is glued inside them, keeping columns."""
    result: list[Line] = []
    for line in lines:
        cuts = [
            m.start("label")
            for m in (MIDLINE_NAME.finditer(line.text) if ":" in line.text else ())
            if m["label"] in labels
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
