"""Batch jobs: find the inputs, and parse or check one input per task.

The job functions are module-level and take one picklable task, so the engines can run
them in worker processes or on a Dask cluster; they never raise for a bad input (the
:class:`Outcome` says what went wrong), so one bad file never stops a run. The batch
driver (:mod:`minutes_cli.engines.driver`) runs them and counts their outcomes.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from minutes_cli.errors import SourceError, UsageError
from minutes_cli.files import atomic_writer
from minutes_cli.jobs import parse_or_error
from minutes_cli.models import STDIN, Document, Finding, ParseFailure
from minutes_cli.parse import parse_bytes, parse_file
from minutes_cli.parse.read import DEFAULT_MAX_BYTES
from minutes_cli.writers import EXTENSIONS, Format, Stream, WriteOptions, write

if TYPE_CHECKING:  # the rules are loaded by the jobs of minutes check only
    from minutes_cli import checks

#: What a directory is searched for when no --glob is given: the readers' inputs.
DEFAULT_GLOBS = ("*.txt", "*.pdf")


@dataclass(frozen=True)
class Target:
    """One input: its path as given (or ``-``), and where it sits under a given directory."""

    path: str
    relative: Path  # mirrors the input tree under --out-dir


@dataclass(frozen=True)
class Missing:
    """An input that gives nothing to read (reported, then the run goes on)."""

    path: str
    reason: str = "no such file"


def discover(inputs: Sequence[str], globs: Sequence[str]) -> Iterator[Target | Missing]:
    """Files, directories (searched recursively, sorted) and ``-``, in a stable order.
    Raises UsageError for a glob that reaches outside the directory searched, and
    SourceError for a tree that cannot be searched (a path longer than PATH_MAX)."""
    patterns = tuple(globs) or DEFAULT_GLOBS
    for pattern in patterns:
        check_glob(pattern)
    for given in inputs:
        if given == STDIN:
            yield Target(STDIN, Path("stdin"))
            continue
        path = Path(given)
        if is_dir(path):
            try:
                next(os.scandir(path), None)
            except OSError as error:
                yield Missing(given, os_reason(error))
                continue
            found = _search(path, patterns)
            if not found:
                yield Missing(given, f"no files matching {' or '.join(patterns)}")
            for file in sorted(found):
                yield Target(str(file), file.relative_to(path))
        elif _exists(path):
            yield Target(given, Path(path.name))
        else:
            yield Missing(given)


def check_glob(pattern: str) -> None:
    """A ``--glob`` picks files *inside* each directory searched, so that their outputs
    mirror the tree under ``--out-dir``: an absolute pattern (which pathlib cannot search)
    or one with a ``..`` part (whose outputs would land outside ``--out-dir``) is refused."""
    pure = PurePosixPath(pattern)
    if pure.is_absolute():
        raise UsageError(
            "--glob",
            f"{pattern!r} is absolute; a glob picks files inside the directories given "
            f"(name the directory instead: {pure.parent} --glob {pure.name!r})",
        )
    if ".." in pure.parts:
        raise UsageError(
            "--glob",
            f"{pattern!r} reaches outside the directory searched ('..'); "
            "name that directory as an input instead",
        )


def _search(folder: Path, patterns: Sequence[str]) -> set[Path]:
    """Every file under ``folder`` matching one of ``patterns``. A part of the tree that
    cannot be read for a reason the search does not skip (a path longer than PATH_MAX)
    stops the run: one line, exit 2, before anything is written."""
    try:
        return {p for pattern in patterns for p in folder.rglob(pattern) if p.is_file()}
    except OSError as error:
        where = str(error.filename) if error.filename is not None else str(folder)
        raise SourceError(where, f"cannot search: {os_reason(error)}") from None


def os_reason(error: OSError) -> str:
    """What an OSError says, in the lower case of minutes' own messages."""
    return (error.strerror or str(error)).lower()


def is_dir(path: Path) -> bool:
    """``Path.is_dir`` that says no instead of raising for a folder we may not enter."""
    try:
        return path.is_dir()
    except OSError:  # a folder on the way we may not enter: let the reader say so
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return True  # it may exist; reading it will report the real problem


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the size limit, a forced speaker scheme and encoding, and the
    bytes of ``-`` (read once by the parent process)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    scheme: str | None = None
    encoding: str | None = None
    stdin: bytes | None = None


def read(path: str, options: ReadOptions) -> Document:
    """Parse one input (``-`` is standard input); raises SourceError."""
    if path == STDIN:
        data = options.stdin or b""
        return parse_bytes(data, None, options.max_bytes, options.scheme, options.encoding)
    return parse_file(path, options.max_bytes, options.scheme, options.encoding)


@dataclass(frozen=True)
class ParseTask:
    """Parse one input; write it under ``out_dir``, or hand the rendered text back."""

    target: Target
    format: Format
    read: ReadOptions
    out_dir: Path | None = None
    skip_existing: bool = False
    write: WriteOptions = field(default_factory=WriteOptions)


@dataclass(frozen=True)
class Outcome:
    """What became of one input, as the batch driver counts it."""

    path: str
    error: str | None = None  # ``PATH[:LINE:COL]: message`` when the input failed
    skipped: bool = False
    utterances: int = 0
    size: int = 0
    #: ``(output, message)`` when the output's filesystem failed (full, read-only, over
    #: quota): not this input's fault, and every input after it would fail the same way,
    #: so the driver stops the run with this as its error.
    fault: tuple[str, str] | None = None


#: Errors of writing an output that are the filesystem's, not the input's (see ``fault``).
FILESYSTEM_FAULTS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


@dataclass(frozen=True)
class ParseOutcome(Outcome):
    """What became of one input of ``minutes parse``."""

    text: str | None = None  # the rendered output, when not written to a file


def output_path(task: ParseTask) -> Path:
    """Where ``--out-dir`` puts the output of ``task``: the input tree, mirrored. Always
    inside ``--out-dir`` (discover makes no relative path that climbs out of it)."""
    assert task.out_dir is not None
    relative = task.target.relative
    assert not relative.is_absolute() and ".." not in relative.parts, relative
    return task.out_dir / relative.with_suffix(EXTENSIONS[task.format])


def parse_one(task: ParseTask) -> ParseOutcome:
    """The job of ``minutes parse`` for one input; never raises for a bad input."""
    target = task.target
    if task.out_dir is not None and task.skip_existing and output_path(task).exists():
        return ParseOutcome(target.path, skipped=True)
    given = task.read
    document = parse_or_error(
        target.path,
        data=(given.stdin or b"") if target.path == STDIN else None,
        max_bytes=given.max_bytes,
        scheme=given.scheme,
        encoding=given.encoding,
        raise_bugs=True,  # a bug stops the CLI with exit 70, as everywhere else
    )
    if isinstance(document, ParseFailure):
        return ParseOutcome(target.path, error=str(document))
    if task.out_dir is None:
        text: str | None = Stream.render(document, task.format, task.write)
    else:
        try:
            with atomic_writer(output_path(task), make_parents=True) as out:
                write(document, task.format, out, task.write)
        except OSError as error:
            where, message = str(output_path(task)), error.strerror or str(error)
            fault = (where, message) if error.errno in FILESYSTEM_FAULTS else None
            return ParseOutcome(target.path, error=f"{where}: {message}", fault=fault)
        text = None
    return ParseOutcome(
        target.path, text=text, utterances=len(document.utterances), size=document.source.bytes
    )


@dataclass(frozen=True)
class CheckTask:
    """Check one input with the given rule selection."""

    target: Target
    selection: checks.Selection
    read: ReadOptions


@dataclass(frozen=True)
class CheckOutcome(Outcome):
    """What ``minutes check`` found in one input. An unreadable input is a finding (E001),
    not an error: it is reported with the others."""

    findings: tuple[Finding, ...] = ()


def check_one(task: CheckTask) -> CheckOutcome:
    """The job of ``minutes check`` for one input: its findings (E001 if unreadable)."""
    from minutes_cli import checks

    target = task.target
    try:
        document = read(target.path, task.read)
    except SourceError as error:
        finding = checks.input_error(target.path, error.message, error.line, error.column)
        return CheckOutcome(target.path, findings=(finding,))
    findings = checks.check(document, target.path, task.selection)
    return CheckOutcome(
        target.path,
        findings=tuple(findings),
        utterances=len(document.utterances),
        size=document.source.bytes,
    )
