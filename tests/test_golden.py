"""Golden tests: each fixture's full record equals its regenerated ``.expected.json``.

Regenerate with ``python scripts/regen_golden.py`` and review the diff; never edit
the expected files by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minutes_cli import parse_bytes
from tests.conftest import ROOT, assert_lossless, fixture_cases


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.stem)
def test_fixture_matches_golden(case: Path) -> None:
    golden = case.with_suffix(".expected.json")
    assert golden.exists(), f"run scripts/regen_golden.py to create {golden.name}"
    document = parse_bytes(case.read_bytes(), path=case.relative_to(ROOT).as_posix())
    assert document.model_dump(mode="json") == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.stem)
def test_fixture_is_lossless(case: Path) -> None:
    data = case.read_bytes()
    assert_lossless(parse_bytes(data), data.decode("utf-8-sig"))
