"""Every class of bad input we tried, as one table: what the user sees and the exit code.

Each row of :data:`CASES` builds its input in ``tmp_path``, runs ``minutes`` through typer's
runner and checks the exit code and stderr. The same table, for people, is
``docs/bad-inputs.md`` (keep the two in the same order).

The contract checked for every row:

* no traceback, ever, and no exception escapes the command;
* an input error is exactly one stderr line, ``minutes: PATH[:LINE:COL]: message``, naming
  the path, and leaves stdout empty (a single input to ``minutes parse`` exits 2);
* an input that is odd but readable exits 0 with a JSON document on stdout and nothing on
  stderr;
* no temporary file of the atomic writer is ever left behind.

Placeholders in ``args`` and in the stderr pattern: ``{input}`` is the path ``make`` returned,
``{tmp}`` is ``tmp_path``; in patterns both are regex-escaped. A pattern is matched against
the whole stderr line; for a usage error (click's multi-line panel) it is searched for.
"""

from __future__ import annotations

import codecs
import inspect
import json
import os
import re
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from minutes_cli import cli
from minutes_cli.cli import app
from minutes_cli.parse import read

runner = CliRunner()

#: A sanity guard against hangs and quadratic blow-ups, not a performance assertion.
TIME_BUDGET_S = 20.0

#: Small but real minutes: a legend and two utterances.
SAMPLE = "議事録\n【◎…議長 ○…委員】\n◎ ただいまから会議を開きます。\n○ 質問があります。\n"


@dataclass(frozen=True)
class Case:
    """One bad-input class: how to make it, how to call ``minutes``, what must happen."""

    id: str
    make: Callable[[Path], str]  # builds the input under tmp_path; returns its path
    args: tuple[str, ...]
    code: int
    stderr: str  # a regex for the whole stderr line, or "" for no stderr at all
    stdin: bytes | None = None
    usage: bool = False  # a usage error: click's panel, searched, not one line
    utterances: int | None = None  # exit 0: how many utterances the document has
    source: Mapping[str, Any] = field(default_factory=dict)  # exit 0: fields of `source`
    absent: tuple[str, ...] = ()  # paths under tmp_path that must not exist afterwards
    xfail: str | None = None  # a known bug: why this row fails today


# --- how inputs are made ---------------------------------------------------------------


def write(name: str, data: bytes) -> Callable[[Path], str]:
    """A file ``name`` in tmp_path holding ``data``."""

    def make(tmp: Path) -> str:
        path = tmp / name
        path.write_bytes(data)
        return str(path)

    return make


def sample(name: str = "minutes.txt") -> Callable[[Path], str]:
    """A good input, for the rows about options and output."""
    return write(name, SAMPLE.encode())


def nothing(name: str) -> Callable[[Path], str]:
    """A path in tmp_path that is not created."""
    return lambda tmp: str(tmp / name)


def fixed(path: str) -> Callable[[Path], str]:
    """A path outside tmp_path (``/dev/null``, ``-``)."""
    return lambda _tmp: path


def dangling_symlink(tmp: Path) -> str:
    link = tmp / "link.txt"
    link.symlink_to(tmp / "gone.txt")
    return str(link)


def directory(*files: str) -> Callable[[Path], str]:
    """A directory ``dir`` in tmp_path holding the given (tiny) files."""

    def make(tmp: Path) -> str:
        folder = tmp / "dir"
        folder.mkdir()
        for name in files:
            (folder / name).write_text("# not minutes\n", encoding="utf-8")
        return str(folder)

    return make


def denied(path: Path) -> None:
    """Skip when permissions do not stop us: root (CAP_DAC_OVERRIDE) reads a chmod 000
    file and traverses a chmod 000 directory anyway."""
    try:
        if path.is_dir():
            os.listdir(path)
        else:
            path.read_bytes()
    except PermissionError:
        return
    reason = "running as root" if os.geteuid() == 0 else "permissions are not enforced"
    pytest.skip(f"{reason}: chmod 000 does not deny access here")


def unreadable_file(tmp: Path) -> str:
    path = tmp / "secret.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    path.chmod(0)
    denied(path)
    return str(path)


def file_in_locked_directory(tmp: Path) -> str:
    folder = tmp / "locked"
    folder.mkdir()
    (folder / "minutes.txt").write_text(SAMPLE, encoding="utf-8")
    folder.chmod(0)
    denied(folder)
    return str(folder / "minutes.txt")


def locked_directory(tmp: Path) -> str:
    folder = tmp / "locked"
    folder.mkdir()
    (folder / "minutes.txt").write_text(SAMPLE, encoding="utf-8")
    folder.chmod(0)
    denied(folder)
    return str(folder)


def sparse(name: str, size: int) -> Callable[[Path], str]:
    """A file of ``size`` bytes without writing them (a hole; costs no disk)."""

    def make(tmp: Path) -> str:
        path = tmp / name
        with path.open("wb") as handle:
            handle.truncate(size)
        return str(path)

    return make


def pdf_without_text(tmp: Path) -> str:
    """A one-page PDF with a filled rectangle and no text: what a scan looks like."""
    from reportlab.pdfgen import canvas

    path = tmp / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(100, 100, 200, 200, fill=1)
    page.showPage()
    page.save()
    return str(path)


def non_utf8_name(tmp: Path) -> str:
    """Good minutes under a file name that is not UTF-8 (Latin-1 ``é``, byte 0xE9)."""
    path = tmp / os.fsdecode(b"r\xe9union.txt")
    try:
        path.write_bytes(SAMPLE.encode())
    except (OSError, UnicodeError):  # a file system that insists on UTF-8 names
        pytest.skip("this file system refuses non-UTF-8 file names")
    return str(path)


def legend_of(entries: int) -> str:
    """A legend line of ``entries`` entries, cycling through the marker symbols."""
    symbols = "◎○●■□◆◇▲△▼▽★☆◉"
    body = " ".join(f"{symbols[i % len(symbols)]}…役{i}" for i in range(entries))
    return f"【{body}】\n"


def late_nul(offset: int) -> bytes:
    """Valid UTF-8 minutes with one NUL byte at ``offset`` (then more text)."""
    head = SAMPLE.encode()
    filler = b"a" * (offset - len(head) - 1) + b"\n"  # the NUL starts a line
    return head + filler + b"\x00tail\n" + "○ 続けます。\n".encode()


# Bytes that are none of UTF-8, CP932 and EUC-JP (0xA0, 0xFD-0xFF are no CP932 lead bytes,
# 0xFF is in neither), and that charset-normalizer (if installed) does not guess either.
NOT_ANY_ENCODING = b"\xa0\xfd\xfe\xff\x80\n"
MIXED = (
    "議事録\n【○…委員】\n".encode()
    + "○ 質問があります。\n".encode("cp932")
    + "○ 答えます。\n".encode()
)
TRUNCATED = "議事録\n○ 質問があります。".encode()[:-2]  # the 。 cut after its first byte
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


# --- the table ---------------------------------------------------------------------------

P = ("parse", "{input}")  # the common call: one input, JSON to stdout

CASES: list[Case] = [
    # missing and unreadable paths
    Case("missing-file", nothing("missing.txt"), P, 2, "minutes: {input}: no such file"),
    Case("dangling-symlink", dangling_symlink, P, 2, "minutes: {input}: no such file"),
    Case(
        "directory-without-minutes",
        directory("notes.md", "slides.pptx"),
        ("parse", "-q", "{input}"),
        1,
        r"minutes: {input}: no files matching \*\.txt or \*\.pdf",
    ),
    Case("permission-denied", unreadable_file, P, 2, "minutes: {input}: permission denied"),
    Case(
        "file-in-untraversable-directory",
        file_in_locked_directory,
        P,
        2,
        "minutes: {input}: permission denied",
    ),
    Case(
        "unlistable-directory",
        locked_directory,
        ("parse", "-q", "{input}"),
        1,
        "minutes: {input}: permission denied",
    ),
    Case("dev-null", fixed(os.devnull), P, 2, r"minutes: {input}: empty file \(no text\)"),
    # not text
    Case(
        "binary-png",
        write("image.txt", PNG),
        P,
        2,
        r"minutes: {input}:3:1: binary file \(NUL byte\), not text",
    ),
    Case("empty", write("empty.txt", b""), P, 2, r"minutes: {input}: empty file \(no text\)"),
    Case(
        "whitespace-only",
        write("blank.txt", " \t\n\n\u3000\u3000\n\f\n".encode()),
        P,
        2,
        "minutes: {input}: no text, only white space",
    ),
    Case(
        "nul-at-8191",
        write("nul8191.txt", late_nul(8191)),
        P,
        2,
        r"minutes: {input}:6:1: binary file \(NUL byte\), not text",
    ),
    Case(
        "nul-after-8kb",
        write("nul9000.txt", late_nul(9000)),
        P,
        0,
        "",
        utterances=3,
        source={"encoding": "utf-8"},
    ),
    Case(
        "control-characters",
        write("ansi.txt", SAMPLE.encode() + b"\x1b[31m\x01\x02\x7f red\n"),
        P,
        0,
        "",
        utterances=2,
    ),
    Case(
        "zero-width-spaces-only",
        write("zwsp.txt", "\u200b\u200b\n\u200b\n".encode()),
        P,
        0,
        "",
        utterances=0,
    ),
    # encodings
    Case(
        "invalid-utf8-cp932-eucjp",
        write("garbage.txt", SAMPLE.encode() + NOT_ANY_ENCODING),
        P,
        2,
        r"minutes: {input}:5:1: cannot decode: not UTF-8 \(byte 0xa0 at offset 118\), "
        r"nor CP932 or EUC-JP; name one with --encoding",
    ),
    Case(
        "invalid-utf8-forced",
        write("garbage.txt", SAMPLE.encode() + NOT_ANY_ENCODING),
        (*P, "--encoding", "utf-8"),
        2,
        r"minutes: {input}:5:1: not valid utf-8: byte 0xa0 at offset 118",
    ),
    Case(
        "cp932",
        write("sjis.txt", (SAMPLE + "○ ①の件は～です。\n").encode("cp932")),
        P,
        0,
        "",
        utterances=3,
        source={"encoding": "cp932"},
    ),
    Case(
        "euc-jp",
        write("euc.txt", SAMPLE.encode("euc_jp")),
        P,
        0,
        "",
        utterances=2,
        source={"encoding": "euc_jp"},
    ),
    Case(
        "mixed-utf8-and-cp932",
        write("mixed.txt", MIXED),
        P,
        2,
        r"minutes: {input}:3:1: cannot decode: not UTF-8 \(byte 0x81 at offset 29\), "
        r"nor CP932 or EUC-JP; name one with --encoding",
    ),
    Case(
        "utf16le-without-bom",
        write("utf16.txt", SAMPLE.encode("utf-16-le")),
        P,
        2,
        r"minutes: {input}:2:1: binary file \(NUL byte\), not text",
    ),
    Case(
        "utf16le-without-bom-named",
        write("utf16.txt", SAMPLE.encode("utf-16-le")),
        (*P, "--encoding", "utf-16-le"),
        0,
        "",
        utterances=2,
        source={"encoding": "utf-16-le"},
    ),
    Case(
        "utf16-with-bom",
        write("utf16bom.txt", SAMPLE.encode("utf-16")),
        P,
        0,
        "",
        utterances=2,
        source={"encoding": "utf-16-le (BOM)"},
    ),
    Case(
        "utf16-with-bom-odd-length",
        write("utf16odd.txt", SAMPLE.encode("utf-16") + b"A"),
        P,
        2,
        r"minutes: {input}:5:2: not valid utf-16-le: byte 0x41 at offset 90",
    ),
    Case(
        "truncated-mid-character",
        write("cut.txt", TRUNCATED),
        P,
        2,
        r"minutes: {input}:2:26: cannot decode: not UTF-8 \(byte 0xe3 at offset 35\), "
        r"nor CP932 or EUC-JP; name one with --encoding",
    ),
    Case(
        "bom-only",
        write("bom.txt", codecs.BOM_UTF8),
        P,
        2,
        "minutes: {input}: no text, only white space",
    ),
    Case(
        "bom-then-invalid-utf8",
        write("bombad.txt", codecs.BOM_UTF8 + SAMPLE.encode() + b"\xff\n"),
        P,
        2,
        r"minutes: {input}:5:1: not valid utf-8: byte 0xff at offset 121",
    ),
    Case(
        "unknown-encoding",
        sample(),
        (*P, "--encoding", "no-such-codec"),
        2,
        "minutes: {input}: unknown encoding 'no-such-codec'",
    ),
    # line structure
    Case(
        "cr-only-newlines",
        write("cr.txt", SAMPLE.replace("\n", "\r").encode()),
        P,
        0,
        "",
        utterances=2,
        source={"newline": "CR", "lines": 4},
    ),
    Case(
        "one-huge-line",
        write("huge.txt", ("議事録の本文です、" * 80_000).encode()),  # 2.16 MB, no newline
        P,
        0,
        "",
        utterances=0,
        source={"lines": 1},
    ),
    Case(
        "markers-only-10000-lines",
        write("markers.txt", "○\n".encode() * 10_000),
        P,
        0,
        "",
        utterances=10_000,
    ),
    Case(
        "legend-without-body",
        write("legend.txt", "【◎…議長 ○…委員 ●…オブザーバー ■…釧路市】\n".encode()),
        P,
        0,
        "",
        utterances=0,
    ),
    Case(
        "legend-of-1000-entries",
        write("legend1000.txt", (legend_of(1000) + "○ 発言します。\n").encode()),
        P,
        0,
        "",
        utterances=1,
    ),
    Case(
        "nested-brackets-10000",
        write("nested.txt", ("○" + "【（［〔" * 2_500 + "】）］〕" * 2_500 + "\n").encode()),
        P,
        0,
        "",
        utterances=1,
    ),
    # size
    Case(
        "over-max-bytes",
        write("2k.txt", (SAMPLE.encode() * 30)[:2048]),
        (*P, "--max-bytes", "1000"),
        2,
        "minutes: {input}: file is 2,048 bytes, over the limit of 1,000",
    ),
    Case(
        "over-default-limit-50mb",
        sparse("big.txt", read.DEFAULT_MAX_BYTES + 1),
        P,
        2,
        "minutes: {input}: file is 52,428,801 bytes, over the limit of 52,428,800",
    ),
    # PDF
    Case(
        "not-really-a-pdf",
        write("fake.pdf", b"%PDF-1.7\n" + b"\x8f junk \x00\xff" * 40),
        P,
        2,
        r"minutes: {input}: not a readable PDF: .+",
    ),
    Case(
        "pdf-without-text-layer",
        pdf_without_text,
        P,
        2,
        r"minutes: {input}: PDF has no text layer \(a scan\?\); run OCR first, "
        r"e\.g\. ocrmypdf, then parse",
    ),
    # standard input
    Case("stdin-empty", fixed("-"), P, 2, r"minutes: <stdin>: empty file \(no text\)", b""),
    Case(
        "stdin-binary",
        fixed("-"),
        P,
        2,
        r"minutes: <stdin>:3:1: binary file \(NUL byte\), not text",
        PNG,
    ),
    # options and output
    Case(
        "unknown-format",
        sample(),
        (*P, "--format", "yaml"),
        2,
        r"Invalid value for '--format'",
        usage=True,
    ),
    Case(
        "output-is-a-directory",
        sample(),
        (*P, "-o", "{tmp}"),
        2,
        r"Invalid value for '--output' / '-o': File '.*' is a directory",
        usage=True,
    ),
    Case(
        "output-under-a-file",
        sample(),
        (*P, "-o", "{input}/out.json"),
        2,
        "minutes: {input}/out.json: (File exists|Not a directory)",
    ),
    Case(
        "output-into-missing-directory",
        sample(),
        (*P, "-o", "{tmp}/no/such/dir/out.json"),
        2,
        "minutes: {tmp}/no/such/dir/out.json: .+",
        absent=("no",),
    ),
    Case(
        "output-with-bad-input",
        write("empty.txt", b""),
        (*P, "-o", "{tmp}/no/such/dir/out.json"),
        2,
        r"minutes: {input}: empty file \(no text\)",
        absent=("no",),
    ),
    # several inputs
    Case(
        "batch-with-one-missing",
        sample(),
        ("parse", "-q", "{input}", "{tmp}/missing.txt"),
        1,
        "minutes: {tmp}/missing.txt: no such file",
    ),
    # file names
    Case(
        "newline-in-file-name",
        write("bad\nname.txt", b""),
        P,
        2,
        r"minutes: .*name\.txt: empty file \(no text\)",
    ),
    Case(
        "non-utf8-file-name",
        non_utf8_name,
        P,
        0,
        "",
        utterances=2,
    ),
]


def _params() -> list[Any]:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=pytest.mark.xfail(strict=True, reason=case.xfail) if case.xfail else (),
        )
        for case in CASES
    ]


def _fill(text: str, path: str, tmp: Path, escape: Callable[[str], str] = str) -> str:
    return text.replace("{input}", escape(path)).replace("{tmp}", escape(str(tmp)))


@pytest.mark.parametrize("case", _params())
def test_bad_input(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    path = case.make(work)
    args = [_fill(arg, path, work) for arg in case.args]

    started = time.perf_counter()
    result = runner.invoke(app, args, input=case.stdin)
    elapsed = time.perf_counter() - started
    for folder in (work, *work.iterdir()):  # let pytest clean up what was locked
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)

    out, err = result.stdout, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"minutes {args} raised instead of exiting:\n{trace}")
    assert "Traceback" not in out and "Traceback" not in err
    assert elapsed < TIME_BUDGET_S, f"took {elapsed:.1f} s"
    assert result.exit_code == case.code, f"exit {result.exit_code}, stderr: {err!r}"

    pattern = _fill(case.stderr, path, work, re.escape)
    if case.usage:
        assert re.search(pattern, err), err
    elif case.stderr:
        assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
        assert re.fullmatch(pattern, err[:-1]), err
    else:
        assert err == ""

    if case.code == 0:
        document = json.loads(out)
        assert isinstance(document["utterances"], list)
        if case.utterances is not None:
            assert len(document["utterances"]) == case.utterances
        for key, value in case.source.items():
            assert document["source"][key] == value, key
    elif case.code == 2:
        assert out == "", "a failed single input must print no data"
    else:  # a batch: the inputs that were read are still a valid JSON array
        assert isinstance(json.loads(out), list)

    for name in case.absent:
        assert not (work / name).exists(), f"{name} was created"
    leftovers = [p for p in work.rglob("*.tmp") if p.name.startswith(".")]
    assert leftovers == [], "the atomic writer left temporary files"


def test_there_are_enough_cases() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 24


def test_default_size_limit_is_50_mb() -> None:
    assert read.DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    for command in (cli.parse, cli.check):
        default = inspect.signature(command).parameters["max_bytes"].default
        assert default == read.DEFAULT_MAX_BYTES, command.__name__
