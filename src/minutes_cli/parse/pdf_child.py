"""The PDF extractor's own process: pdfminer.six under resource limits, one PDF per run.

Started by :mod:`minutes_cli.parse.pdf` as ``python pdf_child.py LIMITS`` with the PDF on
stdin; writes one JSON object on stdout, ``{"text": ...}`` or ``{"error": KIND, ...}``,
which the parent turns into a :class:`~minutes_cli.errors.SourceError`. It imports only
the standard library and pdfminer (not :mod:`minutes_cli`, whose import would double the
start-up cost), so it runs as a script, not as a module of the package.

Why a process of its own: pdfminer's layout analysis is quadratic in the text lines of a
page, so a kilobyte of compressed content stream can take minutes and gigabytes, or
overflow the C stack. Here the address space and CPU time are capped by ``setrlimit``, a
page's characters and text lines are counted before the layout analysis runs, and the
process exits when its parent dies (so a killed batch leaves no extractor behind).
"""

from __future__ import annotations

import io
import json
import logging
import os
import sys
import threading
import time
import warnings
from typing import Any

#: How often the child checks that its parent is still alive, in seconds.
PARENT_POLL = 0.5


class PageTooBusy(Exception):
    """A page over the bound on characters or text lines: a text bomb, not minutes."""

    def __init__(self, page: int, what: str, limit: int) -> None:
        super().__init__(page, what, limit)
        self.page = page
        self.what = what
        self.limit = limit


def extract(data: bytes, max_chars: int, max_lines: int) -> str:
    """The text layer, as pdfminer's ``extract_text`` gives it (pages end in form feeds),
    with pages over ``max_chars`` characters or ``max_lines`` text lines refused."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams, LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class Bounded(TextConverter):
        """``TextConverter`` that counts a page's characters as they are drawn and its
        text lines (the cheap first step of the layout analysis) before the costly rest."""

        page_number = 0
        chars = 0

        def begin_page(self, page: PDFPage, ctm: Any) -> None:
            self.page_number += 1
            self.chars = 0
            super().begin_page(page, ctm)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.chars += 1
            if self.chars > max_chars:
                raise PageTooBusy(self.page_number, "characters", max_chars)
            advance: float = super().render_char(*args, **kwargs)
            return advance

        def end_page(self, page: PDFPage) -> None:
            assert self.laparams is not None
            chars = [item for item in self.cur_item if isinstance(item, LTChar)]
            grouped = self.cur_item.group_objects(self.laparams, chars) if chars else ()
            for lines, _ in enumerate(grouped, 1):
                if lines > max_lines:
                    raise PageTooBusy(self.page_number, "text lines", max_lines)
            super().end_page(page)

    resources = PDFResourceManager(caching=True)
    with io.StringIO() as output:
        device = Bounded(resources, output, codec="utf-8", laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        for page in PDFPage.get_pages(io.BytesIO(data), password="", caching=True):
            interpreter.process_page(page)
        return output.getvalue()


def run(data: bytes, max_chars: int, max_lines: int) -> dict[str, object]:
    """:func:`extract`, with every way it can fail as a small JSON-able answer."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        return {"text": extract(data, max_chars, max_lines)}
    except MemoryError:
        return {"error": "memory"}
    except RecursionError:
        return {"error": "recursion"}
    except PageTooBusy as busy:
        return {"error": "busy", "page": busy.page, "what": busy.what, "limit": busy.limit}
    except PDFPasswordIncorrect:
        return {"error": "password"}
    except PDFEncryptionError as error:
        return {"error": "encryption", "detail": str(error)}
    except PDFSyntaxError as error:
        return {"error": "syntax", "detail": str(error)}
    except Exception as error:  # pdfminer raises many kinds on damaged files
        return {"error": "unreadable", "detail": f"{type(error).__name__}: {error}"}


def limit_resources(memory: int, seconds: float) -> None:
    """Cap this process's address space and CPU time (a backstop to the parent's clock)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))


def watch_parent(parent: int) -> None:
    """Exit at once when the parent is gone (killed with -9, say): no orphan extractor."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def main() -> None:
    limits = json.loads(sys.argv[1])
    watch_parent(int(limits["parent"]))
    limit_resources(int(limits["memory"]), float(limits["seconds"]))
    logging.disable(logging.CRITICAL)  # pdfminer logs warnings; the parent says what matters
    warnings.simplefilter("ignore")
    data = sys.stdin.buffer.read()
    answer = run(data, int(limits["max_chars"]), int(limits["max_lines"]))
    del data
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    del sys.path[0]  # this script's directory: its modules must not shadow anything
    main()
