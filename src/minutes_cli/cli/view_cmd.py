"""``minutes view``: a document and its records as one HTML page (:mod:`minutes_cli.view`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from minutes_cli.cli.common import (
    EncodingOption,
    MaxBytesOption,
    SchemeChoice,
    SchemeOption,
    app,
    examples,
    open_output,
    quiet_broken_pipe,
)
from minutes_cli.errors import OutputError
from minutes_cli.models import STDIN
from minutes_cli.parse import parse_source, read
from minutes_cli.parse.read import DEFAULT_MAX_BYTES, read_stdin


@app.command(
    epilog=examples(
        "minutes view minutes.txt -o minutes.html   # then open it in a browser",
        "minutes view minutes.pdf > page.html",
    ),
)
def view(
    file: Annotated[
        str, typer.Argument(help="One minutes file (text or PDF), or - for stdin.", metavar="FILE")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write the page here (atomically).",
        ),
    ] = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    scheme: SchemeOption = SchemeChoice.AUTO,
    encoding: EncodingOption = None,
) -> None:
    """One self-contained HTML page: the source beside its records.

    Each record links to its source lines and each line back to its record (click one to
    see the other); speakers are coloured, the sections are a table of contents, a box
    searches the records, diagnostics are marked on their lines. No network is needed.
    Exit codes: 0 written, 2 unreadable input or output.
    """
    from minutes_cli.view import render

    if file == STDIN:
        source = read.decode(read_stdin(max_bytes), None, max_bytes, encoding)
    else:
        source = read.read_path(file, max_bytes, encoding)  # SourceError: exit 2
    chosen = None if scheme is SchemeChoice.AUTO else scheme.value
    page = render(parse_source(source, chosen), source.text)
    try:
        with open_output(output) as out:
            out.write(page)
    except BrokenPipeError:
        quiet_broken_pipe()
    except OSError as error:
        raise OutputError(str(output or "<stdout>"), error.strerror or str(error)) from None
