"""PDF text layers, extracted by pdfminer.six in a child process with budgets.

A PDF can be a text bomb: a kilobyte of compressed content stream that draws thousands of
text lines on one page, on which pdfminer's layout analysis takes minutes and gigabytes or
dies of a stack overflow. So extraction runs in its own process
(:mod:`minutes_cli.parse.pdf_child`, started with :mod:`subprocess`, which works from the
daemonic workers of a batch too) with a wall-time budget, an address-space limit and a
bound on the characters and text lines of a page; whatever goes wrong there becomes one
:class:`~minutes_cli.errors.SourceError` line here, never a traceback or a crash.

The budgets are module constants, overridden by environment variables (for a batch of
unusually large PDFs): ``MINUTES_PDF_SECONDS``, ``MINUTES_PDF_MEMORY_MB``,
``MINUTES_PDF_MAX_LINES`` and ``MINUTES_PDF_MAX_CHARS``.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

from minutes_cli import DISTRIBUTION
from minutes_cli.errors import SourceError

#: Wall time for one PDF, child start-up included. pdfminer reads an ordinary page in
#: well under 0.1 s, so this is hundreds of pages; a text bomb hits it in its first page.
SECONDS = 60.0

#: Address space of the extractor process, in MB. pdfminer needs about 60 MB for an
#: ordinary PDF; the 2,500-line text bomb of issue 13 took 1.3 GB.
MEMORY_MB = 1024

#: Text lines on one page, counted before pdfminer's layout analysis, whose time grows
#: with their square (1,000 lines: 13 s; 2,500: 84 s). A dense page has under 200.
MAX_LINES = 1000

#: Characters on one page, counted as they are drawn (a dense A4 page has about 3,000).
MAX_CHARS = 100_000

#: The script the child process runs (not imported here: it must not import minutes_cli).
CHILD = Path(__file__).with_name("pdf_child.py")

#: ``(cid:123)``: pdfminer's stand-in for a glyph whose font has no Unicode mapping.
CID = re.compile(r"\(cid:\d+\)")

#: A text layer with more than this share of its glyphs unmapped is refused as garbage.
MAX_CID_SHARE = 0.1


class Budget(NamedTuple):
    """The limits one extraction runs under."""

    seconds: float
    memory_mb: int
    max_lines: int
    max_chars: int


def _setting(name: str, variable: str, default: float) -> float:
    """A budget from the environment, or its default; a bad value is the file's error."""
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise SourceError(name, f"{variable}={text!r} is not a positive number")
    return value


def budget(name: str) -> Budget:
    """The budgets in force: the module constants, or the environment's values."""
    return Budget(
        seconds=_setting(name, "MINUTES_PDF_SECONDS", SECONDS),
        memory_mb=int(_setting(name, "MINUTES_PDF_MEMORY_MB", MEMORY_MB)),
        max_lines=int(_setting(name, "MINUTES_PDF_MAX_LINES", MAX_LINES)),
        max_chars=int(_setting(name, "MINUTES_PDF_MAX_CHARS", MAX_CHARS)),
    )


def _have_pdfminer() -> bool:
    try:
        return find_spec("pdfminer.high_level") is not None
    except (ImportError, ValueError):
        return False


def extract_text(data: bytes, name: str) -> str:
    """The text layer of a PDF, pages ended by form feeds, as pdfminer.six gives it;
    every failure, budgets included, is a :class:`SourceError` for ``name``."""
    if not _have_pdfminer():  # an optional extra: the core stays light
        raise SourceError(
            name, f"reading PDF needs the pdf extra: pip install '{DISTRIBUTION}[pdf]'"
        )
    limits = budget(name)
    settings = {
        "parent": os.getpid(),
        "seconds": limits.seconds,
        "memory": limits.memory_mb * 1024 * 1024,
        "max_lines": limits.max_lines,
        "max_chars": limits.max_chars,
    }
    command = [sys.executable, str(CHILD), json.dumps(settings)]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=limits.seconds, check=False
        )
    except subprocess.TimeoutExpired:
        raise SourceError(name, _over_time(limits)) from None
    except OSError as error:
        raise SourceError(name, f"cannot start the PDF extractor: {error}") from None
    answer = _answer(done, limits, name)
    text = answer.get("text")
    if not isinstance(text, str):
        raise SourceError(name, _failure(answer, limits))
    _refuse_garbage(text, name)
    return text


def _over_time(limits: Budget) -> str:
    return (
        f"PDF extraction over its time budget of {limits.seconds:g} s "
        "(MINUTES_PDF_SECONDS raises it)"
    )


def _over_memory(limits: Budget) -> str:
    return (
        f"PDF extraction over its memory budget of {limits.memory_mb:,} MB "
        "(MINUTES_PDF_MEMORY_MB raises it)"
    )


def _answer(
    done: subprocess.CompletedProcess[bytes], limits: Budget, name: str
) -> dict[str, object]:
    """The child's JSON answer; its death by a signal or an error exit, said in words."""
    if done.returncode == 0:
        try:
            answer = json.loads(done.stdout)
        except ValueError:
            answer = None
        if isinstance(answer, dict):
            return answer
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise SourceError(name, _over_time(limits))
    stderr = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if any("MemoryError" in line for line in stderr[-3:]):
        raise SourceError(name, _over_memory(limits))
    if done.returncode < 0:
        died = signal.Signals(-done.returncode).name
        raise SourceError(name, f"the PDF extractor crashed ({died}); the PDF may be damaged")
    last = stderr[-1][:200] if stderr else f"exit status {done.returncode}"
    raise SourceError(name, f"the PDF extractor failed: {last}")


def _failure(answer: dict[str, object], limits: Budget) -> str:
    """The message for the child's error answer."""
    kind = answer.get("error")
    detail = answer.get("detail", "")
    if kind == "memory":
        return _over_memory(limits)
    if kind == "busy":
        what = answer.get("what")
        variable = "MINUTES_PDF_MAX_LINES" if what == "text lines" else "MINUTES_PDF_MAX_CHARS"
        return (
            f"page {answer.get('page')} has over {answer.get('limit'):,} {what} "
            f"(a PDF text bomb?; {variable} raises the limit)"
        )
    if kind == "recursion":
        return "not a readable PDF: its layout nests too deeply (RecursionError)"
    if kind == "password":
        return "PDF is encrypted with a password; remove it first (e.g. qpdf --decrypt)"
    if kind == "encryption":
        return f"PDF encryption not supported: {detail}"
    return f"not a readable PDF: {detail}"


def _refuse_garbage(text: str, name: str) -> None:
    """Refuse a text layer that is mostly ``(cid:N)``: fonts without a Unicode mapping
    (or strings a broken encryption left undecipherable) give garbage, not minutes."""
    unmapped = len(CID.findall(text))
    if unmapped < 10:
        return
    glyphs = unmapped + sum(1 for c in CID.sub("", text) if not c.isspace())
    if unmapped > MAX_CID_SHARE * glyphs:
        raise SourceError(
            name,
            f"PDF text layer is {unmapped:,} of {glyphs:,} glyphs without Unicode "
            "(cid:N); its fonts have no mapping to text",
        )
