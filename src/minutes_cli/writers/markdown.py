"""Markdown: a readable rendering of the minutes, for review and for publishing.

The layout mirrors the source: a title, a short list of meeting facts, the speaker
legend, then the section tree as headings with each section's notes and
utterances in source order. Every paragraph ends with a ``<sub>L12–14</sub>``
reference so a reader can check it against the original.

User text is escaped, because minutes are data, not markup: a line reading
``# 議題`` or ``*重要*`` or ``<script>`` must come out as written. Multi-paragraph
text is kept inside its paragraph or list item with CommonMark hard line breaks
(a backslash at the end of the line), so it never leaks into the next block.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO, TypeAlias

from minutes_cli.models import Document, Meta, Note, Section, Utterance

if TYPE_CHECKING:
    from minutes_cli.writers import WriteOptions

UNTITLED = "Untitled minutes"
MAX_HEADING_LEVEL = 6

# ASCII punctuation that can start inline markup (emphasis, code, links, raw
# HTML, tables, strikethrough, entities). CommonMark lets any of it be escaped.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&]")
# What turns the start of a line into a block: heading, quote, list, setext
# underline. Checked after inline escaping and after dropping leading blanks.
_BLOCK_START = re.compile(r"[#>+\-=]|[0-9]{1,9}[.)]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WHITESPACE = re.compile(r"\s+")

Item: TypeAlias = Utterance | Note


def escape_inline(text: str) -> str:
    """Backslash-escape every character that could open inline markup."""
    return _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(), text)


def escape_line(line: str) -> str:
    """Escape one line so it renders as plain text, even at the start of a block.

    Leading spaces and tabs are dropped: inside a paragraph they mean nothing, but
    four of them at the start of a block would make a code block.
    """
    line = escape_inline(line.strip(" \t"))
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    end = match.end()
    if match.group()[-1] in ".)":  # ordered-list marker: escape the delimiter
        return line[: end - 1] + "\\" + line[end - 1 :]
    return "\\" + line


def escape_block(text: str, indent: str = "", *, block_start: bool = True) -> str:
    """Escape multi-line *text* as one paragraph, lines joined by hard breaks.

    Blank lines are dropped because they would end the paragraph or list item;
    *indent* is prefixed to continuation lines (two spaces inside a list item).
    Pass ``block_start=False`` when the text follows a label on its first line
    (``**議長**: =SUM…``): a block marker there is inert, so it is left as written.
    """
    parts = _LINE_BREAK.split(text)
    lines = [escape_line(line) for line in parts]
    if not block_start:
        lines[0] = escape_inline(parts[0].strip(" \t"))
    lines = [line for line in lines if line] or [""]
    return ("\\\n" + indent).join(lines)


def escape_heading(text: str) -> str:
    """Escape text for an ATX heading, which must stay on one line."""
    flat = _WHITESPACE.sub(" ", text).strip()
    return escape_inline(flat).replace("#", "\\#")


def line_ref(line_start: int, line_end: int) -> str:
    """The source reference appended to each paragraph, e.g. ``<sub>L45–53</sub>``."""
    span = f"L{line_start}" if line_start == line_end else f"L{line_start}–{line_end}"
    return f"<sub>{span}</sub>"


class _Emitter:
    """Writes blocks separated by blank lines, keeping one list's items together.

    Consecutive items of the same *group* form one tight list. Different lists use
    different bullets (``*`` for the front matter, ``-`` in the body) because in
    CommonMark only a change of bullet or a non-list block ends a list.
    """

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._group: str | None = None
        self._started = False

    def emit(self, text: str, group: str | None = None) -> None:
        if self._started:
            same_list = group is not None and group == self._group
            self._out.write("\n" if same_list else "\n\n")
        self._out.write(text)
        self._group = group
        self._started = True

    def close(self) -> None:
        if self._started:
            self._out.write("\n")


def _title(document: Document) -> str:
    return document.meta.title or document.source.path or UNTITLED


def _date(meta: Meta) -> str | None:
    """The date, with the weekday only where the source states one (no guessed 曜日)."""
    if meta.date is None:
        return None
    return f"{meta.date} ({meta.weekday})" if meta.weekday else meta.date


def _time(meta: Meta) -> str | None:
    if meta.start_time is None and meta.end_time is None:
        return None
    return f"{meta.start_time or ''}–{meta.end_time or ''}"


def _attendance(meta: Meta) -> str | None:
    att = meta.attendance
    if att is None or (att.present is None and att.total is None):
        return None
    present = "?" if att.present is None else str(att.present)
    count = present if att.total is None else f"{present} / {att.total}"
    return f"{count} ({att.group})" if att.group else count


def _front_matter(document: Document, emit: _Emitter) -> None:
    meta = document.meta
    facts = [
        ("Kind", meta.kind),
        ("Date", _date(meta)),
        ("Time", _time(meta)),
        ("Venue", meta.venue),
        ("Attendance", _attendance(meta)),
        ("Source", document.source.path),
    ]
    for label, value in facts:
        if value:
            emit.emit(f"* {label}: {escape_block(value, '  ', block_start=False)}", "facts")
    if document.speakers:
        emit.emit("Speakers:")
        for entry in document.speakers:
            role = escape_block(entry.role, "  ", block_start=False)
            text = f"{escape_inline(entry.marker)} {role}"
            emit.emit(f"* {text}", "speakers")


def _item(item: Item, emit: _Emitter) -> None:
    ref = line_ref(item.line_start, item.line_end)
    if isinstance(item, Utterance):
        # Role in bold, then the name: "**議長** 清野一榮", "**Waldemar Horwat**", "**◎**".
        label = item.role or item.speaker or item.label or item.marker or "?"
        speaker = f" {escape_heading(item.speaker)}" if item.role and item.speaker else ""
        text = escape_block(item.text, block_start=False)
        emit.emit(f"**{escape_heading(label)}**{speaker}: {text} {ref}")
    elif item.kind == "bullet":
        emit.emit(f"- {escape_block(item.text, '  ')} {ref}", "notes")
    else:
        emit.emit(f"{escape_block(item.text)} {ref}")


def _section(section: Section, items: dict[str | None, list[Item]], emit: _Emitter) -> None:
    hashes = "#" * min(section.level + 1, MAX_HEADING_LEVEL)
    heading = " ".join(
        part for part in (escape_heading(section.number), escape_heading(section.title)) if part
    )
    if section.remark and section.remark.strip():
        heading += f" *{escape_heading(section.remark)}*"
    emit.emit(f"{hashes} {heading}".rstrip())
    for item in items.get(section.id, ()):
        _item(item, emit)
    for child in section.children:
        _section(child, items, emit)


def _group_items(document: Document) -> dict[str | None, list[Item]]:
    """Items by section id, in source order; unknown ids go with the preamble."""
    known = {section.id for section in document.iter_sections()}
    everything: list[Item] = [*document.utterances, *document.notes]
    everything.sort(key=lambda item: (item.line_start, item.line_end))
    grouped: dict[str | None, list[Item]] = {}
    for item in everything:
        key = item.section if item.section in known else None
        grouped.setdefault(key, []).append(item)
    return grouped


def write_markdown(document: Document, out: TextIO, options: WriteOptions) -> None:
    """Render the document as CommonMark (with GFM-safe escaping)."""
    del options  # no Markdown options yet; the signature is the registry's
    emit = _Emitter(out)
    emit.emit(f"# {escape_heading(_title(document))}")
    _front_matter(document, emit)
    items = _group_items(document)
    for item in items.get(None, ()):
        _item(item, emit)
    for section in document.sections:
        _section(section, items, emit)
    if document.diagnostics:
        emit.emit("## Diagnostics")
        for diag in document.diagnostics:
            where = "file" if diag.line is None else f"L{diag.line}"
            text = escape_block(diag.message, "  ", block_start=False)
            emit.emit(
                f"- **{escape_heading(diag.code)}** ({diag.severity.value}, {where}): {text}",
                "diagnostics",
            )
    emit.close()
