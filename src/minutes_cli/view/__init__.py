"""``minutes view``: one self-contained HTML page to read a document and its records side by
side: the source on the left, numbered as the records number it; the records on the right,
each linked to its lines and each line back to its record; speakers coloured, the sections
as a table of contents, a search box, the diagnostics marked where they point.

No network, no external file: the style and the script are in the page, and every piece of
the document's text goes through :func:`html.escape` (a speech that says ``<script>`` is
text). It is a renderer of a record *and its source* (the lines it points at), so it is not
one of the text writers, which see only the record.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from minutes_cli.models import Document, Section


@dataclass(frozen=True)
class _Item:
    """One record as the page lists it."""

    kind: str  # header, heading, utterance, note, dropped
    start: int
    end: int
    who: str | None
    label: str
    text: str


def render(document: Document, source: str) -> str:
    """The page for *document*, whose decoded input was *source*."""
    lines = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    items = sorted(_items(document), key=lambda item: (item.start, item.end))
    owner: dict[int, int] = {}
    for index, item in enumerate(items):
        for number in range(item.start, item.end + 1):
            owner.setdefault(number, index)
    notes: dict[int, list[str]] = {}
    for diagnostic in document.diagnostics:
        if diagnostic.line is not None:
            notes.setdefault(diagnostic.line, []).append(f"{diagnostic.code} {diagnostic.message}")
    title = document.meta.title or document.source.path or "minutes"
    parts = [
        "<!doctype html>\n<html lang=ja>\n<head>\n<meta charset=utf-8>\n",
        '<meta name=viewport content="width=device-width, initial-scale=1">\n',
        f"<title>{_e(title)}</title>\n<style>\n{_asset('page.css')}</style>\n</head>\n<body>\n",
        f"<header><h1>{_e(title)}</h1>",
        f"<p>{_e(document.meta.date or '')} · {len(document.utterances)} utterances · "
        f"{len(document.diagnostics)} diagnostics · <code>{_e(document.source.path or '-')}"
        "</code></p>",
        '<input id=q type=search placeholder="search the records" autocomplete=off>',
        "<span id=found></span></header>\n<main>\n",
        '<section id=source aria-label="source"><ol>',
        *_source_lines(lines, items, owner, notes),
        "</ol></section>\n",
        '<section id=records aria-label="records">',
        _contents(document.sections),
        *_records(items),
        _diagnostics(document),
        "</section>\n</main>\n",
        f"<script>\n{_asset('page.js')}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def _items(document: Document) -> Iterator[_Item]:
    for field in document.header:
        yield _Item("header", field.line_start, field.line_end, None, field.key, field.text)
    for section in document.iter_sections():
        if section.heading_line_start is not None and section.heading_line_end is not None:
            heading = f"{section.number} {section.title}"
            start, end = section.heading_line_start, section.heading_line_end
            yield _Item("heading", start, end, None, section.id, heading)
    for u in document.utterances:
        who = " ".join(part for part in (u.role, u.speaker) if part) or u.marker
        yield _Item("utterance", u.line_start, u.line_end, who, who, u.text)
    for note in document.notes:
        yield _Item("note", note.line_start, note.line_end, None, note.kind, note.text)
    for dropped in document.dropped:
        yield _Item(
            "dropped", dropped.line_start, dropped.line_end, None, dropped.reason, dropped.text
        )


def _source_lines(
    lines: Sequence[str], items: Sequence[_Item], owner: dict[int, int], notes: dict[int, list[str]]
) -> Iterator[str]:
    for number, text in enumerate(lines, start=1):
        index = owner.get(number)
        classes = [items[index].kind] if index is not None else []
        attributes = f' data-r="r{index}"' if index is not None else ""
        who = items[index].who if index is not None else None
        if who:
            attributes += f' style="--hue:{_hue(who)}"'
        if number in notes:
            classes.append("diag")
            attributes += f' title="{_e(" / ".join(notes[number]))}"'
        link = (
            f'<a href="#r{index}">{number}</a>' if index is not None else f"<span>{number}</span>"
        )
        yield (
            f'<li id="L{number}" class="{" ".join(classes)}"{attributes}>{link}'
            f"<code>{_e(text)}</code></li>\n"
        )


def _contents(sections: Sequence[Section]) -> str:
    if not sections:
        return ""

    def tree(nodes: Sequence[Section]) -> str:
        entries = []
        for node in nodes:
            target = node.heading_line_start or node.line_start
            entries.append(
                f'<li><a href="#L{target}" data-line="{target}">{_e(node.number)} '
                f"{_e(node.title)}</a>{tree(node.children) if node.children else ''}</li>"
            )
        return "<ol>" + "".join(entries) + "</ol>"

    return f'<nav id=contents aria-label="contents"><h2>Contents</h2>{tree(sections)}</nav>\n'


def _records(items: Sequence[_Item]) -> Iterator[str]:
    for index, item in enumerate(items):
        span = f"L{item.start}" + (f"–{item.end}" if item.end != item.start else "")
        style = f' style="--hue:{_hue(item.who)}"' if item.who else ""
        yield (
            f'<article id="r{index}" class="{item.kind}" data-start="{item.start}" '
            f'data-end="{item.end}"{style}><p class=meta><b>{_e(item.label)}</b> '
            f'<a href="#L{item.start}">{span}</a> <i>{item.kind}</i></p>'
            f"<p class=text>{_e(item.text)}</p></article>\n"
        )


def _diagnostics(document: Document) -> str:
    if not document.diagnostics:
        return ""
    entries = "".join(
        f'<li class="{d.severity.value}">'
        + (f'<a href="#L{d.line}">L{d.line}</a> ' if d.line is not None else "")
        + f"<b>{_e(d.code)}</b> {_e(d.message)}</li>"
        for d in document.diagnostics
    )
    return f"<section id=diagnostics><h2>Diagnostics</h2><ul>{entries}</ul></section>\n"


def _hue(who: str) -> int:
    """The same speaker, the same colour, on every page (a hash of the name)."""
    return zlib.crc32(who.encode("utf-8")) % 360


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _asset(name: str) -> str:
    """The page's style or script, shipped beside this module (``page.css``, ``page.js``)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
