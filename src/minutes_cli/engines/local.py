"""The local engine: worker processes, results in input order, bounded memory.

``concurrent.futures`` does the process management; what it does not do is keep
only a bounded number of tasks in flight while still yielding results in input
order (``Executor.map`` submits every task at once, so its bookkeeping grows with
the number of files). :func:`ordered_map` adds that window.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

A = TypeVar("A")
R = TypeVar("R")


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def ordered_map(
    job: Callable[[A], R], items: Iterable[A], jobs: int, window: int | None = None
) -> Iterator[R]:
    """``map(job, items)`` over ``jobs`` processes, in order, with at most ``window``
    tasks in flight (default: 4 per worker). ``jobs == 1`` runs in this process."""
    if jobs <= 1:
        yield from map(job, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # not for one file in this process

    limit = window or 4 * jobs
    pending: deque[Future[R]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for item in items:
            pending.append(pool.submit(job, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
