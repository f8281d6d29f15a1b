"""Writing output files so that a failed or interrupted run never leaves half a file."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_writer(path: Path, make_parents: bool = False) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` only when the block ends without error:
    written to a temporary file beside it, then renamed over it. ``make_parents`` creates
    missing folders (``--out-dir`` trees); otherwise a missing folder is an error."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    # Named before it exists (not mkstemp, which names it only once it is created): a
    # signal at any moment after the file appears unwinds into the clean-up below.
    temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
    try:
        with open(temporary, "x", encoding="utf-8", newline="") as handle:  # the usual mode
            yield handle
        os.replace(temporary, path)
    except BaseException as error:
        if not (isinstance(error, FileExistsError) and error.filename == str(temporary)):
            temporary.unlink(missing_ok=True)  # (that one is another writer's)
        raise
