"""Turn kinds on the real corpus: a sample of 201 utterances read by hand.

``tests/turn_kinds_read.tsv`` has the kind a reader gives every utterance of six documents
(and, for an answer, the question it answers). The parse must agree on at least 90% of
them, kind and question both; the table's header says where it does not. The conventions
are examples in ``tests/spec/exchanges.md``. Skips cleanly when ``../shared/corpus`` is
absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minutes_cli import parse_file
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")


def _read() -> dict[tuple[str, int], tuple[str, int | None]]:
    table = {}
    for line in (Path(__file__).parent / "turn_kinds_read.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            doc, seq, kind, reply = line.split("\t")
            table[doc, int(seq)] = (kind, None if reply == "-" else int(reply))
    return table


READ = _read()


def test_the_sample_is_two_hundred_utterances_of_five_documents() -> None:
    assert len(READ) >= 200 and len({doc for doc, _ in READ}) >= 5


def test_the_parse_agrees_with_the_reader_on_nine_in_ten() -> None:
    parsed = {}
    for doc in sorted({doc for doc, _ in READ}):
        (path,) = CORPUS.glob(f"{doc}_*.txt")
        for u in parse_file(path).utterances:
            parsed[doc, u.seq] = (u.kind, u.reply_to)
    assert set(parsed) == set(READ), "every utterance of the documents is in the table"
    agreed = [key for key, read in READ.items() if parsed[key] == read]
    assert len(agreed) / len(READ) >= 0.90, sorted(set(READ) - set(agreed))


@pytest.mark.parametrize("doc", sorted({doc for doc, _ in READ}))
def test_every_answer_answers_an_earlier_question(doc: str) -> None:
    (path,) = CORPUS.glob(f"{doc}_*.txt")
    utterances = parse_file(path).utterances
    kinds = {u.seq: u.kind for u in utterances}
    for u in utterances:
        assert (u.kind == "answer") == (u.reply_to is not None), u.seq
        if u.reply_to is not None:
            assert u.reply_to < u.seq and kinds[u.reply_to] == "question", u.seq
