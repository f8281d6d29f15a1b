"""One error type for everything that stops ``minutes`` with a message, and its exit codes.

Like sqlfluff's ``SQLBaseError``, every error the library or the CLI raises on purpose is
a :class:`MinutesError`: it says *where* (a path, an option, an address), *what*, and at
which line and column when that is known, and it carries the exit code the CLI ends with.
The CLI formats it in one place, as ``minutes: WHERE[:LINE[:COL]]: message``, with
:func:`say`, which writes every line ``minutes`` itself puts on stderr (errors, per-file
failures in a batch, summaries). It imports nothing of the package: the models, the
pipeline, the engines and the CLI all depend on it.
"""

from __future__ import annotations

import re
import sys
from enum import IntEnum
from typing import ClassVar

#: What every line ``minutes`` writes on stderr starts with (then ``: ``).
PROGRAM = "minutes"


class ExitCode(IntEnum):
    """Exit codes; the README lists them and scripts may rely on them."""

    OK = 0
    #: The run finished, but some inputs failed (parse) or findings reached --fail-on (check);
    #: search: nothing matched.
    FINDINGS = 1
    #: Bad usage or unusable input (a single file that cannot be read; check: unreadable files;
    #: a database that is missing, not a minutes archive or of a newer schema).
    INPUT_ERROR = 2
    #: --engine dask: the Dask scheduler cannot be reached or started, or was lost.
    UNAVAILABLE = 69
    #: A bug in minutes itself (the message says how to get a traceback).
    INTERNAL_ERROR = 70
    #: Interrupted with Ctrl-C (SIGINT).
    INTERRUPTED = 130
    #: Stopped by SIGTERM (``kill``, a job scheduler, a container stopping).
    TERMINATED = 143
    #: Standard output was closed by its reader (``minutes parse x | head -c1``): the status
    #: a Unix tool killed by SIGPIPE gives (128 + 13), said quietly.
    BROKEN_PIPE = 141


#: What a terminal acts on instead of showing, as a regex character class: the C0
#: controls (ESC starts the sequences that set a window title, write the clipboard or
#: clear the screen), DEL, the C1 controls (U+0080-U+009F, 8-bit CSI and OSC among them),
#: and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which
#: reorder what is shown around them ("Trojan Source", CVE-2021-42574).
_BEYOND_C0 = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
UNSAFE_CHARACTERS = "\x00-\x1f" + _BEYOND_C0

#: :data:`UNSAFE_CHARACTERS` less tab, LF, CR and the form feed of a page break: what
#: the text of a document should not hold (rule M304). Spelt out, not a lookahead, so
#: that the search of a whole document stays one pass in C.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0e-\x1f" + _BEYOND_C0

_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")


def _escape(char: str) -> str:
    """``\\x1b``, ``\\n``, ``\\x9b``, ``\\u202e``: the spelling Python (and ruff) use."""
    return char.encode("unicode_escape").decode("ascii")


def printable(text: str, keep: str = "") -> str:
    """*text* safe to write to a terminal: every character of :data:`UNSAFE_CHARACTERS`
    but those in *keep* (tab and newline, where a layout uses them) is shown as its
    escape, so document text can neither drive the terminal nor break a line.
    Backslashes are left alone, so the result passes through unchanged a second time."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m[0] if m[0] in keep else _escape(m[0]), text)


def display_path(path: str) -> str:
    """A path as it can be printed and stored: undecodable bytes of the file name (kept
    as surrogates by the OS layer) become U+FFFD, and control characters are escaped so
    that an error stays on one line."""
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return printable(text)


def say(message: object) -> None:
    """Write one line on stderr: ``minutes: message``. A :class:`MinutesError` prints as
    ``WHERE[:LINE[:COL]]: message``; this is the only place the prefix is written, and
    the one place that makes the line safe for a terminal (:func:`printable`), whatever
    document text the message quotes."""
    line = printable(str(message), keep="\t")
    stream = sys.stderr  # None when the process was started with stderr closed
    if stream is None:
        return
    try:
        stream.write(f"{PROGRAM}: {line}\n")
        stream.flush()
    except (OSError, ValueError):  # stderr full, gone or closed: the exit code still tells
        pass


class MinutesError(Exception):
    """Something ``minutes`` cannot do, said in one line: where, what, and the position."""

    #: What the CLI exits with when this error ends a command.
    exit_code: ClassVar[ExitCode] = ExitCode.INPUT_ERROR

    def __init__(
        self, where: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.where = where
        self.message = message
        self.line = line
        self.column = column

    @property
    def path(self) -> str:
        """``where``, by the name it has for an input file."""
        return self.where

    def __str__(self) -> str:
        """``WHERE[:LINE[:COL]]: message``, printable (see :func:`display_path`)."""
        where = display_path(self.where)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class UsageError(MinutesError, ValueError):
    """A call that cannot work: an option without its partner, a value out of its range, an
    unknown speaker scheme. Also a ValueError, which is what a library caller expects of a
    bad argument."""


class SourceError(MinutesError):
    """An input that cannot be read as minutes text: missing, binary, undecodable, empty,
    too big, a PDF without a text layer."""


class OutputError(MinutesError):
    """An output that cannot be written (a missing folder, a full disk)."""


class ConfigError(MinutesError):
    """A configuration file (``minutes.toml``, ``[tool.minutes]``) that cannot be used."""


class ArchiveError(MinutesError):
    """A database that cannot be used: missing, not a minutes archive, too new, not writable."""


class RecordError(MinutesError):
    """One document the database refused (``where`` is its path); the run stores the others."""


class EngineError(MinutesError):
    """An engine that cannot run (``--engine dask`` without its extra, a bad address)."""


class EngineUnavailable(EngineError):
    """A cluster that cannot be reached or started, or was lost during the run."""

    exit_code = ExitCode.UNAVAILABLE
