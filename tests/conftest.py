"""Shared test helpers: fixture discovery and the lossless assertion."""

from __future__ import annotations

from pathlib import Path

from minutes_cli.lossless import coverage
from minutes_cli.models import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "seed_kushiro_2025.txt"
SHARED = ROOT.parent / "shared"


def fixture_cases() -> list[Path]:
    """Every ``fixtures/<case>.txt``; each must have a golden ``<case>.expected.outline``
    (and the few of ``tests.golden.JSON_CASES`` a ``<case>.expected.json``)."""
    return sorted(FIXTURES.glob("*.txt"))


def assert_lossless(document: Document, text: str) -> None:
    """Every non-blank line of ``text`` is owned by exactly one record."""
    result = coverage(document, text)
    assert result.missing == (), f"lines in no record: {result.missing}"
    assert result.doubled == (), f"lines in two records: {result.doubled}"
