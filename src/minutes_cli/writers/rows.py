"""The flat utterance row shared by the CSV and JSON Lines writers.

Spreadsheet and ``jq`` users want one self-describing row per utterance, so each
row repeats the document-level facts (source, title, date) that a nested JSON
document states once. Keeping the row in one place guarantees that CSV columns
and JSONL keys never drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeAlias

from minutes_cli.models import STDIN, Document

Row: TypeAlias = dict[str, str | int | None]
"""One utterance as a flat mapping; keys are :data:`ROW_FIELDS`, in that order."""

ROW_FIELDS: tuple[str, ...] = (
    "source",
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
)
"""Column order of CSV and key order of JSONL rows."""


def utterance_rows(doc: Document) -> Iterator[Row]:
    """Yield one flat row per utterance, in document order."""
    source = doc.source.path if doc.source.path is not None else STDIN
    for u in doc.utterances:
        yield {
            "source": source,
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
        }
