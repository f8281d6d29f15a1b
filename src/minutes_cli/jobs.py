"""The per-document job for frameworks that run it for you: Dask, Ray, Spark.

A distributed job over millions of files must not stop at the first bad one, and
its results must travel between processes: :func:`parse_or_error` is a module-level
function (it pickles by reference), takes and returns plain picklable values, and
never raises — a bad input, or a bug in minutes, comes back as a
:class:`~minutes_cli.models.ParseFailure` record beside the documents::

    import dask.bag as db
    from minutes_cli import Document, parse_or_error
    results = db.from_sequence(paths, partition_size=100).map(parse_or_error)

The CLI's engines run the same function (through ``engines.batch.parse_one``).
"""

from __future__ import annotations

import os

from minutes_cli.errors import SourceError, UsageError, display_path
from minutes_cli.models import STDIN, Document, ParseFailure
from minutes_cli.parse import parse_bytes, parse_file, scheme_name
from minutes_cli.parse.read import DEFAULT_MAX_BYTES

#: ``ParseFailure.code`` of an input that cannot be read as minutes (as in ``minutes check``).
INPUT_ERROR = "E001"

#: ``ParseFailure.code`` of an exception that is a bug in minutes, not a fault of the input.
INTERNAL = "internal"

#: ``ParseFailure.code`` of a call that cannot work: a path that is not one, an unknown scheme.
USAGE = "usage"


def failure(error: SourceError) -> ParseFailure:
    """The record of an input error; ``str()`` of it is ``str()`` of the error."""
    return ParseFailure(
        path=display_path(error.path),
        message=error.message,
        line=error.line,
        column=error.column,
        code=INPUT_ERROR,
    )


def parse_or_error(
    path: str | os.PathLike[str],
    *,
    data: bytes | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    scheme: str | None = None,
    encoding: str | None = None,
    raise_bugs: bool = False,
) -> Document | ParseFailure:
    """Parse one minutes file (text or PDF) into a Document, or say why not; never raises.

    ``path`` is read where this runs (on a cluster: by the worker, so it must be on a
    filesystem the workers share). ``data``, when given, is the input's bytes instead
    (``path`` ``-`` is standard input). ``scheme`` forces a speaker scheme and
    ``encoding`` a text encoding, as ``--scheme`` and ``--encoding`` do. An exception that
    is a bug in minutes becomes a failure with code ``internal``, so that one document
    cannot stop a job over millions; ``raise_bugs`` lets it propagate instead (the CLI does,
    to exit 70 with the traceback available).
    """
    try:
        name = os.fspath(path)
    except TypeError:
        name = None
    if not isinstance(name, str):
        return ParseFailure(path=repr(path), message="not a path (str or os.PathLike)", code=USAGE)
    try:
        scheme_name(scheme)  # before reading anything: a bad scheme is the caller's
    except UsageError as error:
        return ParseFailure(path=display_path(name), message=error.message, code=USAGE)
    try:
        if data is not None:
            return parse_bytes(data, None if name == STDIN else name, max_bytes, scheme, encoding)
        return parse_file(name, max_bytes, scheme, encoding)
    except SourceError as error:
        return failure(error)
    except Exception as error:
        if raise_bugs:
            raise
        return ParseFailure(
            path=display_path(name),
            message=f"internal error: {type(error).__name__}: {' '.join(str(error).split())} "
            "(please report it)",
            code=INTERNAL,
        )
