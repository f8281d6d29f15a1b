"""The ``minutes`` command: a thin typer layer over the library.

It finds the inputs, hands them to the engine, passes documents to a writer or
findings to a reporter, and turns failures into one line on stderr
(``minutes: PATH[:LINE:COL]: message``) and a documented exit code. No parsing
logic lives here. Only data goes to stdout; progress and summaries go to stderr.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, TextIO

import typer

from minutes_cli import __version__, codes
from minutes_cli.engines.batch import (
    CheckTask,
    Missing,
    ParseOutcome,
    ParseTask,
    ReadOptions,
    Target,
    check_one,
    discover,
    is_dir,
    parse_one,
    read,
)
from minutes_cli.engines.local import default_jobs, ordered_map
from minutes_cli.errors import ArchiveError, ExitCode, SourceError, display_path
from minutes_cli.files import atomic_writer
from minutes_cli.jobs import STDIN
from minutes_cli.models import Document, Finding, Severity
from minutes_cli.normalize import fold
from minutes_cli.reporters import ReportFormat, report
from minutes_cli.sources import DEFAULT_MAX_BYTES
from minutes_cli.writers import Format, Stream, WriteOptions, write


class SchemeChoice(str, Enum):
    """``--scheme``: detect the speaker scheme, or force one."""

    AUTO = "auto"
    LEGEND = "legend"
    ASSEMBLY = "assembly"
    PREFIX = "prefix"
    NONE = "none"


class EngineChoice(str, Enum):
    """``--engine``: worker processes on this machine, or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


class ParseFormat(str, Enum):
    """``parse --format``: the streaming writers' formats, plus the SQLite archive, which is
    a database file rather than a text stream (so it is not one of the writers)."""

    JSON = Format.JSON.value
    JSONL = Format.JSONL.value
    CSV = Format.CSV.value
    MD = Format.MD.value
    SQLITE = "sqlite"


app = typer.Typer(
    name="minutes",
    help=(
        "Turn raw meeting minutes (議事要旨, 議事録, 会議録) into validated records.\n\n"
        "Example: minutes parse minutes.txt --format json"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def fail(path: str, message: str, code: ExitCode = ExitCode.INPUT_ERROR) -> NoReturn:
    """Print one error line to stderr and exit; never a traceback."""
    sys.stderr.write(f"minutes: {display_path(path)}: {message}\n")
    raise typer.Exit(int(code))


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"minutes {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn raw meeting minutes into validated records (JSON, JSON Lines, CSV, Markdown),
    or a searchable SQLite archive."""


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """Stdout (as UTF-8, whatever the locale), or a file written atomically."""
    if path is not None:
        with atomic_writer(path) as handle:
            yield handle
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a caller replaced sys.stdout with a text-only stream
        yield sys.stdout
        return
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield stream
        stream.flush()
    finally:
        stream.detach()  # leave sys.stdout usable


def _quiet_broken_pipe() -> NoReturn:
    """``minutes parse x | head`` closed our stdout: stop quietly, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(int(ExitCode.OK))


def _forced(scheme: SchemeChoice) -> str | None:
    return None if scheme is SchemeChoice.AUTO else scheme.value


def _stdin_bytes(inputs: list[str]) -> bytes | None:
    return sys.stdin.buffer.read() if STDIN in inputs else None


@contextmanager
def _progress(total: int, quiet: bool, what: str) -> Iterator[Callable[[], None] | None]:
    """A rich progress bar on stderr, only for a person watching a terminal."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console  # only interactive runs pay for importing rich
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(what),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(what, total=total, rate="")
        done = 0

        def advance() -> None:
            nonlocal done
            done += 1
            rate = done / max(time.perf_counter() - started, 1e-9)
            progress.update(task, advance=1, rate=f"{rate:,.0f} files/s")

        yield advance
    # transient: the bar is cleared at the end; the summary line says what happened


# --- parse -----------------------------------------------------------------------------

SchemeOption = Annotated[
    SchemeChoice,
    typer.Option(
        "--scheme",
        case_sensitive=False,
        help="Speaker scheme: legend 【◎…議長】, assembly ○議長（名前君）, prefix 'Name:', "
        "none; auto detects it per document.",
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help="Decode text with this encoding (cp932, euc_jp, utf-16…) instead of detecting: "
        "BOM, UTF-8, CP932, EUC-JP, then a guess.",
    ),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this.")
]
GlobOption = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        help="In directories, read files matching this (repeatable; default *.txt, *.pdf).",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")
]
EngineOption = Annotated[
    EngineChoice,
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
    epilog=(
        "Examples:\n\n"
        "  minutes parse minutes.txt                      # JSON to stdout\n\n"
        "  minutes parse minutes.txt -f csv --bom -o out.csv   # for Excel\n\n"
        "  minutes parse archive/ -f jsonl > all.jsonl    # every file, one stream\n\n"
        "  minutes parse archive/ --out-dir out/ --skip-existing   # one output per input\n\n"
        "  minutes parse archive/ --out-dir out/ --engine dask --scheduler tcp://head:8786\n\n"
        "  minutes parse archive/ -f sqlite -o minutes.db   # a searchable archive\n\n"
        "  cat minutes.txt | minutes parse - -f md"
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
            help="One input: write here (atomically) instead of stdout. "
            "sqlite: the database to create or update (any number of inputs).",
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
    glob: GlobOption = None,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    scheme: SchemeOption = SchemeChoice.AUTO,
    encoding: EncodingOption = None,
    engine: EngineOption = EngineChoice.LOCAL,
    scheduler: SchedulerOption = None,
) -> None:
    """Parse minutes into records.

    JSON is the whole document (an array for several inputs); JSON Lines and CSV
    have one utterance per line/row, with source file, date and section, in one
    stream for all inputs; Markdown is for reading; sqlite stores every input in
    a database for minutes search. A bad input is reported on stderr and the run
    goes on; the exit code is then 1.
    """
    _check_engine(engine, scheduler, format is ParseFormat.SQLITE)
    if format is ParseFormat.SQLITE:
        _parse_archive(
            inputs, output, out_dir, glob or [], jobs, quiet, max_bytes, scheme, encoding
        )
        return
    fmt = Format(format.value)
    single = (
        len(inputs) == 1 and out_dir is None and (inputs[0] == STDIN or not is_dir(Path(inputs[0])))
    )
    if single:
        _parse_single(inputs[0], fmt, output, bom, max_bytes, _forced(scheme), encoding)
        return
    if output is not None:
        fail("--output", "takes one input; use --out-dir for several", ExitCode.INPUT_ERROR)
    _parse_batch(
        inputs,
        fmt,
        out_dir,
        skip_existing,
        bom,
        glob or [],
        jobs,
        quiet,
        max_bytes,
        _forced(scheme),
        encoding,
        engine,
        scheduler,
    )


def _check_engine(engine: EngineChoice, scheduler: str | None, sqlite: bool) -> None:
    """Say at once, before reading anything, that the chosen engine cannot run."""
    if engine is EngineChoice.LOCAL:
        if scheduler is not None:
            fail("--scheduler", "needs --engine dask")
        return
    if sqlite:
        fail("--engine", "-f sqlite is written by one process; use --engine local")
    from minutes_cli.engines import dask_engine

    if (name := dask_engine.missing()) is not None:
        fail("--engine", f"dask needs the dask extra ({name} is missing): {dask_engine.INSTALL}")
    if scheduler is not None:  # also for one input, which is parsed here, not on the cluster
        try:
            dask_engine.check_address(scheduler)
        except dask_engine.BadAddress as error:
            fail(error.where, error.message)


@contextmanager
def _engine(
    engine: EngineChoice, scheduler: str | None, jobs: int | None, tasks: list[ParseTask]
) -> Iterator[Iterator[ParseOutcome]]:
    """The outcomes of ``tasks`` in input order, from the chosen engine. A Dask engine that
    cannot run is one line on stderr: exit 2 for a missing extra or a bad address, 69 for a
    scheduler that cannot be reached (or a local cluster that cannot start)."""
    if engine is EngineChoice.LOCAL:
        yield ordered_map(parse_one, tasks, 1 if len(tasks) < 2 else (jobs or default_jobs()))
        return
    from minutes_cli.engines import dask_engine  # only Dask runs pay for importing dask

    try:
        with dask_engine.connect(scheduler, jobs or default_jobs()) as cluster:
            yield cluster.map(parse_one, tasks)
    except dask_engine.EngineError as error:
        unavailable = isinstance(error, dask_engine.Unavailable)
        code = ExitCode.UNAVAILABLE if unavailable else ExitCode.INPUT_ERROR
        fail(error.where, error.message, code)


def _parse_single(
    file: str,
    format: Format,
    output: Path | None,
    bom: bool,
    max_bytes: int,
    scheme: str | None,
    encoding: str | None,
) -> None:
    stdin = sys.stdin.buffer.read() if file == STDIN else None
    try:
        document = read(file, ReadOptions(max_bytes, scheme, encoding, stdin))
    except SourceError as error:
        sys.stderr.write(f"minutes: {error}\n")  # SourceError says PATH[:LINE:COL]: message
        raise typer.Exit(int(ExitCode.INPUT_ERROR)) from None
    try:
        with _output(output) as out:
            write(document, format, out, WriteOptions(bom=bom))
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            _quiet_broken_pipe()
        fail(str(output or "<stdout>"), error.strerror or str(error))


def _parse_batch(
    inputs: list[str],
    format: Format,
    out_dir: Path | None,
    skip_existing: bool,
    bom: bool,
    globs: list[str],
    jobs: int | None,
    quiet: bool,
    max_bytes: int,
    scheme: str | None,
    encoding: str | None,
    engine: EngineChoice = EngineChoice.LOCAL,
    scheduler: str | None = None,
) -> None:
    started = time.perf_counter()
    found = list(discover(inputs, globs))
    failed = sum(1 for item in found if isinstance(item, Missing))
    for item in found:
        if isinstance(item, Missing):
            sys.stderr.write(f"minutes: {display_path(item.path)}: {item.reason}\n")
    options = ReadOptions(max_bytes, scheme, encoding, _stdin_bytes(inputs))
    tasks = [
        ParseTask(item, format, options, out_dir, skip_existing, bom)
        for item in found
        if isinstance(item, Target)
    ]
    ok = skipped = utterances = size = 0
    try:
        with (
            _engine(engine, scheduler, jobs, tasks) as outcomes,
            _output(None) if out_dir is None else nullcontext(None) as out,
            _progress(len(tasks), quiet, "parsing") as advance,
        ):
            stream = Stream(format, out, bom) if out is not None else None
            for outcome in outcomes:
                if outcome.error:
                    failed += 1
                    sys.stderr.write(f"minutes: {outcome.error}\n")
                elif outcome.skipped:
                    skipped += 1
                else:
                    ok += 1
                    utterances += outcome.utterances
                    size += outcome.size
                    if stream is not None and outcome.text is not None:
                        stream.add(outcome.text)
                if advance:
                    advance()
            if stream is not None:
                stream.end()
    except BrokenPipeError:
        _quiet_broken_pipe()
    elapsed = time.perf_counter() - started
    if not quiet:
        rate = f", {ok / elapsed:,.0f} files/s" if elapsed > 0 and ok else ""
        sys.stderr.write(
            f"minutes: {len(tasks) + sum(isinstance(i, Missing) for i in found)} inputs: "
            f"{ok} ok, {failed} failed, {skipped} skipped; {utterances:,} utterances, "
            f"{size / 1e6:,.1f} MB in {elapsed:.1f} s{rate}\n"
        )
    raise typer.Exit(int(ExitCode.FINDINGS if failed else ExitCode.OK))


# --- the archive: parse -f sqlite, search ----------------------------------------------


def _parse_archive(
    inputs: list[str],
    database: Path | None,
    out_dir: Path | None,
    globs: list[str],
    jobs: int | None,
    quiet: bool,
    max_bytes: int,
    scheme: SchemeChoice,
    encoding: str | None,
) -> None:
    """Parse in the workers, store in this process: SQLite takes one writer, and one
    transaction per document means an interrupted run leaves only whole documents."""
    if out_dir is not None:
        fail("--out-dir", "-f sqlite writes one database; name it with --output, not --out-dir")
    if database is None:
        fail("-f sqlite", "needs --output FILE.db; a database cannot be written to stdout")
    from minutes_cli import archive  # only archive runs pay for sqlite3

    started = time.perf_counter()
    found = list(discover(inputs, globs))
    for item in found:
        if isinstance(item, Missing):
            sys.stderr.write(f"minutes: {display_path(item.path)}: {item.reason}\n")
    # Standard input is read before the database is opened: an interrupted read then
    # leaves no new, empty database behind.
    options = ReadOptions(max_bytes, _forced(scheme), encoding, _stdin_bytes(inputs))
    created = not database.exists()
    try:
        store = archive.Archive(database, write=True)
    except ArchiveError as error:
        fail(error.path, error.message)
    # The workers render the record as JSON; it is read back and stored here.
    tasks = [ParseTask(item, Format.JSON, options) for item in found if isinstance(item, Target)]
    workers = 1 if len(tasks) < 2 else (jobs or default_jobs())
    failed = len(found) - len(tasks)
    new = updated = utterances = size = 0
    try:
        with _progress(len(tasks), quiet, "storing") as advance:
            for outcome in ordered_map(parse_one, tasks, workers):
                if outcome.error is not None or outcome.text is None:
                    failed += 1
                    sys.stderr.write(f"minutes: {outcome.error}\n")
                else:
                    document = Document.model_validate_json(outcome.text)
                    try:
                        replaced = store.store(document, archive.compact_json(outcome.text))
                    except archive.RecordError as error:
                        failed += 1
                        sys.stderr.write(f"minutes: {display_path(outcome.path)}: {error}\n")
                    else:
                        updated += replaced
                        new += not replaced
                        utterances += outcome.utterances
                        size += outcome.size
                if advance:
                    advance()
    except ArchiveError as error:
        fail(error.path, error.message)
    finally:
        store.close()
        removed = created and not new + updated
        if removed:  # nothing stored: leave no empty database behind
            database.unlink(missing_ok=True)
    if not quiet:
        elapsed = time.perf_counter() - started
        where = "(no database written)" if removed else f"-> {display_path(str(database))}"
        sys.stderr.write(
            f"minutes: {len(found)} inputs: {new + updated} stored ({new} new, {updated} updated),"
            f" {failed} failed; {utterances:,} utterances, {size / 1e6:,.1f} MB in {elapsed:.1f} s"
            f" {where}\n"
        )
    single = len(inputs) == 1 and (inputs[0] == STDIN or not is_dir(Path(inputs[0])))
    if failed:
        raise typer.Exit(int(ExitCode.INPUT_ERROR if single else ExitCode.FINDINGS))
    raise typer.Exit(int(ExitCode.OK))


class SearchFormat(str, Enum):
    """``search --format``: a table for people, JSON or CSV for scripts."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


@app.command(
    epilog=(
        "Examples:\n\n"
        "  minutes search minutes.db 外国人材\n\n"
        "  minutes search minutes.db 議長 --role 委員 --since 2025-01-01\n\n"
        "  minutes search minutes.db 'AND \"quoted\"' -f json | jq '.[].text'"
    ),
)
def search(
    database: Annotated[
        Path,
        typer.Argument(help="A database written by minutes parse -f sqlite.", metavar="DB"),
    ],
    query: Annotated[
        str,
        typer.Argument(
            help="Text to find in utterances, as a literal phrase (no operators).", metavar="TEXT"
        ),
    ],
    role: Annotated[
        str | None, typer.Option("--role", help="Only utterances with this role, e.g. 委員.")
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
        int, typer.Option("--limit", "-n", min=0, help="At most this many hits; 0 for all.")
    ] = 20,
    format: Annotated[
        SearchFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="table (default), json or csv."),
    ] = SearchFormat.TABLE,
) -> None:
    """Search the utterances of an archive: newest meeting first, then in document order.

    Three characters or more use the full-text index (trigrams, so Japanese words need
    no spaces); shorter text such as 議長 is found by a scan. The text is folded as the
    documents are (ＡＩ２０２５ finds AI2025). Exit codes: 0 found, 1 nothing found,
    2 usage error or unusable database.
    """
    # Stored text is folded (full-width ASCII and the ideographic space to half width):
    # fold the query the same way, so text typed with a Japanese input method is found.
    query = fold(query)
    role = fold(role) if role is not None else None
    if not query.strip():
        fail("TEXT", "the search text is empty")
    for name, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_iso_date(value):
            fail(name, f"{value!r} is not a date in the form YYYY-MM-DD")
    from minutes_cli import archive, search_output  # only searches pay for sqlite3 and rich

    wanted = archive.Query(query, role, since, until, limit or None)
    try:
        with archive.Archive(database, write=False) as store:
            hits = store.search(wanted)
    except ArchiveError as error:
        fail(error.path, error.message)
    try:
        with _output(None) as out:
            if format is SearchFormat.JSON:
                search_output.write_json(hits, out)
            elif format is SearchFormat.CSV:
                search_output.write_csv(hits, out)
            elif hits:
                search_output.write_table(hits, query, out, sys.stdout.isatty())
            else:
                sys.stderr.write(f"minutes: no utterance contains {query!r}\n")
    except BrokenPipeError:
        _quiet_broken_pipe()
    raise typer.Exit(int(ExitCode.OK if hits else ExitCode.FINDINGS))


def _is_iso_date(value: str) -> bool:
    """YYYY-MM-DD exactly, as documents.date stores it (so the comparison is by date)."""
    try:
        return len(value) == 10 and date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


# --- check -----------------------------------------------------------------------------


class FailOn(str, Enum):
    """``--fail-on``: the least severe finding that makes the run fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@app.command(
    epilog=(
        "Examples:\n\n"
        "  minutes check transcripts/                       # path:line:col: CODE message\n\n"
        "  minutes check transcripts/ --format github       # annotations in GitHub Actions\n\n"
        "  minutes check transcripts/ --format sarif > minutes.sarif\n\n"
        "  minutes check a.txt --select M1 --ignore M103 --fail-on error"
    ),
)
def check(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Minutes files, directories, or - for stdin.", metavar="FILE|DIR|-..."),
    ],
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format", "-f", case_sensitive=False, help="text (default), json, github or sarif."
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rule codes or prefixes (repeatable; e.g. M1)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", help="Skip these rule codes or prefixes (repeatable)."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            case_sensitive=False,
            help="Exit 1 when a finding is at least this severe (default: warning).",
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    glob: GlobOption = None,
    jobs: JobsOption = None,
    quiet: QuietOption = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    scheme: SchemeOption = SchemeChoice.AUTO,
    encoding: EncodingOption = None,
) -> None:
    """Check minutes for problems a reviewer should see (for CI).

    Settings may also come from [tool.minutes] in pyproject.toml or from
    minutes.toml (select, ignore, fail-on, format); options win over the file.
    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or unreadable input.
    """
    from minutes_cli import checks  # only check pays for the rules and the config reader
    from minutes_cli.config import ConfigError, find_config

    try:
        config = find_config(Path.cwd())
    except ConfigError as error:
        fail("config", str(error))
    try:
        chosen = ReportFormat(format or config.format or ReportFormat.TEXT)
        threshold = Severity((fail_on.value if fail_on else None) or config.fail_on or "warning")
    except ValueError as error:
        fail(str(config.source or "config"), str(error))
    selection = checks.Selection(
        frozenset(select or config.select), frozenset(ignore or config.ignore)
    )
    found = list(discover(inputs, glob or []))
    options = ReadOptions(max_bytes, _forced(scheme), encoding, _stdin_bytes(inputs))
    findings: list[Finding] = [
        checks.input_error(item.path, item.reason, None, None)
        for item in found
        if isinstance(item, Missing)
    ]
    tasks = [CheckTask(item, selection, options) for item in found if isinstance(item, Target)]
    workers = 1 if len(tasks) < 2 else (jobs or default_jobs())
    with _progress(len(tasks), quiet, "checking") as advance:
        for result in ordered_map(check_one, tasks, workers):
            findings.extend(result.findings)
            if advance:
                advance()
    try:
        with _output(None) as out:
            report(findings, chosen, out)
    except BrokenPipeError:
        _quiet_broken_pipe()
    unreadable = sum(1 for f in findings if f.code == codes.INPUT_ERROR.code)
    if not quiet:
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        sys.stderr.write(
            f"minutes: {len(tasks)} files checked: {len(findings)} findings "
            f"({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
            f"{counts[Severity.INFO]} info)\n"
        )
    if unreadable:
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    failing = checks.fails(findings, threshold) and not exit_zero
    raise typer.Exit(int(ExitCode.FINDINGS if failing else ExitCode.OK))


@app.command(epilog="Example:\n\n  minutes rules --format json")
def rules(
    format: Annotated[str, typer.Option("--format", "-f", help="text (default) or json.")] = "text",
) -> None:
    """List the rules of minutes check: code, name, default severity, what it finds."""
    entries = [
        {"code": c.code, "name": c.name, "severity": c.severity.value, "summary": c.summary}
        for c in codes.ALL_CODES
    ]
    with _output(None) as out:
        if format == "json":
            out.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
        elif format == "text":
            for e in entries:
                out.write(f"{e['code']}  {e['name']:<28} {e['severity']:<8} {e['summary']}\n")
        else:
            fail("--format", f"{format!r} is not text or json")


@app.command(epilog="Example:\n\n  minutes schema > minutes.schema.json")
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of the document record (from the pydantic models)."""
    text = json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    try:
        with _output(output) as out:
            out.write(text)
    except OSError as error:
        fail(str(output or "<stdout>"), error.strerror or str(error))


def main() -> None:
    """Console-script entry point: typer, plus last-resort error handling."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("minutes: interrupted\n")
        sys.exit(int(ExitCode.INTERRUPTED))
    except Exception as error:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("MINUTES_DEBUG"):
            raise
        sys.stderr.write(
            f"minutes: internal error: {type(error).__name__}: {error} "
            "(set MINUTES_DEBUG=1 for a traceback, and please report it)\n"
        )
        sys.exit(int(ExitCode.INTERNAL_ERROR))

