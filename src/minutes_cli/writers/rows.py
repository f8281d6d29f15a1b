"""The flat utterance row: one vocabulary for JSON Lines, CSV, the archive's
``utterance_rows`` view and ``minutes search``.

Spreadsheet and ``jq`` users want one self-describing row per utterance, so each
row repeats the document-level facts (path, title, date) that a nested JSON
document states once. Keeping the row in one place guarantees that CSV columns,
JSONL keys and search fields never drift apart (a test holds search to it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeAlias

from minutes_cli.models import STDIN, Document

Row: TypeAlias = dict[str, str | int | None]
"""One utterance as a flat mapping; keys are :data:`ROW_FIELDS`, in that order."""

ROW_FIELDS: tuple[str, ...] = (
    "path",
    "title",
    "date",
    "seq",
    "section",
    "section_title",
    "marker",
    "role",
    "speaker",
    "text",
    "line_start",
    "line_end",
    "page_start",
    "page_end",
)
"""Column order of CSV and key order of JSONL rows: ``path`` is the input as given
(``-`` for standard input), lines and pages 1-based (pages null for unpaged input)."""


def chosen_fields(given: str | None, known: tuple[str, ...] = ROW_FIELDS) -> tuple[str, ...]:
    """``--fields path,date,text``: the fields asked for, in the order asked; all of
    *known* for None. Raises ``ValueError`` naming an unknown field."""
    if given is None:
        return known
    names = tuple(name.strip() for name in given.split(",") if name.strip())
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        problem = f"unknown field {unknown[0]!r}" if unknown else "no field named"
        raise ValueError(f"{problem}; the fields are {','.join(known)}")
    return tuple(dict.fromkeys(names))


def utterance_rows(doc: Document) -> Iterator[Row]:
    """Yield one flat row per utterance, in document order."""
    path = doc.source.path if doc.source.path is not None else STDIN
    for u in doc.utterances:
        yield {
            "path": path,
            "title": doc.meta.title,
            "date": doc.meta.date,
            "seq": u.seq,
            "section": u.section,
            "section_title": u.section_title,
            "marker": u.marker,
            "role": u.role,
            "speaker": u.speaker,
            "text": u.text,
            "line_start": u.line_start,
            "line_end": u.line_end,
            "page_start": u.page_start,
            "page_end": u.page_end,
        }
