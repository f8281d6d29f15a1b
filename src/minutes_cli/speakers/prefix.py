"""The prefix scheme: a speaker label and a colon open the paragraph.

``WH: Which ES language…``, ``nurse: 燃え尽きなかった``, ``委員長：…``, ``【委員】…``,
``（委員）…``, ``問：… / 答：…``. Words such as ``Disposition:`` or ``Note:`` are not
speakers. A legend of initials (``Waldemar Horwat (WH)``) turns initials into names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from minutes_cli import grammar
from minutes_cli.normalize import Line


class Prefix(NamedTuple):
    """A speaker label found at the start of a paragraph."""

    shape: str  # which PREFIX_LABELS entry matched
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
    for shape, pattern in grammar.PREFIX_LABELS:
        found = pattern.match(stripped)
        if not found:
            continue
        label = found["label"]
        if label.lower() in grammar.NOT_SPEAKER_WORDS or label.isdigit():
            return None
        if grammar.HEADER_LABEL.match(stripped) and label not in SPEAKING_OFFICES:
            return None
        return Prefix(shape, label, found["rest"].strip())
    return None


#: Header labels that also speak in minutes (``事務局：ご説明します``).
SPEAKING_OFFICES = frozenset({"事務局", "司会"})


def is_remark(text: str) -> bool:
    """``Note: …``, ``Disposition: …``: a label that is not a speaker."""
    found = grammar.REMARK_LABEL.match(text.strip())
    return found is not None and found["label"].lower() in grammar.NOT_SPEAKER_WORDS


def _labels_in(text: str) -> list[str]:
    """Labels at the start of ``text`` and glued inside it (PDF text)."""
    found = [p.label] if (p := find_prefix(text)) is not None else []
    if ":" in text:  # every glued label ends in one: skip the scan without
        found += [m["label"] for m in grammar.MIDLINE_NAME.finditer(text)]
    return [label for label in found if label.lower() not in grammar.NOT_SPEAKER_WORDS]


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
        or grammar.PROPER_NAME.match(label)
        or grammar.UNKNOWN_SPEAKER.fullmatch(label)
        or (has_legend and grammar.INITIALS.fullmatch(label))
        or (repeated >= 3 and grammar.NICKNAME.fullmatch(label))  # a log of nick: turns
        or label in SPEAKING_OFFICES
        or (not label.isascii() and grammar.ROLE_AT_END.search(label))
    )
    return labels, sum(counts[label] for label in labels)


def speaker_labels(lines: Iterable[str], initials: Iterable[str] = ()) -> frozenset[str]:
    """Just the labels of :func:`survey`."""
    return survey(lines, initials)[0]


def split_at_labels(lines: Sequence[Line], labels: frozenset[str]) -> tuple[Line, ...]:
    """Cut lines where a known speaker label is glued inside them, keeping columns."""
    result: list[Line] = []
    for line in lines:
        cuts = [
            m.start("label")
            for m in (grammar.MIDLINE_NAME.finditer(line.text) if ":" in line.text else ())
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
    for found in grammar.INITIALS_ENTRY.finditer(text):
        legend.setdefault(found["initials"], found["name"])
    return legend
