"""How ``minutes search`` shows its hits: a table for people on a terminal, plain lines
(``path:lines<TAB>date<TAB>speaker<TAB>text``, as rg prints when piped), JSON or CSV.

The table is a rich table with the match highlighted in a short snippet; rich is imported
only when a table is rendered, so a script asking for JSON never pays for it. JSON and CSV
carry the full text and every field of :class:`~minutes_cli.archive.Hit`, as stored.

Every cell of the table is a rich ``Text`` built from the document's text with its control
characters escaped (:func:`~minutes_cli.errors.printable`), never a markup string: a
document's ``[bold]``, ``[link=…]`` or ``[/]`` is shown as written, and its ESC sequences
cannot set the window title, write the clipboard or clear the screen.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, TextIO

from minutes_cli.archive import HIT_FIELDS, Hit
from minutes_cli.errors import printable
from minutes_cli.grammar.forms import forms_class
from minutes_cli.writers.csv_writer import LINE_TERMINATOR, safe_cell

if TYPE_CHECKING:
    from rich.text import Text

SNIPPET = 36
"""Characters of context either side of the first match in the table."""


def write_json(hits: Sequence[Hit], out: TextIO, fields: Sequence[str] = HIT_FIELDS) -> None:
    """A JSON array of hits, one object per utterance (*fields*, in order), real UTF-8."""
    rows = [{field: row[field] for field in fields} for row in map(asdict, hits)]
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(hits: Sequence[Hit], out: TextIO, fields: Sequence[str] = HIT_FIELDS) -> None:
    """A header row and one row per hit, formula-safe as ``parse -f csv`` is."""
    writer = csv.writer(out, lineterminator=LINE_TERMINATOR)
    writer.writerow(fields)
    for hit in hits:
        row = asdict(hit)
        writer.writerow([safe_cell(row[field]) for field in fields])


def matches(text: str, query: str) -> list[tuple[int, int]]:
    """Where *query* occurs in *text* (case-insensitive, old kanji forms matching today's,
    as the search does), as ``(start, end)`` offsets."""
    if not query:
        return []
    pattern = "".join(forms_class(char) for char in query)
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]


#: SGR colours of the plain lines, as rg uses them: path magenta, lines green, match bold red.
_PATH, _LINES, _MATCH, _RESET = "\x1b[35m", "\x1b[32m", "\x1b[1;31m", "\x1b[0m"


def write_lines(hits: Sequence[Hit], query: str, out: TextIO, color: bool) -> None:
    """One line per hit, ``path:lines<TAB>date<TAB>speaker<TAB>text``, for grep, cut and
    awk: the text whole, its line breaks and tabs as spaces, control characters escaped
    (``\\x1b``), the matches coloured only when *color* is true."""

    def flat(value: str | None) -> str:
        return printable(" ".join((value or "").replace("\t", " ").splitlines()))

    for hit in hits:
        lines = f"{hit.line_start}" + (f"-{hit.line_end}" if hit.line_end != hit.line_start else "")
        path = flat(hit.path or "-")
        who = flat(" ".join(part for part in (hit.role, hit.speaker) if part))
        text = flat(hit.text)
        if color:
            path, lines = f"{_PATH}{path}{_RESET}", f"{_LINES}{lines}{_RESET}"
            text = _coloured(text, query)
        out.write(f"{path}:{lines}\t{flat(hit.date)}\t{who}\t{text}\n")


def _coloured(text: str, query: str) -> str:
    done, parts = 0, []
    for start, end in matches(text, query):
        if start < done:
            continue
        parts += [text[done:start], _MATCH, text[start:end], _RESET]
        done = end
    return "".join([*parts, text[done:]])


def snippet(text: str, query: str, width: int = SNIPPET) -> tuple[str, list[tuple[int, int]]]:
    """A window of *text* around the first match, with ``…`` where it was cut, and the
    match offsets inside the window (to highlight)."""
    found = matches(text, query)
    start = max(found[0][0] - width, 0) if found else 0
    end = min((found[0][1] if found else 0) + width, len(text))
    window = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    shift = (1 if start else 0) - start
    return window, [(a + shift, b + shift) for a, b in found if a >= start and b <= end]


def highlighted(window: str, spans: Sequence[tuple[int, int]]) -> Text:
    """*window* as a rich ``Text`` with *spans* in bold reverse; each piece is escaped
    on its own (tab and newline kept), so the highlight stays on the match even where
    an escape makes the text longer."""
    from rich.text import Text

    text = Text()
    done = 0
    for start, end in spans:
        if start < done:
            continue  # overlapping matches: the first one is highlighted
        text.append(printable(window[done:start], keep="\t\n"))
        text.append(printable(window[start:end], keep="\t\n"), style="bold reverse")
        done = end
    text.append(printable(window[done:], keep="\t\n"))
    return text


def write_table(hits: Sequence[Hit], query: str, out: TextIO, color: bool) -> None:
    """A rich table (coloured when *color* is true), one row per hit; the first column is
    ``path:first-last`` line, the way editors and ``grep -n`` name a place."""
    from rich.console import Console  # only a table pays for importing rich
    from rich.table import Table
    from rich.text import Text

    def cell(value: str) -> Text:  # shown as written: no markup, no controls
        return Text(printable(value))

    table = Table(caption=f"{len(hits)} utterances", caption_justify="left", expand=True)
    table.add_column("source:lines", overflow="fold", ratio=3)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("section", overflow="ellipsis", no_wrap=True, ratio=2)
    table.add_column("speaker", overflow="fold", min_width=6, ratio=1)
    table.add_column("text", overflow="fold", ratio=6)
    for hit in hits:
        lines = f"{hit.line_start}" + (f"-{hit.line_end}" if hit.line_end != hit.line_start else "")
        table.add_row(
            cell(f"{hit.path or '-'}:{lines}"),
            cell(hit.date or ""),
            cell(" ".join(part for part in (hit.section, hit.section_title) if part)),
            cell(" ".join(part for part in (hit.role, hit.speaker) if part)),
            highlighted(*snippet(hit.text, query)),
        )
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False)
    console.print(table)
