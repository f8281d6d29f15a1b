"""The lean line pipeline: the least a line-based minutes parser must do, written plainly.

    python bench/lean.py FILE > out.jsonl

Decode UTF-8, fold full-width ASCII with one ``str.translate`` table, test each line once
against one union regex of heading / marker / bullet shapes, join wrapped lines into
paragraphs, and write one JSON line per paragraph with its source span. ``bench/ratios.py``
measures ``minutes`` against it in the same run (issue 14): it is the floor, not a rival.
"""

from __future__ import annotations

import json
import re
import sys

#: Full-width ASCII (！ to ～) and the ideographic space to their half-width forms.
FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

#: One union of the shapes that open a block: a numbered or Markdown heading, a speaker
#: marker, a bullet.
OPENER = re.compile(r"^\s*(?:\d{1,2}[\s.．、]|[（(]\d{1,2}[）)]|#{1,6}\s|[○◎●■◆〇◯]|[・\-*]\s)")


def paragraphs(text: str) -> list[tuple[int, int, str]]:
    """``(first line, last line, text)`` for every paragraph of ``text``."""
    found: list[tuple[int, int, str]] = []
    start, pieces = 0, list[str]()
    for number, raw in enumerate(text.translate(FOLD).splitlines(), 1):
        line = raw.rstrip()
        if not line or OPENER.match(line):
            if pieces:
                found.append((start, number - 1, "".join(pieces)))
            start, pieces = number, [line.strip()] if line else []
            continue
        if not pieces:
            start = number
        pieces.append(line.strip())
    if pieces:
        found.append((start, start + len(pieces) - 1, "".join(pieces)))
    return found


def main(path: str) -> None:
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    write = sys.stdout.write
    for first, last, said in paragraphs(text):
        write(json.dumps({"line_start": first, "line_end": last, "text": said}, ensure_ascii=False))
        write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
