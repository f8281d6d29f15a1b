"""What every command shares: the typer app, how it ends (one line on stderr and an exit
code), the options several commands take, and stdout.

Commands raise :class:`~minutes_cli.errors.MinutesError` (and its family) for anything
that stops them; the app prints it once, as ``minutes: WHERE[:LINE[:COL]]: message``,
and exits with the error's exit code. :func:`main` adds Ctrl-C and bugs.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer
from typer.core import TyperGroup

from minutes_cli import __version__
from minutes_cli.engines import signals
from minutes_cli.engines.batch import ReadOptions
from minutes_cli.engines.driver import BatchOptions, Engine
from minutes_cli.errors import ExitCode, MinutesError, OutputError, say
from minutes_cli.files import atomic_writer
from minutes_cli.writers.rows import Records


class _Minutes(TyperGroup):
    """The ``minutes`` group. A MinutesError from any command ends here, whether the app
    runs as the console script or under a test runner: one line on stderr, its exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except MinutesError as error:
            say(error)
            sys.exit(int(error.exit_code))


app = typer.Typer(
    name="minutes",
    cls=_Minutes,
    help=(
        "Turn raw meeting minutes (議事要旨, 議事録, 会議録) into validated records.\n\n"
        "Example: minutes parse minutes.txt --format json"
    ),
    no_args_is_help=True,
    # Plain click help and errors, not rich panels: a document's or a docstring's
    # [tool.minutes] is text, not markup, and an error is lines a script can read.
    rich_markup_mode=None,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main() -> None:
    """Console-script entry point: the app (which reports a MinutesError itself), plus
    Ctrl-C, SIGTERM (one line, with what a batch had done, and exit 130 or 143) and
    last-resort handling of bugs."""
    signals.install()
    try:
        app()
    except signals.Interrupted as stop:
        say(stop)
        sys.exit(stop.exit_code)
    except KeyboardInterrupt:  # raised by code of ours that ran before install()
        say("interrupted")
        sys.exit(int(ExitCode.INTERRUPTED))
    except Exception as error:  # a bug: one line, not a traceback, unless asked for
        if isinstance(error, OSError) and not _stderr_works():
            # What failed was saying something (a usage error that click prints itself
            # into a full stderr): nothing can be said, an environment fault's code tells.
            sys.exit(int(ExitCode.INPUT_ERROR))
        if os.environ.get("MINUTES_DEBUG"):
            raise
        say(
            f"internal error: {type(error).__name__}: {error} "
            "(set MINUTES_DEBUG=1 for a traceback, and please report it)"
        )
        sys.exit(int(ExitCode.INTERNAL_ERROR))


def _stderr_works() -> bool:
    """Whether a line can still be written to stderr (not closed, full or a closed pipe):
    it writes an empty line to find out, only once something has already gone wrong."""
    if sys.stderr is None:
        return False
    try:
        sys.stderr.write("\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True


def examples(*lines: str) -> str:
    """A command's epilog: its example lines, kept as written (click's ``\\b`` marks a
    paragraph it must not rewrap, so a comment never breaks onto a line of its own)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)


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


# --- options that parse and check share ------------------------------------------------


class SchemeChoice(str, Enum):
    """``--scheme``: detect the speaker scheme, or force one."""

    AUTO = "auto"
    LEGEND = "legend"
    ASSEMBLY = "assembly"
    PREFIX = "prefix"
    NONE = "none"


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
    int, typer.Option("--max-bytes", min=1, metavar="BYTES", help="Refuse inputs larger than this.")
]
GlobOption = Annotated[
    list[str] | None,
    typer.Option(
        "--glob",
        metavar="PATTERN",
        help="In directories, read files matching this (repeatable; default *.txt, *.pdf).",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Worker processes (default: one per core)."
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")
]


class ColorChoice(str, Enum):
    """``--color``: as rg and ruff take it."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


ColorOption = Annotated[
    ColorChoice,
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour the output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR "
        "forces it), always or never.",
    ),
]


def use_color(choice: ColorChoice, stream: TextIO) -> bool:
    """Whether to colour *stream*: ``always`` and ``never`` win; for ``auto``, a non-empty
    ``NO_COLOR`` (no-color.org) turns colour off, a non-empty ``FORCE_COLOR``
    (force-color.org) on, and otherwise a terminal that is not ``TERM=dumb`` has it."""
    if choice is not ColorChoice.AUTO:
        return choice is ColorChoice.ALWAYS
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def batch_options(
    glob: list[str] | None,
    jobs: int | None,
    quiet: bool,
    max_bytes: int,
    scheme: SchemeChoice,
    encoding: str | None,
    engine: Engine = Engine.LOCAL,
    scheduler: str | None = None,
) -> BatchOptions:
    """The driver's options, from the command line."""
    forced = None if scheme is SchemeChoice.AUTO else scheme.value
    read = ReadOptions(max_bytes, forced, encoding)
    return BatchOptions(tuple(glob or ()), jobs, engine, scheduler, quiet, read)


# --- stdout ----------------------------------------------------------------------------


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Stdout (as UTF-8, whatever the locale), or a file written atomically."""
    if path is not None:
        with atomic_writer(path) as handle:
            yield handle
        return
    if sys.stdout is None:  # started with stdout closed (``minutes parse x >&-``)
        raise OutputError("<stdout>", "standard output is closed")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a caller replaced sys.stdout with a text-only stream
        yield sys.stdout
        return
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield stream
        try:  # buffer too: a full disk or a closed pipe is said now, not lost at exit
            stream.flush()
            buffer.flush()
        except BrokenPipeError:
            raise  # the caller stops quietly (quiet_broken_pipe)
        except OSError as error:
            raise OutputError("<stdout>", error.strerror or str(error)) from None
    finally:
        stream.detach()  # leave sys.stdout usable


def quiet_broken_pipe() -> NoReturn:
    """``minutes parse x | head`` closed our stdout: stop quietly with 141, as a Unix tool
    killed by SIGPIPE does (and ``set -o pipefail`` sees); stdout goes to /dev/null so
    that flushing it at exit cannot fail again (the Python docs' recipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(int(ExitCode.BROKEN_PIPE))


FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="NAME,...",
        help="jsonl and csv: only these fields of the row, in this order (an "
        "utterance's: path, title, date, seq, section, section_title, marker, role, "
        "speaker, text, line_start, line_end, page_start, page_end).",
    ),
]
RecordsOption = Annotated[
    Records,
    typer.Option(
        "--records",
        help="jsonl and csv: a row per utterance, per decision (item, outcome, method, "
        "counts, lines) or per person of the roster (name, offices, turns). Their "
        "fields: see the README.",
        case_sensitive=False,
    ),
]
