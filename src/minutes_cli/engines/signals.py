"""Ctrl-C, SIGTERM and parent death, for the CLI process and its worker processes.

A batch tool must stop cleanly whatever stops it. The parent turns SIGINT and SIGTERM
into :class:`Interrupted`, which unwinds like ``KeyboardInterrupt`` (every ``finally`` and
context manager runs: temporary files go, the database closes) but is not one, so that
click and libraries that catch ``KeyboardInterrupt`` or ``Exception`` do not swallow it;
the CLI's ``main`` turns it into one line and exit 130 or 143.

Workers (:func:`worker_init`, the pool initializer) ignore SIGINT: Ctrl-C reaches the
whole process group, and only the parent decides what it means. They stop on SIGTERM,
which the parent sends them when it is interrupted: the job in hand unwinds (its
temporary file is removed) and the process ends at once. They also stop when the parent
dies, even by ``kill -9``, which no pool bookkeeping can see: on Linux the kernel sends
them SIGTERM (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread watches the parent's pid.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

from minutes_cli.errors import ExitCode

A = TypeVar("A")
R = TypeVar("R")

#: What ``Interrupted`` names each signal by in the one line the CLI prints.
NAMES = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}

#: ``prctl`` option number of ``PR_SET_PDEATHSIG`` (linux/prctl.h).
_PR_SET_PDEATHSIG = 1

#: Seconds after which a signal swallowed by a finalizer is raised again.
_AGAIN = 0.01

#: Seconds between two looks at the parent's pid where prctl is not available.
_WATCH_INTERVAL = 0.5


class Interrupted(BaseException):
    """SIGINT or SIGTERM in the parent: unwind, then exit ``128 + signal``. ``summary``
    is what the batch had done by then (set by the driver; None when quiet)."""

    def __init__(self, signum: int, summary: str | None = None) -> None:
        super().__init__(signum)
        self.signum = signum
        self.summary = summary

    @property
    def exit_code(self) -> int:
        """130 for SIGINT, 143 for SIGTERM, as a shell reports a process the signal killed."""
        if self.signum == signal.SIGTERM:
            return int(ExitCode.TERMINATED)
        if self.signum == signal.SIGINT:
            return int(ExitCode.INTERRUPTED)
        return 128 + self.signum

    def __str__(self) -> str:
        name = NAMES.get(signal.Signals(self.signum), f"signal {self.signum}")
        return name if self.summary is None else f"{name}: {self.summary}"


_held: list[int] | None = None  # inside deferred(): the signals that came meanwhile


def _raise(signum: int, frame: FrameType | None) -> None:
    if _held is not None:
        _held.append(signum)
        return
    # Once: a second Ctrl-C while the first one is cleaning up must not cut the cleanup
    # short (it is bounded: workers get a second, then SIGKILL).
    for number in NAMES:
        signal.signal(number, signal.SIG_IGN)
    raise Interrupted(signum)


def install() -> None:
    """In the parent (the CLI's ``main``): SIGINT and SIGTERM raise :class:`Interrupted`.
    Only the main thread may set handlers; elsewhere (a library caller) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        return
    for number in NAMES:
        if signal.getsignal(number) is not signal.SIG_IGN:  # nohup & co. keep theirs
            signal.signal(number, _raise)
    sys.unraisablehook = _unraisable(sys.unraisablehook)


def _unraisable(
    hook: Callable[[sys.UnraisableHookArgs], object],
) -> Callable[[sys.UnraisableHookArgs], None]:
    """A signal that lands in a ``__del__`` (or a callback Python cannot raise from) is
    swallowed there, with "Exception ignored in ..." and a traceback on stderr. Say
    nothing instead; in the parent, deliver the signal again, so that the run still stops."""

    def handle(unraisable: sys.UnraisableHookArgs) -> None:
        error = unraisable.exc_value
        if isinstance(error, Interrupted):
            # Again in a moment, from a timer: raised from here, it would be swallowed again.
            signal.signal(signal.SIGALRM, lambda _, frame: _raise(error.signum, frame))
            signal.setitimer(signal.ITIMER_REAL, _AGAIN)
        elif not isinstance(error, _Stop):  # a worker's: it exits once the job is done
            hook(unraisable)

    return handle


@contextmanager
def deferred() -> Iterator[None]:
    """Hold :class:`Interrupted` off for a short step that must not be cut in half (the
    start or the stop of the workers); it is raised when the block ends. A worker forked
    inside the block ignores the signal until its initializer has set its own handlers."""
    global _held
    if _held is not None:  # nested: the outer block raises
        yield
        return
    _held = []
    try:
        yield
    finally:
        held, _held = _held, None
        if held:
            _raise(held[0], None)


# --- in worker processes ---------------------------------------------------------------


class _Stop(BaseException):
    """SIGTERM in a worker busy with a job: unwind the job, then end the process."""


_busy = False  # a worker is inside a job (its SIGTERM must unwind it first)
_stopping = False  # a worker was told to stop (if the job swallowed _Stop, it ends after it)


def _stop(signum: int, frame: FrameType | None) -> None:
    global _stopping
    _stopping = True
    if _busy:
        raise _Stop
    os._exit(int(ExitCode.TERMINATED))  # idle: nothing to clean up


def ignore_interrupts() -> None:
    """Ignore Ctrl-C in this process (run on each worker of a local Dask cluster: the
    terminal sends Ctrl-C to the whole process group, and only the client acts on it)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_init(parent: int) -> None:
    """Pool initializer: ignore Ctrl-C, stop on SIGTERM, and die with ``parent``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop)
    sys.unraisablehook = _unraisable(sys.unraisablehook)
    if not _death_signal(signal.SIGTERM):
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the watch was set
        os._exit(int(ExitCode.TERMINATED))


def _death_signal(signum: int) -> bool:
    """Ask the kernel for ``signum`` when the parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here, in workers only: ctypes.util imports subprocess and shutil
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_INTERVAL)
    os.kill(os.getpid(), signal.SIGTERM)


def guarded(job: Callable[[A], R], item: A) -> R:
    """Run ``job(item)`` in a worker so that SIGTERM unwinds it (``finally`` blocks run,
    the atomic writer removes its temporary file) and then ends the process, rather than
    sending the pool an exception and taking the next task."""
    global _busy
    _busy = True
    try:
        result = job(item)
        if _stopping:  # _Stop was swallowed (by a __del__): the job ended whole, then stop
            os._exit(int(ExitCode.TERMINATED))
        return result
    except _Stop:
        os._exit(int(ExitCode.TERMINATED))
    finally:
        _busy = False
