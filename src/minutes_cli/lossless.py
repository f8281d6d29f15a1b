"""The lossless guarantee, checkable: every non-blank input line in exactly one record."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from typing import NamedTuple

from minutes_cli.models import Document
from minutes_cli.parse.clean import clean_lines

#: Beyond any line's end: an open-ended column range.
_EOL = 10**9


class Coverage(NamedTuple):
    """Lines no record owns, and lines more than one record owns (both should be empty)."""

    missing: tuple[int, ...]
    doubled: tuple[int, ...]


def coverage(document: Document, text: str) -> Coverage:
    """Compare the records' spans with the non-blank lines of ``text``.

    A line may be shared by records that own different columns of it (a turn that
    begins mid-line in PDF text); otherwise it must have exactly one owner. A page
    number inside a wrapped paragraph lies within the paragraph's span but not in
    its text: the dropped record, not the paragraph, owns that line.
    """
    owners: dict[int, list[tuple[int, int]]] = defaultdict(list)
    dropped: set[int] = set()
    for kind, start, end, first, last in document.owned_spans():
        for number in range(start, end + 1):
            if kind == "dropped":  # cut out of the text around it, so it overlaps nothing
                dropped.add(number)
                continue
            low = first if number == start and first is not None else 1
            high = last if number == end and last is not None else _EOL
            owners[number].append((low, high))
    content = {line.number for line in clean_lines(text).lines}
    missing = tuple(sorted(n for n in content if not owners[n] and n not in dropped))
    doubled = tuple(sorted(n for n in content if _overlap(owners[n])))
    return Coverage(missing, doubled)


def _overlap(ranges: list[tuple[int, int]]) -> bool:
    ordered = sorted(ranges)
    return any(b[0] <= a[1] for a, b in pairwise(ordered))
