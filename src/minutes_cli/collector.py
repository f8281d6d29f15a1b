"""Pausing Python's cycle collector around allocation-heavy work that makes no cycles.

Parsing a document allocates hundreds of thousands of small objects and frees them in
reference order, and makes no reference cycles (the stages avoid closures that refer to
themselves, and bound methods kept on their own instances; ``tests/test_resources.py``
checks that documents of every shape leave no more cycles as they grow). The collector's
repeated scans of the young records find nothing and cost about a tenth of a parse
(measured: 5.6 -> 6.2 MB/s). (Pausing it while writing too was tried: no measurable gain,
so it is not done.)

The collector is process-wide: work in several threads shares one pause (a count under a
lock), and it is switched back on when the last ends, only if it was on before. It imports
nothing of the pipeline.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Pauses in progress in this process, and whether the collector was on when the first
#: of them began.
_lock = threading.Lock()
_pauses = 0
_was_on = False


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block (and for any other thread's overlapping block)."""
    global _pauses, _was_on
    with _lock:
        if _pauses == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_on:
                gc.enable()
