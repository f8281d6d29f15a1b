"""The local engine: worker processes, results in input order, bounded memory.

``concurrent.futures`` does the process management; what it does not do is keep
only a bounded number of tasks in flight while still yielding results in input
order (``Executor.map`` submits every task at once, so its bookkeeping grows with
the number of files). :func:`ordered_map` adds that window, and two things a batch
tool needs that the pool does not do:

- **Stopping.** When the run is interrupted (Ctrl-C, SIGTERM, or a consumer that stops
  reading), pending tasks are cancelled and the workers are terminated, not awaited:
  ``shutdown(wait=True)`` would wait for every task in flight. The workers themselves
  ignore Ctrl-C and die with the parent (:mod:`minutes_cli.engines.signals`).
- **A worker that dies** (``kill -9``, the OOM killer) breaks the whole pool: every task
  in flight fails with ``BrokenProcessPool``, not only the one that killed it. Those
  tasks are run again one at a time in a pool of their own, which names the input that
  kills its worker (it fails alone, through ``died``); the rest of the run goes on in a
  new pool.
- **Batches.** A task costs this process about 0.4 ms (pickling, pipes, a future), a
  fifth of parsing a small file: a long run sends several inputs a task.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Generic, TypeVar

from minutes_cli.engines import signals

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

A = TypeVar("A")
R = TypeVar("R")
B = TypeVar("B")

#: What a failed input says when its worker process died while reading it.
DIED = "its worker process died while reading it (killed, or out of memory)"

#: Seconds the workers get to clean up after SIGTERM before they are killed.
GRACE = 1.0

#: Most inputs a task carries (see :func:`batch_size`).
MAX_BATCH = 8

if TYPE_CHECKING:
    #: A task in flight: its position in the input, the task, and its future.
    _Flight = tuple[int, A, Future[R]]


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def batch_size(items: int, jobs: int) -> int:
    """Inputs a task carries for ``items`` inputs over ``jobs`` workers: up to
    :data:`MAX_BATCH`, and few enough that every worker gets 16 tasks or more, so that
    a short run is still spread over every worker."""
    return max(1, min(MAX_BATCH, items // (16 * max(jobs, 1))))


def ordered_map(
    job: Callable[[A], R],
    items: Iterable[A],
    jobs: int,
    window: int | None = None,
    died: Callable[[int, A], B] | None = None,
    batch: int = 1,
) -> Generator[R | B, None, None]:
    """``map(job, items)`` over ``jobs`` processes, in order, with at most ``window``
    tasks in flight (default: 4 per worker). ``jobs == 1`` runs in this process.

    ``batch`` items go to a worker as one task (see :func:`_batched`). An item whose
    worker process dies (run again alone, it dies again) gives ``died(position, item)``
    in its place; without ``died`` the pool's ``BrokenProcessPool`` is raised."""
    if jobs <= 1:
        yield from map(job, items)
        return
    if batch > 1:
        yield from _batched(job, items, jobs, window, died, batch)
        return
    limit = window or 4 * jobs
    work: Iterator[tuple[int, A]] = enumerate(items)
    while True:
        broken, unsent = yield from _window(job, work, jobs, limit)
        if not broken:
            return
        yield from _one_by_one(job, broken, died)
        work = chain(unsent, work)


def _each(job: Callable[[A], R], items: list[A]) -> list[R]:
    """``job`` over a list of items, in a worker: one task, one round trip, for several."""
    return [job(item) for item in items]


@dataclass(frozen=True)
class _Fell(Generic[A]):
    """A batch whose worker died, and died again when the batch ran alone."""

    position: int  # of its first item
    items: list[A]


def _batched(
    job: Callable[[A], R],
    items: Iterable[A],
    jobs: int,
    window: int | None,
    died: Callable[[int, A], B] | None,
    size: int,
) -> Iterator[R | B]:
    """:func:`ordered_map` with ``size`` items a task: the pool's cost for a task (about
    0.4 ms of this process's time: pickling, two pipes, a future) is paid once per batch,
    not per input, which is what a thousand small files spend most on. A batch that kills
    its worker each time is run again one item a task, so that only the item that kills
    fails (through ``died``, at its own position)."""
    batches = (chunk for _, chunk in chunks(items, size))

    def fell(index: int, chunk: list[A]) -> _Fell[A]:
        return _Fell(index * size, chunk)

    outer = ordered_map(partial(_each, job), batches, jobs, window, fell)
    try:
        for result in outer:
            if not isinstance(result, _Fell):
                yield from result
            elif died is None:
                yield from ordered_map(job, result.items, jobs, window)  # raises, as unbatched
            else:
                alone = _shifted(died, result.position)
                yield from ordered_map(job, result.items, jobs, window, alone)
    finally:
        outer.close()  # its workers stop now, whatever stopped this


def _shifted(died: Callable[[int, A], B], start: int) -> Callable[[int, A], B]:
    """``died`` for the items of a batch, whose positions count from its first item."""

    def report(index: int, item: A) -> B:
        return died(start + index, item)

    return report


def chunks(items: Iterable[A], size: int) -> Iterator[tuple[int, list[A]]]:
    """``items`` in lists of ``size`` (the last may be shorter), each with the position
    of its first item (both engines send their work so)."""
    iterator = iter(items)
    start = 0
    while chunk := list(islice(iterator, size)):
        yield start, chunk
        start += len(chunk)


def _pool(jobs: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor  # not for one file in this process

    return ProcessPoolExecutor(
        max_workers=jobs, initializer=signals.worker_init, initargs=(os.getpid(),)
    )


def _window(
    job: Callable[[A], R], work: Iterator[tuple[int, A]], jobs: int, limit: int
) -> Generator[R, None, tuple[list[_Flight[A, R]], list[tuple[int, A]]]]:
    """Run ``work`` in one pool, yielding results in order. Returns, if a worker died,
    the tasks that were in flight (to run again alone) and those not yet sent."""
    from concurrent.futures.process import BrokenProcessPool

    pending: deque[_Flight[A, R]] = deque()
    pool = _pool(jobs)
    try:
        for index, item in work:
            try:
                with signals.deferred():  # the first submit forks the workers
                    future = pool.submit(signals.guarded, job, item)
            except BrokenProcessPool:
                return list(pending), [(index, item)]
            pending.append((index, item, future))
            if len(pending) >= limit:
                if _broken(pending[0][2]):
                    return list(pending), []
                yield pending.popleft()[2].result()
        while pending:
            if _broken(pending[0][2]):
                return list(pending), []
            yield pending.popleft()[2].result()
        pool.shutdown(wait=True)
        return [], []
    except BaseException:  # Ctrl-C, SIGTERM, a bug, or the consumer stopped (GeneratorExit)
        stop(pool, (future for _, _, future in pending))
        raise


def _broken(future: Future[R]) -> bool:
    """Wait for ``future``; True if its pool broke (a worker died) before it finished.
    (``exception()`` waits without raising the job's exception; an interruption while
    waiting goes on up.)"""
    from concurrent.futures.process import BrokenProcessPool

    return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)


def _one_by_one(
    job: Callable[[A], R], flights: list[_Flight[A, R]], died: Callable[[int, A], B] | None
) -> Iterator[R | B]:
    """The tasks a broken pool left: those that finished, as they are; the others run
    again one at a time, so that a task that kills its worker is known and fails alone."""
    from concurrent.futures.process import BrokenProcessPool

    pool: ProcessPoolExecutor | None = None
    try:
        for index, item, future in flights:
            if future.done() and not future.cancelled() and not _broken(future):
                yield future.result()
                continue
            if pool is None:
                pool = _pool(1)
            alone = pool.submit(signals.guarded, job, item)
            if not _broken(alone):
                yield alone.result()
                continue
            pool.shutdown(wait=True)
            pool = None
            if died is None:
                raise BrokenProcessPool(DIED)
            yield died(index, item)
        if pool is not None:
            pool.shutdown(wait=True)
    except BaseException:
        if pool is not None:
            stop(pool, ())
        raise


def stop(pool: ProcessPoolExecutor, futures: Iterable[Future[R]]) -> None:
    """Stop ``pool`` now: cancel what has not started, SIGTERM the workers (each removes
    its temporary file and exits), and SIGKILL those still alive after :data:`GRACE`."""
    with signals.deferred():
        for future in futures:
            future.cancel()
        # The pool has no public list of its processes or of its result pipe; private
        # attributes are the one way to reach them.
        processes = list((pool._processes or {}).values())
        results = pool._result_queue  # shutdown(wait=False) forgets these two
        manager = getattr(pool, "_executor_manager_thread", None)  # mistyped in typeshed
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(GRACE)
        for process in processes:
            if process.is_alive():
                process.kill()
                process.join(GRACE)
        if results is not None and not any(process.is_alive() for process in processes):
            # A worker stopped while sending a result leaves half a message in the pipe,
            # and the pool's thread waits for the rest for ever (the interpreter waits for
            # that thread at exit: the run hangs). With every worker gone, this process
            # holds the last write end: closing it ends that wait with EOF.
            writer = getattr(results, "_writer", None)  # not in the typeshed stubs
            if writer is not None:
                writer.close()
            # Let that thread end now: at exit the pool wakes it through a pipe that the
            # thread closes as it ends, and the two racing print a traceback (Python 3.11).
            if manager is not None:
                manager.join(GRACE)
