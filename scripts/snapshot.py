"""Save, then compare, what ``minutes`` makes of every document it can find: the proof
that a change which should change no output changed none.

    python scripts/snapshot.py save /tmp/before      # before the change
    python scripts/snapshot.py compare /tmp/before   # after: exit 1 on any difference

The documents are the fixtures, the seed and the corpus in ``../shared`` (when it is
there), the label lines of ``../shared/labels`` as the scorer groups them, and
:data:`MIXES` documents cut and pasted from all of these (:func:`mixes`). Each is
written in every format (JSON, JSON Lines, CSV, Markdown), parsed once with the detected
speaker scheme and once with each scheme forced, so the comparison reaches every scheme's
code, not just the one each document picks; ``minutes check`` findings are saved too.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from minutes_cli import parse_bytes, parse_text
from minutes_cli.checks import check
from minutes_cli.models import Document
from minutes_cli.reporters import ReportFormat, report
from minutes_cli.writers import Format, write

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCHEMES = (None, "legend", "assembly", "prefix", "none")


def documents() -> Iterator[tuple[str, bytes]]:
    """``(name, bytes)`` of every input, in a stable order."""
    texts: list[str] = []
    for case in sorted((ROOT / "fixtures").glob("*.txt")):
        texts.append(case.read_text(encoding="utf-8-sig"))
        yield f"fixtures/{case.name}", case.read_bytes()
    for folder in ("seed", "corpus"):
        for case in sorted((SHARED / folder).glob("*.txt")):
            texts.append(case.read_bytes().decode("utf-8", "replace"))
            yield f"shared/{folder}/{case.name}", case.read_bytes()
    labels = SHARED / "labels" / "open-gikai-labels.tsv"
    if labels.exists():
        by_town: dict[str, list[str]] = {}
        for row in labels.read_text(encoding="utf-8").splitlines():
            if row.strip() and not row.startswith("#"):
                town, line = row.split("\t")[:2]
                by_town.setdefault(town, []).append(line)
        for town, lines in sorted(by_town.items()):
            yield f"shared/labels/{town}", ("\n".join(lines) + "\n").encode("utf-8")
    yield from mixes(list(texts))


#: How many mixed documents :func:`mixes` makes.
MIXES = 150


def mixes(sources: list[str]) -> Iterator[tuple[str, bytes]]:
    """Documents nobody wrote: runs of lines from random places in random inputs, with
    the damage PDF extraction does (doubled blank lines, CRLF, full-width digits), from a
    fixed seed, so that the comparison also covers inputs no fixture has."""
    rng = random.Random(20261202)
    wide = {ord("0") + i: 0xFF10 + i for i in range(10)}
    for number in range(MIXES):
        lines: list[str] = []
        for _ in range(rng.randint(1, 6)):
            source = rng.choice(sources).splitlines()
            start = rng.randrange(len(source))
            lines += source[start : start + rng.randint(1, 40)]
        if rng.random() < 0.3:
            lines = [part for line in lines for part in (line, "")]
        if rng.random() < 0.3:
            lines = [line.translate(wide) for line in lines]
        newline = rng.choice(("\n", "\r\n", "\n\f" if number % 7 == 0 else "\n"))
        yield f"mix/{number:03}", (newline.join(lines) + "\n").encode("utf-8")


def renderings(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` of everything saved for one input."""
    for scheme in SCHEMES:
        document = parse_bytes(data, path=name, scheme=scheme)
        tag = scheme or "auto"
        for fmt in Format:
            yield f"{tag}.{fmt.value}", _render(document, fmt)
        if scheme is None:
            out = io.StringIO()
            report(check(document, name), ReportFormat.TEXT, out)
            yield "auto.check", out.getvalue()
    # The text API too (it hashes differently from bytes, and skips decoding).
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    yield "text.json", _render(parse_text(text, path=name), Format.JSON)


def _render(document: Document, fmt: Format) -> str:
    out = io.StringIO(newline="")
    write(document, fmt, out)
    return out.getvalue()


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _folder(base: Path, name: str) -> Path:
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    return base / f"{Path(name).name[:40]}-{digest}"


def save(base: Path) -> int:
    count = files = 0
    for name, data in documents():
        folder = _folder(base, name)
        folder.mkdir(parents=True, exist_ok=True)
        for file, text in renderings(name, data):
            (folder / file).write_text(text, encoding="utf-8", newline="")
            files += 1
        count += 1
    print(f"saved {count} documents, {files} renderings, in {base}")
    return 0


def compare(base: Path) -> int:
    count = files = differ = 0
    for name, data in documents():
        folder = _folder(base, name)
        for file, text in renderings(name, data):
            saved = folder / file
            files += 1
            if not saved.exists():
                print(f"new: {name} {file}")
                differ += 1
            elif _read(saved) != text:
                print(f"differs: {name} {file}")
                differ += 1
        count += 1
    print(f"compared {count} documents, {files} renderings: {differ} differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    return save(args.folder) if args.action == "save" else compare(args.folder)


if __name__ == "__main__":
    sys.exit(main())
