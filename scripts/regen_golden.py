"""Regenerate the golden files in ``fixtures/`` from each ``fixtures/<case>.txt``.

Every case has an outline, ``<case>.expected.outline``: one line per record, then the
document's facts, made to be read in a diff. The few cases of ``tests.golden.JSON_CASES``
also keep the whole record, ``<case>.expected.json``. ``tests/golden.py`` renders both;
``tests/test_golden.py`` compares them.

Golden files are never edited by hand: change the parser, run this, and review the diff
(``git diff fixtures/``) as part of the change.

    python scripts/regen_golden.py            # rewrite stale golden files, remove orphans
    python scripts/regen_golden.py --check    # only list them; exit 1 if there are any

An orphan is a golden file that no case asks for: a ``.expected.json`` of a case that is
not in ``JSON_CASES``, or a golden file whose ``.txt`` is gone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, for tests/
from tests.golden import (
    FIXTURES,
    JSON_CASES,
    ROOT,
    case_name,
    json_path,
    outline_path,
    parse_case,
    render_json,
    render_outline,
)


def wanted() -> dict[Path, str]:
    """Every golden file there should be, with its text."""
    files: dict[Path, str] = {}
    for case in sorted(FIXTURES.glob("*.txt")):
        document = parse_case(case)
        files[outline_path(case)] = render_outline(document)
        if case_name(case) in JSON_CASES:
            files[json_path(case)] = render_json(document)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only list stale and orphan golden files"
    )
    args = parser.parse_args()
    files = wanted()
    missing = [name for name in JSON_CASES if not (FIXTURES / f"{name}.txt").exists()]
    for name in missing:
        print(f"JSON_CASES names a case with no input: fixtures/{name}.txt", file=sys.stderr)
    changes = 0
    for golden, text in files.items():
        if golden.exists() and golden.read_text(encoding="utf-8") == text:
            continue
        changes += 1
        if args.check:
            print(f"stale: {golden.relative_to(ROOT)}")
        else:
            golden.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote: {golden.relative_to(ROOT)}")
    present = set(FIXTURES.glob("*.expected.json")) | set(FIXTURES.glob("*.expected.outline"))
    for orphan in sorted(present - files.keys()):
        changes += 1
        if args.check:
            print(f"orphan: {orphan.relative_to(ROOT)}")
        else:
            orphan.unlink()
            print(f"removed: {orphan.relative_to(ROOT)}")
    return 1 if missing or (args.check and changes) else 0


if __name__ == "__main__":
    sys.exit(main())
