"""Golden tests: each fixture's record against the golden files beside it.

Every ``fixtures/<case>.txt`` has an outline, ``<case>.expected.outline`` (one line per
record, then the document's facts; ``tests/golden.py`` says what it holds), and the cases
of ``JSON_CASES`` also the whole record, ``<case>.expected.json``. A failure prints the
lines that differ, golden first. Regenerate with ``python scripts/regen_golden.py`` and
review the diff; never edit the expected files by hand.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from minutes_cli import parse_bytes
from minutes_cli.models import Document, Dropped
from tests.conftest import assert_lossless, fixture_cases
from tests.golden import (
    FIXTURES,
    JSON_CASES,
    REGENERATE,
    json_path,
    lines,
    outline_path,
    parse_case,
    render_json,
    render_outline,
    words,
)


def assert_same(golden: Path, text: str) -> None:
    """``text`` is the golden file's text; else fail with a diff of the lines that differ."""
    assert golden.exists(), f"{golden.name} is missing: run {REGENERATE}"
    expected = golden.read_text(encoding="utf-8")
    if text == expected:
        return
    diff = difflib.unified_diff(
        expected.splitlines(),
        text.splitlines(),
        f"{golden.name} (golden)",
        f"{golden.name} (parsed now)",
        n=1,
        lineterm="",
    )
    pytest.fail(
        f"{golden.name} differs from the parse; if the change is right, run {REGENERATE}\n"
        + "\n".join(diff),
        pytrace=False,
    )


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.stem)
def test_fixture_matches_outline(case: Path) -> None:
    assert_same(outline_path(case), render_outline(parse_case(case)))


@pytest.mark.parametrize("name", JSON_CASES)
def test_fixture_matches_json(name: str) -> None:
    case = FIXTURES / f"{name}.txt"
    assert_same(json_path(case), render_json(parse_case(case)))


def test_json_goldens_are_exactly_the_json_cases() -> None:
    """No ``.expected.json`` is left over from a case that no longer keeps one."""
    present = sorted(p.name for p in FIXTURES.glob("*.expected.json"))
    assert present == sorted(f"{name}.expected.json" for name in JSON_CASES)


def test_every_golden_has_its_input() -> None:
    """No outline is left over from a removed fixture."""
    inputs = {outline_path(case).name for case in fixture_cases()}
    assert sorted(p.name for p in FIXTURES.glob("*.expected.outline")) == sorted(inputs)


def changed_lines(before: str, after: str) -> list[str]:
    """The lines of ``after`` that are not in ``before``."""
    old = set(before.splitlines())
    return [line for line in after.splitlines() if line not in old]


def test_outline_shows_a_changed_value_on_its_own_line() -> None:
    """A wrong role, kind, column or title is one changed line of the outline."""
    seed = parse_case(FIXTURES / "seed_kushiro_2025.txt")
    glued = parse_case(FIXTURES / "english_pdf_glued.txt")
    turn, note, section = seed.utterances[0], seed.notes[0], seed.sections[0]
    cases: list[tuple[Document, dict[str, object]]] = [
        (seed, {"utterances": [turn.model_copy(update={"role": "委員"}), *seed.utterances[1:]]}),
        (seed, {"notes": [note.model_copy(update={"kind": "text"}), *seed.notes[1:]]}),
        (seed, {"sections": [section.model_copy(update={"title": "X"}), *seed.sections[1:]]}),
        (seed, {"meta": seed.meta.model_copy(update={"weekday": "火"})}),
        (glued, {"utterances": [glued.utterances[0].model_copy(update={"column_end": 74})]}),
    ]
    for document, update in cases:
        before = render_outline(document)
        after = render_outline(document.model_copy(update=update))
        changed = changed_lines(before, after)
        assert 1 <= len(changed) <= 2, changed  # a section's title is on its heading too


def test_outline_columns() -> None:
    def dropped(**fields: int | None) -> Dropped:
        return Dropped(line_start=12, line_end=13, reason="r", text="t", **fields)

    assert lines(dropped()) == "12-13"
    assert lines(Dropped(line_start=4, line_end=4, reason="r", text="t")) == "4"
    assert lines(dropped(column_start=5, column_end=40)) == "12:5-13:40"
    assert lines(dropped(column_start=5)) == "12:5-13"
    assert lines(dropped(page_start=2, page_end=3)) == "12-13 p2-3"
    assert words("あ" * 30) == "あ" * 17 + "…"
    assert words("a\nb") == "a⏎b"


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.stem)
def test_fixture_is_lossless(case: Path) -> None:
    data = case.read_bytes()
    assert_lossless(parse_bytes(data), data.decode("utf-8-sig"))
