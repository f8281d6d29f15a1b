"""The Dask engine (``minutes parse --engine dask``): one archive over many machines.

Named ``dask_engine`` so that it never shadows the ``dask`` package. Dask is imported
only when this engine runs: ``minutes parse`` without it never pays for the import.

**What runs where.** The client (the ``minutes`` process) finds the inputs, as the
local engine does, and sends :class:`~minutes_cli.engines.batch.ParseTask` values to
the workers, which run :func:`~minutes_cli.engines.batch.parse_one` — the local engine's
job, built on :func:`minutes_cli.parse_or_error` — so the output is the same, byte for
byte. Inputs are read by the workers: they must see the same paths (a shared filesystem
such as NFS, and absolute paths unless the workers start in the client's directory, as
those of a local cluster do).

**Where the output is written.** With ``--out-dir`` the workers write each file
(atomically: a temporary file, then a rename) and send back only a small outcome.
The client's memory and the network then carry nothing of the output however big the
archive, and workers never wait on the client; the price is that ``OUT``, like the
inputs, must be on a filesystem every worker can write at the same path. The other
way, workers returning rendered text for the client to write, would let ``OUT`` be
local to the client but pushes every output byte through one process and one network
link. To stdout (one JSONL/CSV/JSON stream) there is no choice: the workers return the
rendered text and the client writes it in input order.

**Bounded memory.** The archive goes to Dask one partition at a time: a partition of a
few dozen tasks is one Dask bag (``from_sequence(...).map(parse_one)``) computed as
one future, at most a few partitions per worker are in flight, and results are
yielded in input order as :func:`minutes_cli.engines.local.ordered_map` does. The
client holds at most ``window * partition_size`` outcomes and the scheduler at most
``window`` small graphs, whatever the size of the archive.
"""

from __future__ import annotations

import importlib.util
import logging
import math
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, TypeVar

from minutes_cli import DISTRIBUTION, errors
from minutes_cli.engines import signals
from minutes_cli.engines.local import chunks

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

A = TypeVar("A")
B = TypeVar("B")
R = TypeVar("R")
T = TypeVar("T")

#: What the missing-extra error tells the user to run.
INSTALL = f"pip install '{DISTRIBUTION}[dask]'"

#: Seconds to wait for a scheduler given with ``--scheduler`` before giving up.
CONNECT_TIMEOUT = 10.0

#: Tasks per partition at most: enough to make Dask's per-task cost (a few ms) small
#: beside the parsing, few enough to spread a small archive over every worker.
MAX_PARTITION = 32

#: Partitions in flight per worker: enough to keep each busy while the client reads.
PER_WORKER = 4


class EngineError(errors.EngineError):
    """The Dask engine cannot run; ``where`` (an option or an address) names what to fix.
    Exit code 2, as for any usage error."""


class MissingExtra(EngineError):
    """dask or distributed is not installed."""


class BadAddress(EngineError):
    """``--scheduler`` is not an address Dask can connect to."""


class Unavailable(EngineError, errors.EngineUnavailable):
    """The scheduler cannot be reached, or was lost during the run (exit code 69)."""


def missing() -> str | None:
    """The first package of the ``dask`` extra that is not installed, or None; cheap
    (nothing is imported), so the CLI can say so before doing anything else."""
    for name in ("dask", "distributed", "toolz", "cloudpickle"):
        if importlib.util.find_spec(name) is None:
            return name
    return None


def check(scheduler: str | None) -> None:
    """Raise now, cheaply, what :func:`connect` would only find out later: MissingExtra
    without the extra (nothing is imported to see that), BadAddress for a ``scheduler``
    Dask cannot use."""
    if (name := missing()) is not None:
        raise _missing_extra(name)
    if scheduler is not None:
        check_address(scheduler)


def _missing_extra(name: str | None) -> MissingExtra:
    return MissingExtra("--engine", f"dask needs the dask extra ({name} is missing): {INSTALL}")


def _require() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as error:
        raise _missing_extra(error.name) from None


class DaskEngine:
    """A connected client: maps a job over inputs on its cluster, in input order."""

    def __init__(self, client: Client, address: str) -> None:
        self.client = client
        self.address = address  # of the scheduler, for error messages

    @property
    def workers(self) -> int:
        """Threads across the cluster's workers (at least 1, so a window stays open)."""
        threads: dict[str, int] = self.client.nthreads()
        return max(1, sum(threads.values()))

    def map(
        self,
        job: Callable[[A], R],
        items: Sequence[A],
        partition_size: int | None = None,
        window: int | None = None,
        died: Callable[[int, A], B] | None = None,
    ) -> Iterator[R | B]:
        """``map(job, items)`` on the cluster, in order, with at most ``window``
        partitions of ``partition_size`` items in flight (defaults: spread the items over
        every worker, up to :data:`MAX_PARTITION` per partition; 4 partitions per worker).
        An exception in ``job`` (a bug: jobs report bad input in their result) is raised
        here; losing the scheduler raises :class:`Unavailable`.

        A worker that dies (killed, out of memory) is replaced by its nanny, and Dask runs
        its partition again elsewhere; a partition that kills every worker it is given
        (Dask's ``KilledWorker``) is run again one item at a time, and an item that still
        kills its worker gives ``died(position, item)`` in its place, as in the local
        engine (without ``died``, ``KilledWorker`` is raised)."""
        import dask.bag as db

        size = partition_size or max(
            1, min(MAX_PARTITION, math.ceil(len(items) / (self.workers * PER_WORKER)))
        )
        limit = window or PER_WORKER * self.workers
        pending: deque[tuple[int, list[A], Future[list[R]]]] = deque()
        try:
            for start, chunk in chunks(items, size):
                bag = db.from_sequence(chunk, npartitions=1).map(job)
                pending.append((start, chunk, self.client.compute(bag)))
                if len(pending) >= limit:
                    yield from self._results(job, *pending.popleft(), died)
            while pending:
                yield from self._results(job, *pending.popleft(), died)
        except BaseException:  # interrupted, or the consumer stopped: drop what is queued
            with suppress(Exception):  # a client already closing has nothing to cancel
                self.client.cancel([future for _, _, future in pending], force=True)
            raise

    def _results(
        self,
        job: Callable[[A], R],
        start: int,
        chunk: list[A],
        future: Future[list[R]],
        died: Callable[[int, A], B] | None,
    ) -> list[R] | list[R | B]:
        """The results of one partition; if it killed its workers, those of its items
        run one at a time (so that only the item that kills a worker fails)."""
        from distributed import KilledWorker

        try:
            return self._result(future)
        except KilledWorker:
            if died is None:
                raise
        results: list[R | B] = []
        for position, item in enumerate(chunk, start):
            alone: Future[R] = self.client.submit(job, item, pure=False)
            try:
                results.append(self._result(alone))
            except KilledWorker:
                results.append(died(position, item))
        return results

    def _result(self, future: Future[T]) -> T:
        from distributed.comm.core import CommClosedError

        try:
            result: T = future.result()
        except (CancelledError, CommClosedError) as error:
            message = f"lost the Dask scheduler: {type(error).__name__}"
            raise Unavailable(self.address, message) from None
        finally:
            future.release()
        return result


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[DaskEngine]:
    """A client of the cluster at ``scheduler``, or of a local cluster of ``workers``
    single-threaded worker processes (started here, stopped on the way out)."""
    _require()
    with _quiet_logs():
        yield from _connect(scheduler, workers)


@contextmanager
def _quiet_logs() -> Iterator[None]:
    """Dask logs to stderr (a lost scheduler is a traceback per reconnection attempt);
    ``minutes`` says what went wrong in one line of its own, so those logs are muted."""
    handlers = [
        h for h in logging.getLogger("distributed").handlers if isinstance(h, logging.StreamHandler)
    ]
    levels = [h.level for h in handlers]
    for handler in handlers:
        handler.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for handler, level in zip(handlers, levels, strict=True):
            handler.setLevel(level)


def local_cluster(workers: int, log_level: int = logging.CRITICAL + 1) -> LocalCluster:
    """The local cluster ``--engine dask`` starts without ``--scheduler`` (also what the
    tests and the benchmark run on): ``workers`` single-threaded processes, logs below
    ``log_level`` muted."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # the parser holds the GIL: processes, not threads
        processes=True,
        silence_logs=log_level,  # the workers' logs too
        dashboard_address=None,
        # its HTTP server on a free port, not 8787: no "port in use" warning on stderr
        scheduler_kwargs={"dashboard_address": ":0"},
    )


def _connect(scheduler: str | None, workers: int) -> Iterator[DaskEngine]:
    from distributed import Client

    if scheduler is None:
        try:
            cluster = local_cluster(workers)
        except Exception as error:  # ports, process limits: say so in one line
            raise Unavailable("--engine", f"cannot start a local Dask cluster: {error}") from None
        with cluster, Client(cluster, set_as_default=False) as client:
            client.run(signals.ignore_interrupts)  # Ctrl-C is the client's to act on
            yield DaskEngine(client, str(cluster.scheduler_address))
        return
    check_address(scheduler)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise Unavailable(scheduler, f"cannot reach the Dask scheduler: {error}") from None
    except ValueError as error:  # an address that passed the check but not Dask's own
        raise BadAddress("--scheduler", str(error)) from None
    with client:
        yield DaskEngine(client, scheduler)


def check_address(address: str) -> None:
    """Refuse at once what Dask would only give up on after a timeout (``foo://x``) or
    with a traceback from a half-made client (``host:::1``)."""
    from distributed.comm.addressing import get_address_host_port, normalize_address

    try:
        get_address_host_port(normalize_address(address))  # inproc:// has no host: refused
    except ValueError as error:
        raise BadAddress("--scheduler", str(error)) from None
