"""The read stage: bytes in, text out, with clear errors at the edge of the pipeline.

This is the only stage that touches the file system. Every input is read in chunks and
no further than ``max_bytes`` + 1 bytes, whatever it is: a regular file (whose size is
checked first, for free), standard input, a FIFO or a device (``/dev/zero``), which have
no size to check. Text files are decoded by a fixed chain (BOM, ISO-2022-JP, UTF-7
refused, strict UTF-8, strict CP932 and EUC-JP, then charset-normalizer if installed);
PDFs have their text layer extracted (pages separated by form feeds, which the clean stage
counts into page numbers). Errors are :class:`~minutes_cli.errors.SourceError` with the
path and, where it helps, the 1-based line and column of the first bad byte.
"""

from __future__ import annotations

import codecs
import hashlib
import stat
import sys
from pathlib import Path
from typing import BinaryIO, NamedTuple

import regex as re

from minutes_cli.errors import SourceError
from minutes_cli.grammar import charsets, patterns
from minutes_cli.kinds import SourceFormat

#: Refuse inputs larger than this by default; minutes are rarely over a few MB.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

#: Streams are read this much at a time, so that the limit is noticed within one chunk.
CHUNK_BYTES = 1024 * 1024

#: What standard input is called in error lines.
STDIN_NAME = "<stdin>"

#: How much of the start of a file is checked for NUL bytes (binary sniffing).
BINARY_SNIFF_BYTES = 8192

#: Japanese legacy encodings tried after UTF-8, over the whole file. CP932, never the
#: ``shift_jis`` codec: that one maps 0x8160 to 〜 (not ～) and has no ① or ㈱.
LEGACY_ENCODINGS = ("cp932", "euc_jp")

#: Byte-order marks, checked first; they settle the encoding. UTF-32 before UTF-16: the
#: UTF-32 LE mark (FF FE 00 00) starts with the UTF-16 LE one (FF FE).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: What Python's cp932 codec makes of bytes that are no characters in CP932 (0x80,
#: 0xA0, 0xFD-0xFF become C1 controls or U+F8F0-F8F3): such a "decoding" is a failure.
NOT_REALLY_DECODED = patterns.compile(r"[\x80-\x9f\uf8f0-\uf8f3]")

#: Encodings charset-normalizer may pick from; without a list it guesses exotic code
#: pages (cp1006 for Latin-1 text).
GUESSABLE = (
    "cp1252",
    "latin_1",
    "iso2022_jp",
    "shift_jis_2004",
    "euc_jis_2004",
    "gb18030",
    "big5",
    "euc_kr",
    "cp1251",
    "utf_16",
    "utf_32",
)

#: How a PDF starts; PDFs are recognised by content, not by file name.
PDF_MAGIC = b"%PDF-"

#: ``大 下 議 長``: a PDF text layer that spaced out the characters of a name.
LETTER_SPACED = patterns.compile(r"(?<![^\s○〇◯◎●■◆◇])\p{Han}(?: \p{Han}){2,}(?=\s|$)", re.M)


class SourceText(NamedTuple):
    """Decoded input and the facts about its bytes that records keep."""

    text: str
    path: str | None
    sha256: str
    size: int
    encoding: str | None  # None for a PDF (its text layer has no byte encoding)
    format: SourceFormat = "text"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _looks_japanese(text: str) -> bool:
    """Whether a legacy decoding is plausibly Japanese: it has kana, or its non-ASCII text
    is (nearly) all Japanese. ``Renée`` read as CP932 gives one lone kanji (馥): no."""
    foreign = [c for c in text if ord(c) > 0x7F]
    if any("\u3040" <= c <= "\u30ff" for c in foreign):
        return True
    japanese = sum(1 for c in foreign if _JAPANESE.match(c))
    return japanese >= 4 and japanese >= 0.9 * len(foreign)


_JAPANESE = patterns.compile(
    r"[\p{Han}\u3000-\u303f\u2460-\u24ff\u3200-\u32ff\uff01-\uff60\uffe0-\uffee]"
)


def _japanese_score(text: str) -> int:
    """How Japanese a decoding looks: kana and kanji count, half-width kana (what EUC-JP
    bytes turn into when misread as CP932) and mojibake count against it."""
    good = sum(1 for c in text if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff")
    bad = sum(1 for c in text if "\uff61" <= c <= "\uff9f" or "\ue000" <= c <= "\uf8ff")
    return good - 4 * bad


def _strict(data: bytes, codec: str, name: str, skip: int = 0) -> str:
    """``data[skip:]`` decoded strictly; an error names the first bad byte's offset."""
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        line, column = _position(data, offset)
        raise SourceError(
            name, f"not valid {codec}: byte 0x{data[offset]:02x} at offset {offset}", line, column
        ) from None


def _decode_text(data: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    """``(text, encoding used)`` by the decoding chain, or the forced ``encoding``."""
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise SourceError(name, f"unknown encoding {encoding!r}") from None
        return _strict(data, codec, name), codec
    for bom, codec in BOMS:
        if data.startswith(bom):
            if codec == "utf-32-le" and not _decodes(data[len(bom) :], codec):
                continue  # UTF-16 LE whose first character is U+0000: the next mark
            return _strict(data, codec, name, skip=len(bom)), f"{codec} (BOM)"
    seven_bit = charsets.iso2022(data, name)
    if seven_bit:
        return seven_bit
    charsets.refuse_utf7(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_error = error
    decoded = []
    for legacy in LEGACY_ENCODINGS:
        try:
            text = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        if not NOT_REALLY_DECODED.search(text) and _looks_japanese(text):
            decoded.append((text, legacy))
    if decoded:
        return max(decoded, key=lambda pair: _japanese_score(pair[0]))
    guessed = _charset_normalizer(data)
    if guessed:
        return guessed
    line, column = _position(data, first_error.start)
    raise SourceError(
        name,
        f"cannot decode: not UTF-8 (byte 0x{data[first_error.start]:02x} at offset "
        f"{first_error.start}), nor CP932 or EUC-JP; name one with --encoding",
        line,
        column,
    )


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    """The last resort: charset-normalizer's best guess, when it is installed and sure."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: the chain above covers Japanese minutes without it
        return None
    best = from_bytes(data, cp_isolation=list(GUESSABLE)).best()
    if best is None or best.chaos > 0.2:
        return None
    return str(best), f"{best.encoding} (guessed)"


def decode(
    data: bytes, path: str | None, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> SourceText:
    """Bytes to text: PDF text layer, or text by the decoding chain; refuses non-minutes."""
    name = path or STDIN_NAME
    if len(data) > max_bytes:
        raise SourceError(name, f"file is {len(data):,} bytes, over the limit of {max_bytes:,}")
    if not data:
        raise SourceError(name, "empty file (no text)")
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(PDF_MAGIC):
        return SourceText(read_pdf(data, name), path, digest, len(data), None, "pdf")
    nul = data.find(b"\x00", 0, BINARY_SNIFF_BYTES)
    if nul >= 0 and not _wide(data, encoding):
        line, column = _position(data, nul)
        raise SourceError(name, "binary file (NUL byte), not text", line, column)
    text, used = _decode_text(data, name, encoding)
    if not text.strip():
        raise SourceError(name, "no text, only white space")
    return SourceText(text, path, digest, len(data), used)


def _wide(data: bytes, encoding: str | None) -> bool:
    """Whether NUL bytes are expected: UTF-16 or UTF-32, by its BOM or as ``--encoding``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return True
    try:
        codec = codecs.lookup(encoding).name if encoding else ""
    except LookupError:
        return False  # the decoder reports the unknown name
    return codec.startswith(("utf-16", "utf-32"))


def read_pdf(data: bytes, name: str) -> str:
    """The text layer of a PDF, pages separated by form feeds, spaced-out names repaired;
    extracted in a child process with time and memory budgets (:mod:`.pdf`)."""
    from minutes_cli.parse.pdf import extract_text

    text = extract_text(data, name)
    if not text.replace("\f", "").strip():
        raise SourceError(
            name, "PDF has no text layer (a scan?); run OCR first, e.g. ocrmypdf, then parse"
        )
    return repair_letter_spacing(text)


def repair_letter_spacing(text: str) -> str:
    """``○大 下 議 長`` -> ``○大下議長``: PDF text layers space out the characters of
    names and headings typeset with letter spacing."""
    return LETTER_SPACED.sub(lambda m: m[0].replace(" ", ""), text)


def from_text(text: str, path: str | None) -> SourceText:
    """Text already decoded (``parse_text``): hashed as its UTF-8 bytes."""
    data = text.encode("utf-8", "surrogatepass")
    return SourceText(text, path, hashlib.sha256(data).hexdigest(), len(data), "utf-8")


def read_bounded(stream: BinaryIO, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """All of ``stream``, read in chunks, or a :class:`SourceError` as soon as it gives
    more than ``max_bytes``: a stream has no size to check first (``yes |``, a FIFO,
    ``/dev/zero``), so at most ``max_bytes`` + 1 bytes are ever held."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(CHUNK_BYTES, max_bytes + 1 - total)):
        total += len(chunk)
        if total > max_bytes:
            raise SourceError(
                name, f"over the limit of {max_bytes:,} bytes (stopped reading there)"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def read_stdin(max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Standard input, bounded like any other input (see :func:`read_bounded`)."""
    return read_bounded(sys.stdin.buffer, STDIN_NAME, max_bytes)


def read_path(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> SourceText:
    """Read and decode a file, FIFO or device; every failure is a :class:`SourceError`."""
    name = str(path)
    target = Path(path)
    try:
        if target.is_dir():
            raise SourceError(name, "is a directory, not a file")
        info = target.stat()
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:  # refused unread
            raise SourceError(
                name, f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,}"
            )
        with target.open("rb") as handle:
            data = read_bounded(handle, name, max_bytes)
    except FileNotFoundError:
        raise SourceError(name, "no such file") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except OSError as error:
        raise SourceError(name, error.strerror or str(error)) from None
    return decode(data, name, max_bytes, encoding)
