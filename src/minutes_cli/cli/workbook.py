"""``minutes parse -f xlsx``: every input's rows into one workbook (see
:mod:`minutes_cli.writers.xlsx`). Like ``-f sqlite``, a file format rather than a text
stream: the workers parse, this process writes."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from minutes_cli import DISTRIBUTION
from minutes_cli.cli.common import quiet_broken_pipe
from minutes_cli.engines import driver
from minutes_cli.engines.batch import ParseOutcome, ParseTask, ReadOptions, Target, parse_one
from minutes_cli.engines.driver import Keep
from minutes_cli.errors import ExitCode, OutputError, UsageError, say
from minutes_cli.files import atomic_binary_writer
from minutes_cli.writers import Format, WriteOptions


def to_workbook(
    inputs: list[str],
    output: Path | None,
    out_dir: Path | None,
    fields: tuple[str, ...],
    batch: driver.BatchOptions,
) -> ExitCode:
    """Every input's rows into one workbook: the workers parse and render each input's
    rows (as JSON Lines), this process writes the sheet, into --output through a
    temporary file, or onto a standard output that is not a terminal."""
    if importlib.util.find_spec("openpyxl") is None:
        install = f"pip install '{DISTRIBUTION}[xlsx]'"
        raise UsageError("-f xlsx", f"writing a workbook needs the xlsx extra: {install}")
    if out_dir is not None:
        raise UsageError("--out-dir", "-f xlsx writes one workbook; name it with --output")
    if output is None and sys.stdout.isatty():
        raise UsageError("-f xlsx", "a workbook is binary: give --output FILE.xlsx, or redirect")
    from minutes_cli.writers.xlsx import write_workbook

    rows: list[dict[str, object]] = []
    written = WriteOptions(fields=fields)

    def task(target: Target, options: ReadOptions) -> ParseTask:
        return ParseTask(target, Format.JSONL, options, write=written)

    @contextmanager
    def collect() -> Iterator[Keep[ParseOutcome]]:
        def keep(outcome: ParseOutcome) -> None:
            if outcome.text:
                rows.extend(json.loads(line) for line in outcome.text.splitlines())

        yield keep

    tally = driver.run(inputs, batch, parse_one, task, collect(), what="parsing")
    where = str(output) if output is not None else "<stdout>"
    try:
        if output is not None:
            with atomic_binary_writer(output) as out:
                write_workbook(rows, fields, out)
        else:
            write_workbook(rows, fields, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    except BrokenPipeError:
        quiet_broken_pipe()
    except OSError as error:
        raise OutputError(where, error.strerror or str(error)) from None
    if not batch.quiet:
        say(
            f"{tally.inputs} inputs: {tally.ok} ok, {tally.failed} failed; "
            f"{len(rows):,} rows in {where}"
        )
    return ExitCode.FINDINGS if tally.failed else ExitCode.OK
