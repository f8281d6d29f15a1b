"""PDF extractors compared: pdfminer.six against pypdfium2, on the same PDFs.

    python bench/pdf.py              # every PDF, both extractors, a few minutes
    python bench/pdf.py --quick      # without the 200,000-line bomb
    python bench/pdf.py --startup    # minutes parse on a 1-page PDF, in-process vs child

Each extraction runs in a fresh ``python`` (so peak RSS is that of one extraction) with a
limit of 120 s and 4 GB of address space; the table gives wall time, peak RSS, the
characters, form feeds and lines of the text, and whether it equals the other extractor's.
The PDFs are the test suite's seed PDF (Japanese, 4 pages, a CID font), a letter-spaced
chair name, a two-column page (reading order), and text bombs: one page of N text lines,
compressed to about a kilobyte. Run by hand and record the figures in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "fixtures" / "seed_kushiro_2025.txt").read_text(encoding="utf-8")

CHILD = r"""
import io, json, logging, resource, sys, time, warnings
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")
which, path = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
started = time.perf_counter()
try:
    if which == "pdfminer":
        from pdfminer.high_level import extract_text
        text = extract_text(io.BytesIO(data))
    else:
        import pypdfium2 as pdfium
        pages = []
        document = pdfium.PdfDocument(data)
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_bounded().replace("\r\n", "\n"))
        text = "\f".join(pages) + "\f"
    error = None
except BaseException as exc:
    text, error = "", f"{type(exc).__name__}: {str(exc)[:60]}"
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_mb": rss / 1024, "text": text, "error": error}))
"""


def minimal_pdf(
    content: bytes, fonts: str = "/F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
) -> bytes:
    """A one-page PDF around a content stream, compressed with FlateDecode."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
        + fonts.encode()
        + b" >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_bomb(lines: int) -> bytes:
    """One page of ``lines`` text lines 3 pt apart in a 1 pt font: every line is a text box
    of its own for pdfminer's layout analysis, and the stream compresses to under 1 KB."""
    body = b"BT /F1 1 Tf 72 780 Td\n" + b"(Speaker: line) Tj 0 -3 Td\n" * lines + b"ET\n"
    return minimal_pdf(body)


def reportlab_pdfs(directory: Path) -> dict[str, Path]:
    """The suite's seed PDF, a letter-spaced chair name, a two-column page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    sys.path.insert(0, str(ROOT))
    from tests.test_read import seed_pdf

    paths = {"seed (4 pages, Japanese)": directory / "seed.pdf"}
    seed_pdf(paths["seed (4 pages, Japanese)"])
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    height = A4[1]

    spaced = paths["letter-spaced name"] = directory / "spaced.pdf"
    pdf = canvas.Canvas(str(spaced), pagesize=A4)
    pdf.setFont("HeiseiMin-W3", 10)
    text = pdf.beginText(40, height - 60)
    text.textLine("○議長（大下）ただいまから会議を開きます。")
    text.setCharSpace(8)
    text.textLine("○大下議長")
    text.setCharSpace(0)
    text.textLine("議事に入ります。")
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()

    columns = paths["two columns"] = directory / "columns.pdf"
    pdf = canvas.Canvas(str(columns), pagesize=A4)
    pdf.setFont("HeiseiMin-W3", 10)
    for row in range(20):
        pdf.drawString(40, height - 60 - 12 * row, f"左の段 第{row + 1}行です。")
        pdf.drawString(320, height - 60 - 12 * row, f"右の段 第{row + 1}行です。")
    pdf.showPage()
    pdf.save()
    return paths


def run(which: str, path: Path) -> dict[str, object]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, which, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": 120.0, "rss_mb": float("nan"), "text": "", "error": "over 120 s"}
    if done.returncode != 0 or not done.stdout:
        tail = (done.stderr.strip().splitlines() or ["?"])[-1][:60]
        return {
            "seconds": float("nan"),
            "rss_mb": float("nan"),
            "text": "",
            "error": f"exit {done.returncode}: {tail}",
        }
    result: dict[str, object] = json.loads(done.stdout)
    return result


def startup(directory: Path) -> None:
    """``minutes parse`` of a one-page PDF, best of 5: the figure the child process costs."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    path = directory / "one.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("HeiseiMin-W3", 10)
    for row, line in enumerate(SEED.splitlines()[:40]):
        pdf.drawString(40, 800 - 12 * row, line)
    pdf.save()
    minutes = str(Path(sys.executable).parent / "minutes")
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([minutes, "parse", str(path)], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    print(f"minutes parse one.pdf (1 page, 40 lines): best of 5 {min(times):.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--startup", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        if args.startup:
            startup(directory)
            return
        paths = reportlab_pdfs(directory)
        for lines in (2_500, 5_000) if args.quick else (2_500, 5_000, 200_000):
            path = directory / f"bomb{lines}.pdf"
            path.write_bytes(text_bomb(lines))
            paths[f"bomb {lines:,} lines ({path.stat().st_size:,} B)"] = path
        print(
            f"{'PDF':34} {'extractor':9} {'s':>7} {'MB':>6} {'chars':>8} {'FF':>3} "
            f"{'lines':>6}  same  error"
        )
        for label, path in paths.items():
            results = {which: run(which, path) for which in ("pdfminer", "pdfium")}
            texts = {which: str(r["text"]) for which, r in results.items()}
            for which, result in results.items():
                text = texts[which]
                same = "yes" if texts["pdfminer"] == texts["pdfium"] else "no"
                print(
                    f"{label:34} {which:9} {result['seconds']:7.2f} {result['rss_mb']:6.0f} "
                    f"{len(text):8,} {text.count(chr(12)):3} {text.count(chr(10)):6,}  "
                    f"{same:4}  {result['error'] or ''}"
                )
            if label.startswith(("letter", "two")):
                for which, text in texts.items():
                    print(f"    {which}: {text[:160]!r}")


if __name__ == "__main__":
    main()
