"""The batch driver: what ``minutes parse`` (a stream or ``--out-dir``), ``parse -f sqlite``
and ``minutes check`` all run over their inputs.

:func:`run` finds the inputs (:func:`~minutes_cli.engines.batch.discover`), reports the
missing ones, reads standard input once, builds one task per input, runs the job over them
on the chosen engine (local worker processes, or a Dask cluster) in input order, hands each
outcome to the command (a stream writer, the archive, a list of findings), reports each
failure on stderr, and returns a :class:`Tally` that the command turns into its summary line
and exit code. Errors that stop the whole run (an engine that cannot start, a database that
fails, an output folder on a full or read-only disk) are
:class:`~minutes_cli.errors.MinutesError` and propagate to the CLI's ``main``.

This module knows nothing of typer, and imports rich only when a progress bar is shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TypeVar

from minutes_cli.engines.batch import Missing, Outcome, ReadOptions, Target, discover
from minutes_cli.engines.local import DIED, batch_size, default_jobs, ordered_map
from minutes_cli.engines.progress import progress
from minutes_cli.engines.signals import Interrupted
from minutes_cli.errors import (
    MinutesError,
    OutputError,
    SourceError,
    UsageError,
    display_path,
    say,
)
from minutes_cli.models import STDIN
from minutes_cli.parse.read import STDIN_NAME, read_stdin

T = TypeVar("T")
R = TypeVar("R", bound=Outcome)

#: What a command does with the outcome of one input that did not fail: write it, store
#: it, collect its findings. It returns None, or the error that made this input fail (the
#: run goes on); an exception stops the run.
Keep = Callable[[R], "MinutesError | None"]


class Engine(str, Enum):
    """Where the inputs of a batch are parsed: worker processes here, or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs: which files in directories, how many workers on which engine,
    whether to show progress and a summary, and how each input is read."""

    globs: tuple[str, ...] = ()  # in directories; empty: batch.DEFAULT_GLOBS
    jobs: int | None = None  # workers; None: one per core
    engine: Engine = Engine.LOCAL
    scheduler: str | None = None  # Engine.DASK: the cluster's address; None: a local one
    quiet: bool = False  # no progress bar (and, for the commands, no summary)
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass(frozen=True)
class Tally:
    """What became of a batch's inputs."""

    inputs: int  # named or found, the missing ones included
    missing: int  # inputs that gave nothing to read (counted in ``failed`` too)
    ok: int
    failed: int
    skipped: int
    utterances: int  # in the inputs that were ok
    size: int  # bytes of the inputs that were ok
    elapsed: float  # seconds, from finding the inputs to closing the output

    @property
    def targets(self) -> int:
        """The inputs the job ran on (every input but the missing ones)."""
        return self.inputs - self.missing


def check_engine(options: BatchOptions) -> None:
    """Say at once, before reading anything, that the chosen engine cannot run: a
    ``--scheduler`` without Dask, a missing dask extra, an address Dask cannot use."""
    if options.engine is Engine.LOCAL:
        if options.scheduler is not None:
            raise UsageError("--scheduler", "needs --engine dask")
        return
    from minutes_cli.engines import dask_engine

    dask_engine.check(options.scheduler)


def run(
    inputs: Sequence[str],
    options: BatchOptions,
    job: Callable[[T], R],
    task: Callable[[Target, ReadOptions], T],
    sink: AbstractContextManager[Keep[R]] | None = None,
    *,
    what: str = "parsing",
    on_missing: Callable[[Missing], None] | None = None,
) -> Tally:
    """Run ``job`` on ``task(target, read_options)`` for every input, in input order.

    A missing input is reported on stderr (or given to ``on_missing``) and counted as
    failed. ``sink`` is entered once the engine is ready (so nothing is written when it
    cannot start) and gives the :data:`Keep` function each outcome that did not fail goes
    to; without one, outcomes are only counted. A failed outcome is one line on stderr.
    The progress bar is labelled ``what``.

    Ctrl-C or SIGTERM (:class:`~minutes_cli.engines.signals.Interrupted`) stops the
    engine and closes the sink (temporary files are removed, a database keeps the whole
    documents stored so far); the exception goes on with what was done by then as its
    ``summary`` (None when ``quiet``), for the CLI's last line.
    """
    started = time.perf_counter()
    found = list(discover(inputs, options.globs))
    # Standard input is read once, here, before the sink is opened: an interrupted read
    # then leaves nothing behind (no new, empty database). Over --max-bytes it is one
    # failed input, like a missing file, and the run goes on.
    read = options.read
    if STDIN in inputs:
        try:
            read = replace(read, stdin=read_stdin(read.max_bytes))
        except SourceError as refused:
            found = [
                Missing(STDIN, refused.message)
                if isinstance(item, Target) and item.path == STDIN
                else item
                for item in found
            ]
    missing = [item for item in found if isinstance(item, Missing)]
    for item in missing:
        if on_missing is None:
            say(SourceError(STDIN_NAME if item.path == STDIN else item.path, item.reason))
        else:
            on_missing(item)
    targets = [item for item in found if isinstance(item, Target)]
    tasks = [task(item, read) for item in targets]

    def died(index: int, task: T) -> _Died:
        return _Died(f"{display_path(targets[index].path)}: {DIED}")

    opened: AbstractContextManager[Keep[R]] = sink if sink is not None else nullcontext(_count)
    ok = skipped = utterances = size = 0
    failed = len(missing)
    try:
        with (
            _engine(options, job, tasks, died) as outcomes,
            opened as keep,
            progress(len(tasks), options.quiet, what) as advance,
        ):
            for outcome in outcomes:
                if isinstance(outcome, Outcome) and outcome.fault is not None:
                    where, message = outcome.fault
                    done = ok + failed + skipped - len(missing)
                    stopped = f"{message}; the run stopped, {done} of {len(tasks)} inputs done"
                    raise OutputError(where, stopped)
                if isinstance(outcome, _Died) or outcome.error is not None:
                    failed += 1
                    say(outcome.error)
                elif outcome.skipped:
                    skipped += 1
                elif (error := keep(outcome)) is not None:
                    failed += 1
                    say(error)
                else:
                    ok += 1
                    utterances += outcome.utterances
                    size += outcome.size
                if advance:
                    advance()
    except Interrupted as stop:
        if not options.quiet:
            done = ok + failed + skipped - len(missing)
            stop.summary = (
                f"{done} of {len(tasks)} inputs done: {ok} ok, {failed} failed, {skipped} skipped"
            )
        raise
    elapsed = time.perf_counter() - started
    return Tally(len(found), len(missing), ok, failed, skipped, utterances, size, elapsed)


@dataclass(frozen=True)
class _Died:
    """An input whose worker process died while reading it (it fails alone)."""

    error: str


def _count(outcome: Outcome) -> None:
    """The sink of a run whose jobs wrote their own output (``--out-dir``)."""


@contextmanager
def _engine(
    options: BatchOptions,
    job: Callable[[T], R],
    tasks: list[T],
    died: Callable[[int, T], _Died],
) -> Iterator[Iterator[R | _Died]]:
    """The outcomes of ``tasks`` in input order, from the chosen engine; a task whose
    worker process died gives ``died(position, task)``. A Dask engine that cannot run
    raises :class:`~minutes_cli.errors.EngineError` (exit 2: a missing extra, a bad
    address) or :class:`~minutes_cli.errors.EngineUnavailable` (exit 69: a scheduler that
    cannot be reached or started, or was lost). The engine is stopped on the way out,
    whatever ends the run (its workers too, when interrupted)."""
    if options.engine is Engine.LOCAL:
        workers = 1 if len(tasks) < 2 else (options.jobs or default_jobs())
        batch = batch_size(len(tasks), workers)
        outcomes = ordered_map(job, tasks, workers, died=died, batch=batch)
        try:
            yield outcomes
        finally:
            outcomes.close()  # now, not when collected: the workers stop here
        return
    from minutes_cli.engines import dask_engine  # only Dask runs pay for importing dask

    with dask_engine.connect(options.scheduler, options.jobs or default_jobs()) as cluster:
        yield cluster.map(job, tasks, died=died)
