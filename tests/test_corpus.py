"""The real corpus in ``../shared/corpus``: dates, utterance counts, roles and line coverage
against the hand-read facts in ``EXPECTED.md`` and ``EXPECTED-G.md`` (style G: other
communities' speaker conventions). Skips cleanly when the corpus is absent.

Run ``pytest tests/test_corpus.py -s`` to see the table.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest

from minutes_cli import parse_file
from minutes_cli.lossless import coverage
from minutes_cli.models import Document, Utterance
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"


class Expected(NamedTuple):
    """What EXPECTED.md states about one document."""

    date: str | None
    utterances: int | None
    tolerance: int
    roles: dict[str, int]


def read_expected(text: str) -> dict[str, Expected]:
    """Parse the per-document facts out of EXPECTED.md (its wording, not ours)."""
    facts: dict[str, Expected] = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        name = block.split()[0]
        date = re.search(r"Date \**(\d{4}-\d{2}-\d{2})", block)
        count = re.search(
            r"(?:Utterances|Speaker turns): \**(≈)?(\d+)\**(?: explicit)?"
            r"(?: \(±(\d+)\))?(?: \(([^)]*)\))?",
            block,
        )
        utterances = int(count[2]) if count else None
        if count and count[3]:
            tolerance = int(count[3])
        elif count and count[1]:
            tolerance = max(2, round(0.05 * int(count[2])))
        else:
            tolerance = max(1, round(0.05 * (utterances or 0)))
        roles: dict[str, int] = {}
        if count and count[4]:
            for part in count[4].split(","):
                found = re.fullmatch(r"\s*([^\d\s±+;]+?)\s+(\d+)\s*", part)
                if found:
                    roles[found[1]] = int(found[2])
        facts[name] = Expected(date[1] if date else None, utterances, tolerance, roles)
    return facts


def label_count(utterances: list[Utterance], label: str) -> int:
    """Utterances whose role, speaker, or speaker+role is ``label`` (``三浦委員``, ``鈴木``)."""
    return sum(
        1
        for u in utterances
        if label in (u.role, u.speaker, f"{u.speaker or ''}{u.role or ''}")
        or (u.speaker or "").startswith(label)
    )


EXPECTED_FILE = CORPUS / "EXPECTED.md"
FACTS = {
    name: fact
    for file in (EXPECTED_FILE, CORPUS / "EXPECTED-G.md")
    if file.exists()
    for name, fact in read_expected(file.read_text(encoding="utf-8")).items()
}

#: Documents whose conventions minutes does not read yet (issue 12): expected to fail, and
#: strictly, so that the mark goes when the document passes.
NOT_YET: dict[str, str] = {}
DOCUMENTS = [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[name]))
    if name in NOT_YET
    else name
    for name in sorted(FACTS)
]
ROWS: list[str] = []


@pytest.fixture(scope="module", autouse=True)
def table() -> object:
    yield None
    if ROWS:
        print(
            "\n"
            + "\n".join(
                ["document | date | utterances (got/expected±tol) | roles | coverage", *ROWS]
            )
        )


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")
@pytest.mark.parametrize("name", DOCUMENTS)
def test_corpus_document(name: str) -> None:
    path = CORPUS / name
    expected = FACTS[name]
    document: Document = parse_file(path)
    text = path.read_bytes().decode("utf-8-sig")
    cover = coverage(document, text)
    got = len(document.utterances)
    role_rows = {
        label: (label_count(document.utterances, label), n) for label, n in expected.roles.items()
    }
    ROWS.append(
        f"{name[:32]:32} | {document.meta.date} "
        f"{'ok' if document.meta.date == expected.date else 'WRONG'}"
        f" | {got}/{expected.utterances}±{expected.tolerance}"
        f" | {' '.join(f'{k}:{g}/{n}' for k, (g, n) in role_rows.items())}"
        f" | missing {len(cover.missing)} doubled {len(cover.doubled)}"
    )
    assert document.meta.date == expected.date
    assert cover.missing == () and cover.doubled == ()
    if expected.utterances is not None:
        assert abs(got - expected.utterances) <= expected.tolerance
    for label, (got_role, want_role) in role_rows.items():
        assert abs(got_role - want_role) <= max(1, round(0.05 * want_role)), label


def test_expected_md_is_read() -> None:
    if not FACTS:
        pytest.skip("../shared/corpus is not present")
    assert FACTS["G01_pyconjp_board_65_2024-02-29.md.txt"] == Expected("2024-02-29", 51, 6, {})
    assert FACTS["G05_apache_board_2014-02-19.txt"] == Expected("2014-02-19", 0, 1, {})
    assert FACTS["B01_hirosaki_plenary_kensakusystem.txt"] == Expected(
        "2023-02-17", 12, 1, {"議長": 10, "事務局長": 1, "市長": 1}
    )
    assert FACTS["E01_portland_council_2011_pdftext.txt"].tolerance == 15
