"""The header stage: title, kind, date, times, venue, attendance and agenda.

The header is the run of lines before the body (the split stage decides where it ends).
Its lines are read one by one and grouped into blocks (:mod:`.lines`); the blocks give
the meeting's facts, the attendance (:mod:`.attendance`) and the agenda (:mod:`.agenda`).
The body's paragraphs are searched for what a header may leave unsaid (a date, the times,
an attendance list placed after the closing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from minutes_cli import codes
from minutes_cli.grammar import jpdate
from minutes_cli.grammar.blocks import BULLET_START
from minutes_cli.grammar.header import KINDS
from minutes_cli.models import Diagnostic, HeaderField, Meta
from minutes_cli.parse.header import agenda, attendance, roll
from minutes_cli.parse.header.lines import classify, field, group, meeting_date, times, title
from minutes_cli.parse.scheme import Scheme
from minutes_cli.parse.split import Split
from minutes_cli.parse.tokens import Line, Paragraph


class Header(NamedTuple):
    """What the header stage found."""

    meta: Meta
    fields: tuple[HeaderField, ...]
    diagnostics: tuple[Diagnostic, ...]


def run(split: Split, body: Sequence[Paragraph], scheme: Scheme) -> Header:
    """Read the header lines, with the body's paragraphs for facts stated later."""
    opening = _opening(split, body, scheme)
    # Where a header gives no date, the body's first paragraphs and headings may
    # (``## Tuesday, March 19, 2024``): the first five, in source order.
    # A date someone says (``前回、令和６年８月２２日の会議で``) is not the meeting's.
    early = sorted(
        [(h.line, h.text) for h in split.headings[:5]]
        + [(p.line_start, p.text) for p in body[:5] if scheme.start(p.text) is None]
    )[:5]
    texts = [text for _, text in early]
    found = read(split.head, body, split.shared, opening, scheme.legend_lines, texts)
    if found.meta.attendance_groups:
        return found
    # no attendance list in the header: one in the body, before anyone speaks
    first = body[: roll.MAX_PARAGRAPHS]
    headings = list(split.headings)
    headed = [
        next((h.title for h in reversed(headings) if h.line < p.line_start), "") for p in first
    ]
    opens = [scheme.start(p.text) is not None for p in first]
    above = Paragraph.of_line(split.head[-1]) if split.head else None
    groups, attendees = roll.read(first, opens, headed, above)
    if not groups:
        return found
    counted = found.meta.attendance or attendance.summary(groups)
    meta = found.meta.model_copy(
        update={"attendance_groups": groups, "attendees": attendees, "attendance": counted}
    )
    return found._replace(meta=meta)


def _opening(split: Split, body: Sequence[Paragraph], scheme: Scheme) -> str | None:
    """The document's first paragraph, when there are no header lines and it is plain text
    (no heading, turn or bullet): where PDF text may have glued the title to the text."""
    if split.head or not body or not split.numbers or body[0].line_start != split.numbers[0]:
        return None
    first = body[0].text
    if scheme.start(first) is not None or BULLET_START.match(first):
        return None
    return first


def read(
    lines: Sequence[Line],
    body: Sequence[Paragraph],
    shared: frozenset[int] = frozenset(),
    opening: str | None = None,
    legend_lines: frozenset[int] = frozenset(),
    early: Sequence[str] | None = None,
) -> Header:
    """Read the header lines; ``body`` is searched for facts stated later (attendance,
    times); ``shared`` are lines cut into pieces, whose fields say which columns they own;
    ``opening`` is a first paragraph that may hold a glued title; ``legend_lines`` are
    where the speaker legend stands (a legend over several lines is one field); ``early``
    are the texts searched for a date the header lacks (default: the first paragraphs)."""
    classified = classify(lines, legend_lines)
    blocks = group(classified)
    fields = tuple(field(block, shared) for block in blocks)

    diagnostics: list[Diagnostic] = []
    named = title(blocks, classified, opening)
    kind = next((k for k in KINDS if named and k in named), None)
    date_line, found = meeting_date(classified)
    date = found.date.isoformat() if found else None
    weekday: str | None = None
    if found and found.weekday_stated is not None and date_line is not None:
        weekday = jpdate.WEEKDAYS[found.weekday_stated]
        actual = found.date.weekday()
        if actual != found.weekday_stated:
            column = date_line.column + found.start  # found in the unstripped line
            diagnostics.append(
                codes.diagnostic(
                    codes.WEEKDAY_MISMATCH,
                    f"{date} is a {jpdate.WEEKDAYS[actual]}曜日, but the text says （{weekday}）",
                    date_line.number,
                    column,
                )
            )
    if date is None:
        for text in early if early is not None else [p.text for p in body[:5]]:
            in_body = jpdate.find_date(text)
            if in_body:
                date, found, date_line = in_body.date.isoformat(), in_body, None
                break
    if found is not None and found.ambiguous:
        other = f"{found.date.year}-{found.date.day:02}-{found.date.month:02}"
        diagnostics.append(
            codes.diagnostic(
                codes.AMBIGUOUS_DATE,
                f"the date is read month first, {date}; written the other way it is {other}",
                date_line.number if date_line is not None else None,
            )
        )
    if date is None:
        diagnostics.append(codes.diagnostic(codes.NO_DATE, "no meeting date found", None))
    if named is None:
        diagnostics.append(codes.diagnostic(codes.NO_TITLE, "no title found", None))
    start_time, end_time = times(classified, body)
    venue = next((i.value for i in classified if i.states("venue")), None)
    groups, attendees = attendance.read(blocks)
    if not groups:
        groups, attendees = attendance.trailing(body)
    counted = attendance.summary(groups) or attendance.find_attendance(
        [Paragraph.of_line(i.line) for i in classified] + list(body)
    )
    meta = Meta(
        title=named,
        kind=kind,
        date=date,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        attendance=counted,
        attendance_groups=groups,
        attendees=attendees,
        agenda=agenda.read(blocks),
    )
    return Header(meta, fields, tuple(diagnostics))
