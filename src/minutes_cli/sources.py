"""Sources: bytes in, text out, with clear errors at the edge of the pipeline.

This is the only module (with the CLI) that touches the file system. Errors are
:class:`SourceError` with the path and, where it helps, the 1-based line and
column, so the CLI can print ``minutes: PATH:LINE:COL: message``.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path
from typing import NamedTuple

#: Refuse inputs larger than this by default; minutes are rarely over a few MB.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: How much of the start of a file is checked for NUL bytes (binary sniffing).
BINARY_SNIFF_BYTES = 8192


class SourceError(Exception):
    """An input that cannot be read as minutes text; carries where and why."""

    def __init__(
        self, path: str, message: str, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class SourceText(NamedTuple):
    """Decoded input and the facts about its bytes that records keep."""

    text: str
    path: str | None
    sha256: str
    size: int
    encoding: str


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode(data: bytes, path: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Decode input bytes as UTF-8 (with or without BOM), refusing what is not minutes text."""
    name = path or "<stdin>"
    if len(data) > max_bytes:
        raise SourceError(name, f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    nul = data.find(b"\x00", 0, BINARY_SNIFF_BYTES)
    if nul >= 0 and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        line, column = _position(data, nul)
        raise SourceError(name, "binary file (NUL byte), not text", line, column)
    encoding = "utf-8"
    try:
        if data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
            text = data.decode("utf-8-sig")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        bad = data[error.start : error.start + 1].hex()
        raise SourceError(
            name,
            f"not valid {encoding.upper()}: byte 0x{bad} at offset {error.start}",
            line,
            column,
        ) from None
    if not text.strip():
        raise SourceError(name, "empty file (no text)" if not data else "no text, only white space")
    return SourceText(text, path, hashlib.sha256(data).hexdigest(), len(data), encoding)


def read_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode a file; every failure is a :class:`SourceError`."""
    name = str(path)
    target = Path(path)
    try:
        if target.is_dir():
            raise SourceError(name, "is a directory, not a file")
        size = target.stat().st_size
        if size > max_bytes:
            raise SourceError(name, f"file is {size:,} bytes, over the limit of {max_bytes:,}")
        data = target.read_bytes()
    except FileNotFoundError:
        raise SourceError(name, "no such file") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except OSError as error:
        raise SourceError(name, error.strerror or str(error)) from None
    return decode(data, name, max_bytes)
