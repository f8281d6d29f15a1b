"""The ``minutes`` command: a thin typer layer over the library.

It reads files, calls the pipeline, hands the document to a writer and turns
failures into one line on stderr (``minutes: PATH[:LINE:COL]: message``) and a
documented exit code. No parsing logic lives here.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum, IntEnum
from pathlib import Path
from typing import Annotated, NoReturn, TextIO

import typer

from minutes_cli import __version__
from minutes_cli.models import Document
from minutes_cli.pipeline import parse_bytes, parse_file
from minutes_cli.sources import DEFAULT_MAX_BYTES, SourceError
from minutes_cli.writers import Format, WriteOptions, write


class SchemeChoice(str, Enum):
    """``--scheme``: detect the speaker scheme, or force one."""

    AUTO = "auto"
    LEGEND = "legend"
    ASSEMBLY = "assembly"
    PREFIX = "prefix"
    NONE = "none"


class ExitCode(IntEnum):
    """Exit codes; the README lists them and scripts may rely on them."""

    OK = 0
    #: Reserved for runs that finish but report problems (batch failures, check findings).
    FINDINGS = 1
    #: Bad usage or unusable input: missing file, directory, not UTF-8, empty, binary, too big.
    INPUT_ERROR = 2
    #: A bug in minutes itself (the message says how to get a traceback).
    INTERNAL_ERROR = 70
    #: Interrupted with Ctrl-C.
    INTERRUPTED = 130


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
    sys.stderr.write(f"minutes: {path}: {message}\n")
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
    """Turn raw meeting minutes into validated records (JSON, JSON Lines, CSV, Markdown)."""


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """Stdout, or a file written atomically: a failed run leaves no partial file."""
    if path is None:
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
        return
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; give the usual mode
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read(file: str, max_bytes: int, scheme: SchemeChoice, encoding: str | None) -> Document:
    forced = None if scheme is SchemeChoice.AUTO else scheme.value
    if file == "-":
        data = sys.stdin.buffer.read()
        return parse_bytes(data, None, max_bytes, scheme=forced, encoding=encoding)
    return parse_file(file, max_bytes, scheme=forced, encoding=encoding)


@app.command(
    epilog=(
        "Examples:\n\n"
        "  minutes parse minutes.txt                      # JSON to stdout\n\n"
        "  minutes parse minutes.txt -f csv --bom -o out.csv   # for Excel\n\n"
        "  cat minutes.txt | minutes parse - -f md"
    ),
)
def parse(
    file: Annotated[
        str, typer.Argument(help="Minutes text or PDF file, or - for stdin.", metavar="FILE|-")
    ],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
    ] = Format.JSON,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here (atomically) instead of stdout.", dir_okay=False
        ),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="CSV: start with a UTF-8 BOM so Excel reads it.")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this.")
    ] = DEFAULT_MAX_BYTES,
    scheme: Annotated[
        SchemeChoice,
        typer.Option(
            "--scheme",
            case_sensitive=False,
            help="Speaker scheme: legend 【◎…議長】, assembly ○議長（名前君）, prefix 'Name:', "
            "none; auto detects it per document.",
        ),
    ] = SchemeChoice.AUTO,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            help="Decode text with this encoding (cp932, euc_jp, utf-16…) instead of detecting: "
            "BOM, UTF-8, CP932, EUC-JP, then a guess.",
        ),
    ] = None,
) -> None:
    """Parse one minutes file into records.

    JSON is the whole document; JSON Lines and CSV have one utterance per
    line/row (with source file, date and section); Markdown is for reading.
    """
    label = "<stdin>" if file == "-" else file
    try:
        document = _read(file, max_bytes, scheme, encoding)
    except SourceError as error:
        sys.stderr.write(f"minutes: {error}\n")  # SourceError says PATH[:LINE:COL]: message
        raise typer.Exit(int(ExitCode.INPUT_ERROR)) from None
    try:
        with _output(output) as out:
            write(document, format, out, WriteOptions(bom=bom))
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            _quiet_broken_pipe()
        fail(str(output or label), error.strerror or str(error))


def _quiet_broken_pipe() -> NoReturn:
    """``minutes parse x | head`` closed our stdout: stop quietly, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(int(ExitCode.OK))


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


if __name__ == "__main__":  # pragma: no cover
    main()
