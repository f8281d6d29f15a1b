"""The flat utterance row: one vocabulary for JSON Lines, CSV, the archive's
``utterance_rows`` view and ``minutes search``.

Spreadsheet and ``jq`` users want one self-describing row per utterance, so each
row repeats the document-level facts (path, title, date) that a nested JSON
document states once. Keeping the row in one place guarantees that CSV columns,
JSONL keys and search fields never drift apart (a test holds search to it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from types import MappingProxyType
from typing import NamedTuple, TypeAlias

from minutes_cli.models import STDIN, Document

Row: TypeAlias = dict[str, str | int | bool | None]
"""One record as a flat mapping; keys are its kind's fields (:data:`ROW_FIELDS` for an
utterance), in that order."""

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


def _path(doc: Document) -> str:
    """The input as given, ``-`` for standard input: every row's ``path``."""
    return doc.source.path if doc.source.path is not None else STDIN


def utterance_rows(doc: Document) -> Iterator[Row]:
    """Yield one flat row per utterance, in document order."""
    path = _path(doc)
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


#: The row of a decision (``--records decisions``): the document's facts, then the decision's.
DECISION_FIELDS: tuple[str, ...] = (
    "path", "title", "date", "seq", "item", "item_title", "outcome", "passed", "method",
    "unanimous", "yes", "no", "abstain", "total", "text", "utterance", "section",
    "line_start", "line_end", "page_start", "page_end",
)  # fmt: skip

#: The row of a roster person (``--records people``): offices joined with ``; ``, the first
#: line the document lists them on.
PERSON_FIELDS: tuple[str, ...] = (
    "path", "title", "date", "id", "name", "full_name", "family_name", "reading", "offices",
    "seat", "party", "initials", "status", "turns", "line",
)  # fmt: skip


def decision_rows(doc: Document) -> Iterator[Row]:
    """One flat row per decision, in document order."""
    path = _path(doc)
    for d in doc.decisions:
        votes = d.votes
        yield {
            "path": path,
            "title": doc.meta.title,
            "date": doc.meta.date,
            "seq": d.seq,
            "item": d.item,
            "item_title": d.title,
            "outcome": d.outcome,
            "passed": d.passed,
            "method": d.method,
            "unanimous": d.unanimous,
            "yes": votes.yes if votes else None,
            "no": votes.no if votes else None,
            "abstain": votes.abstain if votes else None,
            "total": votes.total if votes else None,
            "text": d.text,
            "utterance": d.utterance,
            "section": d.section,
            "line_start": d.line_start,
            "line_end": d.line_end,
            "page_start": d.page_start,
            "page_end": d.page_end,
        }


def person_rows(doc: Document) -> Iterator[Row]:
    """One flat row per person of the roster, in roster order."""
    path = _path(doc)
    for p in doc.people:
        yield {
            "path": path,
            "title": doc.meta.title,
            "date": doc.meta.date,
            "id": p.id,
            "name": p.name,
            "full_name": p.full_name,
            "family_name": p.family_name,
            "reading": p.reading,
            "offices": "; ".join(p.offices) or None,
            "seat": p.seat,
            "party": p.party,
            "initials": p.initials,
            "status": p.status,
            "turns": p.turns,
            "line": p.lines[0] if p.lines else None,
        }


class Records(str, Enum):
    """Which records a flat output (JSON Lines, CSV) has one row of (``--records``)."""

    UTTERANCES = "utterances"
    DECISIONS = "decisions"
    PEOPLE = "people"


class RowKind(NamedTuple):
    """A kind of flat row: its fields, in order, and the rows of a document."""

    fields: tuple[str, ...]
    rows: Callable[[Document], Iterator[Row]]


#: The one registry of flat rows, by ``--records``.
ROWS: Mapping[Records, RowKind] = MappingProxyType(
    {
        Records.UTTERANCES: RowKind(ROW_FIELDS, utterance_rows),
        Records.DECISIONS: RowKind(DECISION_FIELDS, decision_rows),
        Records.PEOPLE: RowKind(PERSON_FIELDS, person_rows),
    }
)
