"""The two kinds of golden file, rendered from the public record (:class:`Document`).

``fixtures/<case>.expected.outline`` (every fixture) is a *projection*: one line per record
that owns source text, in source order, then the document-level facts. It is made for a
reviewer: a wrong role, a turn cut in the wrong place or a lost heading is one changed line
of the diff, and a change to the schema that no reader sees (a new field, a renamed key)
changes none of these files. The name ends in ``.outline``, not ``.txt``, because every
``fixtures/*.txt`` is an input.

``fixtures/<case>.expected.json`` is the whole record, ``Document.model_dump``, kept only
for the cases in :data:`JSON_CASES`, where every field is the point.

Both are written by ``scripts/regen_golden.py`` and compared by ``tests/test_golden.py``;
this module is the one place that says what they contain.

The outline's columns, in this order, separated by at least two spaces::

    lines  kind  marker  role  speaker  section  first words

- ``lines``: ``45-53``, or ``45`` for one line; a record that starts or ends inside a line
  shows its columns, ``12:100-13:75`` (a missing column is left out: ``12:5-13``); paged
  input adds the pages, ``45-53 p2-3``.
- ``kind``: ``header:<key>``, ``heading``, ``utterance``, ``note:<kind>`` or
  ``dropped:<reason>``; under an utterance, indented, ``event:<kind>`` for each event;
  under a note, indented, ``material`` for each handout it names (id, then title).
- ``marker`` and ``role``/``speaker`` (utterances only): the canonical marker, the role and
  the name, the name preceded by the seat (``22番``) and followed by the honorific when
  the record has them.
- ``section``: the id of the enclosing section (of the section itself, for a heading).
- ``first words``: the text, newlines shown as ``⏎``, cut at :data:`WORDS` display
  columns with ``…`` (a heading shows its number and title).

``-`` stands for null (or for a column the record does not have). Columns are padded to
fixed widths (wide characters count two), so one record's change never moves another line;
a longer value just pushes the rest of its own line. No line ends in a space.

Not in the outline, and so checked only by the JSON goldens (and ``tests/test_schemes.py``):
an utterance's ``seq`` (its order), ``label`` and ``section_title``, text past the first
words, a header paragraph's ``label``, the source's hash and size, ``schema_version``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Sized
from pathlib import Path

from minutes_cli import parse_bytes
from minutes_cli.models import Document, Event, Material, Span, TextSpan

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

#: How every golden file is regenerated; it opens each outline.
REGENERATE = "python scripts/regen_golden.py"

#: The cases whose whole record is kept as ``.expected.json``:
#:
#: - ``seed_kushiro_2025``: the real reference document (legend scheme, the 【…】 legend
#:   as a section remark, nested sections, bullets and brackets, handouts as materials,
#:   an attendance count);
#: - ``assembly_inline_crlf``: a city assembly record (assembly scheme with labels and
#:   honorifics, attendance blocks, attendees with seats and roles, agenda items and the
#:   agenda sections without a heading line, events inside turns, event notes, dropped
#:   page markers, CRLF input);
#: - ``english_pdf_glued``: PDF text with turns glued onto one line (prefix scheme, every
#:   column field, dropped running footers, text notes, a diagnostic).
#:
#: Between them they hold every type of record, and each field that the outline leaves out
#: (the module docstring lists them) has a value in at least one of them. The fields that
#: only other fixtures fill (an utterance's seat, an attendee's initials, a diagnostic's
#: line and column) are columns of the outline; no fixture is paged.
JSON_CASES = ("seed_kushiro_2025", "assembly_inline_crlf", "english_pdf_glued")

#: Display width at which the first words are cut.
WORDS = 36

#: Display widths of the padded columns: lines, kind, marker, role, speaker, section.
WIDTHS = (13, 20, 1, 10, 14, 6)


def case_name(case: Path) -> str:
    """``seed_kushiro_2025`` for ``fixtures/seed_kushiro_2025.txt``."""
    return case.name.removesuffix(".txt")


def outline_path(case: Path) -> Path:
    """Where the outline golden of ``case`` lives."""
    return case.with_name(f"{case_name(case)}.expected.outline")


def json_path(case: Path) -> Path:
    """Where the JSON golden of ``case`` lives (only :data:`JSON_CASES` have one)."""
    return case.with_name(f"{case_name(case)}.expected.json")


def parse_case(case: Path) -> Document:
    """The fixture's record; the source path is stored relative to the repository."""
    return parse_bytes(case.read_bytes(), path=case.relative_to(ROOT).as_posix())


def render_json(document: Document) -> str:
    """The JSON golden: the whole record."""
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def render_outline(document: Document) -> str:
    """The outline golden: the projection described in this module's docstring."""
    return "\n".join(line.rstrip() for line in outline(document)) + "\n"


def width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """``text`` padded with spaces to ``columns`` display columns (never cut)."""
    return text + " " * max(columns - width(text), 0)


def flat(text: str) -> str:
    """``text`` on one line: newlines shown as ``⏎`` (a carriage return ``␍``, a tab ``⇥``)."""
    return text.replace("\r", "␍").replace("\n", "⏎").replace("\t", "⇥")


def words(text: str, limit: int = WORDS) -> str:
    """``text`` on one line (:func:`flat`), cut at ``limit`` display columns with ``…``."""
    text = flat(text)
    if width(text) <= limit:
        return text
    kept = ""
    for char in text:
        if width(kept + char) > limit - 1:
            break
        kept += char
    return kept.rstrip() + "…"


def value(item: object) -> str:
    """A field as the outline shows it: ``-`` for null."""
    return "-" if item is None or item == "" else str(item)


def lines(span: Span) -> str:
    """``45-53``, ``45``, ``12:5-12:40``, with `` p2-3`` for paged input."""
    start, end = str(span.line_start), str(span.line_end)
    if isinstance(span, TextSpan) and (span.column_start, span.column_end) != (None, None):
        if span.column_start is not None:
            start += f":{span.column_start}"
        if span.column_end is not None:
            end += f":{span.column_end}"
        text = f"{start}-{end}"
    else:
        text = start if start == end else f"{start}-{end}"
    if span.page_start is not None or span.page_end is not None:
        first, last = value(span.page_start), value(span.page_end)
        text += f" p{first}" if first == last else f" p{first}-{last}"
    return text


def row(*cells: str) -> str:
    """One outline line: six cells padded to :data:`WIDTHS`, then the first words."""
    *padded, text = cells
    assert len(padded) == len(WIDTHS), cells
    return "  ".join([*(pad(c, w) for c, w in zip(padded, WIDTHS, strict=True)), text])


def sub_row(span: str, kind: str, text: str) -> str:
    """An indented line under a record: an event of a turn, a material of a note."""
    return "  ".join(["  " + pad(span, WIDTHS[0] - 2), pad(kind, WIDTHS[1]), text])


def speaker(seat: int | None, name: str | None, honorific: str | None) -> str:
    """``22番 小林誠一 議員``: the name with its seat and honorific, when given."""
    if name is None and seat is None and honorific is None:
        return "-"
    parts = [f"{seat}番"] if seat is not None else []
    parts.append(value(name))
    if honorific:
        parts.append(honorific)
    return " ".join(parts)


def records(document: Document) -> Iterator[tuple[tuple[int, int, int], list[str]]]:
    """``(sort key, lines)`` of every record that owns source text, events and materials
    as lines under their record; the key is the first line and column, then the
    record's position in :meth:`Document.owned_spans` order."""
    order = 0

    def key(line: int, column: int | None) -> tuple[int, int, int]:
        nonlocal order
        order += 1
        return (line, column or 0, order)

    for field in document.header:
        yield (
            key(field.line_start, field.column_start),
            [row(lines(field), f"header:{field.key}", "-", "-", "-", "-", words(field.text))],
        )
    for section in document.iter_sections():
        if section.heading_line_start is None or section.heading_line_end is None:
            continue
        heading = Span(line_start=section.heading_line_start, line_end=section.heading_line_end)
        title = f"{section.number} {section.title}" if section.number else section.title
        yield (
            key(section.heading_line_start, None),
            [row(lines(heading), "heading", "-", "-", "-", section.id, words(title))],
        )
    for turn in document.utterances:
        head = row(
            lines(turn),
            "utterance",
            value(turn.marker),
            value(turn.role),
            speaker(turn.seat, turn.speaker, turn.honorific),
            value(turn.section),
            words(turn.text),
        )
        yield key(turn.line_start, turn.column_start), [head, *events(turn.events)]
    for note in document.notes:
        head = row(
            lines(note), f"note:{note.kind}", "-", "-", "-", value(note.section), words(note.text)
        )
        yield key(note.line_start, note.column_start), [head, *materials(note.materials)]
    for dropped in document.dropped:
        yield (
            key(dropped.line_start, dropped.column_start),
            [
                row(
                    lines(dropped),
                    f"dropped:{dropped.reason}",
                    "-",
                    "-",
                    "-",
                    "-",
                    words(dropped.text),
                )
            ],
        )


def events(items: Iterable[Event]) -> Iterator[str]:
    """The indented lines of a turn's events."""
    for event in items:
        yield sub_row(lines(event), f"event:{event.kind}", words(event.text))


def materials(items: Iterable[Material]) -> Iterator[str]:
    """The indented lines of a note's materials."""
    for material in items:
        yield sub_row(str(material.line), "material", f"{material.id}  {value(material.title)}")


def outline(document: Document) -> Iterator[str]:
    """The outline's lines, without newlines: a comment header, the records, the facts."""
    yield f"# Outline of {value(document.source.path)}: one line per record, in source order,"
    yield "# then the document's facts. Generated, never edited: after a parser change run"
    yield f"# `{REGENERATE}` and review the diff. Format: tests/golden.py."
    yield ""
    headings = sum(s.heading_line_start is not None for s in document.iter_sections())
    yield (
        f"== records: {len(document.header)} header, {headings} heading, "
        f"{len(document.utterances)} utterance, {len(document.notes)} note, "
        f"{len(document.dropped)} dropped"
    )
    yield row("lines", "kind", "m", "role", "speaker", "sect", "first words")
    for _, block in sorted(records(document), key=lambda item: item[0]):
        yield from block
    yield from facts(document)


def facts(document: Document) -> Iterator[str]:
    """The document block: scheme, source and meta, then one list per kind of fact."""
    source, meta = document.source, document.meta
    attendance = meta.attendance
    yield ""
    yield "== document"
    yield fact("scheme", document.scheme)
    yield fact(
        "source",
        f"format {source.format}  encoding {value(source.encoding)}  newline {source.newline}  "
        f"lines {source.lines}  pages {value(source.pages)}",
    )
    yield fact("title", flat(value(meta.title)))
    yield fact("kind", value(meta.kind))
    yield fact("date", value(meta.date))
    yield fact("weekday", value(meta.weekday))
    yield fact("start", value(meta.start_time))
    yield fact("end", value(meta.end_time))
    yield fact("venue", flat(value(meta.venue)))
    if attendance is None:
        yield fact("attendance", "-")
    else:
        yield fact(
            "attendance",
            f"{value(attendance.present)} of {value(attendance.total)}  "
            f"group {value(attendance.group)}  line {lines(attendance)}",
        )

    yield from heading("legend", document.speakers)
    for entry in document.speakers:
        yield fact(lines(entry), f"{entry.marker}  {entry.role}")

    yield from heading("attendance groups", meta.attendance_groups)
    for group in meta.attendance_groups:
        yield fact(
            lines(group),
            f"{pad(group.status, 7)}  count {pad(value(group.count), 3)}  {group.label}",
        )

    yield from heading("attendees", meta.attendees)
    for person in meta.attendees:
        yield fact(
            lines(person),
            f"{pad(person.name, 14)}  seat {pad(value(person.seat), 3)}  "
            f"role {pad(value(person.role), 10)}  initials {pad(value(person.initials), 4)}  "
            f"group {person.group}",
        )

    yield from heading("agenda", meta.agenda)
    for item in meta.agenda:
        yield fact(lines(item), f"{pad(value(item.number), 8)}  {flat(item.title)}")

    sections = list(document.iter_sections())
    yield from heading("sections", sections)
    for section in sections:
        if section.heading_line_start is None or section.heading_line_end is None:
            title_lines = "-"
        else:
            title_lines = lines(
                Span(line_start=section.heading_line_start, line_end=section.heading_line_end)
            )
        remark = "" if section.remark is None else f"  remark {flat(section.remark)}"
        yield fact(
            section.id,
            f"{pad(value(section.number), 8)}  {pad(section.style, 13)}  level {section.level}  "
            f"lines {pad(lines(section), 7)}  heading {pad(title_lines, 5)}  "
            f"{flat(section.title)}{remark}",
        )

    yield from heading("diagnostics", document.diagnostics)
    for diagnostic in document.diagnostics:
        where = value(diagnostic.line)
        if diagnostic.column is not None:
            where += f":{diagnostic.column}"
        yield fact(
            diagnostic.code,
            f"{pad(where, 7)}  {pad(diagnostic.severity.value, 7)}  {flat(diagnostic.message)}",
        )


def heading(name: str, items: Sized) -> Iterator[str]:
    """A blank line and the title of one list of the document block, with its length."""
    yield ""
    yield f"== {name} ({len(items)})"


def fact(name: str, text: str) -> str:
    """A line of the document block: a name padded to a column, then the value."""
    return f"{pad(name, 13)}  {text}"
