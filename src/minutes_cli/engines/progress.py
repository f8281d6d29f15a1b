"""The progress bar of a batch run: rich, on stderr, only for a person watching a terminal.

rich is imported only when a bar is shown, so scripts, pipes and CI never pay for it.
Its labels are plain text, never rich markup, with control characters escaped: whatever
a caller puts in them is shown as written.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from minutes_cli.errors import printable


@contextmanager
def progress(total: int, quiet: bool, what: str) -> Iterator[Callable[[], None] | None]:
    """A bar of ``total`` steps labelled ``what`` and a function that advances it by one;
    None (no bar) when ``quiet``, for fewer than two steps, or when stderr is no terminal.
    The bar is cleared at the end: the summary line says what happened."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console  # only interactive runs pay for importing rich
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}", markup=False),
        TimeRemainingColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(printable(what), total=total, rate="")
        done = 0

        def advance() -> None:
            nonlocal done
            done += 1
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, advance=1, rate=f"{rate:,.0f} files/s")

        yield advance
