"""Decisions: the hand-read table of the real corpus, and what no document may yield.

``tests/decisions_read.tsv`` lists every decision of 19 corpus documents, read by hand:
all must be found and none added. Judgement calls made in reading:

* B01 231 and B03 325 (a recess) are put as a new question after others spoke: no item.
* B04 176 (``…同日これを許可いたしました``) is the chair reporting a permission he gave
  before the meeting: no decision of the meeting.
* D01 109 (``御異議なしと認めます。`` and the chair names the members) is a decision with
  no result said after it; D03 23 likewise (``さように決定いたします``).
* D02 33/56/77 are committee chairs' reports (``…承認すべきものと決定いたしました``).
* F01 has eleven délibérations with counts (D202345–D202355), not nine.
* E01's disposition agenda is counted, not listed: see the test below.

The conventions themselves are examples in ``tests/spec/decisions.md``. Skips cleanly
when ``../shared/corpus`` is absent.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from minutes_cli import parse_file
from minutes_cli.models import Decision
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")

PASSED = {"+": True, "−": False, "?": None}


def _read() -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for line in (Path(__file__).parent / "decisions_read.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            doc, *fields = line.split("\t")
            table.setdefault(doc, []).append(tuple(fields))
    return table


READ = _read()
#: Documents read that decide nothing: the decisions found there must be none.
NONE = ("C02", "E02", "F02", "G03", "G04")


def _row(decision: Decision) -> tuple[str, ...]:
    counts = decision.votes
    shown = (
        "/".join(
            "-" if n is None else str(n)
            for n in (counts.yes, counts.no, counts.abstain, counts.total)
        )
        if counts
        else "-"
    )
    passed = next(mark for mark, value in PASSED.items() if value is decision.passed)
    return (
        str(decision.line_start),
        decision.item or "-",
        decision.outcome,
        passed,
        decision.method or "-",
        shown,
    )


def _parse(doc: str) -> list[Decision]:
    (path,) = CORPUS.glob(f"{doc}_*.txt")
    return parse_file(path).decisions


def test_the_table_covers_six_documents_at_least() -> None:
    assert len([doc for doc in READ if doc not in NONE]) >= 6


@pytest.mark.parametrize("doc", sorted(set(READ) | set(NONE)))
def test_every_decision_read_is_found_and_no_other(doc: str) -> None:
    assert [_row(decision) for decision in _parse(doc)] == READ.get(doc, [])


def test_f01_has_a_count_for_each_deliberation() -> None:
    decisions = _parse("F01")
    assert [d.item for d in decisions] == [f"D2023{n}" for n in range(45, 56)]
    assert all(d.votes and d.votes.yes == 11 and d.votes.no == 0 for d in decisions)
    assert all(d.passed and d.unanimous and d.method == "vote" for d in decisions)


def test_e01_disposition_agenda() -> None:
    """Portland's disposition agenda: nineteen ``(Y-5)`` roll calls (three of them merged
    with the disposition after them: CONFIRMED, ACCEPTED AS AMENDED, PASSED TO SECOND
    READING), three PLACED ON FILE, two REFERRED TO…, and the consent agenda adopted on a
    Y-5 roll call; no decision from the speeches."""
    decisions = _parse("E01")
    outcomes = Counter(d.outcome.split(" OF ")[0] for d in decisions)
    assert outcomes["Y-5"] == 16 and outcomes["PLACED ON FILE"] == 3
    assert outcomes["REFERRED TO COMMISSIONER"] == 2 and outcomes["PASSED TO SECOND READING"] == 2
    assert outcomes["CONFIRMED"] == outcomes["ACCEPTED"] == outcomes["adopted"] == 1
    # sixteen tallies alone, three merged with their disposition, the consent agenda
    assert sum(d.method == "roll-call" for d in decisions) == 16 + 3 + 1
    assert all(d.utterance is None for d in decisions)
    numbered = [d.item for d in decisions if d.item]
    assert len(numbered) == len(set(numbered)), "an entry of the agenda is decided once"
