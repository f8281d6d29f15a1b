"""Writing output files so that a failed or interrupted run never leaves half a file,
and never replaces what is not a file of ours to replace (a device, a FIFO, a symlink)."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO, TextIO, TypeVar

#: A text or a binary stream, as :func:`_replacing` hands it on.
Handle = TypeVar("Handle", bound=IO[str] | IO[bytes])

#: How many symlinks are followed before giving up, as the Linux kernel does (MAXSYMLINKS).
_MAX_LINKS = 40


@contextmanager
def atomic_writer(path: Path, make_parents: bool = False) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` only when the block ends without error:
    written to a temporary file beside it, then renamed over it. ``make_parents`` creates
    missing folders (``--out-dir`` trees); otherwise a missing folder is an error.

    Only a regular file (or a new name) is replaced so. A symlink is followed and its
    target replaced (the link stays a link); a device, a FIFO or an open file reached
    through ``/proc`` (``/dev/stdout``, ``/dev/fd/N``) is written into, as every Unix
    tool does: ``-o /dev/null`` must not turn the device into a file."""
    with _replacing(path, make_parents, _text_new, _text_in_place) as handle:
        yield handle


@contextmanager
def atomic_binary_writer(path: Path) -> Iterator[BinaryIO]:
    """:func:`atomic_writer` for bytes (a workbook): the same rules, a binary stream."""
    with _replacing(path, False, _binary_new, _binary_in_place) as handle:
        yield handle


def _text_new(path: Path) -> TextIO:  # each opener's file is closed by _replacing
    return open(path, "x", encoding="utf-8", newline="")


def _binary_new(path: Path) -> BinaryIO:
    return open(path, "xb")


def _text_in_place(path: Path) -> TextIO:
    return open(_in_place_fd(path), "w", encoding="utf-8", newline="")


def _binary_in_place(path: Path) -> BinaryIO:
    return open(_in_place_fd(path), "wb")


@contextmanager
def _replacing(
    path: Path,
    make_parents: bool,
    open_new: Callable[[Path], Handle],
    open_in_place: Callable[[Path], Handle],
) -> Iterator[Handle]:
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    target = write_target(path)
    if target is None:
        handle = open_in_place(path)
        with handle:
            yield handle
        return
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)  # keep a file's mode
    except FileNotFoundError:
        mode = None
    # Named before it exists (not mkstemp, which names it only once it is created): a
    # signal at any moment after the file appears unwinds into the clean-up below.
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        handle = open_new(temporary)  # the usual mode
        with handle:
            yield handle
        if mode is not None:  # the replaced file's mode; a new file has the usual one
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        if not (isinstance(error, FileExistsError) and error.filename == str(temporary)):
            temporary.unlink(missing_ok=True)  # (that one is another writer's)
        raise


def write_target(path: Path) -> Path | None:
    """The regular file (or the new name) that writing ``path`` atomically replaces, with
    every symlink followed; None when ``path`` is something to write into instead: a
    device, a FIFO, a socket, or anything under ``/proc`` (where ``/dev/stdout`` leads:
    the open file of a process, not a name to replace). Raises OSError (ELOOP, EACCES…)."""
    current = Path(os.path.abspath(path))
    for _ in range(_MAX_LINKS):
        current = Path(os.path.realpath(current.parent)) / current.name
        if current.parts[1:2] == ("proc",):
            return None
        try:
            status = os.lstat(current)
        except FileNotFoundError:
            return current  # a new file (also where a dangling symlink points)
        if stat.S_ISLNK(status.st_mode):
            current = current.parent / os.readlink(current)  # an absolute link replaces all
            continue
        return current if stat.S_ISREG(status.st_mode) else None
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))


def _in_place_fd(path: Path) -> int:
    """``path`` opened for writing into, not replaced. No O_TRUNC (a device or FIFO has
    nothing to truncate); O_APPEND for a regular file reached through ``/proc``, which is
    a file the shell opened (``>> log`` must not lose the log)."""
    flags = os.O_WRONLY
    if stat.S_ISREG(os.stat(path).st_mode):
        flags |= os.O_APPEND
    return os.open(path, flags)
