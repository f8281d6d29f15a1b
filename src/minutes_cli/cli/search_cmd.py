"""``minutes search``: the utterances of an archive written by ``minutes parse -f sqlite``.

The query goes to :class:`minutes_cli.archive.Archive`; an unusable database is an
:class:`~minutes_cli.errors.ArchiveError` (exit 2), which the app reports.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from minutes_cli.cli.common import (
    ColorChoice,
    ColorOption,
    app,
    examples,
    open_output,
    quiet_broken_pipe,
    use_color,
)
from minutes_cli.errors import ExitCode, UsageError, say
from minutes_cli.parse.clean import fold
from minutes_cli.writers.rows import chosen_fields


class SearchFormat(str, Enum):
    """``search --format``: a table for people, lines for grep and awk, JSON or CSV."""

    TABLE = "table"
    LINES = "lines"
    JSON = "json"
    CSV = "csv"


@app.command(
    epilog=examples(
        "minutes search minutes.db 外国人材",
        "minutes search minutes.db 議長 --role 委員 --since 2025-01-01",
        "minutes search minutes.db 国民 --role 大臣         # 國民 too; 国務大臣, 國務大臣…",
        "minutes search minutes.db 外国人材 | cut -f1,3    # piped: tab-separated lines",
        "minutes search minutes.db --speaker 盛山          # every turn of 盛山正仁",
        "minutes search minutes.db 'AND \"quoted\"' -f json | jq '.[].text'",
    ),
)
def search(
    database: Annotated[
        Path,
        typer.Argument(help="A database written by minutes parse -f sqlite.", metavar="DB"),
    ],
    query: Annotated[
        str | None,
        typer.Argument(
            help="Text to find in utterances, as a literal phrase (no operators); may be left "
            "out with --speaker.",
            metavar="[TEXT]",
        ),
    ] = None,
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker",
            metavar="NAME",
            help="Only this person's turns, however the labels wrote the name (盛山, "
            "盛山正仁, 盛山国務大臣; 國/国 alike), within the folder of documents (the body).",
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="ROLE",
            help="Only utterances with this role or one ending with it (大臣: 国務大臣, "
            "文部科学大臣), in old or today's kanji forms.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help="Only meetings on or after this date."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="YYYY-MM-DD", help="Only meetings on or before this date."),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="N", help="At most this many hits; 0 for all."
        ),
    ] = 20,
    format: Annotated[
        SearchFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="table (the default on a terminal), lines (the default otherwise: "
            "path:lines, date, speaker, text, tab-separated), json or csv.",
        ),
    ] = None,
    color: ColorOption = ColorChoice.AUTO,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="NAME,...",
            help="json and csv: only these fields, in this order (those of parse -f jsonl, "
            "and document_id).",
        ),
    ] = None,
) -> None:
    """Search the utterances of an archive: newest meeting first, then in document order.

    Three characters or more use the full-text index (trigrams, so Japanese words need
    no spaces); shorter text such as 議長 is found by a scan. The text is folded as the
    documents are (ＡＩ２０２５ finds AI2025), and old kanji forms find today's (国民 finds
    國民). Exit codes: 0 found, 1 nothing found, 2 usage error or unusable database.
    """
    # Stored text is folded (full-width ASCII and the ideographic space to half width):
    # fold the query the same way, so text typed with a Japanese input method is found.
    query = fold(query) if query is not None else None
    role = fold(role) if role is not None else None
    speaker = fold(speaker).strip() if speaker is not None else None
    if query is None and speaker is None:
        raise UsageError("TEXT", "give the text to find, or --speaker NAME")
    if (query is not None and not query.strip()) or speaker == "":
        raise UsageError("TEXT" if speaker != "" else "--speaker", "the search text is empty")
    for name, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_iso_date(value):
            raise UsageError(name, f"{value!r} is not a date in the form YYYY-MM-DD")
    from minutes_cli import archive, search_output  # only searches pay for sqlite3 and rich

    try:
        chosen = chosen_fields(fields, archive.HIT_FIELDS)
    except ValueError as error:
        raise UsageError("--fields", str(error)) from None

    wanted = archive.Query(query, role, since, until, limit or None, speaker)
    with archive.Archive(database, write=False) as store:  # ArchiveError: exit 2
        hits = store.search(wanted)
    try:
        with open_output(None) as out:
            shape = format or (SearchFormat.TABLE if sys.stdout.isatty() else SearchFormat.LINES)
            if shape is SearchFormat.JSON:
                search_output.write_json(hits, out, chosen)
            elif shape is SearchFormat.CSV:
                search_output.write_csv(hits, out, chosen)
            elif not hits:
                said = f"contains {query!r}" if query is not None else f"is {speaker}'s"
                say(f"no utterance {said}")
            elif shape is SearchFormat.LINES:
                search_output.write_lines(hits, query or "", out, use_color(color, sys.stdout))
            else:
                search_output.write_table(hits, query or "", out, use_color(color, sys.stdout))
    except BrokenPipeError:
        quiet_broken_pipe()
    raise typer.Exit(int(ExitCode.OK if hits else ExitCode.FINDINGS))


def _is_iso_date(value: str) -> bool:
    """YYYY-MM-DD exactly, as documents.date stores it (so the comparison is by date)."""
    try:
        return len(value) == 10 and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
