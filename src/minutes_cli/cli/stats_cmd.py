"""``minutes stats``: turns and characters per role and per speaker, from minutes files or
from an archive (:mod:`minutes_cli.stats` counts; this module reads and shows)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from minutes_cli.cli.common import (
    ColorChoice,
    ColorOption,
    EncodingOption,
    GlobOption,
    JobsOption,
    MaxBytesOption,
    QuietOption,
    SchemeChoice,
    SchemeOption,
    app,
    batch_options,
    examples,
    open_output,
    quiet_broken_pipe,
    use_color,
)
from minutes_cli.engines import driver
from minutes_cli.engines.batch import ParseOutcome, ParseTask, ReadOptions, Target, parse_one
from minutes_cli.engines.driver import Keep
from minutes_cli.errors import ExitCode, UsageError, printable
from minutes_cli.parse.read import DEFAULT_MAX_BYTES
from minutes_cli.stats import ALL, FIELDS, Stat, Turn, statistics, turn
from minutes_cli.writers import Format, WriteOptions

#: The first bytes of every SQLite database file.
_SQLITE = b"SQLite format 3\x00"


class StatsFormat(str, Enum):
    """``stats --format``: bars for people, CSV or JSON for scripts."""

    CHART = "chart"
    CSV = "csv"
    JSON = "json"


@app.command(
    epilog=examples(
        "minutes stats minutes.txt                 # bars: each role's share, each speaker's",
        "minutes stats archive/ -f csv > stats.csv  # every document, then all together",
        'minutes stats minutes.db -f json | jq \'.[] | select(.path == "*" and .by == "role")\'',
    ),
)
def stats(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Minutes files, directories, - for stdin, or one archive (minutes parse "
            "-f sqlite).",
            metavar="FILE|DIR|DB...",
        ),
    ],
    format: Annotated[
        StatsFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="chart (the default on a terminal), csv (the default otherwise) or json.",
        ),
    ] = None,
    color: ColorOption = ColorChoice.AUTO,
    glob: GlobOption = None,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    scheme: SchemeOption = SchemeChoice.AUTO,
    encoding: EncodingOption = None,
) -> None:
    """Who spoke how much: turns and characters per role and per speaker.

    For each document, its roles then its speakers, most characters first, with each
    one's share of the document's characters (the nearest a transcript comes to speaking
    time); with several documents, then the same for all of them (path *). Roles count
    in today's kanji forms (國務大臣 is 国務大臣). Exit codes: 0 counted, 1 an input
    could not be read (the others are counted), 2 usage error or unusable archive.
    """
    archive = _archive(inputs)
    failed = False
    if archive is not None:
        from minutes_cli.archive import Archive

        with Archive(archive, write=False) as store:  # ArchiveError: exit 2
            rows = statistics(store.turns())
    else:
        batch = batch_options(glob, jobs, quiet, max_bytes, scheme, encoding)
        turns: list[Turn] = []
        tally = driver.run(inputs, batch, parse_one, _task, _collect(turns), what="counting")
        failed = tally.failed > 0
        rows = statistics(turns)
    shape = format or (StatsFormat.CHART if sys.stdout.isatty() else StatsFormat.CSV)
    try:
        with open_output(None) as out:
            _SHOW[shape](rows, out, use_color(color, sys.stdout))
    except BrokenPipeError:
        quiet_broken_pipe()
    raise typer.Exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))


def _archive(inputs: Sequence[str]) -> Path | None:
    """The archive, when the one input is a SQLite file; None for minutes to parse."""
    if len(inputs) != 1 or inputs[0] == "-":
        for given in inputs:
            if _is_sqlite(Path(given)):
                raise UsageError(given, "an archive is counted alone: give it as the only input")
        return None
    path = Path(inputs[0])
    return path if _is_sqlite(path) else None


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(_SQLITE)) == _SQLITE
    except OSError:
        return False  # a folder, or missing: the driver says so


#: The rows the workers render: just what a turn needs.
_ROW = WriteOptions(fields=("path", "role", "speaker", "text"))


def _task(target: Target, options: ReadOptions) -> ParseTask:
    return ParseTask(target, Format.JSONL, options, write=_ROW)


@contextmanager
def _collect(turns: list[Turn]) -> Iterator[Keep[ParseOutcome]]:
    def keep(outcome: ParseOutcome) -> None:
        for line in (outcome.text or "").splitlines():
            row = json.loads(line)
            turns.append(turn(row["path"], row["role"], row["speaker"], row["text"]))

    yield keep


def _csv(rows: Sequence[Stat], out: TextIO, color: bool) -> None:
    writer = csv.DictWriter(out, FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row.as_row() for row in rows)


def _json(rows: Sequence[Stat], out: TextIO, color: bool) -> None:
    json.dump([row.as_row() for row in rows], out, ensure_ascii=False, indent=2)
    out.write("\n")


#: Speakers shown per document in the chart (every one is in csv and json).
CHART_SPEAKERS = 15


def _chart(rows: Sequence[Stat], out: TextIO, color: bool) -> None:
    """A table per document (and for all, last) with a bar for each share."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False)
    paths = list(dict.fromkeys(row.path for row in rows))
    for path in paths:
        title = "all inputs" if path == ALL else printable(path)
        for by in ("role", "speaker"):
            chosen = [row for row in rows if row.path == path and row.by == by]
            if by == "speaker":
                chosen = chosen[:CHART_SPEAKERS]
            table = Table(title=f"{title}: by {by}", title_justify="left", box=None)
            table.add_column(by)
            if by == "speaker":
                table.add_column("role")
            table.add_column("turns", justify="right")
            table.add_column("characters", justify="right")
            table.add_column("share", justify="right")
            table.add_column("", min_width=20, ratio=1)
            for row in chosen:
                bar = Text("█" * round(row.share * 30), style="cyan")
                cells = [Text(printable(row.name))]
                if by == "speaker":
                    cells.append(Text(printable(row.role)))
                cells += [
                    Text(f"{row.turns:,}"),
                    Text(f"{row.characters:,}"),
                    Text(f"{row.share:.0%}"),
                    bar,
                ]
                table.add_row(*cells)
            console.print(table)
            console.print()


_SHOW = {StatsFormat.CHART: _chart, StatsFormat.CSV: _csv, StatsFormat.JSON: _json}
