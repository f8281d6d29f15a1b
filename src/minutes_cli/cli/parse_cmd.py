"""``minutes parse``: one input to stdout or a file; many into one stream on stdout or one
file each (``--out-dir``); or any number into a SQLite archive (``-f sqlite``).

Many inputs go through the batch driver (:mod:`minutes_cli.engines.driver`); this module
only says where each outcome goes and turns the tally into a summary and an exit code.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from minutes_cli.cli.common import (
    EncodingOption,
    FieldsOption,
    GlobOption,
    JobsOption,
    MaxBytesOption,
    QuietOption,
    RecordsOption,
    SchemeChoice,
    SchemeOption,
    app,
    batch_options,
    examples,
    open_output,
    quiet_broken_pipe,
)
from minutes_cli.engines import driver
from minutes_cli.engines.batch import (
    ParseOutcome,
    ParseTask,
    ReadOptions,
    Target,
    is_dir,
    output_path,
    parse_one,
    read,
)
from minutes_cli.engines.driver import Engine, Keep, Tally
from minutes_cli.errors import ExitCode, MinutesError, OutputError, UsageError, display_path, say
from minutes_cli.files import write_target
from minutes_cli.models import STDIN, Document
from minutes_cli.parse.read import DEFAULT_MAX_BYTES, read_stdin
from minutes_cli.writers import Format, Stream, WriteOptions, write
from minutes_cli.writers.rows import ROWS, Records, chosen_fields


class ParseFormat(str, Enum):
    """``parse --format``: the streaming writers' formats, plus the SQLite archive, which is
    a database file rather than a text stream (so it is not one of the writers)."""

    JSON = Format.JSON.value
    JSONL = Format.JSONL.value
    CSV = Format.CSV.value
    MD = Format.MD.value
    TEI = Format.TEI.value
    XLSX = "xlsx"
    SQLITE = "sqlite"


EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        case_sensitive=False,
        help="Where several inputs are parsed: local worker processes, or a Dask cluster "
        "(needs the dask extra; inputs and --out-dir on a filesystem the workers share).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="--engine dask: the cluster's scheduler (tcp://host:8786); default: start a "
        "local cluster of --jobs workers.",
    ),
]


@app.command(
    epilog=examples(
        "minutes parse minutes.txt                      # JSON to stdout",
        "minutes parse minutes.txt -f csv --bom -o out.csv   # for Excel",
        "minutes parse archive/ -f jsonl > all.jsonl    # every file, one stream",
        "minutes parse archive/ --out-dir out/ --skip-existing   # one output per input",
        "minutes parse archive/ --out-dir out/ --engine dask --scheduler tcp://head:8786",
        "minutes parse archive/ -f sqlite -o minutes.db   # a searchable archive",
        "cat minutes.txt | minutes parse - -f md",
    ),
)
def parse(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Minutes files (text or PDF), directories, or - for stdin.",
            metavar="FILE|DIR|-...",
        ),
    ],
    format: Annotated[
        ParseFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = ParseFormat.JSON,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of stdout, the one stream of every input (a file "
            "atomically, once the run is done; a device, FIFO or /dev/stdout is written "
            "into; a symlink is followed). sqlite: the database to create or update.",
            dir_okay=False,
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Write one output per input here, mirroring the input tree.",
            file_okay=False,
        ),
    ] = None,
    skip_existing: Annotated[
        bool, typer.Option("--skip-existing", help="With --out-dir: keep outputs already there.")
    ] = False,
    bom: Annotated[
        bool, typer.Option("--bom", help="CSV: start with a UTF-8 BOM so Excel reads it.")
    ] = False,
    fields: FieldsOption = None,
    records: RecordsOption = Records.UTTERANCES,
    compact: Annotated[
        bool,
        typer.Option(
            "--compact",
            help="json: one line per document, no spaces, and keys at their default (null, "
            "false, []) left out; it reads back as the same record.",
        ),
    ] = False,
    glob: GlobOption = None,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    scheme: SchemeOption = SchemeChoice.AUTO,
    encoding: EncodingOption = None,
    engine: EngineOption = Engine.LOCAL,
    scheduler: SchedulerOption = None,
) -> None:
    """Parse minutes into records.

    JSON is the whole document (an array for several inputs); JSON Lines and CSV
    have one utterance per line/row, with source file, date and section, in one
    stream for all inputs (or one decision or person: --records); Markdown is for
    reading; sqlite stores every input in a database for minutes search. A bad input
    is reported on stderr and the run goes on; the exit code is then 1.
    """
    batch = batch_options(glob, jobs, quiet, max_bytes, scheme, encoding, engine, scheduler)
    if format is ParseFormat.SQLITE and engine is Engine.DASK:
        raise UsageError("--engine", "-f sqlite is written by one process; use --engine local")
    driver.check_engine(batch)  # before reading anything, also for one input
    if format is ParseFormat.SQLITE:
        raise typer.Exit(int(_to_archive(inputs, output, out_dir, batch)))
    if records is not Records.UTTERANCES and format not in (ParseFormat.JSONL, ParseFormat.CSV):
        raise UsageError("--records", "is for -f jsonl and -f csv (-f json has every record)")
    try:
        chosen = chosen_fields(fields, ROWS[records].fields) if fields is not None else None
    except ValueError as error:
        raise UsageError("--fields", str(error)) from None
    options = WriteOptions(bom=bom, compact=compact, fields=chosen, records=records)
    if format is ParseFormat.XLSX:
        from minutes_cli.cli.workbook import to_workbook  # only workbooks pay for it

        raise typer.Exit(int(to_workbook(inputs, output, out_dir, options.columns, batch)))
    fmt = Format(format.value)
    if out_dir is None and _one_file(inputs):
        _parse_one(inputs[0], fmt, output, options, batch.read)
        return
    if output is not None and out_dir is not None:
        raise UsageError("--output", "writes one stream; --out-dir writes one file per input")
    exit_code = _parse_many(inputs, fmt, output, out_dir, skip_existing, options, batch)
    raise typer.Exit(int(exit_code))


def _one_file(inputs: list[str]) -> bool:
    return len(inputs) == 1 and (inputs[0] == STDIN or not is_dir(Path(inputs[0])))


def _volume(tally: Tally) -> str:
    return f"{tally.utterances:,} utterances, {tally.size / 1e6:,.1f} MB in {tally.elapsed:.1f} s"


def _parse_one(
    file: str, fmt: Format, path: Path | None, written: WriteOptions, options: ReadOptions
) -> None:
    """One input, parsed here; a bad input is a SourceError (exit 2), and no output."""
    if file == STDIN:
        options = replace(options, stdin=read_stdin(options.max_bytes))
    document = read(file, options)
    try:
        with open_output(path) as out:
            write(document, fmt, out, written)
    except BrokenPipeError:
        quiet_broken_pipe()
    except OSError as error:
        raise OutputError(str(path or "<stdout>"), error.strerror or str(error)) from None


def _parse_many(
    inputs: list[str],
    fmt: Format,
    output: Path | None,
    out_dir: Path | None,
    skip_existing: bool,
    written: WriteOptions,
    batch: driver.BatchOptions,
) -> ExitCode:
    """Every input, on the driver's engine: with --out-dir the workers write one file each;
    else the client writes one stream, in input order, on stdout or into --output (through
    a temporary file, renamed when the run is done: never half a file)."""

    taken: dict[Path, str] = {}  # --out-dir: each output, and the input it is written for

    def task(target: Target, options: ReadOptions) -> ParseTask:
        made = ParseTask(target, fmt, options, out_dir, skip_existing, written)
        if out_dir is not None:
            _claim(taken, output_path(made), target.path)
        return made

    try:
        sink = _to_stream(fmt, written, output) if out_dir is None else None
        tally = driver.run(inputs, batch, parse_one, task, sink, what="parsing")
    except BrokenPipeError:
        quiet_broken_pipe()
    if not batch.quiet:
        rate = (
            f", {tally.ok / tally.elapsed:,.0f} files/s" if tally.elapsed > 0 and tally.ok else ""
        )
        say(
            f"{tally.inputs} inputs: {tally.ok} ok, {tally.failed} failed, {tally.skipped} "
            f"skipped; {_volume(tally)}{rate}"
        )
    return ExitCode.FINDINGS if tally.failed else ExitCode.OK


def _claim(taken: dict[Path, str], output: Path, given: str) -> None:
    """Two inputs whose outputs would be one file (``a/x.txt b/x.txt``, or ``x.txt`` and
    ``x.pdf`` in one folder) stop the run before anything is written, naming both: one
    would silently overwrite the other. The driver builds every task before it starts."""
    first = taken.setdefault(output, given)
    if first == given or os.path.realpath(first) == os.path.realpath(given):
        return  # one file named twice: one output, written twice
    if Path(first).parent == Path(given).parent:
        hint = "rename one, or leave one out with --glob"
    else:  # files named one by one: their folder, given instead, is mirrored
        try:
            shared = os.path.commonpath([first, given]) or "."
        except ValueError:  # one relative, one absolute
            shared = os.path.commonpath([os.path.abspath(first), os.path.abspath(given)])
        hint = f"give their common folder ({display_path(shared)}) instead: it is mirrored"
    raise OutputError(
        str(output),
        f"would be written for both {display_path(first)} and {display_path(given)}; {hint}",
    )


@contextmanager
def _to_stream(
    fmt: Format, written: WriteOptions, output: Path | None
) -> Iterator[Keep[ParseOutcome]]:
    """Every input in one stream, on stdout or into *output*: one JSON array, one CSV
    header, JSON Lines. An output that cannot be written (a full disk) stops the run with
    one line, exit 2; a closed pipe is left to the caller (BrokenPipeError)."""
    where = str(output) if output is not None else "<stdout>"
    try:
        with open_output(output) as out:
            stream = Stream(fmt, out, written)

            def add(outcome: ParseOutcome) -> None:
                if outcome.text is not None:
                    _stdout(stream.add, outcome.text)

            yield add
            _stdout(stream.end)
    except _StdoutFailed as failed:
        raise OutputError(where, failed.reason) from None
    except BrokenPipeError:
        raise
    except OSError as error:  # --output: its folder missing, read-only, the rename refused
        raise OutputError(where, error.strerror or str(error)) from None


class _StdoutFailed(Exception):
    """A write to stdout failed: told apart from any other OSError of the run."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _stdout(write: Callable[..., None], *text: str) -> None:
    try:
        write(*text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _StdoutFailed(error.strerror or str(error)) from None


# --- -f sqlite -------------------------------------------------------------------------


def _to_archive(
    inputs: list[str], database: Path | None, out_dir: Path | None, batch: driver.BatchOptions
) -> ExitCode:
    """Parse in the workers, store in this process: SQLite takes one writer, and one
    transaction per document means an interrupted run leaves only whole documents."""
    if out_dir is not None:
        raise UsageError(
            "--out-dir", "-f sqlite writes one database; name it with --output, not --out-dir"
        )
    if database is None:
        raise UsageError(
            "-f sqlite", "needs --output FILE.db; a database cannot be written to stdout"
        )

    def task(target: Target, options: ReadOptions) -> ParseTask:
        return ParseTask(target, Format.JSON, options)  # the record, read back and stored

    store = _Store(database, _database_file(database))
    tally = driver.run(inputs, batch, parse_one, task, store.open(), what="storing")
    if not batch.quiet:
        where = "(no database written)" if store.removed else f"-> {display_path(str(database))}"
        say(
            f"{tally.inputs} inputs: {tally.ok} stored ({store.new} new, {store.updated} "
            f"updated), {tally.failed} failed; {_volume(tally)} {where}"
        )
    if tally.failed:
        return ExitCode.INPUT_ERROR if _one_file(inputs) else ExitCode.FINDINGS
    return ExitCode.OK


def _database_file(database: Path) -> Path:
    """The file SQLite will write, symlinks followed. A device or FIFO is refused before
    SQLite opens it: it would fail with "disk I/O error" and leave ``NAME-journal``."""
    try:
        file = write_target(database)
    except OSError as error:
        raise OutputError(str(database), error.strerror or str(error)) from None
    if file is None:
        raise OutputError(str(database), "not a regular file; a database must be a file")
    return file


class _Store:
    """Where ``-f sqlite`` keeps each document, and what it did: stored new, replaced, or
    (nothing stored in a database this run created) removed the empty file again."""

    def __init__(self, database: Path, file: Path) -> None:
        self.database = database
        self.file = file  # where a symlink leads: the file removed again if left empty
        self.new = self.updated = 0
        self.removed = False

    @contextmanager
    def open(self) -> Iterator[Keep[ParseOutcome]]:
        """Open the database (an ArchiveError stops the run) and give what stores one
        outcome; a document the database refuses fails alone."""
        from minutes_cli import archive  # only archive runs pay for sqlite3

        created = not self.database.exists()
        store = archive.Archive(self.database, write=True)

        def keep(outcome: ParseOutcome) -> MinutesError | None:
            assert outcome.text is not None  # a JSON task without --out-dir renders the text
            document = Document.model_validate_json(outcome.text)
            try:
                replaced = store.store(document, archive.compact_json(outcome.text))
            except archive.RecordError as error:
                return error  # this document fails alone: minutes: PATH: cannot store: …
            self.updated += replaced
            self.new += not replaced
            return None

        try:
            yield keep
        finally:
            store.close()
            self.removed = created and not self.new + self.updated
            if self.removed:  # nothing stored: leave no empty database behind
                self.file.unlink(missing_ok=True)
