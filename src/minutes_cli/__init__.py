"""minutes: turn raw meeting minutes into validated records.

The library API works without the CLI::

    from minutes_cli import parse_text, parse_file
    doc = parse_file("minutes.txt")
    for u in doc.utterances:
        print(u.role, u.text, u.line_start)

For Dask, Ray or Spark, :func:`parse_or_error` never raises: it returns the Document or
a :class:`ParseFailure` record.
"""

from __future__ import annotations

__version__ = "0.1.0"

from minutes_cli.errors import MinutesError, SourceError
from minutes_cli.jobs import parse_or_error
from minutes_cli.models import Document, ParseFailure
from minutes_cli.parse import parse_bytes, parse_file, parse_text

__all__ = [
    "Document",
    "MinutesError",
    "ParseFailure",
    "SourceError",
    "__version__",
    "parse_bytes",
    "parse_file",
    "parse_or_error",
    "parse_text",
]
