"""PDF extraction cannot run away (issue 13): text bombs, budgets, encryption, crashes.

The CLI runs in a process of its own here (the extractor is a child process, and what
reaches stderr is the point); every run has a generous guard against hangs, nothing is
timed. The PDFs are built here: a text bomb by hand (one page of N text lines, compressed),
ordinary and encrypted ones with reportlab.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

pytest.importorskip("pdfminer")
pytest.importorskip("reportlab")

from pdfminer.high_level import extract_text as pdfminer_text
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from minutes_cli import SourceError, parse_bytes
from minutes_cli.parse import pdf
from tests.test_read import seed_pdf

GUARD = 60  # seconds: against hangs only


def text_bomb(lines: int) -> bytes:
    """A one-page PDF of ``lines`` text lines 3 pt apart in a 1 pt font, Flate-compressed:
    under a kilobyte for 2,500 lines, on which pdfminer's layout took 84 s and 1.3 GB."""
    content = b"BT /F1 1 Tf 72 780 Td\n" + b"(Speaker: line) Tj 0 -3 Td\n" * lines + b"ET\n"
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources "
        b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


ENGLISH = [
    "Minutes of the Board, June 3, 2024",
    "Chair: The meeting is open.",
    "Adams: Thank you, Chair.",
    "Chair: Any other business?",
    "Adams: None.",
]
SPOKEN = ["The meeting is open.", "Thank you, Chair.", "Any other business?", "None."]


def english_pdf(user_password: str | None = None, cid_font: bool = False) -> bytes:
    """Three lines of English minutes; encrypted when a password is given ("" for the
    user password: an owner-password-only PDF, which anyone may open)."""
    buffer = io.BytesIO()
    encrypt = None
    if user_password is not None:
        encrypt = StandardEncryption(user_password, "owner-secret", canCopy=0, strength=128)
    page = canvas.Canvas(buffer, encrypt=encrypt)
    font = "Helvetica"
    if cid_font:
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
        font = "HeiseiMin-W3"
    page.setFont(font, 11)
    for row, line in enumerate(
        ENGLISH + (["○議長（大下）ただいまから会議を開きます。"] * 3 if cid_font else [])
    ):
        page.drawString(50, 780 - 14 * row, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def minutes(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "minutes_cli.cli", *args]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=GUARD,
        env={**os.environ, **(env or {})},
        check=False,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line on stderr (no traceback, no stray extractor output)."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (2_500, "page 1 has over 1,000 text lines (a PDF text bomb?; MINUTES_PDF_MAX_LINES"),
        (5_000, "page 1 has over 1,000 text lines (a PDF text bomb?; MINUTES_PDF_MAX_LINES"),
        (200_000, "page 1 has over 100,000 characters (a PDF text bomb?; MINUTES_PDF_MAX_CHARS"),
    ],
)
def test_text_bombs_are_refused_in_one_line(tmp_path: Path, lines: int, message: str) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(text_bomb(lines))
    assert bomb.stat().st_size < 20_000
    result = minutes("parse", str(bomb))
    assert result.returncode == 2 and result.stdout == ""
    assert one_line(result).startswith(f"minutes: {bomb}: {message}")


def test_the_time_budget(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(text_bomb(2_500))
    env = {"MINUTES_PDF_MAX_LINES": "100000", "MINUTES_PDF_SECONDS": "1"}
    result = minutes("parse", str(bomb), env=env)
    assert result.returncode == 2
    assert one_line(result) == (
        f"minutes: {bomb}: PDF extraction over its time budget of 1 s "
        "(MINUTES_PDF_SECONDS raises it)"
    )


def test_the_memory_budget(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(text_bomb(2_500))  # pdfminer's layout of it grows to 1.3 GB
    env = {"MINUTES_PDF_MAX_LINES": "100000", "MINUTES_PDF_MEMORY_MB": "250"}
    result = minutes("parse", str(bomb), env=env)
    assert result.returncode == 2
    assert one_line(result) == (
        f"minutes: {bomb}: PDF extraction over its memory budget of 250 MB "
        "(MINUTES_PDF_MEMORY_MB raises it)"
    )


def test_a_bad_budget_setting_is_an_error(tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    good.write_bytes(english_pdf())
    result = minutes("parse", str(good), env={"MINUTES_PDF_SECONDS": "soon"})
    assert result.returncode == 2
    assert (
        one_line(result) == f"minutes: {good}: MINUTES_PDF_SECONDS='soon' is not a positive number"
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bomb_in_a_batch_fails_alone(tmp_path: Path, jobs: str) -> None:
    """The bomb is one failed input; the good PDF is parsed, also from a pool worker."""
    (tmp_path / "in").mkdir()
    bomb, good = tmp_path / "in" / "a_bomb.pdf", tmp_path / "in" / "b_good.pdf"
    bomb.write_bytes(text_bomb(5_000))
    good.write_bytes(english_pdf())
    out = tmp_path / "out"
    result = minutes("parse", str(tmp_path / "in"), "--out-dir", str(out), "-j", jobs)
    assert result.returncode == 1, result.stderr
    assert f"minutes: {bomb}: page 1 has over 1,000 text lines" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["b_good.json"]
    assert "Adams" in (out / "b_good.json").read_text(encoding="utf-8")


def test_an_owner_password_pdf_is_read(tmp_path: Path) -> None:
    path = tmp_path / "owner.pdf"
    path.write_bytes(english_pdf(user_password=""))
    assert b"/Encrypt" in path.read_bytes()
    result = minutes("parse", str(path), "-f", "jsonl")
    assert result.returncode == 0 and result.stderr == ""  # no stray pdfminer warning
    document = parse_bytes(path.read_bytes(), str(path))
    assert [u.text for u in document.utterances] == SPOKEN
    assert document.meta.date == "2024-06-03"


def test_a_user_password_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(english_pdf(user_password="secret"))
    result = minutes("parse", str(path))
    assert result.returncode == 2
    assert one_line(result) == (
        f"minutes: {path}: PDF is encrypted with a password; remove it first (e.g. qpdf --decrypt)"
    )


def test_cid_garbage_is_refused(tmp_path: Path) -> None:
    """reportlab's encrypted CID fonts (issue 13's case): pdfminer gives ``(cid:723)…``."""
    path = tmp_path / "owner-cid.pdf"
    path.write_bytes(english_pdf(user_password="", cid_font=True))
    assert "(cid:" in pdfminer_text(io.BytesIO(path.read_bytes()))
    result = minutes("parse", str(path))
    assert result.returncode == 2
    assert "glyphs without Unicode (cid:N)" in one_line(result)


def test_the_child_gives_pdfminers_text_exactly(tmp_path: Path) -> None:
    """Ordinary PDFs: the same text as pdfminer's extract_text in this process."""
    path = tmp_path / "seed.pdf"
    seed_pdf(path)
    data = path.read_bytes()
    assert pdf.extract_text(data, str(path)) == pdfminer_text(io.BytesIO(data))


def _parse_in_worker(data: bytes) -> int:
    return len(parse_bytes(data, "good.pdf").utterances)


def test_extraction_works_from_a_daemonic_pool_worker() -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool:  # Pool workers are daemonic
        assert pool.apply(_parse_in_worker, (english_pdf(),)) == len(SPOKEN)


@pytest.mark.parametrize(
    ("returncode", "stderr", "message"),
    [
        (-signal.SIGSEGV, b"", "the PDF extractor crashed (SIGSEGV); the PDF may be damaged"),
        (-signal.SIGABRT, b"Fatal Python error: Aborted\n", "the PDF extractor crashed (SIGABRT)"),
        (-signal.SIGXCPU, b"", "PDF extraction over its time budget of 60 s"),
        (1, b"Traceback...\nMemoryError\n", "PDF extraction over its memory budget of 1,024 MB"),
        (1, b"Traceback...\nOSError: odd\n", "the PDF extractor failed: OSError: odd"),
        (0, b"", "the PDF extractor failed: exit status 0"),
    ],
)
def test_a_dying_extractor_is_one_message(returncode: int, stderr: bytes, message: str) -> None:
    done = subprocess.CompletedProcess(["child"], returncode, b"", stderr)
    limits = pdf.Budget(pdf.SECONDS, pdf.MEMORY_MB, pdf.MAX_LINES, pdf.MAX_CHARS)
    with pytest.raises(SourceError) as raised:
        pdf._answer(done, limits, "x.pdf")
    assert raised.value.message.startswith(message)


def test_a_recursion_error_in_the_extractor_is_one_message() -> None:
    limits = pdf.Budget(pdf.SECONDS, pdf.MEMORY_MB, pdf.MAX_LINES, pdf.MAX_CHARS)
    assert pdf._failure({"error": "recursion"}, limits) == (
        "not a readable PDF: its layout nests too deeply (RecursionError)"
    )


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie nobody reaped yet counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_the_extractor_dies_with_its_parent(tmp_path: Path) -> None:
    """``kill -9`` of the parent leaves no extractor behind (it watches its parent)."""
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(text_bomb(2_500))
    # Bounds lifted so that the extractor would run for a minute on its own.
    env = {**os.environ, "MINUTES_PDF_MAX_LINES": "100000", "MINUTES_PDF_MEMORY_MB": "4000"}
    parent = subprocess.Popen(
        [sys.executable, "-m", "minutes_cli.cli", "parse", str(bomb)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + GUARD
    while not (children := _children(parent.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert children, "the extractor never started"
    parent.kill()
    parent.wait(timeout=GUARD)
    while _alive(children[0]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(children[0])
