"""Header reader: title, kind, date, times, venue and attendance.

The header is the run of paragraphs before the first section that look like a
header: a title, ``日時：…`` / ``場所：…`` label lines, a bare date line. It stops
at the first speaker, bullet or plain body paragraph, which belong to the body.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from minutes_cli import codes, grammar, jpdate
from minutes_cli.models import Attendance, Diagnostic, HeaderField, Meta
from minutes_cli.normalize import Paragraph, display_width

#: Header label (spaces removed) -> what its value states.
LABEL_KEYS: dict[str, str] = {
    "日時": "datetime", "開催日時": "datetime", "開会日時": "datetime",
    "開催日": "date", "期日": "date", "日付": "date",
    "時間": "time",
    "場所": "venue", "会場": "venue", "開催場所": "venue",
    "出席者": "attendance", "出席委員": "attendance", "欠席者": "attendance",
    "欠席委員": "attendance",
}  # fmt: skip

#: A paragraph wider than this (columns) is body text, not a title line.
MAX_TITLE_WIDTH = 120


class Header(NamedTuple):
    """What the header reader found, and how many leading paragraphs it consumed."""

    meta: Meta
    fields: tuple[HeaderField, ...]
    consumed: int
    diagnostics: tuple[Diagnostic, ...]


def _field(paragraph: Paragraph, key: str, label: str | None) -> HeaderField:
    return HeaderField(
        key=key,  # type: ignore[arg-type]  # keys come from LABEL_KEYS and this module
        label=label,
        text=paragraph.text.strip(),
        line_start=paragraph.line_start,
        line_end=paragraph.line_end,
    )


def _classify(paragraph: Paragraph, index: int) -> HeaderField | None:
    """The header field a leading paragraph states, or None where the body begins."""
    text = paragraph.text.strip()
    labelled = grammar.HEADER_LABEL.match(text)
    if labelled:
        label = labelled["label"].replace(" ", "")
        return _field(paragraph, LABEL_KEYS.get(label, "other"), label)
    if (
        grammar.MARKER_START.match(text)
        or grammar.BULLET_START.match(text)
        or display_width(text) > MAX_TITLE_WIDTH
        or grammar.SENTENCE_END.search(text)
    ):
        return None
    found = jpdate.find_date(text)
    if found and found.start == 0:
        return _field(paragraph, "date", None)
    if index == 0 or (grammar.BRACKET_LINE.match(text) is None and _is_title_like(text)):
        return _field(paragraph, "title", None)
    return None


def _is_title_like(text: str) -> bool:
    return any(kind in text for kind in grammar.KINDS) or "会議" in text or "委員会" in text


def _value(field: HeaderField) -> str:
    found = grammar.HEADER_LABEL.match(field.text)
    return found["value"].strip() if found else field.text


def read_header(
    paragraphs: Sequence[Paragraph], first_body_line: int | None, body: Sequence[Paragraph]
) -> Header:
    """Read the header from the leading ``paragraphs`` (those before ``first_body_line``).

    ``body`` is searched for facts that minutes often state later, such as the
    attendance count in the opening item.
    """
    fields: list[HeaderField] = []
    paragraph_of: dict[int, Paragraph] = {}
    for index, paragraph in enumerate(paragraphs):
        if first_body_line is not None and paragraph.line_start >= first_body_line:
            break
        field = _classify(paragraph, index)
        if field is None:
            break
        fields.append(field)
        paragraph_of[field.line_start] = paragraph
    diagnostics: list[Diagnostic] = []

    titles = [f for f in fields if f.key == "title"]
    title = " ".join(f.text for f in titles) or None
    kind = next((k for k in grammar.KINDS if title and k in title), None)

    date: str | None = None
    weekday: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    by_priority = sorted(
        fields,
        key=lambda f: (
            ("datetime", "date", "time").index(f.key)
            if f.key in ("datetime", "date", "time")
            else 3
        ),
    )
    for field in by_priority:
        value = _value(field)
        paragraph = paragraph_of[field.line_start]
        offset = field.text.find(value) if value else 0
        found = jpdate.find_date(value)
        rest = value
        if found and date is None:
            date = found.date.isoformat()
            rest = value[found.end :]
            if found.weekday_stated is not None:
                weekday = jpdate.WEEKDAYS[found.weekday_stated]
                actual = found.date.weekday()
                if actual != found.weekday_stated:
                    diagnostics.append(
                        codes.diagnostic(
                            codes.WEEKDAY_MISMATCH,
                            f"{date} is a {jpdate.WEEKDAYS[actual]}曜日, but the text says "
                            f"（{weekday}）",
                            *paragraph.position(offset + found.start),
                        )
                    )
        if start_time is None and field.key in ("datetime", "date", "time"):
            times = jpdate.find_time_range(rest)
            if times:
                start_time = times[0].hhmm()
                end_time = times[1].hhmm() if times[1] else None
    if date is None and title:
        found = jpdate.find_date(title)
        date = found.date.isoformat() if found else None
    if date is None:
        diagnostics.append(codes.diagnostic(codes.NO_DATE, "no meeting date found", None))
    if title is None:
        diagnostics.append(codes.diagnostic(codes.NO_TITLE, "no title found", None))

    venue = next((_value(f) for f in fields if f.key == "venue"), None)
    attendance = find_attendance([paragraph_of[f.line_start] for f in fields] + list(body))
    meta = Meta(
        title=title,
        kind=kind,  # type: ignore[arg-type]  # one of grammar.KINDS
        date=date,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        attendance=attendance,
    )
    return Header(meta, tuple(fields), len(fields), tuple(diagnostics))


def find_attendance(paragraphs: Sequence[Paragraph]) -> Attendance | None:
    """The first stated attendance count: ``委員 11 名中７名出席`` or ``出席者 7 名``."""
    for paragraph in paragraphs:
        found = grammar.ATTENDANCE.search(paragraph.text)
        if not found:
            continue
        present = found["present"] or found["present_only"]
        group = (found["group"] or "").strip() or None
        return Attendance(
            present=int(present),
            total=int(found["total"]) if found["total"] else None,
            group=group,
            line_start=paragraph.line_at(found.start()),
            line_end=paragraph.line_at(found.end() - 1),
        )
    return None
