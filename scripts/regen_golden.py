"""Regenerate ``fixtures/<case>.expected.json`` from ``fixtures/<case>.txt``.

Golden files are never edited by hand: change the parser, run this, and review
the diff (``git diff fixtures/``) as part of the change.

    python scripts/regen_golden.py            # rewrite every golden file
    python scripts/regen_golden.py --check    # exit 1 if any is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from minutes_cli import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def render(case: Path) -> str:
    """The golden JSON for one fixture; the source path is stored relative to the repo."""
    document = parse_bytes(case.read_bytes(), path=case.relative_to(ROOT).as_posix())
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale golden files")
    args = parser.parse_args()
    stale = 0
    for case in sorted(FIXTURES.glob("*.txt")):
        golden = case.with_suffix(".expected.json")
        text = render(case)
        if golden.exists() and golden.read_text(encoding="utf-8") == text:
            continue
        stale += 1
        if args.check:
            print(f"stale: {golden.relative_to(ROOT)}")
        else:
            golden.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote: {golden.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
