"""The ``minutes`` command: a thin typer layer over the library.

Each command reads its options, calls the library (many inputs go through the batch
driver, :mod:`minutes_cli.engines.driver`), and raises a
:class:`~minutes_cli.errors.MinutesError` for what stops it; the app prints that once, as
``minutes: WHERE[:LINE[:COL]]: message``, and exits with its code (see ``common``). No
parsing logic lives here. Only data goes to stdout; progress and summaries go to stderr.

``common`` holds the app, :func:`main` and the shared options; ``parse_cmd``,
``search_cmd``, ``check_cmd`` and ``info_cmd`` (rules, schema) one command each.
"""

from __future__ import annotations

from minutes_cli.cli.common import app, main

# The commands register themselves on import, in the order `minutes --help` lists them.
# isort: off
from minutes_cli.cli.parse_cmd import ParseFormat, parse
from minutes_cli.cli.search_cmd import SearchFormat, search
from minutes_cli.cli.check_cmd import FailOn, check
from minutes_cli.cli.info_cmd import rules, schema

# isort: on

__all__ = [
    "FailOn",
    "ParseFormat",
    "SearchFormat",
    "app",
    "check",
    "main",
    "parse",
    "rules",
    "schema",
    "search",
]
