"""The spec suite: every convention ``minutes`` reads, as examples a reviewer can read.

Like CommonMark's spec and markdown-it-py's fixture files, each ``tests/spec/*.md`` file is
prose with examples. An example is a fenced block: the input lines, a line holding only
``.``, then the records expected of them::

    ```````````````````````````````` example
    【◎…議長 ○…委員】
    ◎ 開会します。
    .
    1 header:legend | 【◎…議長 ○…委員】
    2 utterance ◎ role=議長 | 開会します。
    ````````````````````````````````

Expected lines, one per record in source order (as :func:`project` writes them):

- ``LINES KIND [MARKER] [field=value …] | TEXT``: ``LINES`` is ``2`` or ``2-4`` (with
  ``:COL`` where a record starts or ends inside a line); ``KIND`` is ``header:<key>``,
  ``heading``, ``utterance``, ``note:<kind>`` or ``dropped:<reason>``; an utterance shows
  its marker, then the fields it has of ``role``, ``speaker``, ``seat``, ``honorific``,
  ``via`` (its ``attribution``, shown where it is not the scheme's own: ``legend`` for the
  legend scheme, ``assembly-label`` for assembly, ``prefix`` for prefix), and every record
  its ``section``; ``TEXT`` is the whole text, newlines as ``⏎``.
- Indented under an utterance, ``LINES event:<kind> | TEXT`` for each event in the turn.
- ``! CODE LINE[:COL]`` for each diagnostic, after the records, except "no date" (M001)
  and "no title" (M003), which most examples would otherwise carry.
- ``meta KEY VALUE``: a fact of the meeting (``scheme``, ``title``, ``date``, ``start``,
  ``end``, ``venue``, ``attendance`` as ``7/11``, ``attendees`` as ``LABEL STATUS [COUNT]:
  role name, …; …`` per attendance block (a note in ``（）``, a status unlike the block's
  in ``[]``), ``people`` as ``ID [NAME] [full] (offices) [status] ×TURNS; …`` per roster
  person, ``links`` as ``SEQ=PERSON …`` per utterance (``-`` for none), ``decisions`` as
  ``LINE ITEM [TITLE] → OUTCOME +|−|? [METHOD] [unanimous] [Y/N/A/T] [@SEQ]; …`` per
  decision (carried, failed, no vote; the counts for, against, abstaining, in all, ``-``
  where not given; the utterance that says it), ``kinds`` as ``SEQ=KIND[>SEQ] …`` per
  utterance (an answer with the question it answers), ``agenda`` as
  ``(1) title; (2) title``,
  ``sections`` as ``id=number; …`` for every section, depth first: the way to see sections
  that own no heading line, such as the agenda items a verbatim record takes up);
  only the facts given are compared.

Every record of the example is compared (nothing may be left out or added), and the
example must be lossless: every non-blank input line in exactly one record.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from minutes_cli.models import Document, Event, TextSpan

SPEC = Path(__file__).resolve().parent

#: The fence that opens and closes an example (32 backticks, as CommonMark's spec).
FENCE = "`" * 32

#: The attribution of a scheme's own turns, which the expected lines do not repeat.
USUAL: dict[str, str] = {"legend": "legend", "assembly": "assembly-label", "prefix": "prefix"}

#: Diagnostics left out of the comparison unless an example names them.
QUIET = frozenset({"M001", "M003"})


class Example(NamedTuple):
    """One example: where it is, what it is called, its input and the expected lines."""

    file: str
    line: int  # of the opening fence, for the test id and the failure message
    title: str  # the nearest heading above it
    source: str
    expected: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def examples(folder: Path = SPEC) -> Iterator[Example]:
    """Every example of every spec file, in file and line order."""
    for path in sorted(folder.glob("*.md")):
        yield from read(path)


def read(path: Path) -> Iterator[Example]:
    """The examples of one spec file."""
    title = ""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            title = line.lstrip("#").strip()
        if line == f"{FENCE} example":
            start = index + 1
            end = lines.index(FENCE, start)
            body = lines[start:end]
            dot = body.index(".")
            source = "\n".join(body[:dot]) + "\n"
            expected = tuple(item for item in body[dot + 1 :] if item.strip())
            yield Example(_name(path), index + 1, title, source, expected)
            index = end
        index += 1


def _name(path: Path) -> str:
    """``legend.md``, ``known/text.md``: where an example's file is in the suite."""
    return path.relative_to(SPEC).as_posix() if path.is_relative_to(SPEC) else path.name


def span(record: TextSpan | Event) -> str:
    """``2``, ``2-4``, ``12:5-12:40``: the lines (and columns) of a record."""
    first, last = str(record.line_start), str(record.line_end)
    if isinstance(record, TextSpan) and (record.column_start or record.column_end):
        if record.column_start is not None:
            first += f":{record.column_start}"
        if record.column_end is not None:
            last += f":{record.column_end}"
        return f"{first}-{last}"
    return first if first == last else f"{first}-{last}"


def flat(text: str) -> str:
    return text.replace("\n", "⏎")


def _fields(**values: object) -> str:
    return "".join(f" {name}={value}" for name, value in values.items() if value is not None)


def project(document: Document) -> list[str]:
    """The expected-lines form of a document's records and diagnostics."""
    rows: list[tuple[tuple[int, int, int], list[str]]] = []
    order = 0

    def add(record: TextSpan, line: str, *under: str) -> None:
        nonlocal order
        order += 1
        rows.append(((record.line_start, record.column_start or 0, order), [line, *under]))

    for field in document.header:
        add(field, f"{span(field)} header:{field.key} | {flat(field.text)}")
    for section in document.iter_sections():
        if section.heading_line_start is None:
            continue
        heading = TextSpan(
            line_start=section.heading_line_start, line_end=section.heading_line_end or 0
        )
        title = f"{section.number} {section.title}" if section.number else section.title
        add(heading, f"{span(heading)} heading section={section.id} | {flat(title)}")
    for turn in document.utterances:
        fields = _fields(
            role=turn.role,
            speaker=turn.speaker,
            seat=turn.seat,
            honorific=turn.honorific,
            via=None if USUAL.get(document.scheme) == turn.attribution else turn.attribution,
            section=turn.section,
        )
        marker = f" {turn.marker}" if turn.marker else ""
        events = [f"  {span(e)} event:{e.kind} | {flat(e.text)}" for e in turn.events]
        add(turn, f"{span(turn)} utterance{marker}{fields} | {flat(turn.text)}", *events)
    for note in document.notes:
        add(
            note,
            f"{span(note)} note:{note.kind}{_fields(section=note.section)} | {flat(note.text)}",
        )
    for dropped in document.dropped:
        add(dropped, f"{span(dropped)} dropped:{dropped.reason} | {flat(dropped.text)}")
    projected = [line for _, block in sorted(rows, key=lambda row: row[0]) for line in block]
    shown = [d for d in document.diagnostics if d.code not in QUIET]
    for diagnostic in shown:
        where = str(diagnostic.line) if diagnostic.line is not None else "-"
        if diagnostic.column is not None:
            where += f":{diagnostic.column}"
        projected.append(f"! {diagnostic.code} {where}")
    return projected


def meta(document: Document) -> dict[str, str]:
    """The facts a ``meta`` line may name, as the line writes them."""
    facts = document.meta
    attendance = facts.attendance
    values = {
        "scheme": document.scheme,
        "title": facts.title,
        "date": facts.date,
        "start": facts.start_time,
        "end": facts.end_time,
        "venue": facts.venue,
        "agenda": "; ".join(
            " ".join(part for part in (item.number, item.title) if part) for item in facts.agenda
        )
        or None,
        "sections": "; ".join(f"{s.id}={s.number}" for s in document.iter_sections()) or None,
        "attendees": "; ".join(_attendees(document)) or None,
        "people": "; ".join(_people(document)) or None,
        "links": " ".join(f"{u.seq}={u.person or '-'}" for u in document.utterances) or None,
        "decisions": "; ".join(_decisions(document)) or None,
        "kinds": " ".join(
            f"{u.seq}={u.kind}" + (f">{u.reply_to}" if u.reply_to else "")
            for u in document.utterances
        )
        or None,
        "attendance": (
            f"{attendance.present}/{attendance.total if attendance.total is not None else '-'}"
            if attendance
            else None
        ),
    }
    return {key: "-" if value is None else value for key, value in values.items()}


def _attendees(document: Document) -> list[str]:
    """``LABEL STATUS [COUNT]: role name (note) [status], …`` for each attendance block."""
    blocks = []
    for group in document.meta.attendance_groups:
        people = []
        for person in document.meta.attendees:
            if person.group != group.label or not (
                group.line_start <= person.line_start <= group.line_end
            ):
                continue
            shown = " ".join(part for part in (person.role, person.name) if part)
            if person.seat is not None:
                shown = f"{person.seat}番 {shown}"
            if person.initials:
                shown += f" ({person.initials})"
            if person.note:
                shown += f" （{person.note}）"
            if person.status != group.status:
                shown += f" [{person.status}]"
            people.append(shown)
        count = f" {group.count}" if group.count is not None else ""
        blocks.append(f"{group.label} {group.status}{count}: {', '.join(people) or '-'}")
    return blocks


def _people(document: Document) -> list[str]:
    """``ID NAME [full] (office, …) [status] ×TURNS`` for each person of the roster."""
    shown = []
    for person in document.people:
        line = person.id if person.id == person.name else f"{person.id} {person.name}"
        if person.full_name:
            line += " full"
        if person.offices:
            line += f" ({', '.join(person.offices)})"
        if person.status:
            line += f" {person.status}"
        shown.append(f"{line} ×{person.turns}")
    return shown


def _decisions(document: Document) -> list[str]:
    """``LINE ITEM [TITLE] → OUTCOME +|−|? [METHOD] [unanimous] [Y/N/A/T] [@SEQ]`` for each
    decision (``+`` carried, ``−`` failed, ``?`` no vote; ``-`` for a count not given)."""
    shown = []
    for decision in document.decisions:
        passed = {True: "+", False: "−", None: "?"}[decision.passed]
        line = f"{decision.line_start} {decision.item or '-'}"
        if decision.title:
            line += f" {decision.title}"
        line += f" → {decision.outcome} {passed}"
        if decision.method:
            line += f" {decision.method}"
        if decision.unanimous:
            line += " unanimous"
        if decision.votes:
            counts = decision.votes
            line += " " + "/".join(
                "-" if n is None else str(n)
                for n in (counts.yes, counts.no, counts.abstain, counts.total)
            )
        if decision.utterance:
            line += f" @{decision.utterance}"
        shown.append(line)
    return shown


def wanted_meta(expected: tuple[str, ...]) -> dict[str, str]:
    """The ``meta`` facts an example asks for."""
    wanted: dict[str, str] = {}
    for line in expected:
        if line.startswith("meta "):
            key, _, value = line.removeprefix("meta ").partition(" ")
            wanted[key] = value
    return wanted
