"""The lossless guarantee, checkable: every non-blank input line in exactly one record."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from minutes_cli.models import Document
from minutes_cli.normalize import clean_lines


class Coverage(NamedTuple):
    """Lines no record owns, and lines more than one record owns (both should be empty)."""

    missing: tuple[int, ...]
    doubled: tuple[int, ...]


def coverage(document: Document, text: str) -> Coverage:
    """Compare the records' line spans with the non-blank lines of ``text``."""
    owners: Counter[int] = Counter()
    dropped: set[int] = set()
    for kind, start, end in document.owned_spans():
        if kind == "dropped":
            dropped.update(range(start, end + 1))
        else:
            owners.update(range(start, end + 1))
    # A page number inside a wrapped paragraph lies within the paragraph's span but
    # not in its text: the dropped record, not the paragraph, owns that line.
    for number in dropped:
        owners[number] = 1
    content = {line.number for line in clean_lines(text).lines}
    missing = tuple(sorted(n for n in content if owners[n] == 0))
    doubled = tuple(sorted(n for n in content if owners[n] > 1))
    return Coverage(missing, doubled)
