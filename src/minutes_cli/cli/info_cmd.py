"""``minutes rules`` and ``minutes schema``: what minutes check looks for, and the shape of
the document record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from minutes_cli import codes
from minutes_cli.cli.common import app, examples, open_output
from minutes_cli.errors import OutputError, UsageError
from minutes_cli.models import Document


@app.command(
    epilog=examples(
        "minutes rules --format json",
        "minutes rules --format markdown > docs/rules.md   # the page of every rule",
    )
)
def rules(
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="text (default), json or markdown.", metavar="FORMAT"),
    ] = "text",
) -> None:
    """List the rules of minutes check: code, name, default severity, what it finds."""
    entries = [
        {"code": c.code, "name": c.name, "severity": c.severity.value, "summary": c.summary}
        for c in codes.ALL_CODES
    ]
    with open_output(None) as out:
        if format == "json":
            out.write(json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
        elif format == "text":
            for e in entries:
                out.write(f"{e['code']}  {e['name']:<28} {e['severity']:<8} {e['summary']}\n")
        elif format == "markdown":
            out.write(codes.rules_page())
        else:
            raise UsageError("--format", f"{format!r} is not text, json or markdown")


@app.command(
    epilog=examples(
        "minutes schema > minutes.schema.json",
        "minutes schema --datasette minutes.db > metadata.json",
        "datasette minutes.db -m metadata.json   # facets, search, the short_words query",
    )
)
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write here instead of stdout."),
    ] = None,
    datasette: Annotated[
        str | None,
        typer.Option(
            "--datasette",
            metavar="DB",
            help="Instead: Datasette's metadata for the archive DB (labels, facets on role, "
            "date and speaker, search, a query for one- and two-character words).",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the document record (from the pydantic models)."""
    if datasette is not None:
        from minutes_cli.archive.datasette import metadata

        made: object = metadata(datasette)
    else:
        made = Document.model_json_schema()
    text = json.dumps(made, ensure_ascii=False, indent=2) + "\n"
    try:
        with open_output(output) as out:
            out.write(text)
    except OSError as error:
        raise OutputError(str(output or "<stdout>"), error.strerror or str(error)) from None
