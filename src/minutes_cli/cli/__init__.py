"""The ``minutes`` command: a thin typer layer over the library.

Each command reads its options, calls the library (many inputs go through the batch
driver, :mod:`minutes_cli.engines.driver`), and raises a
:class:`~minutes_cli.errors.MinutesError` for what stops it; the app prints that once, as
``minutes: WHERE[:LINE[:COL]]: message``, and exits with its code (see ``common``). No
parsing logic lives here. Only data goes to stdout; progress and summaries go to stderr.

``common`` holds the app, the real :func:`main` and the shared options; ``parse_cmd``
(with ``workbook`` for ``-f xlsx``), ``search_cmd``, ``check_cmd``, ``stats_cmd``,
``view_cmd`` and ``info_cmd`` (rules, schema) one command each;
``commands`` registers them all. This module imports none of them until they are used:
``minutes --version`` is answered before typer, pydantic or the pipeline is imported.
"""

from __future__ import annotations

import sys

#: Not ``typing.TYPE_CHECKING``: importing typing is a third of ``minutes --version``
#: (mypy reads any ``TYPE_CHECKING`` as true).
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from minutes_cli.cli.commands import (
        FailOn,
        ParseFormat,
        SearchFormat,
        app,
        check,
        parse,
        rules,
        schema,
        search,
    )

#: The spellings of the version flag, alone on the command line.
_VERSION_FLAGS = frozenset({"--version", "-V"})

#: The module of each command. ``minutes parse …`` imports and registers only its own
#: (the others' modules, writers and the click commands typer builds for them were a
#: tenth of its start-up); anything else (``--help``, a typo, completion) gets them all.
COMMAND_MODULES = {
    "parse": "parse_cmd",
    "search": "search_cmd",
    "check": "check_cmd",
    "stats": "stats_cmd",
    "view": "view_cmd",
    "rules": "info_cmd",
    "schema": "info_cmd",
}


def main() -> None:
    """Console-script entry point. ``minutes --version`` is printed at once; everything
    else runs the app (:func:`minutes_cli.cli.common.main`)."""
    if len(sys.argv) == 2 and sys.argv[1] in _VERSION_FLAGS:
        from minutes_cli import __version__

        sys.stdout.write(f"minutes {__version__}\n")
        sys.stdout.flush()
        return
    module = COMMAND_MODULES.get(sys.argv[1]) if len(sys.argv) > 1 else None
    if module is None:
        from minutes_cli.cli.commands import main as run
    else:
        import importlib

        importlib.import_module(f"minutes_cli.cli.{module}")
        from minutes_cli.cli.common import main as run
    run()


def __getattr__(name: str) -> Any:
    if name not in __all__ or name == "main":
        raise AttributeError(f"module 'minutes_cli.cli' has no attribute {name!r}")
    from minutes_cli.cli import commands

    value = getattr(commands, name)
    globals()[name] = value
    return value


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
