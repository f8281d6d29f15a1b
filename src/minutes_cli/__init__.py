"""minutes: turn raw meeting minutes into validated records.

The library API works without the CLI::

    from minutes_cli import parse_text, parse_file
    doc = parse_file("minutes.txt")
    for u in doc.utterances:
        print(u.role, u.text, u.line_start)

For Dask, Ray or Spark, :func:`parse_or_error` never raises: it returns the Document or
a :class:`ParseFailure` record.

The names below are imported on first use (PEP 562), so that ``import minutes_cli`` and
``minutes --version`` cost nothing of pydantic or the pipeline.
"""

from __future__ import annotations

#: Not ``typing.TYPE_CHECKING``: importing typing is a third of ``minutes --version``
#: (mypy reads any ``TYPE_CHECKING`` as true).
TYPE_CHECKING = False

__version__ = "0.1.0"

#: The distribution's name on PyPI, which every install hint names: ``minutes-cli`` there is
#: someone else's program. The command is ``minutes``, the import package ``minutes_cli``.
DISTRIBUTION = "minutes-records"

if TYPE_CHECKING:
    from typing import Any

    from minutes_cli.errors import MinutesError, SourceError
    from minutes_cli.jobs import parse_or_error
    from minutes_cli.models import Document, ParseFailure
    from minutes_cli.parse import parse_bytes, parse_file, parse_text

#: Each public name and the module that defines it.
_LAZY = {
    "Document": "minutes_cli.models",
    "MinutesError": "minutes_cli.errors",
    "ParseFailure": "minutes_cli.models",
    "SourceError": "minutes_cli.errors",
    "parse_bytes": "minutes_cli.parse",
    "parse_file": "minutes_cli.parse",
    "parse_or_error": "minutes_cli.jobs",
    "parse_text": "minutes_cli.parse",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'minutes_cli' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


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
