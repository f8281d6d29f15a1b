"""Issue 13, points 2 and 6: reading bounded by ``--max-bytes`` whatever the input, the
encodings that passed for something else, and zero-width characters around markers.

Streams without a size (a FIFO whose writer never stops, ``/dev/zero``, ``yes |``) must end
in one stderr line and exit 2, having read no more than the limit; the CLI runs in its own
process here, with a generous timeout as a guard against hangs (never a timing assertion).
"""

from __future__ import annotations

import codecs
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

import pytest

from minutes_cli.errors import ExitCode, SourceError
from minutes_cli.models import Document
from minutes_cli.parse import parse_bytes, parse_text, read
from minutes_cli.parse.clean import fold
from tests.conftest import FIXTURES, assert_lossless

#: A guard against hangs, not a performance assertion.
GUARD_S = 60

#: 16 turns, among them the ones a ZWJ after the marker used to demote.
ASSEMBLY = (FIXTURES / "assembly_variants.txt").read_text(encoding="utf-8")
#: English ``BCA:`` labels.
PREFIXED = (FIXTURES / "prefix_initials.md.txt").read_text(encoding="utf-8")
#: The five zero-width characters that are folded.
ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def view(document: Document) -> list[tuple[Any, ...]]:
    return [
        (u.seq, u.marker, u.role, u.speaker, u.text, u.line_start, u.line_end)
        for u in document.utterances
    ]


def minutes(*args: str, stdin: Any = subprocess.DEVNULL) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "minutes_cli.cli", *args]
    return subprocess.run(command, capture_output=True, stdin=stdin, timeout=GUARD_S, check=False)


def one_line(stderr: bytes) -> str:
    text = stderr.decode()
    assert text.count("\n") == 1 and "Traceback" not in text, text
    return text.rstrip("\n")


# --- streams without a size -------------------------------------------------------------


class Endless:
    """A stream that never ends (``yes``), counting the bytes it gave."""

    def __init__(self) -> None:
        self.given = 0

    def read(self, size: int = -1) -> bytes:
        assert size >= 0, "an endless stream read to its end"
        self.given += size
        return b"y" * size


def test_an_endless_stream_is_refused_having_read_one_byte_past_the_limit() -> None:
    stream = Endless()
    with pytest.raises(SourceError) as caught:
        read.read_bounded(cast(BinaryIO, stream), "<stdin>", 5_000_000)
    assert str(caught.value) == "<stdin>: over the limit of 5,000,000 bytes (stopped reading there)"
    assert stream.given == 5_000_001


@pytest.mark.parametrize("chunk", [1, 7, 100, 1024 * 1024])
def test_the_limit_is_exact_whatever_the_chunk_size(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read, "CHUNK_BYTES", chunk)
    data = bytes(range(256)) * 4  # 1,024 bytes
    assert read.read_bounded(io.BytesIO(data), "s", 1024) == data
    assert read.read_bounded(io.BytesIO(data), "s", 5000) == data
    with pytest.raises(SourceError, match=r"^s: over the limit of 1,023 bytes"):
        read.read_bounded(io.BytesIO(data), "s", 1023)


def test_a_regular_file_of_exactly_the_limit_is_read_and_one_more_byte_is_refused(
    tmp_path: Path,
) -> None:
    text = "○山田委員長　発言します。\n".encode()
    path = tmp_path / "m.txt"
    path.write_bytes(text)
    assert read.read_path(path, max_bytes=len(text)).size == len(text)
    with pytest.raises(SourceError) as caught:
        read.read_path(path, max_bytes=len(text) - 1)
    assert caught.value.message == (  # the size is known: the stat check, nothing read
        f"file is {len(text):,} bytes, over the limit of {len(text) - 1:,}"
    )


def test_stdin_of_exactly_the_limit_is_read_and_one_more_byte_is_refused() -> None:
    text = "○山田委員長　発言します。\n".encode()
    fine = subprocess.run(
        [sys.executable, "-m", "minutes_cli.cli", "parse", "-", "--max-bytes", str(len(text))],
        input=text,
        capture_output=True,
        timeout=GUARD_S,
        check=False,
    )
    assert fine.returncode == 0, fine.stderr
    assert len(json.loads(fine.stdout)["utterances"]) == 1
    over = subprocess.run(
        [sys.executable, "-m", "minutes_cli.cli", "parse", "-", "--max-bytes", str(len(text) - 1)],
        input=text,
        capture_output=True,
        timeout=GUARD_S,
        check=False,
    )
    assert over.returncode == ExitCode.INPUT_ERROR
    limit = f"{len(text) - 1:,}"
    assert one_line(over.stderr) == (
        f"minutes: <stdin>: over the limit of {limit} bytes (stopped reading there)"
    )


def _write_forever(path: Path, stop: threading.Event) -> None:
    """A writer that never stops on its own: it ends when the reader goes away."""
    try:
        with path.open("wb") as fifo:
            while not stop.is_set():
                fifo.write(b"\xe3\x80\x87" * 4096)
    except BrokenPipeError:
        pass


@pytest.fixture
def endless_fifo(tmp_path: Path) -> Iterator[Path]:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "endless.txt"
    os.mkfifo(path)
    stop = threading.Event()
    writer = threading.Thread(target=_write_forever, args=(path, stop), daemon=True)
    writer.start()
    yield path
    stop.set()
    try:  # a writer still blocked in open() is released by a reader
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.close(descriptor)
    except OSError:
        pass
    writer.join(GUARD_S)


def test_a_fifo_whose_writer_never_stops_is_refused_in_the_library(endless_fifo: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read.read_path(endless_fifo, max_bytes=3_000_000)
    assert caught.value.message == "over the limit of 3,000,000 bytes (stopped reading there)"


def test_a_fifo_whose_writer_never_stops_is_one_line_and_exit_2(endless_fifo: Path) -> None:
    result = minutes("parse", str(endless_fifo), "--max-bytes", "2000000")
    assert (result.returncode, result.stdout) == (ExitCode.INPUT_ERROR, b"")
    assert one_line(result.stderr) == (
        f"minutes: {endless_fifo}: over the limit of 2,000,000 bytes (stopped reading there)"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("limit", [[], ["--max-bytes", "1000"]], ids=["default", "1000"])
def test_dev_zero_is_one_line_and_exit_2(limit: list[str]) -> None:
    result = minutes("parse", "/dev/zero", *limit)
    shown = f"{int(limit[1]):,}" if limit else f"{read.DEFAULT_MAX_BYTES:,}"
    assert (result.returncode, result.stdout) == (ExitCode.INPUT_ERROR, b"")
    assert one_line(result.stderr) == (
        f"minutes: /dev/zero: over the limit of {shown} bytes (stopped reading there)"
    )


def _yes(pipe: Any) -> None:
    """``yes``: writes until the reader goes away."""
    try:
        while True:
            pipe.write(b"y\n" * 32768)
    except (BrokenPipeError, ValueError, OSError):
        pass


def _run_with_endless_stdin(args: list[str]) -> tuple[int, bytes, bytes]:
    """``yes | minutes ARGS``: exit code, stdout and stderr."""
    command = [sys.executable, "-m", "minutes_cli.cli", *args, "--max-bytes", "3000000", "-q"]
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdin is not None
    writer = threading.Thread(target=_yes, args=(process.stdin,), daemon=True)
    writer.start()
    assert process.stdout is not None and process.stderr is not None
    try:
        process.wait(timeout=GUARD_S)  # its output is a few lines: no pipe fills up
        stdout, stderr = process.stdout.read(), process.stderr.read()
    finally:
        process.kill()
        writer.join(GUARD_S)
        process.stdin.close()
        process.stdout.close()
        process.stderr.close()
    return process.returncode, stdout, stderr


OVER = "over the limit of 3,000,000 bytes (stopped reading there)"


def test_an_endless_stdin_is_one_line_and_exit_2() -> None:
    code, stdout, stderr = _run_with_endless_stdin(["parse", "-"])
    assert (code, stdout) == (ExitCode.INPUT_ERROR, b"")
    assert one_line(stderr) == f"minutes: <stdin>: {OVER}"


def test_an_endless_stdin_in_a_batch_is_one_failed_input_and_the_run_goes_on(
    tmp_path: Path,
) -> None:
    other = tmp_path / "m.txt"
    other.write_text("○山田委員長　発言します。\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = _run_with_endless_stdin(
        ["parse", "-", str(other), "--out-dir", str(out)]
    )
    assert (code, stdout) == (ExitCode.FINDINGS, b"")
    assert one_line(stderr) == f"minutes: <stdin>: {OVER}"
    assert sorted(p.name for p in out.iterdir()) == ["m.json"]  # the other input is parsed


def test_an_endless_stdin_to_check_is_an_input_error_finding() -> None:
    code, stdout, stderr = _run_with_endless_stdin(["check", "-"])
    assert (code, stderr) == (ExitCode.INPUT_ERROR, b"")
    assert stdout.decode() == f"-: E001 {OVER}\n"


# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")],
    ids=["le", "be"],
)
def test_utf32_with_a_bom_gives_the_records_of_utf8(bom: bytes, codec: str) -> None:
    expected = parse_bytes(ASSEMBLY.encode(), "a.txt")
    document = parse_bytes(bom + ASSEMBLY.encode(codec), "a.txt")
    assert len(expected.utterances) == 16
    assert view(document) == view(expected)
    assert document.source.encoding == f"{codec} (BOM)"


def test_utf32_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "utf32.txt"
    path.write_bytes(ASSEMBLY.encode("utf-32"))  # the platform's order, with its BOM
    result = minutes("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["utterances"]) == 16


def test_utf16_le_starting_with_u0000_is_not_taken_for_utf32() -> None:
    data = codecs.BOM_UTF16_LE + "\x00\n○山田委員長　発言します。\n".encode("utf-16-le")
    document = parse_bytes(data, "a.txt")
    assert document.source.encoding == "utf-16-le (BOM)"
    assert [u.text for u in document.utterances] == ["発言します。"]


def test_iso2022jp_gives_the_records_of_utf8() -> None:
    text = (FIXTURES / "diet_kanji.txt").read_text(encoding="utf-8")
    expected = parse_text(text)
    document = parse_bytes(text.encode("iso2022_jp"), "a.txt")
    assert len(expected.utterances) == 9
    assert view(document) == view(expected)
    assert document.source.encoding == "iso2022_jp"


@pytest.mark.parametrize(
    ("name", "codec"),
    [("濵田", "iso2022_jp_2"), ("德永", "iso2022_jp_2"), ("山﨑", "iso2022_jp_3")],
)
def test_the_iso2022jp_extensions_are_tried_when_the_text_needs_them(name: str, codec: str) -> None:
    text = f"○{name}委員長　発言します。\n"
    with pytest.raises(UnicodeEncodeError):
        text.encode("iso2022_jp")  # not in JIS X 0208
    document = parse_bytes(text.encode(codec), "a.txt")
    assert (document.source.encoding or "").startswith("iso2022_jp_")
    assert [(u.speaker, u.text) for u in document.utterances] == [(name, "発言します。")]


def test_iso2022jp_that_decodes_in_no_variant_is_refused() -> None:
    data = b"hello\n\x1b$B\x7f\x7f\x1b(B\n"
    with pytest.raises(SourceError) as caught:
        parse_bytes(data, "j.txt")
    assert (caught.value.line, caught.value.column) == (2, 1)
    assert "ISO-2022-JP" in caught.value.message and "--encoding" in caught.value.message


def test_a_terminal_reset_in_ascii_text_is_not_iso2022_and_stays_in_the_record() -> None:
    data = b"Alice: done \x1b(B\x1b[m for today.\n"
    document = parse_bytes(data, "t.txt")
    assert document.source.encoding == "utf-8"
    assert any("done \x1b(B\x1b[m for today." in text for text in _texts(document))


def _texts(document: Document) -> list[str]:
    """Every text the records keep, whatever kind they are."""
    dumped = document.model_dump()
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(dumped)
    return found


def test_utf7_is_refused_naming_the_file_and_the_option(tmp_path: Path) -> None:
    path = tmp_path / "utf7.txt"
    path.write_bytes(ASSEMBLY.encode("utf-7"))
    result = minutes("parse", str(path))
    assert (result.returncode, result.stdout) == (ExitCode.INPUT_ERROR, b"")
    line = one_line(result.stderr)
    assert line.startswith(f"minutes: {path}:")
    assert "looks like UTF-7" in line and "--encoding utf-7" in line


def test_utf7_is_read_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "utf7.txt"
    path.write_bytes(ASSEMBLY.encode("utf-7"))
    result = minutes("parse", str(path), "--encoding", "utf-7")
    assert result.returncode == 0, result.stderr
    expected = parse_text(ASSEMBLY)
    got = json.loads(result.stdout)["utterances"]
    assert [u["text"] for u in got] == [u.text for u in expected.utterances]


@pytest.mark.parametrize(
    "text",
    [
        "Alice: C++ and 1+1=2.\nBob: call +81-3-1234-5678.\n",
        "Alice: +abc +yes\n",  # two runs, but two characters: ASCII
        "Alice: one run +ZeVnLA- only.\n",
        "Alice: +ZeVnLA- and +ZeVnLIqe- then 1+1.\n",  # a "+1" that is no UTF-7
        "○山田委員長　+ZeVnLA- と +ZeVnLIqe- は。\n",  # not 7-bit: UTF-8
        "Alice: votes +CPU +AAA +GPU +API\n",  # decode to marks, NUL: implausible
    ],
)
def test_text_with_plus_signs_is_not_taken_for_utf7(text: str) -> None:
    document = parse_bytes(text.encode(), "p.txt")
    assert document.source.encoding == "utf-8"
    first = text.splitlines()[0].split(":")[-1].split("\u3000")[-1].strip()
    assert any(first in t for t in _texts(document))  # the plus signs kept, as written


def test_forced_utf8_reads_utf7_looking_text_as_it_is() -> None:
    data = b"Alice: +ZeVnLA- and +ZeVnLIqe-\n"
    with pytest.raises(SourceError, match="UTF-7"):
        parse_bytes(data, "p.txt")
    document = parse_bytes(data, "p.txt", encoding="utf-8")
    assert "+ZeVnLA-" in " ".join(_texts(document))


# --- zero-width characters --------------------------------------------------------------


def _around_markers(text: str, zw: str, where: str) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        body = line.lstrip(" \u3000")
        lead = line[: len(line) - len(body)]
        if body and body[0] in "○◎●■◆◇":
            line = lead + (zw + body if where == "before" else body[0] + zw + body[1:])
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("zw", ZERO_WIDTH, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("where", ["before", "after"])
def test_zero_width_around_a_marker_gives_the_same_utterances(zw: str, where: str) -> None:
    changed = _around_markers(ASSEMBLY, zw, where)
    assert changed != ASSEMBLY
    document = parse_text(changed)
    assert view(document) == view(parse_text(ASSEMBLY))
    assert_lossless(document, changed)


def _around_labels(text: str, zw: str, where: str) -> str:
    out = []
    for line in text.split("\n"):
        head, colon, rest = line.partition(":")
        if colon and head.isupper() and head.isalpha():
            line = {
                "before": zw + head + colon + rest,
                "inside": head + zw + colon + rest,
                "after": head + colon + zw + rest,
            }[where]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("zw", ZERO_WIDTH, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("where", ["before", "inside", "after"])
def test_zero_width_around_a_label_gives_the_same_utterances(zw: str, where: str) -> None:
    changed = _around_labels(PREFIXED, zw, where)
    assert changed != PREFIXED
    document = parse_text(changed)
    expected = parse_text(PREFIXED)
    assert len(expected.utterances) == 14
    assert view(document) == view(expected)
    assert_lossless(document, changed)


@pytest.mark.parametrize(
    "kept",
    [
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family emoji
        "\U0001f469\U0001f3fd\u200d\U0001f4bb",  # skin tone, then ZWJ
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: mi-khaham
        "\u0915\u094d\u200d\u0937",  # Devanagari half form
    ],
)
def test_joiners_that_spell_something_are_kept(kept: str) -> None:
    assert fold(kept) == kept
    document = parse_text(f"○山田委員長　{kept}です。\n")
    assert [u.text for u in document.utterances] == [f"{kept}です。"]


def test_other_zero_width_characters_are_folded_and_fold_stays_idempotent() -> None:
    text = "a\u200bb\u2060c\u200dd\u200ce \U0001f468\u200b\u200d\U0001f469\n"
    once = fold(text)
    assert once == "abcde \U0001f468\u200d\U0001f469\n"
    assert fold(once) == once


def test_control_characters_stay_in_the_records_as_they_were() -> None:
    text = "○山田委員長　開会\x1b]0;title\x07します。\x01\n"
    (utterance,) = parse_text(text).utterances
    assert utterance.text == "開会\x1b]0;title\x07します。\x01"
